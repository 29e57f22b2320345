"""Figures as Markdown tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from rectify.figures.months import MonthRow
from rectify.figures.tally import GroupBy
from rectify.figures.view import StatusView
from rectify.figures.warnings import (
    PACE_MARGIN,
)
from rectify.i18n import Lang, t
from rectify.numbers import format_percent
from rectify.output.words import (
    PROGRESS_COLUMNS,
    STATUS_COLUMNS,
    Row,
    headline,
    legend,
    month_label,
    progress_cells,
    progress_headers,
    status_cells,
    status_headers,
    status_rows,
    status_summary,
)
from rectify.text import md_escape

# --- Markdown building blocks --------------------------------------------------------------


def md_table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[bool]) -> str:
    """A GitHub-style table; cells must already be escaped, numeric columns align right."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---:" if right else "---" for right in numeric) + "|",
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def _status_table(rows: Sequence[Row], by: GroupBy, lang: Lang) -> str:
    body = []
    for row in rows:
        name = md_escape(row.label)
        body.append(
            [f"**{name}**" if row.total else name, *status_cells(row.figures, row.warnings)]
        )
    return md_table(status_headers(by, lang), body, [False] + [True] * len(STATUS_COLUMNS))


def status_markdown(view: StatusView, lang: Lang, *, margin: int | Fraction = PACE_MARGIN) -> str:
    """`rectify status --format markdown`: the headline, the summary and the table of groups."""
    overall_figs = view.overall
    if overall_figs.total == 0:
        return t("fig.no_problems", lang) + "\n"
    blocks = [f"**{md_escape(headline(overall_figs, lang, view.warnings))}**"]
    blocks += [md_escape(line) for line in status_summary(view, lang)]
    rows = status_rows(
        view.groups,
        overall_figs,
        view.by,
        lang,
        warnings=view.by_group,
        total_warnings=view.warnings,
    )
    blocks.append(t(f"fig.table_title.{view.by}", lang, date=overall_figs.as_of.isoformat()))
    blocks.append(_status_table(rows, view.by, lang))
    blocks.append(legend(lang, due_soon_days=overall_figs.due_soon_days, margin=margin))
    return "\n\n".join(blocks) + "\n"


def progress_table_md(rows: Sequence[MonthRow], lang: Lang) -> str:
    """The month-by-month table in Markdown."""
    return md_table(
        progress_headers(lang),
        (progress_cells(row, lang) for row in rows),
        [False] + [True] * (len(PROGRESS_COLUMNS) - 1),
    )


def progress_markdown(rows: Sequence[MonthRow], lang: Lang) -> str:
    """`rectify progress --format markdown`: a title line and the table."""
    if not rows or all(row.assigned_to_date == 0 for row in rows):
        return t("fig.no_problems", lang) + "\n"
    return f"{t('progress.title', lang)}\n\n{progress_table_md(rows, lang)}\n"


def mermaid_chart(rows: Sequence[MonthRow], lang: Lang) -> str | None:
    """A Mermaid `xychart-beta` line of the rectified rate per month; None with no rate to draw."""
    drawn = [row for row in rows if row.rectified_rate is not None]
    if not drawn:
        return None
    title = t("report.chart_title", lang)
    labels = ", ".join(f'"{month_label((row.year, row.month))}"' for row in drawn)
    values = ", ".join(format_percent(row.rectified_rate).removesuffix("%") for row in drawn)
    return "\n".join(
        [
            "```mermaid",
            "xychart-beta",
            f'    title "{title}"',
            f"    x-axis [{labels}]",
            '    y-axis "%" 0 --> 100',
            f"    line [{values}]",
            "```",
        ]
    )
