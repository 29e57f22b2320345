"""The rules of an issue's dated history: progress, deadline changes, reopenings, sign-off review.

Each rule reports through ``add(code, path, **params)`` (rectify.ledger.check's
adder for one issue), so every problem keeps its place in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rectify.model import DeadlineChange, Issue, ProgressEntry, Status, Step
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
