"""Figures in words: headlines, dates, table headers and cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from rectify.figures.months import (
    Month,
    MonthRow,
    is_month_end,
)
from rectify.figures.tally import Audit, Figures, Group, GroupBy, Review, rate
from rectify.figures.view import (
    StatusView,
    WarningCounts,
    ledger_tree,
)
from rectify.figures.warnings import (
    PACE_MARGIN,
    Assessment,
)
from rectify.i18n import Lang, label, t
from rectify.numbers import format_amount, format_completion, format_percent, format_points
from rectify.text import plain

FEW_REMAINING = 3  # at most this many unrectified problems are named in the status summary

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
    """一、二、… 十、十一、… 十九、二十 in Chinese (to 99); 1. 2. … in English."""
    if lang == "zh" and 1 <= index < 100:
        return f"{chinese_number(index)}、"
    return f"{index}. "


def chinese_number(index: int) -> str:
    """1-99 in Chinese numerals: 一, 十, 十一, 二十, 二十一."""
    tens, ones = divmod(index, 10)
    head = "" if tens == 0 else "十" if tens == 1 else f"{_CHINESE_NUMBERS[tens - 1]}十"
    return head + (_CHINESE_NUMBERS[ones - 1] if ones else "")


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


def review_sentence(review: Review, lang: Lang) -> str | None:
    """The sign-off review (销号审核) in one sentence, when any counted issue has a step; else
    None: '销号审核：待审核2个，审核通过3个。' (what is 0 is left out)"""
    if not review.any:
        return None
    counts = {"pending": review.pending, "returned": review.returned, "approved": review.approved}
    parts = [t(f"fig.s.review.{name}", lang, n=n) for name, n in counts.items() if n]
    return t("fig.s.review", lang, parts=t("fig.s.review.sep", lang).join(parts))


def audit_words(audit: Audit, lang: Lang, key: str = "fig.s.audit") -> str | None:
    """The audit figures (审计整改) in one sentence, when any counted issue records them."""
    if not audit.any:
        return None
    return t(
        key,
        lang,
        involved=format_amount(audit.involved),
        rectified=format_amount(audit.rectified),
        rules=audit.rules,
        people=audit.people,
    )


def status_summary(view: StatusView, lang: Lang) -> list[str]:
    """What `status` says under its headline, a line each: the few problems left, the sign-off
    review, the audit figures (those there is something to say about)."""
    said = (
        remaining_summary(view, lang),
        review_sentence(view.review, lang),
        audit_words(view.audit, lang),
    )
    return [p for p in said if p]


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
    warnings: WarningCounts = field(default_factory=WarningCounts)


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


def legend(lang: Lang, *, due_soon_days: int, margin: int | Fraction = PACE_MARGIN) -> str:
    """The note under a figures table: what each column counts, the warnings included."""
    rules = t("fig.legend.warnings", lang, days=due_soon_days, margin=format_margin(margin))
    return t("fig.legend", lang, days=due_soon_days) + rules


def format_margin(margin: int | Fraction) -> str:
    """The pace margin as the rules state it: '20', or '12.5' when it is not whole."""
    value = Fraction(margin)
    return str(value.numerator) if value.denominator == 1 else format_points(value)


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


def days_text(entry: Assessment, lang: Lang) -> str:
    """How far an issue is from its deadline: 逾期15天 / 还剩10天 / 今天到期."""
    if entry.state.overdue:
        return t("follow.days_overdue", lang, days=entry.days_overdue)
    if entry.days_left == 0:
        return t("follow.due_today", lang)
    return t("follow.days_left", lang, days=entry.days_left)
