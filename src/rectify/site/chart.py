"""The month-by-month chart as SVG, written here: it prints and needs no JavaScript.

Bars: problems rectified in each month (left out of scale when none); line: the
rectified rate at each month end, cut toward zero as every rate shown. Each
point carries a <title>, the tooltip a browser shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from rectify.figures.months import MonthRow, is_month_end
from rectify.i18n import Lang, t
from rectify.numbers import cut_rate, format_percent
from rectify.output.words import month_label

HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 16, 40


def chart_width(count: int) -> int:
    """Narrow for a few months (its words stay legible on a phone), at most 720."""
    return max(360, min(720, 56 * count + LEFT + RIGHT))


def _x(index: int, count: int) -> float:
    inner = chart_width(count) - LEFT - RIGHT
    return LEFT + inner * (index + 0.5) / max(count, 1)


def _y(share: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - share)


def trend_svg(rows: Sequence[MonthRow], lang: Lang) -> Markup:
    """The chart of the rows (oldest first); a short sentence when there is no month yet."""
    if not rows:
        return Markup("<p class='muted'>{}</p>").format(t("site.chart.empty", lang))
    count = len(rows)
    width = chart_width(count)
    most = max(max(row.rectified_in_month for row in rows), 1)
    step = max(1, -(-count // 12))  # at most about 12 month labels
    band = (width - LEFT - RIGHT) / count
    title = t("site.chart.title", lang)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {HEIGHT}" role="img" '
        f'style="max-width: {width * 1.5:.0f}px" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for share in (0, 0.25, 0.5, 0.75, 1):
        y = _y(share)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{int(share * 100)}%</text>"
        )
    points = []
    for index, row in enumerate(rows):
        x = _x(index, count)
        name = month_label((row.year, row.month))
        if not is_month_end(row):
            name = t("progress.to_date", lang, month=name, day=row.as_of.strftime("%m-%d"))
        if row.rectified_in_month:
            height = (HEIGHT - TOP - BOTTOM) * row.rectified_in_month / most * 0.5
            tip = t("site.chart.bar", lang, month=name, n=row.rectified_in_month)
            parts.append(
                f'<rect class="bar" x="{x - band * 0.3:.1f}" y="{_y(0) - height:.1f}" '
                f'width="{band * 0.6:.1f}" height="{height:.1f}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            parts.append(
                f'<text class="count" x="{x:.1f}" y="{_y(0) - height - 4:.1f}" '
                f'text-anchor="middle">{row.rectified_in_month}</text>'
            )
        if index % step == 0 or index == count - 1:
            short = name if count <= 6 else f"{row.month}" if row.month != 1 else f"{row.year}"
            parts.append(
                f'<text class="axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(short)}</text>'
            )
        if row.rectified_rate is not None:
            share = float(cut_rate(row.rectified_rate))
            points.append((x, _y(share), name, row))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        parts.append(f'<polyline class="line" points="{path}"/>')
        for x, y, name, row in points:
            text = f"{format_percent(row.rectified_rate)} ({row.rectified_to_date}/{row.counted})"
            tip = t("site.chart.point", lang, month=name, rate=text)
            parts.append(
                f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4">'
                f"<title>{escape(tip)}</title></circle>"
            )
        x, y, _, last = points[-1]
        parts.append(
            f'<text class="value" x="{x:.1f}" y="{max(y - 10, TOP + 10):.1f}" '
            f'text-anchor="end">{escape(format_percent(last.rectified_rate))}</text>'
        )
    first, last_row = rows[0], rows[-1]
    years = f"{first.year}" if first.year == last_row.year else f"{first.year}–{last_row.year}"
    parts.append(
        f'<text class="axis" x="{width - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">'
        f"{escape(years)}</text>"
    )
    parts.append("</svg>")
    legend = t("site.chart.legend", lang)
    svg = "".join(parts)
    return Markup(
        f'<div class="chart-wrap">{svg}</div><p class="chart-legend">{escape(legend)}</p>'
    )
