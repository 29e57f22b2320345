"""Follow-through from Python: what to chase, reminder notices and their record, replies, the
committee's vote, carrying a list into next year."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rectify.api.project import PathsGiven, Project
from rectify.changes.carry import Carried
from rectify.errors import UsageError
from rectify.figures.chase import UnitChase
from rectify.figures.state import Item
from rectify.i18n import Lang
from rectify.model import Chase as Letter
from rectify.model import Deliberation, Issue, Ledger, Result
from rectify.output.notice import Notice

if TYPE_CHECKING:
    from rectify.api.documents import Format


@dataclass(frozen=True)
class Chase:
    """What needs chasing on a date, by lead unit, with the settings it was worked out with."""

    units: list[UnitChase]
    as_of: dt.date
    due_soon_days: int
    margin: int


def _pool(project: Project, paths: PathsGiven, as_of: dt.date) -> list[Item]:
    from rectify.figures.state import items

    return items(loaded.ledger for loaded in project.load(paths, as_of))


def _settings(project: Project, within: int | None, margin: int | None) -> tuple[int, int]:
    days = project.config.due_soon_days if within is None else within
    return days, project.config.pace_margin if margin is None else margin


def known_unit(pool: list[Item], unit: str) -> None:
    """Raise NotFound, with the nearest name, when no issue has that lead unit."""
    from rectify.changes.units import lead_units, refuse_unknown_unit

    refuse_unknown_unit(unit, lead_units(pool))


def due(
    project: Project,
    paths: PathsGiven = None,
    *,
    as_of: dt.date | None = None,
    unit: str | None = None,
    within: int | None = None,
    margin: int | None = None,
) -> Chase:
    """Red (overdue), yellow (behind pace) and blue (due soon) issues, by lead unit.

    ``within`` and ``margin`` default to rectify.toml's due_soon_days and pace_margin.
    """
    from rectify.figures.chase import chase_list

    day = as_of or project.today
    days, points = _settings(project, within, margin)
    pool = _pool(project, paths, day)
    if unit is not None:
        known_unit(pool, unit)
    units = chase_list(pool, day, due_soon_days=days, margin=points, unit=unit)
    return Chase(units, day, days, points)


def notice_date(project: Project, month: str | None, as_of: dt.date | None) -> dt.date:
    """A notice's date: the end of ``month`` (2024-11), else ``as_of``, else today."""
    from rectify.dates import month_end, parse_month

    if month is not None and as_of is not None:
        raise UsageError("notice.month_and_as_of")
    if month is None:
        return as_of or project.today
    try:
        return month_end(*parse_month(month))
    except ValueError:
        raise UsageError("notice.bad_month", value=month) from None


def notices(
    project: Project,
    paths: PathsGiven = None,
    *,
    as_of: dt.date,
    unit: str | None = None,
    within: int | None = None,
    margin: int | None = None,
    reply_within: int = 10,
) -> list[Notice]:
    """The reminder notices (督办提醒函) of a date: to ``unit``, else to every unit with
    something to chase, most urgent first; empty when there is nothing to chase."""
    from rectify.figures.ladder import DEFAULT_ESCALATION
    from rectify.output.notice import make_notice
    from rectify.output.notice import notices as every_notice

    days, points = _settings(project, within, margin)
    pool = _pool(project, paths, as_of)
    ladder = project.config.escalation or DEFAULT_ESCALATION
    if unit is None:
        return every_notice(
            pool, as_of, due_soon_days=days, margin=points, reply_days=reply_within, ladder=ladder
        )
    known_unit(pool, unit)
    found = make_notice(
        pool, unit, as_of, due_soon_days=days, margin=points, reply_days=reply_within, ladder=ladder
    )
    return [] if found is None else [found]


def write_notices(
    project: Project,
    made: list[Notice],
    folder: Path,
    day: dt.date,
    lang: Lang,
    kind: Format = "markdown",
) -> list[Path]:
    """Write one notice per unit into ``folder`` (Markdown, Word or PDF), names safe on
    Windows too."""
    from rectify.api.documents import SUFFIX, write_document
    from rectify.errors import FileError
    from rectify.i18n import t
    from rectify.output.notice import notice_document
    from rectify.text import safe_file_stem

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(
            "error.write_failed", path=folder, reason=exc.strerror or str(exc)
        ) from None
    taken: set[str] = set()
    written = []
    for notice in made:
        title = t(notice.key("notice.file_stem"), lang, unit=notice.unit, date=day.isoformat())
        stem = safe_file_stem(title)
        name, number = stem, 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name.casefold())
        path = folder / f"{name}{SUFFIX[kind]}"
        write_document(project, notice_document(notice, lang), path, kind)
        written.append(path)
    return written


@dataclass(frozen=True)
class CarriedOver:
    """What `carry_over` did: next year's ledger, whether it was created, what moved."""

    new: Ledger
    created: bool
    carried: tuple[Carried, ...]
    noted: tuple[str, ...]


def carry_over(
    project: Project,
    ledger: Path,
    *,
    to: Path,
    ledger_id: str | None = None,
    title: str | None = None,
    prefix: str | None = None,
    on: dt.date | None = None,
    lang: Lang = "zh",
) -> CarriedOver:
    """Carry every open or in-progress issue of ``ledger`` into next year's file ``to``.

    The files' side of rectify.changes.carry.carry_over: next year's file is
    created when missing (named after the file and last year's title unless
    given) or appended to, under its lock, first; then this year's issues get
    their dated notes. Running it again adds nothing.
    """
    from rectify.changes.carry import carry_into, derive_title, note_carried
    from rectify.ledger.ids import LEDGER_ID
    from rectify.ledger.load import load_one, transact

    day = on or project.today
    ledger = project.ledger_named(ledger)
    if to.resolve() == ledger.resolve():
        raise UsageError("carry.same_file", path=to)
    old = load_one(ledger, as_of=day).ledger
    carried: list[Carried] = []

    def carry(new: Ledger) -> Ledger:
        after, moved = carry_into(old, new, as_of=day, width=project.config.id_width)
        carried.extend(moved)
        return after

    created = not to.exists()
    if not created:
        existing = load_one(to, as_of=day).ledger
        if ledger_id and ledger_id != existing.ledger.id:
            raise UsageError(
                "carry.id_mismatch", path=to, actual=existing.ledger.id, given=ledger_id
            )
        new = transact(to, carry, as_of=day)
    else:
        ledger_id = ledger_id or (to.stem if LEDGER_ID.match(to.stem) else None)
        title = title or (derive_title(old, ledger_id) if ledger_id else None)
        if not ledger_id or not title:
            raise UsageError("carry.needs_id_title")
        new = _create(
            to, carry, old, ledger_id=ledger_id, title=title, prefix=prefix, day=day, lang=lang
        )
    noted: list[str] = []

    def note(current: Ledger) -> Ledger:
        after, marked = note_carried(current, new, as_of=day, lang=lang)
        noted.extend(marked)
        return after

    transact(ledger, note, as_of=day)
    return CarriedOver(new, created, tuple(carried), tuple(noted))


def _create(
    path: Path,
    carry: Callable[[Ledger], Ledger],
    old: Ledger,
    *,
    ledger_id: str,
    title: str,
    prefix: str | None,
    day: dt.date,
    lang: Lang,
) -> Ledger:
    """Start next year's ledger file with the carried issues; never overwrite one.

    A comment on top says where the file came from; `rectify fmt` keeps it.
    """
    from rectify.changes.carry import start_ledger
    from rectify.i18n import t
    from rectify.ledger.edit import verify_written
    from rectify.ledger.emit import dump_ledger
    from rectify.ledger.files import atomic_write, locked
    from rectify.ledger.yaml import Document

    with locked(path):
        if path.exists():
            raise UsageError("carry.target_appeared", path=path)
        new = carry(start_ledger(old, ledger_id=ledger_id, title=title, prefix=prefix, as_of=day))
        header = t("carry.file_header", lang, old=old.ledger.id, on=day.isoformat())
        text = f"# {header}\n{dump_ledger(new)}"
        verify_written(Document(path=path, text=""), text, new)
        atomic_write(path, text.encode())
    return new


# --- chasing on the record (督办), replies and the committee's vote (满意度测评) -----------------


@dataclass(frozen=True)
class Recorded:
    """What recording one notice wrote: its unit, addressee and how many problems it chased
    (0: the letter was recorded before)."""

    unit: str
    as_of: dt.date
    to: str
    reply_by: dt.date
    count: int


def record_notices(
    project: Project, made: list[Notice], paths: PathsGiven = None, *, lang: Lang = "zh"
) -> list[Recorded]:
    """Record each notice in the ledgers: one dated `chased` entry for each of its problems,
    each ledger changed once, under its lock. A letter recorded before adds nothing."""
    from rectify.changes import ops
    from rectify.ledger.load import transact
    from rectify.output.notice import addressees, chase_entries

    if not made:
        return []
    day = made[0].as_of
    ops.check_not_future(day, project.today)
    books = {loaded.ledger.ledger.id: loaded for loaded in project.load(paths, day)}
    letters = {id(notice): chase_entries(notice, lang) for notice in made}
    by_file: dict[Path, list[tuple[str, Letter]]] = {}
    for entries in letters.values():
        for item, letter in entries:
            by_file.setdefault(books[item.ledger_id].path, []).append((item.issue.id, letter))
    added: set[tuple[str, str]] = set()

    def write(ledger: Ledger, chases: list[tuple[str, Letter]]) -> Ledger:
        for issue_id, letter in chases:
            after = ops.chase(ledger, issue_id, letter)
            if after is not ledger:
                added.add((ledger.ledger.id, issue_id))
            ledger = after
        return ledger

    # Every letter is tried on the ledgers as read first: one refused (a later letter on
    # record) leaves every file as it was, not some written and some not.
    for loaded in books.values():
        write(loaded.ledger, by_file.get(loaded.path, []))
    added.clear()
    for path, chases in by_file.items():
        transact(path, functools.partial(write, chases=chases), as_of=day)
    done = []
    for notice in made:
        to, _ = addressees(notice, lang)
        count = sum((item.ledger_id, item.issue.id) in added for item, _ in letters[id(notice)])
        done.append(Recorded(notice.unit, notice.as_of, to, notice.reply_by, count))
    return done


def reply(
    project: Project, issue_id: str, *, on: dt.date | None = None, ledgers: PathsGiven = None
) -> tuple[Issue, Issue]:
    """Record that the unit answered the letters that chased an issue (复函), on a date."""
    from rectify.changes import ops
    from rectify.figures.facts import FactRows
    from rectify.ledger.load import change_issue

    day = project.on(on)
    return change_issue(
        project.files(ledgers),
        issue_id,
        lambda lg, i: ops.reply(lg, i, on=day),
        as_of=project.today,
        derived=FactRows(),
        cache=project.cache,
    )


@dataclass(frozen=True)
class Voted:
    """The deliberation recorded, the ledger it went into, and what the votes come to."""

    path: Path
    ledger: Ledger
    entry: Deliberation
    expected: Result | None  # what the votes come to (figures of `check` R410)

    @property
    def dissatisfied_again(self) -> bool:
        """Whether this is the second 不满意 in a row (可能启动询问或特定问题调查)."""
        from rectify.figures.state import report_again

        return report_again(self.ledger, self.entry.date) == 2


def vote(
    project: Project,
    *,
    meeting: str,
    satisfied: int,
    basic: int,
    dissatisfied: int,
    result: Result | None = None,
    follow_up: str | None = None,
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Voted:
    """Record a deliberation of the rectification report with its vote in the one ledger in
    scope; the result, when not given, is what the votes come to."""
    from rectify.changes import ops
    from rectify.ledger.load import transact
    from rectify.ledger.rules import vote_result

    day = project.on(on)
    path = project.target(ledgers)
    counts = {"satisfied": satisfied, "basically_satisfied": basic, "dissatisfied": dissatisfied}
    for name, value in counts.items():
        if value < 0:
            raise UsageError("ops.vote.negative", name=name, value=value)
    expected = vote_result(satisfied, basic, dissatisfied)
    chosen = result or expected
    if chosen is None:
        raise UsageError("vote.needs_result")
    entry = Deliberation(
        date=day,
        meeting=ops.require_text(meeting, "--meeting"),
        satisfied=satisfied,
        basically_satisfied=basic,
        dissatisfied=dissatisfied,
        result=chosen,
        follow_up=ops.clean_text(follow_up),
    )
    new = transact(path, lambda lg: ops.vote(lg, entry), as_of=project.today)
    return Voted(path, new, entry, expected)
