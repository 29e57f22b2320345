"""The trend chart: the rectified rate month by month, as a PNG or SVG picture (matplotlib).

matplotlib is the optional extra ``rectify[charts]``. Chinese words need a
Chinese font from the machine (Noto Sans CJK SC, Microsoft YaHei, SimHei,
WenQuanYi, in that order); none is shipped. When the chart cannot be drawn,
ChartUnavailable says why in the catalogue's words, and the caller leaves the
chart out. Pure but for asking matplotlib which fonts the machine has.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Literal

from rectify.errors import FileError
from rectify.figures.months import MonthRow
from rectify.i18n import Lang, t
from rectify.numbers import format_percent
from rectify.output.words import month_label

#: Chinese fonts looked for, best first (family names as fontconfig and Windows give them).
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)

PictureFormat = Literal["png", "svg"]


class ChartUnavailable(FileError):
    """The chart cannot be drawn here: matplotlib is missing, or no Chinese font is."""


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ChartUnavailable("chart.no_matplotlib") from None
    return matplotlib


def chinese_font(available: Sequence[str] | None = None) -> str | None:
    """The first of CJK_FONTS the machine has, None when it has none of them."""
    if available is None:
        from matplotlib import font_manager

        available = [entry.name for entry in font_manager.fontManager.ttflist]
    names = set(available)
    return next((name for name in CJK_FONTS if name in names), None)


def _drawn(rows: Sequence[MonthRow]) -> list[MonthRow]:
    return [row for row in rows if row.rectified_rate is not None]


def can_draw(rows: Sequence[MonthRow]) -> bool:
    """Whether there is any rate to draw."""
    return bool(_drawn(rows))


def trend_chart(rows: Sequence[MonthRow], lang: Lang, fmt: PictureFormat = "png") -> bytes:
    """The rectified rate of each month as a line chart, labelled in ``lang``.

    The picture is the same for the same rows (no date or software name in it).
    Raises ChartUnavailable without matplotlib, or without a Chinese font for a
    Chinese chart.
    """
    _matplotlib()
    from matplotlib.figure import Figure

    font = chinese_font()
    if lang == "zh" and font is None:
        raise ChartUnavailable("chart.no_font", fonts="、".join(CJK_FONTS))
    drawn = _drawn(rows)
    labels = [month_label((row.year, row.month)) for row in drawn]
    values = [float(row.rectified_rate or 0) * 100 for row in drawn]
    family = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    with _style(family):
        figure = Figure(figsize=(6.3, 2.9), dpi=150)
        axes = figure.add_subplot()
        axes.plot(labels, values, marker="o", color="#1f4e79", linewidth=1.8)
        for x, (value, row) in enumerate(zip(values, drawn, strict=True)):
            text = format_percent(row.rectified_rate)
            axes.annotate(
                text, (x, value), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8
            )
        axes.set_ylim(0, 105)
        axes.set_ylabel("%")
        axes.set_title(t("report.chart_title", lang), fontsize=11)
        axes.grid(axis="y", color="#cccccc", linewidth=0.6)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if len(labels) > 8:
            axes.tick_params(axis="x", labelrotation=45, labelsize=8)
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata: dict[str, Any] = (
            {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        )
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def _style(family: list[str]) -> Any:
    import matplotlib

    return matplotlib.rc_context(
        {
            "font.family": "sans-serif",
            "font.sans-serif": family,
            "svg.hashsalt": "rectify",
            "axes.unicode_minus": False,
        }
    )
