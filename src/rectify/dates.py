"""Dates as people write them, on the command line and in office sheets, and month arithmetic.

:func:`parse_date` is the one date parser: every option a person types
(``--on``, ``--deadline``, ``--as-of``...) and every text cell an import reads
goes through it, so the command line accepts everything a sheet may hold.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from rectify.text import fold

TODAY_WORDS = ("today", "今天", "今日")

ACCEPTED_FORMS = (
    "2024-12-31, 2024/12/31, 2024.12.31, 2024年12月31日, 20241231, "
    "2024-12, 2024年12月, 2024年12月底, 2024年底, 2024年三季度, 12月底前, today"
)

_DAY = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(?:(\d{4})[-/.年])?(\d{1,2})月?份?(底|末|上旬|中旬|下旬)?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日$")
_YEAR_PART = re.compile(
    r"^(?:(\d{4})|今|本|当)?年{0,2}度?(底|末|内|上半年|下半年|第?([一二三四1-4])季度(?:末|底)?)?$"
)
_PREFIXES = ("截至", "截止", "于", "在", "到")
_SUFFIXES = ("前完成", "完成", "以前", "之前", "前", "为止", "止")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TENS = {"上旬": 10, "中旬": 20}


#: The dates rectify works with: a date typed or read outside them is refused (DateOutOfRange),
#: so that month arithmetic (the month before 0001-01) and day counts stay meaningful.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


class DateOutOfRange(ValueError):
    """A real date, but before FIRST_DAY or after LAST_DAY."""


def in_range(day: dt.date) -> dt.date:
    """``day`` when it lies within FIRST_DAY..LAST_DAY; DateOutOfRange otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateOutOfRange(day.isoformat())
    return day


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


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


def parse_date(
    text: str, *, today: dt.date, year: int | None = None, not_before: dt.date | None = None
) -> dt.date:
    """A date as people write it (see `_parse_date`), within FIRST_DAY..LAST_DAY.

    Raises DateOutOfRange (a ValueError) for a real date outside them.
    """
    return in_range(_parse_date(text, today=today, year=year, not_before=not_before))


def _parse_date(
    text: str, *, today: dt.date, year: int | None = None, not_before: dt.date | None = None
) -> dt.date:
    """A date as people write it: a day, a month (its last day), a part of a year, or "today".

    2024-12-31, 2024/12/31, 2024.12.31, 2024年12月31日, 20241231 (full-width
    digits too); months as their last day (2024-12, 2024.12, 2024年12月底;
    2024年12月中旬 is the 20th); 2024年底, 2024年上半年, 2024年三季度; "前",
    "前完成" or "截至" around any of them. A month or part of a year without a
    year (12月底前, 年底前) is in ``year`` (default: today's), or in the next year when that
    would fall before ``not_before`` (a deadline before the hand-over means
    next year). Raises ValueError for anything else, or a day that does not exist.
    """
    folded = fold(text)
    if folded in TODAY_WORDS:
        return today
    value = _strip_words(folded)
    year = today.year if year is None else year
    if match := _DAY.match(value) or _COMPACT_DAY.match(value):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH_DAY.match(value):
        return _in_year(year, int(match[1]), int(match[2]), not_before)
    if (match := _MONTH.match(value)) and (match[1] or "月" in value):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(text)
        day = _TENS.get(match[3] or "")
        if match[1]:
            whole = int(match[1])
            return month_end(whole, month) if day is None else dt.date(whole, month, day)
        return _in_year(year, month, day, not_before)
    if (match := _YEAR_PART.match(value)) and (match[2] or (match[1] and "年" in value)):
        part = match[2]
        month = 6 if part == "上半年" else 3 * _QUARTERS[match[3]] if match[3] else 12
        if match[1]:
            return month_end(int(match[1]), month)
        return _in_year(year, month, None, not_before)
    raise ValueError(text)


def parse_month(text: str) -> tuple[int, int]:
    """A month as typed (2024-10, 2024/10, 2024年10月, ２０２４年１０月) as (year, month).

    Raises ValueError for anything else, DateOutOfRange for a month outside the dates
    rectify works with.
    """
    match = _MONTH.match(_strip_words(fold(text)))
    if not match or not match[1] or not 1 <= int(match[2]) <= 12 or match[3] in _TENS:
        raise ValueError(text)
    year, month = int(match[1]), int(match[2])
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise DateOutOfRange(text)
    return year, month
