"""Numbers as people read them: percent and points with one decimal, cut toward zero."""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction

from rectify.dates import month_end as month_end  # re-exported: one definition

NO_VALUE = "—"


# --- printing numbers --------------------------------------------------------------------


def cut_tenths(value: Fraction) -> Fraction:
    """A number cut toward zero to one decimal, exactly: 223/3 -> 743/10, -7/3 -> -23/10.

    The one cut of rectify: every rate, completion and change of points that
    is shown, written to a sheet or a document is cut here, never rounded up,
    and never on a float (29 of 100 is 29.0 %, not 28.9 %).
    """
    tenths = abs(value) * 10
    whole = tenths.numerator // tenths.denominator
    return Fraction(-whole if value < 0 else whole, 10)


def cut_rate(value: Fraction) -> Fraction:
    """A rate in [0, 1] cut toward zero to a tenth of a percent: 19/26 -> 73/100 (73.0 %)."""
    return cut_tenths(value * 100) / 100


def _cut_tenths(value: Fraction) -> str:
    """A number with one decimal, cut toward zero: '-2.3', '74.4', '0.0'."""
    whole = abs(cut_tenths(value) * 10)
    sign = "-" if value < 0 and whole else ""
    return f"{sign}{whole.numerator // 10}.{whole.numerator % 10}"


def stored_number(value: float | Fraction) -> str:
    """A completion as stored (one decimal at most) without a needless ``.0``: 100, 74.4."""
    number = Fraction(str(value)) if isinstance(value, float) else value
    return str(number.numerator) if number.denominator == 1 else str(float(number))


def format_percent(value: Fraction | int | None) -> str:
    """A rate in [0, 1] as a percent with one decimal, cut toward zero: 2/3 -> '66.6%'."""
    if value is None:
        return NO_VALUE
    return f"{_cut_tenths(Fraction(value) * 100)}%"


def format_points(value: Fraction | int | None) -> str:
    """A change in percentage points with one decimal, cut toward zero: -23/10 -> '-2.3'."""
    if value is None:
        return NO_VALUE
    return _cut_tenths(Fraction(value))


@functools.lru_cache(maxsize=1024)  # 10,000 rows of a listing hold a few dozen values
def format_completion(value: Fraction | int | None) -> str:
    """A completion in percent units with one decimal, cut toward zero: 744/10 -> '74.4%'."""
    if value is None:
        return NO_VALUE
    return f"{_cut_tenths(Fraction(value))}%"


def percent(value: Fraction) -> str:
    """A completion for prose: cut to one decimal, a whole number without '.0' (82%, 74.4%)."""
    text = format_completion(value)
    return text.replace(".0%", "%")


def points(value: Fraction) -> str:
    """Percentage points for prose, cut to one decimal, without '.0'."""
    return percent(value).removesuffix("%")


def format_amount(value: Decimal) -> str:
    """An exact amount without needless zeros: 1200, 35.5 (never 3.55E+1)."""
    text = f"{value.normalize():f}"
    return text
