"""One issue's history, oldest first, as plain text: the timeline of `rectify show` and of
the site's problem page (render.issues and rectify.site draw it, each its own way)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
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
    # within a day, how many reopenings (or returns) of that day came before it: a problem
    # done, applied for, returned, done and applied for again on one day reads in that order
    cycle: int = 0


def _outcome_events(record: Issue | Reopening, lang: Lang, cycle: int = 0) -> list[Event]:
    """The rectification, sign-off and dismissal of an issue, or of what a reopening undid;
    ``cycle``: that many reopenings on the day came before them."""
    events: list[Event] = []
    if record.rectified_on is not None:
        what = t("show.ev.rectified", lang)
        events.append(Event(record.rectified_on, 3, what, kind="done", cycle=cycle))
    check = record.verification
    if check is not None and check.date is not None:
        who = check.by or ""
        if check.note:
            who += f"（{check.note}）" if lang == "zh" else f" ({check.note})"
        what = t("show.ev.closed", lang)
        events.append(Event(check.date, 5, what, note=who, kind="done", cycle=cycle))
    if record.dismissed_on is not None:
        what = t("show.ev.dismissed", lang)
        events.append(Event(record.dismissed_on, 6, what, note=record.reason or "", cycle=cycle))
    return events


def _review_events(issue: Issue, lang: Lang) -> list[Event]:
    """The applications for sign-off and the returns (the approval is the sign-off itself)."""
    events: list[Event] = []
    sep = "；" if lang == "zh" else "; "
    returned: dict[dt.date, int] = {}  # returns so far on each day: the cycle of that day
    for step in issue.signoff:
        cycle = returned.get(step.date, 0)
        if step.step is Step.APPLIED:
            said = [step.by or "", step.note or "", "、".join(map(evidence_path, step.evidence))]
            note = sep.join(part for part in said if part)
            what = t("show.ev.applied", lang)
            events.append(Event(step.date, 4, what, note=note, cycle=cycle))
        elif step.step is Step.RETURNED:
            note = sep.join(part for part in (step.by or "", step.reason or "") if part)
            what = t("show.ev.returned", lang)
            events.append(Event(step.date, 7, what, note=note, kind="reopened", cycle=cycle))
            returned[step.date] = cycle + 1
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
    reopened_on: dict[dt.date, int] = {}  # reopenings so far on each day
    undone = Counter(reopening.date for reopening in issue.reopened)  # reopenings a day
    finished: Counter[dt.date] = Counter()  # progress entries at 100 % so far on each day
    for entry in issue.progress:
        done = format_completion(completion_value(entry.completion))
        what = t("show.ev.progress", lang)
        # a `done` ends a day's cycle of progress, when the day has a reopening to end it
        cycle = min(finished[entry.date], undone[entry.date])
        events.append(Event(entry.date, 1, what, done, entry.note or "", cycle=cycle))
        if completion_value(entry.completion) >= 100:
            finished[entry.date] += 1
    for change in issue.deadline_changes:
        what = t("show.ev.deadline", lang, from_=change.from_, to=change.to)
        events.append(Event(change.date, 2, what, note=change.reason or "", kind="deadline"))
    for reopening in issue.reopened:
        cycle = reopened_on.get(reopening.date, 0)
        reopened_on[reopening.date] = cycle + 1
        events += _outcome_events(reopening, lang, _day_cycle(reopening, reopened_on))
        if (reopening.date, reopening.note) in returns:
            continue
        what = t("show.ev.reopened", lang)
        note = reopening.note or ""
        events.append(Event(reopening.date, 7, what, note=note, kind="reopened", cycle=cycle))
    events += _outcome_events(issue, lang, _day_cycle(issue, reopened_on))
    events += _review_events(issue, lang) + _chase_events(issue, lang)
    return sorted(events, key=lambda e: (e.date, e.cycle, e.order))


def _day_cycle(record: Issue | Reopening, reopened_on: dict[dt.date, int]) -> int:
    """The cycle of a rectification on its day: the reopenings of that day already counted
    (each reopening ends one), less the one that undid it when ``record`` is a reopening."""
    day = record.rectified_on
    if day is None:
        return 0
    before = reopened_on.get(day, 0)
    return before - 1 if isinstance(record, Reopening) and record.date == day else before


__all__ = ["Event", "timeline"]
