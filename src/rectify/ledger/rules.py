"""The rules of dated history: progress, deadline changes, reopenings, the sign-off review,
chases and votes.

Each rule reports through ``add(code, path, **params)`` (rectify.ledger.check's
adder for one issue), so every problem keeps its place in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rectify.model import (
    DeadlineChange,
    Issue,
    LedgerMeta,
    ProgressEntry,
    Result,
    Status,
    Step,
)
from rectify.numbers import stored_number


def progress_rules(issue: Issue, add: Any) -> None:
    entries: Sequence[ProgressEntry] = issue.progress
    for index in range(1, len(entries)):
        before, entry = entries[index - 1], entries[index]
        if entry.date < before.date:
            add("R308", ("progress", index, "date"), date=entry.date, previous=before.date)
        elif entry.completion < before.completion:
            add(
                "R401",
                ("progress", index, "completion"),
                date=entry.date,
                value=stored_number(entry.completion),
                previous=stored_number(before.completion),
            )
    if (
        entries
        and entries[-1].completion != issue.completion
        and issue.status
        not in (
            Status.RECTIFIED,
            Status.CLOSED,
        )
    ):
        add(
            "R309",
            ("completion",),
            completion=stored_number(issue.completion),
            last=stored_number(entries[-1].completion),
        )


def deadline_rules(issue: Issue, add: Any) -> None:
    changes: Sequence[DeadlineChange] = issue.deadline_changes
    for index in range(1, len(changes)):
        before, change = changes[index - 1], changes[index]
        if change.date < before.date:
            add(
                "R310",
                ("deadline_changes", index, "date"),
                key="R310.order",
                date=change.date,
                previous=before.date,
            )
        if change.from_ != before.to:
            add(
                "R310",
                ("deadline_changes", index, "from"),
                from_=change.from_,
                previous=before.to,
            )
    if changes and issue.deadline != changes[-1].to:
        add("R311", ("deadline",), deadline=issue.deadline, to=changes[-1].to)


def reopened_rules(issue: Issue, add: Any, assigned: dt.date | None) -> None:
    """R314-R317 and R307: ``reopened`` is append-only history, in date order, each entry after
    what it undid, and nothing recorded now comes before the last reopening."""
    previous: dt.date | None = None
    for index, entry in enumerate(issue.reopened):
        check = entry.verification
        undone = {
            "rectified_on": entry.rectified_on,
            "verification.date": check.date if check else None,
            "dismissed_on": entry.dismissed_on,
        }
        if previous is not None and entry.date < previous:
            add("R314", ("reopened", index, "date"), date=entry.date, previous=previous)
        if all(day is None for day in undone.values()):
            add("R317", ("reopened", index, "date"), date=entry.date)
        for name, day in undone.items():
            if day is not None and entry.date < day:
                add("R315", ("reopened", index, "date"), date=entry.date, name=name, undone=day)
            if day is not None and assigned is not None and day < assigned:
                add("R307", ("reopened", index, "date"), name=name, date=day, assigned=assigned)
        if assigned is not None and entry.date < assigned:
            add(
                "R307",
                ("reopened", index, "date"),
                name="reopened.date",
                date=entry.date,
                assigned=assigned,
            )
        previous = entry.date
    if previous is None:
        return
    check = issue.verification
    now = {
        "rectified_on": issue.rectified_on,
        "verification.date": check.date if check else None,
        "dismissed_on": issue.dismissed_on,
    }
    for name, day in now.items():
        if day is not None and day < previous:
            path = tuple(name.split(".")) if "." in name else (name,)
            add("R316", path, name=name, date=day, reopened=previous)


def signoff_rules(issue: Issue, add: Any, assigned: dt.date | None) -> None:
    """R318-R321 and R307: the sign-off review (``signoff``) is history in date order, each
    decision (returned, approved) answers an application, a return says why, and an
    application still awaiting a decision belongs to a rectified issue."""
    previous: dt.date | None = None
    waiting = False  # an application awaits a decision
    for index, step in enumerate(issue.signoff):
        where = ("signoff", index, "date")
        if previous is not None and step.date < previous:
            add("R318", where, date=step.date, previous=previous)
        if assigned is not None and step.date < assigned:
            add("R307", where, name="signoff.date", date=step.date, assigned=assigned)
        if (step.step is Step.APPLIED) is waiting:
            key = "R319.pending" if waiting else "R319"
            add("R319", ("signoff", index, "step"), key=key, step=step.step.value, date=step.date)
        if step.step is Step.RETURNED and step.reason is None:
            add("R320", ("signoff", index, "step"), date=step.date)
        waiting = step.step is Step.APPLIED
        previous = step.date
    if waiting and issue.status is not Status.RECTIFIED:
        add("R321", ("signoff", len(issue.signoff) - 1, "step"), status=issue.status.value)


def chase_rules(issue: Issue, add: Any, assigned: dt.date | None) -> None:
    """R330-R332 and R307: ``chased`` is append-only history in date order, no letter before
    the problem was handed over, no reply due or reply before its letter."""
    previous: dt.date | None = None
    for index, entry in enumerate(issue.chased):
        if previous is not None and entry.date < previous:
            add("R330", ("chased", index, "date"), date=entry.date, previous=previous)
        if assigned is not None and entry.date < assigned:
            add(
                "R307",
                ("chased", index, "date"),
                name="chased.date",
                date=entry.date,
                assigned=assigned,
            )
        if entry.replied_on is not None and entry.replied_on < entry.date:
            add("R331", ("chased", index, "replied_on"), replied=entry.replied_on, date=entry.date)
        if entry.reply_due is not None and entry.reply_due < entry.date:
            add("R332", ("chased", index, "reply_due"), due=entry.reply_due, date=entry.date)
        previous = entry.date


def vote_result(satisfied: int, basic: int, dissatisfied: int) -> Result | None:
    """What votes come to: 不满意 unless 满意 and 基本满意 together are more than half the
    votes cast, 满意 when 满意 alone is; None when no vote was counted."""
    total = satisfied + basic + dissatisfied
    if total <= 0:
        return None
    if 2 * (satisfied + basic) <= total:
        return Result.DISSATISFIED
    if 2 * satisfied > total:
        return Result.SATISFIED
    return Result.BASICALLY_SATISFIED


def deliberation_rules(meta: LedgerMeta, add: Any) -> None:
    """R333, R334 and R410: deliberations in date order, counts never negative, and a result
    the votes agree with (a warning: some committees count against their members, not votes)."""
    previous: dt.date | None = None
    for index, entry in enumerate(meta.deliberations):
        if previous is not None and entry.date < previous:
            add("R333", ("deliberations", index, "date"), date=entry.date, previous=previous)
        previous = entry.date
        negative = False
        for name in ("satisfied", "basically_satisfied", "dissatisfied"):
            if getattr(entry, name) < 0:
                negative = True
                add("R334", ("deliberations", index, name), name=name, value=getattr(entry, name))
        counts = (entry.satisfied, entry.basically_satisfied, entry.dissatisfied)
        expected = None if negative else vote_result(*counts)
        if expected is not None and expected is not entry.result:
            add(
                "R410",
                ("deliberations", index, "result"),
                result=entry.result.value,
                votes=expected.value,
            )
