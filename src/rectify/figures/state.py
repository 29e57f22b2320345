"""One issue as of a date: the one status of an issue on D."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from rectify.dates import month_end as month_end  # re-exported: one definition
from rectify.model import Issue, Ledger, Status

DUE_SOON_DAYS = 14


T = TypeVar("T")


# --- issues with their ledger --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One issue together with the ledger it belongs to."""

    ledger: Ledger
    issue: Issue

    @property
    def ledger_id(self) -> str:
        """The id of the issue's ledger."""
        return self.ledger.ledger.id

    @property
    def key(self) -> str:
        """The issue's name across ledgers, as `carried_from` spells it: 'ledger-id/issue-id'."""
        return f"{self.ledger.ledger.id}/{self.issue.id}"

    @property
    def assigned_on(self) -> dt.date | None:
        """The date the issue was handed over: its own, else the ledger's."""
        return self.ledger.assigned_on(self.issue)


def items(ledgers: Iterable[Ledger]) -> list[Item]:
    """Every issue of the ledgers, ledger by ledger, in file order."""
    return [Item(ledger, issue) for ledger in ledgers for issue in ledger.issues]


def dedupe_carried(pool: Iterable[Item], as_of: dt.date | None = None) -> list[Item]:
    """Count each problem once in a roll-up: keep only the newest link of each chain.

    A chain is a problem carried over into next year's ledger (`carried_from`,
    跨年再盯) or handed down to a lower level that works it off (`handed_from`,
    下级承接): the issue another issue names is dropped, and the one that holds
    the work stands for it. With `as_of`, only successors that exist on that
    date count, and only from the day their ledger had begun: before it, the
    origin, when it exists on the date, still stands for the problem, and the
    successor is the one left out.
    """
    pool = list(pool)
    if not any(item.issue.carried_from or item.issue.handed_from for item in pool):
        return pool  # nothing carried or handed down: every issue stands for itself
    if as_of is None:
        return drop_superseded(pool, lambda item: item.key, lambda item: item.issue.origins)
    return drop_superseded(
        pool,
        lambda item: item.key,
        lambda item: item.issue.origins if exists_on(item, as_of) else (),
        lambda item: carried_in_force(item, as_of),
        lambda item: exists_on(item, as_of),
    )


def carried_in_force(item: Item, as_of: dt.date) -> bool:
    """Whether a carried or handed-down issue stands for its problem on a date: its ledger
    had begun by then.

    The one rule of which copy of a problem a roll-up counts on a date
    (`dedupe_carried` for issues, rectify.figures.facts for the status facts).
    """
    started = item.ledger.ledger.assigned_on
    return started is None or started <= as_of


def drop_superseded(
    pool: Iterable[T],
    key: Callable[[T], str],
    origins: Callable[[T], Iterable[str]],
    in_force: Callable[[T], bool] = lambda entry: True,
    present: Callable[[T], bool] = lambda entry: True,
) -> list[T]:
    """The entries no other entry in force names among its `origins` (naming itself does not
    count); an entry not yet in force whose origin is present in the pool is left out instead."""
    chosen = list(pool)
    names = {key(entry) for entry in chosen if present(entry)}
    superseded: set[str] = set()
    waiting: set[str] = set()
    for entry in chosen:
        own = key(entry)
        for origin in origins(entry):
            if origin == own:
                continue
            if in_force(entry):
                superseded.add(origin)
            elif origin in names:
                waiting.add(own)
    return [entry for entry in chosen if key(entry) not in superseded | waiting]


# --- one issue as of a date ------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def completion_value(value: float) -> Fraction:
    """A completion as stored (a float with at most one decimal) as an exact fraction.

    Kept once per value: there are at most 1,001 of them, and a month-by-month
    table of a big roll-up asks for hundreds of thousands.
    """
    return Fraction(str(value))


def exists_on(item: Item, as_of: dt.date) -> bool:
    """Whether the issue had been assigned by that date (an issue with no date always exists)."""
    assigned = item.assigned_on
    return assigned is None or assigned <= as_of


@dataclass(frozen=True, slots=True)
class Outcome:
    """The rectification, sign-off and dismissal of an issue's record in force on a date."""

    rectified_on: dt.date | None
    closed_on: dt.date | None
    closed_by: str | None
    dismissed_on: dt.date | None
    reason: str | None


def outcome_on(issue: Issue, as_of: dt.date) -> Outcome:
    """The outcome recorded for an issue as it stood on a date.

    The issue's own fields, unless it was reopened after that date: then what
    the first such reopening undid (the contract's ``reopened`` rule), so a
    reopening never changes a month already past. Only an outcome dated on or
    before the date has happened by then; callers compare the dates.
    """
    for entry in issue.reopened:
        if entry.date > as_of:
            check = entry.verification
            return Outcome(
                entry.rectified_on,
                check.date if check else None,
                check.by if check else None,
                entry.dismissed_on,
                entry.reason,
            )
    check = issue.verification if issue.status is Status.CLOSED else None
    return Outcome(
        issue.rectified_on if issue.status.done else None,
        check.date if check else None,
        check.by if check else None,
        issue.dismissed_on,
        issue.reason,
    )


def _happened(day: dt.date | None, as_of: dt.date) -> bool:
    return day is not None and day <= as_of


def is_dismissed(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was dismissed (不予整改) on that date."""
    if not issue.reopened:
        return _happened(issue.dismissed_on, as_of)
    return _happened(outcome_on(issue, as_of).dismissed_on, as_of)


def is_rectified(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was rectified (已整改, 含已销号) on that date."""
    if not issue.reopened:
        return issue.status.done and _happened(issue.rectified_on, as_of)
    return _happened(outcome_on(issue, as_of).rectified_on, as_of)


def is_closed(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was signed off (已销号) on that date."""
    return _happened(outcome_on(issue, as_of).closed_on, as_of)


def completion_on(issue: Issue, as_of: dt.date) -> Fraction:
    """The completion in percent (0-100) the issue had on that date."""
    if is_rectified(issue, as_of):
        return Fraction(100)
    if issue.progress:
        reported = [entry for entry in issue.progress if entry.date <= as_of]
        return completion_value(reported[-1].completion) if reported else Fraction(0)
    return completion_value(issue.completion)


def deadline_on(issue: Issue, as_of: dt.date) -> dt.date:
    """The deadline in force on that date: later changes had not been made yet."""
    later = (change.from_ for change in issue.deadline_changes if change.date > as_of)
    return next(later, issue.deadline)


def extensions_on(issue: Issue, as_of: dt.date) -> int:
    """How many deadline changes had been made by that date."""
    return sum(1 for change in issue.deadline_changes if change.date <= as_of)


def is_on_time(issue: Issue, as_of: dt.date) -> bool:
    """Whether the issue was rectified by that date and no later than its original deadline."""
    rectified = outcome_on(issue, as_of).rectified_on
    return (
        _happened(rectified, as_of)
        and rectified is not None
        and (rectified <= issue.original_deadline)
    )


@dataclass(frozen=True, slots=True)
class IssueState:
    """Where one issue stood on a date, in the words of the contract."""

    as_of: dt.date
    exists: bool
    dismissed: bool
    counted: bool
    rectified: bool
    closed: bool
    completion: Fraction
    deadline: dt.date
    overdue: bool
    due_soon: bool
    within_period: bool
    open: bool
    in_progress: bool
    on_time: bool
    extensions: int

    @property
    def status(self) -> Status:
        """The issue's status on the date: the one "status on D" every output shows.

        Exactly one of dismissed, closed, rectified (not closed), in progress
        (counted, not rectified, completion above 0) and open (completion 0),
        as the format contract defines it. Every listing, export, report and
        JSON shape reads an issue's status here, never from the file's field.
        """
        if self.dismissed:
            return Status.DISMISSED
        if self.closed:
            return Status.CLOSED
        if self.rectified:
            return Status.RECTIFIED
        return Status.IN_PROGRESS if self.completion > 0 else Status.OPEN


def issue_state(item: Item, as_of: dt.date, *, due_soon_days: int = DUE_SOON_DAYS) -> IssueState:
    """The state of one issue on a date; flags other than exists/dismissed need it counted."""
    issue = item.issue
    exists = exists_on(item, as_of)
    dismissed = exists and is_dismissed(issue, as_of)
    counted = exists and not dismissed
    rectified = counted and is_rectified(issue, as_of)
    completion = completion_on(issue, as_of)
    deadline = deadline_on(issue, as_of)
    pending = counted and not rectified
    overdue = pending and deadline < as_of
    return IssueState(
        as_of=as_of,
        exists=exists,
        dismissed=dismissed,
        counted=counted,
        rectified=rectified,
        closed=counted and is_closed(issue, as_of),
        completion=completion,
        deadline=deadline,
        overdue=overdue,
        due_soon=pending and as_of <= deadline <= as_of + dt.timedelta(days=due_soon_days),
        within_period=pending and not overdue,
        open=pending and completion == 0,
        in_progress=pending and completion > 0,
        on_time=rectified and is_on_time(issue, as_of),
        extensions=extensions_on(issue, as_of) if counted else 0,
    )


def issue_as_of(item: Item, as_of: dt.date, state: IssueState | None = None) -> Issue:
    """The issue as it stood on a date: what had been recorded by then, and nothing later.

    Progress, deadline changes and reopenings dated after the date are left
    out; the deadline is the one in force; the rectification, sign-off and
    dismissal are those of the record in force (what a later reopening undid
    counts); the status and completion are those of the date. What `show
    --as-of` prints, so it agrees with every figure of that date.
    """
    issue = item.issue
    if state is None:  # a caller that worked the state of the date out already passes it
        state = issue_state(item, as_of)
    same = state.status is issue.status and state.completion == completion_value(issue.completion)
    if same and _nothing_after(issue, as_of):
        return issue  # as it stands in the file (the usual case on today's date)
    later = next((entry for entry in issue.reopened if entry.date > as_of), None)
    record = later if later is not None else issue
    check = record.verification if later is not None or issue.status is Status.CLOSED else None
    dismissed = record.dismissed_on if _happened(record.dismissed_on, as_of) else None
    return issue.model_copy(
        update={
            "status": state.status,
            "completion": float(state.completion),
            "deadline": state.deadline,
            "rectified_on": record.rectified_on if state.rectified else None,
            "verification": check if check is not None and _happened(check.date, as_of) else None,
            "dismissed_on": dismissed,
            "reason": record.reason if dismissed is not None else None,
            "progress": [entry for entry in issue.progress if entry.date <= as_of],
            "deadline_changes": [c for c in issue.deadline_changes if c.date <= as_of],
            "reopened": [entry for entry in issue.reopened if entry.date <= as_of],
        }
    )


def _nothing_after(issue: Issue, as_of: dt.date) -> bool:
    """Whether nothing in the issue is dated after the date."""
    check = issue.verification
    dated = (
        issue.rectified_on,
        issue.dismissed_on,
        check.date if check else None,
        issue.progress[-1].date if issue.progress else None,
        issue.deadline_changes[-1].date if issue.deadline_changes else None,
        issue.reopened[-1].date if issue.reopened else None,
    )
    return all(day is None or day <= as_of for day in dated)


def is_overdue(item: Item, as_of: dt.date) -> bool:
    """Whether the issue was overdue (逾期) on that date: counted, unrectified, deadline passed."""
    return issue_state(item, as_of).overdue


def days_overdue(item: Item, as_of: dt.date) -> int:
    """Days past the deadline in force on that date; 0 when the issue is not overdue."""
    state = issue_state(item, as_of)
    return (as_of - state.deadline).days if state.overdue else 0


def days_left(item: Item, as_of: dt.date) -> int:
    """Days from that date to the deadline then in force; negative once it has passed."""
    return (deadline_on(item.issue, as_of) - as_of).days
