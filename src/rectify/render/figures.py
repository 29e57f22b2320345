"""Figures as Rich tables for the terminal: `rectify status` and `rectify progress`.

The words come from rectify.report; this module only lays them out. User text
(unit names, ledger ids, titles) goes in as rich.text.Text, never as markup,
so a unit called ``[red]x[/]`` prints as typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rectify.figures.months import MonthRow
from rectify.figures.state import DUE_SOON_DAYS
from rectify.figures.tally import Figures, GroupBy
from rectify.figures.warnings import PACE_MARGIN
from rectify.i18n import Lang, t
from rectify.output.words import (
    PROGRESS_COLUMNS,
    STATUS_COLUMNS,
    Row,
    format_margin,
    progress_cells,
    progress_headers,
    status_cells,
    status_headers,
)
from rectify.render import user_text
from rectify.render.table import AtWidth, Column, Fitted, fit, fitted_table, hidden_note, paragraph
from rectify.text import plain

BAR_WIDTH = 10
_FULL = "█"
_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")  # all in GBK too, for Chinese Windows consoles


def bar(percent: Fraction | None, width: int = BAR_WIDTH) -> str:
    """A bar `width` cells wide for a value in percent (0-100), cut to the eighth of a cell."""
    if percent is None:
        return " " * width
    eighths = max(0, min(width * 8, int(percent * width * 8 / 100)))
    full, part = divmod(eighths, 8)
    return (_FULL * full + _EIGHTHS[part]).ljust(width)


def _count_cell(value: str, alarm: bool) -> Text:
    return user_text(value, style="bold red" if alarm else "")


def _header(title: str, *, fold_over: int = 9) -> Text:
    """A column title on two lines when it is long, so the figures below keep their width."""
    if cell_len(title) <= fold_over:
        return user_text(title)
    # break before a bracket or at a space, as near the middle as can be
    breaks = [at for at, char in enumerate(title) if char in " （(" and 0 < at < len(title) - 1]
    if not breaks:
        return user_text(title)

    def longer_half(at: int) -> int:
        return max(cell_len(title[:at]), cell_len(title[at:].lstrip()))

    at = min(breaks, key=longer_half)
    return user_text(title[:at].rstrip() + "\n" + title[at:].lstrip(), multiline=True)


# the parts of a headline: ' · ' between them, or '· ' after a full-width bracket
_PARTS = re.compile(r"(?<=）)· | · ")


def flow(headline: str, width: int) -> str:
    """A headline on as many lines as it needs, each broken between two parts, never inside one.

    '逾期 2 个' stays whole: a line ends with its separator and the next begins with a part.
    """
    parts = _PARTS.split(headline)
    lines = [parts[0]]
    for part in parts[1:]:
        separator = "· " if lines[-1].endswith("）") else " · "
        if cell_len(lines[-1] + separator + part) <= width:
            lines[-1] += separator + part
        else:
            lines[-1] += separator.rstrip()
            lines.append(part)
    return "\n".join(lines)


def _table() -> Table:
    return Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
        header_style="bold",
    )


# Most important first; a narrow terminal leaves out the last ones (the bar before any).
# The legend under the table explains only the columns shown (screen_legend).
STATUS_IMPORTANCE = (
    "label",
    "rectified_rate",
    "overdue",
    "warnings",
    "due_soon",
    "closed_rate",
    "mean_completion",
    "total",
    "on_time_rate",
    "extensions",
)
_MIN_LABEL = 12  # six Chinese characters; a longer name wraps


def _cell_style(name: str, row: Row) -> str:
    if name == "overdue" and row.figures.overdue > 0:
        return "bold red"
    if name == "warnings" and row.warnings.red > 0:
        return "red"
    return ""


def _status_columns(
    rows: Sequence[Row], by: GroupBy, lang: Lang, *, with_bar: bool
) -> list[Column]:
    headers = status_headers(by, lang)
    cells = [
        dict(zip(STATUS_COLUMNS, status_cells(row.figures, row.warnings), strict=True))
        for row in rows
    ]
    labels = [user_text(row.label, "bold" if row.total else "") for row in rows]
    columns = [Column("label", headers[0], labels, wrap=True, min_width=_MIN_LABEL, keep=True)]
    for name, header in zip(STATUS_COLUMNS, headers[1:], strict=True):
        if name == "mean_completion":
            shown = [
                _completion_cell(row.figures, row_cells[name], with_bar)
                for row, row_cells in zip(rows, cells, strict=True)
            ]
        else:
            shown = [
                user_text(row_cells[name], style=_cell_style(name, row))
                for row, row_cells in zip(rows, cells, strict=True)
            ]
        justify = "left" if name == "mean_completion" else "right"
        columns.append(Column(name, header, shown, justify=justify, keep=name == "rectified_rate"))
    return columns


def status_table_fitted(
    rows: Sequence[Row], by: GroupBy, lang: Lang, *, width: int = 120
) -> tuple[Table, Fitted]:
    """The figures of each group as a table fitted to ``width``, and what was left out.

    A completion bar per row when there is room for it and every column; the
    names wrap inside their cell; figures are never cut.
    """
    sections = [len(rows) - 2] if len(rows) > 1 else []
    for with_bar in (True, False):
        columns = _status_columns(rows, by, lang, with_bar=with_bar)
        laid = fit(columns, STATUS_IMPORTANCE, width)
        if not laid.hidden and columns[0].width >= columns[0].natural:
            break  # the bar only when every column and every name fits whole
    return fitted_table(
        _status_columns(rows, by, lang, with_bar=with_bar),
        STATUS_IMPORTANCE,
        width,
        sections=sections,
        header_style="bold",
    )


def status_table(rows: Sequence[Row], by: GroupBy, lang: Lang, *, width: int = 120) -> Table:
    """The figures of each group as a table, with a completion bar per row and the total last."""
    return status_table_fitted(rows, by, lang, width=width)[0]


def _completion_cell(figs: Figures, value: str, with_bar: bool) -> Text:
    if not with_bar:
        return user_text(value.rjust(6))
    cell = user_text(bar(figs.mean_completion), style="green")
    cell.append(" " + value.rjust(6))
    return cell


def screen_legend(
    lang: Lang,
    shown: Sequence[str],
    headers: dict[str, str],
    *,
    due_soon_days: int,
    margin: int | Fraction,
) -> str:
    """The note under the status table, explaining only the columns it shows."""
    sep = "、" if lang == "zh" else ", "
    parts = []
    rates = [headers[name] for name in ("rectified_rate", "closed_rate") if name in shown]
    if rates:
        parts.append(t("fig.legend.part.counted", lang, names=sep.join(rates)))
    for name in ("due_soon", "on_time_rate", "extensions", "mean_completion"):
        if name in shown:
            parts.append(t(f"fig.legend.part.{name}", lang, days=due_soon_days))
    text = t("fig.legend.part.join", lang).join(parts)
    text = t("fig.legend.part.end", lang, text=text) if text else ""
    if "warnings" in shown:
        text += t("fig.legend.warnings", lang, days=due_soon_days, margin=format_margin(margin))
    return text.strip()


def status_renderable(
    rows: Sequence[Row],
    by: GroupBy,
    lang: Lang,
    *,
    headline: str,
    summary: Sequence[str],
    title: str,
    width: int = 120,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> RenderableType:
    """`rectify status` on screen: the headline, the summary lines (the few left, the sign-off
    review, the audit figures), then the table."""
    parts: list[RenderableType] = [
        user_text(flow(plain(headline), width), style="bold", multiline=True)
    ]
    parts += [user_text(line) for line in summary]
    table, laid = status_table_fitted(rows, by, lang, width=width)
    parts += [user_text(""), user_text(title), table]
    note = hidden_note(laid, lang, width, command="status")
    parts += [note] if note is not None else []
    headers = dict(zip(STATUS_COLUMNS, status_headers(by, lang)[1:], strict=True))
    shown = [column.key for column in laid.columns]
    words = screen_legend(lang, shown, headers, due_soon_days=due_soon_days, margin=margin)
    parts += [user_text(""), paragraph(words, width, "dim")] if words else []
    return Group(*parts)


# Most important first; a narrow terminal leaves out the last ones (the bar first).
PROGRESS_IMPORTANCE = (
    "progress.col.month",
    "progress.col.rate",
    "progress.col.rectified_to_date",
    "progress.col.overdue",
    "progress.col.change",
    "fig.col.mean_completion",
    "progress.col.rectified_in_month",
    "progress.col.assigned_to_date",
    "progress.col.assigned_in_month",
    "bar",
)


def progress_table_fitted(
    rows: Sequence[MonthRow], lang: Lang, *, width: int = 120
) -> tuple[Table, Fitted]:
    """The month-by-month table fitted to ``width``, with a bar of the rectified rate per month."""
    headers = progress_headers(lang)
    body = []
    for row in rows:
        cells = [user_text(cell) for cell in progress_cells(row, lang)]
        cells[-1] = _count_cell(str(row.overdue), row.overdue > 0)
        body.append(cells)
    columns = [
        Column(
            key,
            header,
            [cells[index] for cells in body],
            justify="left" if index == 0 else "right",
            keep=key in PROGRESS_IMPORTANCE[:2],
        )
        for index, (key, header) in enumerate(zip(PROGRESS_COLUMNS, headers, strict=True))
    ]
    rates = [row.rectified_rate * 100 if row.rectified_rate is not None else None for row in rows]
    columns.append(Column("bar", "", [user_text(bar(rate), style="green") for rate in rates]))
    return fitted_table(columns, PROGRESS_IMPORTANCE, width, header_style="bold")


def progress_table(rows: Sequence[MonthRow], lang: Lang, *, width: int = 120) -> Table:
    """The month-by-month table, with a bar of the rectified rate per month."""
    return progress_table_fitted(rows, lang, width=width)[0]


def progress_renderable(
    rows: Sequence[MonthRow], lang: Lang, *, width: int | None = None
) -> RenderableType:
    """`rectify progress` on screen: a title, the table, and the columns left out if any.

    Without ``width``, laid out for the width it is printed at.
    """
    if width is None:
        return AtWidth(lambda at: progress_renderable(rows, lang, width=at))
    table, laid = progress_table_fitted(rows, lang, width=width)
    parts: list[RenderableType] = [user_text(t("progress.title", lang), style="bold"), table]
    note = hidden_note(laid, lang, width, command="progress")
    parts += [note] if note is not None else []
    return Group(*parts)
