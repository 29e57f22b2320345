"""The supervision cycle in the monthly report: the letters that chased problems (督办情况) and
the committee's votes on the rectification report (满意度测评), as of the report's date.

Pure: assessments and ledgers in, blocks out. Nothing dated after the date is there: a letter
sent, a reply received or a vote held later does not exist yet on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rectify.figures.months import Month
from rectify.figures.state import deliberations_on, report_again
from rectify.figures.warnings import Assessment, WarningLevel, level_label
from rectify.i18n import Lang, t
from rectify.model import Chase, Deliberation, Ledger
from rectify.output.blocks import Block, para, table, text_para
from rectify.output.words import long_date


def chase_summary(warnings: Sequence[Assessment], month: Month, as_of: dt.date) -> dict[str, int]:
    """The counts of the chasing paragraph: problems chased in the month, problems and letters
    to date, letters answered, waiting, and waiting past their reply date."""
    chased = [entry for entry in warnings if entry.chases.count]
    letters = [letter for entry in chased for letter in entry.chases.letters]
    start = dt.date(month[0], month[1], 1)
    waiting = [letter for letter in letters if letter.replied_on is None]
    return {
        "month": sum(any(x.date >= start for x in e.chases.letters) for e in chased),
        "problems": len(chased),
        "letters": len(letters),
        "replied": len(letters) - len(waiting),
        "waiting": len(waiting),
        "late": sum(x.reply_due is not None and x.reply_due < as_of for x in waiting),
    }


def _reply(letter: Chase, as_of: dt.date, lang: Lang) -> str:
    if letter.replied_on is not None:
        return t("report.chase.reply.replied", lang, date=letter.replied_on.isoformat())
    if letter.reply_due is None:
        return t("report.chase.reply.open", lang)
    key = "late" if letter.reply_due < as_of else "waiting"
    return t(f"report.chase.reply.{key}", lang, due=letter.reply_due.isoformat())


def chase_blocks(
    warnings: Sequence[Assessment], month: Month, as_of: dt.date, lang: Lang
) -> list[Block]:
    """督办情况: the counts, then each problem chased by the date; empty when none was."""
    chased = [entry for entry in warnings if entry.chases.count]
    if not chased:
        return []
    chased.sort(key=lambda e: (e.item.ledger_id, e.item.issue.id))
    headers = [
        t(f"report.col.{name}", lang)
        for name in ("id", "title", "unit", "chased", "last_chased", "colour", "to", "reply")
    ]
    body = []
    for entry in chased:
        last = entry.chases.letters[-1]
        body.append(
            [
                entry.item.issue.id,
                entry.item.issue.title,
                entry.item.issue.lead_unit,
                str(entry.chases.count),
                last.date.isoformat(),
                level_label(_level(last), lang),
                last.to,
                _reply(last, as_of, lang),
            ]
        )
    summary = chase_summary(warnings, month, as_of)
    return [
        text_para(t("report.chase.summary", lang, date=long_date(as_of, lang), **summary)),
        table(headers, body, [False, False, False, True, False, False, False, False]),
    ]


def _level(letter: Chase) -> WarningLevel:
    return WarningLevel(letter.colour.value) if letter.colour else WarningLevel.NONE


def vote_blocks(ledgers: Sequence[Ledger], as_of: dt.date, lang: Lang) -> list[Block]:
    """满意度测评: each vote held by the date, ledger by ledger, and what a 不满意 means for the
    list; empty when no ledger had been voted on."""
    blocks: list[Block] = []
    for ledger in ledgers:
        held = deliberations_on(ledger, as_of)
        for entry in held:
            blocks += _vote(entry, lang)
        again = report_again(ledger, as_of)
        if again:
            key = "report.vote.again_twice" if again > 1 else "report.vote.again"
            blocks.append(
                para(
                    key,
                    lang,
                    user={"ledger": ledger.ledger.title},
                    date=long_date(held[-1].date, lang),
                )
            )
    return blocks


def _vote(entry: Deliberation, lang: Lang) -> list[Block]:
    row = para(
        "report.vote.row",
        lang,
        user={"meeting": entry.meeting},
        date=long_date(entry.date, lang),
        satisfied=entry.satisfied,
        basic=entry.basically_satisfied,
        dissatisfied=entry.dissatisfied,
        result=t(f"result.{entry.result.value}", lang),
    )
    if entry.follow_up is None:
        return [row]
    return [row, para("report.vote.follow_up", lang, user={"follow_up": entry.follow_up})]
