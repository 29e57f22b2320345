"""The reminder notice (督办提醒函) to one unit, and the chase list, as Markdown.

Pure text from data: no I/O, no clock, no Rich. User text (titles, notes,
unit names) is escaped so that it prints as typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from rectify.figures.chase import UnitChase, chase_list
from rectify.figures.ladder import DEFAULT_ESCALATION, Rung, step_kind, step_of
from rectify.figures.state import DUE_SOON_DAYS, Item, dedupe_carried
from rectify.figures.tally import figures
from rectify.figures.warnings import (
    LEVELS,
    PACE_MARGIN,
    Assessment,
    WarningLevel,
    level_label,
    level_meaning,
    pace_target,
)
from rectify.i18n import Lang, t
from rectify.model import Chase, Colour
from rectify.numbers import percent, points
from rectify.output.blocks import (
    Block,
    Document,
    Heading,
    Items,
    Para,
    Run,
    para,
    text_para,
    to_markdown,
)
from rectify.output.words import days_text, heading_number, long_date
from rectify.text import md_escape, plain

REPLY_DAYS = 10  # calendar days a unit is given to answer a reminder notice


def _join(parts: list[str], lang: Lang) -> str:
    if lang == "zh":
        return "，".join(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# --- the reminder notice (督办提醒函) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Notice:
    """What a reminder notice to one lead unit says, before it is put into words."""

    unit: str
    as_of: dt.date
    reply_by: dt.date
    supervisors: tuple[str, ...]  # who signs: the supervisors of the ledgers concerned
    lists: tuple[str, ...]  # the titles of the problem lists concerned
    total: int  # problems the unit leads (问题数, as `status --by unit` counts them)
    dismissed: int  # of those, dismissed (不予整改): not counted in the rate
    rectified: int
    entries: tuple[Assessment, ...]  # what to chase, most urgent first
    ladder: tuple[Rung, ...] = DEFAULT_ESCALATION  # the escalation steps (rectify.toml)
    step: int = 0  # the step of the ladder this letter stands on

    @property
    def kind(self) -> str:
        """What the letter is: "reminder", "escalated" or "overdue" (see figures.chase)."""
        return step_kind(self.ladder, self.step)

    def key(self, base: str) -> str:
        """The catalogue key of ``base`` for this kind of letter: ``notice.title`` for a
        reminder, ``notice.title.escalated`` for a chase letter and so on."""
        return base if self.kind == "reminder" else f"{base}.{self.kind}"

    def section(self, level: WarningLevel) -> list[Assessment]:
        """The entries of one level; level NONE gives those listed only for being silent."""
        return [entry for entry in self.entries if entry.level is level]


def make_notice(
    pool: Iterable[Item],
    unit: str,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
    reply_days: int = REPLY_DAYS,
    ladder: tuple[Rung, ...] = DEFAULT_ESCALATION,
) -> Notice | None:
    """The notice to one lead unit on a date; None when it has nothing to chase.

    The unit is asked to answer within `reply_days` calendar days of the date;
    the letter stands on the highest step of `ladder` any of its problems reaches.
    """
    every = list(pool)
    found = chase_list(every, as_of, due_soon_days=due_soon_days, margin=margin, unit=unit)
    if not found:
        return None
    entries = found[0].entries
    ledgers = list({entry.item.ledger_id: entry.item.ledger for entry in entries}.values())
    mine = [item for item in dedupe_carried(every, as_of) if item.issue.lead_unit == unit]
    figs = figures(mine, as_of, due_soon_days=due_soon_days, dedupe=False)
    return Notice(
        unit=unit,
        as_of=as_of,
        reply_by=as_of + dt.timedelta(days=reply_days),
        supervisors=tuple(
            dict.fromkeys(
                ledger.ledger.supervisor for ledger in ledgers if ledger.ledger.supervisor
            )
        ),
        lists=tuple(dict.fromkeys(ledger.ledger.title for ledger in ledgers)),
        total=figs.total,
        dismissed=figs.dismissed,
        rectified=figs.rectified,
        entries=entries,
        ladder=ladder,
        step=step_of(entries, ladder),
    )


def notices(
    pool: Iterable[Item],
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
    reply_days: int = REPLY_DAYS,
    ladder: tuple[Rung, ...] = DEFAULT_ESCALATION,
) -> list[Notice]:
    """One notice per lead unit that has something to chase on the date, most urgent first."""
    every = list(pool)
    made = [
        make_notice(
            every,
            unit.unit,
            as_of,
            due_soon_days=due_soon_days,
            margin=margin,
            reply_days=reply_days,
            ladder=ladder,
        )
        for unit in chase_list(every, as_of, due_soon_days=due_soon_days, margin=margin)
    ]
    return [notice for notice in made if notice is not None]


def addressees(notice: Notice, lang: Lang) -> tuple[str, tuple[str, ...]]:
    """Who the letter goes to, and who gets a copy: the addressees of the steps below it."""

    def name(index: int) -> str:
        rung = notice.ladder[index]
        return rung.to or t(f"chase.audience.{step_kind(notice.ladder, index)}", lang)

    to = name(notice.step)
    below = (name(index) for index in range(notice.step))
    return to, tuple(dict.fromkeys(n for n in below if n != to))


def chase_entries(notice: Notice, lang: Lang) -> list[tuple[Item, Chase]]:
    """What recording the letter writes: one dated `chased` entry for each of its problems."""
    to, cc = addressees(notice, lang)
    return [
        (
            entry.item,
            Chase(
                date=notice.as_of,
                colour=None if entry.level is WarningLevel.NONE else Colour(entry.level.value),
                to=to,
                cc=list(cc),
                reply_due=notice.reply_by,
            ),
        )
        for entry in notice.entries
    ]


def _findings(notice: Notice, lang: Lang) -> str:
    parts = [
        t(f"notice.finding.{level.value}", lang, count=len(notice.section(level)))
        for level in LEVELS
        if notice.section(level)
    ]
    silent = sum(entry.silent for entry in notice.entries)
    if silent:
        parts.append(t("notice.finding.silent", lang, count=silent))
    return _join(parts, lang)


def _item(entry: Assessment, lang: Lang) -> Para:
    """One problem of the notice as a sentence or three."""
    issue = entry.item.issue
    parts = [
        para("notice.item.head", lang, user={"title": issue.title, "id": issue.id}),
        text_para(_where(entry, lang)),
        *_last_report(entry, lang),
    ]
    sep = "" if lang == "zh" else " "
    runs: list[Run] = []
    for index, part in enumerate(parts):
        if index and sep:
            runs.append(Run(sep))
        runs += part.runs
    return Para(tuple(runs), sep.join(part.md for part in parts))


def _where(entry: Assessment, lang: Lang) -> str:
    """Where one problem stands against its deadline or its pace line."""
    state = entry.state
    values = {
        "deadline": long_date(state.deadline, lang),
        "completion": percent(state.completion),
    }
    if entry.level is WarningLevel.RED:
        return t("notice.item.red", lang, days=entry.days_overdue, **values)
    if entry.level is WarningLevel.YELLOW:
        target = pace_target(entry.item, state.as_of)
        pace = {
            "expected": percent(entry.expected or Fraction(0)),
            "behind": points(entry.behind or Fraction(0)),
            **values,
        }
        if target != state.deadline:
            planned = long_date(target, lang)
            return t("notice.item.yellow_planned", lang, planned=planned, **pace)
        return t("notice.item.yellow", lang, **pace)
    if entry.level is WarningLevel.BLUE and entry.days_left == 0:
        return t("notice.item.blue_today", lang, **values)
    if entry.level is WarningLevel.BLUE:
        return t("notice.item.blue", lang, days=entry.days_left, **values)
    return t("notice.item.none", lang, **values)


def _last_report(entry: Assessment, lang: Lang) -> list[Para]:
    """The sentences about the last progress report, and about silence."""
    last = entry.last_progress
    if last is None:
        return [text_para(t("notice.item.never", lang))] if entry.silent else []
    notes = [e.note for e in entry.item.issue.progress if e.date == last and e.note]
    date = long_date(last, lang)
    if notes:
        note = plain(notes[-1]).rstrip("。.；;，, ")
        said = para("notice.item.last", lang, date=date, user={"note": note})
    else:
        said = text_para(t("notice.item.last_bare", lang, date=date))
    return [said, text_para(t("notice.item.silent", lang))] if entry.silent else [said]


def notice_markdown(notice: Notice, lang: Lang) -> str:
    """The reminder notice as a Markdown letter: title, salutation, body, asks, signature."""
    return to_markdown(notice_document(notice, lang))


def _lists(notice: Notice, lang: Lang) -> tuple[str, str]:
    """The problem lists concerned, as plain text and as Markdown."""
    named = [para("notice.list", lang, user={"title": title}) for title in notice.lists]
    if lang == "en":
        return _join([n.text for n in named], lang), _join([n.md for n in named], lang)
    return "".join(n.text for n in named), "".join(n.md for n in named)


def notice_document(notice: Notice, lang: Lang) -> Document:
    """The reminder notice as a Document: title, salutation, body, asks, signature, date."""
    names = "、".join(notice.supervisors) if lang == "zh" else " and ".join(notice.supervisors)
    signer = (
        (plain(names), md_escape(names)) if names else (t("notice.supervisor_unknown", lang),) * 2
    )
    blocks: list[Block] = [
        Heading(
            1,
            t(notice.key("notice.title"), lang),
        ),
        para("notice.salutation", lang, user={"unit": notice.unit}, role="salutation"),
        para(
            "notice.opening",
            lang,
            user={"lists": _lists(notice, lang)},
            date=long_date(notice.as_of, lang),
            total=notice.total,
            dismissed=t("notice.dismissed", lang, count=notice.dismissed)
            if notice.dismissed
            else "",
            rectified=notice.rectified,
            findings=_findings(notice, lang),
        ),
    ]
    number = 0
    for level in [*LEVELS, WarningLevel.NONE]:
        entries = notice.section(level)
        if not entries:
            continue
        number += 1
        key = "silent" if level is WarningLevel.NONE else level.value
        blocks.append(
            Heading(2, f"{heading_number(number, lang)}{t(f'notice.section.{key}', lang)}")
        )
        blocks.append(Items(tuple(_item(entry, lang) for entry in entries)))
    asks = [t(f"notice.ask.{level.value}", lang) for level in LEVELS if notice.section(level)]
    if any(entry.silent for entry in notice.entries):
        asks.append(t("notice.ask.silent", lang))
    if lang == "en" and asks:
        asks[-1] = asks[-1].rstrip(";") + "."
    to, cc = addressees(notice, lang)
    if notice.kind != "reminder":
        blocks.append(para(f"notice.step.{notice.kind}", lang, user={"to": to}))
    blocks.append(text_para(t("notice.asks", lang)))
    blocks.append(Items(tuple(text_para(ask) for ask in asks)))
    blocks += [
        para(
            "notice.reply",
            lang,
            date=long_date(notice.reply_by, lang),
            user={"supervisor": signer},
        ),
        text_para(t("notice.closing", lang)),
        text_para(signer[0], md=signer[1], role="signature"),
        text_para(long_date(notice.as_of, lang), role="date"),
    ]
    if cc:
        joined = "、".join(cc) if lang == "zh" else ", ".join(cc)
        blocks.append(para("notice.cc", lang, user={"cc": joined}, role="copy"))
    return Document("letter", lang, tuple(blocks))


# --- the chase list as Markdown (rectify due --format markdown) ----------------------------


def chase_markdown(
    units: list[UnitChase],
    as_of: dt.date,
    lang: Lang,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> str:
    """The chase list as Markdown: a heading, the totals, then one table per lead unit."""
    every = [entry for unit in units for entry in unit.entries]
    lines = [
        f"# {t('due.title', lang, as_of=as_of.isoformat())}",
        "",
        t("due.rules", lang, days=due_soon_days, margin=points(Fraction(margin))),
        "",
    ]
    if not every:
        lines += [t("due.none", lang, as_of=as_of.isoformat()), ""]
        return "\n".join(lines)
    lines += [
        t(
            "due.totals",
            lang,
            red=sum(e.level is WarningLevel.RED for e in every),
            yellow=sum(e.level is WarningLevel.YELLOW for e in every),
            blue=sum(e.level is WarningLevel.BLUE for e in every),
            silent=sum(e.silent for e in every),
        ),
        "",
    ]
    columns: tuple[str, ...] = (
        "level",
        "id",
        "title",
        "deadline",
        "days",
        "completion",
        "expected",
        "last",
    )
    chased = any_chased(units)
    columns += ("chased",) if chased else ()
    header = "| " + " | ".join(t(f"due.col.{name}", lang) for name in columns) + " |"
    for unit in units:
        lines += [f"## {md_escape(unit.unit)}", "", header, "|" + "---|" * len(columns)]
        for entry in unit.entries:
            cells = [*_row(entry, lang), *([chase_text(entry, lang)] if chased else [])]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _row(entry: Assessment, lang: Lang) -> list[str]:
    level = entry.level
    marker = (
        f"{level_label(level, lang)}（{level_meaning(level, lang)}）"
        if lang == "zh" and level is not WarningLevel.NONE
        else f"{level_label(level, lang)} ({level_meaning(level, lang)})"
        if level is not WarningLevel.NONE
        else level_label(level, lang)
    )
    return [
        marker,
        md_escape(entry.item.issue.id),
        md_escape(entry.item.issue.title),
        entry.state.deadline.isoformat(),
        days_text(entry, lang),
        percent(entry.state.completion),
        percent(entry.expected) if entry.expected is not None else "—",
        last_report_text(entry, lang),
    ]


def last_report_text(entry: Assessment, lang: Lang) -> str:
    """The last report date for a table cell, flagged when the issue has been silent."""
    if entry.last_progress is None:
        return t("follow.never_reported", lang)
    last = entry.last_progress.isoformat()
    return f"{last} {t('follow.silent_short', lang)}" if entry.silent else last


def chase_text(entry: Assessment, lang: Lang) -> str:
    """How often a problem had been chased by the date and whether the last letter was answered
    (督办2次，已复函), for a table cell; a dash when it never was."""
    record = entry.chases
    if not record.count:
        return t("chase.never", lang)
    key = "replied" if record.replied else "late" if record.reply_late else "waiting"
    return t(f"chase.{key}", lang, count=record.count)


def any_chased(units: Iterable[UnitChase]) -> bool:
    """Whether any problem of the chase list had been chased: the table then shows how often."""
    return any(entry.chases.count for unit in units for entry in unit.entries)
