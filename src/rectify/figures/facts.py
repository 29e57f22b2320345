"""What the status figures read of each issue on one date, worked out once per issue.

A Fact is an issue's state and warning on a date together with the few fields
the figures group and name it by. `rectify status` adds its figures up from
facts alone, so the parse cache can keep them: a warm run reads the facts of a
ledger instead of building its models and working every state out again.
Pure functions, no I/O; facts round-trip through plain JSON rows for the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from rectify.figures.state import (
    DUE_SOON_DAYS,
    AuditValues,
    IssueState,
    Item,
    audit_on,
    carried_in_force,
    drop_superseded,
    items,
    review_on,
)
from rectify.figures.tally import (
    Audit,
    Figures,
    Group,
    GroupBy,
    Review,
    audit_of,
    group_keys,
    group_states,
    review_of,
    tally,
)
from rectify.figures.warnings import PACE_MARGIN, Assessment, WarningLevel, assess
from rectify.model import Issue, Ledger, Step


@dataclass(frozen=True, slots=True)
class Fact:
    """One issue on a date: its state and warning, and what it is grouped and named by."""

    ledger_id: str
    parent: str | None  # the ledger this issue's ledger rolls up into
    id: str
    title: str
    origins: tuple[str, ...]  # carried_from and handed_from (model.Issue.origins)
    lead_unit: str
    co_units: tuple[str, ...]
    source: str
    track: str
    planned_on: dt.date | None
    state: IssueState
    level: WarningLevel
    in_force: bool = True  # a carried issue: its ledger had begun on the date (carried_in_force)
    review: str | None = None  # the last step of the sign-off review on the date (review_on)
    audit: AuditValues | None = None  # the audit figures on the date (audit_on)

    @property
    def key(self) -> str:
        """The issue's name across ledgers: 'ledger-id/issue-id'."""
        return f"{self.ledger_id}/{self.id}"

    @property
    def pending(self) -> bool:
        """Counted and not rectified on the date."""
        return self.state.counted and not self.state.rectified

    def groups(self, by: GroupBy) -> list[str]:
        """The groups the issue falls in, as rectify.metrics.group_figures reads them."""
        return group_keys(
            by, self.lead_unit, self.co_units, self.source, self.track, self.ledger_id
        )


def fact(
    item: Item,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> Fact:
    """The fact of one issue on a date (one state, one warning)."""
    return from_assessment(assess(item, as_of, due_soon_days=due_soon_days, margin=margin))


def from_assessment(entry: Assessment) -> Fact:
    """The fact an issue's warning was worked out from."""
    item, issue = entry.item, entry.item.issue
    return Fact(
        ledger_id=item.ledger_id,
        parent=item.ledger.ledger.parent,
        id=issue.id,
        title=issue.title,
        origins=issue.origins,
        lead_unit=issue.lead_unit,
        co_units=tuple(issue.co_units),
        source=issue.source.value,
        track=issue.track.value,
        planned_on=issue.planned_on,
        state=entry.state,
        level=entry.level,
        in_force=carried_in_force(item, entry.state.as_of),
        review=_step_value(issue, entry.state.as_of),
        audit=audit_on(issue, entry.state.as_of),
    )


def _step_value(issue: Issue, as_of: dt.date) -> str | None:
    step = review_on(issue, as_of)
    return step.value if step is not None else None


def facts_of(
    pool: Iterable[Item],
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> list[Fact]:
    """The facts of every issue of the pool on a date, in order (nothing dropped)."""
    return [fact(item, as_of, due_soon_days=due_soon_days, margin=margin) for item in pool]


@dataclass(frozen=True)
class FactRows:
    """A ledger's facts as the parse cache keeps them (a rectify.ledger.cache.Derived).

    The cache keeps them with the settings they were worked out with, and uses
    them only for the same settings and date.
    """

    due_soon_days: int = DUE_SOON_DAYS
    margin: Fraction = Fraction(PACE_MARGIN)

    @property
    def settings(self) -> list[Any]:
        return [self.due_soon_days, str(self.margin)]

    def work_out(self, ledger: Ledger, as_of: dt.date) -> list[Fact]:
        return facts_of(
            items([ledger]), as_of, due_soon_days=self.due_soon_days, margin=self.margin
        )

    def to_rows(self, found: list[Fact]) -> list[Any]:
        return [to_row(item) for item in found]

    def from_rows(self, rows: list[Any], as_of: dt.date) -> list[Fact]:
        reader = RowReader(as_of)
        return [reader.read(row) for row in rows]

    def with_settings(self, settings: Any) -> FactRows | None:
        """The rows for the settings a cache entry names; None unless they are ones we write."""
        try:
            days, margin = settings
            if type(days) is not int or type(margin) is not str:
                return None
            return FactRows(days, Fraction(margin))
        except (TypeError, ValueError, ZeroDivisionError):
            return None


def dedupe(facts: Iterable[Fact]) -> list[Fact]:
    """Count a carried-over or handed-down problem once, as figures.state.dedupe_carried does."""
    return drop_superseded(
        facts,
        lambda f: f.key,
        lambda f: f.origins if f.state.exists else (),
        lambda f: f.in_force,
        lambda f: f.state.exists,
    )


def figures_of(facts: Sequence[Fact], as_of: dt.date, *, due_soon_days: int) -> Figures:
    """The figures of the facts (already deduplicated) on their date."""
    return tally((f.state for f in facts), as_of, due_soon_days=due_soon_days)


def review_figures(facts: Sequence[Fact]) -> Review:
    """The sign-off review of the facts (already deduplicated) on their date."""
    return review_of((f.state, f.review) for f in facts)


def audit_figures(facts: Sequence[Fact]) -> Audit:
    """The audit figures of the facts (already deduplicated) on their date."""
    return audit_of((f.state, f.audit) for f in facts)


def groups_of(
    facts: Sequence[Fact], as_of: dt.date, by: GroupBy, *, due_soon_days: int
) -> list[Group]:
    """The figures of each group, as rectify.metrics.group_figures gives them for issues."""
    return group_states(
        ((f.groups(by), f.state, f.ledger_id, f.parent) for f in facts),
        as_of,
        by,
        due_soon_days=due_soon_days,
    )


# --- plain JSON rows for the parse cache ------------------------------------------------------

# The yes/no fields of IssueState, one bit each in a row, in this order.
_FLAGS = (
    "exists",
    "dismissed",
    "counted",
    "rectified",
    "closed",
    "overdue",
    "due_soon",
    "within_period",
    "open",
    "in_progress",
    "on_time",
)
_LEVELS = {level.value: level for level in WarningLevel}


def to_row(item: Fact) -> list[Any]:
    """A fact as a JSON-ready list (its date is the cache entry's)."""
    state = item.state
    flags = sum(1 << bit for bit, name in enumerate(_FLAGS) if getattr(state, name))
    return [
        item.ledger_id,
        item.parent,
        item.id,
        item.title,
        list(item.origins),
        item.lead_unit,
        list(item.co_units),
        item.source,
        item.track,
        item.planned_on.isoformat() if item.planned_on else None,
        flags,
        state.completion.numerator,
        state.completion.denominator,
        state.deadline.isoformat(),
        state.extensions,
        item.level.value,
        item.in_force,
        item.review,
        None if item.audit is None else list(item.audit),
    ]


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError("fact flag")
    return value


_STEPS = frozenset(step.value for step in Step)


def _step(value: Any) -> str | None:
    if value is not None and value not in _STEPS:
        raise ValueError("fact review step")
    return value  # type: ignore[no-any-return]


def _audit(value: Any) -> AuditValues | None:
    if value is None:
        return None
    involved, rectified, rules, people = value
    for amount in (involved, rectified):
        if amount is not None and type(amount) is not str:
            raise ValueError("fact audit amount")
    for count in (rules, people):
        if count is not None and type(count) is not int:
            raise ValueError("fact audit count")
    return (involved, rectified, rules, people)


class RowReader:
    """Reads facts back from `to_row` rows of one date, sharing equal completions and dates.

    Raises ValueError (or TypeError, KeyError) on any row that `to_row` could not have written.
    """

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self._fractions: dict[tuple[int, int], Fraction] = {}
        self._dates: dict[str, dt.date] = {}
        self._states: dict[tuple[Any, ...], IssueState] = {}

    def _date(self, text: Any) -> dt.date:
        found = self._dates.get(text)
        if found is None:
            if type(text) is not str:
                raise ValueError("date")
            found = self._dates[text] = dt.date.fromisoformat(text)
        return found

    def _fraction(self, numerator: Any, denominator: Any) -> Fraction:
        found = self._fractions.get((numerator, denominator))
        if found is None:
            if type(numerator) is not int or type(denominator) is not int or denominator <= 0:
                raise ValueError("completion")
            found = self._fractions[numerator, denominator] = Fraction(numerator, denominator)
        return found

    def read(self, row: Any) -> Fact:
        """One fact back from its row."""
        (ledger_id, parent, ident, title, carried, lead, co_units, source, track, planned) = row[
            :10
        ]
        if not (
            type(ledger_id) is str
            and type(ident) is str
            and type(title) is str
            and type(lead) is str
            and type(source) is str
            and type(track) is str
            and type(co_units) is list
            and (parent is None or type(parent) is str)
            and type(carried) is list
        ):
            raise ValueError("fact row")
        units = tuple(co_units)
        origins = tuple(carried)
        for text in (*units, *origins):
            if type(text) is not str:
                raise ValueError("fact co-units or origins")
        return Fact(
            ledger_id,
            parent,
            ident,
            title,
            origins,
            lead,
            units,
            source,
            track,
            None if planned is None else self._date(planned),
            self._state(row[10:15]),
            _LEVELS[row[15]],
            _bool(row[16]),
            _step(row[17]),
            _audit(row[18]),
        )

    def _state(self, part: list[Any]) -> IssueState:
        """The state from a row's flags, completion, deadline and extensions; equal ones shared."""
        flags, numerator, denominator, deadline, extensions = part
        key = (flags, numerator, denominator, deadline, extensions)
        found = self._states.get(key)
        if found is not None:
            return found
        if type(flags) is not int or not 0 <= flags < 1 << len(_FLAGS):
            raise ValueError("fact flags")
        if type(extensions) is not int:
            raise ValueError("fact extensions")
        bits = [bool(flags >> bit & 1) for bit in range(len(_FLAGS))]
        exists, dismissed, counted, rectified, closed = bits[:5]
        overdue, due_soon, within_period, is_open, in_progress, on_time = bits[5:]
        found = self._states[key] = IssueState(
            self.as_of,
            exists,
            dismissed,
            counted,
            rectified,
            closed,
            self._fraction(numerator, denominator),
            self._date(deadline),
            overdue,
            due_soon,
            within_period,
            is_open,
            in_progress,
            on_time,
            extensions,
        )
        return found


__all__ = [
    "Fact",
    "RowReader",
    "audit_figures",
    "dedupe",
    "fact",
    "facts_of",
    "figures_of",
    "from_assessment",
    "groups_of",
    "review_figures",
    "to_row",
]
