"""The figures of the format contract, pure, as of a date.

Owns: the one status of an issue on a date (state: IssueState.status), tallies
and groups (tally), the month-by-month series (months), three-colour warnings
(warnings), a month end's assessments and progress row from one pass
(month_ends), the chase list (chase), per-issue facts (facts), what `status`
shows (view), which issues a listing shows (select), and what changed between
two versions (diff). No I/O, no clock, no text in a language beyond labels.

May import: the base only; never storage (rectify.ledger), git or output.
"""
