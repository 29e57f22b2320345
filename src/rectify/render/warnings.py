"""The chase list (`rectify due`) as Rich tables for the terminal.

User text goes in as rich.text.Text, never as markup, so a title such as
``[red]x[/]`` prints as typed.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rectify.figures.chase import UnitChase
from rectify.figures.state import DUE_SOON_DAYS
from rectify.figures.warnings import (
    LEVELS,
    PACE_MARGIN,
    Assessment,
    WarningLevel,
    level_label,
    level_meaning,
)
from rectify.i18n import Lang, t
from rectify.numbers import percent, points
from rectify.output.notice import last_report_text
from rectify.output.words import days_text
from rectify.render import to_text, user_text

# The one owner of the warning colours: red 逾期, yellow 进度滞后, blue 临期, and
# nothing else on screen takes these three colours.
LEVEL_COLORS = {
    WarningLevel.RED: "red",
    WarningLevel.YELLOW: "yellow",
    WarningLevel.BLUE: "blue",
    WarningLevel.NONE: "",
}
LEVEL_STYLES = {level: f"bold {color}" if color else "" for level, color in LEVEL_COLORS.items()}
SILENT_STYLE = "magenta"  # no progress reported for a month: not a warning colour


def level_text(level: WarningLevel, lang: Lang, *, meaning: bool = True) -> Text:
    """A warning level as coloured text: 红 逾期 / red overdue; a dash for none."""
    label = level_label(level, lang)
    if meaning and level is not WarningLevel.NONE:
        label = f"{label} {level_meaning(level, lang)}"
    return user_text(label, style=LEVEL_STYLES[level])


_COLUMNS = ("level", "id", "title", "deadline", "days", "completion", "expected", "last")
_RIGHT = ("completion", "expected")
_TITLE_MIN = 12  # below this, the pace and then the deadline column make room for the title
_GAP = 3  # between two columns: padding, the blank divider of SIMPLE_HEAD, padding


def _cells(entry: Assessment, lang: Lang) -> dict[str, Text]:
    return {
        "level": level_text(entry.level, lang, meaning=False),
        "id": user_text(entry.item.issue.id),
        "title": user_text(entry.item.issue.title),
        "deadline": user_text(entry.state.deadline.isoformat()),
        "days": user_text(
            days_text(entry, lang),
            style=LEVEL_COLORS[WarningLevel.RED] if entry.state.overdue else "",
        ),
        "completion": user_text(percent(entry.state.completion)),
        "expected": user_text(percent(entry.expected) if entry.expected is not None else "—"),
        "last": user_text(
            last_report_text(entry, lang), style=SILENT_STYLE if entry.silent else ""
        ),
    }


def _layout(rows: list[dict[str, Text]], lang: Lang, width: int) -> dict[str, int]:
    """Column widths shared by every unit's table: the title gets what the others leave.

    On a narrow terminal the pace column goes first, then the deadline (the
    days overdue or left still say it), so that titles stay readable.
    """
    natural = {
        name: max([cell_len(t(f"due.col.{name}", lang)), *(row[name].cell_len for row in rows)])
        for name in _COLUMNS
        if name != "title"
    }
    for dropped in ((), ("expected",), ("expected", "deadline")):
        shown = {name: w for name, w in natural.items() if name not in dropped}
        title = width - sum(shown.values()) - _GAP * len(shown)
        if title >= _TITLE_MIN:
            break
    longest = max(row["title"].cell_len for row in rows)
    return {**shown, "title": max(min(title, longest), _TITLE_MIN)}


def _unit_table(
    unit: UnitChase, rows: list[dict[str, Text]], widths: dict[str, int], lang: Lang
) -> Table:
    counts = t(
        "due.unit_counts",
        lang,
        red=unit.count(WarningLevel.RED),
        yellow=unit.count(WarningLevel.YELLOW),
        blue=unit.count(WarningLevel.BLUE),
        silent=unit.silent,
    )
    table = Table(
        title=Text.assemble((unit.unit, "bold"), "  ", (counts, "dim")),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )
    shown = [name for name in _COLUMNS if name in widths]
    for name in shown:
        table.add_column(
            t(f"due.col.{name}", lang),
            width=widths[name],
            justify="right" if name in _RIGHT else "left",
            overflow="fold",
            no_wrap=name != "title",
        )
    for row in rows:
        table.add_row(*(row[name] for name in shown))
    return table


def chase_renderable(
    units: list[UnitChase],
    as_of: dt.date,
    lang: Lang,
    *,
    width: int,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> RenderableType:
    """The chase list for a terminal `width` columns wide: heading, totals, a table per unit."""
    every = [entry for unit in units for entry in unit.entries]
    parts: list[RenderableType] = [
        user_text(t("due.title", lang, as_of=as_of.isoformat()), style="bold"),
        user_text(t("due.rules", lang, days=due_soon_days, margin=points(Fraction(margin))), "dim"),
    ]
    if not every:
        parts.append(user_text(t("due.none", lang, as_of=as_of.isoformat())))
        return Group(*parts)
    totals = {level.value: sum(e.level is level for e in every) for level in LEVELS}
    parts.append(user_text(t("due.totals", lang, silent=sum(e.silent for e in every), **totals)))
    rows = {id(unit): [_cells(entry, lang) for entry in unit.entries] for unit in units}
    widths = _layout([row for found in rows.values() for row in found], lang, width)
    for unit in units:
        parts += [user_text(""), _unit_table(unit, rows[id(unit)], widths, lang)]
    return Group(*parts)


def render_chase(
    units: list[UnitChase],
    as_of: dt.date,
    lang: Lang,
    *,
    width: int,
    color: bool,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> str:
    """The chase list as terminal text, `width` columns wide, with colour only when asked."""
    view = chase_renderable(
        units, as_of, lang, width=width, due_soon_days=due_soon_days, margin=margin
    )
    return to_text(view, width=width, color=color)
