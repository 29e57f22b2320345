"""Pure changes to ledgers: add an issue, record progress, rectify, close, reopen, extend, dismiss,
chase, reply, vote.

Every change takes a Ledger and returns a new one; the input is never touched.
No I/O and no clock: dates are arguments. A change the data does not allow
raises DataError (exit 1), a bad value UsageError (exit 2), an unknown or
ambiguous issue id NotFound (exit 1), each with a catalogue key that says what
to do instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rectify.errors import DataError, NotFound, UsageError
from rectify.ledger.ids import next_id
from rectify.model import (
    Chase,
    DeadlineChange,
    Deliberation,
    EvidenceItem,
    Issue,
    Ledger,
    ProgressEntry,
    Reopening,
    SignoffEntry,
    Source,
    Status,
    Step,
    Track,
    Verification,
)

# --- values ---------------------------------------------------------------------------------


def parse_completion(text: str) -> float:
    """A completion as typed ("74.4", "74.4%", "８０"): a number from 0 to 100, one decimal at most.

    Raises UsageError("ops.bad_completion") otherwise.
    """
    cleaned = text.strip().rstrip("%％").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise UsageError("ops.bad_completion", value=text) from None
    if not 0 <= value <= 100 or abs(round(value * 10) - value * 10) > 1e-6:
        raise UsageError("ops.bad_completion", value=text)
    return round(value, 1)


def parse_amount(text: str, option: str) -> float:
    """An amount in 万元 as typed ("800.25", "８００"): 0 or more, at most four decimals.

    Raises UsageError("ops.bad_amount") otherwise.
    """
    cleaned = text.strip().removesuffix("万元").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise UsageError("ops.bad_amount", option=option, value=text) from None
    if not 0 <= value <= 1e12 or abs(round(value * 10_000) - value * 10_000) > 1e-6:
        raise UsageError("ops.bad_amount", option=option, value=text)
    return round(value, 4)


def clean_text(value: str | None) -> str | None:
    """Optional user text with surrounding blanks removed; None when nothing is left."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def require_text(value: str | None, name: str) -> str:
    """Required user text, stripped; UsageError("ops.empty") naming the option when blank."""
    cleaned = clean_text(value)
    if cleaned is None:
        raise UsageError("ops.empty", name=name)
    return cleaned


def check_not_future(on: dt.date, today: dt.date) -> None:
    """Refuse a date after today: progress and sign-offs are recorded once they happened."""
    if on > today:
        raise UsageError("ops.future_date", date=on, today=today)


# --- adding ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Draft:
    """What a user gives for a new issue; the id is chosen when it is added."""

    title: str
    lead_unit: str
    deadline: dt.date
    co_units: tuple[str, ...] = ()
    source: Source = Source.OTHER
    track: Track = Track.SCHEDULED
    description: str | None = None
    owner: str | None = None
    measures: str | None = None
    assigned_on: dt.date | None = None


def add_issue(ledger: Ledger, draft: Draft, *, id_width: int = 3) -> Ledger:
    """The ledger with a new issue at the end, numbered with the next free id, status open."""
    title = require_text(draft.title, "--title")
    lead = require_text(draft.lead_unit, "--unit")
    assigned = draft.assigned_on or ledger.ledger.assigned_on
    if assigned is not None and draft.deadline < assigned:
        raise DataError("ops.deadline_before_assigned", deadline=draft.deadline, assigned=assigned)
    co_units = [u for u in dict.fromkeys(c.strip() for c in draft.co_units) if u and u != lead]
    values: dict[str, object] = {
        "id": next_id(ledger, width=id_width),
        "title": title,
        "description": clean_text(draft.description),
        "source": draft.source,
        "track": draft.track,
        "lead_unit": lead,
        "co_units": co_units,
        "owner": clean_text(draft.owner),
        "assigned_on": draft.assigned_on,
        "deadline": draft.deadline,
        "measures": clean_text(draft.measures),
        "status": Status.OPEN,
        "completion": 0.0,
    }
    issue = Issue.model_validate({k: v for k, v in values.items() if v not in (None, [])})
    new = ledger.model_copy(deep=True)
    new.issues.append(issue)
    return new


# --- changing one issue -----------------------------------------------------------------------


def _with_issue(ledger: Ledger, issue_id: str) -> tuple[Ledger, Issue]:
    """A copy of the ledger and, in it, a deep copy of the issue to change.

    The other issues are shared with the old ledger, not copied: a change
    touches one issue, and a roll-up may hold tens of thousands.
    """
    for index, issue in enumerate(ledger.issues):
        if issue.id == issue_id:
            changed = issue.model_copy(deep=True)
            issues = [*ledger.issues[:index], changed, *ledger.issues[index + 1 :]]
            return ledger.model_copy(update={"issues": issues}), changed
    raise NotFound("ops.not_found", id=issue_id, count=len(ledger.issues))


def _check_dated(ledger: Ledger, issue: Issue, on: dt.date) -> None:
    """Refuse a date before the issue was assigned or before its last progress entry."""
    assigned = ledger.assigned_on(issue)
    if assigned is not None and on < assigned:
        raise DataError("ops.before_assigned", id=issue.id, date=on, assigned=assigned)
    if issue.progress and on < issue.progress[-1].date:
        raise DataError(
            "ops.before_last_progress", id=issue.id, date=on, last=issue.progress[-1].date
        )


def _refuse_unless_active(issue: Issue, action: str) -> None:
    """Refuse a change that needs an issue not yet rectified, closed or dismissed."""
    if not issue.status.active:
        raise DataError(
            f"ops.{action}.{issue.status.value}",
            id=issue.id,
            rectified_on=issue.rectified_on,
            dismissed_on=issue.dismissed_on,
        )


@dataclass(frozen=True, slots=True)
class AuditFigures:
    """The audit figures a progress report gives, each the total so far (None: not given)."""

    amount_rectified: float | None = None  # 已整改金额（万元）
    rules_issued: int | None = None  # 制定完善制度（项）
    people_accountable: int | None = None  # 追责问责（人）


def update_progress(
    ledger: Ledger,
    issue_id: str,
    *,
    on: dt.date,
    completion: float,
    note: str | None = None,
    audit: AuditFigures = AuditFigures(),
) -> Ledger:
    """Append a dated progress entry and set the completion; an open issue becomes in progress.

    The entry carries the audit figures given (totals so far), dated with it.
    """
    new, issue = _with_issue(ledger, issue_id)
    _refuse_unless_active(issue, "update")
    _check_dated(new, issue, on)
    entry = _entry(on, completion, note)
    entry.amount_rectified = audit.amount_rectified
    entry.rules_issued = audit.rules_issued
    entry.people_accountable = audit.people_accountable
    issue.progress.append(entry)
    issue.completion = completion
    issue.status = Status.IN_PROGRESS
    return new


def mark_done(ledger: Ledger, issue_id: str, *, on: dt.date, note: str | None = None) -> Ledger:
    """Mark an issue rectified (已整改) on a date: completion 100, with a final progress entry."""
    new, issue = _with_issue(ledger, issue_id)
    _refuse_unless_active(issue, "done")
    _check_dated(new, issue, on)
    issue.progress.append(_entry(on, 100.0, note))
    issue.completion = 100.0
    issue.status = Status.RECTIFIED
    issue.rectified_on = on
    return new


def close(
    ledger: Ledger,
    issue_id: str,
    *,
    by: str,
    on: dt.date,
    note: str | None = None,
    evidence: tuple[EvidenceItem, ...] = (),
) -> Ledger:
    """Sign off (销号) a rectified issue: who verified it, when, and how, with the evidence.

    When the unit had applied for it (`apply_signoff`), the review gets an
    ``approved`` step of the same day: the sign-off is the approval.
    """
    new, issue = _with_issue(ledger, issue_id)
    if issue.status is not Status.RECTIFIED:
        raise DataError(
            f"ops.close.{issue.status.value}",
            id=issue.id,
            by=issue.verification.by if issue.verification else None,
            date=issue.verification.date if issue.verification else None,
        )
    if issue.rectified_on is not None and on < issue.rectified_on:
        raise DataError(
            "ops.close.before_rectified", id=issue.id, date=on, rectified_on=issue.rectified_on
        )
    issue.verification = Verification(by=require_text(by, "--by"), date=on, note=clean_text(note))
    issue.status = Status.CLOSED
    issue.evidence += [e for e in evidence if e not in issue.evidence]
    if pending_application(issue) is not None:
        _check_after_steps(issue, on)
        by_whom = issue.verification.by
        issue.signoff.append(
            SignoffEntry(date=on, step=Step.APPROVED, by=by_whom, note=clean_text(note))
        )
    return new


# --- the sign-off review (销号审核) -------------------------------------------------------------


def pending_application(issue: Issue) -> SignoffEntry | None:
    """The application for sign-off (申请销号) not yet decided: the last step, when it is one."""
    if issue.signoff and issue.signoff[-1].step is Step.APPLIED:
        return issue.signoff[-1]
    return None


def _check_after_steps(issue: Issue, on: dt.date) -> None:
    """Refuse a step dated before the last step of the review: the list is history, in order."""
    if issue.signoff and on < issue.signoff[-1].date:
        raise DataError(
            "ops.signoff.before_last", id=issue.id, date=on, last=issue.signoff[-1].date
        )


def apply_signoff(
    ledger: Ledger,
    issue_id: str,
    *,
    on: dt.date,
    by: str | None = None,
    note: str | None = None,
    evidence: tuple[EvidenceItem, ...] = (),
) -> Ledger:
    """Apply for sign-off (申请销号) of a rectified issue: who applies (default its lead unit),
    when, what it says, and the evidence it hands in. Nothing is counted differently until the
    supervisor decides (`close` approves, `return_application` returns it)."""
    new, issue = _with_issue(ledger, issue_id)
    if issue.status is not Status.RECTIFIED:
        raise DataError(f"ops.apply.{issue.status.value}", id=issue.id)
    pending = pending_application(issue)
    if pending is not None:
        raise DataError("ops.apply.pending", id=issue.id, date=pending.date)
    if issue.rectified_on is not None and on < issue.rectified_on:
        raise DataError(
            "ops.apply.before_rectified", id=issue.id, date=on, rectified_on=issue.rectified_on
        )
    _check_after_steps(issue, on)
    entry = SignoffEntry(
        date=on,
        step=Step.APPLIED,
        by=clean_text(by) or issue.lead_unit,
        note=clean_text(note),
        evidence=list(evidence),
    )
    issue.signoff.append(entry)
    return new


def return_application(
    ledger: Ledger, issue_id: str, *, on: dt.date, reason: str, by: str | None = None
) -> Ledger:
    """Return an application for sign-off (退回): the rectification is not accepted.

    Like a reopening (and recorded as one, `reopened`), the rectification date
    moves into the entry, so the months in which the problem stood rectified
    keep their figures; from ``on`` it is in progress again. The review gets a
    ``returned`` step with the reason.
    """
    cause = require_text(reason, "--reason")
    pending = pending_application(ledger_issue(ledger, issue_id))
    if pending is None:
        raise DataError("ops.return.none", id=issue_id)
    if on < pending.date:
        raise DataError("ops.signoff.before_last", id=issue_id, date=on, last=pending.date)
    new, issue = _with_issue(_reopen(ledger, issue_id, on=on, note=cause), issue_id)
    issue.signoff.append(SignoffEntry(date=on, step=Step.RETURNED, by=clean_text(by), reason=cause))
    return new


def ledger_issue(ledger: Ledger, issue_id: str) -> Issue:
    """The issue of that id in the ledger (not a copy); NotFound when there is none."""
    for issue in ledger.issues:
        if issue.id == issue_id:
            return issue
    raise NotFound("ops.not_found", id=issue_id, count=len(ledger.issues))


def reopen(
    ledger: Ledger,
    issue_id: str,
    *,
    on: dt.date,
    note: str,
    completion: float | None = None,
) -> Ledger:
    """Put a rectified, closed or dismissed issue back in progress, saying why.

    What the reopening undoes (the rectification date, the sign-off, a
    dismissal's date and reason) moves into a new ``reopened`` entry dated
    ``on``, never erased: the months in which the issue stood rectified keep
    their figures. With ``completion``, a progress entry dated ``on`` records
    where the work stands now. An issue whose application for sign-off awaits
    a decision is returned (`return_application`), not reopened.
    """
    pending = pending_application(ledger_issue(ledger, issue_id))
    if pending is not None:
        raise DataError("ops.reopen.pending", id=issue_id, date=pending.date)
    return _reopen(ledger, issue_id, on=on, note=note, completion=completion)


def _reopen(
    ledger: Ledger,
    issue_id: str,
    *,
    on: dt.date,
    note: str,
    completion: float | None = None,
) -> Ledger:
    new, issue = _with_issue(ledger, issue_id)
    if issue.status.active:
        raise DataError("ops.reopen.active", id=issue.id, status=issue.status.value)
    _check_dated(new, issue, on)
    check = issue.verification
    undone = [
        day
        for day in (issue.rectified_on, check.date if check else None, issue.dismissed_on)
        if day is not None
    ]
    if undone and on < max(undone):
        raise DataError("ops.reopen.before", id=issue.id, date=on, undone=max(undone))
    issue.reopened.append(
        Reopening(
            date=on,
            note=require_text(note, "--note"),
            rectified_on=issue.rectified_on,
            verification=check,
            dismissed_on=issue.dismissed_on,
            reason=issue.reason,
        )
    )
    if completion is not None:
        issue.progress.append(_entry(on, completion, note))
        issue.completion = completion
    issue.status = Status.IN_PROGRESS
    issue.rectified_on = None
    issue.verification = None
    issue.reason = None
    issue.dismissed_on = None
    return new


def extend(ledger: Ledger, issue_id: str, *, on: dt.date, to: dt.date, reason: str) -> Ledger:
    """Change the deadline (时限调整): append the change, from the deadline in force to ``to``."""
    new, issue = _with_issue(ledger, issue_id)
    _refuse_unless_active(issue, "extend")
    if to == issue.deadline:
        raise DataError("ops.extend.same", id=issue.id, deadline=to)
    assigned = new.assigned_on(issue)
    if assigned is not None and (to < assigned or on < assigned):
        raise DataError("ops.before_assigned", id=issue.id, date=min(to, on), assigned=assigned)
    if issue.deadline_changes and on < issue.deadline_changes[-1].date:
        raise DataError(
            "ops.extend.before_last", id=issue.id, date=on, last=issue.deadline_changes[-1].date
        )
    change = DeadlineChange.model_validate(
        {"date": on, "from": issue.deadline, "to": to, "reason": require_text(reason, "--reason")}
    )
    issue.deadline_changes.append(change)
    issue.deadline = to
    return new


def dismiss(ledger: Ledger, issue_id: str, *, on: dt.date, reason: str) -> Ledger:
    """Dismiss an issue (不予整改) with the reason; from ``on`` it no longer counts in figures."""
    new, issue = _with_issue(ledger, issue_id)
    _refuse_unless_active(issue, "dismiss")
    assigned = new.assigned_on(issue)
    if assigned is not None and on < assigned:
        raise DataError("ops.before_assigned", id=issue.id, date=on, assigned=assigned)
    issue.reason = require_text(reason, "--reason")
    issue.dismissed_on = on
    issue.status = Status.DISMISSED
    return new


def _entry(on: dt.date, completion: float, note: str | None) -> ProgressEntry:
    values: dict[str, object] = {"date": on, "completion": completion}
    cleaned = clean_text(note)
    if cleaned is not None:
        values["note"] = cleaned
    return ProgressEntry.model_validate(values)


# --- chasing (督办) and the committee's vote (满意度测评) -----------------------------------------


def chase(ledger: Ledger, issue_id: str, entry: Chase) -> Ledger:
    """Record a letter that chased an issue (督办), after its last one.

    A second letter of the same day is the same letter (the notice recorded again):
    the ledger comes back unchanged.
    """
    new, issue = _with_issue(ledger, issue_id)
    assigned = new.assigned_on(issue)
    if assigned is not None and entry.date < assigned:
        raise DataError("ops.before_assigned", id=issue.id, date=entry.date, assigned=assigned)
    if any(e.date == entry.date for e in issue.chased):
        return ledger
    if issue.chased and entry.date < issue.chased[-1].date:
        raise DataError(
            "ops.chase.before_last", id=issue.id, date=entry.date, last=issue.chased[-1].date
        )
    issue.chased.append(entry)
    return new


def reply(ledger: Ledger, issue_id: str, *, on: dt.date) -> Ledger:
    """Record that the unit answered (复函) on a date: every letter to it of that date or
    before, not yet answered, is answered on that date."""
    new, issue = _with_issue(ledger, issue_id)
    waiting = [e for e in issue.chased if e.replied_on is None]
    if not waiting:
        raise DataError("ops.reply.none", id=issue.id, count=len(issue.chased))
    answered = [e for e in waiting if e.date <= on]
    if not answered:
        raise DataError("ops.reply.before", id=issue.id, date=on, letter=waiting[0].date)
    for entry in answered:
        entry.replied_on = on
    return new


def vote(ledger: Ledger, entry: Deliberation) -> Ledger:
    """Record a deliberation of the rectification report with its vote, after the last one."""
    for name in ("satisfied", "basically_satisfied", "dissatisfied"):
        if getattr(entry, name) < 0:
            raise UsageError("ops.vote.negative", name=name, value=getattr(entry, name))
    done = ledger.ledger.deliberations
    for held in done:
        if (held.date, held.meeting) == (entry.date, entry.meeting):
            raise DataError("ops.vote.twice", date=entry.date, meeting=entry.meeting)
    if done and entry.date < done[-1].date:
        raise DataError("ops.vote.before_last", date=entry.date, last=done[-1].date)
    assigned = ledger.ledger.assigned_on
    if assigned is not None and entry.date < assigned:
        raise DataError("ops.vote.before_assigned", date=entry.date, assigned=assigned)
    meta = ledger.ledger.model_copy(update={"deliberations": [*done, entry]})
    return ledger.model_copy(update={"ledger": meta})
