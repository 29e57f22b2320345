"""Figures in words: headlines, table cells, JSON data, Markdown tables and the monthly report.

Pure: issues and figures (rectify.metrics) in, text out. No I/O, no clock and
no Rich here; rectify.render.figures lays the same words out for a terminal.
User text (titles, unit names, notes, paths) is always escaped for Markdown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from rectify.facts import Fact, dedupe, figures_of, from_assessment, groups_of
from rectify.follow import (
    LEVELS,
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
    NO_VALUE,
    Figures,
    Group,
    GroupBy,
    IssueState,
    Item,
    Month,
    MonthRow,
    days_overdue,
    dedupe_carried,
    figures,
    format_completion,
    format_percent,
    format_points,
    in_month,
    items,
    month_end,
    month_of,
    month_row,
    monthly_series,
    rate,
    tally,
)
from rectify.model import Issue, Ledger, Track

MAX_MONTHS = 24  # the longest month-by-month table: two years of a problem list
FEW_REMAINING = 3  # at most this many unrectified problems are named in the status summary
SHORT_HASH = 12
AGEING: tuple[tuple[int, int | None], ...] = ((1, 30), (31, 60), (61, 90), (91, None))

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_CHINESE_NUMBERS = "一二三四五六七八九十"

# --- user text ----------------------------------------------------------------------------

_BREAKS = re.compile(r"\s*[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
# C0/C1 controls (ESC starts terminal escapes) and bidi overrides, which reorder what is shown.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&$!])")


def plain(text: str) -> str:
    """User text on one line: line breaks become one space, control characters are dropped."""
    return _UNSAFE.sub("", _BREAKS.sub(" ", text.strip()))


def md_escape(text: str) -> str:
    """User text for Markdown: one line, every character that could start markup escaped.

    Covers tables (``|``), emphasis (``*`` ``_`` ``~``), links (``[ ]``), code
    (`````), raw HTML and entities (``< > &``) and math (``$``).
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex, as the report's footer names a ledger."""
    return hashlib.sha256(data).hexdigest()


# --- numbers and dates in words ---------------------------------------------------------


def long_date(day: dt.date, lang: Lang) -> str:
    """A date as prose writes it: 2024年11月30日 / 30 November 2024."""
    name = _MONTH_NAMES[day.month - 1]
    return t("fig.date", lang, year=day.year, month=day.month, day=day.day, month_name=name)


def long_month(month: Month, lang: Lang) -> str:
    """A month as prose writes it: 2024年11月 / November 2024."""
    year, number = month
    return t("fig.month", lang, year=year, month=number, month_name=_MONTH_NAMES[number - 1])


def month_label(month: Month) -> str:
    """A month as tables write it: 2024-11."""
    return f"{month[0]:04d}-{month[1]:02d}"


def ratio(numerator: int, denominator: int) -> str:
    """A rate with what it is out of, cut toward zero: '73.1% (30/41)'; '— (0/0)' for none."""
    return f"{format_percent(rate(numerator, denominator))} ({numerator}/{denominator})"


def signed_points(value: Fraction | None) -> str:
    """A change in percentage points with its sign, cut toward zero: '+14.6', '-2.3', '0.0'."""
    text = format_points(value)
    return f"+{text}" if value is not None and value > 0 and text != "0.0" else text


def _count(key: str, n: int, lang: Lang) -> str:
    """A counted phrase, singular in English when n is 1."""
    one = f"{key}.one"
    return t(one if n == 1 and lang == "en" else key, lang, n=n)


def heading_number(index: int, lang: Lang) -> str:
    if lang == "zh" and index <= len(_CHINESE_NUMBERS):
        return f"{_CHINESE_NUMBERS[index - 1]}、"
    return f"{index}. "


# --- status: headline and summary --------------------------------------------------------


def headline(figs: Figures, lang: Lang, warnings: WarningCounts | None = None) -> str:
    """One line of the figures that matter, every rate with its denominator.

    '42 个问题 · 计入 41 个 · 已整改 30 个 · 整改完成率 73.1%（30/41，1 个不予整改不计入）· …'
    With `warnings`, the counts of the three-colour warnings close the line:
    '… · 逾期 2 个 · 红色预警 2 个 · 黄色预警 0 个 · 蓝色预警 1 个'.
    """
    if figs.total == 0:
        return t("fig.no_problems", lang)
    parts = [_count("fig.h.total", figs.total, lang)]
    if figs.counted != figs.total:
        parts.append(t("fig.h.counted", lang, n=figs.counted))
    parts.append(t("fig.h.rectified", lang, n=figs.rectified))
    rate_key = "fig.h.rate.dismissed" if figs.dismissed else "fig.h.rate"
    parts.append(
        t(
            rate_key,
            lang,
            rate=format_percent(figs.rectified_rate),
            numerator=figs.rectified,
            denominator=figs.counted,
            dismissed=figs.dismissed,
        )
    )
    parts.append(t("fig.h.closed", lang, n=figs.closed))
    parts.append(t("fig.h.overdue", lang, n=figs.overdue))
    if warnings is not None:
        parts.append(t("fig.h.warnings", lang, **warnings.as_dict()))
    text = parts[0]
    for part in parts[1:]:
        # a full-width bracket already carries its own space
        text += ("· " if text.endswith("）") else " · ") + part
    return text


@dataclass(frozen=True, slots=True)
class StatusView:
    """What `rectify status` shows on a date, added up from the facts of every issue."""

    by: GroupBy
    overall: Figures
    groups: list[Group]
    warnings: WarningCounts
    by_group: dict[str, WarningCounts]
    pending: list[Fact]  # counted and not rectified, in ledger order


def status_view(
    found: Iterable[Fact], as_of: dt.date, by: GroupBy, *, due_soon_days: int = DUE_SOON_DAYS
) -> StatusView:
    """The figures, groups and warnings of the facts on their date (a carried problem once)."""
    chosen = dedupe(found)
    return StatusView(
        by=by,
        overall=figures_of(chosen, as_of, due_soon_days=due_soon_days),
        groups=groups_of(chosen, as_of, by, due_soon_days=due_soon_days),
        warnings=count_levels(f.level for f in chosen),
        by_group=group_warnings(chosen, by),
        pending=[f for f in chosen if f.pending],
    )


def remaining_summary(view: StatusView, lang: Lang, *, limit: int = FEW_REMAINING) -> str | None:
    """When few problems are left, a sentence naming each with its completion; else None.

    '3 problems, 2 rectified (66.6%); HN-003 老旧小区适老化改造 74.4% complete, planned 2025-06-30'
    """
    figs, pending = view.overall, view.pending
    if figs.counted == 0 or len(pending) > limit:
        return None
    rate_text = format_percent(figs.rectified_rate)
    if not pending:
        problems = _count("fig.h.total", figs.total, lang)
        return t("fig.s.all_done", lang, problems=problems, rate=rate_text)
    head_key = "fig.s.head.dismissed" if figs.dismissed else "fig.s.head"
    parts = [
        t(
            head_key,
            lang,
            problems=_count("fig.h.total", figs.total, lang),
            dismissed=figs.dismissed,
            rectified=figs.rectified,
            rate=rate_text,
        )
    ]
    for found in pending:
        state = found.state
        words = {
            "id": plain(found.id),
            "title": plain(found.title),
            "completion": format_completion(state.completion),
        }
        if found.planned_on is not None:
            text = t("fig.s.planned", lang, planned=found.planned_on.isoformat(), **words)
        else:
            text = t("fig.s.deadline", lang, deadline=state.deadline.isoformat(), **words)
        if state.overdue:
            text += t("fig.s.overdue", lang, days=(state.as_of - state.deadline).days)
        parts.append(text)
    return t("fig.s.sep", lang).join(parts)


# --- three-colour warnings (三色预警) per group ----------------------------------------------


@dataclass(frozen=True, slots=True)
class WarningCounts:
    """How many problems carry each warning level (see rectify.follow.warning_level)."""

    red: int = 0
    yellow: int = 0
    blue: int = 0

    def count(self, level: WarningLevel) -> int:
        """How many carry that level; 0 for none."""
        return self.as_dict().get(level.value, 0)

    def as_dict(self) -> dict[str, int]:
        """{"red": n, "yellow": n, "blue": n}, as JSON and the messages take them."""
        return {"red": self.red, "yellow": self.yellow, "blue": self.blue}

    def cell(self) -> str:
        """The compact table cell: red/yellow/blue, e.g. '2/0/1'."""
        return f"{self.red}/{self.yellow}/{self.blue}"


def count_levels(levels: Iterable[WarningLevel]) -> WarningCounts:
    """The counts of the red, yellow and blue levels among the given ones."""
    found = list(levels)
    return WarningCounts(*(found.count(level) for level in LEVELS))


def group_warnings(found: Iterable[Fact], by: GroupBy) -> dict[str, WarningCounts]:
    """The warning counts of each group, by the keys of group_figures (missing: no problem)."""
    levels: dict[str, list[WarningLevel]] = {}
    for entry in found:
        for key in entry.groups(by):
            levels.setdefault(key, []).append(entry.level)
    return {key: count_levels(levels_of) for key, levels_of in levels.items()}


# --- status: rows and cells ----------------------------------------------------------------

STATUS_COLUMNS: tuple[str, ...] = (
    "total",
    "rectified_rate",
    "closed_rate",
    "overdue",
    "due_soon",
    "warnings",
    "on_time_rate",
    "extensions",
    "mean_completion",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a figures table: its label (plain user text, not escaped) and its figures."""

    label: str
    figures: Figures
    total: bool = False  # the 'all' line at the foot of the table
    warnings: WarningCounts = WarningCounts()


def status_headers(by: GroupBy, lang: Lang) -> list[str]:
    """The column titles of a figures table grouped `by`."""
    return [t(f"fig.by.{by}", lang)] + [t(f"fig.col.{name}", lang) for name in STATUS_COLUMNS]


def status_cells(figs: Figures, warnings: WarningCounts | None = None) -> list[str]:
    """The figure cells of one row, in STATUS_COLUMNS order; every rate with its denominator.

    The warnings cell reads red/yellow/blue ('2/0/1').
    """
    return [
        str(figs.total),
        ratio(figs.rectified, figs.counted),
        ratio(figs.closed, figs.counted),
        str(figs.overdue),
        str(figs.due_soon),
        (warnings or WarningCounts()).cell(),
        ratio(figs.on_time, figs.rectified),
        str(figs.extensions),
        format_completion(figs.mean_completion),
    ]


def tree_order(nodes: Sequence[tuple[str, str | None]]) -> list[tuple[str, int]]:
    """(key, parent) pairs in tree order: each as (prefix that draws its place, index in nodes).

    Children follow their parent in the order given; a parent that is not among
    the keys makes a root. Keys caught in a cycle are shown as roots rather than lost.
    """
    keys = {key for key, _ in nodes}
    children: dict[str | None, list[int]] = {}
    for index, (key, parent) in enumerate(nodes):
        root = parent is None or parent not in keys or parent == key
        children.setdefault(None if root else parent, []).append(index)
    placed: list[tuple[str, int]] = []
    seen: set[int] = set()

    def walk(parent: str | None, prefix: str) -> None:
        kids = [index for index in children.get(parent, []) if index not in seen]
        seen.update(kids)
        for position, index in enumerate(kids):
            last = position == len(kids) - 1
            branch = "" if parent is None else prefix + ("└─ " if last else "├─ ")
            placed.append((branch, index))
            deeper = "" if parent is None else prefix + ("   " if last else "│  ")
            walk(nodes[index][0], deeper)

    walk(None, "")
    for index, (key, _) in enumerate(nodes):
        if index not in seen:
            seen.add(index)
            placed.append(("", index))
            walk(key, "")
    return placed


def ledger_tree(groups: Sequence[Group]) -> list[tuple[str, Group]]:
    """Ledger groups in tree order, each with the prefix that draws its place ('└─ ')."""
    order = tree_order([(group.key, group.parent) for group in groups])
    return [(prefix, groups[index]) for prefix, index in order]


def group_label(by: GroupBy, key: str, lang: Lang) -> str:
    """What a group is called: the unit or ledger as written, an enum by its name."""
    if by == "source":
        return label("source", key, lang)
    if by == "track":
        return label("track", key, lang)
    return key


def status_rows(
    groups: Sequence[Group],
    overall: Figures,
    by: GroupBy,
    lang: Lang,
    *,
    warnings: Mapping[str, WarningCounts] | None = None,
    total_warnings: WarningCounts | None = None,
) -> list[Row]:
    """The rows of a figures table: one per group (ledgers as a tree), then the total.

    `warnings` gives each group's warning counts by key (see group_warnings),
    `total_warnings` the total's; missing counts read 0/0/0.
    """
    found = warnings or {}

    def row(name: str, group: Group) -> Row:
        return Row(name, group.figures, warnings=found.get(group.key, WarningCounts()))

    if by == "ledger":
        rows = [row(prefix + group.key, group) for prefix, group in ledger_tree(groups)]
    else:
        rows = [row(group_label(by, group.key, lang), group) for group in groups]
    total = Row(t("fig.total_row", lang), overall, total=True)
    if total_warnings is not None:
        total = Row(total.label, overall, total=True, warnings=total_warnings)
    return [*rows, total]


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


def legend(lang: Lang, *, due_soon_days: int, margin: int | Fraction = PACE_MARGIN) -> str:
    """The note under a figures table: what each column counts, the warnings included."""
    rules = t("fig.legend.warnings", lang, days=due_soon_days, margin=format_margin(margin))
    return t("fig.legend", lang, days=due_soon_days) + rules


def format_margin(margin: int | Fraction) -> str:
    """The pace margin as the rules state it: '20', or '12.5' when it is not whole."""
    value = Fraction(margin)
    return str(value.numerator) if value.denominator == 1 else format_points(value)


def status_markdown(view: StatusView, lang: Lang, *, margin: int | Fraction = PACE_MARGIN) -> str:
    """`rectify status --format markdown`: the headline, the summary and the table of groups."""
    overall_figs = view.overall
    if overall_figs.total == 0:
        return t("fig.no_problems", lang) + "\n"
    blocks = [f"**{md_escape(headline(overall_figs, lang, view.warnings))}**"]
    summary = remaining_summary(view, lang)
    if summary:
        blocks.append(md_escape(summary))
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


# --- JSON ------------------------------------------------------------------------------------


def ratio_json(numerator: int, denominator: int) -> dict[str, Any]:
    """A rate for machines: the exact counts, the unrounded value (null for 0/0) and the text."""
    value = rate(numerator, denominator)
    return {
        "numerator": numerator,
        "denominator": denominator,
        "value": float(value) if value is not None else None,
        "text": format_percent(value),
    }


def exact_json(value: Fraction | None, text: str) -> dict[str, Any] | None:
    """An exact number (a mean, a change) for machines: its fraction in lowest terms and value."""
    if value is None:
        return None
    return {
        "numerator": value.numerator,
        "denominator": value.denominator,
        "value": float(value),
        "text": text,
    }


def figures_json(figs: Figures) -> dict[str, Any]:
    """The figures of a set of issues as JSON-ready data (keys of the contract)."""
    return {
        "total": figs.total,
        "counted": figs.counted,
        "open": figs.open,
        "in_progress": figs.in_progress,
        "rectified": figs.rectified,
        "closed": figs.closed,
        "dismissed": figs.dismissed,
        "overdue": figs.overdue,
        "due_soon": figs.due_soon,
        "rectified_rate": ratio_json(figs.rectified, figs.counted),
        "closed_rate": ratio_json(figs.closed, figs.counted),
        "mean_completion": exact_json(
            figs.mean_completion, format_completion(figs.mean_completion)
        ),
        "on_time_rate": ratio_json(figs.on_time, figs.rectified),
        "extensions": figs.extensions,
    }


def status_json(
    overall: Figures,
    groups: Sequence[Group],
    by: GroupBy,
    *,
    warnings: WarningCounts | None = None,
    by_group: Mapping[str, WarningCounts] | None = None,
) -> dict[str, Any]:
    """`rectify status --format json`: the figures, then one entry per group.

    Ledger groups also carry `parent`, the ledger they roll up into (or null).
    With `warnings` (the total's) and `by_group` (see group_warnings), the
    total and each group carry "warnings": {"red": n, "yellow": n, "blue": n}.
    """
    entries = []
    for group in groups:
        entry: dict[str, Any] = {"key": group.key, **figures_json(group.figures)}
        if by_group is not None:
            entry["warnings"] = by_group.get(group.key, WarningCounts()).as_dict()
        if by == "ledger":
            entry["parent"] = group.parent
        entries.append(entry)
    data: dict[str, Any] = {"as_of": overall.as_of.isoformat(), **figures_json(overall)}
    if warnings is not None:
        data["warnings"] = warnings.as_dict()
    return {**data, "groups": entries}


# --- month by month --------------------------------------------------------------------------


def is_month_end(row: MonthRow) -> bool:
    """Whether a row holds a month's end figures (False: the month so far)."""
    return row.as_of == month_end(row.year, row.month)


def first_month(pool: Iterable[Item]) -> Month | None:
    """The month of the earliest assignment date, None when no issue has one."""
    dates = [item.assigned_on for item in pool if item.assigned_on is not None]
    return month_of(min(dates)) if dates else None


def default_range(
    pool: Iterable[Item], as_of: dt.date, *, end: Month | None = None
) -> tuple[Month, Month, bool]:
    """From the first assignment's month to `end` (default: as_of's month), at most MAX_MONTHS.

    Returns (start, end, capped); capped is True when earlier months were left out.
    """
    last = end or month_of(as_of)
    origin = min(first_month(pool) or last, last)
    start = max(origin, months_back(last, MAX_MONTHS - 1))
    return start, last, origin < start


def month_to_date(
    pool: Sequence[Item],
    as_of: dt.date,
    previous_rate: Fraction | None,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
) -> MonthRow:
    """The row of the month as_of falls in, figured on as_of itself (the month so far).

    On a month's last day it equals that month's row of `monthly_series`.
    """
    return month_row(pool, as_of, previous_rate, due_soon_days=due_soon_days)


def progress_rows(
    pool: Sequence[Item],
    start: Month,
    end: Month,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
) -> list[MonthRow]:
    """One row per month from start to end: ended months at their last day, the month as_of
    falls in up to as_of; months after as_of's are left out (their end has not come)."""
    current = month_of(as_of)
    last_full = current if as_of == month_end(*current) else _previous(current)
    rows = (
        monthly_series(pool, start, min(end, last_full), due_soon_days=due_soon_days)
        if start <= min(end, last_full)
        else []
    )
    if start <= current <= end and as_of != month_end(*current):
        previous = rows[-1].rectified_rate if rows else None
        rows.append(month_to_date(pool, as_of, previous, due_soon_days=due_soon_days))
    return rows


def months_back(month: Month, count: int) -> Month:
    """The month `count` months before the given one."""
    index = month[0] * 12 + month[1] - 1 - count
    return (index // 12, index % 12 + 1)


def _previous(month: Month) -> Month:
    return months_back(month, 1)


PROGRESS_COLUMNS: tuple[str, ...] = (
    "progress.col.month",
    "progress.col.assigned_in_month",
    "progress.col.assigned_to_date",
    "progress.col.rectified_in_month",
    "progress.col.rectified_to_date",
    "progress.col.rate",
    "progress.col.change",
    "fig.col.mean_completion",
    "progress.col.overdue",
)


def progress_headers(lang: Lang) -> list[str]:
    """The column titles of the month-by-month table."""
    return [t(key, lang) for key in PROGRESS_COLUMNS]


def progress_cells(row: MonthRow, lang: Lang) -> list[str]:
    """The cells of one month: flows and stocks side by side, the rate with its denominator."""
    name = month_label((row.year, row.month))
    if not is_month_end(row):
        name = t("progress.to_date", lang, month=name, day=row.as_of.strftime("%m-%d"))
    return [
        name,
        str(row.assigned_in_month),
        str(row.assigned_to_date),
        str(row.rectified_in_month),
        str(row.rectified_to_date),
        ratio(row.rectified_to_date, row.counted),
        signed_points(row.change_pp),
        format_completion(row.mean_completion),
        str(row.overdue),
    ]


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


def progress_json(rows: Sequence[MonthRow], as_of: dt.date) -> dict[str, Any]:
    """`rectify progress --format json`: every month's flows, stocks and exact rates."""
    months = []
    for row in rows:
        months.append(
            {
                "month": month_label((row.year, row.month)),
                "as_of": row.as_of.isoformat(),
                "month_ended": is_month_end(row),
                "assigned_in_month": row.assigned_in_month,
                "assigned_to_date": row.assigned_to_date,
                "rectified_in_month": row.rectified_in_month,
                "rectified_to_date": row.rectified_to_date,
                "counted": row.counted,
                "closed": row.closed,
                "rectified_rate": ratio_json(row.rectified_to_date, row.counted),
                "change_pp": exact_json(row.change_pp, signed_points(row.change_pp)),
                "mean_completion": exact_json(
                    row.mean_completion, format_completion(row.mean_completion)
                ),
                "overdue": row.overdue,
            }
        )
    return {"as_of": as_of.isoformat(), "months": months}


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


# --- the monthly report --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LedgerFile:
    """A ledger as the report's footer names it: the file it was read from and its content hash."""

    ledger: Ledger
    path: str  # as the reader should see it, relative where possible
    sha256: str  # hex digest of the file's bytes (see content_hash)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the figures come from, beyond the files: the git commit and the command to rerun."""

    commit: str | None = None  # short commit id of the ledgers' repository, None outside git
    modified: bool = False  # the ledgers have uncommitted changes since that commit
    command: str | None = None  # the command line that recomputes the report


@dataclass(frozen=True, slots=True)
class _Context:
    pool: list[Item]
    month: Month
    as_of: dt.date
    lang: Lang
    due_soon_days: int
    figures: Figures
    entries: list[tuple[Item, IssueState]]  # each issue rolled up, with its state on as_of
    margin: int | Fraction
    warnings: list[Assessment]  # each issue rolled up, with its warning on as_of
    facts: list[Fact]  # the same, as the status figures read them

    @property
    def counts(self) -> WarningCounts:
        """The warning counts of the whole roll-up."""
        return count_levels(entry.level for entry in self.warnings)


def _context(
    pool: list[Item], month: Month, as_of: dt.date, lang: Lang, days: int, margin: int | Fraction
) -> _Context:
    chosen = dedupe_carried(pool, as_of)
    warnings = [assess(item, as_of, due_soon_days=days, margin=margin) for item in chosen]
    entries = [(entry.item, entry.state) for entry in warnings]
    figs = tally((state for _, state in entries), as_of, due_soon_days=days)
    found = [from_assessment(entry) for entry in warnings]
    return _Context(pool, month, as_of, lang, days, figs, entries, margin, warnings, found)


def _overview(ctx: _Context, rows: Sequence[MonthRow]) -> str:
    lang, figs = ctx.lang, ctx.figures
    date = long_date(ctx.as_of, lang)
    if figs.total == 0:
        return t("report.empty", lang, date=date)
    previous = figures(ctx.pool, month_end(*_previous(ctx.month)), due_soon_days=ctx.due_soon_days)
    change = ""
    if figs.rectified_rate is not None and previous.rectified_rate is not None:
        delta = (figs.rectified_rate - previous.rectified_rate) * 100
        points = format_points(abs(delta))
        if points == "0.0":
            change = t("report.p.flat", lang)
        else:
            change = t("report.p.up" if delta > 0 else "report.p.down", lang, points=points)
    sentences = [
        t(
            "report.p.head",
            lang,
            date=date,
            total=figs.total,
            problems=_count("fig.h.total", figs.total, lang),
            rectified=figs.rectified,
            rate=format_percent(figs.rectified_rate),
            change=change,
        )
    ]
    if figs.dismissed:
        sentences.append(
            t("report.p.dismissed", lang, dismissed=figs.dismissed, counted=figs.counted)
        )
    sentences.append(
        t("report.p.closed", lang, closed=figs.closed, rate=format_percent(figs.closed_rate))
    )
    first = _join_sentences(sentences, lang)
    this_month = rows[-1] if rows else None
    month_sentences = []
    if this_month is not None and this_month.assigned_in_month:
        month_sentences.append(t("report.p.assigned", lang, count=this_month.assigned_in_month))
    month_sentences.append(
        t(
            "report.p.month",
            lang,
            rectified=this_month.rectified_in_month if this_month else 0,
            closed=len(_closedin_month(ctx)),
        )
    )
    pending = figs.counted - figs.rectified
    if pending:
        month_sentences.append(
            t(
                "report.p.pending",
                lang,
                pending=pending,
                in_progress=figs.in_progress,
                open=figs.open,
                overdue=figs.overdue,
                due_soon=figs.due_soon,
                days=ctx.due_soon_days,
            )
        )
        month_sentences.append(t("report.p.warnings", lang, **ctx.counts.as_dict()))
    elif figs.counted:
        month_sentences.append(t("report.p.all_done", lang))
    month_sentences.append(
        t(
            "report.p.quality",
            lang,
            mean=format_completion(figs.mean_completion),
            on_time=figs.on_time,
            on_time_rate=format_percent(figs.on_time_rate),
            extensions=figs.extensions,
        )
    )
    return first + "\n\n" + _join_sentences(month_sentences, lang)


def _join_sentences(sentences: Sequence[str], lang: Lang) -> str:
    return ("" if lang == "zh" else " ").join(sentences)


def _closedin_month(ctx: _Context) -> list[Item]:
    return [
        item
        for item, state in ctx.entries
        if state.closed
        and item.issue.verification is not None
        and in_month(item.issue.verification.date, ctx.month)
    ]


def _donein_month(ctx: _Context) -> str:
    lang = ctx.lang
    done = []
    for item, state in ctx.entries:
        issue = item.issue
        verified = issue.verification.date if issue.verification else None
        rectified_now = state.rectified and in_month(issue.rectified_on, ctx.month)
        closed_now = state.closed and in_month(verified, ctx.month)
        if rectified_now or closed_now:
            done.append((issue, verified if state.closed else None))
    if not done:
        return t("report.done.none", lang)
    done.sort(key=lambda pair: (pair[0].rectified_on or dt.date.min, pair[0].id))
    headers = [
        t(f"report.col.{name}", lang)
        for name in ("id", "title", "unit", "rectified_on", "closed_on")
    ]
    body = [
        [
            md_escape(issue.id),
            md_escape(issue.title),
            md_escape(issue.lead_unit),
            issue.rectified_on.isoformat() if issue.rectified_on else NO_VALUE,
            verified.isoformat() if verified else NO_VALUE,
        ]
        for issue, verified in done
    ]
    return md_table(headers, body, [False] * 5)


def _lateness(days: int, lang: Lang) -> str:
    if days > 0:
        return t("report.days_overdue", lang, days=days)
    if days == 0:
        return t("report.due_today", lang)
    return t("report.days_left", lang, days=-days)


def level_words(level: WarningLevel, lang: Lang) -> str:
    """A warning level with what it means, for a table cell: 红 逾期 / red overdue."""
    return f"{level_label(level, lang)} {level_meaning(level, lang)}"


def _late(ctx: _Context) -> str:
    """Every problem with a warning: red (overdue), yellow (behind pace), blue (due soon)."""
    lang = ctx.lang
    rules = t("report.late.rules", lang, days=ctx.due_soon_days, margin=format_margin(ctx.margin))
    late = [entry for entry in ctx.warnings if entry.level is not WarningLevel.NONE]
    if not late:
        return t("report.late.none", lang, days=ctx.due_soon_days) + "\n\n" + rules
    # red first, most overdue first; then yellow and blue, the nearest deadline first
    late.sort(key=lambda e: (e.level.rank, e.state.deadline, e.item.ledger_id, e.item.issue.id))
    columns = ("level", "id", "title", "unit", "deadline", "lateness", "completion", "expected")
    headers = [t(f"report.col.{name}", lang) for name in (*columns, "extensions")]
    body = [
        [
            level_words(entry.level, lang),
            md_escape(entry.item.issue.id),
            md_escape(entry.item.issue.title),
            md_escape(entry.item.issue.lead_unit),
            entry.state.deadline.isoformat(),
            _lateness((ctx.as_of - entry.state.deadline).days, lang),
            format_completion(entry.state.completion),
            format_completion(entry.expected) if entry.expected is not None else NO_VALUE,
            str(entry.state.extensions),
        ]
        for entry in late
    ]
    table = md_table(headers, body, [False] * 6 + [True, True, True])
    return f"{t('report.late.counts', lang, **ctx.counts.as_dict())}\n\n{table}\n\n{rules}"


def latest_progress(issue: Issue, as_of: dt.date) -> tuple[dt.date, str | None] | None:
    """The last progress report dated on or before as_of: its date and note."""
    reported = [entry for entry in issue.progress if entry.date <= as_of]
    return (reported[-1].date, reported[-1].note) if reported else None


def _long_term(ctx: _Context) -> str:
    lang = ctx.lang
    chosen = [
        (item, state)
        for item, state in ctx.entries
        if item.issue.track is Track.LONG_TERM and state.counted and not state.rectified
    ]
    if not chosen:
        return t("report.long_term.none", lang)
    headers = [
        t(f"report.col.{name}", lang)
        for name in ("id", "title", "unit", "completion", "latest", "planned")
    ]
    body = []
    for item, state in chosen:
        issue = item.issue
        latest = latest_progress(issue, ctx.as_of)
        if latest is None:
            note = t("report.no_progress", lang)
        else:
            day, text = latest
            note = day.isoformat() + (" " + md_escape(text) if text else "")
        if issue.planned_on is not None:
            planned = issue.planned_on.isoformat()
        else:
            planned = t("report.deadline_in_force", lang, date=state.deadline.isoformat())
        body.append(
            [
                md_escape(issue.id),
                md_escape(issue.title),
                md_escape(issue.lead_unit),
                format_completion(state.completion),
                note,
                planned,
            ]
        )
    return md_table(headers, body, [False, False, False, True, False, False])


def ageing(days: Iterable[int]) -> list[int]:
    """How many of the given days-overdue fall in each AGEING band (1–30, 31–60, 61–90, >90)."""
    counts = [0] * len(AGEING)
    for value in days:
        for index, (low, high) in enumerate(AGEING):
            if value >= low and (high is None or value <= high):
                counts[index] += 1
    return counts


def league(groups: Sequence[Group]) -> list[tuple[int | None, Group]]:
    """Lead units ranked by rectified rate, highest first; equal rates share a rank.

    Units with nothing counted come last, without a rank.
    """
    ranked = sorted(
        groups,
        key=lambda group: (
            group.figures.rectified_rate is None,
            -(group.figures.rectified_rate or 0),
            group.figures.overdue,
            -group.figures.counted,
            group.key,
        ),
    )
    placed: list[tuple[int | None, Group]] = []
    for position, group in enumerate(ranked, start=1):
        value = group.figures.rectified_rate
        if value is None:
            placed.append((None, group))
        elif placed and placed[-1][1].figures.rectified_rate == value:
            placed.append((placed[-1][0], group))
        else:
            placed.append((position, group))
    return placed


def _league(ctx: _Context, units: Sequence[Group]) -> str:
    lang = ctx.lang
    overdue_days: dict[str, list[int]] = {}
    for item, state in ctx.entries:
        if state.overdue:
            overdue_days.setdefault(item.issue.lead_unit, []).append(days_overdue(item, ctx.as_of))
    age_headers = [
        t("report.col.age", lang, low=low, high=high)
        if high is not None
        else t("report.col.age_over", lang, days=low - 1)
        for low, high in AGEING
    ]
    headers = [
        t(f"report.col.{name}", lang)
        for name in ("rank", "unit", "counted", "rectified", "overdue")
    ]
    headers.insert(4, t("fig.col.rectified_rate", lang))
    headers += age_headers
    body = []
    for rank, group in league(units):
        figs = group.figures
        body.append(
            [
                str(rank) if rank is not None else NO_VALUE,
                md_escape(group.key),
                str(figs.counted),
                str(figs.rectified),
                ratio(figs.rectified, figs.counted),
                str(figs.overdue),
                *(str(count) for count in ageing(overdue_days.get(group.key, []))),
            ]
        )
    table = md_table(headers, body, [True, False] + [True] * (len(headers) - 2))
    return f"{table}\n\n{t('report.league.note', lang)}"


def _scope(files: Sequence[LedgerFile], lang: Lang) -> str:
    heads = [f.ledger.ledger for f in files]
    names = [
        t(
            "report.scope.name",
            lang,
            title=md_escape(heads[index].title),
            id=md_escape(heads[index].id),
        )
        for _, index in tree_order([(head.id, head.parent) for head in heads])
    ]
    return t("report.scope", lang, names=t("report.scope.sep", lang).join(names))


def _sources(files: Sequence[LedgerFile], provenance: Provenance, lang: Lang) -> str:
    headers = [t(f"report.col.{name}", lang) for name in ("ledger", "ledger_title", "file", "hash")]
    body = [
        [
            md_escape(f.ledger.ledger.id),
            md_escape(f.ledger.ledger.title),
            md_escape(f.path),
            f"`{f.sha256[:SHORT_HASH]}`",
        ]
        for f in files
    ]
    blocks = [md_table(headers, body, [False] * 4)]
    if provenance.commit:
        key = "report.commit.modified" if provenance.modified else "report.commit"
        blocks.append(t(key, lang, commit=f"`{md_escape(provenance.commit)}`"))
    if provenance.command:
        command = plain(provenance.command)
        shown = f"`{command}`" if "`" not in command else md_escape(command)
        blocks.append(t("report.rerun", lang, command=shown))
    blocks.append(t("report.generated", lang))
    return "\n\n".join(blocks)


def monthly_report(
    files: Sequence[LedgerFile],
    month: Month,
    as_of: dt.date,
    lang: Lang,
    *,
    provenance: Provenance | None = None,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
    extra: Sequence[str] = (),
) -> str:
    """The monthly report (月报告) in Markdown, as an office would write it.

    Args:
        files: the ledgers, with the paths and content hashes the footer names.
        month: the month reported on.
        as_of: the day the figures are for: the month's last day, or a day within
            the month when it has not ended yet.
        lang: the language of the report.
        provenance: git commit and the command to rerun, for the footer.
        due_soon_days: the due-soon window in days.
        margin: points below the pace line before a problem turns yellow.
        extra: whole Markdown sections (with their own headings) placed before the
            sources, such as what changed since the last report (``--since``).
    """
    if not (dt.date(month[0], month[1], 1) <= as_of <= month_end(*month)):
        raise ValueError(f"as_of {as_of} is not within {month_label(month)}")
    pool = items(f.ledger for f in files)
    ctx = _context(pool, month, as_of, lang, due_soon_days, margin)
    start = max(min(first_month(pool) or month, month), months_back(month, MAX_MONTHS - 1))
    rows = progress_rows(pool, start, month, as_of, due_soon_days=due_soon_days)
    blocks = [f"# {t('report.title', lang, month=long_month(month, lang))}", _scope(files, lang)]
    if as_of != month_end(*month):
        blocks.append(t("report.to_date", lang, date=long_date(as_of, lang)))
    sections: list[tuple[str, str]] = [(t("report.overview", lang), _overview(ctx, rows))]
    if ctx.figures.total:
        sections += _detail_sections(ctx, files, rows)
    for index, (title, body) in enumerate(sections, start=1):
        blocks += [f"## {heading_number(index, lang)}{title}", body]
    blocks += [section.strip("\n") for section in extra]
    blocks += [f"## {t('report.sources', lang)}", _sources(files, provenance or Provenance(), lang)]
    return "\n\n".join(blocks) + "\n"


def _detail_sections(
    ctx: _Context, files: Sequence[LedgerFile], rows: Sequence[MonthRow]
) -> list[tuple[str, str]]:
    lang, days = ctx.lang, ctx.due_soon_days

    def grouped(by: GroupBy) -> str:
        view = status_view(ctx.facts, ctx.as_of, by, due_soon_days=days)
        rows = status_rows(
            view.groups, ctx.figures, by, lang, warnings=view.by_group, total_warnings=ctx.counts
        )
        return _status_table(rows, by, lang)

    units = groups_of(ctx.facts, ctx.as_of, "unit", due_soon_days=days)
    note = legend(lang, due_soon_days=days, margin=ctx.margin)
    sections = [
        (t("report.by_track", lang), grouped("track")),
        (t("report.by_unit", lang), grouped("unit") + "\n\n" + note),
    ]
    if len(files) > 1:
        sections.append((t("report.by_ledger", lang), grouped("ledger")))
    sections += [
        (t("report.done", lang), _donein_month(ctx)),
        (t("report.late", lang), _late(ctx)),
        (t("report.long_term", lang), _long_term(ctx)),
        (t("report.league", lang), _league(ctx, units)),
    ]
    monthly = progress_table_md(rows, lang)
    chart = mermaid_chart(rows, lang)
    sections.append((t("report.monthly", lang), monthly + (f"\n\n{chart}" if chart else "")))
    return sections
