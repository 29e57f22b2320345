"""Which issues a listing shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rectify.figures.state import DUE_SOON_DAYS, IssueState, Item, exists_on, issue_as_of
from rectify.figures.warnings import (
    PACE_MARGIN,
    WarningLevel,
    assess,
)
from rectify.model import Ledger, Source, Status, Track


@dataclass(frozen=True, slots=True)
class Row:
    """One issue of a listing, with where it stood on the listing's date."""

    item: Item
    state: IssueState
    status: Status
    warning: WarningLevel = WarningLevel.NONE  # the three-colour warning (三色预警) on that date
    # Last year's issue another one continues on the date (跨年再盯): 'ledger-id/issue-id' of
    # that one. It is shown as carried, with no warning, and not counted or chased again.
    carried_to: str | None = None
    # The higher level's issue a lower level's issue works off on the date (`handed_from`):
    # 'ledger-id/issue-id' of that one; shown, not counted or chased again, like carried_to.
    handed_to: str | None = None

    @property
    def successor(self) -> str | None:
        """The issue that stands for this one in the listing's figures, if another does."""
        return self.carried_to or self.handed_to


@dataclass(frozen=True, slots=True)
class Filters:
    """What `rectify list` keeps; None or False keeps everything."""

    unit: str | None = None  # the lead unit (牵头单位), as `status --by unit` and `due` count
    co_unit: str | None = None  # a co-unit (配合单位); with ``unit``, issues either one names
    status: Status | None = None
    track: Track | None = None
    source: Source | None = None
    overdue: bool = False
    due_within: int | None = None
    warnings: frozenset[WarningLevel] = frozenset()  # keep issues with one of these levels


def select(
    ledgers: Sequence[Ledger],
    filters: Filters,
    *,
    as_of: dt.date,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int = PACE_MARGIN,
) -> list[Row]:
    """The issues that existed on ``as_of`` and pass the filters, by deadline in force.

    ``overdue`` and ``due_within`` together keep issues that are either: an
    issue cannot be both. ``warnings`` keeps issues whose warning level is one
    of them. An issue continued by another one that exists on the date is
    marked ``carried_to`` it, without a warning, and kept by none of those three.
    """
    present = [
        (ledger, issue)
        for ledger in ledgers
        for issue in ledger.issues
        if exists_on(Item(ledger, issue), as_of)
    ]
    successors = {
        issue.carried_from: f"{ledger.ledger.id}/{issue.id}"
        for ledger, issue in present
        if issue.carried_from
    }
    handed = {
        issue.handed_from: f"{ledger.ledger.id}/{issue.id}"
        for ledger, issue in present
        if issue.handed_from
    }
    rows: list[tuple[tuple[dt.date, int, int], Row]] = []
    for index, ledger in enumerate(ledgers):
        for position, issue in enumerate(ledger.issues):
            item = Item(ledger, issue)
            found = assess(item, as_of, due_soon_days=due_soon_days, margin=margin)
            state = found.state
            if not state.exists:
                continue
            carried_to, handed_to = successors.get(item.key), handed.get(item.key)
            level = WarningLevel.NONE if carried_to or handed_to else found.level
            # The issue as it stood on the date, so every form of the listing shows that.
            seen = Item(ledger, issue_as_of(item, as_of, state))
            row = Row(seen, state, state.status, level, carried_to, handed_to)
            if _keeps(row, filters, as_of):
                rows.append(((state.deadline, index, position), row))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def _keeps(row: Row, filters: Filters, as_of: dt.date) -> bool:
    issue, state = row.item.issue, row.state
    if filters.unit is not None or filters.co_unit is not None:
        leads = filters.unit is not None and issue.lead_unit == filters.unit
        helps = filters.co_unit is not None and filters.co_unit in issue.co_units
        if not (leads or helps):
            return False
    if filters.status is not None and row.status is not filters.status:
        return False
    if filters.track is not None and issue.track is not filters.track:
        return False
    if filters.source is not None and issue.source is not filters.source:
        return False
    if filters.warnings and row.warning not in filters.warnings:
        return False
    if row.successor and (filters.warnings or filters.overdue or filters.due_within is not None):
        return False  # chased where it went
    if filters.overdue or filters.due_within is not None:
        pending = state.counted and not state.rectified
        soon = (
            filters.due_within is not None
            and pending
            and as_of <= state.deadline <= as_of + dt.timedelta(days=filters.due_within)
        )
        return (filters.overdue and state.overdue) or soon
    return True


def units_of(ledgers: Iterable[Ledger]) -> list[str]:
    """Every lead and co-unit named in the ledgers, once each, in order of appearance."""
    names = (u for lg in ledgers for i in lg.issues for u in (i.lead_unit, *i.co_units))
    return list(dict.fromkeys(names))
