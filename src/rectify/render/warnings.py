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
from rectify.render.table import (
    Column,
    Fitted,
    fit,
    fitted_table,
    hidden_note,
    paragraph,
    plain_lines,
)
from rectify.text import terminal

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


def _words(entry: Assessment, lang: Lang) -> dict[str, str]:
    """The words of an entry's cells as typed (not yet shown safe), for the table and the lines."""
    return {
        "level": level_label(entry.level, lang),
        "id": entry.item.issue.id,
        "title": entry.item.issue.title,
        "deadline": entry.state.deadline.isoformat(),
        "days": days_text(entry, lang),
        "completion": format_completion(entry.state.completion),
        "expected": format_completion(entry.expected) if entry.expected is not None else "—",
        "last": last_report_text(entry, lang),
        "chased": chase_text(entry, lang),
    }


def _cells(entry: Assessment, lang: Lang) -> dict[str, Text]:
    styles = {
        "level": LEVEL_STYLES[entry.level],
        "days": LEVEL_COLORS[WarningLevel.RED] if entry.state.overdue else "",
        "last": SILENT_STYLE if entry.silent else "",
        "chased": LEVEL_COLORS[WarningLevel.RED] if entry.chases.reply_late else "",
    }
    words = _words(entry, lang)
    return {name: user_text(text, style=styles.get(name, "")) for name, text in words.items()}


# Most important first: a narrow terminal leaves out the last ones. How often a problem
# was chased and whether the unit has answered (督办) is what a chase list is for: it
# goes before the deadline's date (the days left say it), the pace and the last report.
DUE_IMPORTANCE = (
    "id",
    "level",
    "title",
    "days",
    "completion",
    "chased",
    "deadline",
    "expected",
    "last",
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
    counts = _counts(unit, lang)
    table, _ = fitted_table(_columns(rows, lang, names), DUE_IMPORTANCE, width, like=layout)
    table.title = Text.assemble(user_text(unit.unit, "bold"), "  ", (counts, "dim"))
    table.title_justify = "left"
    return table


#: The most rows of one unit `due` lays out as a table at a terminal; the rest are
#: counted under it (a Rich table of thousands of rows takes seconds).
SCREEN_UNIT_ROWS = 30


def _head(
    units: list[UnitChase], as_of: dt.date, lang: Lang, days: int, margin: Fraction
) -> list[str]:
    """The words above the tables: title, rules, totals (or the sentence that nothing is due)."""
    every = [entry for unit in units for entry in unit.entries]
    head = [
        t("due.title", lang, as_of=as_of.isoformat()),
        t("due.rules", lang, days=days, margin=points(margin)),
    ]
    if not every:
        return [*head, t("due.none", lang, as_of=as_of.isoformat())]
    totals = {level.value: sum(e.level is level for e in every) for level in LEVELS}
    return [*head, t("due.totals", lang, silent=sum(e.silent for e in every), **totals)]


def _counts(unit: UnitChase, lang: Lang) -> str:
    return t(
        "due.unit_counts",
        lang,
        red=unit.count(WarningLevel.RED),
        yellow=unit.count(WarningLevel.YELLOW),
        blue=unit.count(WarningLevel.BLUE),
        silent=unit.silent,
    )


def chase_renderable(
    units: list[UnitChase],
    as_of: dt.date,
    lang: Lang,
    *,
    width: int,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
    limit: int = SCREEN_UNIT_ROWS,
) -> RenderableType:
    """The chase list for a terminal `width` columns wide: heading, totals, a table per unit.

    A unit with more than ``limit`` entries shows its first ``limit`` (the most
    urgent) and a line counting the rest; a note at the end says how to see all.
    """
    title, rules, *rest = _head(units, as_of, lang, due_soon_days, Fraction(margin))
    parts: list[RenderableType] = [user_text(title, style="bold"), paragraph(rules, width, "dim")]
    if not any(unit.entries for unit in units):
        parts.append(user_text(rest[0]))
        return Group(*parts)
    parts.append(paragraph(rest[0], width))
    rows = {id(unit): [_cells(entry, lang) for entry in unit.entries[:limit]] for unit in units}
    names = _CHASED if any_chased(units) else _COLUMNS
    every_row = [row for found in rows.values() for row in found]
    layout = fit(_columns(every_row, lang, names), DUE_IMPORTANCE, width)
    cut = False
    for unit in units:
        parts += [user_text(""), _unit_table(unit, rows[id(unit)], layout, lang, width, names)]
        if len(unit.entries) > limit:
            more = t("due.unit_more", lang, unit=unit.unit, rest=len(unit.entries) - limit)
            parts.append(paragraph(more, width, "dim"))
            cut = True
    note = hidden_note(layout, lang, width, command="due")
    parts += [user_text(""), note] if note is not None else []
    if cut:
        parts += [user_text(""), paragraph(t("due.more", lang, shown=limit), width, "dim")]
    return Group(*parts)


def chase_lines(
    units: list[UnitChase],
    as_of: dt.date,
    lang: Lang,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> list[str]:
    """The chase list for a file or a pipe: the same words as the tables, as plain lines.

    Heading and totals, then for each unit a blank line, the unit and its counts,
    the header and one line per entry, every unit's columns aligned alike.
    """
    head = [terminal(line) for line in _head(units, as_of, lang, due_soon_days, Fraction(margin))]
    if not any(unit.entries for unit in units):
        return head
    names = _CHASED if any_chased(units) else _COLUMNS
    cells = []
    for unit in units:
        for entry in unit.entries:
            words = _words(entry, lang)
            cells.append([terminal(words[name]) for name in names])
    headers = [t(f"due.col.{name}", lang) for name in names]
    table = plain_lines(headers, cells, [name in _RIGHT for name in names])
    lines, at = head, 1
    for unit in units:
        lines += [
            "",
            terminal(f"{unit.unit}  {_counts(unit, lang)}"),
            table[0],
            *table[at : at + len(unit.entries)],
        ]
        at += len(unit.entries)
    return lines


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
