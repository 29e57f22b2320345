"""Spreadsheet files: CSV through the csv module, xlsx through openpyxl.

Reading turns a file into a :class:`~rectify.sheets.Sheet` of plain values
(merged cells filled in, dates as dates, percent-formatted numbers as
:class:`~rectify.sheets.Percent`); writing turns
:class:`~rectify.sheets.Table` values into file bytes. What the values mean is
rectify.sheets' business.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from rectify.errors import FileError, UsageError
from rectify.io.sheets.cells import Percent, Sheet, Table, Value
from rectify.numbers import format_percent
from rectify.text import FORMULA_START, csv_cell

# openpyxl ships no type hints; its objects are Any here, and imported on first use.
Cell = Any
Worksheet = Any

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
OLD_SUFFIXES = (".xls", ".et")
DELIMITERS = (",", "\t", ";")
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
# Text a spreadsheet would run as a formula; written to CSV behind a quote mark.
MIN_WIDTH = 6
MAX_WIDTH = 40
MAX_WRAP_WIDTH = 50
MIN_WRAP_WIDTH = 16
SCAN_LINES = 30


def _openpyxl(module: str = "openpyxl") -> Any:
    """An openpyxl module, or a FileError with the one-line install hint."""
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise FileError("import.openpyxl_missing") from None


# --- reading ---------------------------------------------------------------------------------


def read_sheet(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    """The rows of a spreadsheet file: an xlsx sheet (the first, or ``sheet``) or a CSV file.

    The kind is told by the suffix, else by the first bytes. Raises FileError
    for a missing, unreadable or old-format (.xls) file.
    """
    if not path.is_file():
        raise FileError("error.no_such_path", path=path)
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None
    if suffix in OLD_SUFFIXES or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileError("import.old_excel", path=path)
    if suffix in XLSX_SUFFIXES or head.startswith(b"PK\x03\x04"):
        return read_xlsx(path, sheet=sheet)
    if suffix in CSV_SUFFIXES:
        return read_csv(path, encoding=encoding)
    raise FileError("import.unknown_format", path=path)


def decode_text(raw: bytes, path: Path, encoding: str | None = None) -> str:
    """The text of a CSV file: ``encoding`` when given, else UTF-8 (with or without BOM),
    UTF-16 with a BOM, else GB18030 (which covers GBK, as Excel saves on Chinese Windows).
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError("import.unknown_encoding", encoding=encoding) from None
        candidates = ["utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding]
    elif raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for name in candidates:
        try:
            return raw.decode(name)
        except UnicodeDecodeError:
            continue
    raise FileError("import.decode_failed", path=path, encoding=encoding or "utf-8/gb18030")


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most columns, consistently."""
    sample = "\n".join(text.splitlines()[:SCAN_LINES])
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(
            len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(row)
        )
        if not counts:
            continue
        width, times = counts.most_common(1)[0]
        score = (width, times) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_value(text: str) -> Value:
    """A CSV field as a cell value: blank is None; a quote mark guarding a formula is dropped."""
    if text == "" or text.isspace():
        return None
    if text.startswith("'") and text[1:2] in FORMULA_START:
        return text[1:]
    return text


def read_csv(path: Path, *, encoding: str | None = None) -> Sheet:
    """The rows of a CSV (or tab-separated) file, every cell as text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None
    text = decode_text(raw, path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = [[_csv_value(field) for field in record] for record in reader]
    return Sheet(name=path.stem, rows=rows)


_QUOTED = re.compile(r'"[^"]*"|\\.')


def is_percent_format(number_format: str) -> bool:
    """Whether a number format shows numbers as percentages ("0.0%", not '0.0"%"')."""
    return "%" in _QUOTED.sub("", number_format)


def cell_value(cell: Cell) -> Value:
    """One xlsx cell as a plain value: dates as dates, percent-formatted numbers as Percent."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        if is_percent_format(str(cell.number_format or "")):
            return Percent(float(value))
        return value
    if isinstance(value, str):
        return value
    return str(value)  # times and anything else: as text


def read_xlsx(path: Path, *, sheet: str | None = None) -> Sheet:
    """The rows of one xlsx sheet, with the value of each merged range in every cell it covers.

    Formulas give the value Excel or WPS saved with them.
    """
    openpyxl = _openpyxl()
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # a broken zip, missing parts, bad XML: openpyxl raises them all
        raise FileError(
            "import.bad_xlsx", path=path, detail=str(exc) or type(exc).__name__
        ) from None
    if sheet is None:
        worksheet: Worksheet = book.worksheets[0]
    elif sheet in book.sheetnames:
        worksheet = book[sheet]
    else:
        raise FileError("import.no_sheet", path=path, name=sheet, sheets="、".join(book.sheetnames))
    rows: list[list[Value]] = [[cell_value(cell) for cell in row] for row in worksheet.iter_rows()]
    for merged in worksheet.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = top
    return Sheet(name=worksheet.title, rows=rows)


# --- writing ---------------------------------------------------------------------------------


def csv_field(value: Value) -> str:
    """A cell as CSV text: ISO dates, 74.4 or 100 for numbers, 73.0% for percentages."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return format_percent(Fraction(repr(value.value)))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return csv_cell(value)


def csv_text(table: Table) -> str:
    """A table as CSV text, lines ending in CRLF as Excel writes them."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([csv_field(value) for value in row])
    return buffer.getvalue()


def csv_bytes(table: Table, *, bom: bool = True) -> bytes:
    """A table as CSV bytes in UTF-8, with a BOM so that Excel reads the Chinese text right."""
    data = csv_text(table).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def display_width(text: str) -> int:
    """How many columns text takes on screen: Chinese and other wide characters count 2."""
    if text.isascii():  # most cells: ids, dates, numbers
        return len(text)
    return len(text) + sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")


def _shown(value: Value) -> str:
    """The text a cell shows, for sizing its column."""
    return csv_field(value).lstrip("'") if isinstance(value, str) else csv_field(value)


def column_widths(table: Table, *, print_width: int = 0) -> list[int]:
    """A width for each column that fits its header and cells, within bounds.

    With ``print_width``, the wrapped columns give up width (never below
    MIN_WRAP_WIDTH) until the columns together fit it, so that a page holds
    them all at a size still read in print.
    """
    widths: list[int] = []
    for index, name in enumerate(table.header):
        cells = [row[index] for row in table.rows if index < len(row)]
        longest = max(
            (display_width(line) for v in cells for line in _shown(v).splitlines() or [""]),
            default=0,
        )
        limit = MAX_WRAP_WIDTH if index in table.wrap else MAX_WIDTH
        header = display_width(name)
        if index in table.wrap or header > 2 * MIN_WIDTH:
            header = -(-header // 2)  # a long header wraps onto two lines
        widths.append(max(MIN_WIDTH, min(limit, max(longest, header) + 2)))
    while print_width and sum(widths) > print_width:
        wide = [i for i in table.wrap if i < len(widths) and widths[i] > MIN_WRAP_WIDTH]
        if not wide:
            break
        widest = max(wide, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


@dataclass(frozen=True)
class Styles:
    """openpyxl's style classes and the few styles every sheet rectify writes shares."""

    Font: Any
    Alignment: Any
    Protection: Any
    border: Any
    letter: Any
    _fill: Any
    _illegal: Any

    def fill(self, colour: str) -> Any:
        """A solid fill of one colour (FFF2CC)."""
        return self._fill("solid", fgColor=colour)

    def clean(self, text: str) -> str:
        """Text without the control characters an xlsx file cannot hold."""
        return str(self._illegal.sub("", text))


def xlsx_styles() -> Styles:
    """The styles of rectify's sheets, openpyxl imported on first use."""
    styles = _openpyxl("openpyxl.styles")
    thin = styles.Side(style="thin", color="808080")
    return Styles(
        Font=styles.Font,
        Alignment=styles.Alignment,
        Protection=styles.Protection,
        border=styles.Border(left=thin, right=thin, top=thin, bottom=thin),
        letter=_openpyxl("openpyxl.utils").get_column_letter,
        _fill=styles.PatternFill,
        _illegal=_openpyxl("openpyxl.cell.cell").ILLEGAL_CHARACTERS_RE,
    )


def print_setup(worksheet: Worksheet, *, header_rows: str) -> None:
    """Print as offices print: A4 landscape, fit to the page's width, header on every page."""
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = 9  # A4
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.print_options.horizontalCentered = True
    worksheet.page_margins.left = worksheet.page_margins.right = 0.4
    worksheet.page_margins.top = worksheet.page_margins.bottom = 0.5
    worksheet.print_title_rows = header_rows


LINE_HEIGHT = 15  # points, one line of 11-point text
MAX_ROW_HEIGHT = 150
# The widths an issue sheet of 25 columns prints readably at, fitted to one A4 page across.
PRINT_WIDTH = 300
HEADER_FILL = "#DDEBF7"
# What an xlsx file cannot hold: control characters other than tab, line feed, return.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def wrapped_lines(text: str, width: int) -> int:
    """How many lines text wraps onto in a column ``width`` characters wide."""
    room = max(1, int(width * 0.9) - 1)  # a little room: print fonts run wider than Excel's
    return sum(max(1, -(-display_width(line) // room)) for line in text.splitlines() or [""])


def _write_table(
    book: Any, sheet: Any, table: Table, heading: Sequence[str], *, print_width: int = 0
) -> None:
    """Write one table into an xlsxwriter sheet, print-ready: title rows, a bold framed header
    repeated on every page, framed typed cells, widths for Chinese text, A4 landscape one page
    wide, rows as high as their wrapped text (neither Excel nor LibreOffice sizes them)."""
    border = {"border": 1, "border_color": "#808080", "valign": "top"}
    plain = book.add_format(border)
    wrapped = book.add_format({**border, "text_wrap": True})
    day = book.add_format({**border, "num_format": DATE_FORMAT})
    percent = book.add_format({**border, "num_format": PERCENT_FORMAT})
    columns = max(1, len(table.header))
    widths = column_widths(table, print_width=print_width)
    for number, line in enumerate(heading):
        big = number == 0
        look = book.add_format(
            {
                "bold": big,
                "font_size": 14 if big else 10,
                "align": "center" if big else "left",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        text = _ILLEGAL.sub("", line)
        if columns > 1:
            sheet.merge_range(number, 0, number, columns - 1, text, look)
        else:
            sheet.write_string(number, 0, text, look)
        # a 14-point line is about 1.3 times as wide, and as high, as an 11-point one
        lines = wrapped_lines(line, int(sum(widths) / (1.3 if big else 1)))
        sheet.set_row(number, (24 if big else 16) * lines)
    top = len(heading)
    head = book.add_format(
        {**border, "bold": True, "bg_color": HEADER_FILL, "align": "center"}
        | {"valign": "vcenter", "text_wrap": True}
    )
    for index, name in enumerate(table.header):
        sheet.write_string(top, index, name, head)
    sheet.set_row(top, 32)
    wrap = [index in table.wrap for index in range(columns)]
    for number, row in enumerate(table.rows, start=top + 1):
        lines = 1
        for index, value in enumerate(row):
            if value is None:
                sheet.write_blank(number, index, None, plain)
            elif isinstance(value, Percent):
                sheet.write_number(number, index, value.value, percent)
            elif isinstance(value, dt.date):
                sheet.write_datetime(number, index, dt.datetime.combine(value, dt.time()), day)
            elif isinstance(value, str):
                text = _ILLEGAL.sub("", value)  # written as text: "=..." never becomes a formula
                folds = index < columns and wrap[index]
                sheet.write_string(number, index, text, wrapped if folds else plain)
                if folds:
                    lines = max(lines, wrapped_lines(text, widths[index]))
            else:
                sheet.write_number(number, index, value, plain)
        if lines > 1:
            sheet.set_row(number, min(LINE_HEIGHT * lines, MAX_ROW_HEIGHT))
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(top + 1, 0)
    if table.rows:
        sheet.autofilter(top, 0, top + len(table.rows), columns - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page across, as many down as it takes
    sheet.repeat_rows(top)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def xlsx_bytes(
    tables: Sequence[Table], *, title: str | None = None, heading: Sequence[str] = ()
) -> bytes:
    """Tables as an xlsx workbook, one sheet each, in order; ``heading`` above each header.

    Written with XlsxWriter, which writes a sheet of 10,000 rows several
    times faster than openpyxl (openpyxl reads them, and writes the forms).
    """
    try:
        import xlsxwriter
    except ImportError:  # pragma: no cover - a dependency
        raise FileError("export.xlsxwriter_missing") from None
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    book = xlsxwriter.Workbook(buffer, options | {"strings_to_urls": False})
    for number, table in enumerate(tables):
        sheet = book.add_worksheet(_sheet_title(table.name))
        _write_table(book, sheet, table, heading, print_width=PRINT_WIDTH if number == 0 else 0)
    if title:
        book.set_properties({"title": title})
    book.close()
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Sheet"
