"""The monthly return form (报送表): one unit's open problems, written for it to fill and read back.

A form is an xlsx workbook with one visible sheet: a title row (unit, month),
a row with the as-of date and the 填报日期 the unit fills, a row of
instructions, the header, and one row per open problem. Every cell is locked
but the ones the unit fills, and those carry data validation (a whole number
0–100, dates, a list of status words) so that Excel and WPS refuse a bad entry
as it is typed. A hidden column holds each row's ``ledger-id/issue-id`` and a
very hidden sheet (named by the defined name ``rectify_form``) what the form
is, so that the return matches back exactly, whatever the unit did to titles.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from rectify.errors import FileError
from rectify.figures.state import Item, issue_as_of, issue_state, items
from rectify.i18n import LANGS, Lang, label, t
from rectify.io.sheets.files import print_setup, wrapped_lines, xlsx_styles
from rectify.model import Ledger, Status
from rectify.text import display_width, fold

MARKER = "rectify-form"
VERSION = 1
META_SHEET = "_rectify"
DEFINED_NAME = "rectify_form"

# Columns of a form, in order: (key, filled by the unit, width).
COLUMNS: tuple[tuple[str, bool, int], ...] = (
    ("key", False, 24),  # hidden: ledger-id/issue-id
    ("no", False, 6),
    ("id", False, 10),
    ("title", False, 26),
    ("measures", False, 26),
    ("deadline", False, 12),
    ("completion", False, 12),
    ("progress", False, 24),
    ("new_completion", True, 11),
    ("new_status", True, 10),
    ("new_progress", True, 30),
    ("new_date", True, 12),
    ("deadline_to", True, 12),
    ("deadline_reason", True, 20),
)
KEYS = tuple(key for key, _, _ in COLUMNS)
WRAP = frozenset({"title", "measures", "progress", "new_progress", "deadline_reason"})
TITLE_ROW, ASOF_ROW, HELP_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_ROW = HEADER_ROW + 1
RETURN_DATE_CELL = "L2"  # 填报日期, filled by the unit
# What a unit may say of a problem's status: its claim, never a sign-off.
UNIT_STATUSES = (Status.IN_PROGRESS, Status.RECTIFIED)
INPUT_FILL = "FFF2CC"
MAX_TEXT = 500  # characters of a progress note or a reason
HEADER_FILL = "DDEBF7"


def column_of(key: str) -> int:
    """The 1-based column of a form's key."""
    return KEYS.index(key) + 1


# --- what a form holds --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormRow:
    """One open problem of a unit, as it stood on the form's date."""

    ledger_id: str
    issue_id: str
    title: str
    measures: str | None
    deadline: dt.date
    completion: Fraction
    progress: str | None
    progress_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Form:
    """The form of one unit: its open problems on ``as_of``."""

    unit: str
    as_of: dt.date
    rows: tuple[FormRow, ...]

    @property
    def month(self) -> tuple[int, int]:
        """The month the form reports on: that of its as-of date."""
        return self.as_of.year, self.as_of.month


def is_open(item: Item, as_of: dt.date) -> bool:
    """Whether an issue still has to be worked on on a date: counted and not rectified."""
    state = issue_state(item, as_of)
    return state.exists and state.counted and not state.rectified


def _row(item: Item, as_of: dt.date) -> FormRow:
    issue = issue_as_of(item, as_of)
    state = issue_state(item, as_of)
    latest = issue.progress[-1] if issue.progress else None
    return FormRow(
        ledger_id=item.ledger_id,
        issue_id=issue.id,
        title=issue.title,
        measures=issue.measures,
        deadline=state.deadline,
        completion=state.completion,
        progress=latest.note if latest else None,
        progress_date=latest.date if latest else None,
    )


def unit_forms(ledgers: Sequence[Ledger], as_of: dt.date) -> dict[str, Form]:
    """The form of every lead unit with open problems on ``as_of``, by unit, in file order."""
    found: dict[str, list[FormRow]] = {}
    for item in items(ledgers):
        if is_open(item, as_of):
            found.setdefault(item.issue.lead_unit, []).append(_row(item, as_of))
    return {unit: Form(unit, as_of, tuple(rows)) for unit, rows in found.items()}


def open_units(pool: Iterable[Item], as_of: dt.date) -> list[str]:
    """The lead units with open problems on a date, in file order."""
    return list(dict.fromkeys(i.issue.lead_unit for i in pool if is_open(i, as_of)))


def form_file_name(unit: str, as_of: dt.date, lang: Lang) -> str:
    """The file a unit's form is written to: 市民政局-2024年12月.xlsx, made safe for any system."""
    from rectify.text import safe_file_stem

    month = t("export.month", lang, year=as_of.year, month=as_of.month)
    return f"{safe_file_stem(f'{unit}-{month}')}.xlsx"


# --- writing ------------------------------------------------------------------------------


def _excel_day(day: dt.date) -> int:
    """A date as the serial number a validation formula compares with."""
    return (day - dt.date(1899, 12, 30)).days


def _month_bounds(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The dates a form's progress may carry: from its month's first day to the next month's end."""
    from rectify.dates import month_end

    first = as_of.replace(day=1)
    year, month = (as_of.year + 1, 1) if as_of.month == 12 else (as_of.year, as_of.month + 1)
    return first, month_end(year, month)


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def form_bytes(form: Form, lang: Lang, *, title: str | None = None) -> bytes:
    """A unit's form as xlsx bytes: locked but for its input cells, validated, print-ready."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.protection import SheetProtection

    styles = xlsx_styles()
    book = Workbook()
    sheet = book.active
    sheet.title = t("form.sheet", lang)
    last = len(COLUMNS)
    letter = styles.letter
    month = t("export.month", lang, year=form.as_of.year, month=form.as_of.month)
    # Column A holds the hidden keys: the rows above the header start in column B.
    sheet.cell(TITLE_ROW, 2).value = t("form.title", lang, unit=form.unit, month=month)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=2, end_row=TITLE_ROW, end_column=last)
    sheet.cell(TITLE_ROW, 2).font = styles.Font(bold=True, size=14)
    sheet.cell(TITLE_ROW, 2).alignment = styles.Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[TITLE_ROW].height = 28
    sheet.cell(ASOF_ROW, 2).value = t("form.as_of", lang, date=form.as_of.isoformat())
    sheet.merge_cells(start_row=ASOF_ROW, start_column=2, end_row=ASOF_ROW, end_column=8)
    label_cell = sheet.cell(ASOF_ROW, column_of("new_progress"))
    label_cell.value = t("form.return_date", lang)
    label_cell.alignment = styles.Alignment(horizontal="right")
    return_cell = sheet[RETURN_DATE_CELL]
    return_cell.number_format = "yyyy-mm-dd"
    sheet.cell(HELP_ROW, 2).value = t("form.help", lang)
    sheet.merge_cells(start_row=HELP_ROW, start_column=2, end_row=HELP_ROW, end_column=last)
    sheet.cell(HELP_ROW, 2).alignment = styles.Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[HELP_ROW].height = 48
    for column, (key, filled, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, column)
        cell.value = t(f"form.col.{key}", lang)
        cell.font = styles.Font(bold=True)
        cell.fill = styles.fill(INPUT_FILL if filled else HEADER_FILL)
        cell.alignment = styles.Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = styles.border
        sheet.column_dimensions[letter(column)].width = width
    tallest_header = max(
        wrapped_lines(t(f"form.col.{key}", lang), width) for key, _, width in COLUMNS[1:]
    )
    sheet.row_dimensions[HEADER_ROW].height = 15 * max(2, tallest_header) + 2
    sheet.column_dimensions["A"].hidden = True
    top = styles.Alignment(vertical="top")
    wrapped = styles.Alignment(vertical="top", wrap_text=True)
    unlocked = styles.Protection(locked=False)
    for number, row in enumerate(form.rows, start=FIRST_ROW):
        values: dict[str, Any] = {
            "key": f"{row.ledger_id}/{row.issue_id}",
            "no": number - HEADER_ROW,
            "id": row.issue_id,
            "title": row.title,
            "measures": row.measures,
            "deadline": row.deadline,
            "completion": _number(row.completion),
            "progress": row.progress,
        }
        tallest = 1
        for column, (key, filled, width) in enumerate(COLUMNS, start=1):
            cell = sheet.cell(number, column)
            value = values.get(key)
            if isinstance(value, str):
                cell.value = styles.clean(value)
                cell.data_type = "s"
                tallest = max(tallest, -(-display_width(value) // max(1, width - 2)))
            else:
                cell.value = value
            if key in ("deadline", "new_date", "deadline_to"):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = wrapped if key in WRAP else top
            cell.border = styles.border
            if filled:
                cell.protection = unlocked
                cell.fill = styles.fill(INPUT_FILL)
        sheet.row_dimensions[number].height = min(15 * tallest, 120)
    end = FIRST_ROW + len(form.rows) - 1
    return_cell.protection = unlocked
    return_cell.fill = styles.fill(INPUT_FILL)
    return_cell.border = styles.border

    def validation(dv: Any, title_key: str, text_key: str, **params: Any) -> Any:
        dv.error = t(text_key, lang, **params)
        dv.errorTitle = t(title_key, lang)
        dv.prompt = dv.error
        dv.promptTitle = dv.errorTitle
        dv.showErrorMessage = True
        dv.showInputMessage = True
        dv.errorStyle = "stop"
        sheet.add_data_validation(dv)
        return dv

    first, later = _month_bounds(form.as_of)
    dates = validation(
        DataValidation(
            type="date",
            operator="between",
            formula1=str(_excel_day(first)),
            formula2=str(_excel_day(later)),
            allow_blank=True,
        ),
        "form.dv.date_title",
        "form.dv.date",
        first=first.isoformat(),
        last=later.isoformat(),
    )
    dates.add(RETURN_DATE_CELL)
    if form.rows:
        col = {key: letter(column_of(key)) for key in KEYS}
        whole = validation(
            DataValidation(
                type="whole", operator="between", formula1="0", formula2="100", allow_blank=True
            ),
            "form.dv.completion_title",
            "form.dv.completion",
        )
        whole.add(f"{col['new_completion']}{FIRST_ROW}:{col['new_completion']}{end}")
        words = ",".join(label("status", s.value, lang) for s in UNIT_STATUSES)
        status = validation(
            DataValidation(type="list", formula1=f'"{words}"', allow_blank=True),
            "form.dv.status_title",
            "form.dv.status",
            words=words.replace(",", "、" if lang == "zh" else ", "),
        )
        status.add(f"{col['new_status']}{FIRST_ROW}:{col['new_status']}{end}")
        dates.add(f"{col['new_date']}{FIRST_ROW}:{col['new_date']}{end}")
        by_deadline: dict[dt.date, list[int]] = {}
        for number, row in enumerate(form.rows, start=FIRST_ROW):
            by_deadline.setdefault(row.deadline, []).append(number)
        for deadline, numbers in by_deadline.items():
            later_dv = validation(
                DataValidation(
                    type="date",
                    operator="greaterThan",
                    formula1=str(_excel_day(deadline)),
                    allow_blank=True,
                ),
                "form.dv.deadline_title",
                "form.dv.deadline",
                deadline=deadline.isoformat(),
            )
            for number in numbers:
                later_dv.add(f"{col['deadline_to']}{number}")
        notes = validation(
            DataValidation(
                type="textLength",
                operator="lessThanOrEqual",
                formula1=str(MAX_TEXT),
                allow_blank=True,
            ),
            "form.dv.text_title",
            "form.dv.text",
        )
        notes.add(f"{col['new_progress']}{FIRST_ROW}:{col['new_progress']}{end}")
        notes.add(f"{col['deadline_reason']}{FIRST_ROW}:{col['deadline_reason']}{end}")
    sheet.protection = SheetProtection(
        sheet=True, formatColumns=False, formatRows=False, selectLockedCells=False
    )
    sheet.freeze_panes = sheet.cell(FIRST_ROW, column_of("title"))
    print_setup(sheet, header_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    sheet.print_area = f"B1:{letter(last)}{max(end, HEADER_ROW)}"
    meta = book.create_sheet(META_SHEET)
    for entry in (
        (MARKER, VERSION),
        ("unit", form.unit),
        ("as_of", form.as_of.isoformat()),
        ("lang", lang),
        ("header_row", HEADER_ROW),
        ("columns", ",".join(KEYS)),
    ):
        meta.append(list(entry))
    meta.sheet_state = "veryHidden"
    meta.protection = SheetProtection(sheet=True)
    book.defined_names[DEFINED_NAME] = DefinedName(DEFINED_NAME, attr_text=f"{META_SHEET}!$A$1")
    book.properties.title = title or sheet.cell(TITLE_ROW, 2).value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading a returned form --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellError:
    """A value of a returned form that cannot be taken: where it is and why."""

    path: Path
    sheet: str
    cell: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        """The message: file, sheet and cell, then what is wrong in the user's words."""
        where = t("form.where", lang, path=self.path.name, sheet=self.sheet, cell=self.cell)
        return f"{where}{t(self.key, lang, **self.params)}"


@dataclass(frozen=True, slots=True)
class FormEntry:
    """What a unit filled in for one problem of its form."""

    path: Path
    sheet: str
    row: int
    ledger_id: str
    issue_id: str
    completion: float | None = None
    status: Status | None = None
    note: str | None = None
    date: dt.date | None = None
    deadline_to: dt.date | None = None
    deadline_reason: str | None = None

    @property
    def filled(self) -> bool:
        """Whether the unit reported anything for this problem."""
        return any(
            v is not None
            for v in (self.completion, self.status, self.note, self.date, self.deadline_to)
        )

    def cell(self, key: str) -> str:
        """The name of this row's cell holding ``key``: J7."""
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(column_of(key))}{self.row}"


@dataclass
class ReturnedForm:
    """A form as a unit sent it back: its unit and date, what it filled, what cannot be taken."""

    path: Path
    unit: str
    as_of: dt.date
    returned_on: dt.date | None
    entries: list[FormEntry]
    errors: list[CellError]


def is_form(path: Path) -> bool:
    """Whether a file is a form rectify wrote (its hidden sheet says so); False for any other."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return False
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml")
    except Exception:  # not a zip, no workbook part, unreadable: then it is no form
        return False
    return DEFINED_NAME.encode() in workbook and META_SHEET.encode() in workbook


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value: Any, today: dt.date) -> dt.date:
    """A date cell as typed or pasted: a date, an Excel serial, or text as people write it."""
    from rectify.dates import parse_date

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 18264 <= value <= 73051:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ValueError(value)
    return parse_date(str(value), today=today)


def _status(text: str) -> Status | None:
    """A status word a unit may write (整改中, 已整改, their English or code), else None."""
    wanted = fold(text)
    for status in Status:
        names = {fold(status.value)} | {fold(label("status", status.value, x)) for x in LANGS}
        if wanted in names:
            return status
    return None


def read_form(path: Path, *, today: dt.date) -> ReturnedForm:
    """A returned form read back, each value checked again as the validation would.

    Raises FileError when the file is no form rectify wrote or cannot be read.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # a broken zip, missing parts, bad XML: openpyxl raises them all
        raise FileError(
            "import.bad_xlsx", path=path, detail=str(exc) or type(exc).__name__
        ) from None
    if META_SHEET not in book.sheetnames:
        raise FileError("form.not_a_form", path=path)
    meta = {
        str(row[0]): row[1]
        for row in book[META_SHEET].iter_rows(values_only=True)
        if row and row[0] is not None
    }
    if meta.get(MARKER) != VERSION:
        raise FileError("form.not_a_form", path=path)
    keys = str(meta.get("columns", "")).split(",")
    header = int(meta.get("header_row", HEADER_ROW))
    sheet = next(s for s in book.worksheets if s.title != META_SHEET)
    errors: list[CellError] = []

    def error(cell: str, key: str, **params: Any) -> None:
        errors.append(CellError(path, sheet.title, cell, key, params))

    returned_on: dt.date | None = None
    raw = sheet[RETURN_DATE_CELL].value
    as_of = dt.date.fromisoformat(str(meta.get("as_of")))
    bounds = _month_bounds(as_of)
    if raw not in (None, ""):
        try:
            returned_on = _date(raw, today)
        except ValueError:
            error(RETURN_DATE_CELL, "form.bad_date", value=raw)
        else:
            if not bounds[0] <= returned_on <= bounds[1]:
                error(RETURN_DATE_CELL, "form.date_outside", date=returned_on, first=bounds[0],
                      last=bounds[1])  # fmt: skip
                returned_on = None
    entries: list[FormEntry] = []
    for number, values in enumerate(
        sheet.iter_rows(min_row=header + 1, values_only=True), start=header + 1
    ):
        cells = dict(zip(keys, values, strict=False))
        key = _text(cells.get("key"))
        if key is None or "/" not in key:
            continue
        ledger_id, issue_id = key.split("/", 1)
        entry, bad = _entry(path, sheet, number, (ledger_id, issue_id), cells, keys, today, bounds)
        entries.append(entry)
        errors.extend(bad)
    return ReturnedForm(
        path=path,
        unit=str(meta.get("unit", "")),
        as_of=as_of,
        returned_on=returned_on,
        entries=entries,
        errors=errors,
    )


def _entry(
    path: Path,
    sheet: Any,
    number: int,
    key: tuple[str, str],
    cells: dict[str, Any],
    keys: list[str],
    today: dt.date,
    bounds: tuple[dt.date, dt.date],
) -> tuple[FormEntry, list[CellError]]:
    """One row of a returned form, and the values of it that cannot be taken: each checked
    as the form's validation checks it, for values pasted past it or typed into WPS's or
    LibreOffice's copy without it."""
    from openpyxl.utils import get_column_letter

    from rectify.io.sheets.files import is_percent_format

    errors: list[CellError] = []

    def where(key: str) -> str:
        return f"{get_column_letter(keys.index(key) + 1)}{number}"

    def error(key: str, message: str, **params: Any) -> None:
        errors.append(CellError(path, sheet.title, where(key), message, params))

    found: dict[str, Any] = {}
    value = cells.get("new_completion")
    if value not in (None, ""):
        number_format = str(sheet[where("new_completion")].number_format or "")
        found["completion"] = _completion(value, percent=is_percent_format(number_format))
        if found["completion"] is None:
            error("new_completion", "form.bad_completion", value=value)
    value = _text(cells.get("new_status"))
    if value is not None:
        found["status"] = _status(value)
        if found["status"] not in UNIT_STATUSES:
            words = "、".join(label("status", s.value, "zh") for s in UNIT_STATUSES)
            error("new_status", "form.bad_status", value=value, words=words)
            found["status"] = None
    for column, name in (("new_progress", "note"), ("deadline_reason", "deadline_reason")):
        found[name] = _text(cells.get(column))
        if found[name] is not None and len(found[name]) > MAX_TEXT:
            error(column, "form.too_long", count=len(found[name]), most=MAX_TEXT)
    for column, name in (("new_date", "date"), ("deadline_to", "deadline_to")):
        value = cells.get(column)
        if value in (None, ""):
            continue
        try:
            found[name] = _date(value, today)
        except ValueError:
            error(column, "form.bad_date", value=value)
    when = found.get("date")
    if when is not None and not bounds[0] <= when <= bounds[1]:
        error("new_date", "form.date_outside", date=when, first=bounds[0], last=bounds[1])
    done = found.get("status") is Status.RECTIFIED
    if done and found.get("completion") not in (None, 100):
        error("new_status", "form.rectified_not_100", value=_show(found["completion"]))
    if found.get("deadline_to") is not None and found["deadline_reason"] is None:
        error("deadline_reason", "form.request_without_reason")
    if found["deadline_reason"] is not None and "deadline_to" not in found:
        error("deadline_to", "form.reason_without_date")
    entry = FormEntry(path, sheet.title, number, *key, **found)
    return entry, errors


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _completion(value: Any, *, percent: bool) -> float | None:
    """A completion cell as the validation wants it: a whole number 0–100, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value) * (100 if percent else 1)
    else:
        text = str(value).strip().rstrip("%％").strip()
        try:
            number = float(fold(text))
        except ValueError:
            return None
    if not 0 <= number <= 100 or abs(number - round(number)) > 1e-9:
        return None
    return float(round(number))
