"""What `rectify status` shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rectify.figures.facts import (
    Fact,
    audit_figures,
    dedupe,
    figures_of,
    groups_of,
    review_figures,
)
from rectify.figures.state import (
    DUE_SOON_DAYS,
)
from rectify.figures.tally import Audit, Figures, Group, GroupBy, Review
from rectify.figures.warnings import (
    LEVELS,
    WarningLevel,
)


@dataclass(frozen=True, slots=True)
class StatusView:
    """What `rectify status` shows on a date, added up from the facts of every issue."""

    by: GroupBy
    overall: Figures
    groups: list[Group]
    warnings: WarningCounts
    by_group: dict[str, WarningCounts]
    pending: list[Fact]  # counted and not rectified, in ledger order
    review: Review  # the sign-off review (销号审核); all 0 when no issue has one
    audit: Audit  # the audit figures (审计整改); all 0 when no issue records one


def status_view(
    found: Iterable[Fact], as_of: dt.date, by: GroupBy, *, due_soon_days: int = DUE_SOON_DAYS
) -> StatusView:
    """The figures, groups and warnings of the facts on their date (a carried problem once)."""
    chosen = dedupe(found)
    return StatusView(
        by=by,
        overall=figures_of(chosen, as_of, due_soon_days=due_soon_days),
        groups=groups_of(chosen, as_of, by, due_soon_days=due_soon_days),
        warnings=count_levels(f.level for f in chosen),
        by_group=group_warnings(chosen, by),
        pending=[f for f in chosen if f.pending],
        review=review_figures(chosen),
        audit=audit_figures(chosen),
    )


# --- three-colour warnings (三色预警) per group ----------------------------------------------


@dataclass(frozen=True, slots=True)
class WarningCounts:
    """How many problems carry each warning level (see rectify.follow.warning_level)."""

    red: int = 0
    yellow: int = 0
    blue: int = 0

    def count(self, level: WarningLevel) -> int:
        """How many carry that level; 0 for none."""
        return self.as_dict().get(level.value, 0)

    def as_dict(self) -> dict[str, int]:
        """{"red": n, "yellow": n, "blue": n}, as JSON and the messages take them."""
        return {"red": self.red, "yellow": self.yellow, "blue": self.blue}

    def cell(self) -> str:
        """The compact table cell: red/yellow/blue, e.g. '2/0/1'."""
        return f"{self.red}/{self.yellow}/{self.blue}"


def count_levels(levels: Iterable[WarningLevel]) -> WarningCounts:
    """The counts of the red, yellow and blue levels among the given ones."""
    found = list(levels)
    return WarningCounts(*(found.count(level) for level in LEVELS))


def group_warnings(found: Iterable[Fact], by: GroupBy) -> dict[str, WarningCounts]:
    """The warning counts of each group, by the keys of group_figures (missing: no problem)."""
    levels: dict[str, list[WarningLevel]] = {}
    for entry in found:
        for key in entry.groups(by):
            levels.setdefault(key, []).append(entry.level)
    return {key: count_levels(levels_of) for key, levels_of in levels.items()}


def tree_order(nodes: Sequence[tuple[str, str | None]]) -> list[tuple[str, int]]:
    """(key, parent) pairs in tree order: each as (prefix that draws its place, index in nodes).

    Children follow their parent in the order given; a parent that is not among
    the keys makes a root. Keys caught in a cycle are shown as roots rather than lost.
    """
    keys = {key for key, _ in nodes}
    children: dict[str | None, list[int]] = {}
    for index, (key, parent) in enumerate(nodes):
        root = parent is None or parent not in keys or parent == key
        children.setdefault(None if root else parent, []).append(index)
    placed: list[tuple[str, int]] = []
    seen: set[int] = set()

    def walk(parent: str | None, prefix: str) -> None:
        kids = [index for index in children.get(parent, []) if index not in seen]
        seen.update(kids)
        for position, index in enumerate(kids):
            last = position == len(kids) - 1
            branch = "" if parent is None else prefix + ("└─ " if last else "├─ ")
            placed.append((branch, index))
            deeper = "" if parent is None else prefix + ("   " if last else "│  ")
            walk(nodes[index][0], deeper)

    walk(None, "")
    for index, (key, _) in enumerate(nodes):
        if index not in seen:
            seen.add(index)
            placed.append(("", index))
            walk(key, "")
    return placed


def ledger_tree(groups: Sequence[Group]) -> list[tuple[str, Group]]:
    """Ledger groups in tree order, each with the prefix that draws its place ('└─ ')."""
    order = tree_order([(group.key, group.parent) for group in groups])
    return [(prefix, groups[index]) for prefix, index in order]
