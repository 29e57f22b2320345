"""Follow-through from Python: what to chase, reminder notices, carrying a list into next year."""

from __future__ import annotations

import datetime as dt
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
from rectify.model import Ledger
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
    from rectify.output.notice import make_notice
    from rectify.output.notice import notices as every_notice

    days, points = _settings(project, within, margin)
    pool = _pool(project, paths, as_of)
    options = {"due_soon_days": days, "margin": points, "reply_days": reply_within}
    if unit is None:
        return every_notice(pool, as_of, **options)
    known_unit(pool, unit)
    found = make_notice(pool, unit, as_of, **options)
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
        stem = safe_file_stem(t("notice.file_stem", lang, unit=notice.unit, date=day.isoformat()))
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
