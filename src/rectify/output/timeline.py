"""One issue's history, oldest first, as plain text: the timeline of `rectify show` and of
the site's problem page (render.issues and rectify.site draw it, each its own way)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rectify.figures.state import completion_value
from rectify.i18n import Lang, t
from rectify.model import Issue, Reopening, Step, evidence_path
from rectify.numbers import format_completion


@dataclass(frozen=True, slots=True)
class Event:
    """One dated line of an issue's timeline, as plain text."""

    date: dt.date
    # within a day: assigned, progress, deadline, rectified, applied, closed, dismissed,
    # reopened or returned, a letter chasing it, a reply
    order: int
    what: str
    completion: str = ""
    note: str = ""
    kind: str = ""  # done, deadline, reopened, chased: how a page marks the line


def _outcome_events(record: Issue | Reopening, lang: Lang) -> list[Event]:
    """The rectification, sign-off and dismissal of an issue, or of what a reopening undid."""
    events: list[Event] = []
    if record.rectified_on is not None:
        events.append(Event(record.rectified_on, 3, t("show.ev.rectified", lang), kind="done"))
    check = record.verification
    if check is not None and check.date is not None:
        who = check.by or ""
        if check.note:
            who += f"（{check.note}）" if lang == "zh" else f" ({check.note})"
        events.append(Event(check.date, 5, t("show.ev.closed", lang), note=who, kind="done"))
    if record.dismissed_on is not None:
        what = t("show.ev.dismissed", lang)
        events.append(Event(record.dismissed_on, 6, what, note=record.reason or ""))
    return events


def _review_events(issue: Issue, lang: Lang) -> list[Event]:
    """The applications for sign-off and the returns (the approval is the sign-off itself)."""
    events: list[Event] = []
    sep = "；" if lang == "zh" else "; "
    for step in issue.signoff:
        if step.step is Step.APPLIED:
            said = [step.by or "", step.note or "", "、".join(map(evidence_path, step.evidence))]
            note = sep.join(part for part in said if part)
            events.append(Event(step.date, 4, t("show.ev.applied", lang), note=note))
        elif step.step is Step.RETURNED:
            note = sep.join(part for part in (step.by or "", step.reason or "") if part)
            what = t("show.ev.returned", lang)
            events.append(Event(step.date, 7, what, note=note, kind="reopened"))
    return events


def _chase_events(issue: Issue, lang: Lang) -> list[Event]:
    """The letters that chased the issue (督办), and the replies (复函)."""
    events: list[Event] = []
    sep, join = ("、", "；") if lang == "zh" else (", ", "; ")
    for letter in issue.chased:
        parts = [t("show.ev.chased.to", lang, to=letter.to)]
        if letter.colour:
            parts.append(t(f"follow.level.{letter.colour.value}.name", lang))
        if letter.cc:
            parts.append(t("notice.cc", lang, cc=sep.join(letter.cc)))
        what = t("show.ev.chased", lang)
        events.append(Event(letter.date, 8, what, note=join.join(parts), kind="chased"))
        if letter.replied_on is not None:
            note = t("show.ev.replied.to", lang, date=letter.date.isoformat())
            what = t("show.ev.replied", lang)
            events.append(Event(letter.replied_on, 9, what, note=note, kind="chased"))
    return events


def timeline(assigned: dt.date | None, issue: Issue, lang: Lang) -> list[Event]:
    """The history of an issue, oldest first: assignment, progress, deadline changes, sign-off.

    A reopened issue keeps the rectification and sign-off its reopening undid,
    then the reopening (整改完成 → 验收销号 → 重新整改 → …). The sign-off review shows
    each application and return (申请销号 → 退回 → 申请销号 → 验收销号); a return is
    recorded as a reopening too, and is shown once, as the return.
    """
    returns = {(s.date, s.reason) for s in issue.signoff if s.step is Step.RETURNED}
    events: list[Event] = []
    if assigned is not None:
        events.append(Event(assigned, 0, t("show.ev.assigned", lang)))
    for entry in issue.progress:
        done = format_completion(completion_value(entry.completion))
        events.append(Event(entry.date, 1, t("show.ev.progress", lang), done, entry.note or ""))
    for change in issue.deadline_changes:
        what = t("show.ev.deadline", lang, from_=change.from_, to=change.to)
        events.append(Event(change.date, 2, what, note=change.reason or "", kind="deadline"))
    for reopening in issue.reopened:
        events += _outcome_events(reopening, lang)
        if (reopening.date, reopening.note) in returns:
            continue
        what = t("show.ev.reopened", lang)
        events.append(Event(reopening.date, 7, what, note=reopening.note or "", kind="reopened"))
    events += _outcome_events(issue, lang) + _review_events(issue, lang)
    events += _chase_events(issue, lang)
    return sorted(events, key=lambda e: (e.date, e.order))


__all__ = ["Event", "timeline"]
