"""Follow-through as of a date: three-colour warnings, the chase list, and carry-over to next year.

Pure functions: no I/O and no clock; the date is always an argument. The
warning of an issue is read from the same dated history as every figure (see
rectify.metrics), so a past date gives the warnings that date had.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from rectify.errors import DataError
from rectify.i18n import Lang, t
from rectify.metrics import (
    DUE_SOON_DAYS,
    IssueState,
    Item,
    deadline_on,
    dedupe_carried,
    exists_on,
    issue_state,
    month_end,
)
from rectify.model import Issue, Ledger, LedgerMeta, ProgressEntry, Status, Track
from rectify.ops import next_id

PACE_MARGIN = 20  # percentage points below the pace line before an issue turns yellow

# --- three-colour warnings (三色预警) -------------------------------------------------------


class WarningLevel(StrEnum):
    """The warning an unrectified issue carries on a date: red, yellow, blue or none."""

    RED = "red"  # overdue (逾期)
    YELLOW = "yellow"  # behind pace (进度滞后)
    BLUE = "blue"  # due within the due-soon window (临期)
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for the most urgent (red) to 3 for none; sorts a chase list."""
        return _RANK[self]


_RANK = {WarningLevel.RED: 0, WarningLevel.YELLOW: 1, WarningLevel.BLUE: 2, WarningLevel.NONE: 3}
LEVELS: tuple[WarningLevel, ...] = (WarningLevel.RED, WarningLevel.YELLOW, WarningLevel.BLUE)


def level_label(level: WarningLevel, lang: Lang) -> str:
    """The short name of a level: 红 / 黄 / 蓝 (red / yellow / blue); '—' for none."""
    return t(f"follow.level.{level.value}", lang)


def level_meaning(level: WarningLevel, lang: Lang) -> str:
    """What a level means: 逾期 / 进度滞后 / 临期 (overdue / behind pace / due soon)."""
    return t(f"follow.level.{level.value}.meaning", lang)


def pace_target(item: Item, as_of: dt.date) -> dt.date:
    """The date the pace line reaches 100 %: a long-term issue's planned date, else its deadline."""
    issue = item.issue
    if issue.track is Track.LONG_TERM and issue.planned_on is not None:
        return issue.planned_on
    return deadline_on(issue, as_of)


def expected_completion(item: Item, as_of: dt.date) -> Fraction | None:
    """Where the pace line stands on a date, in percent; None when the issue has no assigned date.

    The line runs straight from 0 % on `assigned_on` to 100 % on the pace
    target (see `pace_target`), and stays at 100 % after it.
    """
    start = item.assigned_on
    if start is None:
        return None
    end = pace_target(item, as_of)
    if as_of <= start:
        return Fraction(0)
    if as_of >= end:
        return Fraction(100)
    return Fraction(100 * (as_of - start).days, (end - start).days)


@dataclass(frozen=True, slots=True)
class Assessment:
    """The warning of one issue on a date, with the facts it was read from."""

    item: Item
    level: WarningLevel
    state: IssueState
    expected: Fraction | None  # the pace line on that date, percent
    last_progress: dt.date | None  # the latest progress report dated on or before as_of
    silent: bool  # pending and no progress report for more than a month

    @property
    def pending(self) -> bool:
        """Whether the issue is counted and not rectified on that date."""
        return self.state.counted and not self.state.rectified

    @property
    def days_overdue(self) -> int:
        """Days past the deadline in force; 0 when not overdue."""
        return (self.state.as_of - self.state.deadline).days if self.state.overdue else 0

    @property
    def days_left(self) -> int:
        """Days from the date to the deadline in force (negative once passed)."""
        return (self.state.deadline - self.state.as_of).days

    @property
    def behind(self) -> Fraction | None:
        """Points below the pace line (negative when ahead); None without a pace line."""
        return None if self.expected is None else self.expected - self.state.completion


def days_text(entry: Assessment, lang: Lang) -> str:
    """How far an issue is from its deadline: 逾期15天 / 还剩10天 / 今天到期."""
    if entry.state.overdue:
        return t("follow.days_overdue", lang, days=entry.days_overdue)
    if entry.days_left == 0:
        return t("follow.due_today", lang)
    return t("follow.days_left", lang, days=entry.days_left)


def month_before(day: dt.date) -> dt.date:
    """The same day a month earlier; the last day of that month when it is shorter."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return min(dt.date(year, month, 1) + dt.timedelta(days=day.day - 1), month_end(year, month))


def last_progress_on(issue: Issue, as_of: dt.date) -> dt.date | None:
    """The date of the latest progress report on or before a date, None when there is none."""
    dates = [entry.date for entry in issue.progress if entry.date <= as_of]
    return max(dates) if dates else None


def is_silent(item: Item, as_of: dt.date) -> bool:
    """Whether a pending issue has had no progress report for more than a month (as `check` R402).

    An issue never reported on counts from its assigned date.
    """
    return _silent(item, issue_state(item, as_of))


def _silent(item: Item, state: IssueState) -> bool:
    if not state.counted or state.rectified:
        return False
    since = last_progress_on(item.issue, state.as_of) or item.assigned_on
    return since is not None and since < month_before(state.as_of)


def assess(
    item: Item,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> Assessment:
    """The warning of one issue on a date and why (see `warning_level`)."""
    state = issue_state(item, as_of, due_soon_days=due_soon_days)
    pending = state.counted and not state.rectified
    expected = expected_completion(item, as_of) if pending else None
    if not pending:
        level = WarningLevel.NONE
    elif state.overdue:
        level = WarningLevel.RED
    elif expected is not None and expected - state.completion > margin:
        level = WarningLevel.YELLOW
    elif state.due_soon:
        level = WarningLevel.BLUE
    else:
        level = WarningLevel.NONE
    return Assessment(
        item=item,
        level=level,
        state=state,
        expected=expected,
        last_progress=last_progress_on(item.issue, as_of),
        silent=_silent(item, state),
    )


def warning_level(
    item: Item,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> WarningLevel:
    """The three-colour warning (三色预警) of an issue on a date.

    - red: overdue, i.e. counted, not rectified, deadline in force before the date;
    - yellow: its completion is more than `margin` points below the pace line
      (see `expected_completion`; long-term issues run to `planned_on` when set);
    - blue: the deadline in force falls from the date to `due_soon_days` days after;
    - none otherwise, and always for issues rectified, dismissed or not yet assigned.

    The first that applies wins: an overdue issue is red however far along it is.
    """
    return assess(item, as_of, due_soon_days=due_soon_days, margin=margin).level


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


def lead_units(pool: Iterable[Item]) -> list[str]:
    """Every lead unit named in the pool, sorted."""
    return sorted({item.issue.lead_unit for item in pool})


def closest_unit(pool: Iterable[Item], name: str) -> str | None:
    """The lead unit whose name is nearest to a mistyped one, for a "did you mean" hint."""
    units = lead_units(pool)
    inside = [unit for unit in units if name in unit or unit in name]
    if inside:
        return inside[0]
    found = difflib.get_close_matches(name, units, n=1, cutoff=0.5)
    return found[0] if found else None


def _number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def entry_json(entry: Assessment) -> dict[str, Any]:
    """One issue of a chase list as plain JSON data."""
    issue = entry.item.issue
    return {
        "ledger": entry.item.ledger_id,
        "id": issue.id,
        "title": issue.title,
        "lead_unit": issue.lead_unit,
        "level": entry.level.value,
        "status": issue.status.value,
        "track": issue.track.value,
        "deadline": entry.state.deadline.isoformat(),
        "days_overdue": entry.days_overdue,
        "days_left": entry.days_left,
        "completion": _number(entry.state.completion),
        "expected": _number(entry.expected),
        "last_progress": _day(entry.last_progress),
        "silent": entry.silent,
        "carried_from": issue.carried_from,
    }


def chase_json(
    units: list[UnitChase], as_of: dt.date, *, due_soon_days: int, margin: int | Fraction
) -> dict[str, Any]:
    """A chase list as plain JSON data, with the counts per level."""
    every = [entry for unit in units for entry in unit.entries]
    return {
        "as_of": as_of.isoformat(),
        "due_soon_days": due_soon_days,
        "margin": _number(Fraction(margin)),
        "counts": {
            **{level.value: sum(e.level is level for e in every) for level in LEVELS},
            "silent": sum(e.silent for e in every),
        },
        "units": [
            {
                "unit": unit.unit,
                "counts": {
                    **{level.value: unit.count(level) for level in LEVELS},
                    "silent": unit.silent,
                },
                "issues": [entry_json(entry) for entry in unit.entries],
            }
            for unit in units
        ],
    }


# --- carried-over chains across a roll-up ------------------------------------------------


def dangling_carried_from(
    pool: Iterable[Item], *, known_ledgers_only: bool = False
) -> list[tuple[Item, str]]:
    """Issues whose `carried_from` names no other issue of the pool, with what it names.

    With `known_ledgers_only`, only links into a ledger that is in the pool are
    reported: checking next year's ledger on its own then stays quiet about
    last year's ledger, which is simply not there.
    """
    every = list(pool)
    keys = {item.key for item in every}
    ledger_ids = {item.ledger_id for item in every}
    found: list[tuple[Item, str]] = []
    for item in every:
        target = item.issue.carried_from
        if not target or (target in keys and target != item.key):
            continue
        if known_ledgers_only and target.split("/", 1)[0] not in ledger_ids:
            continue
        found.append((item, target))
    return found


# --- carry-over to next year (跨年再盯) ---------------------------------------------------

CARRIED_STATUSES = (Status.OPEN, Status.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class Carried:
    """One problem on next year's ledger that continues one of last year's."""

    old_id: str
    new_id: str
    title: str
    completion: float
    fresh: bool  # False when an earlier run had already carried it


@dataclass(frozen=True, slots=True)
class CarryResult:
    """Both ledgers after a carry-over, and what moved."""

    old: Ledger
    new: Ledger
    carried: tuple[Carried, ...]
    noted: tuple[str, ...]  # old ids that got their "carried over to" note in this run

    @property
    def changed(self) -> bool:
        """Whether this run changed anything at all (a second run changes nothing)."""
        return bool(self.noted) or any(c.fresh for c in self.carried)


def to_carry(old: Ledger, as_of: dt.date) -> list[Issue]:
    """The issues of a ledger that go on to next year: open or in progress, assigned by the date."""
    return [
        issue
        for issue in old.issues
        if issue.status in CARRIED_STATUSES and exists_on(Item(old, issue), as_of)
    ]


def derive_prefix(old: Ledger, ledger_id: str) -> str:
    """The id prefix of next year's ledger: last year's, else the new ledger id's first part."""
    if old.ledger.id_prefix:
        return old.ledger.id_prefix
    head = ledger_id.split("-", 1)[0]
    letters = "".join(ch for ch in head if ch.isalnum()).upper()
    return letters or "ID"


def start_ledger(
    old: Ledger, *, ledger_id: str, title: str, prefix: str | None, as_of: dt.date
) -> Ledger:
    """Next year's ledger, still empty: same supervisor, assigned on the carry-over date.

    `parent` is not copied: whether next year's list rolls up into the same
    ledger as this year's is not something the tool can know.
    """
    meta = LedgerMeta(
        id=ledger_id,
        title=title,
        supervisor=old.ledger.supervisor,
        assigned_on=as_of,
        id_prefix=prefix or derive_prefix(old, ledger_id),
    )
    return Ledger(ledger=meta, issues=[])


def carried_note(target: str, lang: Lang) -> str:
    """The progress note left on last year's issue: where it went."""
    return t("carry.note", lang, target=target)


def _check_carry(old: Ledger, new: Ledger, issues: list[Issue], as_of: dt.date) -> None:
    if old.ledger.id == new.ledger.id:
        raise DataError("carry.same_ledger", id=old.ledger.id)
    for issue in issues:
        later = [entry.date for entry in issue.progress if entry.date > as_of]
        if later:
            raise DataError("carry.progress_after", id=issue.id, date=max(later), on=as_of)


def _continued(issue: Issue, old: Ledger, new_id: str) -> Issue:
    """Last year's issue as it goes on next year: new id, link back, the problem's own dates.

    The whole record is kept (progress, deadline changes, assigned date):
    with it the new ledger passes `check` even for an overdue issue, `due`
    still shows when the unit last reported, and a roll-up of both years
    gives the same figures for every past date as last year's ledger alone.
    """
    return issue.model_copy(
        update={
            "id": new_id,
            "carried_from": f"{old.ledger.id}/{issue.id}",
            "assigned_on": old.assigned_on(issue),
        },
        deep=True,
    )


def carry_into(
    old: Ledger,
    new: Ledger,
    *,
    as_of: dt.date,
    width: int = 3,
) -> tuple[Ledger, list[Carried]]:
    """Next year's ledger with every issue still to do appended, each once.

    New ids follow the new ledger's own (rectify.ops.next_id). An issue already
    named by a `carried_from` of the new ledger is not added again, so running
    a carry-over twice adds nothing.
    """
    issues = to_carry(old, as_of)
    _check_carry(old, new, issues, as_of)
    by_source = {issue.carried_from: issue for issue in new.issues if issue.carried_from}
    result = new.model_copy(update={"issues": list(new.issues)}, deep=False)
    carried: list[Carried] = []
    for issue in issues:
        key = f"{old.ledger.id}/{issue.id}"
        done = by_source.get(key)
        if done is not None:
            carried.append(Carried(issue.id, done.id, issue.title, issue.completion, False))
            continue
        new_id = next_id(result, width=width)
        result.issues.append(_continued(issue, old, new_id))
        carried.append(Carried(issue.id, new_id, issue.title, issue.completion, True))
    return result, carried


def _names(note: str | None, target: str) -> bool:
    """Whether a note names the issue key (SMX-001, not SMX-0012)."""
    return note is not None and re.search(re.escape(target) + r"(?![\w-])", note) is not None


def note_carried(
    old: Ledger, new: Ledger, *, as_of: dt.date, lang: Lang
) -> tuple[Ledger, list[str]]:
    """Last year's ledger with a dated note on every issue the new ledger continues.

    The note keeps the issue's completion, so `check` stays content; it is
    added once: an issue whose notes already name its new id is left alone.
    """
    targets = {
        issue.carried_from: f"{new.ledger.id}/{issue.id}"
        for issue in new.issues
        if issue.carried_from
    }
    issues: list[Issue] = []
    noted: list[str] = []
    for issue in old.issues:
        target = targets.get(f"{old.ledger.id}/{issue.id}")
        if target is None or any(_names(entry.note, target) for entry in issue.progress):
            issues.append(issue)
            continue
        entry = ProgressEntry(
            date=as_of, completion=issue.completion, note=carried_note(target, lang)
        )
        issues.append(issue.model_copy(update={"progress": [*issue.progress, entry]}))
        noted.append(issue.id)
    if not noted:
        return old, noted
    return old.model_copy(update={"issues": issues}), noted


def carry_over(
    old: Ledger,
    new: Ledger | None,
    *,
    as_of: dt.date,
    ledger_id: str | None = None,
    title: str | None = None,
    prefix: str | None = None,
    width: int = 3,
    lang: Lang = "zh",
) -> CarryResult:
    """Carry every open or in-progress issue of last year's ledger into next year's.

    Args:
        old: last year's ledger; its issues are never removed, only noted.
        new: next year's ledger, or None to start one (then `ledger_id` and
            `title` are needed; `prefix` defaults to last year's).
        as_of: the carry-over date: the date of the notes on last year's issues.
        width: digits of the number in new ids (SMX-001 has 3).
        lang: the language of the note left on last year's issues.
    """
    if new is None:
        if not ledger_id or not title:
            raise DataError("carry.needs_id_title")
        new = start_ledger(old, ledger_id=ledger_id, title=title, prefix=prefix, as_of=as_of)
    new_after, carried = carry_into(old, new, as_of=as_of, width=width)
    old_after, noted = note_carried(old, new_after, as_of=as_of, lang=lang)
    return CarryResult(old_after, new_after, tuple(carried), tuple(noted))
