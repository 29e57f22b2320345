"""Spreadsheet files: CSV through the csv module, xlsx through openpyxl, .xls through xlrd,
.ods from its XML.

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
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from rectify.errors import FileError, UsageError
from rectify.io.sheets.cells import Percent, Sheet, Table, Value
from rectify.numbers import format_percent
from rectify.text import FORMULA_START, csv_cell, display_width

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

# Beyond these a sheet is no office's ledger (a stray cell at XFD1048576, a 1,048,576-row
# sheet): refused at once, before anything is read into memory.
MAX_ROWS = 20_000
MAX_COLUMNS = 500
CSV_FIELD_LIMIT = 131_072  # the csv module's own limit
CSV_MAX_BYTES = 64 << 20  # a CSV is read whole: 20,000 rows of office text fit many times over
ODS_SUFFIXES = (".ods",)
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE file: .xls, .et, or an encrypted xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True, slots=True)
class Book:
    """The sheets of a file to import, in order, and the hidden sheets passed over."""

    sheets: list[Sheet]
    hidden: list[str] = field(default_factory=list)


def read_sheet(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    """The rows of one sheet of a spreadsheet file: the first visible one, or ``sheet``."""
    return read_book(path, sheet=sheet, encoding=encoding).sheets[0]


def read_book(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Book:
    """The sheets of a spreadsheet file: every visible one, or just ``sheet`` (hidden or not).

    xlsx and xlsm through openpyxl, streamed; .xls and .et through xlrd; .ods
    read from its XML, streamed; CSV and tab-separated text. The kind is told
    by the first bytes (an xlsx named .xls is read as xlsx), else the suffix.
    Raises FileError for a missing, unreadable, encrypted or absurdly large
    file, with one sentence in the user's language.
    """
    if not path.is_file():
        raise FileError("error.no_such_path", path=path)
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None
    if head.startswith(_CFB):
        if _encrypted(path):
            raise FileError("import.encrypted", path=path)
        return read_xls(path, sheet=sheet)
    if head.startswith(b"PK\x03\x04"):
        if _is_ods(path):
            return read_ods(path, sheet=sheet)
        return read_xlsx_book(path, sheet=sheet)
    if suffix in CSV_SUFFIXES:
        return Book([read_csv(path, encoding=encoding)])
    if suffix in OLD_SUFFIXES:
        raise FileError("import.bad_xls", path=path)
    if suffix in XLSX_SUFFIXES:
        return read_xlsx_book(path, sheet=sheet)  # openpyxl says what is wrong
    if suffix in ODS_SUFFIXES:
        raise FileError("import.bad_ods", path=path)
    raise FileError("import.unknown_format", path=path)


def _encrypted(path: Path) -> bool:
    """Whether an OLE file holds a password-encrypted Office package (what Excel saves)."""
    with path.open("rb") as handle:
        data = handle.read(64 << 20)
    return _ENCRYPTED in data


def _is_ods(path: Path) -> bool:
    """Whether a zip is an OpenDocument spreadsheet (its first member, mimetype, says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").strip() == _ODS_MIME
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def _choose(path: Path, names: Sequence[str], hidden: set[str], sheet: str | None) -> list[str]:
    """The sheets to read: ``sheet`` (FileError when there is none of that name), else the
    visible ones."""
    if sheet is not None:
        if sheet not in names:
            raise FileError("import.no_sheet", path=path, name=sheet, sheets="、".join(names))
        return [sheet]
    return [name for name in names if name not in hidden] or list(names[:1])


def _too_big(name: str, rows: int, columns: int) -> FileError:
    return FileError(
        "import.too_big",
        sheet=name,
        rows=rows,
        columns=columns,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
    )


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
        if path.stat().st_size > CSV_MAX_BYTES:
            raise FileError("import.file_too_big", path=path, megabytes=CSV_MAX_BYTES >> 20)
        raw = path.read_bytes()
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None
    text = decode_text(raw, path, encoding)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    except csv.Error:  # the first lines break the csv module's limits: read them line by line
        reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[Value]] = []
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS or len(record) > MAX_COLUMNS:
                raise _too_big(path.name, reader.line_num, len(record))
            rows.append([_csv_value(field) for field in record])
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise FileError(
                "import.csv_field_too_long", path=path, line=reader.line_num,
                limit=CSV_FIELD_LIMIT,
            ) from None  # fmt: skip
        raise FileError(
            "import.bad_csv", path=path, line=reader.line_num, detail=str(exc)
        ) from None
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
    """The rows of one xlsx sheet (the first visible one, or ``sheet``)."""
    return read_xlsx_book(path, sheet=sheet).sheets[0]


def read_xlsx_book(path: Path, *, sheet: str | None = None) -> Book:
    """The visible sheets of an xlsx (or ``sheet``), each merged range's value in every cell.

    Each sheet's XML is scanned first, streamed and stopped past the limits,
    so an absurd sheet (a cell at XFD1048576, a million rows) is refused in
    seconds, before openpyxl reads it; then its cells are read in openpyxl's
    read-only mode, only as far as the scan found content. Formulas give the
    value Excel or WPS saved with them.
    """
    openpyxl = _openpyxl()
    # Opened as a file, so that an xlsx named .xls (as units re-save returns) is read too.
    with path.open("rb") as handle:
        try:
            with zipfile.ZipFile(handle) as archive:
                parts = _xlsx_parts(archive)
                hidden = {name for name, (_, state) in parts.items() if state != "visible"}
                chosen = _choose(path, list(parts), hidden, sheet)
                extents = {
                    name: _scan_xlsx_sheet(archive, part, name, full=name in chosen)
                    for name, (part, _) in parts.items()
                }
            handle.seek(0)
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except FileError:
            raise
        except Exception as exc:  # a broken zip, missing parts, bad XML: openpyxl raises them
            raise FileError(
                "import.bad_xlsx", path=path, detail=str(exc) or type(exc).__name__
            ) from None
        try:
            sheets = [_xlsx_sheet(book[name], extents[name]) for name in chosen]
        finally:
            book.close()
    return Book(sheets, hidden=[n for n in parts if n in hidden] if sheet is None else [])


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _xlsx_parts(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Each sheet's name, in order, with its part in the zip and its state (visible, hidden)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}Relationship")
    }
    parts: dict[str, tuple[str, str]] = {}
    for element in workbook.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(element.get(f"{_REL_NS}id"), "")
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[element.get("name", "")] = (part, element.get("state", "visible"))
    return parts


@dataclass(frozen=True, slots=True)
class _Extent:
    """How far a sheet's content reaches (1-based; 0: none), and its merged ranges."""

    rows: int
    columns: int
    merges: list[tuple[int, int, int, int]]  # first row, first column, last row, last column


_LETTERS = re.compile(r"^([A-Z]+)")


def _column_number(reference: str) -> int:
    letters = _LETTERS.match(reference.upper())
    number = 0
    for letter in letters.group(1) if letters else "":
        number = number * 26 + ord(letter) - 64
    return number


class _Stop(Exception):
    """The head of a sheet told its size: no need to read on."""


@dataclass
class _Scan:
    """What the scan of a sheet's XML has seen so far (expat calls ``start`` for each tag)."""

    name: str
    full: bool
    rows: int = 0
    columns: int = 0
    row: int = 0
    column: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "c":
            self.column = _column_number(attributes.get("r", "")) or self.column + 1
        elif local in ("v", "is", "f"):  # a value, an inline string or a formula: content
            if self.column > MAX_COLUMNS:
                raise _too_big(self.name, self.row, self.column)
            self.rows, self.columns = max(self.rows, self.row), max(self.columns, self.column)
        elif local == "row":
            self.row = int(attributes.get("r") or self.row + 1)
            self.column = 0
            if self.row > MAX_ROWS:
                raise _too_big(self.name, self.row, self.columns)
        elif local == "mergeCell":
            boundaries = _openpyxl("openpyxl.utils.cell").range_boundaries
            min_col, min_row, max_col, max_row = boundaries(attributes.get("ref", ""))
            self.merges.append((min_row, min_col, max_row, max_col))
        elif local == "dimension" and not self.full:
            raise _Stop


def _scan_xlsx_sheet(archive: zipfile.ZipFile, part: str, name: str, *, full: bool) -> _Extent:
    """A sheet's extent, read from its XML as a stream (expat) and stopped past the limits.

    With ``full`` false (a sheet not imported), only its head is read when it
    declares its size; openpyxl would otherwise read all of it on opening.
    """
    scan = _Scan(name, full)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    try:
        with archive.open(part) as stream:
            parser.ParseFile(stream)
    except _Stop:
        return _Extent(0, 0, [])
    except expat.ExpatError:
        raise ValueError(part) from None
    return _Extent(scan.rows, scan.columns, scan.merges)


def _xlsx_sheet(worksheet: Worksheet, extent: _Extent) -> Sheet:
    """One read-only worksheet as a Sheet, as far as its content reaches."""
    rows: list[list[Value]] = []
    if extent.rows and extent.columns:
        for row in worksheet.iter_rows(max_row=extent.rows, max_col=extent.columns):
            rows.append([cell_value(cell) for cell in row])
    _fill_merged(rows, extent.merges)
    return Sheet(name=worksheet.title, rows=rows)


def _fill_merged(rows: list[list[Value]], merges: Sequence[tuple[int, int, int, int]]) -> None:
    """The value of each merged range's first cell in every cell of the range it covers,
    within the rows and columns read (a range to XFD1048576 covers no more than those)."""
    for top_row, left, bottom, right in merges:
        if top_row > len(rows) or left > len(rows[top_row - 1]):
            continue
        value = rows[top_row - 1][left - 1]
        for r in range(top_row, min(bottom, len(rows)) + 1):
            line = rows[r - 1]
            for c in range(left, min(right, len(line)) + 1):
                line[c - 1] = value


# --- .xls (xlrd) ------------------------------------------------------------------------------


def read_xls(path: Path, *, sheet: str | None = None) -> Book:
    """The visible sheets of an old Excel (.xls) or WPS (.et) file, through xlrd.

    xlrd is small, pure Python and reads exactly BIFF .xls; it gives merged
    ranges, date cells and number formats (so 74.4% stays a percentage).
    """
    try:
        xlrd = importlib.import_module("xlrd")
    except ImportError:  # pragma: no cover - xlrd is a dependency
        raise FileError("import.xls_missing") from None
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, struct and index errors on broken files
        if "encrypt" in str(exc).lower():
            raise FileError("import.encrypted", path=path) from None
        raise FileError("import.bad_xls", path=path) from None
    try:
        names = list(book.sheet_names())
        hidden = {n for i, n in enumerate(names) if book.sheet_by_index(i).visibility != 0}
        chosen = _choose(path, names, hidden, sheet)
        sheets = [_xls_sheet(book, book.sheet_by_name(name), xlrd) for name in chosen]
    finally:
        book.release_resources()
    return Book(sheets, hidden=[n for n in names if n in hidden] if sheet is None else [])


def _xls_sheet(book: Any, worksheet: Any, xlrd: Any) -> Sheet:
    """One xlrd sheet as a Sheet: dates as dates, percent-formatted numbers as Percent."""
    if worksheet.nrows > MAX_ROWS or worksheet.ncols > MAX_COLUMNS:
        raise _too_big(worksheet.name, worksheet.nrows, worksheet.ncols)
    rows: list[list[Value]] = []
    for r in range(worksheet.nrows):
        line: list[Value] = []
        for c in range(worksheet.ncols):
            cell = worksheet.cell(r, c)
            line.append(_xls_value(book, worksheet, r, c, cell, xlrd))
        rows.append(line)
    merges = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in worksheet.merged_cells]
    _fill_merged(rows, merges)
    return Sheet(name=worksheet.name, rows=rows)


def _xls_value(book: Any, worksheet: Any, r: int, c: int, cell: Any, xlrd: Any) -> Value:
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).date()  # type: ignore[no-any-return]
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return float(cell.value)
    if kind == xlrd.XL_CELL_NUMBER:
        number = float(cell.value)
        xf = book.xf_list[worksheet.cell_xf_index(r, c)]
        shown = book.format_map.get(xf.format_key)
        if shown is not None and is_percent_format(str(shown.format_str)):
            return Percent(number)
        return int(number) if number.is_integer() else number
    text = str(cell.value)
    return text if text.strip() else None


# --- .ods (OpenDocument, read from its XML) ------------------------------------------------


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def read_ods(path: Path, *, sheet: str | None = None) -> Book:
    """The visible sheets of an OpenDocument spreadsheet (.ods, WPS and LibreOffice).

    Read straight from content.xml with the standard library, streamed: an
    .ods repeats its empty rows and columns by count (a sheet "ends" at row
    1,048,576), which a reader building the whole document in memory
    (odfpy) would expand; here empty repeats cost nothing.
    """
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            return _ods_book(path, stream, sheet)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError, OSError):
        raise FileError("import.bad_ods", path=path) from None


def _ods_book(path: Path, stream: Any, sheet: str | None) -> Book:
    hidden_styles: set[str] = set()
    tables: list[tuple[str, bool, list[list[Value]]]] = []
    current: _OdsTable | None = None
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                name = element.get(f"{_TABLE}name", "")
                concealed = element.get(f"{_TABLE}style-name", "") in hidden_styles
                wanted = sheet == name if sheet is not None else not concealed
                current = _OdsTable(name, concealed, wanted)
            continue
        if tag == f"{_STYLE}style":
            properties = element.find(f"{_STYLE}table-properties")
            if properties is not None and properties.get(f"{_TABLE}display") == "false":
                hidden_styles.add(element.get(f"{_STYLE}name", ""))
        elif tag == f"{_TABLE}table-row" and current is not None:
            if current.wanted:
                current.row(element)
            element.clear()
        elif tag == f"{_TABLE}table" and current is not None:
            tables.append((current.name, current.hidden, current.finish()))
            current = None
            element.clear()
    names = [name for name, _, _ in tables]
    hidden = {name for name, is_hidden, _ in tables if is_hidden}
    chosen = _choose(path, names, hidden, sheet)
    sheets = [Sheet(name, rows) for name, _, rows in tables if name in chosen]
    return Book(sheets, hidden=[n for n in names if n in hidden] if sheet is None else [])


@dataclass
class _OdsTable:
    """One table of an .ods as its rows stream in: repeats expanded only before content."""

    name: str
    hidden: bool
    wanted: bool
    rows: list[list[Value]] = field(default_factory=list)
    blank: int = 0  # empty rows seen since the last one with content
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def row(self, element: Any) -> None:
        repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
        cells: list[Value] = []
        pending = 0  # empty cells since the last one with a value
        for cell in element:
            if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                continue
            times = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
            value = _ods_value(cell)
            if value is None:
                pending += times
                continue
            if len(cells) + pending + times > MAX_COLUMNS:
                raise _too_big(
                    self.name, len(self.rows) + self.blank + 1, len(cells) + pending + times
                )
            across = int(cell.get(f"{_TABLE}number-columns-spanned", "1"))
            down = int(cell.get(f"{_TABLE}number-rows-spanned", "1"))
            cells.extend([None] * pending)
            pending = 0
            if across > 1 or down > 1:
                top = len(self.rows) + self.blank + 1
                self.merges.append((top, len(cells) + 1, top + down - 1, len(cells) + across))
            cells.extend([value] * times)
        if not cells:
            self.blank += repeat
            return
        if len(self.rows) + self.blank + repeat > MAX_ROWS:
            raise _too_big(self.name, len(self.rows) + self.blank + repeat, len(cells))
        self.rows.extend([] for _ in range(self.blank))
        self.blank = 0
        self.rows.extend(list(cells) for _ in range(repeat))

    def finish(self) -> list[list[Value]]:
        width = max((len(r) for r in self.rows), default=0)
        rows: list[list[Value]] = [r + [None] * (width - len(r)) for r in self.rows]
        _fill_merged(rows, self.merges)
        return rows


def _ods_text(element: Any) -> str:
    """The text of an .ods cell: its paragraphs line by line, text:s as spaces."""
    lines: list[str] = []
    for paragraph in element.iter(f"{_TEXT}p"):
        parts: list[str] = [paragraph.text or ""]
        for child in paragraph.iter():
            if child is paragraph:
                continue
            if child.tag == f"{_TEXT}s":
                parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
            elif child.tag == f"{_TEXT}tab":
                parts.append("\t")
            elif child.tag == f"{_TEXT}line-break":
                parts.append("\n")
            else:
                parts.append(child.text or "")
            parts.append(child.tail or "")
        lines.append("".join(parts))
    return "\n".join(lines)


def _ods_value(cell: Any) -> Value:
    """One .ods cell as a plain value: dates as dates, percentages as Percent."""
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in ("float", "currency", "percentage"):
        number = float(cell.get(f"{_OFFICE}value", "0"))
        if kind == "percentage":
            return Percent(number)
        return int(number) if number.is_integer() else number
    if kind == "date":
        text = cell.get(f"{_OFFICE}date-value", "")
        return dt.date.fromisoformat(text[:10])
    if kind == "boolean":
        return "TRUE" if cell.get(f"{_OFFICE}boolean-value") == "true" else "FALSE"
    text = _ods_text(cell)
    return text if text.strip() else None


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
