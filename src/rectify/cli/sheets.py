"""Commands of the sheets part: export, import."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    PathsArgument,
    make_env,
    out,
    scope,
)
from rectify.errors import DataError, ExitCode, UsageError

if TYPE_CHECKING:
    pass


class ExportFormat(enum.StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


@app.command()
def export(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", help="csv, xlsx or json (default: from the -o file name, else csv)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (default: stdout; xlsx needs it)."),
    ] = None,
    as_of: AsOfOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Export issues as a spreadsheet: one row per issue; xlsx adds figures by unit and month."""
    from rectify import api

    env = make_env(ctx, lang)
    to_stdout = output is None or str(output) == "-"
    kind = fmt or _format_of(None if to_stdout else output)
    if kind is ExportFormat.xlsx and to_stdout:
        raise UsageError("export.xlsx_needs_output")
    day = env.as_of(as_of)
    data, count = api.export(
        env.project,
        scope(paths, ledger),
        kind=kind.value,
        as_of=day,
        lang=env.lang,
        bom=not to_stdout,
    )
    if output is None or to_stdout:
        out(data.decode("utf-8"), nl=False)
    else:
        from rectify.ledger.files import write_output

        write_output(output, data)
        env.say("export.written", rows=count, path=output)


def _format_of(output: Path | None) -> ExportFormat:
    """The format a file name asks for: .xlsx, .json, else CSV."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return ExportFormat(suffix) if suffix in ExportFormat.__members__ else ExportFormat.csv


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="The sheet to read: .xlsx or .csv.", show_default=False)
    ],
    *,
    ledger: Annotated[
        Path, typer.Option("--ledger", "-l", help="The ledger file to add the issues to.")
    ],
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The xlsx sheet to read (default: the first).")
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Read a column as a key: --map 责任处室=lead_unit (repeatable; =ignore skips it).",
            metavar="HEADER=KEY",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")
    ] = False,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the good rows even if some cannot be read.")
    ] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="Bring issues the sheet matches up to date (see docs/spreadsheets.md)."
        ),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Encoding of a CSV file (default: UTF-8, else GB18030)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The date the sheet reports on, for rows without their own date "
            "(default: its 填报日期/截至 title, else today).",
            metavar="DATE",
        ),
    ] = None,
    assigned_on: Annotated[
        str | None,
        typer.Option(
            "--assigned-on",
            help="When new problems without a 交办日期 cell were handed down (default today).",
            metavar="DATE",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Import an office's Excel/WPS sheet or CSV into a ledger; nothing is added twice."""
    from rectify import api
    from rectify.io.sheets.describe import describe_plan, summary

    env = make_env(ctx, lang)
    done = api.import_sheet(
        env.project,
        file,
        ledger=ledger,
        sheet=sheet,
        mapping=maps,
        encoding=encoding,
        update=update,
        reported_on=env.date(as_of, "--as-of"),
        assigned_on=env.date(assigned_on, "--assigned-on"),
        dry_run=dry_run,
        skip_bad=skip_bad,
        lang=env.lang,
    )
    for line in describe_plan(done.plan, env.lang, update=update):
        out(line)
    blocked = bool(done.plan.bad) and not skip_bad
    if dry_run:
        out(summary(done.plan, env.lang, dry_run=True))
        raise typer.Exit(ExitCode.PROBLEMS if blocked else ExitCode.OK)
    if blocked:
        raise DataError("import.not_written", count=len(done.plan.bad))
    if not done.written:
        env.say("import.nothing", path=ledger)
        return
    out(summary(done.plan, env.lang, dry_run=False))
    env.say("import.written", path=ledger)
