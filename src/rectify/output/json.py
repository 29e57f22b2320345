"""Every ``--format json`` shape of rectify, one encoder, typed.

Each shape is a TypedDict here, documented in docs/json.md, and a test checks
every command's JSON against its shape. Rates are given as exact counts with
the unrounded value and the cut text (:class:`RatioJSON`), never as a float
alone, so scripts can recompute them. Dates are ISO text. Nothing here prints.
"""

# No `from __future__ import annotations` here: TypedDict reads NotRequired from the
# evaluated annotations (Python 3.11), so the shapes below know their optional keys.

import datetime as dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, NotRequired, Protocol, TypedDict, cast

from rectify.errors import Problem
from rectify.figures.chase import UnitChase
from rectify.figures.diff import Change, Kind, LogEntry
from rectify.figures.months import MonthRow, is_month_end
from rectify.figures.select import Row
from rectify.figures.tally import Audit, Figures, Group, GroupBy, Review, rate
from rectify.figures.view import WarningCounts
from rectify.figures.warnings import LEVELS, Assessment, WarningLevel
from rectify.i18n import Lang
from rectify.model import Issue, Ledger, Source, Status, Track
from rectify.numbers import format_amount, format_completion, format_percent
from rectify.output.words import month_label, signed_points


class RatioJSON(TypedDict):
    """A rate: exact counts, the unrounded value (null for 0/0) and the text as printed."""

    numerator: int
    denominator: int
    value: float | None
    text: str


class ExactJSON(TypedDict):
    """An exact number (a mean, a change of points): its fraction in lowest terms."""

    numerator: int
    denominator: int
    value: float
    text: str


class FiguresJSON(TypedDict):
    """The figures of a set of issues on a date (the words of the format contract)."""

    total: int
    counted: int
    open: int
    in_progress: int
    rectified: int
    closed: int
    dismissed: int
    overdue: int
    due_soon: int
    rectified_rate: RatioJSON
    closed_rate: RatioJSON
    mean_completion: ExactJSON | None
    on_time_rate: RatioJSON
    extensions: int


class WarningsJSON(TypedDict):
    """How many problems carry each warning colour (三色预警)."""

    red: int
    yellow: int
    blue: int


class GroupJSON(FiguresJSON):
    """The figures of one group of `status --by`: a unit, a source, a track, a ledger."""

    key: str
    warnings: NotRequired[WarningsJSON]
    parent: NotRequired[str | None]  # with --by ledger: the ledger this one rolls up into


class ReviewJSON(TypedDict):
    """The sign-off review (销号审核) on the date: counted issues by their last step."""

    pending: int  # an application awaits a decision (待审核)
    returned: int  # returned, not applied for again yet (已退回)
    approved: int  # approved: signed off after an application (审核通过)


class AuditJSON(TypedDict):
    """The audit figures (审计整改) of the counted issues on the date, summed exactly."""

    amount_involved: str  # 涉及金额, 万元, an exact decimal as text
    amount_rectified: str  # 已整改金额, 万元
    rules_issued: int  # 制定完善制度（项）
    people_accountable: int  # 追责问责（人）
    issues: int  # the counted issues that record any of them


class StatusJSON(FiguresJSON):
    """`rectify status --format json`."""

    as_of: str
    warnings: NotRequired[WarningsJSON]
    review: NotRequired[ReviewJSON]
    audit: NotRequired[AuditJSON]
    groups: list[GroupJSON]


class MonthJSON(TypedDict):
    """One month of `rectify progress --format json` (and of the export)."""

    month: str
    as_of: str
    month_ended: bool
    assigned_in_month: int
    assigned_to_date: int
    rectified_in_month: int
    rectified_to_date: int
    counted: int
    closed: int
    rectified_rate: RatioJSON
    change_pp: ExactJSON | None
    mean_completion: ExactJSON | None
    overdue: int


class ProgressJSON(TypedDict):
    """`rectify progress --format json`."""

    as_of: str
    months: list[MonthJSON]


class ChaseIssueJSON(TypedDict):
    """One problem of `rectify due --format json`; ``status`` is its status on the date."""

    ledger: str
    id: str
    title: str
    lead_unit: str
    level: str
    status: str
    track: str
    deadline: str
    days_overdue: int
    days_left: int
    completion: float
    expected: float | None
    last_progress: str | None
    silent: bool
    carried_from: str | None
    chased: int
    last_chased: str | None
    replied: bool
    reply_overdue: bool


class ChaseCountsJSON(TypedDict):
    """Problems per warning colour, and how many have been silent for over a month."""

    red: int
    yellow: int
    blue: int
    silent: int


class ChaseUnitJSON(TypedDict):
    """One lead unit of `rectify due --format json`."""

    unit: str
    counts: ChaseCountsJSON
    issues: list[ChaseIssueJSON]


class ChaseJSON(TypedDict):
    """`rectify due --format json`."""

    as_of: str
    due_soon_days: int
    margin: float
    counts: ChaseCountsJSON
    units: list[ChaseUnitJSON]


class ChangeJSON(TypedDict):
    """One change of `rectify diff` / `rectify log` (keys without a value are left out)."""

    kind: str
    ledger: str
    issue: NotRequired[str]
    title: NotRequired[str]
    unit: NotRequired[str]
    field: NotRequired[str]
    before: NotRequired[Any]
    after: NotRequired[Any]
    completion: NotRequired[float]
    note: NotRequired[str]
    date: NotRequired[str]


class RevisionJSON(TypedDict):
    """The commit a comparison starts from."""

    rev: str
    commit: str
    date: str
    subject: str


class DiffJSON(TypedDict):
    """`rectify diff --format json`."""

    to: str
    issues_changed: int
    counts: dict[str, int]
    changes: list[ChangeJSON]


class LogEntryJSON(TypedDict):
    """One commit (or the working tree: commit null) of `rectify log --format json`."""

    commit: str | None
    date: str | None
    author: str | None
    subject: str | None
    invalid: bool
    carried_from: str | None  # 'ledger/id': an entry of the issue this one was carried from
    changes: list[ChangeJSON]


class LogJSON(TypedDict):
    """`rectify log --format json`."""

    issue: str
    history: list[LogEntryJSON]


class UnitFiguresJSON(FiguresJSON):
    """The figures of one lead unit in the export."""

    unit: str


class ExportJSON(TypedDict):
    """`rectify export --format json`: each issue as it stood, units, total and months."""

    as_of: str
    issues: list[dict[str, Any]]
    units: list[UnitFiguresJSON]
    total: FiguresJSON
    months: list[MonthJSON]


class ProblemJSON(TypedDict):
    """One problem of `rectify check --format json`."""

    path: str
    line: int
    column: int
    code: str
    severity: str
    issue_id: str | None
    message: str
    hint: str | None


# --- JSON ------------------------------------------------------------------------------------


def ratio_json(numerator: int, denominator: int) -> RatioJSON:
    """A rate for machines: the exact counts, the unrounded value (null for 0/0) and the text."""
    value = rate(numerator, denominator)
    return {
        "numerator": numerator,
        "denominator": denominator,
        "value": float(value) if value is not None else None,
        "text": format_percent(value),
    }


def exact_json(value: Fraction | None, text: str) -> ExactJSON | None:
    """An exact number (a mean, a change) for machines: its fraction in lowest terms and value."""
    if value is None:
        return None
    return {
        "numerator": value.numerator,
        "denominator": value.denominator,
        "value": float(value),
        "text": text,
    }


def figures_json(figs: Figures) -> FiguresJSON:
    """The figures of a set of issues as JSON-ready data (keys of the contract)."""
    return {
        "total": figs.total,
        "counted": figs.counted,
        "open": figs.open,
        "in_progress": figs.in_progress,
        "rectified": figs.rectified,
        "closed": figs.closed,
        "dismissed": figs.dismissed,
        "overdue": figs.overdue,
        "due_soon": figs.due_soon,
        "rectified_rate": ratio_json(figs.rectified, figs.counted),
        "closed_rate": ratio_json(figs.closed, figs.counted),
        "mean_completion": exact_json(
            figs.mean_completion, format_completion(figs.mean_completion)
        ),
        "on_time_rate": ratio_json(figs.on_time, figs.rectified),
        "extensions": figs.extensions,
    }


def status_json(
    overall: Figures,
    groups: Sequence[Group],
    by: GroupBy,
    *,
    warnings: WarningCounts | None = None,
    by_group: Mapping[str, WarningCounts] | None = None,
    review: Review | None = None,
    audit: Audit | None = None,
) -> StatusJSON:
    """`rectify status --format json`: the figures, then one entry per group.

    Ledger groups also carry `parent`, the ledger they roll up into (or null).
    With `warnings` (the total's) and `by_group` (see group_warnings), the
    total and each group carry "warnings": {"red": n, "yellow": n, "blue": n}.
    With a `review` in which any issue has a step, "review" gives the sign-off
    review's counts; with an `audit` any issue records, "audit" its sums.
    """
    entries: list[GroupJSON] = []
    for group in groups:
        entry = cast(GroupJSON, {"key": group.key, **figures_json(group.figures)})
        if by_group is not None:
            entry["warnings"] = warnings_json(by_group.get(group.key, WarningCounts()))
        if by == "ledger":
            entry["parent"] = group.parent
        entries.append(entry)
    data: dict[str, Any] = {"as_of": overall.as_of.isoformat(), **figures_json(overall)}
    if warnings is not None:
        data["warnings"] = warnings_json(warnings)
    if review is not None and review.any:
        data["review"] = ReviewJSON(
            pending=review.pending, returned=review.returned, approved=review.approved
        )
    if audit is not None and audit.any:
        data["audit"] = AuditJSON(
            amount_involved=format_amount(audit.involved),
            amount_rectified=format_amount(audit.rectified),
            rules_issued=audit.rules,
            people_accountable=audit.people,
            issues=audit.issues,
        )
    data["groups"] = entries
    return cast(StatusJSON, data)


def warnings_json(counts: WarningCounts) -> WarningsJSON:
    """How many problems are red, yellow and blue."""
    return WarningsJSON(red=counts.red, yellow=counts.yellow, blue=counts.blue)


def month_json(row: MonthRow) -> MonthJSON:
    """One month's flows, stocks and exact rates."""
    return MonthJSON(
        month=month_label((row.year, row.month)),
        as_of=row.as_of.isoformat(),
        month_ended=is_month_end(row),
        assigned_in_month=row.assigned_in_month,
        assigned_to_date=row.assigned_to_date,
        rectified_in_month=row.rectified_in_month,
        rectified_to_date=row.rectified_to_date,
        counted=row.counted,
        closed=row.closed,
        rectified_rate=ratio_json(row.rectified_to_date, row.counted),
        change_pp=exact_json(row.change_pp, signed_points(row.change_pp)),
        mean_completion=exact_json(row.mean_completion, format_completion(row.mean_completion)),
        overdue=row.overdue,
    )


def progress_json(rows: Sequence[MonthRow], as_of: dt.date) -> ProgressJSON:
    """`rectify progress --format json`: every month's flows, stocks and exact rates."""
    return ProgressJSON(as_of=as_of.isoformat(), months=[month_json(row) for row in rows])


def _number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def entry_json(entry: Assessment) -> ChaseIssueJSON:
    """One issue of a chase list as plain JSON data, its status the one on the date."""
    issue = entry.item.issue
    return {
        "ledger": entry.item.ledger_id,
        "id": issue.id,
        "title": issue.title,
        "lead_unit": issue.lead_unit,
        "level": entry.level.value,
        "status": entry.state.status.value,
        "track": issue.track.value,
        "deadline": entry.state.deadline.isoformat(),
        "days_overdue": entry.days_overdue,
        "days_left": entry.days_left,
        "completion": float(entry.state.completion),
        "expected": _number(entry.expected),
        "last_progress": _day(entry.last_progress),
        "silent": entry.silent,
        "carried_from": issue.carried_from,
        "chased": entry.chases.count,
        "last_chased": _day(entry.chases.last.date if entry.chases.last else None),
        "replied": entry.chases.replied,
        "reply_overdue": entry.chases.reply_late,
    }


def chase_json(
    units: list[UnitChase], as_of: dt.date, *, due_soon_days: int, margin: int | Fraction
) -> ChaseJSON:
    """A chase list as plain JSON data, with the counts per level."""
    every = [entry for unit in units for entry in unit.entries]
    return {
        "as_of": as_of.isoformat(),
        "due_soon_days": due_soon_days,
        "margin": float(Fraction(margin)),
        "counts": _chase_counts(
            [sum(e.level is level for e in every) for level in LEVELS],
            sum(e.silent for e in every),
        ),
        "units": [
            {
                "unit": unit.unit,
                "counts": _chase_counts([unit.count(level) for level in LEVELS], unit.silent),
                "issues": [entry_json(entry) for entry in unit.entries],
            }
            for unit in units
        ],
    }


def _chase_counts(levels: Sequence[int], silent: int) -> ChaseCountsJSON:
    red, yellow, blue = levels
    return ChaseCountsJSON(red=red, yellow=yellow, blue=blue, silent=silent)


def export_json(
    as_of: dt.date,
    records: Sequence[Mapping[str, Any]],
    units: Sequence[Group],
    total: Figures,
    months: Sequence[MonthRow],
) -> ExportJSON:
    """`rectify export --format json` from the export's records and figures."""
    return ExportJSON(
        as_of=as_of.isoformat(),
        issues=[_jsonable(dict(record)) for record in records],
        units=[UnitFiguresJSON(unit=group.key, **figures_json(group.figures)) for group in units],
        total=figures_json(total),
        months=[month_json(row) for row in months],
    )


# --- what changed ------------------------------------------------------------------------------


def change_json(change: Change) -> ChangeJSON:
    """One change record as JSON values; keys without a value are left out."""
    data: dict[str, Any] = {"kind": change.kind.value, "ledger": change.ledger}
    for name in ("issue", "title", "unit", "field", "before", "after", "completion", "note"):
        value = getattr(change, name)
        if value not in (None, ""):
            data[name] = value
    if change.date is not None:
        data["date"] = change.date.isoformat()
    return cast(ChangeJSON, data)


class _Revision(Protocol):
    @property
    def rev(self) -> str: ...
    @property
    def commit(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def subject(self) -> str: ...


def diff_json(
    revision: _Revision, changes: Sequence[Change], *, counts: Mapping[Kind, int], issues: int
) -> dict[str, Any]:
    """`rectify diff --format json`: from which commit, how many issues, every change."""
    return {
        "from": RevisionJSON(
            rev=revision.rev, commit=revision.commit, date=revision.date, subject=revision.subject
        ),
        **DiffJSON(
            to="working tree",
            issues_changed=issues,
            counts={kind.value: n for kind, n in counts.items()},
            changes=[change_json(change) for change in changes],
        ),
    }


def log_json(issue: str, entries: Sequence[LogEntry]) -> LogJSON:
    """`rectify log --format json`: the issue's history, commit by commit."""
    return LogJSON(
        issue=issue,
        history=[
            LogEntryJSON(
                commit=entry.commit.commit if entry.commit else None,
                date=entry.commit.date if entry.commit else None,
                author=entry.commit.author if entry.commit else None,
                subject=entry.commit.subject if entry.commit else None,
                invalid=entry.invalid,
                carried_from=entry.carried_from,
                changes=[change_json(change) for change in entry.changes],
            )
            for entry in entries
        ],
    )


def problems_json(problems: Sequence[Problem], lang: Lang) -> list[ProblemJSON]:
    """`rectify check --format json`: every problem with its place, code, message and hint."""
    return [
        ProblemJSON(
            path=str(p.path),
            line=p.line,
            column=p.column,
            code=p.code,
            severity=p.severity.value,
            issue_id=p.issue_id,
            message=p.message(lang),
            hint=p.hint(lang),
        )
        for p in problems
    ]


# --- for scripts ----------------------------------------------------------------------------------


def issue_data(ledger: Ledger, issue: Issue, warning: WarningLevel | None = None) -> dict[str, Any]:
    """An issue as JSON-ready data with the format's key names, after a "ledger" key (its id).

    With a ``warning``, a last "warning" key holds "red", "yellow", "blue" or None.
    """
    from rectify.model import issue_to_data

    data = {"ledger": ledger.ledger.id, **_jsonable(issue_to_data(issue))}
    if warning is not None:
        data["warning"] = warning_value(warning)
    return data


def listing_json(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """`rectify list --format json`: every issue listed, its warning, and where it was carried."""
    return [
        issue_data(row.item.ledger, row.item.issue, row.warning)
        | ({"carried_to": row.carried_to} if row.carried_to else {})
        | ({"handed_to": row.handed_to} if row.handed_to else {})
        for row in rows
    ]


def warning_value(level: WarningLevel) -> str | None:
    """A warning level for scripts: "red", "yellow", "blue", or None for no warning."""
    return None if level is WarningLevel.NONE else level.value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Status | Track | Source):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
