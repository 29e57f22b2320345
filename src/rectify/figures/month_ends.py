"""A month end worked out once: every issue's assessment and the month's progress row.

`rectify status --as-of` of a month end assesses every issue on that day
(figures.facts), and `rectify progress` works the same issue states out again
for the month's row (figures.months.month_row). The site wants both for every
month end; `month_end` assesses each issue once and adds the row up from the
states of those assessments. It gives exactly `month_row`'s row
(tests/test_site.py holds them equal). Pure: the date is always an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

from rectify.figures.months import MonthRow, in_month, month_of
from rectify.figures.state import DUE_SOON_DAYS, Item, carried_in_force, drop_superseded, outcome_on
from rectify.figures.tally import tally
from rectify.figures.warnings import PACE_MARGIN, Assessment, assess


def month_end(
    pool: Sequence[Item],
    as_of: dt.date,
    previous_rate: Fraction | None,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> tuple[list[Assessment], MonthRow]:
    """Every issue of the pool assessed on ``as_of`` (in order), and the row of its month."""
    assessed = [assess(item, as_of, due_soon_days=due_soon_days, margin=margin) for item in pool]
    return assessed, row_of(assessed, as_of, previous_rate, due_soon_days=due_soon_days)


def row_of(
    assessed: Sequence[Assessment],
    as_of: dt.date,
    previous_rate: Fraction | None,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
) -> MonthRow:
    """`months.month_row` of the pool, from its issues assessed on ``as_of``."""
    month = month_of(as_of)
    chosen = drop_superseded(  # figures.state.dedupe_carried, from the states at hand
        assessed,
        lambda e: e.item.key,
        lambda e: e.item.issue.origins if e.state.exists else (),
        lambda e: carried_in_force(e.item, as_of),
        lambda e: e.state.exists,
    )
    first = dt.date(month[0], month[1], 1)
    before = {
        e.item.key for e in assessed if e.item.assigned_on is None or e.item.assigned_on < first
    }
    figs = tally((e.state for e in chosen), as_of, due_soon_days=due_soon_days)
    change = None
    if previous_rate is not None and figs.rectified_rate is not None:
        change = (figs.rectified_rate - previous_rate) * 100
    return MonthRow(
        year=month[0],
        month=month[1],
        as_of=as_of,
        assigned_in_month=sum(
            1
            for e in chosen
            if e.state.exists
            and in_month(e.item.assigned_on, month)
            and e.item.issue.handed_from not in before
        ),
        assigned_to_date=figs.total,
        rectified_in_month=sum(
            1
            for e in chosen
            if e.state.rectified and in_month(outcome_on(e.item.issue, as_of).rectified_on, month)
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
