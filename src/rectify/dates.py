"""Dates as users type them on the command line, and month arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*(?:底|末)?\s*$")
TODAY_WORDS = ("today", "今天", "今日")

ACCEPTED_FORMS = "2024-12-31, 2024/12/31, 2024.12.31, 2024年12月31日, 2024-12, 2024年12月, today"


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_date(text: str, *, today: dt.date) -> dt.date:
    """A date as typed: a day, a month (its last day), or "today".

    Raises ValueError when the text is none of the accepted forms
    (:data:`ACCEPTED_FORMS`) or names a day that does not exist.
    """
    value = text.strip()
    if value.lower() in TODAY_WORDS:
        return today
    day = _DAY.match(value)
    if day:
        return dt.date(int(day[1]), int(day[2]), int(day[3]))
    month = _MONTH.match(value)
    if month:
        year, number = int(month[1]), int(month[2])
        if not 1 <= number <= 12:
            raise ValueError(text)
        return month_end(year, number)
    raise ValueError(text)


def parse_month(text: str) -> tuple[int, int]:
    """A month as typed (2024-10, 2024/10, 2024年10月) as (year, month); ValueError otherwise."""
    month = _MONTH.match(text.strip())
    if not month or not 1 <= int(month[2]) <= 12:
        raise ValueError(text)
    return int(month[1]), int(month[2])
