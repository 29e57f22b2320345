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
    PathsArgument,
    make_env,
    out,
    parse_date_option,
)
from rectify.errors import DataError, ExitCode, UsageError

if TYPE_CHECKING:
    from rectify.io.sheets.plan import ImportPlan
    from rectify.model import Ledger


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
    lang: LangOption = None,
) -> None:
    """Export issues as a spreadsheet: one row per issue; xlsx adds figures by unit and month."""
    import json

    from rectify.figures.state import items
    from rectify.io.sheets.export import export_parts, export_tables, issues_table
    from rectify.io.sheets.files import csv_bytes, xlsx_bytes
    from rectify.ledger.files import atomic_write
    from rectify.ledger.load import load_valid
    from rectify.output.json import export_json

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    to_stdout = output is None or str(output) == "-"
    kind = fmt or _format_of(None if to_stdout else output)
    if kind is ExportFormat.xlsx and to_stdout:
        raise UsageError("export.xlsx_needs_output")
    ledgers = [loaded.ledger for loaded in load_valid(env.paths(paths), as_of=day)]
    soon = env.config.due_soon_days
    if kind is ExportFormat.xlsx:
        tables = export_tables(ledgers, day, env.lang, due_soon_days=soon)
        count = len(tables[0].rows)
        data = xlsx_bytes(tables, title=" / ".join(x.ledger.title for x in ledgers))
    elif kind is ExportFormat.csv:
        table = issues_table(items(ledgers), day, env.lang)
        count = len(table.rows)
        data = csv_bytes(table, bom=not to_stdout)
    else:
        record = export_json(day, *export_parts(ledgers, day, due_soon_days=soon))
        count = len(record["issues"])
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        data = text.encode("utf-8")
    if to_stdout:
        out(data.decode("utf-8"), nl=False)
        return
    assert output is not None
    atomic_write(output, data)
    out(_t("export.written", env.lang, rows=count, path=output))


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
    from rectify.i18n import t
    from rectify.io.sheets.describe import describe_plan, summary
    from rectify.io.sheets.files import read_sheet
    from rectify.io.sheets.headers import parse_mapping
    from rectify.io.sheets.plan import plan_import
    from rectify.ledger.load import load_one, transact

    env = make_env(ctx, lang)
    day = env.today  # the day of the import
    reported = env.as_of(as_of) if as_of else None
    assigned = parse_date_option(assigned_on, "--assigned-on", day) if assigned_on else None
    mapping = parse_mapping(maps or [])
    table = read_sheet(file, sheet=sheet, encoding=encoding)
    reason = t("import.extend_reason", env.lang, file=file.name)

    def plan_for(current: Ledger) -> ImportPlan:
        return plan_import(
            table,
            current,
            as_of=day,
            reported_on=reported,
            assigned_on=assigned,
            mapping=mapping,
            id_width=env.config.id_width,
            update=update,
            reason=reason,
            units=env.config.units,
        )

    plan = plan_for(load_one(ledger, as_of=day).ledger)
    blocked = bool(plan.bad) and not skip_bad
    if dry_run or blocked or not plan.changed:
        for line in describe_plan(plan, env.lang, update=update):
            out(line)
        if dry_run:
            out(summary(plan, env.lang, dry_run=True))
            raise typer.Exit(ExitCode.PROBLEMS if blocked else ExitCode.OK)
        if blocked:
            raise DataError("import.not_written", count=len(plan.bad))
        out(t("import.nothing", env.lang, path=ledger))
        return
    done: list[ImportPlan] = []

    def change(current: Ledger) -> Ledger:
        # Planned again under the ledger's lock, so a change made meanwhile is not lost.
        fresh = plan_for(current)
        if fresh.bad and not skip_bad:
            raise DataError("import.not_written", count=len(fresh.bad))
        done.append(fresh)
        return fresh.ledger

    transact(ledger, change, as_of=day)
    for line in describe_plan(done[-1], env.lang, update=update):
        out(line)
    out(summary(done[-1], env.lang, dry_run=False))
    out(t("import.written", env.lang, path=ledger))


def _t(key: str, lang: str, **params: object) -> str:
    from rectify.i18n import t

    return t(key, "zh" if lang == "zh" else "en", **params)
