"""What changed between two versions of a set of ledgers, issue by issue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from rectify.model import (
    ISSUE_KEYS,
    Chase,
    DeadlineChange,
    Deliberation,
    Issue,
    Ledger,
    ProgressEntry,
    Reopening,
    Status,
    Step,
    evidence_path,
)
from rectify.numbers import stored_number

Value = str | float | list[str] | None


class Kind(StrEnum):
    """What kind of change a record is."""

    ADDED = "added"
    REMOVED = "removed"
    PROGRESS = "progress"
    DEADLINE = "deadline"
    RECTIFIED = "rectified"
    CLOSED = "closed"
    DISMISSED = "dismissed"
    REOPENED = "reopened"
    APPLIED = "applied"  # 申请销号
    RETURNED = "returned"  # 退回
    CHASED = "chased"  # a letter chased it (督办)
    REPLIED = "replied"  # the unit answered a letter (复函)
    EDITED = "edited"
    LEDGER_ADDED = "ledger_added"
    LEDGER_REMOVED = "ledger_removed"
    LEDGER_MOVED = "ledger_moved"
    LEDGER_EDITED = "ledger_edited"
    VOTED = "voted"  # the committee voted on the rectification report (满意度测评)


ISSUE_KINDS: tuple[Kind, ...] = (
    Kind.ADDED,
    Kind.RECTIFIED,
    Kind.CLOSED,
    Kind.DISMISSED,
    Kind.REOPENED,
    Kind.APPLIED,
    Kind.RETURNED,
    Kind.DEADLINE,
    Kind.PROGRESS,
    Kind.CHASED,
    Kind.REPLIED,
    Kind.EDITED,
    Kind.REMOVED,
)
LEDGER_KINDS: tuple[Kind, ...] = (
    Kind.LEDGER_ADDED,
    Kind.LEDGER_MOVED,
    Kind.LEDGER_EDITED,
    Kind.VOTED,
    Kind.LEDGER_REMOVED,
)

_ENUM_FIELDS = ("status", "track", "source")
_LIST_FIELDS = ("co_units", "evidence")


@dataclass(frozen=True, slots=True)
class Change:
    """One change: to an issue (``issue`` set) or to a ledger file itself (``issue`` empty)."""

    kind: Kind
    ledger: str  # the ledger's id
    issue: str = ""
    title: str = ""  # the issue's title (the ledger's, for a ledger change)
    unit: str = ""  # the issue's lead unit
    field: str | None = None  # the field edited (EDITED, LEDGER_EDITED)
    before: Value = None  # the old value: a deadline, a status, a path, a field's value
    after: Value = None  # the new value
    date: dt.date | None = None  # when it happened, by the ledger's own dates
    completion: float | None = None  # a progress entry's completion
    note: str | None = None  # a progress note, a reason, a verification note


@dataclass(frozen=True, slots=True)
class Version:
    """One ledger as found in one version of the files: its name there, and its data."""

    path: str  # from the repository root, with forward slashes
    ledger: Ledger


# --- comparing ---------------------------------------------------------------------------------


def diff_ledgers(
    before: Sequence[Version],
    after: Sequence[Version],
    *,
    renames: Mapping[str, str] | None = None,
) -> list[Change]:
    """Every change from ``before`` to ``after``, ledger by ledger, issue by issue.

    Ledgers are paired by id; one whose id changed is paired by its file, under
    the same name or under the name git says it was renamed to (``renames``:
    old name -> new name). Records follow the order of ``after``; what was
    removed comes last.
    """
    moved = dict(renames or {})
    pairs: list[tuple[Version | None, Version | None]] = []
    left = list(before)
    for new in after:
        old = next((v for v in left if v.ledger.ledger.id == new.ledger.ledger.id), None)
        if old is None:
            old = next((v for v in left if moved.get(v.path, v.path) == new.path), None)
        if old is not None:
            left.remove(old)
        pairs.append((old, new))
    pairs += [(gone, None) for gone in left]
    changes: list[Change] = []
    for was, now in pairs:
        changes += _diff_pair(was, now)
    return changes


def _diff_pair(old: Version | None, new: Version | None) -> list[Change]:
    if new is None:
        assert old is not None
        meta = old.ledger.ledger
        gone = Change(Kind.LEDGER_REMOVED, meta.id, title=meta.title, before=old.path)
        return [gone, *diff_issues(meta.id, old.ledger, None)]
    meta = new.ledger.ledger
    if old is None:
        made = Change(Kind.LEDGER_ADDED, meta.id, title=meta.title, after=new.path)
        return [made, *diff_issues(meta.id, None, new.ledger)]
    head: list[Change] = []
    if old.path != new.path:
        head.append(
            Change(Kind.LEDGER_MOVED, meta.id, title=meta.title, before=old.path, after=new.path)
        )
    for name in ("id", "title", "supervisor", "assigned_on", "id_prefix", "parent"):
        was, now = _plain(getattr(old.ledger.ledger, name)), _plain(getattr(meta, name))
        if was != now:
            head.append(
                Change(
                    Kind.LEDGER_EDITED, meta.id, title=meta.title, field=name, before=was, after=now
                )
            )
    head += _votes(old.ledger, new.ledger)
    return [*head, *diff_issues(meta.id, old.ledger, new.ledger)]


def _votes(old: Ledger, new: Ledger) -> list[Change]:
    """The committee's votes recorded since: one VOTED each; any other change of the list is
    an edit of the header's deliberations."""
    meta = new.ledger
    was, now = old.ledger.deliberations, meta.deliberations
    if was == now:
        return []
    if now[: len(was)] != was:
        before = [_vote_text(e) for e in was] or None
        after = [_vote_text(e) for e in now] or None
        edit = Kind.LEDGER_EDITED
        return [
            Change(
                edit, meta.id, title=meta.title, field="deliberations", before=before, after=after
            )
        ]
    return [
        Change(
            Kind.VOTED,
            meta.id,
            title=meta.title,
            date=entry.date,
            after=entry.result.value,
            note=entry.meeting,
        )
        for entry in now[len(was) :]
    ]


def _vote_text(entry: Deliberation) -> str:
    votes = f"{entry.satisfied}/{entry.basically_satisfied}/{entry.dissatisfied}"
    return f"{entry.date.isoformat()} {entry.meeting} {votes} {entry.result.value}"


def diff_issues(ledger_id: str, before: Ledger | None, after: Ledger | None) -> list[Change]:
    """The changes to the issues of one ledger (None: the ledger did not exist)."""
    old_issues = {issue.id: issue for issue in (before.issues if before else [])}
    new_issues = list(after.issues) if after else []
    new_ids = {issue.id for issue in new_issues}
    changes: list[Change] = []
    for issue in new_issues:
        changes += diff_issue(ledger_id, old_issues.get(issue.id), issue, after)
    for issue in old_issues.values():
        if issue.id not in new_ids:
            changes += diff_issue(ledger_id, issue, None, before)
    return changes


def diff_issue(
    ledger_id: str, before: Issue | None, after: Issue | None, ledger: Ledger | None = None
) -> list[Change]:
    """The changes from one version of an issue to the next (None: it did not exist)."""
    if before is None and after is None:
        return []
    issue = after or before
    assert issue is not None

    def make(kind: Kind, **values: Any) -> Change:
        return Change(kind, ledger_id, issue.id, issue.title, issue.lead_unit, **values)

    if before is None:
        assert after is not None
        assigned = after.assigned_on or (ledger.ledger.assigned_on if ledger else None)
        return [
            make(
                Kind.ADDED,
                after=after.deadline.isoformat(),
                date=assigned,
                completion=after.completion,
            )
        ]
    if after is None:
        return [make(Kind.REMOVED, before=before.status.value)]
    if before == after:
        return []
    return _compare(before, after, make)


def _compare(before: Issue, after: Issue, make: Any) -> list[Change]:
    changes: list[Change] = []
    explained: set[str] = {"id", "progress"}
    added = [e for e in after.progress if e not in before.progress]
    dropped = [e for e in before.progress if e not in after.progress]
    for entry in added:
        changes.append(
            make(Kind.PROGRESS, date=entry.date, completion=entry.completion, note=entry.note)
        )
    if added:
        explained.add("completion")
        if before.status is Status.OPEN and after.status is Status.IN_PROGRESS:
            explained.add("status")
    if dropped:
        changes.append(
            make(
                Kind.EDITED,
                field="progress",
                before=[_progress_text(e) for e in dropped],
                after=[_progress_text(e) for e in added] or None,
            )
        )
    if before.deadline != after.deadline:
        new_changes = [c for c in after.deadline_changes if c not in before.deadline_changes]
        last = new_changes[-1] if new_changes else None
        changes.append(
            make(
                Kind.DEADLINE,
                before=before.deadline.isoformat(),
                after=after.deadline.isoformat(),
                date=last.date if last else None,
                note=last.reason if last else None,
            )
        )
        explained |= {"deadline", "deadline_changes"}
    changes += _review_changes(before, after, make, explained)
    changes += _status_changes(before, after, make, explained)
    changes += _chase_changes(before, after, make, explained)
    for name in ISSUE_KEYS:
        if name in explained:
            continue
        was, now = _field(before, name), _field(after, name)
        if was != now:
            changes.append(make(Kind.EDITED, field=name, before=was, after=now))
    return changes


def _new_steps(before: Issue, after: Issue) -> list[Any]:
    """The steps of the sign-off review added since (the list is only ever added to)."""
    if after.signoff[: len(before.signoff)] != before.signoff:
        return []  # rewritten by hand: shown as an edit of the field
    return after.signoff[len(before.signoff) :]


def _review_changes(before: Issue, after: Issue, make: Any, explained: set[str]) -> list[Change]:
    """Applications for sign-off and returns; an approval is the sign-off (CLOSED)."""
    steps = _new_steps(before, after)
    if steps:
        explained.add("signoff")
    changes: list[Change] = []
    for step in steps:
        if step.step is Step.APPLIED:
            changes.append(make(Kind.APPLIED, date=step.date, after=step.by, note=step.note))
        elif step.step is Step.RETURNED:
            changes.append(make(Kind.RETURNED, date=step.date, after=step.by, note=step.reason))
            explained.add("reopened")  # a return is recorded as a reopening too: said once
    return changes


def _status_changes(before: Issue, after: Issue, make: Any, explained: set[str]) -> list[Change]:
    """Rectified, signed off, dismissed, reopened: the moves of the status a report counts."""
    was, now = before.status, after.status
    changes: list[Change] = []
    if not was.done and now.done:
        changes.append(make(Kind.RECTIFIED, date=after.rectified_on))
        explained |= {"status", "completion", "rectified_on"}
    if now is Status.CLOSED and was is not Status.CLOSED:
        check = after.verification
        changes.append(
            make(
                Kind.CLOSED,
                date=check.date if check else None,
                after=check.by if check else None,
                note=check.note if check else None,
            )
        )
        explained |= {"status", "verification"}
    if now is Status.DISMISSED and was is not Status.DISMISSED:
        changes.append(make(Kind.DISMISSED, date=after.dismissed_on, note=after.reason))
        explained |= {"status", "reason", "dismissed_on", "completion"}
    if not was.active and now.active:
        added = after.reopened[len(before.reopened) :]
        entry = added[-1] if added else None
        date, note = (entry.date, entry.note) if entry else (None, None)
        returns = {(s.date, s.reason) for s in _new_steps(before, after) if s.step is Step.RETURNED}
        if (date, note) not in returns:  # a return is shown once, as the return
            changes.append(
                make(Kind.REOPENED, before=was.value, after=now.value, date=date, note=note)
            )
        explained |= {"status", "rectified_on", "verification", "reason", "dismissed_on"}
        explained |= {"reopened"} if added else set()
    return changes


def _chase_changes(before: Issue, after: Issue, make: Any, explained: set[str]) -> list[Change]:
    """New letters (CHASED) and replies to earlier ones (REPLIED); anything else done to the
    list is left to be shown as an edit."""
    was, now = before.chased, after.chased
    if was == now or len(now) < len(was):
        return []
    changes: list[Change] = []
    for old, new in zip(was, now, strict=False):
        if old == new:
            continue
        if old.model_copy(update={"replied_on": new.replied_on}) != new or old.replied_on:
            return []
        changes.append(make(Kind.REPLIED, date=new.replied_on, after=new.date.isoformat()))
    for entry in now[len(was) :]:
        colour = entry.colour.value if entry.colour else None
        changes.append(make(Kind.CHASED, date=entry.date, after=entry.to, before=colour))
        if entry.replied_on is not None:
            changes.append(make(Kind.REPLIED, date=entry.replied_on, after=entry.date.isoformat()))
    explained.add("chased")
    return changes


def issues_changed(changes: Sequence[Change]) -> int:
    """How many distinct issues the changes touch."""
    return len({(c.ledger, c.issue) for c in changes if c.issue})


def counts(changes: Sequence[Change]) -> dict[Kind, int]:
    """How many records of each kind (progress entries count one by one)."""
    found: dict[Kind, int] = {}
    for change in changes:
        found[change.kind] = found.get(change.kind, 0) + 1
    return found


def _plain(value: Any) -> Value:
    """A field's value as plain JSON: dates as ISO text, enums as their key."""
    if value is None or isinstance(value, str | float):
        return getattr(value, "value", value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [str(_plain(v)) for v in value]
    return str(value)


def _field(issue: Issue, name: str) -> Value:
    """One field of an issue as plain JSON, the nested ones as short texts."""
    value = getattr(issue, name, None)
    if name == "verification":
        if value is None:
            return None
        parts = [value.by, value.date.isoformat() if value.date else None, value.note]
        return " ".join(p for p in parts if p) or None
    if name == "deadline_changes":
        return [_deadline_text(c) for c in issue.deadline_changes] or None
    if name == "progress":
        return [_progress_text(e) for e in issue.progress] or None
    if name == "reopened":
        return [_reopened_text(e) for e in issue.reopened] or None
    if name == "signoff":
        return [_step_text(e) for e in issue.signoff] or None
    if name == "evidence":
        return [evidence_path(e) for e in issue.evidence] or None
    if name == "chased":
        return [_chase_text(e) for e in issue.chased] or None
    if name in _LIST_FIELDS:
        return list(value or []) or None
    return _plain(value)


def _progress_text(entry: ProgressEntry) -> str:
    parts = [entry.date.isoformat(), f"{stored_number(entry.completion)}%", entry.note or ""]
    return " ".join(p for p in parts if p)


def _reopened_text(entry: Reopening) -> str:
    """A reopening in short: its date, what it undid, and why."""
    check = entry.verification
    undid = [
        f"rectified_on={entry.rectified_on.isoformat()}" if entry.rectified_on else "",
        f"verification={check.date.isoformat()}" if check and check.date else "",
        f"dismissed_on={entry.dismissed_on.isoformat()}" if entry.dismissed_on else "",
    ]
    return " ".join(p for p in [entry.date.isoformat(), *undid, entry.note or ""] if p)


def _step_text(entry: Any) -> str:
    """A step of the sign-off review in short: its date, the step, who, and what was said."""
    parts = [entry.date.isoformat(), entry.step.value, entry.by, entry.reason or entry.note]
    return " ".join(p for p in parts if p)


def _chase_text(entry: Chase) -> str:
    """A letter in short: its date, colour, addressee, and the reply."""
    parts = [
        entry.date.isoformat(),
        entry.colour.value if entry.colour else "",
        entry.to,
        f"replied_on={entry.replied_on.isoformat()}" if entry.replied_on else "",
    ]
    return " ".join(p for p in parts if p)


def _deadline_text(change: DeadlineChange) -> str:
    text = f"{change.date.isoformat()} {change.from_.isoformat()}→{change.to.isoformat()}"
    return f"{text} {change.reason}" if change.reason else text


# --- counting and saying -------------------------------------------------------------------------


class Authored(Protocol):
    """A commit as a history shows it (rectify.io.git.Commit is one)."""

    @property
    def commit(self) -> str: ...
    @property
    def short(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def subject(self) -> str: ...


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One commit (or the uncommitted working tree) that changed an issue, and how."""

    commit: Authored | None  # None: changes in the working tree, not committed yet
    changes: list[Change]
    invalid: bool = False  # the ledger failed the checks in this version
    # 'ledger-id/issue-id' when the entry is of the issue this one was carried from (跨年再盯)
    carried_from: str | None = None
