"""The rows of an office sheet read into issue data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from rectify.i18n import Lang, label, t
from rectify.io.sheets.cells import (
    AmbiguousMonth,
    Row,
    Sheet,
    Value,
    _cell_text,
    date_cell,
    fraction_column,
    parse_completion,
    parse_deadline,
    parse_source,
    parse_status,
    parse_track,
    parse_units,
    split_units,
    status_word,
)
from rectify.io.sheets.headers import SEQ, Header, find_header
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
    target: str | None = None  # 整改目标
    category: str | None = None  # 问题类别
    label: str | None = None  # the office's own row number (1, 1.1, 一、), never an id
    ledger: str | None = None  # the 台账 cell: the ledger the row says it belongs to
    long_term_deadline: bool = False  # 整改时限 said 长期坚持: the deadline is the year's end
    immediate: bool = False  # 整改时限 said 立行立改: due when handed over
    claimed: bool = False  # 已销号 written by the unit itself: recorded as rectified
    no_percent: bool = False  # a status word in the completion column (进度 = 基本完成)
    measure_rows: tuple[int, ...] = ()  # further rows holding more measures of this problem


TEXT_KEYS = ("title", "description", "owner", "measures", "progress",
             "verified_by", "reason", "note", "target", "category", "ledger")  # fmt: skip
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
    unit: str | None = None  # the lead unit of every row: a sheet per unit, named after it


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
    # The office's own number (1, 1.1, 一、): the planner keeps it as an id only when it is one.
    data.id = _cell_text(cells.get("id"))
    data.label = _cell_text(cells.get(SEQ))
    data.lead_unit, extra = parse_units(cells.get("lead_unit"))
    if data.lead_unit is None and ctx.unit is not None:
        data.lead_unit = ctx.unit  # one sheet per unit: the sheet's name
    if cells.get("co_units") is not None or extra:
        data.co_units = list(dict.fromkeys([*extra, *split_units(cells.get("co_units"))]))
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
    _read_completion(data, cells, ctx, bad)
    for key in DATE_KEYS:
        value = cells.get(key)
        if _cell_text(value) is None:
            continue
        try:
            setattr(data, key, date_cell(value, year=ctx.year, not_before=ctx.not_before))
        except AmbiguousMonth:
            bad(key, "import.ambiguous_month", value)
        except ValueError:
            bad(key, "import.bad_date", value)
    _read_deadline(data, cells, ctx, bad, reasons)
    for key in ("title", "lead_unit"):
        if getattr(data, key) is None:
            reasons.append(Reason("import.missing", {"column": ctx.names.get(key, key)}))
    if data.status is Status.CLOSED and data.verified_by is None and data.verified_on is None:
        # 已销号 in a unit's own sheet is its claim: signing off is the supervisor's (close).
        data.status, data.claimed = Status.RECTIFIED, True
    if reasons:
        raise RowError(reasons)
    return data


def _read_completion(
    data: RowData, cells: Mapping[str, Value], ctx: _Context, bad: Callable[[str, str, Value], None]
) -> None:
    """The completion cell, and a status word written where a percentage or note belongs."""
    value = cells.get("completion")
    if _cell_text(value) is not None:
        try:
            data.completion = parse_completion(value, fractions=ctx.fractions)
        except ValueError:
            word = status_word(value)
            if word is None:
                bad("completion", "import.bad_completion", value)
            else:  # 进度 = 基本完成: a status, and no percentage given
                data.no_percent = True
                data.status = data.status or word[0]
                data.track = data.track or word[1]
                data.progress = data.progress or _cell_text(value)
    if data.status is None and data.completion is None and data.progress is not None:
        word = status_word(data.progress)  # 整改情况 = 已整改到位
        if word is not None:
            data.status, data.track = word[0], data.track or word[1]


def _read_deadline(
    data: RowData,
    cells: Mapping[str, Value],
    ctx: _Context,
    bad: Callable[[str, str, Value], None],
    reasons: list[Reason],
) -> None:
    """The 整改时限 cell: a date, 立行立改 (due when handed over), 长期坚持, or date + words."""
    deadline = cells.get("deadline")
    if _cell_text(deadline) is None:
        reasons.append(Reason("import.missing", {"column": ctx.names.get("deadline", "deadline")}))
        return
    try:
        read = parse_deadline(deadline, year=ctx.year, not_before=ctx.not_before)
    except AmbiguousMonth:
        bad("deadline", "import.ambiguous_month", deadline)
        return
    except ValueError:
        bad("deadline", "import.bad_date", deadline)
        return
    data.track = data.track or read.track
    data.immediate = read.immediate
    if read.long_term:
        data.long_term_deadline = True
        data.deadline = dt.date(ctx.year, 12, 31)
    else:
        data.deadline = read.date


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row read as a heading, note or total rather than an issue."""

    row: int
    text: str


_LABEL_NUMBER = re.compile(r"^\d+(?:[.．\-]\d+)*[.．、]?$")


def _is_heading(row: Row, cells: Mapping[str, Value]) -> str | None:
    """The text of a row that is a section heading, note or total line, else None.

    A heading holds one text only (often merged across the row: "一、省交办问题"),
    or a group's number and name in the first columns (一 | 省交办问题, nothing
    else: no unit, no deadline); a total line starts with 合计 or 小计; a line
    with neither a problem nor a unit ("填表人：张某 | 审核人：李某") is a note.
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
    given = {key for key, value in cells.items() if _cell_text(value) is not None}
    label = _cell_text(cells.get(SEQ)) or _cell_text(cells.get("id"))
    if given <= {SEQ, "id", "title"} and not (label and _LABEL_NUMBER.match(fold(label))):
        return " ".join(distinct)  # 一 | 省交办问题: a group of the problems below
    return None


# A problem's further measures, one a row below it: what each row says for itself.
MEASURE_KEYS = frozenset(
    {"measures", "status", "completion", "progress", "progress_date", "rectified_on", "planned_on"}
)
_SAME_PROBLEM = ("title", "lead_unit", "deadline", SEQ, "id")


def _continues(cells: Mapping[str, Value], before: Mapping[str, Value]) -> bool:
    """Whether a row holds another measure of the problem above (blank or merged problem cells)."""
    measure = _cell_text(cells.get("measures"))
    if measure is None or measure == _cell_text(before.get("measures")):
        return False  # the same row again is a repeat, not another measure
    return all(
        _cell_text(cells.get(key)) in (None, _cell_text(before.get(key))) for key in _SAME_PROBLEM
    )


_RANK = {Status.OPEN: 0, Status.IN_PROGRESS: 1, Status.RECTIFIED: 2, Status.CLOSED: 3}


def _measure_completion(data: RowData) -> float | None:
    if data.completion is not None:
        return data.completion
    if data.status is not None and data.status.done:
        return 100.0
    return None


def _add_measure(problem: RowData, measure: RowData, measures: list[float | None]) -> None:
    """A further measure row folded into its problem: the problem is done when every measure is.

    Measures are joined line by line; the status is the least advanced one;
    the completion the mean of the measures' (a done measure counts 100).
    """
    problem.measures = "\n".join(m for m in (problem.measures, measure.measures) if m)
    problem.progress = (
        "\n".join(dict.fromkeys(p for p in (problem.progress, measure.progress) if p)) or None
    )
    problem.measure_rows = (*problem.measure_rows, measure.row)
    statuses = [s for s in (problem.status, measure.status) if s in _RANK]
    if statuses:
        problem.status = min(statuses, key=_RANK.__getitem__)
    measures.append(_measure_completion(measure))
    known = [c for c in measures if c is not None]
    if known:
        mean = sum((Decimal(repr(c)) for c in known), Decimal(0)) / len(measures)
        problem.completion = float(mean.quantize(Decimal("0.1"), rounding=ROUND_DOWN))
    if problem.completion is not None and problem.completion < 100:
        if problem.status is not None and problem.status.done:
            problem.status = Status.IN_PROGRESS
        problem.rectified_on = None
    dates = [d for d in (problem.progress_date, measure.progress_date) if d is not None]
    problem.progress_date = max(dates) if dates else None
    if problem.status is not None and problem.status.done:
        done_on = [d for d in (problem.rectified_on, measure.rectified_on) if d is not None]
        problem.rectified_on = max(done_on) if done_on else None


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
    ctx = _Context(year=year, not_before=not_before, names=names, fractions=fractions,
                   unit=header.unit)  # fmt: skip
    result = ReadSheet(header=header)
    before: dict[str, Value] | None = None  # the cells of the last problem row
    measures: list[float | None] = []  # each measure's completion, of that problem
    for number, row in body:
        if all(_cell_text(value) is None for value in row):
            continue
        cells = _cells(row, header)
        if before is not None and _continues(cells, before):
            _measure_row(result, number, cells, before, ctx, measures)
            continue
        heading = _is_heading(row, cells)
        if heading is not None:
            result.skipped.append(Skipped(number, heading))
            continue
        before = dict(cells)
        try:
            data = read_row(number, cells, ctx)
        except RowError as exc:
            result.bad[number] = exc.reasons
            continue
        result.rows.append(data)
        measures[:] = [_measure_completion(data)]
    return result


def _measure_row(
    result: ReadSheet,
    number: int,
    cells: Mapping[str, Value],
    before: dict[str, Value],
    ctx: _Context,
    measures: list[float | None],
) -> None:
    """A row holding a further measure of the problem above, folded into that problem."""
    first = max([r.row for r in result.rows] + list(result.bad), default=0)
    if first in result.bad or not result.rows or result.rows[-1].row != first:
        result.bad[number] = [Reason("import.measure_of_bad", {"earlier": first})]
        return
    mixed = {
        key: (cells.get(key) if key in MEASURE_KEYS else value) for key, value in before.items()
    }
    mixed.update({key: cells[key] for key in MEASURE_KEYS if key in cells})
    try:
        measure = read_row(number, mixed, ctx)
    except RowError as exc:
        result.bad[number] = exc.reasons
        return
    _add_measure(result.rows[-1], measure, measures)
