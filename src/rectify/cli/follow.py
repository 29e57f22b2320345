"""Commands of follow-through: due, notice, carry-over (see rectify.cli)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    AsOfOption,
    Env,
    LangOption,
    LedgerOption,
    PathsArgument,
    make_env,
    out,
    out_json,
    scope,
)
from rectify.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from rectify.api.follow import CarriedOver
    from rectify.output.notice import Notice


class DueFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


WithinOption = Annotated[
    int | None,
    typer.Option(
        "--within",
        min=0,
        max=366,
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
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """What needs chasing now, by lead unit: red (overdue), yellow (behind pace), blue (due soon).

    Shows the days overdue or left, the completion against the pace line and
    the last progress report; issues silent for more than a month are flagged.
    """
    from rectify import api

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    found = api.due(
        env.project, scope(paths, ledger), as_of=day, unit=unit, within=within, margin=margin
    )
    settings = {"due_soon_days": found.due_soon_days, "margin": found.margin}
    if fmt is DueFormat.json:
        from rectify.output.json import chase_json

        out_json(chase_json(found.units, day, **settings))
    elif fmt is DueFormat.markdown:
        from rectify.output.notice import chase_markdown

        out(chase_markdown(found.units, day, env.lang, **settings), nl=False)
    else:
        from rectify.render.warnings import render_chase

        chase = render_chase(
            found.units, day, env.lang, width=env.width, color=env.color, **settings
        )
        out(chase, nl=False)


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
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Write a reminder notice (督办提醒函) in Markdown to a lead unit: what is overdue or lagging.

    Dated the end of --month (default: today). With --all -o DIR, one file per
    unit that has something to chase.
    """
    from rectify import api
    from rectify.output.notice import notice_markdown

    env = make_env(ctx, lang)
    day = api.notice_date(env.project, month, env.date(as_of, "--as-of"))
    unit, given = _unit_and_paths(args, all_units, output)
    made = api.notices(
        env.project,
        scope(given, ledger),
        as_of=day,
        unit=unit,
        within=within,
        margin=margin,
        reply_within=reply_within,
    )
    if not made:
        key, params = (
            ("notice.none_all", {}) if unit is None else ("notice.nothing", {"unit": unit})
        )
        env.note(key, as_of=day.isoformat(), **params)
    elif unit is None and output is not None:
        _write_all(env, made, output, day)
    elif output is None:
        out(notice_markdown(made[0], env.lang), nl=False)
    else:
        from rectify.ledger.files import write_output

        write_output(output, notice_markdown(made[0], env.lang).encode("utf-8"))
        env.say("notice.written", path=output)


def _unit_and_paths(
    args: list[str] | None, all_units: bool, output: Path | None
) -> tuple[str | None, list[Path]]:
    """The unit named first (none with --all), then the ledger paths."""
    given = list(args or [])
    if not all_units and not given:
        raise UsageError("notice.needs_unit")
    if all_units and output is None:
        raise UsageError("notice.all_needs_dir")
    unit = None if all_units else given.pop(0)
    return unit, [Path(p) for p in given]


def _write_all(env: Env, made: list[Notice], folder: Path, day: dt.date) -> None:
    """One file per unit in the folder, each named as it is written."""
    from rectify import api
    from rectify.output.notice import notice_markdown

    letters = [(n.unit, notice_markdown(n, env.lang)) for n in made]
    for path in api.write_notices(letters, folder, day, env.lang):
        env.say("notice.written", path=path)
    env.say("notice.written_all", count=len(letters), path=folder)


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
    from rectify import api

    env = make_env(ctx, lang)
    done = api.carry_over(
        env.project,
        ledger,
        to=to,
        ledger_id=ledger_id,
        title=title,
        prefix=prefix,
        on=env.date(on, "--on"),
        lang=env.lang,
    )
    env.say("carry.created" if done.created else "carry.appended", path=to, id=done.new.ledger.id)
    _report_carry(env, done, ledger)


def _report_carry(env: Env, done: CarriedOver, ledger: Path) -> None:
    """Print what moved: one line per problem, then the counts."""
    from fractions import Fraction

    from rectify.numbers import percent

    if not done.carried:
        env.say("carry.nothing", path=ledger)
    for item in done.carried:
        key = "carry.line" if item.fresh else "carry.line_already"
        completion = percent(Fraction(str(item.completion)))
        env.say(key, old=item.old_id, new=item.new_id, title=item.title, completion=completion)
    env.say(
        "carry.summary",
        fresh=sum(c.fresh for c in done.carried),
        earlier=sum(not c.fresh for c in done.carried),
        noted=len(done.noted),
        path=ledger,
    )
