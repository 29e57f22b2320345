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
    STATUS_COLUMNS,
    Row,
    legend,
    progress_cells,
    progress_headers,
    status_cells,
    status_headers,
)
from rectify.render import user_text
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


# On a narrow terminal these go first, in this order; the bar goes before any of them.
_DROPPABLE = ("due_soon", "closed_rate", "extensions", "on_time_rate", "total")
# To show every name whole, the bar and at most this many columns may go; past that,
# long names are cut short with an ellipsis (never broken over two lines).
_DROP_FOR_NAMES = 2
_MIN_LABEL = 12
_MAX_LABEL = 24
_GAP = 2


def _width(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


def _room(columns: list[list[Text]], width: int) -> int:
    """What is left of `width` for the first column once the others are laid out."""
    return (
        width
        - sum(max(_width(cell) for cell in column) for column in columns)
        - (_GAP * len(columns))
    )


def _fit(columns: list[list[Text]], label: int, width: int) -> bool:
    return label <= _room(columns, width)


def _layouts() -> list[tuple[bool, tuple[str, ...]]]:
    """Each way to lay the table out, fullest first: (with the bar, the columns left out)."""
    steps: list[tuple[bool, tuple[str, ...]]] = [(True, ())]
    steps += [(False, _DROPPABLE[:count]) for count in range(len(_DROPPABLE) + 1)]
    return steps


def _cell_style(name: str, row: Row) -> str:
    if name == "overdue" and row.figures.overdue > 0:
        return "bold red"
    if name == "warnings" and row.warnings.red > 0:
        return "red"
    return ""


def status_table(rows: Sequence[Row], by: GroupBy, lang: Lang, *, width: int = 120) -> Table:
    """The figures of each group as a table, with a completion bar per row and the total last.

    When the table is wider than `width`, the bar and then the less needed
    columns are left out, so the names and the rates stay readable; a name
    still too long is cut short with an ellipsis rather than broken.
    """
    headers = dict(zip(STATUS_COLUMNS, status_headers(by, lang)[1:], strict=True))
    labels = [user_text(row.label, "bold" if row.total else "") for row in rows]
    cells = [
        dict(zip(STATUS_COLUMNS, status_cells(row.figures, row.warnings), strict=True))
        for row in rows
    ]
    label_width = min(max((label.cell_len for label in labels), default=0), _MAX_LABEL)

    def column(name: str, with_bar: bool) -> list[Text]:
        shown = [_header(headers[name])]
        for row, row_cells in zip(rows, cells, strict=True):
            if name == "mean_completion":
                shown.append(_completion_cell(row.figures, row_cells[name], with_bar))
            else:
                shown.append(user_text(row_cells[name], style=_cell_style(name, row)))
        return shown

    steps = _layouts()
    floor = min(label_width, _MIN_LABEL)
    tries = [(label_width, step) for step in steps[: _DROP_FOR_NAMES + 2]]
    tries += [(floor, step) for step in steps]
    for label, (with_bar, dropped) in tries:
        names = [name for name in STATUS_COLUMNS if name not in dropped]
        columns = [column(name, with_bar) for name in names]
        if _fit(columns, label, width):
            break
    table = _table()
    first = _header(status_headers(by, lang)[0])
    # the names get what the figures leave, so a long one is cut rather than a figure squeezed
    room = min(max(_room(columns, width), floor), _MAX_LABEL)
    table.add_column(first, no_wrap=True, overflow="ellipsis", min_width=floor, max_width=room)
    for name, shown in zip(names, columns, strict=True):
        table.add_column(
            shown[0], justify="left" if name == "mean_completion" else "right", no_wrap=True
        )
    for index, label_text in enumerate(labels):
        table.add_row(
            label_text,
            *(shown[index + 1] for shown in columns),
            end_section=index == len(rows) - 2,
        )
    return table


def _completion_cell(figs: Figures, value: str, with_bar: bool) -> Text:
    if not with_bar:
        return user_text(value.rjust(6))
    cell = user_text(bar(figs.mean_completion), style="green")
    cell.append(" " + value.rjust(6))
    return cell


def status_renderable(
    rows: Sequence[Row],
    by: GroupBy,
    lang: Lang,
    *,
    headline: str,
    summary: str | None,
    title: str,
    width: int = 120,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> RenderableType:
    """`rectify status` on screen: the headline, the summary of the few left, then the table."""
    parts: list[RenderableType] = [
        user_text(flow(plain(headline), width), style="bold", multiline=True)
    ]
    if summary:
        parts.append(user_text(summary))
    parts += [
        user_text(""),
        user_text(title),
        status_table(rows, by, lang, width=width),
        user_text(""),
        user_text(
            legend(lang, due_soon_days=due_soon_days, margin=margin), style="dim", multiline=True
        ),
    ]
    return Group(*parts)


def progress_table(rows: Sequence[MonthRow], lang: Lang) -> Table:
    """The month-by-month table, with a bar of the rectified rate per month."""
    headers = progress_headers(lang)
    table = _table()
    table.add_column(_header(headers[0]), no_wrap=True)
    for header in headers[1:]:
        table.add_column(_header(header), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for row in rows:
        cells = [user_text(cell) for cell in progress_cells(row, lang)]
        cells[-1] = _count_cell(str(row.overdue), row.overdue > 0)
        rate = row.rectified_rate * 100 if row.rectified_rate is not None else None
        table.add_row(*cells, user_text(bar(rate), style="green"))
    return table


def progress_renderable(rows: Sequence[MonthRow], lang: Lang) -> RenderableType:
    """`rectify progress` on screen: a title and the table."""
    return Group(user_text(t("progress.title", lang), style="bold"), progress_table(rows, lang))
