"""Month ends: the month-by-month series of the figures, and the month so far.

Every row is figured as of a month's last day from the dated history, so a
past month gives the figures it had. Pure: the date is always an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from typing import Any

from rectify.dates import month_end
from rectify.figures.state import (
    DUE_SOON_DAYS,
    IssueState,
    Item,
    issue_state,
    outcome_on,
)
from rectify.figures.tally import Figures, _chosen, tally

Month = tuple[int, int]


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
    pool = list(pool)
    chosen = _chosen(pool, as_of, dedupe)
    states = [issue_state(item, as_of, due_soon_days=due_soon_days) for item in chosen]
    before = assigned_before(pool, month_of(as_of)) if dedupe else set()
    pairs = list(zip(chosen, states, strict=True))
    return row_of_states(pairs, as_of, previous_rate, before, due_soon_days=due_soon_days)


def row_of_states(
    pairs: Sequence[tuple[Item, IssueState]],
    as_of: dt.date,
    previous_rate: Fraction | None,
    before: set[str],
    *,
    due_soon_days: int = DUE_SOON_DAYS,
) -> MonthRow:
    """The row of the month ``as_of`` falls in, from the issues chosen and their states on
    ``as_of``; ``before``: the keys of the issues assigned before the month began."""
    month = month_of(as_of)
    figs = tally((state for _, state in pairs), as_of, due_soon_days=due_soon_days)
    return MonthRow(
        year=month[0],
        month=month[1],
        as_of=as_of,
        assigned_in_month=sum(
            1
            for item, state in pairs
            if state.exists
            and in_month(item.assigned_on, month)
            and item.issue.handed_from not in before
        ),
        assigned_to_date=figs.total,
        rectified_in_month=sum(
            1
            for item, state in pairs
            if state.rectified and in_month(outcome_on(item.issue, as_of).rectified_on, month)
        ),
        rectified_to_date=figs.rectified,
        counted=figs.counted,
        rectified_rate=figs.rectified_rate,
        change_pp=change_between(figs.rectified_rate, previous_rate),
        mean_completion=figs.mean_completion,
        overdue=figs.overdue,
        closed=figs.closed,
        figures=figs,
    )


def change_between(rate: Fraction | None, previous_rate: Fraction | None) -> Fraction | None:
    """A month's change of the rectified rate, in percentage points; None without both rates."""
    if previous_rate is None or rate is None:
        return None
    return (rate - previous_rate) * 100


#: Rows already worked out, by the date each is figured on: a month's row on a date depends
#: only on the ledgers' bytes and the settings (a past month never changes), so a caller may
#: keep them (the parse cache does, for the same bytes) and hand them back.
Known = Mapping[dt.date, "MonthRow"]


def _row_on(
    pool: list[Item],
    as_of: dt.date,
    previous_rate: Fraction | None,
    known: Known | None,
    due_soon_days: int,
    dedupe: bool,
) -> MonthRow:
    """The row on ``as_of``: the known one (its change worked out again), else figured now."""
    found = known.get(as_of) if known is not None and dedupe else None
    if found is not None:
        return replace(found, change_pp=change_between(found.rectified_rate, previous_rate))
    return month_row(pool, as_of, previous_rate, due_soon_days=due_soon_days, dedupe=dedupe)


def assigned_before(pool: Sequence[Item], month: Month) -> set[str]:
    """The issues of the pool assigned before ``month`` began: a lower level's copy of one
    of them (`handed_from`) is no new problem of the month it was handed down in.

    A carried-over copy still counts as assigned in the month its ledger began, as
    it always has: reports already made keep their figures.
    """
    first = dt.date(month[0], month[1], 1)
    return {item.key for item in pool if item.assigned_on is None or item.assigned_on < first}


def monthly_series(
    pool: Iterable[Item],
    start: Month,
    end: Month,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    dedupe: bool = True,
    known: Known | None = None,
) -> list[MonthRow]:
    """One row per month end from start to end, each computed as of that month's last day.

    Issues without an assigned date exist in every month but are assigned in none.
    ``known`` rows (by date) are taken as they are instead of being figured again.
    """
    every = list(pool)
    rows: list[MonthRow] = []
    previous: Fraction | None = None
    for month in months_between(start, end):
        row = _row_on(every, month_end(*month), previous, known, due_soon_days, dedupe)
        rows.append(row)
        previous = row.rectified_rate
    return rows


MAX_MONTHS = 24  # the longest month-by-month table: two years of a problem list


# --- month by month --------------------------------------------------------------------------


def is_month_end(row: MonthRow) -> bool:
    """Whether a row holds a month's end figures (False: the month so far)."""
    return row.as_of == month_end(row.year, row.month)


def first_month(pool: Iterable[Item]) -> Month | None:
    """The month of the earliest assignment date, None when no issue has one."""
    dates = [item.assigned_on for item in pool if item.assigned_on is not None]
    return month_of(min(dates)) if dates else None


def default_range(
    pool: Iterable[Item], as_of: dt.date, *, end: Month | None = None
) -> tuple[Month, Month, bool]:
    """From the first assignment's month to `end` (default: as_of's month), at most MAX_MONTHS.

    Returns (start, end, capped); capped is True when earlier months were left out.
    """
    return range_from(first_month(pool), as_of, end=end)


def range_from(
    first: Month | None, as_of: dt.date, *, end: Month | None = None
) -> tuple[Month, Month, bool]:
    """`default_range` of a pool whose first assignment falls in ``first``."""
    last = end or month_of(as_of)
    origin = min(first or last, last)
    start = max(origin, months_back(last, MAX_MONTHS - 1))
    return start, last, origin < start


def month_to_date(
    pool: Sequence[Item],
    as_of: dt.date,
    previous_rate: Fraction | None,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
) -> MonthRow:
    """The row of the month as_of falls in, figured on as_of itself (the month so far).

    On a month's last day it equals that month's row of `monthly_series`.
    """
    return month_row(pool, as_of, previous_rate, due_soon_days=due_soon_days)


def progress_rows(
    pool: Sequence[Item],
    start: Month,
    end: Month,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    known: Known | None = None,
) -> list[MonthRow]:
    """One row per month from start to end: ended months at their last day, the month as_of
    falls in up to as_of; months after as_of's are left out (their end has not come).

    ``known`` rows (by date) are taken as they are instead of being figured again; when
    every day of `progress_days` is known, ``pool`` is never read.
    """
    every = list(pool)
    rows: list[MonthRow] = []
    previous: Fraction | None = None
    for day in progress_days(start, end, as_of):
        row = _row_on(every, day, previous, known, due_soon_days, True)
        rows.append(row)
        previous = row.rectified_rate
    return rows


def progress_days(start: Month, end: Month, as_of: dt.date) -> list[dt.date]:
    """The days `progress_rows` figures a row on: each ended month's last day from start to
    end, then as_of itself when its month is not over and falls in the range."""
    current = month_of(as_of)
    last_full = current if as_of == month_end(*current) else _previous(current)
    days = [month_end(*month) for month in months_between(start, min(end, last_full))]
    if start <= current <= end and as_of != month_end(*current):
        days.append(as_of)
    return days


# --- one issue changed: the rows that stay ---------------------------------------------


#: How many month ends back from a change its rows are checked (progress shows 24 at most).
ROWS_CHECKED = 60


def rows_kept_across(
    before: Item, after: Item, today: dt.date, *, due_soon_days: int = DUE_SOON_DAYS
) -> list[dt.date]:
    """The days whose month rows stay the same when one issue changes from ``before`` to
    ``after`` and nothing else does: the month ends of the last ROWS_CHECKED months up to
    ``today``'s month, and ``today``, on which the issue weighs the same in a row.

    A row on a day reads of each issue only its state on the day, its name, the day it
    was assigned, the issues it carries on or takes over, and the day it was rectified
    (`row_of_states`, `assigned_before`, `dedupe_carried`): where all of them are the same,
    so is the row. A change dated today leaves every past month end as it was.
    """
    current = month_of(today)
    first = current
    for _ in range(ROWS_CHECKED - 1):
        first = _previous(first)
    days = [month_end(*month) for month in months_between(first, current)]
    days = sorted({day for day in days if day <= today} | {today})
    return [
        day
        for day in days
        if _weight(before, day, due_soon_days) == _weight(after, day, due_soon_days)
    ]


def _weight(item: Item, day: dt.date, due_soon_days: int) -> tuple[Any, ...]:
    """Everything of one issue a month row on ``day`` reads."""
    issue = item.issue
    return (
        issue_state(item, day, due_soon_days=due_soon_days),
        item.key,
        item.assigned_on,
        issue.origins,
        issue.carried_from,
        issue.handed_from,
        outcome_on(issue, day).rectified_on,
    )


# --- rows as plain JSON, for the parse cache ---------------------------------------------


def _fraction_json(value: Fraction | None) -> list[int] | None:
    return None if value is None else [value.numerator, value.denominator]


def _fraction(value: Any) -> Fraction | None:
    if value is None:
        return None
    numerator, denominator = value
    if type(numerator) is not int or type(denominator) is not int or denominator <= 0:
        raise ValueError("fraction")
    return Fraction(numerator, denominator)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError("count")
    return value


_FIGURES = [f.name for f in fields(Figures)]
_ROW = [f.name for f in fields(MonthRow) if f.name not in ("figures", "change_pp")]


def row_json(row: MonthRow) -> dict[str, Any]:
    """A row as JSON (without its change, which depends on the row before it)."""

    def value(item: Any) -> Any:
        if isinstance(item, Fraction):
            return _fraction_json(item)
        if isinstance(item, dt.date):
            return item.isoformat()
        return item

    data = {name: value(getattr(row, name)) for name in _ROW}
    data["figures"] = {name: value(getattr(row.figures, name)) for name in _FIGURES}
    return data


def row_from_json(data: Any) -> MonthRow:
    """A row back from `row_json`; ValueError (or TypeError, KeyError) on anything else."""

    def read(source: dict[str, Any], cls: Any, names: list[str]) -> dict[str, Any]:
        kinds = {f.name: str(f.type) for f in fields(cls)}
        found: dict[str, Any] = {}
        for name in names:
            kind, item = kinds[name], source[name]
            if kind == "dt.date":
                if type(item) is not str:
                    raise ValueError(name)
                found[name] = dt.date.fromisoformat(item)
            elif kind.startswith("Fraction"):
                found[name] = _fraction(item)
                if found[name] is None and kind == "Fraction":
                    raise ValueError(name)
            else:
                found[name] = _int(item)
        return found

    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict):
        raise ValueError("row")
    figures = Figures(**read(data["figures"], Figures, _FIGURES))
    return MonthRow(**read(data, MonthRow, _ROW), change_pp=None, figures=figures)


def months_back(month: Month, count: int) -> Month:
    """The month `count` months before the given one."""
    index = month[0] * 12 + month[1] - 1 - count
    return (index // 12, index % 12 + 1)


def _previous(month: Month) -> Month:
    return months_back(month, 1)
