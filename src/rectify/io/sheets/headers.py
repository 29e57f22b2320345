"""Reading the header of an office sheet."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from rectify.errors import DataError, UsageError
from rectify.i18n import LANGS
from rectify.io.sheets.cells import Row, Sheet, Value, _cell_text
from rectify.io.sheets.export import COLUMNS, column_label

# --- reading headers -------------------------------------------------------------------------

IGNORE = "ignore"
SEQ = "seq"
# Keys a column can be read as (``--map 列名=key``); export-only columns are read and ignored.
# 整改目标 and 问题类别: the format's target and category (the export may not carry them yet).
OFFICE_KEYS: tuple[str, ...] = tuple(k for k in ("target", "category") if k not in COLUMNS)
IMPORT_KEYS: tuple[str, ...] = (*COLUMNS, *OFFICE_KEYS, SEQ, IGNORE)
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
    "target": ("整改目标", "目标", "整改要求", "目标要求", "target"),
    "category": ("问题类别", "问题类型", "问题分类", "类别", "分类", "领域", "category"),
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
    for key in (*COLUMNS, *OFFICE_KEYS):
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
    unit: str | None = None  # no unit column: every row's lead unit is the sheet's name


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
    unit = None
    if "lead_unit" not in keys.values() and unit_sheet_name(sheet.name):
        unit = sheet.name.strip()  # one sheet per unit, with no unit column
    missing = [key for key in REQUIRED if key not in keys.values()]
    if unit is not None:
        missing.remove("lead_unit")
    if missing:
        raise DataError(
            "import.missing_columns",
            sheet=sheet.name,
            row=at + 1,
            columns="、".join(column_label(k, "zh") for k in missing),
            keys=", ".join(missing),
        )
    return Header(
        row=at + (2 if two_rows else 1), keys=keys, names=names, ignored=ignored, unit=unit
    )


_NOT_A_UNIT = re.compile(
    r"^(?:sheet|工作表|表|页)\s*\d*$|台账|清单|汇总|统计|明细|问题|整改|说明|目录|封面|模板|附件|附表|\d{4}",
    re.IGNORECASE,
)


_UNIT_ENDING = re.compile(
    r"(?:局|委|办|院|厅|府|中心|公司|集团|部|处|科|所|站|会|队|街道|镇|乡|县|区|学校|室|组|社|馆)$"
)


def unit_sheet_name(name: str) -> bool:
    """Whether a sheet's name is a unit's (市民政局, 陕州区), not a table's (Sheet1, 问题清单)."""
    name = name.strip()
    return _UNIT_ENDING.search(name) is not None and _NOT_A_UNIT.search(name) is None


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
    """The header cells, taking the sub-headers from the row below where a group header stands.

    The row below is a sub-header row when, under a group header (one merged
    across columns, so repeated, or written once over blank cells), it names
    recognised columns. Then every recognised header in it replaces the one
    above, even when the group's name is itself a column name (责任单位 over
    牵头单位 | 配合单位; 整改情况 over 完成进度 | 整改状态). Also whether it
    was, so that the data starts a row lower.
    """
    width = max(len(top), len(below))
    cells: Row = [top[i] if i < len(top) else None for i in range(width)]
    under = [below[i] if i < len(below) else None for i in range(width)]

    def grouped(i: int) -> bool:
        repeated = any(
            _cell_text(cells[j]) == _cell_text(cells[i]) for j in (i - 1, i + 1) if 0 <= j < width
        )
        beside_blank = i + 1 < width and cells[i + 1] is None and under[i + 1] is not None
        return _key_of(cells[i], mapping) is None or repeated or beside_blank

    subs = [
        i
        for i in range(width)
        if under[i] is not None
        and _cell_text(under[i]) != _cell_text(cells[i])
        and _key_of(under[i], mapping) is not None
    ]
    if not any(grouped(i) for i in subs):
        return cells, False
    for i in subs:
        cells[i] = under[i]
    return cells, True


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


# The words before the date a sheet's title rows give as its own ("截至2024年11月30日").
SHEET_DATE_WORDS = ("填报日期", "报送日期", "统计日期", "截至", "截止", "as of")
_SHEET_DATE = re.compile(
    r"(?:" + "|".join(re.escape(w) for w in SHEET_DATE_WORDS) + r")\s*[：:]?\s*"
    r"(\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?|\d{4}\s*年\s*\d{1,2}\s*月底?)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SheetDate:
    """The date a sheet gives as its own, and the title text it was read from."""

    date: dt.date
    text: str


def sheet_date(sheet: Sheet, header: Header) -> SheetDate | None:
    """The date in the title rows above the header (填报日期：…, 截至…); None when none gives one.

    What a sheet reports (progress, rectification) happened by that date: an
    import dates it so, never later.
    """
    from rectify.dates import parse_date

    for row in sheet.rows[: max(header.row - 1, 0)]:
        for value in row:
            text = _cell_text(value)
            found = _SHEET_DATE.search(text) if text else None
            if found is None:
                continue
            try:
                day = parse_date(re.sub(r"\s+", "", found.group(1)), today=dt.date.max)
            except ValueError:
                continue
            return SheetDate(day, found.group(0).strip())
    return None
