"""Issues for the terminal: the `list` table and the `show` view with its timeline.

User text (titles, units, notes) goes in through render.user_text, never as
markup, so a title such as ``[red]x[/]`` or one holding an escape sequence
prints as typed and cannot drive the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rectify.figures.select import Row
from rectify.figures.state import DUE_SOON_DAYS, IssueState, Item
from rectify.figures.warnings import (
    PACE_MARGIN,
    Assessment,
    WarningLevel,
    assess,
    level_label,
    level_meaning,
)
from rectify.i18n import Lang, label, t
from rectify.model import Issue, Ledger, Status, evidence_path
from rectify.numbers import format_completion, percent, points
from rectify.output.timeline import Event, timeline
from rectify.render import user_text
from rectify.render.table import (
    AtWidth,
    Column,
    Fitted,
    fitted_table,
    hidden_note,
    paragraph,
    plain_lines,
    text_width,
    wrap,
)
from rectify.render.warnings import LEVEL_COLORS, LEVEL_STYLES
from rectify.text import terminal

OVERDUE_STYLE = LEVEL_COLORS[WarningLevel.RED]  # an overdue issue is a red one
DUE_SOON_STYLE = LEVEL_COLORS[WarningLevel.BLUE]  # a due-soon one is blue (never yellow)
DONE_STYLE = "green"
CARRIED_STYLE = "dim"  # last year's copy of a carried problem: a record, not a live row
TITLE_MIN = 16  # cells: eight Chinese characters; other columns wrap first on a narrow terminal


# --- choosing the issues ------------------------------------------------------------------


# --- words ------------------------------------------------------------------------------------


def due_words(state: IssueState, lang: Lang, due_soon_days: int) -> str:
    """How the issue stands against its deadline: 逾期 12 天 / 临期，剩 5 天; empty otherwise."""
    if state.overdue:
        return t("list.overdue_days", lang, days=(state.as_of - state.deadline).days)
    if state.due_soon:
        return t("list.due_in_days", lang, days=(state.deadline - state.as_of).days)
    return ""


def _row_style(row: Row) -> str:
    if row.successor:
        return CARRIED_STYLE
    if row.state.overdue:
        return OVERDUE_STYLE
    if row.state.due_soon:
        return DUE_SOON_STYLE
    return ""


# --- list ---------------------------------------------------------------------------------------


UNIT_MIN = 8
LIST_COLUMNS = (
    "ledger",
    "warning",
    "id",
    "title",
    "lead_unit",
    "deadline",
    "status",
    "completion",
    "due",
)
# Most important first: a narrow terminal leaves out the last ones. The deadline, which
# the list is sorted by, and the id and title always stay.
LIST_IMPORTANCE = (
    "id",
    "deadline",
    "title",
    "warning",
    "completion",
    "lead_unit",
    "due",
    "status",
    "ledger",
)
_KEPT = ("id", "deadline", "title")


def _words(row: Row, lang: Lang, due_soon_days: int) -> dict[str, str]:
    """The words of a row's cells as typed (not yet shown safe), for the table and the lines."""
    issue, state = row.item.issue, row.state
    return {
        "ledger": row.item.ledger.ledger.id,
        "warning": "" if row.warning is WarningLevel.NONE else level_label(row.warning, lang),
        "id": issue.id,
        "title": issue.title,
        "lead_unit": issue.lead_unit,
        "deadline": state.deadline.isoformat(),
        "status": label("status", row.status.value, lang),
        "completion": format_completion(state.completion),
        "due": _due_words(row, lang, due_soon_days),
    }


def _cells(row: Row, lang: Lang, due_soon_days: int) -> dict[str, Text]:
    words = _words(row, lang, due_soon_days)
    styles = {
        "warning": LEVEL_STYLES[row.warning],
        "status": _status_style(row.status),
        "due": CARRIED_STYLE if row.successor else "",
    }
    return {name: user_text(text, style=styles.get(name, "")) for name, text in words.items()}


def _header(name: str, lang: Lang) -> str:
    if name in ("due", "warning"):
        return t(f"list.col.{name}", lang)
    return t(f"field.{name}", lang)


def _list_columns(cells: Sequence[dict[str, Text]], lang: Lang, show_ledger: bool) -> list[Column]:
    columns = []
    for name in LIST_COLUMNS:
        if name == "ledger" and not show_ledger:
            continue
        wraps = name in ("title", "lead_unit")
        columns.append(
            Column(
                name,
                _header(name, lang),
                [row[name] for row in cells],
                wrap=wraps,
                min_width={"title": TITLE_MIN, "lead_unit": UNIT_MIN}.get(name, 8),
                justify="right" if name == "completion" else "left",
                keep=name in _KEPT,
            )
        )
    return columns


def list_table(
    rows: Sequence[Row], lang: Lang, *, due_soon_days: int, show_ledger: bool, width: int = 120
) -> tuple[Table, Fitted]:
    """The `list` table fitted to ``width``, and what was left out.

    Overdue rows are red, due-soon ones blue, as their warnings (render.warnings).
    """
    cells = [_cells(row, lang, due_soon_days) for row in rows]
    return fitted_table(
        _list_columns(cells, lang, show_ledger),
        LIST_IMPORTANCE,
        width,
        row_styles=[_row_style(row) for row in rows],
    )


def issues_table(
    rows: Sequence[Row], lang: Lang, *, due_soon_days: int, show_ledger: bool, width: int = 120
) -> Table:
    """The `list` table: one row per issue, overdue rows in red, due-soon ones in blue."""
    return list_table(
        rows, lang, due_soon_days=due_soon_days, show_ledger=show_ledger, width=width
    )[0]


def _status_style(status: Status) -> str:
    return DONE_STYLE if status.done else ""


def _due_words(row: Row, lang: Lang, due_soon_days: int) -> str:
    if row.carried_to:
        return t("list.carried_to", lang, target=row.carried_to)
    if row.handed_to:
        return t("list.handed_to", lang, target=row.handed_to)
    return due_words(row.state, lang, due_soon_days)


def list_summary(rows: Sequence[Row], lang: Lang, as_of: dt.date) -> str:
    """The line under the table: how many issues, how many overdue and due soon, as of when.

    Last year's copies of carried problems, and the higher level's copies of problems
    handed down, are not counted again, only named.
    """
    live = [row for row in rows if not row.successor]
    overdue = sum(1 for row in live if row.state.overdue)
    soon = sum(1 for row in live if row.state.due_soon)
    carried = len(rows) - len(live)
    key = "list.summary.carried" if carried else "list.summary"
    return t(key, lang, count=len(live), overdue=overdue, soon=soon, as_of=as_of, carried=carried)


#: The most rows `list` lays out as a table at a terminal; a longer list shows these
#: first and says how to see the rest (a Rich table of 10,000 rows takes seconds).
SCREEN_ROWS = 200


def list_view(
    rows: Sequence[Row],
    lang: Lang,
    *,
    as_of: dt.date,
    due_soon_days: int,
    width: int = 120,
    limit: int = SCREEN_ROWS,
) -> RenderableType:
    """The whole `list` output: the table and its summary, or a sentence when nothing matches.

    A list longer than ``limit`` rows shows its first ``limit`` and a line
    saying how many more there are and how to see them; the summary counts all.
    """
    if not rows:
        return user_text(t("list.none", lang, as_of=as_of))
    show_ledger = len({id(row.item.ledger) for row in rows}) > 1
    table, laid = list_table(
        rows[:limit], lang, due_soon_days=due_soon_days, show_ledger=show_ledger, width=width
    )
    note = hidden_note(laid, lang, width, command="list")
    parts: list[RenderableType] = [table, user_text("")]
    parts += [note] if note is not None else []
    if len(rows) > limit:
        more = t("list.more", lang, shown=limit, count=len(rows), rest=len(rows) - limit)
        parts.append(paragraph(more, width, "dim"))
    parts.append(user_text(list_summary(rows, lang, as_of)))
    return Group(*parts)


def list_lines(rows: Sequence[Row], lang: Lang, *, as_of: dt.date, due_soon_days: int) -> list[str]:
    """The `list` output for a file or a pipe: the same columns and words as the table,
    as plain aligned lines (header, one line per issue, the summary), no Rich layout.
    """
    if not rows:
        return [terminal(t("list.none", lang, as_of=as_of))]
    show_ledger = len({id(row.item.ledger) for row in rows}) > 1
    names = [name for name in LIST_COLUMNS if show_ledger or name != "ledger"]
    cells = []
    for row in rows:
        words = _words(row, lang, due_soon_days)
        cells.append([terminal(words[name]) for name in names])
    headers = [_header(name, lang) for name in names]
    table = plain_lines(headers, cells, [name == "completion" for name in names])
    return [*table, "", terminal(list_summary(rows, lang, as_of))]


# --- show ---------------------------------------------------------------------------------------


def warning_line(entry: Assessment, lang: Lang) -> Text | None:
    """The warning of an issue and the figures behind it; None when it is not pending.

    黄色预警（进度滞后）：完成进度 40%，序时进度 65.2%，落后 25.2 个百分点
    """
    if not entry.pending:
        return None
    level = entry.level
    figures = {
        "completion": percent(entry.state.completion),
        "deadline": entry.state.deadline.isoformat(),
        "days": entry.days_overdue if level is WarningLevel.RED else entry.days_left,
        "expected": percent(entry.expected) if entry.expected is not None else "",
        "behind": points(entry.behind) if entry.behind is not None else "",
    }
    key = level.value
    if level is WarningLevel.BLUE and entry.days_left == 0:
        key = "blue_today"
    elif level is WarningLevel.NONE and entry.expected is None:
        key = "none_no_pace"
    name = t(f"follow.level.{level.value}.name", lang)
    if level is not WarningLevel.NONE:
        name = t("show.warning.named", lang, name=name, meaning=level_meaning(level, lang))
    text = user_text(name, style=LEVEL_STYLES[level])
    text.append(t("show.warning.sep", lang) + t(f"show.warning.{key}", lang, **figures))
    return text


def _field_rows(
    ledger: Ledger, issue: Issue, entry: Assessment, lang: Lang, due_soon_days: int
) -> list[tuple[str, Text]]:
    """Every field of an issue that has a value, as (label, value) in the format's order."""
    state = entry.state
    rows: list[tuple[str, Text]] = [
        (t("field.ledger", lang), user_text(ledger.ledger.id)),
        (t("field.title", lang), user_text(issue.title, multiline=True)),
    ]

    def add(key: str, value: Text | None) -> None:
        if value is not None and value.plain:
            rows.append((t(f"field.{key}", lang), value))

    add("description", user_text(issue.description, multiline=True))
    add("source", user_text(label("source", issue.source.value, lang)))
    add("category", user_text(issue.category))
    add("track", user_text(label("track", issue.track.value, lang)))
    add("lead_unit", user_text(issue.lead_unit))
    add("co_units", user_text("、".join(issue.co_units)))
    add("owner", user_text(issue.owner))
    assigned = ledger.assigned_on(issue)
    add("assigned_on", user_text(assigned.isoformat()) if assigned else None)
    deadline = user_text(issue.deadline.isoformat())
    if issue.deadline_changes:
        deadline.append(
            t(
                "show.deadline_changed",
                lang,
                original=issue.original_deadline,
                count=len(issue.deadline_changes),
            )
        )
    add("deadline", deadline)
    add("planned_on", user_text(issue.planned_on.isoformat()) if issue.planned_on else None)
    add("measures", user_text(issue.measures, multiline=True))
    add("target", user_text(issue.target, multiline=True))
    then = state.status
    status = user_text(label("status", then.value, lang), style=_status_style(then))
    words = due_words(state, lang, due_soon_days)
    if words:
        status.append(f"  {words}", style=OVERDUE_STYLE if state.overdue else DUE_SOON_STYLE)
    add("status", status)
    add("completion", user_text(format_completion(state.completion)))
    rows.extend((t("show.warning", lang), line) for line in [warning_line(entry, lang)] if line)
    add("rectified_on", user_text(issue.rectified_on.isoformat()) if issue.rectified_on else None)
    if issue.verification is not None:
        add("verification", _verification(issue, lang))
    add("reason", user_text(issue.reason, multiline=True))
    add("dismissed_on", user_text(issue.dismissed_on.isoformat()) if issue.dismissed_on else None)
    add("evidence", user_text("、".join(map(evidence_path, issue.evidence))))
    add("carried_from", user_text(issue.carried_from))
    add("handed_from", user_text(issue.handed_from))
    for key, value in issue.extensions.items():
        rows.append((terminal(key), user_text(_scalar(value), multiline=True)))
    return rows


def _verification(issue: Issue, lang: Lang) -> Text:
    check = issue.verification
    assert check is not None
    parts = [p for p in (check.by, check.date.isoformat() if check.date else None) if p]
    text = user_text("，".join(parts) if lang == "zh" else ", ".join(parts))
    if check.note:
        text.append_text(user_text(f"（{check.note}）" if lang == "zh" else f" ({check.note})"))
    return text


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


def issue_view(
    ledger: Ledger,
    issue: Issue,
    lang: Lang,
    *,
    as_of: dt.date,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int = PACE_MARGIN,
) -> RenderableType:
    """The `show` output: a heading, every field with the warning, then the timeline."""
    entry = assess(Item(ledger, issue), as_of, due_soon_days=due_soon_days, margin=margin)
    heading = user_text(issue.id, style="bold")
    heading.append("  ")
    heading.append_text(user_text(issue.title, style="bold"))
    rows = _field_rows(ledger, issue, entry, lang, due_soon_days)
    events = timeline(ledger.assigned_on(issue), issue, lang)
    return Group(
        heading,
        user_text(""),
        AtWidth(lambda width: _fields(rows, width)),
        user_text(""),
        user_text(t("show.timeline", lang), style="bold"),
        AtWidth(lambda width: _history(events, lang, width)),
    )


def _fields(rows: Sequence[tuple[str, Text]], width: int) -> RenderableType:
    """Every field, its name then its value, the value wrapped by Chinese line-breaking rules."""
    label_width = max((text_width(name) for name, _ in rows), default=0)
    room = max(width - label_width - 2, 12)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(no_wrap=True, overflow="fold")
    for name, value in rows:
        grid.add_row(user_text(name), wrap(value, room))
    return grid


def _history(events: Sequence[Event], lang: Lang, width: int) -> RenderableType:
    """The timeline as a fitted table: dates and completions whole, what and notes wrapped."""
    columns = [
        Column("date", t("show.col.date", lang), [user_text(e.date.isoformat()) for e in events],
               keep=True),
        Column("what", t("show.col.event", lang), [user_text(e.what) for e in events], wrap=True,
               min_width=10, keep=True),
        Column("completion", t("field.completion", lang),
               [user_text(e.completion) for e in events], justify="right", keep=True),
        Column("note", t("show.col.note", lang),
               [user_text(e.note, multiline=True) for e in events], wrap=True,
               min_width=10),
    ]  # fmt: skip
    table, laid = fitted_table(columns, ["date", "what", "completion", "note"], width)
    note = hidden_note(laid, lang, width, command="show")
    return table if note is None else Group(table, note)
