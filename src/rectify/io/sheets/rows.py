"""The rows of an office sheet read into issue data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rectify.i18n import Lang, label, t
from rectify.io.sheets.cells import (
    Row,
    Sheet,
    Value,
    _cell_text,
    date_cell,
    fraction_column,
    is_long_term,
    parse_completion,
    parse_source,
    parse_status,
    parse_track,
    split_units,
)
from rectify.io.sheets.headers import Header, find_header
from rectify.model import Source, Status, Track
from rectify.text import fold

# --- rows into issues ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a row cannot be read: a catalogue key and its parameters, printable in any language."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        """The reason in one sentence; status, track and source values shown by their names."""
        params = {
            name: label(_ENUM_KIND[type(value)], value.value, lang)
            if isinstance(value, Status | Track | Source)
            else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)


_ENUM_KIND: dict[type, str] = {Status: "status", Track: "track", Source: "source"}


class RowError(Exception):
    """The reasons a row cannot be read."""

    def __init__(self, reasons: list[Reason]):
        super().__init__(reasons)
        self.reasons = reasons


@dataclass
class RowData:
    """What one row of a sheet says, read but not yet an issue (None: the cell is blank)."""

    row: int
    id: str | None = None
    title: str | None = None
    description: str | None = None
    source: Source | None = None
    track: Track | None = None
    lead_unit: str | None = None
    co_units: list[str] | None = None
    owner: str | None = None
    assigned_on: dt.date | None = None
    deadline: dt.date | None = None
    planned_on: dt.date | None = None
    measures: str | None = None
    status: Status | None = None
    completion: float | None = None
    rectified_on: dt.date | None = None
    progress: str | None = None
    progress_date: dt.date | None = None
    verified_by: str | None = None
    verified_on: dt.date | None = None
    reason: str | None = None
    dismissed_on: dt.date | None = None
    note: str | None = None
    long_term_deadline: bool = False  # 整改时限 said 长期坚持: the deadline is the year's end


TEXT_KEYS = ("title", "description", "lead_unit", "owner", "measures", "progress",
             "verified_by", "reason", "note")  # fmt: skip
DATE_KEYS = (
    "assigned_on",
    "planned_on",
    "rectified_on",
    "progress_date",
    "verified_on",
    "dismissed_on",
)
TOTAL_WORDS = frozenset({"合计", "小计", "总计", "total", "subtotal"})


@dataclass(frozen=True, slots=True)
class _Context:
    """What reading a row needs besides the row: the ledger's year and the column names."""

    year: int
    not_before: dt.date | None
    names: dict[str, str]  # key -> the header as written
    fractions: bool


def _cells(row: Row, header: Header) -> dict[str, Value]:
    """The cells of a row by column key."""
    return {key: row[i] if i < len(row) else None for i, key in header.keys.items()}


def read_row(number: int, cells: Mapping[str, Value], ctx: _Context) -> RowData:
    """One row's cells as RowData; RowError with every reason when some cell cannot be read."""
    data = RowData(row=number)
    reasons: list[Reason] = []

    def bad(key: str, reason: str, value: Value) -> None:
        reasons.append(
            Reason(reason, {"column": ctx.names.get(key, key), "value": _cell_text(value) or ""})
        )

    for key in TEXT_KEYS:
        setattr(data, key, _cell_text(cells.get(key)))
    ident = _cell_text(cells.get("id"))
    data.id = ident if ident and not ident.isdigit() else None  # 1, 2, 3 number rows, not issues
    if cells.get("co_units") is not None:
        data.co_units = split_units(cells["co_units"])
    if cells.get("source") is not None:
        data.source = parse_source(cells["source"])
    if cells.get("track") is not None:
        try:
            data.track = parse_track(cells["track"])
        except ValueError:
            bad("track", "import.bad_track", cells["track"])
    try:
        data.status, hinted = parse_status(cells.get("status"))
        data.track = data.track or hinted
    except ValueError:
        bad("status", "import.bad_status", cells.get("status"))
    if cells.get("completion") is not None and _cell_text(cells["completion"]) is not None:
        try:
            data.completion = parse_completion(cells["completion"], fractions=ctx.fractions)
        except ValueError:
            bad("completion", "import.bad_completion", cells["completion"])
    for key in DATE_KEYS:
        value = cells.get(key)
        if _cell_text(value) is None:
            continue
        try:
            setattr(data, key, date_cell(value, year=ctx.year, not_before=ctx.not_before))
        except ValueError:
            bad(key, "import.bad_date", value)
    deadline = cells.get("deadline")
    if _cell_text(deadline) is None:
        reasons.append(Reason("import.missing", {"column": ctx.names.get("deadline", "deadline")}))
    elif is_long_term(deadline):
        data.long_term_deadline = True
        data.track = data.track or Track.LONG_TERM
        data.deadline = dt.date(ctx.year, 12, 31)
    else:
        try:
            data.deadline = date_cell(deadline, year=ctx.year, not_before=ctx.not_before)
        except ValueError:
            bad("deadline", "import.bad_date", deadline)
    for key in ("title", "lead_unit"):
        if getattr(data, key) is None:
            reasons.append(Reason("import.missing", {"column": ctx.names.get(key, key)}))
    if reasons:
        raise RowError(reasons)
    return data


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row read as a heading, note or total rather than an issue."""

    row: int
    text: str


def _is_heading(row: Row, cells: Mapping[str, Value]) -> str | None:
    """The text of a row that is a section heading, note or total line, else None.

    A heading holds one text only (often merged across the row: "一、省交办问题");
    a total line starts with 合计 or 小计; a line with neither a problem nor
    a unit ("填表人：张某 | 审核人：李某") is a note.
    """
    texts = [text for value in row if (text := _cell_text(value)) is not None]
    if not texts:
        return None
    if any(fold(text) in TOTAL_WORDS for text in texts[:3]):
        return texts[0]
    if _cell_text(cells.get("title")) is None and _cell_text(cells.get("lead_unit")) is None:
        return " ".join(texts)
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == 1 and (
        len(texts) > 1 or cells.get("lead_unit") is None or cells.get("deadline") is None
    ):
        return distinct[0]
    return None


@dataclass
class ReadSheet:
    """The rows of a sheet read: good rows, bad rows with reasons, and rows skipped."""

    header: Header
    rows: list[RowData] = field(default_factory=list)
    bad: dict[int, list[Reason]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


def read_sheet_rows(
    sheet: Sheet,
    *,
    year: int,
    not_before: dt.date | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ReadSheet:
    """Every data row of a sheet read into RowData; blank rows are passed over silently."""
    header = find_header(sheet, mapping)
    names = {key: header.names[i] for i, key in header.keys.items()}
    body = list(enumerate(sheet.rows[header.row :], start=header.row + 1))
    completion_col = next((i for i, k in header.keys.items() if k == "completion"), None)
    fractions = completion_col is not None and fraction_column(
        row[completion_col] for _, row in body if completion_col < len(row)
    )
    ctx = _Context(year=year, not_before=not_before, names=names, fractions=fractions)
    result = ReadSheet(header=header)
    for number, row in body:
        if all(_cell_text(value) is None for value in row):
            continue
        cells = _cells(row, header)
        heading = _is_heading(row, cells)
        if heading is not None:
            result.skipped.append(Skipped(number, heading))
            continue
        try:
            result.rows.append(read_row(number, cells, ctx))
        except RowError as exc:
            result.bad[number] = exc.reasons
    return result
