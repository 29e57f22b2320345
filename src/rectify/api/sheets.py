"""Office sheets from Python: export the ledgers, import a unit's Excel/WPS sheet or CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rectify.api.project import PathsGiven, Project
from rectify.errors import DataError
from rectify.i18n import Lang, t
from rectify.io.sheets.plan import BookPlan
from rectify.io.sheets.returns import ReturnsPlan
from rectify.model import Ledger

SheetFormat = Literal["csv", "xlsx", "json"]


def export(
    project: Project,
    paths: PathsGiven = None,
    *,
    kind: SheetFormat = "csv",
    as_of: dt.date | None = None,
    lang: Lang = "zh",
    bom: bool = True,
) -> tuple[bytes, int]:
    """The ledgers as a sheet's bytes, and the number of issue rows.

    One row per issue as it stood on ``as_of``; xlsx adds figures by unit and
    month; json holds the same with the figures. ``bom`` starts a CSV with the
    byte-order mark Excel needs to read UTF-8.
    """
    import json

    from rectify.api.figures import kept_rows, ledger_hashes
    from rectify.figures.state import items
    from rectify.io.sheets.export import export_parts, export_tables, issues_table, month_rows
    from rectify.io.sheets.files import csv_bytes, xlsx_bytes
    from rectify.output.json import export_json

    day = as_of or project.today
    loaded = project.load(paths, day)
    ledgers = [item.ledger for item in loaded]
    if kind == "csv":
        table = issues_table(items(ledgers), day, lang)
        return csv_bytes(table, bom=bom), len(table.rows)
    soon = project.config.due_soon_days
    pool = items(ledgers)
    months = kept_rows(  # the month rows `progress` and `report` keep, per ledger bytes
        project,
        ledger_hashes(loaded),
        lambda known: month_rows(pool, day, due_soon_days=soon, known=known),
    )
    if kind == "xlsx":
        tables = export_tables(ledgers, day, lang, due_soon_days=soon, months=months)
        title = " / ".join(x.ledger.title for x in ledgers)
        heading = (title, t("export.as_of", lang, date=day.isoformat()), *_gaps(project, lang))
        return xlsx_bytes(tables, title=title, heading=heading), len(tables[0].rows)
    record = export_json(day, *export_parts(ledgers, day, due_soon_days=soon, months=months))
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8"), len(record["issues"])


def _gaps(project: Project, lang: Lang) -> list[str]:
    """Above every sheet of a roll-up with sources missing: that its figures leave them out,
    and why (the workbook is sent on without the terminal's message)."""
    from rectify.api.rollup import missing_lines

    lines = missing_lines(project, lang) if project.read else []
    return [t("export.missing", lang, count=len(lines)), *lines] if lines else []


@dataclass(frozen=True)
class Imported:
    """An import's plan (every sheet read), and whether it was written to the ledger."""

    plan: BookPlan
    written: bool


def import_sheet(
    project: Project,
    file: Path,
    *,
    ledger: Path,
    sheet: str | None = None,
    mapping: list[str] | None = None,
    encoding: str | None = None,
    update: bool = False,
    reported_on: dt.date | None = None,
    assigned_on: dt.date | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
    lang: Lang = "zh",
) -> Imported:
    """Read a sheet into ``ledger``: new rows become issues, nothing is added twice.

    Every visible sheet of a workbook is read in turn (``sheet`` names one,
    hidden or not); hidden sheets are named in the plan, never read unasked.

    With ``update``, rows that match an issue bring it up to date. The plan is
    made again under the ledger's lock before writing, so a change made
    meanwhile is not lost. Rows that cannot be read stop the import
    (DataError) unless ``skip_bad``; with ``dry_run`` nothing is written.
    ``reported_on`` dates what the sheet reports for rows without their own
    date (default: its title's date, else today); ``assigned_on`` new issues
    without a 交办日期 cell (default today).
    """
    from rectify.i18n import t
    from rectify.io.sheets.files import read_book
    from rectify.io.sheets.headers import parse_mapping
    from rectify.io.sheets.plan import plan_book
    from rectify.ledger.load import load_one, transact

    day = project.today  # the day of the import
    ledger = project.ledger_named(ledger)
    columns = parse_mapping(mapping or [])
    book = read_book(file, sheet=sheet, encoding=encoding)
    reason = t("import.extend_reason", lang, file=file.name)

    def plan_for(current: Ledger) -> BookPlan:
        return plan_book(
            book.sheets,
            current,
            hidden=book.hidden,
            as_of=day,
            reported_on=reported_on,
            assigned_on=assigned_on,
            mapping=columns,
            id_width=project.config.id_width,
            update=update,
            reason=reason,
            units=project.config.units,
            immediate_days=project.config.immediate_days,
        )

    plan = plan_for(load_one(ledger, as_of=day).ledger)
    if dry_run or not plan.changed or (plan.bad_count and not skip_bad):
        return Imported(plan, written=False)
    done: list[BookPlan] = []

    def change(current: Ledger) -> Ledger:
        fresh = plan_for(current)
        if fresh.bad_count and not skip_bad:
            raise DataError("import.not_written", count=fresh.bad_count)
        done.append(fresh)
        return fresh.ledger

    transact(ledger, change, as_of=day)
    return Imported(done[-1], written=True)


# --- the monthly return form (报送表) ----------------------------------------------------


@dataclass(frozen=True)
class FormFile:
    """One unit's return form: the unit, a file name for it, its bytes and its problem count."""

    unit: str
    name: str
    data: bytes
    rows: int


def export_forms(
    project: Project,
    paths: PathsGiven = None,
    *,
    unit: str | None = None,
    as_of: dt.date | None = None,
    lang: Lang = "zh",
) -> list[FormFile]:
    """The return form of ``unit`` (else of every unit) with problems open on ``as_of``.

    Raises DataError when the unit has no open problem (naming close units),
    or when no unit has any.
    """
    from rectify.io.sheets.form import form_bytes, form_file_name, unit_forms
    from rectify.suggest import suggest
    from rectify.text import fold

    day = as_of or project.today
    ledgers = [loaded.ledger for loaded in project.load(paths, day)]
    forms = unit_forms(ledgers, day)
    if unit is not None:
        chosen = [f for name, f in forms.items() if fold(name) == fold(unit)]
        if not chosen:
            close = suggest(unit, list(forms))
            shown = ("、" if lang == "zh" else ", ").join(close)
            hint = t("form.no_open.suggest", lang, units=shown) if close else ""
            raise DataError("form.no_open", unit=unit, date=day, hint=hint)
    else:
        chosen = list(forms.values())
        if not chosen:
            raise DataError("form.none_open", date=day)
    title = " / ".join(x.ledger.title for x in ledgers)
    written: list[FormFile] = []
    names: set[str] = set()
    for form in chosen:
        name = form_file_name(form.unit, day, lang)
        stem, number = name.removesuffix(".xlsx"), 2
        while name.casefold() in names:  # two units whose safe names are the same
            name, number = f"{stem}-{number}.xlsx", number + 1
        names.add(name.casefold())
        written.append(
            FormFile(form.unit, name, form_bytes(form, lang, title=title), len(form.rows))
        )
    return written


@dataclass(frozen=True)
class FormsImported:
    """An import of returned forms: its plan, and whether it was written to the ledgers."""

    plan: ReturnsPlan
    written: bool
    paths: tuple[Path, ...] = ()


def is_form_input(file: Path) -> bool:
    """Whether ``file`` is a return form rectify wrote, or a folder (of returns)."""
    from rectify.io.sheets.form import is_form

    return file.is_dir() or is_form(file)


def import_forms(
    project: Project,
    file: Path,
    paths: PathsGiven = None,
    *,
    update: bool = False,
    skip_bad: bool = False,
    reported_on: dt.date | None = None,
) -> FormsImported:
    """Read returned forms (one file, or every form in a folder) into their ledgers.

    Without ``update`` it only plans (a preview). Each problem's progress is
    recorded as a dated entry; requests for new deadlines are listed, never
    applied. Values that cannot be taken stop the writing unless ``skip_bad``.
    The ledgers in scope are ``paths`` (default: the project's ledgers folder).
    A row without a date is dated the form's 填报日期, else ``reported_on``,
    else today.
    """
    from rectify.errors import FileError
    from rectify.io.sheets.form import is_form, read_form
    from rectify.io.sheets.returns import plan_returns
    from rectify.ledger.load import transact

    day = project.today
    folder = file.is_dir()
    files, others = [file], []
    if folder:
        inside = sorted(
            f for f in file.iterdir() if f.is_file() and not f.name.startswith(("~$", "."))
        )
        files = [f for f in inside if is_form(f)]
        others = [f for f in inside if f not in files]
        if not files:
            raise FileError("form.no_forms", path=file)
    forms = [read_form(f, today=day) for f in files]
    loaded = project.load(paths, day)
    ledgers = [x.ledger for x in loaded]
    plan = plan_returns(forms, ledgers, today=day, folder=folder, default=reported_on)
    plan.others = others
    if not update or not plan.changed or (plan.bad and not skip_bad):
        return FormsImported(plan, written=False)
    written: list[Path] = []
    for ledger_id in list(plan.ledgers):
        target = next(x for x in loaded if x.ledger.ledger.id == ledger_id)

        def change(current: Ledger, ledger_id: str = ledger_id) -> Ledger:
            scope = [current if x.ledger.id == ledger_id else x for x in ledgers]
            fresh = plan_returns(forms, scope, today=day, folder=folder, default=reported_on)
            if fresh.bad and not skip_bad:
                raise DataError("form.not_written", count=len(fresh.bad))
            return fresh.ledgers.get(ledger_id, current)

        transact(target.path, change, as_of=day)
        written.append(target.path)
    return FormsImported(plan, written=True, paths=tuple(written))
