"""Units: did-you-mean for unit names, the known units of a project."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rectify.errors import NotFound, UsageError
from rectify.figures.state import (
    Item,
)
from rectify.suggest import closest, suggest

# --- units --------------------------------------------------------------------------------


def check_unit(unit: str, known: Sequence[str]) -> None:
    """Refuse a unit that is not in the known units (单位名录); any unit when the list is empty.

    Raises UsageError("ops.unknown_unit...") with the closest known names.
    """
    if not known or unit in known:
        return
    close = suggest(unit, known)
    if close:
        raise UsageError("ops.unknown_unit.suggest", unit=unit, suggestion="、".join(close))
    raise UsageError("ops.unknown_unit", unit=unit)


def new_units(units: Iterable[str], known: Sequence[str]) -> list[str]:
    """The units not yet in ``known``, once each, in the order given."""
    return [u for u in dict.fromkeys(units) if u not in known]


def lead_units(pool: Iterable[Item]) -> list[str]:
    """Every lead unit named in the pool, sorted."""
    return sorted({item.issue.lead_unit for item in pool})


def closest_unit(pool: Iterable[Item], name: str) -> str | None:
    """The lead unit whose name is nearest to a mistyped one, for a "did you mean" hint."""
    return closest(name, lead_units(pool))


def refuse_unknown_unit(name: str, names: Sequence[str]) -> None:
    """Refuse a unit no issue names (``--unit`` of list, due, notice), with up to three guesses.

    The one sentence every command that selects by unit gives: NotFound("filter.unknown_unit…").
    """
    if name in names:
        return
    close = suggest(name, sorted(names))  # the same guesses, in one order, everywhere
    if close:
        raise NotFound("filter.unknown_unit.suggest", unit=name, suggestion="、".join(close))
    raise NotFound("filter.unknown_unit", unit=name)
