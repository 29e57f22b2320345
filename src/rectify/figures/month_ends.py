"""A month end worked out once: every issue's assessment and the month's progress row.

`rectify status --as-of` of a month end assesses every issue on that day
(figures.facts), and `rectify progress` works the same issue states out again
for the month's row (figures.months.month_row). The site wants both for every
month end; `month_end` assesses each issue once and adds the row up from the
states of those assessments with `months.row_of_states`, as `month_row` does,
so it gives exactly `month_row`'s row (tests/test_site.py holds them equal).
Pure: the date is always an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

from rectify.figures.months import MonthRow, assigned_before, month_of, row_of_states
from rectify.figures.state import DUE_SOON_DAYS, Item, carried_in_force, drop_superseded
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
    chosen = counted_of(assessed, as_of)
    before = assigned_before([e.item for e in assessed], month_of(as_of))
    pairs = [(e.item, e.state) for e in chosen]
    return row_of_states(pairs, as_of, previous_rate, before, due_soon_days=due_soon_days)


def counted_of(assessed: Sequence[Assessment], as_of: dt.date) -> list[Assessment]:
    """The assessments of the issues `figures.state.dedupe_carried` keeps on ``as_of`` (a
    carried problem once), from the states at hand: every issue of a pool assessed on that
    day, in order, gives those of ``dedupe_carried(pool, as_of)``, in order."""
    return drop_superseded(
        assessed,
        lambda e: e.item.key,
        lambda e: e.item.issue.origins if e.state.exists else (),
        lambda e: carried_in_force(e.item, as_of),
        lambda e: e.state.exists,
    )
