"""Carry-over to next year (跨年再盯)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rectify.errors import DataError, UsageError
from rectify.figures.state import (
    Item,
    exists_on,
)
from rectify.i18n import Lang, t
from rectify.ledger.ids import ledger_prefix, next_id
from rectify.model import Issue, Ledger, LedgerMeta, ProgressEntry

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
        issue for issue in old.issues if issue.status.active and exists_on(Item(old, issue), as_of)
    ]


def derive_prefix(old: Ledger, ledger_id: str) -> str:
    """The id prefix of next year's ledger: last year's, else the new ledger id's first part."""
    if old.ledger.id_prefix:
        return old.ledger.id_prefix
    head = ledger_id.split("-", 1)[0]
    letters = "".join(ch for ch in head if ch.isalnum()).upper()
    return letters or "ID"


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def derive_title(old: Ledger, new_id: str) -> str | None:
    """Next year's title from last year's and the new id's year; None when there is no year.

    "2024年问题清单" with smx-2025 gives "2025年问题清单"; a title without a year
    gets the year in front ("2025年" + title), as offices name next year's list.
    """
    year = _YEAR.search(new_id)
    if year is None:
        return None
    title = old.ledger.title
    if _YEAR.search(title):
        return _YEAR.sub(year[1], title, count=1)
    return f"{year[1]}年{title}"


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

    An issue keeps its id when the new ledger uses the same prefix and has no
    issue of that id (SMX-003 stays SMX-003, so a problem keeps its name
    across years and a new problem never takes it); otherwise it gets the next
    free id (rectify.ledger.ids.next_id). An issue already named by a
    `carried_from` of the new ledger is not added again, so running a
    carry-over twice adds nothing.
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
        taken = {kept.id for kept in result.issues}
        same = issue.id.rpartition("-")[0] == ledger_prefix(result) and issue.id not in taken
        new_id = issue.id if same else next_id(result, width=width)
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
        new: next year's ledger, or None to start one (then `ledger_id` is
            needed, and `title` unless `derive_title` can work it out;
            `prefix` defaults to last year's).
        as_of: the carry-over date: the date of the notes on last year's issues.
        width: digits of the number in new ids (SMX-001 has 3).
        lang: the language of the note left on last year's issues.
    """
    if new is None:
        title = title or (derive_title(old, ledger_id) if ledger_id else None)
        if not ledger_id or not title:
            raise UsageError("carry.needs_id_title")  # as `rectify carry-over` says it: exit 2
        new = start_ledger(old, ledger_id=ledger_id, title=title, prefix=prefix, as_of=as_of)
    new_after, carried = carry_into(old, new, as_of=as_of, width=width)
    old_after, noted = note_carried(old, new_after, as_of=as_of, lang=lang)
    return CarryResult(old_after, new_after, tuple(carried), tuple(noted))
