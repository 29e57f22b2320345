"""Commands of follow-through: due, notice, carry-over (see rectify.cli)."""

from __future__ import annotations

import enum
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    AsOfOption,
    Env,
    LangOption,
    PathsArgument,
    make_env,
    out,
    parse_date_option,
    stdout_is_tty,
)
from rectify.errors import NotFound, UsageError

if TYPE_CHECKING:
    import datetime as dt

    from rectify.changes.carry import Carried
    from rectify.figures.state import Item
    from rectify.i18n import Lang
    from rectify.model import Ledger


class DueFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


WithinOption = Annotated[
    int | None,
    typer.Option(
        "--within",
        min=0,
        metavar="DAYS",
        help="Due-soon window in days (blue); default due_soon_days in rectify.toml, else 14.",
        show_default=False,
    ),
]
MarginOption = Annotated[
    int | None,
    typer.Option(
        "--margin",
        min=0,
        max=100,
        metavar="POINTS",
        help="Yellow when completion is more than this many points below the pace line "
        "(default: pace_margin in rectify.toml, else 20).",
        show_default=False,
    ),
]


def _pool(env: Env, paths: list[Path] | None, as_of: dt.date) -> list[Item]:
    """Every issue of the ledgers under the paths, checked first."""
    from rectify.figures.state import items
    from rectify.ledger.load import load_valid

    return items(loaded.ledger for loaded in load_valid(env.paths(paths), as_of=as_of))


def _known_unit(pool: list[Item], unit: str) -> None:
    """Raise NotFound, with the nearest name, when no issue has that lead unit."""
    from rectify.changes.units import closest_unit, lead_units

    if unit in lead_units(pool):
        return
    suggestion = closest_unit(pool, unit)
    if suggestion is None:
        raise NotFound("due.unknown_unit", unit=unit)
    raise NotFound("due.unknown_unit.suggest", unit=unit, suggestion=suggestion)


@app.command()
def due(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    within: WithinOption = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only this lead unit.", metavar="UNIT")
    ] = None,
    margin: MarginOption = None,
    fmt: Annotated[
        DueFormat, typer.Option("--format", help="table, json (for scripts) or markdown.")
    ] = DueFormat.table,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """What needs chasing now, by lead unit: red (overdue), yellow (behind pace), blue (due soon).

    Shows the days overdue or left, the completion against the pace line and
    the last progress report; issues silent for more than a month are flagged.
    """
    import json

    from rectify.figures.chase import chase_list
    from rectify.output.json import chase_json
    from rectify.output.notice import chase_markdown

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    days = env.config.due_soon_days if within is None else within
    margin = env.config.pace_margin if margin is None else margin
    pool = _pool(env, paths, day)
    if unit is not None:
        _known_unit(pool, unit)
    units = chase_list(pool, day, due_soon_days=days, margin=margin, unit=unit)
    if fmt is DueFormat.json:
        data = chase_json(units, day, due_soon_days=days, margin=margin)
        out(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt is DueFormat.markdown:
        out(chase_markdown(units, day, env.lang, due_soon_days=days, margin=margin), nl=False)
    else:
        from rectify.render.warnings import render_chase

        width = shutil.get_terminal_size((100, 24)).columns
        color = stdout_is_tty() and "NO_COLOR" not in os.environ
        text = render_chase(
            units, day, env.lang, width=width, color=color, due_soon_days=days, margin=margin
        )
        out(text, nl=False)


@app.command()
def notice(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="UNIT PATH",
            help="The lead unit, then ledger files or folders (with --all: only the paths).",
            show_default=False,
        ),
    ] = None,
    *,
    all_units: Annotated[
        bool, typer.Option("--all", help="One notice per unit with something to chase.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (with --all: this folder)."),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month", help="As of the end of this month (2024-11).", metavar="MONTH"),
    ] = None,
    reply_within: Annotated[
        int,
        typer.Option(
            "--reply-within", min=1, metavar="DAYS", help="Days the unit is given to answer."
        ),
    ] = 10,
    within: WithinOption = None,
    margin: MarginOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Write a reminder notice (督办提醒函) in Markdown to a lead unit: what is overdue or lagging.

    Dated the end of --month (default: today). With --all -o DIR, one file per
    unit that has something to chase.
    """
    from rectify.output.notice import make_notice, notice_markdown, notices

    env = make_env(ctx, lang)
    day = _notice_date(env, month, as_of)
    given = list(args or [])
    if not all_units and not given:
        raise UsageError("notice.needs_unit")
    unit = None if all_units else given.pop(0)
    if all_units and output is None:
        raise UsageError("notice.all_needs_dir")
    days = env.config.due_soon_days if within is None else within
    margin = env.config.pace_margin if margin is None else margin
    pool = _pool(env, [Path(p) for p in given] or None, day)
    options = {"due_soon_days": days, "margin": margin, "reply_days": reply_within}
    if unit is None:
        assert output is not None
        made = notices(pool, day, **options)
        if not made:
            typer.echo(_t("notice.none_all", env, as_of=day.isoformat()), err=True)
            return
        _write_all(env, [(n.unit, notice_markdown(n, env.lang)) for n in made], output, day)
        return
    _known_unit(pool, unit)
    found = make_notice(pool, unit, day, **options)
    if found is None:
        typer.echo(_t("notice.nothing", env, unit=unit, as_of=day.isoformat()), err=True)
        return
    text = notice_markdown(found, env.lang)
    if output is None:
        out(text, nl=False)
    else:
        _write_text(output, text)
        out(_t("notice.written", env, path=output))


def _notice_date(env: Env, month: str | None, as_of: str | None) -> dt.date:
    """The notice's date: the end of --month, else --as-of, else today."""
    from rectify.dates import month_end, parse_month

    if month is not None and as_of is not None:
        raise UsageError("notice.month_and_as_of")
    if month is None:
        return env.as_of(as_of)
    try:
        return month_end(*parse_month(month))
    except ValueError:
        raise UsageError("notice.bad_month", value=month) from None


def _write_text(path: Path, text: str) -> None:
    from rectify.ledger.files import atomic_write

    atomic_write(path, text.encode("utf-8"))


def _write_all(env: Env, letters: list[tuple[str, str]], folder: Path, day: dt.date) -> None:
    """Write one Markdown file per unit into the folder, names safe on Windows too."""
    from rectify.errors import FileError
    from rectify.text import safe_file_stem

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(
            "error.write_failed", path=folder, reason=exc.strerror or str(exc)
        ) from None
    taken: set[str] = set()
    for unit, text in letters:
        stem = safe_file_stem(_t("notice.file_stem", env, unit=unit, date=day.isoformat()))
        name, number = stem, 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name.casefold())
        path = folder / f"{name}.md"
        _write_text(path, text)
        out(_t("notice.written", env, path=path))
    out(_t("notice.written_all", env, count=len(letters), path=folder))


@dataclass
class _Moved:
    """What a carry-over did, filled in while the ledgers are locked."""

    carried: list[Carried] = field(default_factory=list)
    noted: list[str] = field(default_factory=list)


@app.command("carry-over")
def carry_over(
    ctx: typer.Context,
    ledger: Annotated[
        Path,
        typer.Argument(metavar="LEDGER", help="This year's ledger file.", show_default=False),
    ],
    *,
    to: Annotated[
        Path,
        typer.Option(
            "--to", help="Next year's ledger file (created when missing).", show_default=False
        ),
    ],
    ledger_id: Annotated[
        str | None, typer.Option("--id", help="Id of the new ledger (when creating it).")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the new ledger (when creating it).")
    ] = None,
    prefix: Annotated[
        str | None,
        typer.Option("--prefix", help="Id prefix of the new ledger; default: this year's."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Carry-over date (default today).", metavar="DATE"),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Carry every open or in-progress issue into next year's ledger (跨年再盯).

    New ids, carried_from pointing back, the record kept; each old issue gets
    a dated note saying where it went and is never deleted. Next year's file
    is written first, then this year's, each atomically; running it again
    adds nothing.
    """
    from rectify.changes.carry import carry_into, derive_title, note_carried
    from rectify.ledger.ids import LEDGER_ID
    from rectify.ledger.load import load_one, transact

    env = make_env(ctx, lang)
    day = parse_date_option(on, "--on", env.today) if on else env.today
    if to.resolve() == ledger.resolve():
        raise UsageError("carry.same_file", path=to)
    old = load_one(ledger, as_of=day).ledger
    moved = _Moved()

    def carry(new: Ledger) -> Ledger:
        after, moved.carried = carry_into(old, new, as_of=day, width=env.config.id_width)
        return after

    if to.exists():
        existing = load_one(to, as_of=day).ledger
        if ledger_id and ledger_id != existing.ledger.id:
            raise UsageError(
                "carry.id_mismatch", path=to, actual=existing.ledger.id, given=ledger_id
            )
        new = transact(to, carry, as_of=day)
        out(_t("carry.appended", env, path=to, id=new.ledger.id))
    else:
        # Named after the file (smx-city-2025.yaml) and last year's title, unless given.
        ledger_id = ledger_id or (to.stem if LEDGER_ID.match(to.stem) else None)
        title = title or (derive_title(old, ledger_id) if ledger_id else None)
        if not ledger_id or not title:
            raise UsageError("carry.needs_id_title")
        new = _create(
            to, carry, old, ledger_id=ledger_id, title=title, prefix=prefix, day=day, lang=env.lang
        )
        out(_t("carry.created", env, path=to, id=new.ledger.id))

    def note(current: Ledger) -> Ledger:
        after, moved.noted = note_carried(current, new, as_of=day, lang=env.lang)
        return after

    transact(ledger, note, as_of=day)
    _report_carry(env, moved, ledger)


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
    from rectify.ledger.emit import dump_ledger
    from rectify.ledger.files import atomic_write, locked

    with locked(path):
        if path.exists():
            raise UsageError("carry.target_appeared", path=path)
        new = carry(start_ledger(old, ledger_id=ledger_id, title=title, prefix=prefix, as_of=day))
        header = t("carry.file_header", lang, old=old.ledger.id, on=day.isoformat())
        atomic_write(path, f"# {header}\n{dump_ledger(new)}".encode())
    return new


def _report_carry(env: Env, moved: _Moved, ledger: Path) -> None:
    """Print what moved: one line per problem, then the counts."""
    from fractions import Fraction

    from rectify.numbers import percent

    if not moved.carried:
        out(_t("carry.nothing", env, path=ledger))
    for item in moved.carried:
        key = "carry.line" if item.fresh else "carry.line_already"
        done = percent(Fraction(str(item.completion)))
        out(_t(key, env, old=item.old_id, new=item.new_id, title=item.title, completion=done))
    out(
        _t(
            "carry.summary",
            env,
            fresh=sum(c.fresh for c in moved.carried),
            earlier=sum(not c.fresh for c in moved.carried),
            noted=len(moved.noted),
            path=ledger,
        )
    )


def _t(key: str, env: Env, **params: object) -> str:
    from rectify.i18n import t

    return t(key, env.lang, **params)
