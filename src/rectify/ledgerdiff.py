"""What changed between two versions of a set of ledgers, issue by issue.

Pure: two lists of ledgers in (as committed and as now, say), a list of
change records out. Ledgers are matched by their id, so a file that was moved
or renamed is followed; issues are matched by ledger id and issue id. The
records say what a person asks about a month: which issues are new, which got
rectified, signed off, reopened or dismissed, which reported progress (with
the notes), whose deadline moved, and which other fields were edited, from
what to what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rectify.i18n import Lang, t
from rectify.model import ISSUE_KEYS, DeadlineChange, Issue, Ledger, ProgressEntry, Status

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
    EDITED = "edited"
    LEDGER_ADDED = "ledger_added"
    LEDGER_REMOVED = "ledger_removed"
    LEDGER_MOVED = "ledger_moved"
    LEDGER_EDITED = "ledger_edited"


ISSUE_KINDS: tuple[Kind, ...] = (
    Kind.ADDED,
    Kind.RECTIFIED,
    Kind.CLOSED,
    Kind.DISMISSED,
    Kind.REOPENED,
    Kind.DEADLINE,
    Kind.PROGRESS,
    Kind.EDITED,
    Kind.REMOVED,
)
LEDGER_KINDS: tuple[Kind, ...] = (
    Kind.LEDGER_ADDED,
    Kind.LEDGER_MOVED,
    Kind.LEDGER_EDITED,
    Kind.LEDGER_REMOVED,
)

_RECTIFIED = (Status.RECTIFIED, Status.CLOSED)
_ACTIVE = (Status.OPEN, Status.IN_PROGRESS)
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

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON values, for ``--format json``."""
        data: dict[str, Any] = {"kind": self.kind.value, "ledger": self.ledger}
        for name in ("issue", "title", "unit", "field", "before", "after", "completion", "note"):
            value = getattr(self, name)
            if value not in (None, ""):
                data[name] = value
        if self.date is not None:
            data["date"] = self.date.isoformat()
        return data


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
    return [*head, *diff_issues(meta.id, old.ledger, new.ledger)]


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
    changes += _status_changes(before, after, make, explained)
    for name in ISSUE_KEYS:
        if name in explained:
            continue
        was, now = _field(before, name), _field(after, name)
        if was != now:
            changes.append(make(Kind.EDITED, field=name, before=was, after=now))
    return changes


def _status_changes(before: Issue, after: Issue, make: Any, explained: set[str]) -> list[Change]:
    """Rectified, signed off, dismissed, reopened: the moves of the status a report counts."""
    was, now = before.status, after.status
    changes: list[Change] = []
    if was not in _RECTIFIED and now in _RECTIFIED:
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
    if was not in _ACTIVE and now in _ACTIVE:
        changes.append(make(Kind.REOPENED, before=was.value, after=now.value))
        explained |= {"status", "rectified_on", "verification", "reason", "dismissed_on"}
    return changes


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
    if name in _LIST_FIELDS:
        return list(value or []) or None
    return _plain(value)


def _progress_text(entry: ProgressEntry) -> str:
    parts = [entry.date.isoformat(), f"{num(entry.completion)}%", entry.note or ""]
    return " ".join(p for p in parts if p)


def _deadline_text(change: DeadlineChange) -> str:
    text = f"{change.date.isoformat()} {change.from_.isoformat()}→{change.to.isoformat()}"
    return f"{text} {change.reason}" if change.reason else text


# --- counting and saying -------------------------------------------------------------------------


def num(value: float) -> str:
    """A completion or count without a needless ``.0``: 100, 74.4."""
    return str(int(value)) if float(value).is_integer() else str(value)


def issues_changed(changes: Sequence[Change]) -> int:
    """How many distinct issues the changes touch."""
    return len({(c.ledger, c.issue) for c in changes if c.issue})


def counts(changes: Sequence[Change]) -> dict[Kind, int]:
    """How many records of each kind (progress entries count one by one)."""
    found: dict[Kind, int] = {}
    for change in changes:
        found[change.kind] = found.get(change.kind, 0) + 1
    return found


def kind_label(kind: Kind, lang: Lang) -> str:
    """The short name of a kind of change: 已整改, 时限调整; rectified, deadline."""
    return t(f"diff.kind.{kind.value}", lang)


def field_label(name: str, lang: Lang, *, of_ledger: bool = False) -> str:
    """The name people use for a field."""
    if of_ledger and name in ("id", "title"):
        return t(f"diff.ledger_field.{name}", lang)
    return t(f"field.{name}", lang)


def value_text(name: str | None, value: Value, lang: Lang) -> str:
    """A field's value as people read it: labels for statuses, lists joined, a dash for none."""
    if value is None or value == [] or value == "":
        return t("diff.empty", lang)
    if isinstance(value, list):
        return t("diff.list_sep", lang).join(value)
    if isinstance(value, float):
        return f"{num(value)}%" if name == "completion" else num(value)
    if name in _ENUM_FIELDS:
        return t(f"{name}.{value}", lang)
    return value


def describe(change: Change, lang: Lang) -> str:
    """The change in one sentence, without the issue's id and title (shown beside it)."""
    kind = change.kind
    date = change.date.isoformat() if change.date else ""
    if kind is Kind.ADDED:
        return t("diff.says.added", lang, unit=change.unit, deadline=change.after)
    if kind is Kind.REMOVED:
        return t("diff.says.removed", lang, status=value_text("status", change.before, lang))
    if kind is Kind.PROGRESS:
        text = t("diff.says.progress", lang, date=date, completion=num(change.completion or 0))
        return text + (t("diff.says.note", lang, note=change.note) if change.note else "")
    if kind is Kind.DEADLINE:
        text = t("diff.says.deadline", lang, before=change.before, after=change.after)
        return text + _when_why(date, change.note, lang)
    if kind is Kind.RECTIFIED:
        return t("diff.says.rectified", lang, date=date or "—")
    if kind is Kind.CLOSED:
        by = change.after if isinstance(change.after, str) else "—"
        return t("diff.says.closed", lang, date=date or "—", by=by)
    if kind is Kind.DISMISSED:
        return t("diff.says.dismissed", lang, date=date or "—") + _when_why("", change.note, lang)
    if kind is Kind.REOPENED:
        return t(
            "diff.says.reopened",
            lang,
            before=value_text("status", change.before, lang),
            after=value_text("status", change.after, lang),
        )
    if kind is Kind.EDITED:
        return _edited(change, lang, of_ledger=False)
    if kind is Kind.LEDGER_ADDED:
        return t("diff.says.ledger_added", lang, path=change.after, title=change.title)
    if kind is Kind.LEDGER_REMOVED:
        return t("diff.says.ledger_removed", lang, path=change.before, title=change.title)
    if kind is Kind.LEDGER_MOVED:
        return t("diff.says.ledger_moved", lang, before=change.before, after=change.after)
    return _edited(change, lang, of_ledger=True)


def _edited(change: Change, lang: Lang, *, of_ledger: bool) -> str:
    name = change.field or ""
    return t(
        "diff.says.edited",
        lang,
        field=field_label(name, lang, of_ledger=of_ledger),
        before=value_text(name, change.before, lang),
        after=value_text(name, change.after, lang),
    )


def _when_why(date: str, reason: str | None, lang: Lang) -> str:
    if date and reason:
        return t("diff.says.when_why", lang, date=date, reason=reason)
    if reason:
        return t("diff.says.why", lang, reason=reason)
    if date:
        return t("diff.says.when", lang, date=date)
    return ""


def summary_text(changes: Sequence[Change], lang: Lang) -> str:
    """One sentence of totals: ``4 个问题有变化：整改完成 1 个，报送进展 3 条``."""
    found = counts(changes)
    parts = [
        t(f"diff.count.{kind.value}", lang, n=found[kind])
        for kind in (*ISSUE_KINDS, *LEDGER_KINDS)
        if found.get(kind)
    ]
    sep = t("diff.list_sep_long", lang)
    return t("diff.summary", lang, issues=issues_changed(changes), parts=sep.join(parts))


__all__ = [
    "ISSUE_KINDS",
    "LEDGER_KINDS",
    "Change",
    "Kind",
    "Value",
    "Version",
    "counts",
    "describe",
    "diff_issue",
    "diff_issues",
    "diff_ledgers",
    "field_label",
    "issues_changed",
    "kind_label",
    "num",
    "summary_text",
    "value_text",
]
