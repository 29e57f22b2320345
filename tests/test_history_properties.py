"""A month already past keeps its figures, whatever is done later (hypothesis).

A ledger gets a sequence of dated operations (add, update with or without
audit figures, done, apply for sign-off, return it, close, reopen, extend, dismiss,
a letter chasing a problem, its reply, the committee's vote, and carrying the open
problems into next year's ledger), applied in date order through rectify.changes as
the commands apply them. (Import is left out: its plan turns rows into these same
operations.)
For a month end M, the figures of every month up to M are taken after the
operations dated up to M, and again after all of them: `status`'s figures,
`progress`'s rows, the chase list with how often each problem had been chased,
each issue as `show --as-of` gives it, and the monthly report must be the same. And on every
month end, every output gives each issue one status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify.changes import ops
from rectify.changes.carry import carry_over
from rectify.dates import month_end
from rectify.errors import RectifyError
from rectify.figures.chase import chase_list
from rectify.figures.facts import audit_figures, dedupe, facts_of, review_figures
from rectify.figures.months import month_of, monthly_series
from rectify.figures.select import Filters, select
from rectify.figures.state import Item, exists_on, issue_as_of, issue_state, items, report_again
from rectify.figures.tally import figures
from rectify.io.sheets.export import issue_record
from rectify.ledger.rules import vote_result
from rectify.model import Chase, Colour, Deliberation, Ledger, Result
from rectify.output.json import chase_json
from rectify.output.monthly import LedgerFile, monthly_report

LIST_DATE = dt.date(2024, 1, 10)
LAST = dt.date(2024, 12, 31)
MONTH_ENDS = [month_end(2024, m) for m in range(1, 13)]
KINDS = (
    "add",
    "update",
    "done",
    "apply",
    "return",
    "close",
    "reopen",
    "extend",
    "dismiss",
    "chase",
    "reply",
    "vote",
    "carry",
)

# The sign-off review takes several steps on one issue (apply, then return or close): drawn
# more often, so that many examples return an application, apply again, and approve.
WEIGHTED = (*KINDS, "apply", "return", "return", "close")


@dataclass(frozen=True)
class Op:
    kind: str
    on: dt.date
    target: int  # which issue (modulo how many there are)
    value: int  # a completion, or days to extend by


def ledger() -> Ledger:
    data: dict[str, Any] = {
        "schema": 1,
        "ledger": {
            "id": "t-2024",
            "title": "清单",
            "supervisor": "委员会",
            "assigned_on": LIST_DATE,
            "id_prefix": "T",
        },
        "issues": [
            {
                "id": f"T-00{n}",
                "title": f"问题{n}",
                "lead_unit": "民政局",
                "deadline": deadline,
                "amount_involved": amount,
            }
            for n, deadline, amount in (
                (1, dt.date(2024, 6, 30), 120.5),
                (2, dt.date(2024, 9, 30), None),
            )
        ],
    }
    return Ledger.model_validate(data)


days = st.integers(1, (LAST - LIST_DATE).days).map(lambda n: LIST_DATE + dt.timedelta(days=n))
ops_strategy = st.lists(
    st.builds(Op, st.sampled_from(WEIGHTED), days | st.sampled_from(MONTH_ENDS), st.integers(0, 5),
              st.integers(1, 99)),
    min_size=1,
    max_size=14,
)  # fmt: skip


Books = tuple[Ledger, Ledger | None]  # this year's ledger, and next year's once carried into


def apply(books: Books, op: Op) -> Books:
    """One operation as its command would do it; a refused one changes nothing."""
    book, later = books
    if op.kind == "carry":
        if later is not None:
            # Once per year here: a second carry-over into the same ledger counts its problems
            # under next year's ledger from that ledger's first day (figures unchanged).
            return books
        try:
            done = carry_over(book, later, as_of=op.on, ledger_id="t-2025", title="清单（续）")
        except RectifyError:
            return books
        return done.old, done.new
    return apply_one(book, op), later


def apply_one(book: Ledger, op: Op) -> Ledger:
    ident = book.issues[op.target % len(book.issues)].id
    try:
        if op.kind == "add":
            draft = ops.Draft(
                title=f"新问题{op.on}", lead_unit="民政局",
                deadline=op.on + dt.timedelta(days=op.value), assigned_on=op.on,
            )  # fmt: skip
            return ops.add_issue(book, draft)
        if op.kind == "update":  # every other report gives audit figures too (totals so far)
            audit = ops.AuditFigures(op.value / 4, op.value % 3, op.value % 5 or None)
            given = audit if op.value % 2 else ops.AuditFigures()
            return ops.update_progress(book, ident, on=op.on, completion=op.value, audit=given)
        if op.kind == "done":
            return ops.mark_done(book, ident, on=op.on)
        if op.kind == "apply":  # the unit reports it done (if it is not yet) and applies
            if book.issues[op.target % len(book.issues)].status.active:
                book = ops.mark_done(book, ident, on=op.on)
            return ops.apply_signoff(book, ident, on=op.on)
        if op.kind == "return":
            return ops.return_application(book, ident, on=op.on, reason="佐证不全")
        if op.kind == "close":
            return ops.close(book, ident, by="委员会", on=op.on)
        if op.kind == "reopen":
            return ops.reopen(book, ident, on=op.on, note="复查反弹")
        if op.kind == "extend":
            issue = book.issues[op.target % len(book.issues)]
            to = issue.deadline + dt.timedelta(days=op.value)
            return ops.extend(book, ident, on=op.on, to=to, reason="延期")
        if op.kind == "chase":
            colour = (None, Colour.RED, Colour.YELLOW, Colour.BLUE)[op.value % 4]
            due = op.on + dt.timedelta(days=op.value % 15)
            letter = Chase(date=op.on, colour=colour, to="分管领导", cc=["经办人"], reply_due=due)
            return ops.chase(book, ident, letter)
        if op.kind == "reply":
            return ops.reply(book, ident, on=op.on)
        if op.kind == "vote":
            counts = (op.value % 7, op.value % 5, op.value % 11)
            result = vote_result(*counts) or Result.DISSATISFIED
            entry = Deliberation(
                date=op.on, meeting="第二十次会议", satisfied=counts[0],
                basically_satisfied=counts[1], dissatisfied=counts[2], result=result,
            )  # fmt: skip
            return ops.vote(book, entry)
        return ops.dismiss(book, ident, on=op.on, reason="不予整改")
    except RectifyError:
        return book


def month_figures(books: Books, up_to: dt.date) -> list[Any]:
    """Every month's figures up to a month end: status, progress, and the report's text.

    Both years' ledgers are rolled up, as `status` rolls up a folder (a problem
    carried over counts once).
    """
    ledgers = [book for book in books if book is not None]
    pool = items(ledgers)
    ends = [end for end in MONTH_ENDS if end <= up_to]
    found: list[Any] = [figures(pool, end) for end in ends]
    found += [review_figures(dedupe(facts_of(pool, end))) for end in ends]
    found += [audit_figures(dedupe(facts_of(pool, end))) for end in ends]
    found += monthly_series(pool, month_of(LIST_DATE), month_of(up_to))
    for end in ends:
        found.append(chase_json(chase_list(pool, end), end, due_soon_days=14, margin=20))
        mine = items([books[0]])  # this year's issues, as `show --as-of` gives them
        found.append([issue_as_of(item, end) for item in mine if exists_on(item, end)])
        found.append(report_again(books[0], end))  # the votes are this year's ledger's
        files = [LedgerFile(book, f"{book.ledger.id}.yaml", "0") for book in ledgers]
        text = monthly_report(files, month_of(end), end, "zh")
        found.append(text)
    return found


def statuses(book: Ledger, on: dt.date) -> list[tuple[str, str, str, str, str]]:
    """Each issue's status on a date as the figures, `show`, `export` and `list` give it."""
    listed = {row.item.issue.id: row.status.value for row in select([book], Filters(), as_of=on)}
    found = []
    for issue in book.issues:
        item = Item(book, issue)
        state = issue_state(item, on)
        if not state.exists:
            continue
        found.append(
            (
                state.status.value,
                issue_as_of(item, on).status.value,
                issue_record(item, on)["status"],
                listed[issue.id],
                issue.id,
            )
        )
    return found


@settings(max_examples=150, deadline=None)
@given(ops_strategy, st.sampled_from(MONTH_ENDS[:-1]))
def test_later_operations_never_change_a_month_already_past(
    operations: list[Op], cut: dt.date
) -> None:
    books: Books = (ledger(), None)
    ordered = sorted(operations, key=lambda op: op.on)
    for op in ordered:
        if op.on <= cut:
            books = apply(books, op)
    before = month_figures(books, cut)
    for op in ordered:
        if op.on > cut:
            books = apply(books, op)
    assert month_figures(books, cut) == before
    for end in MONTH_ENDS:
        for figures_said, shown, exported, listed, ident in statuses(books[0], end):
            assert figures_said == shown == exported == listed, (ident, end)
