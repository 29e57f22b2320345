"""Office sheets from Python: export the ledgers, import a unit's Excel/WPS sheet or CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rectify.api.project import PathsGiven, Project
from rectify.errors import DataError
from rectify.i18n import Lang
from rectify.io.sheets.plan import BookPlan
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

    from rectify.figures.state import items
    from rectify.io.sheets.export import export_parts, export_tables, issues_table
    from rectify.io.sheets.files import csv_bytes, xlsx_bytes
    from rectify.output.json import export_json

    day = as_of or project.today
    ledgers = [loaded.ledger for loaded in project.load(paths, day)]
    soon = project.config.due_soon_days
    if kind == "xlsx":
        tables = export_tables(ledgers, day, lang, due_soon_days=soon)
        title = " / ".join(x.ledger.title for x in ledgers)
        return xlsx_bytes(tables, title=title), len(tables[0].rows)
    if kind == "csv":
        table = issues_table(items(ledgers), day, lang)
        return csv_bytes(table, bom=bom), len(table.rows)
    record = export_json(day, *export_parts(ledgers, day, due_soon_days=soon))
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8"), len(record["issues"])


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
