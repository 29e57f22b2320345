"""Pure figures of the contract: issue state, rates, groups and month-end series as of a date.

Every figure is read from an issue's dated history (see "Figures" in the format
docs), so a past date gives the figures that date had. No I/O and no clock here:
the date is always an argument. Rates and means are exact fractions, never floats.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, TypeVar

from rectify.dates import month_end as month_end  # re-exported: one definition
from rectify.model import Issue, Ledger, Source, Status, Track

DUE_SOON_DAYS = 14
NO_VALUE = "—"

GroupBy = Literal["unit", "co-unit", "source", "track", "ledger"]
GROUP_BY: tuple[GroupBy, ...] = ("unit", "co-unit", "source", "track", "ledger")

Month = tuple[int, int]

_DONE = (Status.RECTIFIED, Status.CLOSED)

T = TypeVar("T")


# --- issues with their ledger --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One issue together with the ledger it belongs to."""

    ledger: Ledger
    issue: Issue

    @property
    def ledger_id(self) -> str:
        """The id of the issue's ledger."""
        return self.ledger.ledger.id

    @property
    def key(self) -> str:
        """The issue's name across ledgers, as `carried_from` spells it: 'ledger-id/issue-id'."""
        return f"{self.ledger.ledger.id}/{self.issue.id}"

    @property
    def assigned_on(self) -> dt.date | None:
        """The date the issue was handed over: its own, else the ledger's."""
        return self.ledger.assigned_on(self.issue)


def items(ledgers: Iterable[Ledger]) -> list[Item]:
    """Every issue of the ledgers, ledger by ledger, in file order."""
    return [Item(ledger, issue) for ledger in ledgers for issue in ledger.issues]


def dedupe_carried(pool: Iterable[Item], as_of: dt.date | None = None) -> list[Item]:
    """Keep only the newest link of each carried-over chain (跨年再盯), so a roll-up counts it once.

    An item is dropped when another item's `carried_from` names it. With `as_of`,
    only successors that exist on that date count: before next year's issue was
    assigned, last year's issue still stands for the problem.
    """
    return drop_superseded(
        pool,
        lambda item: item.key,
        lambda item: item.issue.carried_from if as_of is None or exists_on(item, as_of) else None,
    )


def drop_superseded(
    pool: Iterable[T], key: Callable[[T], str], carried_from: Callable[[T], str | None]
) -> list[T]:
    """The entries no other entry's `carried_from` names (an entry naming itself does not count)."""
    chosen = list(pool)
    superseded = {
        origin for entry in chosen if (origin := carried_from(entry)) and origin != key(entry)
    }
    return [entry for entry in chosen if key(entry) not in superseded]


# --- one issue as of a date ------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def completion_value(value: float) -> Fraction:
    """A completion as stored (a float with at most one decimal) as an exact fraction.

    Kept once per value: there are at most 1,001 of them, and a month-by-month
    table of a big roll-up asks for hundreds of thousands.
    """
    return Fraction(str(value))


def exists_on(item: Item, as_of: dt.date) -> bool:
    """Whether the issue had been assigned by that date (an issue with no date always exists)."""
    assigned = item.assigned_on
    return assigned is None or assigned <= as_of


def is_dismissed(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was dismissed (不予整改) on or before that date."""
    return issue.dismissed_on is not None and issue.dismissed_on <= as_of


def is_rectified(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was rectified (已整改, 含已销号) on or before that date."""
    return issue.status in _DONE and issue.rectified_on is not None and issue.rectified_on <= as_of


def is_closed(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was signed off (已销号) on or before that date."""
    verified = issue.verification.date if issue.verification else None
    return issue.status is Status.CLOSED and verified is not None and verified <= as_of


def completion_on(issue: Issue, as_of: dt.date) -> Fraction:
    """The completion in percent (0-100) the issue had on that date."""
    if is_rectified(issue, as_of):
        return Fraction(100)
    if issue.progress:
        reported = [entry for entry in issue.progress if entry.date <= as_of]
        return completion_value(reported[-1].completion) if reported else Fraction(0)
    return completion_value(issue.completion)


def deadline_on(issue: Issue, as_of: dt.date) -> dt.date:
    """The deadline in force on that date: later changes had not been made yet."""
    later = (change.from_ for change in issue.deadline_changes if change.date > as_of)
    return next(later, issue.deadline)


def extensions_on(issue: Issue, as_of: dt.date) -> int:
    """How many deadline changes had been made by that date."""
    return sum(1 for change in issue.deadline_changes if change.date <= as_of)


def is_on_time(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was rectified by that date and no later than its original deadline."""
    return (
        is_rectified(issue, as_of)
        and issue.rectified_on is not None
        and issue.rectified_on <= issue.original_deadline
    )


@dataclass(frozen=True, slots=True)
class IssueState:
    """Where one issue stood on a date, in the words of the contract."""

    as_of: dt.date
    exists: bool
    dismissed: bool
    counted: bool
    rectified: bool
    closed: bool
    completion: Fraction
    deadline: dt.date
    overdue: bool
    due_soon: bool
    within_period: bool
    open: bool
    in_progress: bool
    on_time: bool
    extensions: int


def issue_state(item: Item, as_of: dt.date, *, due_soon_days: int = DUE_SOON_DAYS) -> IssueState:
    """The state of one issue on a date; flags other than exists/dismissed need it counted."""
    issue = item.issue
    exists = exists_on(item, as_of)
    dismissed = exists and is_dismissed(issue, as_of)
    counted = exists and not dismissed
    rectified = counted and is_rectified(issue, as_of)
    completion = completion_on(issue, as_of)
    deadline = deadline_on(issue, as_of)
    pending = counted and not rectified
    overdue = pending and deadline < as_of
    return IssueState(
        as_of=as_of,
        exists=exists,
        dismissed=dismissed,
        counted=counted,
        rectified=rectified,
        closed=counted and is_closed(issue, as_of),
        completion=completion,
        deadline=deadline,
        overdue=overdue,
        due_soon=pending and as_of <= deadline <= as_of + dt.timedelta(days=due_soon_days),
        within_period=pending and not overdue,
        open=pending and completion == 0,
        in_progress=pending and completion > 0,
        on_time=rectified and is_on_time(issue, as_of),
        extensions=extensions_on(issue, as_of) if counted else 0,
    )


def is_overdue(item: Item, as_of: dt.date) -> bool:
    """Whether the issue was overdue (逾期) on that date: counted, unrectified, deadline passed."""
    return issue_state(item, as_of).overdue


def days_overdue(item: Item, as_of: dt.date) -> int:
    """Days past the deadline in force on that date; 0 when the issue is not overdue."""
    state = issue_state(item, as_of)
    return (as_of - state.deadline).days if state.overdue else 0


def days_left(item: Item, as_of: dt.date) -> int:
    """Days from that date to the deadline then in force; negative once it has passed."""
    return (deadline_on(item.issue, as_of) - as_of).days


# --- figures over a set of issues --------------------------------------------------------


def rate(numerator: int, denominator: int) -> Fraction | None:
    """An exact ratio, or None when there is nothing to divide by."""
    return Fraction(numerator, denominator) if denominator else None


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of a set of issues on a date; counts are the numerators and denominators.

    rectified_rate = rectified / counted, closed_rate = closed / counted,
    on_time_rate = on_time / rectified, mean_completion = completion_sum / counted
    (in percent units). A rate is None when its denominator is 0.
    """

    as_of: dt.date
    due_soon_days: int
    total: int
    counted: int
    open: int
    in_progress: int
    rectified: int
    closed: int
    dismissed: int
    overdue: int
    due_soon: int
    within_period: int
    on_time: int
    extensions: int
    completion_sum: Fraction
    rectified_rate: Fraction | None
    closed_rate: Fraction | None
    mean_completion: Fraction | None
    on_time_rate: Fraction | None


def tally(states: Iterable[IssueState], as_of: dt.date, *, due_soon_days: int) -> Figures:
    """Add up issue states of one date into figures (one pass: a roll-up has many issues)."""
    total = dismissed = counted = 0
    opened = in_progress = rectified = closed = overdue = due_soon = within = on_time = 0
    extensions = 0
    # Completions summed per denominator, then as fractions: exact, without a Fraction per add.
    parts: dict[int, int] = {}
    for state in states:
        if not state.exists:
            continue
        total += 1
        if not state.counted:
            dismissed += state.dismissed
            continue
        counted += 1
        opened += state.open
        in_progress += state.in_progress
        rectified += state.rectified
        closed += state.closed
        overdue += state.overdue
        due_soon += state.due_soon
        within += state.within_period
        on_time += state.on_time
        extensions += state.extensions
        share = state.completion
        parts[share.denominator] = parts.get(share.denominator, 0) + share.numerator
    completion_sum = sum((Fraction(n, d) for d, n in parts.items()), Fraction(0))
    return Figures(
        as_of=as_of,
        due_soon_days=due_soon_days,
        total=total,
        counted=counted,
        open=opened,
        in_progress=in_progress,
        rectified=rectified,
        closed=closed,
        dismissed=dismissed,
        overdue=overdue,
        due_soon=due_soon,
        within_period=within,
        on_time=on_time,
        extensions=extensions,
        completion_sum=completion_sum,
        rectified_rate=rate(rectified, counted),
        closed_rate=rate(closed, counted),
        mean_completion=completion_sum / counted if counted else None,
        on_time_rate=rate(on_time, rectified),
    )


def _chosen(pool: Iterable[Item], as_of: dt.date, dedupe: bool) -> list[Item]:
    return dedupe_carried(pool, as_of) if dedupe else list(pool)


def figures(
    pool: Iterable[Item],
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    dedupe: bool = True,
) -> Figures:
    """The figures of a set of issues as of a date.

    Args:
        pool: the issues, usually `items(ledgers)`.
        as_of: the date D the figures are for.
        due_soon_days: N, the due-soon window is D to D + N days, both included.
        dedupe: count a carried-over problem once (see `dedupe_carried`).
    """
    chosen = _chosen(pool, as_of, dedupe)
    states = [issue_state(item, as_of, due_soon_days=due_soon_days) for item in chosen]
    return tally(states, as_of, due_soon_days=due_soon_days)


# --- groups ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """The figures of the issues sharing one key (a unit, a source, a ledger...)."""

    key: str
    figures: Figures
    parent: str | None = None  # for ledger groups: the ledger this one rolls up into


def group_keys(
    by: GroupBy,
    lead_unit: str,
    co_units: Sequence[str],
    source: str,
    track: str,
    ledger_id: str,
) -> list[str]:
    """The groups an issue falls in: its lead unit, each co-unit once, source, track or ledger."""
    if by == "unit":
        return [lead_unit]
    if by == "co-unit":
        return list(dict.fromkeys(co_units))
    if by == "source":
        return [source]
    if by == "track":
        return [track]
    if by == "ledger":
        return [ledger_id]
    raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUP_BY)}")


def item_groups(item: Item, by: GroupBy) -> list[str]:
    """The groups one issue falls in (see `group_keys`)."""
    issue = item.issue
    return group_keys(
        by, issue.lead_unit, issue.co_units, issue.source.value, issue.track.value, item.ledger_id
    )


def _order(by: GroupBy, keys: Iterable[str]) -> list[str]:
    """Keys in their display order: enums as declared, the rest sorted."""
    declared: Sequence[str] = ()
    if by == "source":
        declared = [member.value for member in Source]
    elif by == "track":
        declared = [member.value for member in Track]
    if declared:
        return sorted(keys, key=declared.index)
    return sorted(keys)


def group_figures(
    pool: Iterable[Item],
    as_of: dt.date,
    by: GroupBy,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    dedupe: bool = True,
) -> list[Group]:
    """Figures per lead unit, co-unit, source, track or ledger, as of a date.

    An issue counts once in each of its co-units; issues without one are left
    out of co-unit groups. Groups with no issue existing on the date are left out.
    """
    if by not in GROUP_BY:
        raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUP_BY)}")
    entries = (
        (
            item_groups(item, by),
            issue_state(item, as_of, due_soon_days=due_soon_days),
            item.ledger_id,
            item.ledger.ledger.parent,
        )
        for item in _chosen(pool, as_of, dedupe)
    )
    return group_states(entries, as_of, by, due_soon_days=due_soon_days)


def group_states(
    entries: Iterable[tuple[Sequence[str], IssueState, str, str | None]],
    as_of: dt.date,
    by: GroupBy,
    *,
    due_soon_days: int,
) -> list[Group]:
    """Figures per group from (group keys, state, ledger id, that ledger's parent) of each issue."""
    buckets: dict[str, list[IssueState]] = {}
    parents: dict[str, str | None] = {}
    for keys, state, ledger_id, parent in entries:
        if not state.exists:
            continue
        for key in keys:
            buckets.setdefault(key, []).append(state)
        parents.setdefault(ledger_id, parent)
    return [
        Group(
            key=key,
            figures=tally(buckets[key], as_of, due_soon_days=due_soon_days),
            parent=parents.get(key) if by == "ledger" else None,
        )
        for key in _order(by, buckets)
    ]


# --- month ends --------------------------------------------------------------------------


def month_of(day: dt.date) -> Month:
    """The (year, month) a date falls in."""
    return (day.year, day.month)


def months_between(start: Month, end: Month) -> list[Month]:
    """Every (year, month) from start to end, both included; empty when start is after end."""
    months: list[Month] = []
    year, month = start
    while (year, month) <= end:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One month of a progress table: flows within the month and stocks at its end.

    change_pp is the rectified rate minus the previous month's, in percentage
    points; None for the first month or when either rate is None.
    """

    year: int
    month: int
    as_of: dt.date
    assigned_in_month: int
    assigned_to_date: int
    rectified_in_month: int
    rectified_to_date: int
    counted: int
    rectified_rate: Fraction | None
    change_pp: Fraction | None
    mean_completion: Fraction | None
    overdue: int
    closed: int
    figures: Figures


def in_month(day: dt.date | None, month: Month) -> bool:
    """Whether ``day`` falls in ``month`` (never, when there is no day)."""
    return day is not None and month_of(day) == month


def month_row(
    pool: Iterable[Item],
    as_of: dt.date,
    previous_rate: Fraction | None,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    dedupe: bool = True,
) -> MonthRow:
    """The row of the month ``as_of`` falls in, figured on ``as_of`` itself.

    On a month's last day this is the month-end row; earlier, the month so far.
    ``previous_rate`` is the rectified rate of the month before, for the change.
    """
    month = month_of(as_of)
    chosen = _chosen(pool, as_of, dedupe)
    states = [issue_state(item, as_of, due_soon_days=due_soon_days) for item in chosen]
    figs = tally(states, as_of, due_soon_days=due_soon_days)
    pairs = list(zip(chosen, states, strict=True))
    change = None
    if previous_rate is not None and figs.rectified_rate is not None:
        change = (figs.rectified_rate - previous_rate) * 100
    return MonthRow(
        year=month[0],
        month=month[1],
        as_of=as_of,
        assigned_in_month=sum(
            1 for item, state in pairs if state.exists and in_month(item.assigned_on, month)
        ),
        assigned_to_date=figs.total,
        rectified_in_month=sum(
            1
            for item, state in pairs
            if state.rectified and in_month(item.issue.rectified_on, month)
        ),
        rectified_to_date=figs.rectified,
        counted=figs.counted,
        rectified_rate=figs.rectified_rate,
        change_pp=change,
        mean_completion=figs.mean_completion,
        overdue=figs.overdue,
        closed=figs.closed,
        figures=figs,
    )


def monthly_series(
    pool: Iterable[Item],
    start: Month,
    end: Month,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    dedupe: bool = True,
) -> list[MonthRow]:
    """One row per month end from start to end, each computed as of that month's last day.

    Issues without an assigned date exist in every month but are assigned in none.
    """
    every = list(pool)
    rows: list[MonthRow] = []
    previous: Fraction | None = None
    for month in months_between(start, end):
        row = month_row(
            every, month_end(*month), previous, due_soon_days=due_soon_days, dedupe=dedupe
        )
        rows.append(row)
        previous = row.rectified_rate
    return rows


# --- printing numbers --------------------------------------------------------------------


def _cut_tenths(value: Fraction) -> str:
    """A number with one decimal, cut toward zero, computed in integers."""
    tenths = abs(value) * 10
    whole = tenths.numerator // tenths.denominator
    sign = "-" if value < 0 and whole else ""
    return f"{sign}{whole // 10}.{whole % 10}"


def format_percent(value: Fraction | int | None) -> str:
    """A rate in [0, 1] as a percent with one decimal, cut toward zero: 2/3 -> '66.6%'."""
    if value is None:
        return NO_VALUE
    return f"{_cut_tenths(Fraction(value) * 100)}%"


def format_points(value: Fraction | int | None) -> str:
    """A change in percentage points with one decimal, cut toward zero: -23/10 -> '-2.3'."""
    if value is None:
        return NO_VALUE
    return _cut_tenths(Fraction(value))


def format_completion(value: Fraction | int | None) -> str:
    """A completion in percent units with one decimal, cut toward zero: 744/10 -> '74.4%'."""
    if value is None:
        return NO_VALUE
    return f"{_cut_tenths(Fraction(value))}%"
