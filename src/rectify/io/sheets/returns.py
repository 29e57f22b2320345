"""Returned forms (报送表) planned against the ledgers: what is recorded, refused, asked for.

Pure: returned forms and ledgers in, a ReturnsPlan out. Progress goes through
rectify.changes.ops (update, done), so the history stays append-only; a
request for a new deadline is listed for the office to decide, never applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rectify.changes import ops
from rectify.errors import DataError
from rectify.figures.state import Item, issue_state, items
from rectify.i18n import Lang, label, t
from rectify.io.sheets.form import CellError, FormEntry, ReturnedForm, open_units
from rectify.model import Ledger, Status


@dataclass(frozen=True, slots=True)
class Recorded:
    """A problem whose progress the return records."""

    entry: FormEntry
    unit: str
    on: dt.date
    before: float
    completion: float
    note: str | None
    done: bool


@dataclass(frozen=True, slots=True)
class Request:
    """A unit's request for a new deadline, for the office to decide."""

    entry: FormEntry
    unit: str
    deadline: dt.date
    to: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class NotRecorded:
    """A problem filled in whose return changes nothing, and why."""

    entry: FormEntry
    unit: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReturnsPlan:
    """What importing returned forms does; ``ledgers`` holds each changed ledger, by id."""

    forms: list[ReturnedForm]
    recorded: list[Recorded] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    skipped: list[NotRecorded] = field(default_factory=list)
    bad: list[CellError] = field(default_factory=list)
    ledgers: dict[str, Ledger] = field(default_factory=dict)
    missing: list[str] | None = None  # units with open problems and no return (a folder only)
    others: list[Path] = field(default_factory=list)  # files of the folder that are no forms
    as_of: dt.date | None = None  # the date those open problems are counted on

    @property
    def changed(self) -> bool:
        return bool(self.recorded)


def plan_returns(
    forms: Sequence[ReturnedForm],
    ledgers: Sequence[Ledger],
    *,
    today: dt.date,
    folder: bool = False,
    default: dt.date | None = None,
) -> ReturnsPlan:
    """The returns applied to the ledgers, each problem at most once, the first return first.

    A progress entry is dated as the unit dated it, else the form's 填报日期,
    else ``default`` (import's --as-of), else ``today``; a date before the
    form's month (which would change the figures of a month already past),
    after today, or before the ledger's last
    entry is refused with the cell it came from. With ``folder``, the units
    with problems open on the latest form's date that sent no form are listed.
    """
    plan = ReturnsPlan(forms=list(forms))
    current = {ledger.ledger.id: ledger for ledger in ledgers}
    seen: dict[tuple[str, str], Path] = {}
    for form in forms:
        plan.bad.extend(form.errors)
        refused = {(e.path, e.cell) for e in form.errors}
        for entry in form.entries:
            if not entry.filled or _row_refused(entry, refused):
                continue
            ledger = current.get(entry.ledger_id)
            issue = _issue(ledger, entry.issue_id)
            if ledger is None or issue is None:
                key = "form.no_such_ledger" if ledger is None else "form.no_such_issue"
                plan.bad.append(
                    CellError(
                        entry.path,
                        entry.sheet,
                        entry.cell("key"),
                        key,
                        {"ledger": entry.ledger_id, "id": entry.issue_id},
                    )
                )
                continue
            twice = seen.setdefault((entry.ledger_id, entry.issue_id), entry.path)
            if twice != entry.path:
                plan.skipped.append(
                    NotRecorded(entry, form.unit, "form.twice", {"other": twice.name})
                )
                continue
            on = entry.date or form.returned_on or default or today
            new = _record(plan, form, entry, ledger, on, today)
            if new is not None:
                current[entry.ledger_id] = new
                plan.ledgers[entry.ledger_id] = new
    if folder and forms:
        plan.as_of = max(f.as_of for f in forms)
        returned = {f.unit for f in forms}
        pool = items(ledgers)
        plan.missing = [u for u in open_units(pool, plan.as_of) if u not in returned]
    return plan


def _row_refused(entry: FormEntry, refused: set[tuple[Path, str]]) -> bool:
    """Whether a value of this row was refused when read: the row is then left out whole."""
    keys = ("new_completion", "new_status", "new_progress", "new_date", "deadline_to")
    return any((entry.path, entry.cell(k)) in refused for k in (*keys, "deadline_reason"))


def _issue(ledger: Ledger | None, issue_id: str) -> Any:
    if ledger is None:
        return None
    return next((i for i in ledger.issues if i.id == issue_id), None)


def _record(
    plan: ReturnsPlan,
    form: ReturnedForm,
    entry: FormEntry,
    ledger: Ledger,
    on: dt.date,
    today: dt.date,
) -> Ledger | None:
    """One filled-in row applied to its ledger: the new ledger, or None when nothing changes."""
    issue = _issue(ledger, entry.issue_id)
    item = Item(ledger, issue)
    state = issue_state(item, today)
    if entry.deadline_to is not None and entry.deadline_reason is not None:
        if entry.deadline_to <= state.deadline:
            plan.bad.append(
                CellError(
                    entry.path,
                    entry.sheet,
                    entry.cell("deadline_to"),
                    "form.request_not_later",
                    {"to": entry.deadline_to, "deadline": state.deadline},
                )
            )
            return None
        request: Request | None = Request(
            entry, form.unit, state.deadline, entry.deadline_to, entry.deadline_reason
        )
    else:
        request = None

    def asked() -> None:  # a request goes with a row taken whole, not with one refused
        if request is not None:
            plan.requests.append(request)

    done = entry.status is Status.RECTIFIED or entry.completion == 100
    completion = 100.0 if done else entry.completion
    reported = completion is not None or entry.note is not None or done
    if not issue.status.active:
        plan.skipped.append(
            NotRecorded(entry, form.unit, "form.not_active", {"status": issue.status.value})
        )
        return None
    if not reported:
        asked()
        return None
    first = form.as_of.replace(day=1)
    date_cell = "new_date" if entry.date is not None else None
    problem: tuple[str, dict[str, Any]] | None = None
    if on < first:
        problem = ("form.before_month", {"date": on, "first": first})
    elif on > today:
        problem = ("form.future", {"date": on, "today": today})
    elif issue.progress and on < issue.progress[-1].date:
        last = issue.progress[-1].date
        problem = ("form.before_last", {"date": on, "id": issue.id, "last": last})
    else:
        assigned = ledger.assigned_on(issue)
        if assigned is not None and on < assigned:
            problem = ("form.before_assigned", {"date": on, "id": issue.id, "assigned": assigned})
    if problem is not None:
        cell = entry.cell(date_cell) if date_cell else "L2"
        plan.bad.append(CellError(entry.path, entry.sheet, cell, problem[0], problem[1]))
        return None
    before = float(issue.completion)
    new_completion = before if completion is None else completion
    latest = issue.progress[-1] if issue.progress else None
    same_note = entry.note is None or (latest is not None and latest.note == entry.note)
    if not done and new_completion == before and same_note:
        plan.skipped.append(NotRecorded(entry, form.unit, "form.unchanged"))
        asked()
        return None
    try:
        if done:
            new = ops.mark_done(ledger, issue.id, on=on, note=entry.note)
        else:
            new = ops.update_progress(
                ledger, issue.id, on=on, completion=new_completion, note=entry.note
            )
    except DataError as exc:  # pragma: no cover - the dates are checked above
        plan.bad.append(CellError(entry.path, entry.sheet, entry.cell("key"), exc.key, exc.params))
        return None
    plan.recorded.append(Recorded(entry, form.unit, on, before, new_completion, entry.note, done))
    asked()
    return new


# --- in words -----------------------------------------------------------------------------


def _pct(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def describe_returns(plan: ReturnsPlan, lang: Lang) -> list[str]:
    """What importing the returns does, line by line, in the user's language."""
    lines: list[str] = []
    for form in plan.forms:
        filled = sum(1 for e in form.entries if e.filled)
        returned = t("form.read.returned", lang, date=form.returned_on) if form.returned_on else ""
        lines.append(
            t(
                "form.read",
                lang,
                path=form.path.name,
                unit=form.unit,
                as_of=form.as_of,
                filled=filled,
                rows=len(form.entries),
                returned=returned,
            )
        )
    if plan.recorded:
        lines.append(t("form.recorded_head", lang, count=len(plan.recorded)))
        for r in plan.recorded:
            lines.append(
                t(
                    "form.recorded",
                    lang,
                    id=r.entry.issue_id,
                    unit=r.unit,
                    old=_pct(r.before),
                    new=_pct(r.completion),
                    date=r.on,
                    done=t("form.recorded.done", lang) if r.done else "",
                    note=t("form.recorded.note", lang, note=r.note) if r.note else "",
                )
            )
    if plan.skipped:
        lines.append(t("form.skipped_head", lang, count=len(plan.skipped)))
        for s in plan.skipped:
            params = dict(s.params)
            if "status" in params:
                params["status"] = label("status", str(params["status"]), lang)
            reason = t(s.key, lang, **params)
            lines.append(t("form.skipped", lang, id=s.entry.issue_id, unit=s.unit, reason=reason))
    if plan.bad:
        lines.append(t("form.bad_head", lang, count=len(plan.bad)))
        lines.extend(f"  {e.text(lang)}" for e in plan.bad)
    if plan.requests:
        lines.append(t("form.requests_head", lang, count=len(plan.requests)))
        for q in plan.requests:
            lines.append(
                t(
                    "form.request",
                    lang,
                    id=q.entry.issue_id,
                    unit=q.unit,
                    deadline=q.deadline,
                    to=q.to,
                    reason=q.reason,
                )
            )
    if plan.others:
        names = ("、" if lang == "zh" else ", ").join(p.name for p in plan.others)
        lines.append(t("form.others", lang, count=len(plan.others), names=names))
    if plan.missing is not None:
        if plan.missing:
            units = "、".join(plan.missing) if lang == "zh" else ", ".join(plan.missing)
            lines.append(
                t("form.missing_head", lang, count=len(plan.missing), date=plan.as_of, units=units)
            )
        else:
            lines.append(t("form.all_returned", lang))
    return lines


def returns_summary(plan: ReturnsPlan, lang: Lang, *, written: bool) -> str:
    """The closing line: what was (or would be) recorded."""
    return t(
        "form.summary" if written else "form.summary_preview",
        lang,
        recorded=len(plan.recorded),
        done=sum(1 for r in plan.recorded if r.done),
        skipped=len(plan.skipped),
        bad=len(plan.bad),
        requests=len(plan.requests),
    )
