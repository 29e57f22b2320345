"""The chase list (`rectify due`) as Rich tables for the terminal.

User text goes in as rich.text.Text, never as markup, so a title such as
``[red]x[/]`` prints as typed.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

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
from rectify.numbers import format_completion, points
from rectify.output.notice import any_chased, chase_text, last_report_text
from rectify.output.words import days_text
from rectify.render import to_text, user_text
from rectify.render.table import Column, Fitted, fit, fitted_table, hidden_note, paragraph

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
_CHASED = (*_COLUMNS, "chased")  # when a problem of the list had been chased (督办)
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
        "completion": user_text(format_completion(entry.state.completion)),
        "expected": user_text(
            format_completion(entry.expected) if entry.expected is not None else "—"
        ),
        "last": user_text(
            last_report_text(entry, lang), style=SILENT_STYLE if entry.silent else ""
        ),
        "chased": user_text(
            chase_text(entry, lang),
            style=LEVEL_COLORS[WarningLevel.RED] if entry.chases.reply_late else "",
        ),
    }


# Most important first: a narrow terminal leaves out the last ones.
DUE_IMPORTANCE = (
    "id",
    "level",
    "title",
    "days",
    "completion",
    "deadline",
    "expected",
    "last",
    "chased",
)


def _columns(rows: list[dict[str, Text]], lang: Lang, names: tuple[str, ...]) -> list[Column]:
    return [
        Column(
            name,
            t(f"due.col.{name}", lang),
            [row[name] for row in rows],
            wrap=name == "title",
            min_width=_TITLE_MIN,
            justify="right" if name in _RIGHT else "left",
            keep=name in ("id", "title"),
        )
        for name in names
    ]


def _unit_table(
    unit: UnitChase,
    rows: list[dict[str, Text]],
    layout: Fitted,
    lang: Lang,
    width: int,
    names: tuple[str, ...],
) -> Table:
    counts = t(
        "due.unit_counts",
        lang,
        red=unit.count(WarningLevel.RED),
        yellow=unit.count(WarningLevel.YELLOW),
        blue=unit.count(WarningLevel.BLUE),
        silent=unit.silent,
    )
    table, _ = fitted_table(_columns(rows, lang, names), DUE_IMPORTANCE, width, like=layout)
    table.title = Text.assemble(user_text(unit.unit, "bold"), "  ", (counts, "dim"))
    table.title_justify = "left"
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
        paragraph(
            t("due.rules", lang, days=due_soon_days, margin=points(Fraction(margin))), width, "dim"
        ),
    ]
    if not every:
        parts.append(user_text(t("due.none", lang, as_of=as_of.isoformat())))
        return Group(*parts)
    totals = {level.value: sum(e.level is level for e in every) for level in LEVELS}
    parts.append(
        paragraph(t("due.totals", lang, silent=sum(e.silent for e in every), **totals), width)
    )
    rows = {id(unit): [_cells(entry, lang) for entry in unit.entries] for unit in units}
    names = _CHASED if any_chased(units) else _COLUMNS
    every_row = [row for found in rows.values() for row in found]
    layout = fit(_columns(every_row, lang, names), DUE_IMPORTANCE, width)
    for unit in units:
        parts += [user_text(""), _unit_table(unit, rows[id(unit)], layout, lang, width, names)]
    note = hidden_note(layout, lang, width)
    parts += [user_text(""), note] if note is not None else []
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
