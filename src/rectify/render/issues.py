"""Issues for the terminal and for scripts: the `list` table, the `show` view, JSON and CSV.

User text (titles, units, notes) is data: it goes into rich.text.Text, never
into markup, and terminal control characters are shown as visible escapes
(``\\x1b``), so a title such as ``[red]x[/]`` or one holding an escape sequence
prints as typed and cannot drive the terminal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rectify.follow import (
    PACE_MARGIN,
    Assessment,
    WarningLevel,
    assess,
    level_label,
    level_meaning,
)
from rectify.i18n import Lang, label, t
from rectify.metrics import (
    DUE_SOON_DAYS,
    IssueState,
    Item,
    completion_value,
    format_completion,
)
from rectify.model import Issue, Ledger, Source, Status, Track
from rectify.notice import percent, points
from rectify.render.warnings import LEVEL_STYLES

# C0 and C1 controls (tab and newline are handled apart) and the bidirectional
# overrides that can make text read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

OVERDUE_STYLE = "bold red"
DUE_SOON_STYLE = "yellow"
DONE_STYLE = "green"
TITLE_MIN = 16  # cells: eight Chinese characters; other columns wrap first on a narrow terminal


def safe(text: str, *, multiline: bool = False) -> str:
    """User text made harmless for a terminal: control characters become visible escapes.

    Newlines are kept when ``multiline``, else shown as spaces; tabs become spaces.
    """
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")

    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(escape, text)


def plain(text: str | None, *, style: str = "", multiline: bool = False) -> Text:
    """User text as a Rich Text: never read as markup, controls escaped, no trailing blank lines."""
    return Text(safe(text or "", multiline=multiline).rstrip(), style=style)


# --- choosing the issues ------------------------------------------------------------------


def status_on(issue: Issue, state: IssueState) -> Status:
    """The status an issue had on the state's date, read from its dated history."""
    if state.dismissed:
        return Status.DISMISSED
    if state.closed:
        return Status.CLOSED
    if state.rectified:
        return Status.RECTIFIED
    if issue.progress:
        started = issue.progress[0].date <= state.as_of
        return Status.IN_PROGRESS if started else Status.OPEN
    if issue.status in (Status.OPEN, Status.IN_PROGRESS):
        return issue.status
    return Status.IN_PROGRESS if state.completion > 0 else Status.OPEN


@dataclass(frozen=True, slots=True)
class Row:
    """One issue of a listing, with where it stood on the listing's date."""

    item: Item
    state: IssueState
    status: Status
    warning: WarningLevel = WarningLevel.NONE  # the three-colour warning (三色预警) on that date


@dataclass(frozen=True, slots=True)
class Filters:
    """What `rectify list` keeps; None or False keeps everything."""

    unit: str | None = None
    status: Status | None = None
    track: Track | None = None
    source: Source | None = None
    overdue: bool = False
    due_within: int | None = None
    warnings: frozenset[WarningLevel] = frozenset()  # keep issues with one of these levels


def select(
    ledgers: Sequence[Ledger],
    filters: Filters,
    *,
    as_of: dt.date,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int = PACE_MARGIN,
) -> list[Row]:
    """The issues that existed on ``as_of`` and pass the filters, by deadline in force.

    ``overdue`` and ``due_within`` together keep issues that are either: an
    issue cannot be both. ``warnings`` keeps issues whose warning level is one of them.
    """
    rows: list[tuple[tuple[dt.date, int, int], Row]] = []
    for index, ledger in enumerate(ledgers):
        for position, issue in enumerate(ledger.issues):
            item = Item(ledger, issue)
            found = assess(item, as_of, due_soon_days=due_soon_days, margin=margin)
            state = found.state
            if not state.exists:
                continue
            row = Row(item, state, status_on(issue, state), found.level)
            if _keeps(row, filters, as_of):
                rows.append(((state.deadline, index, position), row))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def _keeps(row: Row, filters: Filters, as_of: dt.date) -> bool:
    issue, state = row.item.issue, row.state
    if filters.unit is not None and filters.unit not in (issue.lead_unit, *issue.co_units):
        return False
    if filters.status is not None and row.status is not filters.status:
        return False
    if filters.track is not None and issue.track is not filters.track:
        return False
    if filters.source is not None and issue.source is not filters.source:
        return False
    if filters.warnings and row.warning not in filters.warnings:
        return False
    if filters.overdue or filters.due_within is not None:
        pending = state.counted and not state.rectified
        soon = (
            filters.due_within is not None
            and pending
            and as_of <= state.deadline <= as_of + dt.timedelta(days=filters.due_within)
        )
        return (filters.overdue and state.overdue) or soon
    return True


def units_of(ledgers: Iterable[Ledger]) -> list[str]:
    """Every lead and co-unit named in the ledgers, once each, in order of appearance."""
    names = (u for lg in ledgers for i in lg.issues for u in (i.lead_unit, *i.co_units))
    return list(dict.fromkeys(names))


# --- words ------------------------------------------------------------------------------------


def due_words(state: IssueState, lang: Lang, due_soon_days: int) -> str:
    """How the issue stands against its deadline: 逾期 12 天 / 临期，剩 5 天; empty otherwise."""
    if state.overdue:
        return t("list.overdue_days", lang, days=(state.as_of - state.deadline).days)
    if state.due_soon:
        return t("list.due_in_days", lang, days=(state.deadline - state.as_of).days)
    return ""


def _row_style(row: Row) -> str:
    if row.state.overdue:
        return OVERDUE_STYLE
    if row.state.due_soon:
        return DUE_SOON_STYLE
    return ""


# --- list ---------------------------------------------------------------------------------------


_GAP = 2  # cells between two columns: the right padding and the blank divider
_DROPPED_FIRST = ("ledger", "deadline", "lead_unit")  # what a narrow terminal gives up, in order
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


def _cells(row: Row, lang: Lang, due_soon_days: int) -> dict[str, Text]:
    issue, state = row.item.issue, row.state
    return {
        "ledger": plain(row.item.ledger.ledger.id),
        "warning": warning_cell(row.warning, lang),
        "id": plain(issue.id),
        "title": plain(issue.title),
        "lead_unit": plain(issue.lead_unit),
        "deadline": Text(state.deadline.isoformat()),
        "status": Text(label("status", row.status.value, lang), style=_status_style(row.status)),
        "completion": Text(format_completion(state.completion)),
        "due": Text(due_words(state, lang, due_soon_days)),
    }


def warning_cell(level: WarningLevel, lang: Lang) -> Text:
    """The narrow warning cell of a listing: 红 / 黄 / 蓝 in its colour, blank for none."""
    if level is WarningLevel.NONE:
        return Text("")
    return Text(level_label(level, lang), style=LEVEL_STYLES[level])


def _header(name: str, lang: Lang) -> str:
    if name in ("due", "warning"):
        return t(f"list.col.{name}", lang)
    return t(f"field.{name}", lang)


def _columns(
    cells: Sequence[dict[str, Text]], lang: Lang, width: int, show_ledger: bool
) -> dict[str, int | None]:
    """The columns that fit in ``width``, each with the width it may take (None: as needed).

    On a narrow terminal the ledger, the deadline (the due column still says
    how late) and then the unit give way, so that the title keeps room.
    """
    shown = [name for name in LIST_COLUMNS if show_ledger or name != "ledger"]
    natural = {
        name: max([cell_len(_header(name, lang)), *(row[name].cell_len for row in cells)])
        for name in shown
    }

    def needed(names: list[str], unit: int) -> int:
        fixed = sum(natural[n] for n in names if n not in ("title", "lead_unit"))
        unit_part = min(natural["lead_unit"], unit) if "lead_unit" in names else 0
        return fixed + unit_part + TITLE_MIN + _GAP * (len(names) - 1)

    for dropped in _DROPPED_FIRST:
        if needed(shown, UNIT_MIN) <= width:
            break
        shown = [name for name in shown if name != dropped]
    widths: dict[str, int | None] = dict.fromkeys(shown)
    # What the title and the unit share: the unit gets up to a third, the title the rest.
    room = width - needed(shown, 0) + TITLE_MIN
    if "lead_unit" in shown:
        share = max(UNIT_MIN, room // 3) // 2 * 2  # even: a Chinese character takes two cells
        widths["lead_unit"] = min(natural["lead_unit"], share)
        room -= widths["lead_unit"] or 0
    widths["title"] = min(natural["title"], max(room, TITLE_MIN))
    return widths


def issues_table(
    rows: Sequence[Row], lang: Lang, *, due_soon_days: int, show_ledger: bool, width: int = 120
) -> Table:
    """The `list` table: one row per issue, overdue rows in bold red, due-soon ones in yellow."""
    cells = [_cells(row, lang, due_soon_days) for row in rows]
    shown = _columns(cells, lang, width, show_ledger)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
    for name, size in shown.items():
        table.add_column(
            _header(name, lang),
            no_wrap=name not in ("title", "lead_unit"),
            overflow="fold",
            justify="right" if name == "completion" else "left",
            width=size,
        )
    for row, values in zip(rows, cells, strict=True):
        table.add_row(*(values[name] for name in shown), style=_row_style(row))
    return table


def _status_style(status: Status) -> str:
    return DONE_STYLE if status in (Status.RECTIFIED, Status.CLOSED) else ""


def list_summary(rows: Sequence[Row], lang: Lang, as_of: dt.date) -> str:
    """The line under the table: how many issues, how many overdue and due soon, as of when."""
    overdue = sum(1 for row in rows if row.state.overdue)
    soon = sum(1 for row in rows if row.state.due_soon)
    return t("list.summary", lang, count=len(rows), overdue=overdue, soon=soon, as_of=as_of)


def list_view(
    rows: Sequence[Row], lang: Lang, *, as_of: dt.date, due_soon_days: int, width: int = 120
) -> RenderableType:
    """The whole `list` output: the table and its summary, or a sentence when nothing matches."""
    if not rows:
        return Text(t("list.none", lang, as_of=as_of))
    show_ledger = len({id(row.item.ledger) for row in rows}) > 1
    table = issues_table(
        rows, lang, due_soon_days=due_soon_days, show_ledger=show_ledger, width=width
    )
    return Group(table, Text(""), Text(list_summary(rows, lang, as_of)))


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
    text = Text(name, style=LEVEL_STYLES[level])
    text.append(t("show.warning.sep", lang) + t(f"show.warning.{key}", lang, **figures))
    return text


def _field_rows(
    ledger: Ledger, issue: Issue, entry: Assessment, lang: Lang, due_soon_days: int
) -> list[tuple[str, Text]]:
    """Every field of an issue that has a value, as (label, value) in the format's order."""
    state = entry.state
    rows: list[tuple[str, Text]] = [
        (t("field.ledger", lang), plain(ledger.ledger.id)),
        (t("field.title", lang), plain(issue.title, multiline=True)),
    ]

    def add(key: str, value: Text | None) -> None:
        if value is not None and value.plain:
            rows.append((t(f"field.{key}", lang), value))

    add("description", plain(issue.description, multiline=True))
    add("source", Text(label("source", issue.source.value, lang)))
    add("track", Text(label("track", issue.track.value, lang)))
    add("lead_unit", plain(issue.lead_unit))
    add("co_units", plain("、".join(issue.co_units)))
    add("owner", plain(issue.owner))
    assigned = ledger.assigned_on(issue)
    add("assigned_on", Text(assigned.isoformat()) if assigned else None)
    deadline = Text(issue.deadline.isoformat())
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
    add("planned_on", Text(issue.planned_on.isoformat()) if issue.planned_on else None)
    add("measures", plain(issue.measures, multiline=True))
    then = status_on(issue, state)
    status = Text(label("status", then.value, lang), style=_status_style(then))
    words = due_words(state, lang, due_soon_days)
    if words:
        status.append(f"  {words}", style=OVERDUE_STYLE if state.overdue else DUE_SOON_STYLE)
    add("status", status)
    add("completion", Text(format_completion(state.completion)))
    rows.extend((t("show.warning", lang), line) for line in [warning_line(entry, lang)] if line)
    add("rectified_on", Text(issue.rectified_on.isoformat()) if issue.rectified_on else None)
    if issue.verification is not None:
        add("verification", _verification(issue, lang))
    add("reason", plain(issue.reason, multiline=True))
    add("dismissed_on", Text(issue.dismissed_on.isoformat()) if issue.dismissed_on else None)
    add("evidence", plain("、".join(issue.evidence)))
    add("carried_from", plain(issue.carried_from))
    for key, value in issue.extensions.items():
        rows.append((safe(key), plain(_scalar(value), multiline=True)))
    return rows


def _verification(issue: Issue, lang: Lang) -> Text:
    check = issue.verification
    assert check is not None
    parts = [p for p in (check.by, check.date.isoformat() if check.date else None) if p]
    text = plain("，".join(parts) if lang == "zh" else ", ".join(parts))
    if check.note:
        text.append_text(plain(f"（{check.note}）" if lang == "zh" else f" ({check.note})"))
    return text


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Event:
    """One dated line of an issue's timeline."""

    date: dt.date
    order: int  # events of one day: assigned, progress, deadline, rectified, closed, dismissed
    what: Text
    completion: str
    note: Text


def timeline(ledger: Ledger, issue: Issue, lang: Lang) -> list[Event]:
    """The history of an issue, oldest first: assignment, progress, deadline changes, sign-off."""
    events: list[Event] = []
    assigned = ledger.assigned_on(issue)
    if assigned is not None:
        events.append(Event(assigned, 0, Text(t("show.ev.assigned", lang)), "", Text("")))
    for entry in issue.progress:
        events.append(
            Event(
                entry.date,
                1,
                Text(t("show.ev.progress", lang)),
                format_completion(completion_value(entry.completion)),
                plain(entry.note, multiline=True),
            )
        )
    for change in issue.deadline_changes:
        what = t("show.ev.deadline", lang, from_=change.from_, to=change.to)
        events.append(Event(change.date, 2, Text(what), "", plain(change.reason, multiline=True)))
    if issue.rectified_on is not None:
        events.append(
            Event(issue.rectified_on, 3, Text(t("show.ev.rectified", lang)), "", Text(""))
        )
    check = issue.verification
    if check is not None and check.date is not None:
        who = plain(check.by)
        if check.note:
            who.append_text(plain(f"（{check.note}）" if lang == "zh" else f" ({check.note})"))
        events.append(Event(check.date, 4, Text(t("show.ev.closed", lang)), "", who))
    if issue.dismissed_on is not None:
        dismissed = Text(t("show.ev.dismissed", lang))
        reason = plain(issue.reason, multiline=True)
        events.append(Event(issue.dismissed_on, 5, dismissed, "", reason))
    return sorted(events, key=lambda e: (e.date, e.order))


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
    heading = plain(issue.id, style="bold")
    heading.append("  ")
    heading.append_text(plain(issue.title, style="bold"))
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    for name, value in _field_rows(ledger, issue, entry, lang, due_soon_days):
        fields.add_row(Text(name), value)
    history = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    history.add_column(t("show.col.date", lang), no_wrap=True)
    history.add_column(t("show.col.event", lang), no_wrap=True)
    history.add_column(t("field.completion", lang), justify="right", no_wrap=True)
    history.add_column(t("show.col.note", lang), overflow="fold", ratio=1)
    for event in timeline(ledger, issue, lang):
        history.add_row(
            Text(event.date.isoformat()), event.what, Text(event.completion), event.note
        )
    return Group(
        heading,
        Text(""),
        fields,
        Text(""),
        Text(t("show.timeline", lang), style="bold"),
        history,
    )


# --- for scripts ----------------------------------------------------------------------------------


def issue_data(ledger: Ledger, issue: Issue, warning: WarningLevel | None = None) -> dict[str, Any]:
    """An issue as JSON-ready data with the format's key names, after a "ledger" key (its id).

    With a ``warning``, a last "warning" key holds "red", "yellow", "blue" or None.
    """
    from rectify.yamledit import issue_to_data

    data = {"ledger": ledger.ledger.id, **_jsonable(issue_to_data(issue))}
    if warning is not None:
        data["warning"] = warning_value(warning)
    return data


def warning_value(level: WarningLevel) -> str | None:
    """A warning level for scripts: "red", "yellow", "blue", or None for no warning."""
    return None if level is WarningLevel.NONE else level.value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Status | Track | Source):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


CSV_KEYS: tuple[str, ...] = (
    "ledger",
    "id",
    "title",
    "source",
    "track",
    "lead_unit",
    "co_units",
    "owner",
    "assigned_on",
    "deadline",
    "planned_on",
    "status",
    "completion",
    "rectified_on",
    "verification.by",
    "verification.date",
    "reason",
    "dismissed_on",
    "description",
    "measures",
    "carried_from",
    "warning",
)


def issues_csv(rows: Sequence[Row]) -> str:
    """The issues as CSV with the format's key names as headers; lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_KEYS)
    for row in rows:
        data = issue_data(row.item.ledger, row.item.issue)
        check = data.get("verification") or {}
        cells: list[str] = []
        for key in CSV_KEYS:
            if key.startswith("verification."):
                value = check.get(key.split(".", 1)[1])
            elif key == "warning":
                value = warning_value(row.warning)
            elif key == "assigned_on":
                assigned = row.item.assigned_on
                value = assigned.isoformat() if assigned else None
            else:
                value = data.get(key)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    return buffer.getvalue()
