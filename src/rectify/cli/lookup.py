"""Commands that look things up: list and show (see rectify.cli)."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    PathsArgument,
    make_env,
    out,
    out_json,
    out_lines,
    scope,
)
from rectify.cli.options import (
    IdArgument,
    SourceOption,
    TrackOption,
    complete_enum,
    complete_units,
    enum_value,
    warning_value,
)


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(enum.StrEnum):
    table = "table"
    json = "json"


# --- looking things up ---------------------------------------------------------------------------


@app.command("list")
def list_command(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
            autocompletion=complete_units,
        ),
    ] = None,
    co_unit: Annotated[
        str | None,
        typer.Option(
            "--co-unit",
            metavar="UNIT",
            autocompletion=complete_units,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            autocompletion=complete_enum(
                "status", ["open", "in_progress", "rectified", "closed", "dismissed"]
            ),
        ),
    ] = None,
    track: TrackOption = None,
    source: SourceOption = None,
    overdue: Annotated[bool, typer.Option("--overdue")] = False,
    warning: Annotated[
        list[str] | None,
        typer.Option(
            "--warning",
            metavar="LEVEL",
            autocompletion=lambda: ["red", "yellow", "blue"],
        ),
    ] = None,
    due_within: Annotated[
        int | None,
        typer.Option("--due-within", min=0, metavar="DAYS"),
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    ledger: LedgerOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """List issues by deadline with their warning (红/黄/蓝); --unit is the lead unit."""
    from rectify import api
    from rectify.figures.select import Filters
    from rectify.model import Source, Status, Track

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    filters = Filters(
        unit=unit,
        co_unit=co_unit,
        status=enum_value(Status, status, "--status", env.lang) if status else None,
        track=enum_value(Track, track, "--track", env.lang) if track else None,
        source=enum_value(Source, source, "--source", env.lang) if source else None,
        overdue=overdue,
        due_within=due_within,
        warnings=frozenset(warning_value(text, env.lang) for text in warning or []),
    )
    rows = api.list_issues(env.project, filters, as_of=day, ledgers=scope(paths, ledger))
    if fmt is ListFormat.json:
        from rectify.output.json import listing_json

        out_json(listing_json(rows))
    elif fmt is ListFormat.csv:
        from rectify.cli.common import stdout_is_tty
        from rectify.output.listing import issues_csv

        # Into a file (`> 清单.csv`), with the mark Excel needs to read UTF-8.
        out(("" if stdout_is_tty() else "\ufeff") + issues_csv(rows, env.lang), nl=False)
    elif env.plain:
        from rectify.render.issues import list_lines

        out_lines(list_lines(rows, env.lang, as_of=day, due_soon_days=env.config.due_soon_days))
    else:
        from rectify.render.issues import list_view

        days = env.config.due_soon_days
        env.show(list_view(rows, env.lang, as_of=day, due_soon_days=days, width=env.width))


@app.command()
def show(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    fmt: Annotated[ShowFormat, typer.Option("--format")] = ShowFormat.table,
    ledger: LedgerOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Show every field of an issue and its history as a timeline."""
    from rectify import api

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    shown = api.show_issue(env.project, issue_id, as_of=day, ledgers=scope(paths, ledger))
    if not shown.exists:
        env.note("show.not_yet", day=day, assigned=shown.ledger.assigned_on(shown.issue))
    if fmt is ShowFormat.json:
        from rectify.output.json import issue_data

        out_json(issue_data(shown.ledger, shown.issue, shown.warning))
    else:
        from rectify.render.issues import issue_view

        days, margin = env.config.due_soon_days, env.config.pace_margin
        env.show(
            issue_view(
                shown.ledger, shown.issue, env.lang, as_of=day, due_soon_days=days, margin=margin
            )
        )
