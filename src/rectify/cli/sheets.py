"""Commands of the sheets part: export, import."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
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
    scope,
)
from rectify.errors import DataError, ExitCode, UsageError

if TYPE_CHECKING:
    from rectify.api.sheets import Imported


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
        typer.Option("--format"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o"),
    ] = None,
    form: Annotated[
        bool,
        typer.Option("--form"),
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option("--unit", metavar="UNIT"),
    ] = None,
    all_units: Annotated[
        bool,
        typer.Option("--all-units"),
    ] = False,
    as_of: AsOfOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Export issues as a spreadsheet: one row per issue; xlsx adds figures by unit and month."""
    from rectify import api

    env = make_env(ctx, lang)
    if form or unit is not None or all_units:
        choice = FormChoice(form, unit, all_units, fmt.value if fmt else None)
        return _export_forms(env, scope(paths, ledger), output, choice, env.as_of(as_of))
    to_stdout = output is None or str(output) == "-"
    kind = _format_of(None if to_stdout else output, fmt)
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


@dataclass(frozen=True)
class FormChoice:
    """What `export --form` was asked for."""

    form: bool
    unit: str | None
    all_units: bool
    fmt: str | None


def _export_forms(
    env: Env, paths: list[Path] | None, output: Path | None, choice: FormChoice, day: dt.date
) -> None:
    """`export --form`: the return form of one unit, or of every unit into a folder."""
    from rectify import api
    from rectify.ledger.files import write_output

    if not choice.form:
        raise UsageError("form.unit_without_form")
    if choice.fmt not in (None, "xlsx"):
        raise UsageError("form.only_xlsx", fmt=choice.fmt)
    if choice.unit is not None and choice.all_units:
        raise UsageError("form.unit_and_all")
    if choice.unit is None and not choice.all_units:
        raise UsageError("form.needs_unit")
    if output is None or str(output) == "-":
        raise UsageError("form.needs_output")
    if choice.all_units and output.is_file():
        raise UsageError("form.output_is_file", path=output)
    files = api.export_forms(env.project, paths, unit=choice.unit, as_of=day, lang=env.lang)
    if choice.all_units:
        output.mkdir(parents=True, exist_ok=True)
        for one in files:
            write_output(output / one.name, one.data)
        env.say("form.written_all", count=len(files), path=output)
        return
    target = output / files[0].name if output.is_dir() else output
    write_output(target, files[0].data)
    env.say("form.written", unit=files[0].unit, rows=files[0].rows, path=target)


def _format_of(output: Path | None, given: ExportFormat | None = None) -> ExportFormat:
    """The format --format or the file name asks for: .csv, .xlsx, .json; without either, CSV.
    Another extension, or one that --format contradicts, is a UsageError."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if suffix and suffix not in ExportFormat.__members__:  # never CSV under a name like a.xls
        raise UsageError(
            "output.bad_suffix",
            path=output,
            command="export",
            suffix=f".{suffix}",
            formats=", ".join(f".{kind.value}" for kind in ExportFormat),
        )
    named = ExportFormat(suffix) if suffix else None
    if given is not None and named is not None and given is not named:
        raise UsageError(
            "output.format_mismatch",
            format=given.value,
            path=output,
            suffix=f".{suffix}",
            other=named.value,
        )
    return given or named or ExportFormat.csv


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(show_default=False)],
    *,
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            "-l",
        ),
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet")] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="HEADER=KEY",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad")] = False,
    update: Annotated[
        bool,
        typer.Option("--update"),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding"),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
        ),
    ] = None,
    assigned_on: Annotated[
        str | None,
        typer.Option(
            "--assigned-on",
            metavar="DATE",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Import an office's Excel/WPS sheet or CSV into a ledger; nothing is added twice."""
    from rectify import api

    env = make_env(ctx, lang)
    if api.is_form_input(file):
        options = FormImport(update and not dry_run, skip_bad, env.date(as_of, "--as-of"))
        return _import_forms(env, file, ledger, options)
    if ledger is None:
        raise UsageError("form.needs_ledger", path=file)
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
    _report_import(env, done, ledger, dry_run=dry_run, skip_bad=skip_bad, update=update)


@dataclass(frozen=True)
class FormImport:
    """What `import` of returned forms was asked for."""

    update: bool
    skip_bad: bool
    reported_on: dt.date | None


def _import_forms(env: Env, file: Path, ledger: Path | None, options: FormImport) -> None:
    """`import` of returned forms: what each unit reported, recorded with --update."""
    from rectify import api
    from rectify.io.sheets.returns import describe_returns, returns_summary

    done = api.import_forms(
        env.project,
        file,
        [ledger] if ledger else None,
        update=options.update,
        skip_bad=options.skip_bad,
        reported_on=options.reported_on,
    )
    for line in describe_returns(done.plan, env.lang):
        out(line)
    blocked = bool(done.plan.bad) and not options.skip_bad
    out(returns_summary(done.plan, env.lang, written=done.written))
    if blocked:
        raise DataError("form.not_written", count=len(done.plan.bad))
    for path in done.paths:
        env.say("form.written_ledger", path=path)


def _report_import(
    env: Env, done: Imported, ledger: Path, *, dry_run: bool, skip_bad: bool, update: bool
) -> None:
    """What an import of a sheet did (or, with --dry-run, would do), and its exit status."""
    from rectify.io.sheets.describe import describe_book, summary

    for line in describe_book(done.plan, env.lang, update=update):
        out(line)
    blocked = bool(done.plan.bad_count) and not skip_bad
    if dry_run:
        out(summary(done.plan, env.lang, dry_run=True))
        raise typer.Exit(ExitCode.PROBLEMS if blocked else ExitCode.OK)
    if blocked:
        raise DataError("import.not_written", count=done.plan.bad_count)
    if not done.written:
        env.say("import.nothing", path=ledger)
        return
    out(summary(done.plan, env.lang, dry_run=False))
    env.say("import.written", path=ledger)
