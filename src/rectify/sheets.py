"""Spreadsheets <-> issues: the rows of an export, and an office's sheet read into issues.

Pure: rows are plain Python values (text, numbers, dates, :class:`Percent`),
so everything here is tested without files; rectify.sheetio reads and writes
CSV and xlsx files. No clock: the date is always an argument.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Literal

from rectify import ops
from rectify.check import check_document
from rectify.errors import DataError, Problem, RectifyError, Severity, UsageError
from rectify.i18n import LANGS, Lang, label, t
from rectify.metrics import (
    DUE_SOON_DAYS,
    Figures,
    Item,
    completion_on,
    days_overdue,
    figures,
    group_figures,
    is_closed,
    is_dismissed,
    is_rectified,
    issue_state,
    items,
    month_end,
    month_of,
    monthly_series,
)
from rectify.model import Issue, Ledger, Source, Status, Track
from rectify.store import Document
from rectify.yamledit import ledger_to_data

# --- cell values -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Percent:
    """A number the sheet shows as a percentage: 0.744 shown as 74.4%."""

    value: float


Value = str | int | float | dt.date | Percent | None
Row = list[Value]


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet to write: its name, a header row and rows of typed values."""

    name: str
    header: list[str]
    rows: list[Row]
    wrap: frozenset[int] = frozenset()  # columns holding long text, wrapped in xlsx


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet as read from a file: its name and its rows, row 1 first."""

    name: str
    rows: list[Row]


# --- export -------------------------------------------------------------------------------

# Column keys of the issue sheet, in export order; import reads the same keys.
COLUMNS: tuple[str, ...] = (
    "id",
    "ledger",
    "title",
    "description",
    "source",
    "track",
    "lead_unit",
    "co_units",
    "owner",
    "assigned_on",
    "deadline",
    "planned_on",
    "measures",
    "status",
    "completion",
    "rectified_on",
    "progress",
    "progress_date",
    "overdue",
    "days_overdue",
    "verified_by",
    "verified_on",
    "reason",
    "dismissed_on",
    "note",
)
WRAP_COLUMNS = frozenset({"title", "description", "measures", "progress", "reason", "note"})
NOTE_KEY = "x-note"  # where a sheet's 备注 is kept in the ledger (a user extension key)
UNIT_SEPARATOR = "、"

_DONE = (Status.RECTIFIED, Status.CLOSED)
_ACTIVE = (Status.OPEN, Status.IN_PROGRESS)


def column_label(key: str, lang: Lang) -> str:
    """The header of an exported column: ``column_label("lead_unit", "zh")`` is 牵头单位."""
    return t(f"export.col.{key}", lang)


def status_on(issue: Issue, as_of: dt.date) -> Status:
    """The status an issue had on a date, read from its dated history like every figure."""
    if is_dismissed(issue, as_of):
        return Status.DISMISSED
    if is_closed(issue, as_of):
        return Status.CLOSED
    if is_rectified(issue, as_of):
        return Status.RECTIFIED
    if issue.status in _ACTIVE:
        return issue.status
    return Status.IN_PROGRESS if completion_on(issue, as_of) > 0 else Status.OPEN


def _number(value: Fraction) -> int | float:
    """An exact completion as the plain number a sheet holds: 100 or 74.4."""
    return value.numerator if value.denominator == 1 else float(value)


def issue_record(item: Item, as_of: dt.date) -> dict[str, Any]:
    """One issue as it stood on a date, keyed by COLUMNS, with codes rather than labels."""
    issue = item.issue
    status = status_on(issue, as_of)
    reported = [entry for entry in issue.progress if entry.date <= as_of]
    latest = reported[-1] if reported else None
    verified = issue.verification if status is Status.CLOSED else None
    note = issue.extensions.get(NOTE_KEY)
    overdue = issue_state(item, as_of).overdue
    return {
        "id": issue.id,
        "ledger": item.ledger_id,
        "title": issue.title,
        "description": issue.description,
        "source": issue.source.value,
        "track": issue.track.value,
        "lead_unit": issue.lead_unit,
        "co_units": list(issue.co_units),
        "owner": issue.owner,
        "assigned_on": item.assigned_on,
        "deadline": issue_state(item, as_of).deadline,
        "planned_on": issue.planned_on,
        "measures": issue.measures,
        "status": status.value,
        "completion": _number(completion_on(issue, as_of)),
        "rectified_on": issue.rectified_on if status in _DONE else None,
        "progress": latest.note if latest else None,
        "progress_date": latest.date if latest else None,
        "overdue": overdue,
        "days_overdue": days_overdue(item, as_of) if overdue else None,
        "verified_by": verified.by if verified else None,
        "verified_on": verified.date if verified else None,
        "reason": issue.reason if status is Status.DISMISSED else None,
        "dismissed_on": issue.dismissed_on if status is Status.DISMISSED else None,
        "note": note if isinstance(note, str) else None,
    }


def _cell(key: str, value: Any, lang: Lang) -> Value:
    """A record's value as a sheet cell: labels for codes, lists joined, outer blanks cut."""
    if value is None:
        return None
    if key in ("source", "track", "status"):
        return label(key, str(value), lang)
    if key == "co_units":
        return UNIT_SEPARATOR.join(value) or None
    if key == "overdue":
        return t("export.yes" if value else "export.no", lang)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float | dt.date):
        return value
    return str(value)


def issue_rows(pool: Iterable[Item], as_of: dt.date, lang: Lang) -> list[Row]:
    """One row per issue that existed on the date, in file order."""
    rows: list[Row] = []
    for item in pool:
        if not issue_state(item, as_of).exists:
            continue
        record = issue_record(item, as_of)
        rows.append([_cell(key, record[key], lang) for key in COLUMNS])
    return rows


def issues_table(pool: Iterable[Item], as_of: dt.date, lang: Lang) -> Table:
    """The issue sheet: one row per issue, headers in the chosen language."""
    return Table(
        name=t("export.sheet.issues", lang),
        header=[column_label(key, lang) for key in COLUMNS],
        rows=issue_rows(pool, as_of, lang),
        wrap=frozenset(i for i, key in enumerate(COLUMNS) if key in WRAP_COLUMNS),
    )


def cut_percent(value: Fraction | None) -> Percent | None:
    """A rate cut toward zero to a tenth of a percent, as a percent cell: 19/26 -> 73.0%."""
    if value is None:
        return None
    tenths = value * 1000
    return Percent((tenths.numerator // tenths.denominator) / 1000)


def cut_tenths(value: Fraction | None) -> float | None:
    """A number cut toward zero to one decimal: 223/3 -> 74.3."""
    if value is None:
        return None
    return int(value * 10) / 10


FIGURE_COLUMNS: tuple[str, ...] = (
    "counted",
    "rectified",
    "rectified_rate",
    "closed",
    "closed_rate",
    "mean_completion",
    "overdue",
    "due_soon",
    "dismissed",
)


def _figure_cells(figs: Figures) -> Row:
    return [
        figs.counted,
        figs.rectified,
        cut_percent(figs.rectified_rate),
        figs.closed,
        cut_percent(figs.closed_rate),
        cut_tenths(figs.mean_completion),
        figs.overdue,
        figs.due_soon,
        figs.dismissed,
    ]


def units_table(
    pool: Sequence[Item], as_of: dt.date, lang: Lang, *, due_soon_days: int = DUE_SOON_DAYS
) -> Table:
    """The figures by lead unit on a date, with a total row; rates cut toward zero."""
    rows: list[Row] = [
        [group.key, *_figure_cells(group.figures)]
        for group in group_figures(pool, as_of, "unit", due_soon_days=due_soon_days)
    ]
    total = figures(pool, as_of, due_soon_days=due_soon_days)
    rows.append([t("export.total", lang), *_figure_cells(total)])
    header = [t("export.fig.unit", lang), *(t(f"export.fig.{k}", lang) for k in FIGURE_COLUMNS)]
    return Table(name=t("export.sheet.units", lang), header=header, rows=rows)


MONTH_COLUMNS: tuple[str, ...] = (
    "month",
    "assigned_in_month",
    "assigned_to_date",
    "rectified_in_month",
    "rectified_to_date",
    "counted",
    "rectified_rate",
    "change_pp",
    "mean_completion",
    "overdue",
    "closed",
)


def report_months(pool: Sequence[Item], as_of: dt.date) -> tuple[tuple[int, int], tuple[int, int]]:
    """The months of the month-by-month table: from the first assignment to the last month ended.

    The month of ``as_of`` counts only when ``as_of`` is its last day, so no
    row uses a date after ``as_of``.
    """
    end = month_of(as_of)
    if as_of != month_end(*end):
        end = (end[0] - 1, 12) if end[1] == 1 else (end[0], end[1] - 1)
    dates = [item.assigned_on for item in pool if item.assigned_on is not None]
    start = month_of(min(dates)) if dates else end
    return start, end


def months_table(
    pool: Sequence[Item], as_of: dt.date, lang: Lang, *, due_soon_days: int = DUE_SOON_DAYS
) -> Table:
    """The month-by-month table: flows in each month and stocks at each month end."""
    start, end = report_months(pool, as_of)
    rows: list[Row] = []
    for row in monthly_series(pool, start, end, due_soon_days=due_soon_days):
        rows.append(
            [
                t("export.month", lang, year=row.year, month=row.month),
                row.assigned_in_month,
                row.assigned_to_date,
                row.rectified_in_month,
                row.rectified_to_date,
                row.counted,
                cut_percent(row.rectified_rate),
                cut_tenths(row.change_pp),
                cut_tenths(row.mean_completion),
                row.overdue,
                row.closed,
            ]
        )
    header = [t(f"export.mon.{key}", lang) for key in MONTH_COLUMNS]
    return Table(name=t("export.sheet.months", lang), header=header, rows=rows)


def export_tables(
    ledgers: Sequence[Ledger], as_of: dt.date, lang: Lang, *, due_soon_days: int = DUE_SOON_DAYS
) -> list[Table]:
    """The three sheets of an export: issues, figures by lead unit, month by month."""
    pool = items(ledgers)
    return [
        issues_table(pool, as_of, lang),
        units_table(pool, as_of, lang, due_soon_days=due_soon_days),
        months_table(pool, as_of, lang, due_soon_days=due_soon_days),
    ]


def _figures_json(figs: Figures) -> dict[str, Any]:
    """Figures as exact counts and unrounded rates (machine output)."""

    def rate(value: Fraction | None) -> float | None:
        return None if value is None else float(value)

    return {
        "total": figs.total,
        "counted": figs.counted,
        "rectified": figs.rectified,
        "closed": figs.closed,
        "dismissed": figs.dismissed,
        "overdue": figs.overdue,
        "due_soon": figs.due_soon,
        "open": figs.open,
        "in_progress": figs.in_progress,
        "rectified_rate": rate(figs.rectified_rate),
        "closed_rate": rate(figs.closed_rate),
        "mean_completion": rate(figs.mean_completion),
    }


def export_json(
    ledgers: Sequence[Ledger], as_of: dt.date, *, due_soon_days: int = DUE_SOON_DAYS
) -> dict[str, Any]:
    """The export as plain data for ``--format json``: dates are ``datetime.date`` values."""
    pool = items(ledgers)
    start, end = report_months(pool, as_of)
    return {
        "as_of": as_of,
        "issues": [issue_record(item, as_of) for item in pool if issue_state(item, as_of).exists],
        "units": [
            {"unit": group.key, **_figures_json(group.figures)}
            for group in group_figures(pool, as_of, "unit", due_soon_days=due_soon_days)
        ],
        "total": _figures_json(figures(pool, as_of, due_soon_days=due_soon_days)),
        "months": [
            {
                "month": f"{row.year:04d}-{row.month:02d}",
                "as_of": row.as_of,
                "assigned_in_month": row.assigned_in_month,
                "rectified_in_month": row.rectified_in_month,
                "change_pp": None if row.change_pp is None else float(row.change_pp),
                **_figures_json(row.figures),
            }
            for row in monthly_series(pool, start, end, due_soon_days=due_soon_days)
        ],
    }


# --- reading headers -------------------------------------------------------------------------

IGNORE = "ignore"
SEQ = "seq"
# Keys a column can be read as (``--map 列名=key``); export-only columns are read and ignored.
IMPORT_KEYS: tuple[str, ...] = (*COLUMNS, SEQ, IGNORE)
DERIVED = frozenset({"ledger", "overdue", "days_overdue", SEQ, IGNORE})
REQUIRED = ("title", "lead_unit", "deadline")

# The headers offices use, besides the export's own headers in both languages.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "问题编号", "编码", "id", "issue id"),
    SEQ: ("序号", "序", "no", "排序"),
    "ledger": ("台账", "所属台账", "ledger"),
    "title": (
        "问题",
        "问题标题",
        "标题",
        "问题名称",
        "存在问题",
        "主要问题",
        "存在的问题",
        "反馈问题",
        "问题概述",
        "问题清单",
        "title",
        "problem",
        "issue",
    ),
    "description": (
        "问题描述",
        "具体问题",
        "问题表现",
        "具体表现",
        "问题具体表现",
        "问题详情",
        "问题内容",
        "描述",
        "description",
    ),
    "source": ("问题来源", "来源", "source"),
    "track": ("整改类型", "类型", "整改方式", "track"),
    "lead_unit": (
        "牵头单位",
        "责任单位",
        "牵头责任单位",
        "主责单位",
        "责任部门",
        "牵头部门",
        "整改责任单位",
        "整改单位",
        "承办单位",
        "主办单位",
        "lead unit",
        "unit",
    ),
    "co_units": (
        "配合单位",
        "协办单位",
        "配合部门",
        "协同单位",
        "参与单位",
        "协助单位",
        "co-units",
    ),
    "owner": ("责任人", "责任领导", "具体责任人", "owner"),
    "assigned_on": ("交办日期", "交办时间", "assigned on"),
    "deadline": (
        "整改时限",
        "完成时限",
        "整改期限",
        "时限",
        "截止时间",
        "截止日期",
        "整改完成时限",
        "deadline",
        "due",
    ),
    "planned_on": ("计划完成时间", "计划完成日期", "计划完成", "planned completion"),
    "measures": ("整改措施", "措施", "整改举措", "measures"),
    "status": ("完成情况", "整改状态", "状态", "整改完成情况", "进展状态", "status"),
    "completion": (
        "完成进度",
        "进度",
        "完成比例",
        "完成率",
        "整改进度",
        "完成百分比",
        "completion",
    ),
    "rectified_on": (
        "整改完成日期",
        "完成日期",
        "实际完成时间",
        "实际完成日期",
        "整改完成时间",
        "rectified on",
    ),
    "progress": (
        "整改进展",
        "进展情况",
        "整改进展情况",
        "工作进展",
        "最新进展",
        "整改情况",
        "推进情况",
        "进展",
        "progress",
    ),
    "progress_date": ("进展日期", "报送日期", "更新日期", "填报日期", "progress date"),
    "overdue": ("是否逾期", "逾期", "overdue"),
    "days_overdue": ("逾期天数", "days overdue"),
    "verified_by": ("验收单位", "销号单位", "验收部门", "signed off by", "verified by"),
    "verified_on": ("销号日期", "销号时间", "验收日期", "signed off on", "verified on"),
    "reason": ("不予整改理由", "不予整改原因", "理由", "reason"),
    "dismissed_on": ("不予整改日期", "dismissed on"),
    "note": ("备注", "说明", "note", "remarks"),
}

_BRACKETED = re.compile(r"[(\[【].*?[)\]】]")
_HEADER_NOISE = re.compile(r"[\s_\-·•*:：.。、/\\]+")


def normalise_header(text: str) -> str:
    """A header as compared: full-width folded, bracketed notes and blanks dropped, lower case.

    "完 成 进 度（%）" and "完成进度" compare equal, as do "Lead unit" and "lead_unit".
    """
    folded = unicodedata.normalize("NFKC", text)
    return _HEADER_NOISE.sub("", _BRACKETED.sub("", folded)).casefold()


@cache
def header_words() -> dict[str, str]:
    """Every header recognised, normalised, to its column key."""
    words: dict[str, str] = {}
    for key in COLUMNS:
        for lang in LANGS:
            words.setdefault(normalise_header(column_label(key, lang)), key)
    for key, names in HEADER_WORDS.items():
        for name in names:
            words.setdefault(normalise_header(name), key)
    return words


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``--map 列名=key`` options as {normalised header: key}; UsageError for a bad one."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, key = pair.partition("=")
        key = key.strip().replace("-", "_")
        if key == "":
            key = IGNORE if sep else ""
        if not sep or not name.strip() or key not in IMPORT_KEYS:
            raise UsageError("import.bad_map", value=pair, keys=", ".join(IMPORT_KEYS))
        mapping[normalise_header(name)] = key
    return mapping


@dataclass(frozen=True, slots=True)
class Header:
    """Where the header of a sheet is and what each column holds.

    ``row`` is the 1-based row of the (last) header row; data starts below it.
    """

    row: int
    keys: dict[int, str]  # column index -> key, first column of each key only
    names: dict[int, str]  # column index -> the header as written
    ignored: list[str]  # headers not recognised, or a key's second column


def _cell_text(value: Value) -> str | None:
    """Any cell as text: numbers without a trailing .0, dates in ISO form; None when blank."""
    if value is None:
        return None
    if isinstance(value, Percent):
        value = value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _key_of(value: Value, mapping: Mapping[str, str]) -> str | None:
    text = _cell_text(value)
    if text is None:
        return None
    name = normalise_header(text)
    return mapping.get(name) or header_words().get(name)


HEADER_SCAN_ROWS = 30


def find_header(sheet: Sheet, mapping: Mapping[str, str] | None = None) -> Header:
    """The header row of a sheet, under any title rows, and the key of each column.

    The header is the first of the top rows where at least three columns are
    recognised (else the row with the most, at least two). When the row below
    names sub-columns under a merged group header ("整改情况" over "完成进度 |
    整改状态"), the two rows are read as one header. Raises DataError when no
    row has the title, lead unit and deadline columns.
    """
    mapping = mapping or {}
    at = _header_index(sheet, mapping)
    below = sheet.rows[at + 1] if at + 1 < len(sheet.rows) else []
    cells, two_rows = _with_sub_headers(sheet.rows[at], below, mapping)
    keys, names, ignored = _column_keys(cells, mapping)
    missing = [key for key in REQUIRED if key not in keys.values()]
    if missing:
        raise DataError(
            "import.missing_columns",
            sheet=sheet.name,
            row=at + 1,
            columns="、".join(column_label(k, "zh") for k in missing),
            keys=", ".join(missing),
        )
    return Header(row=at + (2 if two_rows else 1), keys=keys, names=names, ignored=ignored)


def _header_index(sheet: Sheet, mapping: Mapping[str, str]) -> int:
    """The 0-based index of the row that looks most like a header, near the top."""
    scores = [
        len({k for v in row if (k := _key_of(v, mapping)) is not None})
        for row in sheet.rows[:HEADER_SCAN_ROWS]
    ]
    first = next((i for i, score in enumerate(scores) if score >= 3), None)
    if first is not None:
        return first
    if max(scores, default=0) < 2:
        raise DataError("import.no_header", sheet=sheet.name, rows=HEADER_SCAN_ROWS)
    return scores.index(max(scores))


def _with_sub_headers(top: Row, below: Row, mapping: Mapping[str, str]) -> tuple[Row, bool]:
    """The header cells, taking a sub-header from the row below where a group header stands.

    A cell is replaced when the one below it is a header and it is either not
    one or repeated next to it (a group header merged across columns). Also
    whether any was replaced, so the data starts a row lower.
    """
    width = max(len(top), len(below))
    cells: Row = [top[i] if i < len(top) else None for i in range(width)]
    replaced = False
    for i in range(width):
        under = below[i] if i < len(below) else None
        if under is None or _cell_text(under) == _cell_text(cells[i]):
            continue  # blank, or the same header filled down from a vertical merge
        repeated = any(
            _cell_text(cells[j]) == _cell_text(cells[i]) for j in (i - 1, i + 1) if 0 <= j < width
        )
        if _key_of(under, mapping) is not None and (_key_of(cells[i], mapping) is None or repeated):
            cells[i] = under
            replaced = True
    return cells, replaced


def _column_keys(
    cells: Row, mapping: Mapping[str, str]
) -> tuple[dict[int, str], dict[int, str], list[str]]:
    """The key of each header cell (the first column of a key wins), names, and the rest."""
    keys: dict[int, str] = {}
    names: dict[int, str] = {}
    ignored: list[str] = []
    for i, value in enumerate(cells):
        text = _cell_text(value)
        if text is None:
            continue
        names[i] = text
        key = _key_of(value, mapping)
        if key is None or key == IGNORE or key in keys.values():
            ignored.append(text)
        else:
            keys[i] = key
    if "title" not in keys.values() and "description" in keys.values():
        # A sheet with only 问题描述 has no shorter title: the description is the title.
        column = next(i for i, k in keys.items() if k == "description")
        keys[column] = "title"
    return keys, names, ignored


# --- reading values ------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Text as compared: full-width folded, blanks dropped, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


_SERIAL_MIN = 18264  # 1950-01-01: plain numbers below this are not dates
_SERIAL_MAX = 73051  # 2099-12-31
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_DAY = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(?:(\d{4})[-/.年])?(\d{1,2})月?份?(底|末|上旬|中旬|下旬)?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日$")
_YEAR_PART = re.compile(
    r"^(?:(\d{4})|今|本|当)?年{0,2}度?(底|末|内|上半年|下半年|第?([一二三四1-4])季度(?:末|底)?)?$"
)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_PREFIXES = ("截至", "截止", "于", "在", "到")
_SUFFIXES = ("前完成", "完成", "以前", "之前", "前", "为止", "止")
LONG_TERM_WORDS = ("长期", "持续", "常态", "long-term", "longterm", "ongoing")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TENS = {"上旬": 10, "中旬": 20}


def excel_serial(value: float) -> dt.date:
    """The day an Excel serial number stands for (1900 date system): 45657 is 2024-12-31."""
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))


def _strip_words(text: str) -> str:
    """A date text without "截至" in front or "前完成" behind."""
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :], True
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return text


def _in_year(year: int, month: int, day: int | None, not_before: dt.date | None) -> dt.date:
    """A month (and day) given without a year, in ``year`` or, if that is too early, the next."""
    when = month_end(year, month) if day is None else dt.date(year, month, day)
    if not_before is not None and when < not_before:
        when = month_end(year + 1, month) if day is None else dt.date(year + 1, month, day)
    return when


def parse_date(value: Value, *, year: int, not_before: dt.date | None = None) -> dt.date:
    """A date cell as offices write it; ValueError when it is none of the forms.

    Date cells and Excel serial numbers; 2024-12-31, 2024/12/31, 2024.12.31,
    2024年12月31日, 20241231; months as their last day (2024.12, 2024年12月底,
    2024年12月中旬 is the 20th); 2024年底, 2024年, 2024年上半年, 2024年三季度;
    "前" / "前完成" / "截至" around any of them. A month or part of a year
    without a year (12月底前, 年底前) is in ``year``, or in the next year
    when that would fall before ``not_before`` (a deadline before the
    problem was handed over means the next year).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, Percent) or value is None or isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return excel_serial(value)
        match = _COMPACT_DAY.match(str(int(value))) if float(value).is_integer() else None
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        raise ValueError(value)
    text = _strip_words(_fold(value))
    if _SERIAL.match(text) and _SERIAL_MIN <= float(text) <= _SERIAL_MAX:
        return excel_serial(float(text))
    if match := _DAY.match(text) or _COMPACT_DAY.match(text):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH_DAY.match(text):
        return _in_year(year, int(match[1]), int(match[2]), not_before)
    if (match := _MONTH.match(text)) and (match[1] or "月" in text):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(value)
        day = _TENS.get(match[3] or "")
        if match[1]:
            return (
                month_end(int(match[1]), month)
                if day is None
                else dt.date(int(match[1]), month, day)
            )
        return _in_year(year, month, day, not_before)
    if (match := _YEAR_PART.match(text)) and (match[2] or (match[1] and "年" in text)):
        part = match[2]
        month = 6 if part == "上半年" else 3 * _QUARTERS[match[3]] if match[3] else 12
        if match[1]:
            return month_end(int(match[1]), month)
        return _in_year(year, month, None, not_before)
    raise ValueError(value)


def is_long_term(value: Value) -> bool:
    """Whether a deadline or status cell says the work goes on (长期坚持, 持续整改)."""
    text = _cell_text(value)
    return text is not None and _fold(text).startswith(LONG_TERM_WORDS)


def _tenth(number: Decimal) -> float:
    """A percentage rounded half up to one decimal, as the sheet displays it."""
    return float(number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def plain_number(value: Value) -> Decimal | None:
    """The number of a completion cell that carries no percent sign or percent format."""
    if isinstance(value, bool | Percent):
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return Decimal(_fold(value))
        except InvalidOperation:
            return None
    return None


def parse_completion(value: Value, *, fractions: bool = False) -> float:
    """A completion cell as a percentage from 0 to 100 with one decimal; ValueError otherwise.

    74.4%, 0.744 in a percent-formatted cell, and 74.4 all give 74.4; with
    ``fractions`` (the column holds 0-1 numbers), a plain 0.744 does too.
    """
    if isinstance(value, Percent):
        number = Decimal(repr(value.value)) * 100
    elif isinstance(value, str) and _fold(value).endswith("%"):
        try:
            number = Decimal(_fold(value).rstrip("%"))
        except InvalidOperation:
            raise ValueError(value) from None
    else:
        plain = plain_number(value)
        if plain is None:
            raise ValueError(value)
        number = plain * 100 if fractions else plain
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValueError(value)
    return _tenth(number)


def fraction_column(values: Iterable[Value]) -> bool:
    """Whether plain numbers of a completion column are fractions (0.744 meaning 74.4 %).

    True when every plain number is from 0 to 1 and one of them lies strictly between.
    """
    numbers = [n for n in (plain_number(v) for v in values) if n is not None]
    return bool(numbers) and all(0 <= n <= 1 for n in numbers) and any(0 < n < 1 for n in numbers)


def _enum_words(kind: str, members: Iterable[str]) -> dict[str, str]:
    """Codes and labels in both languages of an enum, folded, to the code."""
    words: dict[str, str] = {}
    for code in members:
        words[_fold(code)] = code
        words[_fold(code.replace("_", " "))] = code
        for lang in LANGS:
            words[_fold(label(kind, code, lang))] = code
    return words


# Status words, folded: (status, track or None). 未整改 with a completion above 0 is in progress.
STATUS_WORDS: dict[str, tuple[Status | None, Track | None]] = {
    **{
        _fold(w): (Status.RECTIFIED, None)
        for w in (
            "已整改",
            "已完成",
            "完成",
            "整改完成",
            "已整改完成",
            "完成整改",
            "已完成整改",
            "整改到位",
            "已整改到位",
            "已办结",
            "办结",
            "已解决",
            "已落实",
            "done",
        )
    },
    **{
        _fold(w): (Status.IN_PROGRESS, None)
        for w in (
            "整改中",
            "正在整改",
            "推进中",
            "正在推进",
            "进行中",
            "阶段性完成",
            "部分完成",
            "基本完成",
            "序时推进",
            "按序时推进",
            "按期推进",
        )
    },
    **{
        _fold(w): (Status.OPEN, None)
        for w in ("未整改", "未启动", "未开始", "尚未整改", "尚未启动", "待整改")
    },
    **{_fold(w): (Status.OPEN, None) for w in ("未完成", "尚未完成")},
    **{_fold(w): (Status.CLOSED, None) for w in ("已销号", "销号", "已验收销号", "验收销号")},
    **{_fold(w): (Status.DISMISSED, None) for w in ("不予整改", "不整改")},
    **{
        _fold(w): (Status.IN_PROGRESS, Track.LONG_TERM)
        for w in ("长期整改", "持续整改", "长期坚持", "持续推进", "长期推进", "常态化推进")
    },
}


def parse_status(value: Value) -> tuple[Status | None, Track | None]:
    """A status cell as (status, track); (None, None) for a blank cell.

    Knows the usual words (已整改/已完成, 整改中/正在整改, 未整改/未启动,
    已销号, 不予整改; 长期整改/持续整改 are in progress on the long-term
    track; 阶段性完成 is in progress) and the labels and codes of both
    languages. ValueError for a word it does not know.
    """
    text = _cell_text(value)
    if text is None:
        return None, None
    folded = _fold(text).strip("。.，,；;")
    codes = _enum_words("status", (s.value for s in Status))
    if folded in codes:
        return Status(codes[folded]), None
    if folded in STATUS_WORDS:
        return STATUS_WORDS[folded]
    # Longer phrases ("已完成整改，长期坚持"): the strongest word they contain decides.
    if "销号" in folded:
        return Status.CLOSED, None
    if "不予整改" in folded:
        return Status.DISMISSED, None
    if any(w in folded for w in ("长期", "持续", "常态")):
        return Status.IN_PROGRESS, Track.LONG_TERM
    if any(w in folded for w in ("阶段性", "部分", "基本", "推进", "整改中", "正在")):
        return Status.IN_PROGRESS, None
    if folded.startswith(("未", "尚未", "待")):
        return Status.OPEN, None
    if any(w in folded for w in ("已整改", "已完成", "整改完成", "办结")):
        return Status.RECTIFIED, None
    raise ValueError(value)


SOURCE_KEYWORDS: tuple[tuple[Source, tuple[str, ...]], ...] = (
    (Source.PROVINCE, ("交办", "上级", "省")),
    (Source.DELIBERATION, ("审议",)),
    (Source.DEPUTY, ("代表", "建议")),
    (Source.INSPECTION, ("调研", "检查", "视察", "督查", "巡察", "暗访", "发现")),
)


def parse_source(value: Value) -> Source:
    """A source cell: a label or code, else by keyword (交办 -> province ...), else other."""
    text = _cell_text(value)
    if text is None:
        return Source.OTHER
    folded = _fold(text)
    codes = _enum_words("source", (s.value for s in Source))
    if folded in codes:
        return Source(codes[folded])
    for source, words in SOURCE_KEYWORDS:
        if any(word in folded for word in words):
            return source
    return Source.OTHER


def parse_track(value: Value) -> Track:
    """A track cell: a label or code, 立行立改/立即, 长期/持续, 限期; ValueError otherwise."""
    text = _cell_text(value)
    if text is None:
        raise ValueError(value)
    folded = _fold(text)
    codes = _enum_words("track", (k.value for k in Track))
    if folded in codes:
        return Track(codes[folded])
    if any(w in folded for w in ("立行立改", "立即", "即知即改")):
        return Track.IMMEDIATE
    if folded.startswith(LONG_TERM_WORDS) or "长期" in folded or "持续" in folded:
        return Track.LONG_TERM
    if "限期" in folded:
        return Track.SCHEDULED
    raise ValueError(value)


_UNIT_SPLIT = re.compile(r"[、,，;；/\n]+")


def split_units(value: Value) -> list[str]:
    """A co-units cell as unit names: 市民政局、市财政局 -> two units."""
    text = _cell_text(value)
    if text is None:
        return []
    return list(dict.fromkeys(u.strip() for u in _UNIT_SPLIT.split(text) if u.strip()))


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
            setattr(data, key, parse_date(value, year=ctx.year, not_before=ctx.not_before))
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
            data.deadline = parse_date(deadline, year=ctx.year, not_before=ctx.not_before)
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
    if any(_fold(text) in TOTAL_WORDS for text in texts[:3]):
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


# --- planning an import ------------------------------------------------------------------


LONG_TERM_DEADLINE = "long_term_deadline"  # a Default's field: 长期坚持 read as the year's end


@dataclass(frozen=True, slots=True)
class Default:
    """A value the sheet did not give, and what the import put instead."""

    row: int
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class Added:
    """A row that becomes a new issue."""

    row: int
    issue: Issue


@dataclass(frozen=True, slots=True)
class Matched:
    """A row naming an issue the ledger (or an earlier row) already has, and what differs."""

    row: int
    issue_id: str
    by: Literal["id", "title"]
    changes: tuple[str, ...]  # column keys the sheet would change with --update
    updated: bool
    earlier_row: int | None = None  # a repeat of an earlier row of the same sheet
    conflict: Reason | None = None  # a status the update leaves alone, and why


@dataclass
class ImportPlan:
    """What importing a sheet into a ledger does: rows added, matched, bad and skipped.

    ``ledger`` is the ledger as it would be written (the bad rows left out).
    """

    sheet: str
    header: Header
    ledger: Ledger
    added: list[Added] = field(default_factory=list)
    matched: list[Matched] = field(default_factory=list)
    bad: dict[int, list[Reason]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    defaults: list[Default] = field(default_factory=list)

    @property
    def updated(self) -> list[Matched]:
        """The matched rows whose issue the import changes."""
        return [m for m in self.matched if m.updated and m.changes]

    @property
    def changed(self) -> bool:
        """Whether the ledger would change."""
        return bool(self.added or self.updated)


def _norm(text: str) -> str:
    """A title or unit as matched: full-width folded, blanks dropped, case folded."""
    return _fold(text)


def _title_key(title: str, lead_unit: str) -> tuple[str, str]:
    return (_norm(title), _norm(lead_unit))


@dataclass
class _Builder:
    """Builds issues from rows with the ledger's defaults, noting every default it fills in."""

    ledger: Ledger
    as_of: dt.date
    defaults: list[Default] = field(default_factory=list)

    def default(self, row: int, name: str, value: object) -> Any:
        self.defaults.append(Default(row, name, str(value)))
        return value

    def issue(self, data: RowData, issue_id: str) -> Issue:
        """A new issue from a row; RowError when the row contradicts itself."""
        completion = data.completion
        status = data.status
        if status is None and completion == 100:
            status = Status.RECTIFIED  # a blank status at 100 % is done
        elif status in (None, Status.OPEN):
            status = Status.IN_PROGRESS if completion else Status.OPEN
        if status in _DONE:
            if completion is None:
                completion = 100.0
            elif completion != 100:
                reason = {"status": status, "completion": _show(completion)}
                raise RowError([Reason("import.done_not_100", reason)])
        completion = completion or 0.0
        if data.long_term_deadline:
            self.default(data.row, LONG_TERM_DEADLINE, data.deadline)
        values: dict[str, Any] = {
            "id": issue_id,
            "title": data.title,
            "description": data.description,
            "source": data.source,
            "track": data.track,
            "lead_unit": data.lead_unit,
            "co_units": [u for u in data.co_units or [] if u != data.lead_unit],
            "owner": data.owner,
            "assigned_on": data.assigned_on
            if data.assigned_on != self.ledger.ledger.assigned_on
            else None,
            "deadline": data.deadline,
            "planned_on": data.planned_on,
            "measures": data.measures,
            "status": status,
            "completion": completion,
        }
        if status in _DONE:
            values["rectified_on"] = data.rectified_on or self.default(
                data.row, "rectified_on", data.progress_date or self.as_of
            )
        if status is Status.CLOSED:
            by = data.verified_by or self.ledger.ledger.supervisor
            if by is None:
                raise RowError([Reason("import.closed_without_by", {})])
            if data.verified_by is None:
                self.default(data.row, "verified_by", by)
            on = data.verified_on or self.default(data.row, "verified_on", values["rectified_on"])
            values["verification"] = {"by": by, "date": on}
        if status is Status.DISMISSED:
            if data.reason is None:
                raise RowError([Reason("import.dismissed_without_reason", {})])
            values["reason"] = data.reason
            values["dismissed_on"] = data.dismissed_on or self.default(
                data.row, "dismissed_on", self.as_of
            )
        if data.progress is not None or data.progress_date is not None:
            on = data.progress_date
            if on is None:
                on = values.get("rectified_on") or self.default(
                    data.row, "progress_date", self.as_of
                )
            entry: dict[str, Any] = {"date": on, "completion": completion}
            if data.progress is not None:
                entry["note"] = data.progress
            values["progress"] = [entry]
        if data.note is not None:
            values["extensions"] = {NOTE_KEY: data.note}
        return Issue.model_validate({k: v for k, v in values.items() if v is not None})


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _same_text(a: str | None, b: str | None) -> bool:
    return (a or "").strip() == (b or "").strip()


def update_issue(
    ledger: Ledger,
    issue_id: str,
    data: RowData,
    *,
    as_of: dt.date,
    by_id: bool,
    reason: str,
) -> tuple[Issue, tuple[str, ...], Reason | None]:
    """One issue of a ledger brought up to date with a row, what changed, and any conflict.

    Descriptive fields the row fills in are copied (the title and lead unit
    only when matched by id, as they are the match otherwise). Progress is
    appended through rectify.ops, so the history stays append-only: a new
    completion or note becomes a progress entry dated the row's progress
    date (else ``as_of``); 已整改/已销号/不予整改 go through done, close and
    dismiss; a new deadline of an unfinished issue is a deadline change
    dated ``as_of`` with ``reason``. A sheet saying an issue is less far
    along than the ledger changes nothing and is returned as a conflict.
    Raises DataError when ops refuses a change (a date before the last entry).
    """
    original = next(i for i in ledger.issues if i.id == issue_id)
    # Changed on a copy holding this issue alone, so a long ledger is not copied for each row.
    new = ledger.model_copy(update={"issues": [original.model_copy(deep=True)]})
    issue = new.issues[0]
    changes: list[str] = []
    plain = ["description", "owner", "measures"] + (["title", "lead_unit"] if by_id else [])
    for key in plain:
        value = getattr(data, key)
        if value is not None and not _same_text(getattr(issue, key), value):
            setattr(issue, key, value)
            changes.append(key)
    if data.planned_on is not None and data.planned_on != issue.planned_on:
        issue.planned_on = data.planned_on
        changes.append("planned_on")
    if data.source is not None and data.source is not issue.source:
        issue.source = data.source
        changes.append("source")
    if data.track is not None and data.track is not issue.track:
        issue.track = data.track
        changes.append("track")
    if data.co_units is not None:
        units = [u for u in data.co_units if u != issue.lead_unit]
        if units != issue.co_units:
            issue.co_units = units
            changes.append("co_units")
    if data.note is not None and not _same_text(
        str(issue.extensions.get(NOTE_KEY) or ""), data.note
    ):
        issue.extensions[NOTE_KEY] = data.note
        changes.append("note")
    if (
        data.deadline is not None
        and not data.long_term_deadline
        and data.deadline != issue.deadline
        and issue.status in _ACTIVE
    ):
        new = ops.extend(new, issue_id, on=as_of, to=data.deadline, reason=reason)
        changes.append("deadline")
    new, more, conflict = _update_progress(new, issue_id, data, as_of=as_of)
    return new.issues[0], (*changes, *more), conflict


def _update_progress(
    ledger: Ledger, issue_id: str, data: RowData, *, as_of: dt.date
) -> tuple[Ledger, tuple[str, ...], Reason | None]:
    """Progress, completion and status of one issue brought up to the row's, through ops."""
    issue = next(i for i in ledger.issues if i.id == issue_id)
    wanted = data.status
    if wanted is None and data.completion is not None:
        wanted = Status.RECTIFIED if data.completion == 100 else None
    on = data.progress_date or as_of
    note = data.progress
    conflict = Reason(
        "import.status_conflict",
        {"sheet": wanted or Status.IN_PROGRESS, "ledger": issue.status},
    )
    if issue.status in _ACTIVE:
        if wanted in _DONE:
            rectified = data.rectified_on or on
            ledger = ops.mark_done(ledger, issue_id, on=rectified, note=note)
            changes: tuple[str, ...] = ("status",)
            if wanted is Status.CLOSED:
                by = data.verified_by or ledger.ledger.supervisor
                if by is None:
                    raise DataError("import.closed_without_by")
                ledger = ops.close(ledger, issue_id, by=by, on=data.verified_on or rectified)
            return ledger, changes, None
        if wanted is Status.DISMISSED:
            if data.reason is None:
                raise DataError("import.dismissed_without_reason")
            return (
                ops.dismiss(ledger, issue_id, on=data.dismissed_on or as_of, reason=data.reason),
                ("status",),
                None,
            )
        latest = issue.progress[-1] if issue.progress else None
        completion = data.completion if data.completion is not None else issue.completion
        new_note = note is not None and not _same_text(latest.note if latest else None, note)
        if (completion != issue.completion or new_note) and latest and on < latest.date:
            # A sheet reporting before the ledger's last entry is older than the ledger.
            return ledger, (), Reason("import.sheet_older", {"date": on, "last": latest.date})
        changed = [k for k, differs in (("completion", completion != issue.completion),
                                       ("progress", new_note)) if differs]  # fmt: skip
        if changed:
            ledger = ops.update_progress(ledger, issue_id, on=on, completion=completion, note=note)
        return ledger, tuple(changed), None
    if issue.status is Status.RECTIFIED and wanted is Status.CLOSED:
        by = data.verified_by or ledger.ledger.supervisor
        if by is None:
            raise DataError("import.closed_without_by")
        when = data.verified_on or max(on, issue.rectified_on or on)
        return ops.close(ledger, issue_id, by=by, on=when), ("status",), None
    behind = {
        Status.RECTIFIED: (Status.OPEN, Status.IN_PROGRESS, Status.DISMISSED),
        Status.CLOSED: (Status.OPEN, Status.IN_PROGRESS, Status.RECTIFIED, Status.DISMISSED),
        Status.DISMISSED: (Status.OPEN, Status.IN_PROGRESS, Status.RECTIFIED, Status.CLOSED),
    }[issue.status]
    stated = data.status is not None or data.completion is not None
    if stated and (wanted in behind or (wanted is None and data.completion != 100)):
        return ledger, (), conflict
    return ledger, (), None


def ledger_problems(ledger: Ledger, *, as_of: dt.date, name: str = "<import>") -> list[Problem]:
    """The errors `rectify check` would report in a ledger held in memory."""
    doc = Document(path=Path(name), text="", data=ledger_to_data(ledger))
    _, problems = check_document(doc, as_of=as_of)
    return [p for p in problems if p.severity is Severity.ERROR]


def plan_import(
    sheet: Sheet,
    ledger: Ledger,
    *,
    as_of: dt.date,
    mapping: Mapping[str, str] | None = None,
    id_width: int = 3,
    update: bool = False,
    reason: str | None = None,
    units: Sequence[str] = (),
) -> ImportPlan:
    """What importing ``sheet`` into ``ledger`` does, without writing anything.

    Rows naming an issue the ledger has (by id when the row has one, else by
    title and lead unit) are matched, never added twice; with ``update`` they
    bring that issue up to date (see :func:`update_issue`; ``reason`` is the
    reason given for deadline changes, by default naming the sheet). Other
    rows become new issues at the end, keeping the sheet's id when it has
    one, else numbered PREFIX-NNN after the highest id. Every new or changed
    issue is checked with the rules of `rectify check`; a row failing them is
    bad and left out of ``ledger``. With ``units`` (the known units, 单位名录),
    a row naming another unit is bad.
    """
    year = (ledger.ledger.assigned_on or as_of).year
    read = read_sheet_rows(sheet, year=year, not_before=ledger.ledger.assigned_on, mapping=mapping)
    planner = _Planner(
        plan=ImportPlan(sheet=sheet.name, header=read.header, ledger=ledger, skipped=read.skipped),
        builder=_Builder(ledger, as_of),
        result=ledger.model_copy(deep=True),
        as_of=as_of,
        update=update,
        reason=reason or t("import.extend_reason", "zh", file=sheet.name),
        units=units,
    )
    planner.plan.bad.update(read.bad)
    for data in read.rows:
        planner.take(data)
    return planner.finish(id_width)


@dataclass
class _Planner:
    """Goes through the rows of a sheet once, matching, adding and updating issues."""

    plan: ImportPlan
    builder: _Builder
    result: Ledger  # the ledger as it will be written
    as_of: dt.date
    update: bool
    reason: str
    units: Sequence[str]
    pending: list[tuple[RowData, Issue]] = field(default_factory=list)  # new issues
    first_rows: dict[str | tuple[str, str], int] = field(default_factory=dict)
    repeats: list[tuple[RowData, int]] = field(default_factory=list)
    update_rows: dict[str, int] = field(default_factory=dict)  # issue id -> row updating it
    by_id: dict[str, Issue] = field(init=False)
    by_title: dict[tuple[str, str], Issue] = field(init=False)
    index: dict[str, int] = field(init=False)  # issue id -> its place in the ledger

    def __post_init__(self) -> None:
        issues = self.plan.ledger.issues
        self.by_id = {issue.id: issue for issue in issues}
        self.index = {issue.id: i for i, issue in enumerate(issues)}
        self.by_title = {_title_key(i.title, i.lead_unit): i for i in reversed(issues)}

    def existing(self, data: RowData) -> Issue | None:
        """The issue a row names: by its id when it has one, else by title and lead unit."""
        if data.id:
            return self.by_id.get(data.id)
        return self.by_title.get(_title_key(data.title or "", data.lead_unit or ""))

    def take(self, data: RowData) -> None:
        """One good row: a match of an existing issue, a repeat of an earlier row, or new."""
        existing = self.existing(data)
        key: str | tuple[str, str] = data.id or _title_key(data.title or "", data.lead_unit or "")
        if existing is not None:
            self.match(data, existing)
        elif key in self.first_rows:
            self.repeats.append((data, self.first_rows[key]))
        else:
            self.add(data, key)

    def match(self, data: RowData, existing: Issue) -> None:
        """A row naming an existing issue: what it would change, changed with ``update``."""
        index = self.index[existing.id]
        try:
            changed, changes, conflict = update_issue(
                self.result,
                existing.id,
                data,
                as_of=self.as_of,
                by_id=bool(data.id),
                reason=self.reason,
            )
        except RectifyError as exc:
            if self.update:
                self.plan.bad[data.row] = [Reason(exc.key, dict(exc.params))]
                return
            changed, changes, conflict = (
                self.result.issues[index],
                (),
                Reason(exc.key, dict(exc.params)),
            )
        if self.update and changes:
            unknown = _unknown_units(changed, self.units, before=existing)
            if unknown:
                self.plan.bad[data.row] = unknown
                return
            self.result.issues[index] = changed
            self.update_rows[existing.id] = data.row
        self.plan.matched.append(
            Matched(
                row=data.row,
                issue_id=existing.id,
                by="id" if data.id else "title",
                changes=changes,
                updated=self.update and bool(changes),
                conflict=conflict,
            )
        )

    def add(self, data: RowData, key: str | tuple[str, str]) -> None:
        """A row that becomes a new issue (numbered when all rows are in)."""
        try:
            issue = self.builder.issue(data, data.id or "?")
        except RowError as exc:
            self.plan.bad[data.row] = exc.reasons
            return
        unknown = _unknown_units(issue, self.units)
        if unknown:
            self.plan.bad[data.row] = unknown
            return
        self.pending.append((data, issue))
        self.first_rows[key] = data.row

    def finish(self, id_width: int) -> ImportPlan:
        """Number the new issues, check every new or changed one, and settle the plan."""
        plan = self.plan
        _number_new(self.result, self.pending, id_width)
        new_rows = {issue.id: data.row for data, issue in self.pending}
        self.result.issues.extend(issue for _, issue in self.pending)
        failing = _rows_failing_check(self.result, new_rows | self.update_rows, self.as_of)
        if failing:
            plan.bad.update(failing)
            originals = {i.id: i for i in plan.ledger.issues}
            self.result.issues = [
                originals[i.id] if self.update_rows.get(i.id) in failing else i
                for i in self.result.issues
                if new_rows.get(i.id) not in failing
            ]
            plan.matched = [m for m in plan.matched if not (m.updated and m.row in failing)]
        id_of_row = {row: issue_id for issue_id, row in new_rows.items()}
        for data, earlier in self.repeats:
            if earlier in failing:
                plan.bad[data.row] = [Reason("import.repeat_of_bad", {"earlier": earlier})]
                continue
            plan.matched.append(
                Matched(
                    row=data.row,
                    issue_id=id_of_row[earlier],
                    by="id" if data.id else "title",
                    changes=(),
                    updated=False,
                    earlier_row=earlier,
                )
            )
        plan.matched.sort(key=lambda m: m.row)
        plan.added = [
            Added(row, issue)
            for _, issue in self.pending
            if (row := new_rows[issue.id]) not in failing
        ]
        plan.defaults = [d for d in self.builder.defaults if d.row not in plan.bad]
        plan.bad = dict(sorted(plan.bad.items()))
        plan.ledger = self.result
        return plan


def _unknown_units(
    issue: Issue, known: Sequence[str], *, before: Issue | None = None
) -> list[Reason]:
    """Reasons for each unit an issue gains that is not a known unit; none without a list."""
    if not known:
        return []
    had = [before.lead_unit, *before.co_units] if before is not None else []
    reasons: list[Reason] = []
    for unit in ops.new_units([issue.lead_unit, *issue.co_units], [*known, *had]):
        close = ops.suggest(unit, known)
        if close:
            reasons.append(
                Reason(
                    "import.unknown_unit.suggest", {"unit": unit, "suggestion": "、".join(close)}
                )
            )
        else:
            reasons.append(Reason("import.unknown_unit", {"unit": unit}))
    return reasons


def _number_new(ledger: Ledger, pending: list[tuple[RowData, Issue]], width: int) -> None:
    """Give the new issues without an id of their own the next free ids, in row order.

    The first is ``ops.next_id`` of the ledger with the sheet's own ids in it;
    the others follow it one by one.
    """
    if all(data.id for data, _ in pending):
        return
    scratch = ledger.model_copy(update={"issues": [*ledger.issues]})
    scratch.issues.extend(issue for data, issue in pending if data.id)
    prefix, _, first = ops.next_id(scratch, width=width).rpartition("-")
    numbers = iter(range(int(first), int(first) + len(pending)))
    for index, (data, issue) in enumerate(pending):
        if not data.id:
            new_id = f"{prefix}-{next(numbers):0{width}d}"
            pending[index] = (data, issue.model_copy(update={"id": new_id}))


def _rows_failing_check(
    ledger: Ledger, rows: Mapping[str, int], as_of: dt.date
) -> dict[int, list[Reason]]:
    """The rows whose new or changed issue breaks a rule of the format, with the reasons."""
    failing: dict[int, list[Reason]] = {}
    for problem in ledger_problems(ledger, as_of=as_of):
        row = rows.get(problem.issue_id or "")
        if row is None:
            raise DataError("import.check_failed", detail=problem.message("en"))
        failing.setdefault(row, []).append(Reason(problem.key, dict(problem.params)))
    return failing


# --- describing a plan --------------------------------------------------------------------------


def describe_plan(plan: ImportPlan, lang: Lang, *, update: bool) -> list[str]:
    """The lines telling a user what an import adds, matches, skips and cannot read."""
    lines = [
        t(
            "import.read",
            lang,
            sheet=plan.sheet,
            row=plan.header.row,
            columns=len(plan.header.keys),
        )
    ]
    if plan.header.ignored:
        lines.append(t("import.ignored_columns", lang, columns=_join(plan.header.ignored, lang)))
    for skipped in plan.skipped:
        lines.append(t("import.skipped", lang, row=skipped.row, text=_short(skipped.text)))
    if plan.added:
        lines.append(t("import.will_add", lang, count=len(plan.added)))
        for added in plan.added:
            issue = added.issue
            lines.append(
                t(
                    "import.added_row",
                    lang,
                    row=added.row,
                    id=issue.id,
                    title=_short(issue.title),
                    unit=issue.lead_unit,
                    deadline=issue.deadline,
                    status=label("status", issue.status, lang),
                    completion=_show(issue.completion),
                )
            )
    if plan.matched:
        lines.append(t("import.matched" if update else "import.matched_no_update", lang))
        for match in plan.matched:
            lines.append(_match_line(match, lang, update=update))
    for (name, value), rows in _grouped_defaults(plan.defaults).items():
        key = "import.defaulted_long_term" if name == LONG_TERM_DEADLINE else "import.defaulted"
        field_name = column_label("deadline" if name == LONG_TERM_DEADLINE else name, lang)
        lines.append(
            t(
                key,
                lang,
                count=len(rows),
                field=field_name,
                value=value,
                rows=_rows_text(rows, lang),
            )
        )
    if plan.bad:
        lines.append(t("import.bad_rows", lang, count=len(plan.bad)))
        for row, reasons in plan.bad.items():
            text = t("import.reason_sep", lang).join(r.text(lang) for r in reasons)
            lines.append(t("import.bad_row", lang, row=row, reason=text))
    return lines


def _match_line(match: Matched, lang: Lang, *, update: bool) -> str:
    """One matching row: the issue it names, what differs, and any conflict."""
    if match.earlier_row is not None:
        return t(
            "import.repeat_row", lang, row=match.row, earlier=match.earlier_row, id=match.issue_id
        )
    if match.changes:
        fields = _join([column_label(k, lang) for k in match.changes], lang)
        key = "import.match_updated" if update else "import.match_differs"
        text = t(key, lang, row=match.row, id=match.issue_id, fields=fields)
    else:
        text = t("import.match_same", lang, row=match.row, id=match.issue_id)
    if match.conflict is not None:
        text += t("import.reason_sep", lang) + match.conflict.text(lang)
    return text


def _grouped_defaults(defaults: Iterable[Default]) -> dict[tuple[str, str], list[int]]:
    """The rows of each default filled in, by field and value."""
    grouped: dict[tuple[str, str], list[int]] = {}
    for default in defaults:
        grouped.setdefault((default.field, default.value), []).append(default.row)
    return grouped


def _join(words: Sequence[str], lang: Lang) -> str:
    """Words as a list in running text: 甲、乙 / a, b."""
    return ("、" if lang == "zh" else ", ").join(words)


def _rows_text(rows: Sequence[int], lang: Lang, limit: int = 10) -> str:
    """Row numbers, the first ``limit`` of them."""
    shown = _join([str(r) for r in rows[:limit]], lang)
    return shown + ("…" if len(rows) > limit else "")


def _short(text: str, limit: int = 30) -> str:
    """Text on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def summary(plan: ImportPlan, lang: Lang, *, dry_run: bool) -> str:
    """The last line of an import: how many rows were added, matched, updated, bad."""
    key = "import.summary_dry" if dry_run else "import.summary"
    return t(
        key,
        lang,
        added=len(plan.added),
        matched=len(plan.matched),
        updated=len(plan.updated),
        bad=len(plan.bad),
    )
