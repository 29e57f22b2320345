"""The escalation ladder (督办升级): who a reminder notice goes to, step by step.

Light on purpose: rectify.io.config reads [[chase.escalation]] into these steps, and reading
rectify.toml (for --help's language) must not load the models.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rectify.figures.warnings import Assessment

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
