"""Commands of follow-through: due, notice, reply, vote, carry-over (see rectify.cli)."""

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
    out_lines,
    scope,
)
from rectify.cli.figures import DocumentFormatOption
from rectify.cli.options import IdArgument, OnOption
from rectify.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from rectify.api.documents import Format
    from rectify.api.follow import CarriedOver, Voted
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
        show_default=False,
    ),
]


@app.command()
def due(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    within: WithinOption = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT")] = None,
    margin: MarginOption = None,
    fmt: Annotated[DueFormat, typer.Option("--format")] = DueFormat.table,
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
    elif env.plain:
        from rectify.render.warnings import chase_lines

        out_lines(chase_lines(found.units, day, env.lang, **settings))
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
            show_default=False,
        ),
    ] = None,
    *,
    all_units: Annotated[bool, typer.Option("--all")] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o"),
    ] = None,
    fmt: DocumentFormatOption = None,
    month: Annotated[
        str | None,
        typer.Option("--month", metavar="MONTH"),
    ] = None,
    reply_within: Annotated[
        int,
        typer.Option("--reply-within", min=1, metavar="DAYS"),
    ] = 10,
    record: Annotated[bool, typer.Option("--record")] = False,
    within: WithinOption = None,
    margin: MarginOption = None,
    as_of: AsOfOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Write a reminder notice (督办提醒函) to a lead unit: what is overdue or lagging.

    Dated the end of --month (default: today). In Markdown, or as a Word letter
    in official layout with -o 函.docx or --format docx (pdf: through
    LibreOffice). With --all -o DIR, one file per unit that has something to
    chase, in the --format given. With --record, each letter is kept in the
    ledgers for due, the report and a later reply.
    """
    from rectify import api
    from rectify.output.notice import notice_document

    env = make_env(ctx, lang)
    day = api.notice_date(env.project, month, env.date(as_of, "--as-of"))
    unit, given = _unit_and_paths(args, all_units, output)
    kind = api.output_format("notice", output, fmt.value if fmt else None, folder=unit is None)
    made = api.notices(
        env.project,
        scope(given, ledger),
        as_of=day,
        unit=unit,
        within=within,
        margin=margin,
        reply_within=reply_within,
    )
    if record and made:
        _record(env, made, scope(given, ledger))
    if not made:
        _nothing(env, unit, day)
    elif unit is None and output is not None:
        _write_all(env, made, output, day, kind)
    elif output is None:
        from rectify.output.blocks import to_markdown

        out(to_markdown(notice_document(made[0], env.lang)), nl=False)
    else:
        api.write_document(env.project, notice_document(made[0], env.lang), output, kind)
        env.say("notice.written", path=output)


def _nothing(env: Env, unit: str | None, day: dt.date) -> None:
    """Say that no notice was written: nothing to chase."""
    key, params = ("notice.none_all", {}) if unit is None else ("notice.nothing", {"unit": unit})
    env.note(key, as_of=day.isoformat(), **params)


def _record(env: Env, made: list[Notice], given: list[Path] | None) -> None:
    """Record the letters in the ledgers, and say what was recorded."""
    from rectify import api

    for done in api.record_notices(env.project, made, given, lang=env.lang):
        if done.count:
            env.say(
                "notice.recorded",
                count=done.count,
                date=done.as_of,
                unit=done.unit,
                to=done.to,
                due=done.reply_by,
            )
        else:
            env.note("notice.recorded_already", unit=done.unit, date=done.as_of)


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
    if unit is not None and (Path(unit).exists() or unit.lower().endswith((".yaml", ".yml"))):
        raise UsageError("notice.unit_is_path", given=unit)  # the unit forgotten
    return unit, [Path(p) for p in given]


def _write_all(env: Env, made: list[Notice], folder: Path, day: dt.date, kind: Format) -> None:
    """One file per unit in the folder, each named as it is written."""
    from rectify import api

    for path in api.write_notices(env.project, made, folder, day, env.lang, kind):
        env.say("notice.written", path=path)
    env.say("notice.written_all", count=len(made), path=folder)


@app.command()
def reply(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record that a unit answered the letters that chased an issue (复函).

    Every letter to it dated on or before --on and not yet answered counts as
    answered that day.
    """
    from rectify import api

    env = make_env(ctx, lang)
    day = env.date(on, "--on") or env.today
    before, after = api.reply(env.project, issue_id, on=day, ledgers=scope(paths, ledger))
    count = sum(
        a.replied_on != b.replied_on for a, b in zip(after.chased, before.chased, strict=True)
    )
    env.say("reply.done", id=after.id, date=day, count=count)


class ResultChoice(enum.StrEnum):
    satisfied = "satisfied"
    basically_satisfied = "basically_satisfied"
    dissatisfied = "dissatisfied"


@app.command()
def vote(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    meeting: Annotated[str, typer.Option("--meeting", metavar="TEXT")],
    satisfied: Annotated[int, typer.Option("--satisfied", min=0, metavar="NUMBER")],
    basic: Annotated[int, typer.Option("--basic", min=0, metavar="NUMBER")],
    dissatisfied: Annotated[int, typer.Option("--dissatisfied", min=0, metavar="NUMBER")],
    result: Annotated[ResultChoice | None, typer.Option("--result")] = None,
    follow_up: Annotated[str | None, typer.Option("--follow-up", metavar="TEXT")] = None,
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record the committee's vote on the rectification report (满意度测评).

    Kept in the ledger's header (deliberations:). Without --result, the result
    is what the votes come to. A dissatisfied result keeps the list to be
    reported on again; a second one in a row is flagged.
    """
    from rectify import api
    from rectify.model import Result

    env = make_env(ctx, lang)
    voted = api.vote(
        env.project,
        meeting=meeting,
        satisfied=satisfied,
        basic=basic,
        dissatisfied=dissatisfied,
        result=Result(result.value) if result else None,
        follow_up=follow_up,
        on=env.date(on, "--on") or env.today,
        ledgers=scope(paths, ledger),
    )
    _report_vote(env, voted)


def _report_vote(env: Env, voted: Voted) -> None:
    """The sentence that confirms a vote, and what it means for the list."""
    from rectify.i18n import t
    from rectify.model import Result

    entry = voted.entry
    word = t(f"result.{entry.result.value}", env.lang)
    env.say(
        "vote.done",
        ledger=voted.ledger.ledger.id,
        date=entry.date,
        meeting=entry.meeting,
        satisfied=entry.satisfied,
        basic=entry.basically_satisfied,
        dissatisfied=entry.dissatisfied,
        result=word,
    )
    if voted.expected is not None and voted.expected is not entry.result:
        expected = t(f"result.{voted.expected.value}", env.lang)
        env.note("vote.differs", expected=expected, result=word)
    if voted.dissatisfied_again:
        env.note("vote.second_dissatisfied")
    elif entry.result is Result.DISSATISFIED:
        env.say("vote.again")


@app.command("carry-over")
def carry_over(
    ctx: typer.Context,
    ledger: Annotated[
        Path,
        typer.Argument(metavar="LEDGER", show_default=False),
    ],
    *,
    to: Annotated[
        Path,
        typer.Option("--to", show_default=False),
    ],
    ledger_id: Annotated[str | None, typer.Option("--id")] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    prefix: Annotated[
        str | None,
        typer.Option("--prefix"),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE"),
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
