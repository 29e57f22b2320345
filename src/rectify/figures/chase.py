"""The chase list (`rectify due`): what each lead unit has to be chased for on a date, and
who a letter goes to (the escalation ladder)."""

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
    buckets: dict[str, list[Assessment]] = {}
    for item in chosen:
        if unit is not None and item.issue.lead_unit != unit:
            continue
        entry = assess(item, as_of, due_soon_days=due_soon_days, margin=margin)
        if entry.level is not WarningLevel.NONE or entry.silent:
            buckets.setdefault(item.issue.lead_unit, []).append(entry)
    units = [
        UnitChase(name, tuple(sorted(found, key=_entry_order))) for name, found in buckets.items()
    ]
    return sorted(units, key=_unit_order)


# --- escalation (督办升级): who a letter goes to ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Rung:
    """One step of escalation ([[chase.escalation]] in rectify.toml): when it applies, and the
    addressee (None: the default one of its kind, in the letter's language)."""

    days_left: int | None = None  # applies when a problem is due within this many days
    overdue: bool = False  # applies when a problem is overdue
    to: str | None = None

    def applies(self, entry: Assessment) -> bool:
        """Whether a problem of the letter reaches this step on the letter's date."""
        if self.overdue and entry.state.overdue:
            return True
        return self.days_left is not None and entry.pending and entry.days_left <= self.days_left


# To the person handling it from 20 days before the deadline, also to the leader in charge
# from 10 days before, to the head of the unit once overdue.
DEFAULT_ESCALATION: tuple[Rung, ...] = (Rung(days_left=20), Rung(days_left=10), Rung(overdue=True))


def step_of(entries: Iterable[Assessment], ladder: tuple[Rung, ...]) -> int:
    """The step a letter stands on: the highest any of its problems reaches, else the first."""
    every = tuple(entries)
    reached = [index for index, rung in enumerate(ladder) if any(map(rung.applies, every))]
    return max(reached, default=0)


def step_kind(ladder: tuple[Rung, ...], index: int) -> str:
    """What a step's letter says: "overdue" for an overdue step, "reminder" for the first
    other one, "escalated" for those after it."""
    if ladder[index].overdue:
        return "overdue"
    first = next(n for n, rung in enumerate(ladder) if not rung.overdue)
    return "reminder" if index == first else "escalated"
