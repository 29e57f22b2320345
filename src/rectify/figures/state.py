"""One issue as of a date: the one status of an issue on D."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from rectify.dates import month_end as month_end  # re-exported: one definition
from rectify.model import Chase, Deliberation, Issue, Ledger, Result, Status, Step

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
    pool = list(pool)  # nothing carried or handed down: drop_superseded gives it back at once
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
    if not any(origins(entry) for entry in chosen):
        return chosen  # nothing carried or handed down: every entry stands for itself
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


def review_on(issue: Issue, as_of: dt.date) -> Step | None:
    """Where the sign-off review (销号审核) stood on a date: its last step dated on or before it
    (applied: awaiting a decision; returned: not applied for again yet; approved), else None."""
    step = None
    for entry in issue.signoff:
        if entry.date > as_of:
            break
        step = entry.step
    return step


AuditValues = tuple[str | None, str | None, int | None, int | None]
"""An issue's audit figures on a date: 涉及金额 and 已整改金额 (万元, as written), 制定完善制度
（项）, 追责问责（人）; None where it records none."""


def audit_on(issue: Issue, as_of: dt.date) -> AuditValues | None:
    """The audit figures (审计整改) of an issue on a date, None when it records none.

    ``amount_involved`` is the problem's own; the other three are totals so far
    in its progress entries: the last entry dated on or before the date that
    gives each counts, so a month already past keeps its figures.
    """
    rectified: float | None = None
    rules: int | None = None
    people: int | None = None
    for entry in issue.progress:
        if entry.date > as_of:
            break
        rectified = entry.amount_rectified if entry.amount_rectified is not None else rectified
        rules = entry.rules_issued if entry.rules_issued is not None else rules
        people = entry.people_accountable if entry.people_accountable is not None else people
    involved = issue.amount_involved
    if involved is None and rectified is None and rules is None and people is None:
        return None
    return (_amount(involved), _amount(rectified), rules, people)


def _amount(value: float | None) -> str | None:
    return None if value is None else repr(value).removesuffix(".0")


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

    Progress, deadline changes, reopenings and steps of the sign-off review
    dated after the date are left out; the deadline is the one in force; the
    rectification, sign-off and dismissal are those of the record in force
    (what a later reopening undid counts); the status and completion are
    those of the date. What `show --as-of` prints, so it agrees with every figure of that date.
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
            "signoff": [entry for entry in issue.signoff if entry.date <= as_of],
            "chased": list(chases_on(issue, as_of)),
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
        issue.signoff[-1].date if issue.signoff else None,
        *(day for e in issue.chased for day in (e.date, e.replied_on)),
    )
    return all(day is None or day <= as_of for day in dated)


# --- chasing (督办) and the committee's vote (满意度测评), as of a date ------------------------


def chases_on(issue: Issue, as_of: dt.date) -> tuple[Chase, ...]:
    """The letters that had chased the issue by a date, oldest first; a reply that came
    after the date is not there yet (``replied_on`` None)."""
    return tuple(
        entry
        if entry.replied_on is None or entry.replied_on <= as_of
        else entry.model_copy(update={"replied_on": None})
        for entry in issue.chased
        if entry.date <= as_of
    )


@dataclass(frozen=True, slots=True)
class ChaseRecord:
    """How often an issue had been chased by a date, and how its letters were answered."""

    letters: tuple[Chase, ...]
    as_of: dt.date

    @property
    def count(self) -> int:
        return len(self.letters)

    @property
    def last(self) -> Chase | None:
        return self.letters[-1] if self.letters else None

    @property
    def replied(self) -> bool:
        """Whether the last letter had been answered by the date."""
        return self.last is not None and self.last.replied_on is not None

    @property
    def reply_late(self) -> bool:
        """Whether the last letter was still unanswered after its reply was due (逾期未复)."""
        last = self.last
        return (
            last is not None
            and last.replied_on is None
            and last.reply_due is not None
            and last.reply_due < self.as_of
        )


def chase_record(issue: Issue, as_of: dt.date) -> ChaseRecord:
    """The issue's chase letters as of a date (see `chases_on`)."""
    return ChaseRecord(chases_on(issue, as_of), as_of)


def deliberations_on(ledger: Ledger, as_of: dt.date) -> tuple[Deliberation, ...]:
    """The committee's votes on the ledger's rectification report held by a date, oldest first."""
    return tuple(entry for entry in ledger.ledger.deliberations if entry.date <= as_of)


def report_again(ledger: Ledger, as_of: dt.date) -> int:
    """How many votes in a row, the last one held by a date, found the rectification
    unsatisfactory: 1 means the list is to be reported on again, 2 or more that an inquiry
    or a special investigation may follow; 0 when the last vote was not 不满意 (or none)."""
    held = deliberations_on(ledger, as_of)
    count = 0
    for entry in reversed(held):
        if entry.result is not Result.DISSATISFIED:
            break
        count += 1
    return count


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
