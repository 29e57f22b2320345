"""Cell values of office sheets."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from rectify import dates
from rectify.i18n import LANGS, label
from rectify.model import Source, Status, Track
from rectify.text import fold

# --- cell values -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Percent:
    """A number the sheet shows as a percentage: 0.744 shown as 74.4%."""

    value: float


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


# --- reading values ------------------------------------------------------------------------


_SERIAL_MIN = 18264  # 1950-01-01: plain numbers below this are not dates
_SERIAL_MAX = 73051  # 2099-12-31
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
LONG_TERM_WORDS = ("长期", "持续", "常态", "long-term", "longterm", "ongoing")


def excel_serial(value: float) -> dt.date:
    """The day an Excel serial number stands for (1900 date system): 45657 is 2024-12-31."""
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))


def date_cell(value: Value, *, year: int, not_before: dt.date | None = None) -> dt.date:
    """A date cell as offices keep it; ValueError when it is none of the forms.

    Date cells, Excel serial numbers (also as text) and 20241231 as a number;
    text goes through :func:`rectify.dates.parse_date`, the one date parser,
    with ``year`` for a month written without one. "Today" is no date in a sheet.
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
        if float(value).is_integer():
            return _text_date(str(int(value)), year, not_before)
        return _year_month_number(float(value))
    text = fold(value)
    if _SERIAL.match(text) and _SERIAL_MIN <= float(text) <= _SERIAL_MAX:
        return excel_serial(float(text))
    return _text_date(value, year, not_before)


class AmbiguousMonth(ValueError):
    """2024.1: 2024.10 typed into Excel, kept as the number 2024.1 (October or January?)."""


def _year_month_number(value: float) -> dt.date:
    """2024.12 typed into Excel and kept as a number: the end of that month.

    2024.1 is refused (AmbiguousMonth): Excel drops the 0 of 2024.10.
    """
    whole, _, digits = repr(value).partition(".")
    if not 1990 <= int(whole) <= 2100 or len(digits) > 2 or not 1 <= int(digits) <= 12:
        raise ValueError(value)
    if digits == "1":
        raise AmbiguousMonth(value)
    month = int(digits)
    after = dt.date(int(whole) + month // 12, month % 12 + 1, 1)
    return after - dt.timedelta(days=1)


def _text_date(text: str, year: int, not_before: dt.date | None) -> dt.date:
    if fold(text) in dates.TODAY_WORDS:
        raise ValueError(text)
    return dates.parse_date(text, today=dt.date(year, 1, 1), year=year, not_before=not_before)


def is_long_term(value: Value) -> bool:
    """Whether a deadline or status cell says the work goes on (长期坚持, 持续整改)."""
    text = _cell_text(value)
    return text is not None and fold(text).startswith(LONG_TERM_WORDS)


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
            return Decimal(fold(value))
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
    elif isinstance(value, str) and fold(value).endswith("%"):
        try:
            number = Decimal(fold(value).rstrip("%"))
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
        words[fold(code)] = code
        words[fold(code.replace("_", " "))] = code
        for lang in LANGS:
            words[fold(label(kind, code, lang))] = code
    return words


# Status words, folded: (status, track or None). 未整改 with a completion above 0 is in progress.
STATUS_WORDS: dict[str, tuple[Status | None, Track | None]] = {
    **{
        fold(w): (Status.RECTIFIED, None)
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
        fold(w): (Status.IN_PROGRESS, None)
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
        fold(w): (Status.OPEN, None)
        for w in ("未整改", "未启动", "未开始", "尚未整改", "尚未启动", "待整改")
    },
    **{fold(w): (Status.OPEN, None) for w in ("未完成", "尚未完成")},
    **{fold(w): (Status.CLOSED, None) for w in ("已销号", "销号", "已验收销号", "验收销号")},
    **{fold(w): (Status.DISMISSED, None) for w in ("不予整改", "不整改")},
    **{
        fold(w): (Status.IN_PROGRESS, Track.LONG_TERM)
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
    folded = fold(text).strip("。.，,；;")
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
    folded = fold(text)
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
    folded = fold(text)
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


_OPENING = "(（[【〔"
_CLOSING = ")）]】〕"
_CLAUSE_SEPS = "，,；;\n"
_ITEM_SEPS = "、/／"
LEAD_MARKERS = ("牵头", "主责", "负责")
CO_MARKERS = ("配合", "协办", "协助", "参与", "协同")
_LABELLED = re.compile(r"^(?:牵头|主责|责任|配合|协办|协助|参与)(?:单位|部门)\s*[:：]\s*")
_MARKED = re.compile(
    r"^(?P<name>.*?)\s*(?P<open>[(（\[【〔])?\s*(?P<role>"
    + "|".join(LEAD_MARKERS + CO_MARKERS)
    + r")(?:单位|部门)?\s*(?(open)[)）\]】〕])$"
)


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    """Text split at separators that stand outside brackets: 各县（市、区）政府 stays whole."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        elif char in separators and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _role(part: str) -> tuple[str, str | None]:
    """A unit's name and the role its marker gives ("lead", "co"), or None without one."""
    labelled = _LABELLED.match(part)
    role: str | None = None
    if labelled:
        word = labelled.group(0)
        role = "co" if any(m in word for m in CO_MARKERS) else "lead"
        part = part[labelled.end() :]
    marked = _MARKED.match(part)
    if marked and marked.group("name"):
        role = "co" if marked.group("role") in CO_MARKERS else "lead"
        part = marked.group("name")
    return part.strip(), role


def parse_units(value: Value) -> tuple[str | None, list[str]]:
    """A unit cell naming one or several units, as (lead unit, co-units).

    Units are split at 、，；/ and line breaks outside brackets (各县（市、区）政府
    is one unit); 牵头 marks the lead (市卫健委（牵头）, 市卫健委牵头), 配合/协办
    co-units ("…牵头，市民政局、市医保局配合": the marker ends a clause and
    covers its units). Without a lead marker the first unit named leads.
    """
    text = _cell_text(value)
    if text is None:
        return None, []
    named: list[tuple[str, str | None]] = []
    for clause in _split_outside_brackets(text, _CLAUSE_SEPS):
        clause_name, clause_role = _role(clause)
        items = [_role(item) for item in _split_outside_brackets(clause_name, _ITEM_SEPS)]
        # A marker ending the clause covers its units, unless they carry markers of their own
        # (then it is the last unit's): "甲、乙配合"; "甲（配合）、乙牵头".
        own = any(role for _, role in items)
        for index, (name, role) in enumerate(items):
            if name:
                covered = not own or index == len(items) - 1
                named.append((name, role or (clause_role if covered else None)))
    if not named:
        return None, []
    lead = next((n for n, r in named if r == "lead"), None)
    if lead is None:
        lead = next((n for n, r in named if r is None), named[0][0])
    co = [n for n, _ in named if n != lead]
    return lead, list(dict.fromkeys(co))


def split_units(value: Value) -> list[str]:
    """A co-units cell as unit names: 市民政局、市财政局 -> two units; brackets kept whole."""
    text = _cell_text(value)
    if text is None:
        return []
    names = [
        _role(item)[0]
        for clause in _split_outside_brackets(text, _CLAUSE_SEPS)
        for item in _split_outside_brackets(_role(clause)[0], _ITEM_SEPS)
    ]
    return list(dict.fromkeys(n for n in names if n))


IMMEDIATE_WORDS = (
    "立行立改",
    "即知即改",
    "立即整改",
    "立查立改",
    "立知立改",
    "马上就改",
    "即查即改",
)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline cell read: a date (None: none given), and what its words say of the track."""

    date: dt.date | None
    track: Track | None = None
    immediate: bool = False  # 立行立改 and no date: due when handed over
    long_term: bool = False  # 长期坚持 and no date: due at the year's end


def parse_deadline(value: Value, *, year: int, not_before: dt.date | None = None) -> Deadline:
    """A 整改时限 cell as offices write it; ValueError (AmbiguousMonth) when it says no date.

    A date in any form :func:`date_cell` reads; 立行立改 / 即知即改 (the
    immediate track, no date of its own); 长期坚持 alone (long-term, no date);
    and a date with words after it ("2024年12月底前，长期坚持": that date, on
    the long-term track).
    """
    try:
        return Deadline(date_cell(value, year=year, not_before=not_before))
    except AmbiguousMonth:
        raise
    except ValueError:
        if not isinstance(value, str):
            raise
    text = fold(value)
    long_term = text.startswith(LONG_TERM_WORDS) or any(w in text for w in ("长期", "持续", "常态"))
    immediate = any(w in text for w in IMMEDIATE_WORDS)
    day: dt.date | None = None
    for clause in _split_outside_brackets(value, _CLAUSE_SEPS + "、"):
        try:
            day = date_cell(clause, year=year, not_before=not_before)
            break
        except ValueError:
            continue
    track = Track.LONG_TERM if long_term else Track.IMMEDIATE if immediate else None
    if day is not None and track is not None:
        return Deadline(day, track)
    if day is None and long_term:
        return Deadline(None, Track.LONG_TERM, long_term=True)
    if day is None and immediate:
        return Deadline(None, Track.IMMEDIATE, immediate=True)
    raise ValueError(value)


def status_word(value: Value) -> tuple[Status | None, Track | None] | None:
    """The status a cell gives when it holds just a status word (已整改到位, 基本完成), else None.

    For columns meant for a percentage or a progress note: a longer text is a
    note ("已完成12个小区改造"), never read as a status.
    """
    text = _cell_text(value)
    if text is None:
        return None
    folded = fold(text).strip("。.，,；;")
    codes = _enum_words("status", (s.value for s in Status))
    if folded in codes:
        return Status(codes[folded]), None
    return STATUS_WORDS.get(folded)


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


Value = str | int | float | dt.date | Percent | None
Row = list[Value]
