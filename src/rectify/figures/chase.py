"""The chase list (`rectify due`): what each lead unit has to be chased for on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from rectify.figures.state import (
    DUE_SOON_DAYS,
    Item,
    dedupe_carried,
)
from rectify.figures.warnings import PACE_MARGIN, Assessment, WarningLevel, assess

# --- the chase list (督办清单) ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitChase:
    """What one lead unit has to be chased about on a date, most urgent first."""

    unit: str
    entries: tuple[Assessment, ...]

    def count(self, level: WarningLevel) -> int:
        """How many of its issues carry that level."""
        return sum(1 for entry in self.entries if entry.level is level)

    @property
    def silent(self) -> int:
        """How many of its issues have been silent for more than a month."""
        return sum(1 for entry in self.entries if entry.silent)


def _entry_order(entry: Assessment) -> tuple[int, dt.date, str, str]:
    return (entry.level.rank, entry.state.deadline, entry.item.ledger_id, entry.item.issue.id)


def _unit_order(unit: UnitChase) -> tuple[int, int, int, int, str]:
    return (
        -unit.count(WarningLevel.RED),
        -unit.count(WarningLevel.YELLOW),
        -unit.count(WarningLevel.BLUE),
        -unit.silent,
        unit.unit,
    )


def chase_list(
    pool: Iterable[Item],
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
    unit: str | None = None,
    dedupe: bool = True,
) -> list[UnitChase]:
    """Every issue that needs chasing on a date, grouped by lead unit.

    An issue needs chasing when it is red, yellow or blue, or silent for more
    than a month. Units with the most red issues come first; within a unit,
    red, yellow, blue, then silent only, each by deadline. With `dedupe`, a
    problem carried over to next year is chased once, under its newest id.
    """
    chosen = dedupe_carried(pool, as_of) if dedupe else list(pool)
    return chase_of(
        assess(item, as_of, due_soon_days=due_soon_days, margin=margin)
        for item in chosen
        if unit is None or item.issue.lead_unit == unit
    )


def chase_of(assessed: Iterable[Assessment]) -> list[UnitChase]:
    """The chase list of issues already assessed on one date (`chase_list` assesses them):
    those that need chasing, grouped by lead unit, in the chase list's order. Given each
    issue `chase_list` counts, assessed as it assesses them, it gives `chase_list`'s list
    (tests/test_site.py holds them equal: `rectify site` assesses every issue once)."""
    buckets: dict[str, list[Assessment]] = {}
    for entry in assessed:
        if entry.level is not WarningLevel.NONE or entry.silent:
            buckets.setdefault(entry.item.issue.lead_unit, []).append(entry)
    units = [
        UnitChase(name, tuple(sorted(found, key=_entry_order))) for name, found in buckets.items()
    ]
    return sorted(units, key=_unit_order)
