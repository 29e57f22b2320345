"""Planning an import: an office's sheet read into issues, matched against a ledger.

Pure: rows and a ledger in, an ImportPlan out (what is added, what is updated,
what is refused and why); nothing is written until the plan is applied.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rectify.changes import ops, units
from rectify.errors import DataError, Problem, RectifyError, Severity
from rectify.i18n import t
from rectify.io.sheets.cells import Sheet
from rectify.io.sheets.export import NOTE_KEY, column_label
from rectify.io.sheets.headers import Header, sheet_date
from rectify.io.sheets.rows import Reason, RowData, RowError, Skipped, read_sheet_rows
from rectify.ledger import ids
from rectify.ledger.check import check_document
from rectify.ledger.yaml import Document
from rectify.model import Issue, Ledger, Status, ledger_to_data
from rectify.suggest import suggest
from rectify.text import fold

# --- planning an import ------------------------------------------------------------------


LONG_TERM_DEADLINE = "long_term_deadline"  # a Default's field: 长期坚持 read as the year's end
IMMEDIATE_DEADLINE = "immediate_deadline"  # 立行立改: due when handed over (+ immediate_days)
CLAIMED = "claimed"  # a unit's own 已销号, recorded as rectified
NO_PERCENT = "no_percent"  # a status word in the completion column: no percentage given
LIKELY = 0.75  # the title similarity (difflib) from which a row looks like an existing issue


@dataclass(frozen=True, slots=True)
class Default:
    """A value the sheet did not give, and what the import put instead."""

    row: int
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class Added:
    """A row that becomes a new issue."""

    row: int
    issue: Issue


@dataclass(frozen=True, slots=True)
class Matched:
    """A row naming an issue the ledger (or an earlier row) already has, and what differs."""

    row: int
    issue_id: str
    by: Literal["id", "title"]
    changes: tuple[str, ...]  # column keys the sheet would change with --update
    updated: bool
    earlier_row: int | None = None  # a repeat of an earlier row of the same sheet
    conflict: Reason | None = None  # a status the update leaves alone, and why


@dataclass
class ImportPlan:
    """What importing a sheet into a ledger does: rows added, matched, bad and skipped.

    ``ledger`` is the ledger as it would be written (the bad rows left out).
    """

    sheet: str
    header: Header
    ledger: Ledger
    added: list[Added] = field(default_factory=list)
    matched: list[Matched] = field(default_factory=list)
    bad: dict[int, list[Reason]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    defaults: list[Default] = field(default_factory=list)
    # The date the progress and rectification the sheet reports are recorded on, and why:
    # "option" (--as-of), "sheet" (its title rows, in ``reported_text``) or "today".
    reported_on: dt.date = dt.date.min
    reported_from: str = "today"
    reported_text: str = ""
    assigned_on: dt.date = dt.date.min  # new issues without a 交办日期 cell
    assigned_given: bool = False  # that date came from --assigned-on, not the day of the import
    labels: tuple[str, str] | None = None  # the 编号 column read as row numbers, and one of them
    measure_rows: dict[int, tuple[int, ...]] = field(default_factory=dict)  # problem row -> more

    @property
    def updated(self) -> list[Matched]:
        """The matched rows whose issue the import changes."""
        return [m for m in self.matched if m.updated and m.changes]

    @property
    def changed(self) -> bool:
        """Whether the ledger would change."""
        return bool(self.added or self.updated)


def _norm(text: str) -> str:
    """A title or unit as matched: full-width folded, blanks dropped, case folded."""
    return fold(text)


@functools.lru_cache(maxsize=4096)
def _same_unit(a: str, b: str) -> bool:
    """Whether two (normalised) unit names are one unit: equal, one inside the other, or close."""
    if not a or not b:
        return False
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


GRAM_SHARE = 0.4  # titles 75 % alike share at least this part of their character pairs


def _grams(text: str) -> set[str]:
    """The pairs of neighbouring characters of a text (the text itself when shorter)."""
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _title_key(title: str, lead_unit: str) -> tuple[str, str]:
    return (_norm(title), _norm(lead_unit))


@dataclass
class _Builder:
    """Builds issues from rows with the ledger's defaults, noting every default it fills in."""

    ledger: Ledger
    reported_on: dt.date  # what the sheet reports happened by then
    assigned_on: dt.date  # new issues without a 交办日期 cell
    immediate_days: int = 0  # 立行立改: due this many days after the hand-over
    defaults: list[Default] = field(default_factory=list)

    def default(self, row: int, name: str, value: object) -> Any:
        self.defaults.append(Default(row, name, str(value)))
        return value

    def issue(self, data: RowData, issue_id: str) -> Issue:
        """A new issue from a row; RowError when the row contradicts itself."""
        completion = data.completion
        status = data.status
        if status is None and completion == 100:
            status = Status.RECTIFIED  # a blank status at 100 % is done
        elif status in (None, Status.OPEN):
            status = Status.IN_PROGRESS if completion else Status.OPEN
        if status.done:
            if completion is None:
                completion = 100.0
            elif completion != 100:
                reason = {"status": status, "completion": _show(completion)}
                raise RowError([Reason("import.done_not_100", reason)])
        completion = completion or 0.0
        if data.long_term_deadline:
            self.default(data.row, LONG_TERM_DEADLINE, data.deadline)
        if data.claimed:
            self.default(data.row, CLAIMED, "")
        if data.no_percent and status.active:
            self.default(data.row, NO_PERCENT, "")
        assigned = data.assigned_on or self.assigned_on
        deadline = data.deadline
        if data.immediate:
            deadline = assigned + dt.timedelta(days=self.immediate_days)
            self.default(data.row, IMMEDIATE_DEADLINE, deadline)
        values: dict[str, Any] = {
            "id": issue_id,
            "title": data.title,
            "description": data.description,
            "source": data.source,
            "track": data.track,
            "lead_unit": data.lead_unit,
            "co_units": [u for u in data.co_units or [] if u != data.lead_unit],
            "owner": data.owner,
            "assigned_on": assigned,  # the plan says which
            "deadline": deadline,
            "planned_on": data.planned_on,
            "measures": data.measures,
            "target": data.target,
            "category": data.category,
            "status": status,
            "completion": completion,
        }
        # What the sheet reports happened by its date; a problem the import assigns
        # (no 交办日期 cell) cannot have progress before that day.
        reported = self.reported_on if data.assigned_on else max(self.reported_on, self.assigned_on)
        if status.done:
            values["rectified_on"] = data.rectified_on or self.default(
                data.row, "rectified_on", data.progress_date or reported
            )
        if status is Status.CLOSED:
            by = data.verified_by or self.ledger.ledger.supervisor
            if by is None:
                raise RowError([Reason("import.closed_without_by", {})])
            if data.verified_by is None:
                self.default(data.row, "verified_by", by)
            on = data.verified_on or self.default(data.row, "verified_on", values["rectified_on"])
            values["verification"] = {"by": by, "date": on}
        if status is Status.DISMISSED:
            if data.reason is None:
                raise RowError([Reason("import.dismissed_without_reason", {})])
            values["reason"] = data.reason
            values["dismissed_on"] = data.dismissed_on or self.default(
                data.row, "dismissed_on", reported
            )
        if data.progress is not None or data.progress_date is not None:
            on = data.progress_date
            if on is None:
                on = values.get("rectified_on") or self.default(data.row, "progress_date", reported)
            entry: dict[str, Any] = {"date": on, "completion": completion}
            if data.progress is not None:
                entry["note"] = data.progress
            values["progress"] = [entry]
        if data.note is not None:
            values["extensions"] = {NOTE_KEY: data.note}
        return Issue.model_validate({k: v for k, v in values.items() if v is not None})


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _same_text(a: str | None, b: str | None) -> bool:
    return (a or "").strip() == (b or "").strip()


def update_issue(
    ledger: Ledger,
    issue_id: str,
    data: RowData,
    *,
    as_of: dt.date,
    by_id: bool,
    reason: str,
) -> tuple[Issue, tuple[str, ...], Reason | None]:
    """One issue of a ledger brought up to date with a row, what changed, and any conflict.

    Descriptive fields the row fills in are copied (the title and lead unit
    only when matched by id, as they are the match otherwise). Progress is
    appended through rectify.ops, so the history stays append-only: a new
    completion or note becomes a progress entry dated the row's progress
    date (else ``as_of``); 已整改/已销号/不予整改 go through done, close and
    dismiss; a new deadline of an unfinished issue is a deadline change
    dated ``as_of`` with ``reason``. A sheet saying an issue is less far
    along than the ledger changes nothing and is returned as a conflict.
    Raises DataError when ops refuses a change (a date before the last entry).
    """
    original = next(i for i in ledger.issues if i.id == issue_id)
    # Changed on a copy holding this issue alone, so a long ledger is not copied for each row.
    new = ledger.model_copy(update={"issues": [original.model_copy(deep=True)]})
    issue = new.issues[0]
    changes: list[str] = []
    plain = ["description", "owner", "measures", "target", "category"]
    plain += ["title", "lead_unit"] if by_id else []
    for key in plain:
        value = getattr(data, key)
        if value is not None and not _same_text(getattr(issue, key), value):
            setattr(issue, key, value)
            changes.append(key)
    if data.planned_on is not None and data.planned_on != issue.planned_on:
        issue.planned_on = data.planned_on
        changes.append("planned_on")
    if data.source is not None and data.source is not issue.source:
        issue.source = data.source
        changes.append("source")
    if data.track is not None and data.track is not issue.track:
        issue.track = data.track
        changes.append("track")
    if data.co_units is not None:
        units = [u for u in data.co_units if u != issue.lead_unit]
        if units != issue.co_units:
            issue.co_units = units
            changes.append("co_units")
    if data.note is not None and not _same_text(
        str(issue.extensions.get(NOTE_KEY) or ""), data.note
    ):
        issue.extensions[NOTE_KEY] = data.note
        changes.append("note")
    if (
        data.deadline is not None
        and not data.long_term_deadline
        and data.deadline != issue.deadline
        and issue.status.active
    ):
        new = ops.extend(new, issue_id, on=as_of, to=data.deadline, reason=reason)
        changes.append("deadline")
    new, more, conflict = _update_progress(new, issue_id, data, as_of=as_of)
    return new.issues[0], (*changes, *more), conflict


def _update_progress(
    ledger: Ledger, issue_id: str, data: RowData, *, as_of: dt.date
) -> tuple[Ledger, tuple[str, ...], Reason | None]:
    """Progress, completion and status of one issue brought up to the row's, through ops."""
    issue = next(i for i in ledger.issues if i.id == issue_id)
    wanted = data.status
    if wanted is None and data.completion is not None:
        wanted = Status.RECTIFIED if data.completion == 100 else None
    on = data.progress_date or as_of
    note = data.progress
    conflict = Reason(
        "import.status_conflict",
        {"sheet": wanted or Status.IN_PROGRESS, "ledger": issue.status},
    )
    if issue.status.active:
        if wanted is not None and wanted.done:
            rectified = data.rectified_on or on
            ledger = ops.mark_done(ledger, issue_id, on=rectified, note=note)
            changes: tuple[str, ...] = ("status",)
            if wanted is Status.CLOSED:
                by = data.verified_by or ledger.ledger.supervisor
                if by is None:
                    raise DataError("import.closed_without_by")
                ledger = ops.close(ledger, issue_id, by=by, on=data.verified_on or rectified)
            return ledger, changes, None
        if wanted is Status.DISMISSED:
            if data.reason is None:
                raise DataError("import.dismissed_without_reason")
            return (
                ops.dismiss(ledger, issue_id, on=data.dismissed_on or as_of, reason=data.reason),
                ("status",),
                None,
            )
        latest = issue.progress[-1] if issue.progress else None
        completion = data.completion if data.completion is not None else issue.completion
        new_note = note is not None and not _same_text(latest.note if latest else None, note)
        if (completion != issue.completion or new_note) and latest and on < latest.date:
            # A sheet reporting before the ledger's last entry is older than the ledger.
            return ledger, (), Reason("import.sheet_older", {"date": on, "last": latest.date})
        changed = [k for k, differs in (("completion", completion != issue.completion),
                                       ("progress", new_note)) if differs]  # fmt: skip
        if changed:
            ledger = ops.update_progress(ledger, issue_id, on=on, completion=completion, note=note)
        return ledger, tuple(changed), None
    if issue.status is Status.RECTIFIED and wanted is Status.CLOSED:
        by = data.verified_by or ledger.ledger.supervisor
        if by is None:
            raise DataError("import.closed_without_by")
        when = data.verified_on or max(on, issue.rectified_on or on)
        return ops.close(ledger, issue_id, by=by, on=when), ("status",), None
    if data.claimed and issue.status is Status.CLOSED:
        return ledger, (), None  # the unit says 已销号 of a problem the supervisor signed off
    behind = {
        Status.RECTIFIED: (Status.OPEN, Status.IN_PROGRESS, Status.DISMISSED),
        Status.CLOSED: (Status.OPEN, Status.IN_PROGRESS, Status.RECTIFIED, Status.DISMISSED),
        Status.DISMISSED: (Status.OPEN, Status.IN_PROGRESS, Status.RECTIFIED, Status.CLOSED),
    }[issue.status]
    stated = data.status is not None or data.completion is not None
    if stated and (wanted in behind or (wanted is None and data.completion != 100)):
        return ledger, (), conflict
    return ledger, (), None


def ledger_problems(ledger: Ledger, *, as_of: dt.date, name: str = "<import>") -> list[Problem]:
    """The errors `rectify check` would report in a ledger held in memory."""
    doc = Document(path=Path(name), text="", data=ledger_to_data(ledger))
    _, problems = check_document(doc, as_of=as_of)
    return [p for p in problems if p.severity is Severity.ERROR]


def plan_import(
    sheet: Sheet,
    ledger: Ledger,
    *,
    as_of: dt.date,
    reported_on: dt.date | None = None,
    assigned_on: dt.date | None = None,
    mapping: Mapping[str, str] | None = None,
    id_width: int = 3,
    update: bool = False,
    reason: str | None = None,
    units: Sequence[str] = (),
    immediate_days: int = 0,
) -> ImportPlan:
    """What importing ``sheet`` into ``ledger`` does, without writing anything.

    Rows naming an issue the ledger has (by id when the row has one, else by
    title and lead unit) are matched, never added twice; with ``update`` they
    bring that issue up to date (see :func:`update_issue`; ``reason`` is the
    reason given for deadline changes, by default naming the sheet). Other
    rows become new issues at the end, keeping the sheet's id when it has
    one, else numbered PREFIX-NNN after the highest id. Every new or changed
    issue is checked with the rules of `rectify check`; a row failing them is
    bad and left out of ``ledger``. With ``units`` (the known units, 单位名录),
    a row naming another unit is bad.

    Dates (the contract's rule: never one the import cannot know). ``as_of``
    is the day of the import, which the result is checked on. New issues are
    assigned on their 交办日期 cell, else ``assigned_on``, else ``as_of``.
    What the sheet reports (progress, rectification, dismissal, a new
    deadline) is dated the row's own date, else ``reported_on``, else the
    sheet's date in its title rows (填报日期：…, 截至…), else ``as_of``; for a
    new issue, not before it was assigned. The plan says which date it chose.
    """
    year = (ledger.ledger.assigned_on or as_of).year
    read = read_sheet_rows(sheet, year=year, not_before=ledger.ledger.assigned_on, mapping=mapping)
    plan = ImportPlan(sheet=sheet.name, header=read.header, ledger=ledger, skipped=read.skipped)
    titled = sheet_date(sheet, read.header)
    if reported_on is not None:
        plan.reported_on, plan.reported_from = reported_on, "option"
    elif titled is not None and titled.date <= as_of:
        plan.reported_on, plan.reported_from = titled.date, "sheet"
        plan.reported_text = titled.text
    else:
        plan.reported_on = as_of
    plan.assigned_on, plan.assigned_given = assigned_on or as_of, assigned_on is not None
    planner = _Planner(
        plan=plan,
        builder=_Builder(ledger, plan.reported_on, plan.assigned_on, immediate_days),
        result=ledger.model_copy(deep=True),
        as_of=as_of,
        update=update,
        reason=reason or t("import.extend_reason", "zh", file=sheet.name),
        units=units,
    )
    planner.plan.bad.update(read.bad)
    for data in read.rows:
        planner.take(data)
    return planner.finish(id_width)


@dataclass
class _Planner:
    """Goes through the rows of a sheet once, matching, adding and updating issues."""

    plan: ImportPlan
    builder: _Builder
    result: Ledger  # the ledger as it will be written
    as_of: dt.date
    update: bool
    reason: str
    units: Sequence[str]
    pending: list[tuple[RowData, Issue]] = field(default_factory=list)  # new issues
    first_rows: dict[str | tuple[str, str], int] = field(default_factory=dict)
    repeats: list[tuple[RowData, int]] = field(default_factory=list)
    update_rows: dict[str, int] = field(default_factory=dict)  # issue id -> row updating it
    by_id: dict[str, Issue] = field(init=False)
    by_title: dict[tuple[str, str], Issue] = field(init=False)
    index: dict[str, int] = field(init=False)  # issue id -> its place in the ledger
    # For likely matches: each issue with its title and unit as matched and its number of
    # character pairs; and the issues in which each pair of characters occurs.
    titles: list[tuple[Issue, str, str, int]] = field(init=False)
    grams: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        issues = self.plan.ledger.issues
        self.by_id = {issue.id: issue for issue in issues}
        self.index = {issue.id: i for i, issue in enumerate(issues)}
        self.by_title = {_title_key(i.title, i.lead_unit): i for i in reversed(issues)}
        self.titles = []
        self.grams = {}
        for index, issue in enumerate(issues):
            title = _norm(issue.title)
            grams = _grams(title)
            self.titles.append((issue, title, _norm(issue.lead_unit), len(grams)))
            for gram in grams:
                self.grams.setdefault(gram, []).append(index)

    def existing(self, data: RowData) -> Issue | None:
        """The issue a row names: by its id when it has one, else by title and lead unit."""
        if data.id:
            return self.by_id.get(data.id)
        return self.by_title.get(_title_key(data.title or "", data.lead_unit or ""))

    def ledger_id(self, text: str) -> str | None:
        """The issue id a row's 编号 is: one the ledger has, or PREFIX-NNN of its prefix; None
        for an office's row number (1, 1.1, 2-3, 一、), which numbers the rows of one sheet
        (the next unit's sheet numbers its rows the same way).
        """
        text = text.strip()
        if text in self.by_id:
            return text
        folded = {issue_id.casefold(): issue_id for issue_id in self.by_id}
        if text.casefold() in folded:
            return folded[text.casefold()]
        prefix = ids.ledger_prefix(self.plan.ledger)
        found = re.fullmatch(rf"{re.escape(prefix)}-(\d+)", text, re.IGNORECASE)
        return f"{prefix}-{found[1]}" if found else None

    def other_ledger(self, data: RowData) -> Reason | None:
        """Why a row of another ledger (its 台账 cell) is refused; None for this ledger's rows."""
        if data.ledger is None:
            return None
        meta = self.plan.ledger.ledger
        if _norm(data.ledger) in (_norm(meta.id), _norm(meta.title)):
            return None
        return Reason("import.other_ledger", {"other": data.ledger, "ledger": meta.id})

    def take(self, data: RowData) -> None:
        """One good row: a match of an existing issue, a repeat of an earlier row, or new."""
        refused = self.other_ledger(data)
        if refused is not None:
            self.plan.bad[data.row] = [refused]
            return
        if data.id is not None:
            issue_id = self.ledger_id(data.id)
            if issue_id is None and self.plan.labels is None:
                column = next(i for i, k in self.plan.header.keys.items() if k == "id")
                self.plan.labels = (self.plan.header.names[column], data.id)
            data.label = data.label or (data.id if issue_id is None else None)
            data.id = issue_id  # a row number is never an id
        if data.measure_rows:
            self.plan.measure_rows[data.row] = data.measure_rows
        existing = self.existing(data)
        key: str | tuple[str, str] = data.id or _title_key(data.title or "", data.lead_unit or "")
        if existing is not None:
            self.match(data, existing)
        elif key in self.first_rows:
            self.repeats.append((data, self.first_rows[key]))
        elif not data.id and (alike := self.alike(data)) is not None:
            issue, score = alike
            self.plan.bad[data.row] = [
                Reason(
                    "import.looks_like",
                    {
                        "id": issue.id,
                        "title": issue.title,
                        "unit": issue.lead_unit,
                        "score": int(score * 100),
                        "column": self.plan.header.names.get(
                            next((i for i, k in self.plan.header.keys.items() if k == "id"), -1),
                            column_label("id", "zh"),
                        ),
                    },
                )
            ]
        else:
            self.add(data, key)

    def alike(self, data: RowData) -> tuple[Issue, float] | None:
        """The existing issue a row most likely means, with the similarity of their titles.

        A title edited since (the office's wording changed) or a unit's full
        name (三门峡市民政局 for 市民政局) is not an exact match, but adding the
        row would count the problem twice. Only issues of the same unit count
        (equal, one name inside the other, or nearly the same). Candidates are
        found by the pairs of characters their titles share, so a long ledger
        is not compared title by title.
        """
        title, unit = _norm(data.title or ""), _norm(data.lead_unit or "")
        grams = _grams(title)
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(self.grams.get(gram, ()))
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(title)  # compared with many: SequenceMatcher keeps what it learnt of it
        best: tuple[Issue, float] | None = None
        for index, count in shared.items():
            issue, other, other_unit, size = self.titles[index]
            if 2 * count < GRAM_SHARE * (len(grams) + size) or not _same_unit(unit, other_unit):
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() < LIKELY or matcher.quick_ratio() < LIKELY:
                continue
            score = matcher.ratio()
            if score >= LIKELY and (best is None or score > best[1]):
                best = (issue, score)
        return best

    def match(self, data: RowData, existing: Issue) -> None:
        """A row naming an existing issue: what it would change, changed with ``update``."""
        index = self.index[existing.id]
        try:
            changed, changes, conflict = update_issue(
                self.result,
                existing.id,
                data,
                as_of=self.plan.reported_on,
                by_id=bool(data.id),
                reason=self.reason,
            )
        except RectifyError as exc:
            if self.update:
                self.plan.bad[data.row] = [Reason(exc.key, dict(exc.params))]
                return
            changed, changes, conflict = (
                self.result.issues[index],
                (),
                Reason(exc.key, dict(exc.params)),
            )
        if self.update and changes:
            unknown = _unknown_units(changed, self.units, before=existing)
            if unknown:
                self.plan.bad[data.row] = unknown
                return
            self.result.issues[index] = changed
            self.update_rows[existing.id] = data.row
        self.plan.matched.append(
            Matched(
                row=data.row,
                issue_id=existing.id,
                by="id" if data.id else "title",
                changes=changes,
                updated=self.update and bool(changes),
                conflict=conflict,
            )
        )

    def add(self, data: RowData, key: str | tuple[str, str]) -> None:
        """A row that becomes a new issue (numbered when all rows are in)."""
        try:
            issue = self.builder.issue(data, data.id or "?")
        except RowError as exc:
            self.plan.bad[data.row] = exc.reasons
            return
        unknown = _unknown_units(issue, self.units)
        if unknown:
            self.plan.bad[data.row] = unknown
            return
        self.pending.append((data, issue))
        self.first_rows[key] = data.row

    def finish(self, id_width: int) -> ImportPlan:
        """Number the new issues, check every new or changed one, and settle the plan."""
        plan = self.plan
        _number_new(self.result, self.pending, id_width)
        new_rows = {issue.id: data.row for data, issue in self.pending}
        self.result.issues.extend(issue for _, issue in self.pending)
        failing = _rows_failing_check(self.result, new_rows | self.update_rows, self.as_of)
        if failing:
            plan.bad.update(failing)
            originals = {i.id: i for i in plan.ledger.issues}
            self.result.issues = [
                originals[i.id] if self.update_rows.get(i.id) in failing else i
                for i in self.result.issues
                if new_rows.get(i.id) not in failing
            ]
            plan.matched = [m for m in plan.matched if not (m.updated and m.row in failing)]
        id_of_row = {row: issue_id for issue_id, row in new_rows.items()}
        for data, earlier in self.repeats:
            if earlier in failing:
                plan.bad[data.row] = [Reason("import.repeat_of_bad", {"earlier": earlier})]
                continue
            plan.matched.append(
                Matched(
                    row=data.row,
                    issue_id=id_of_row[earlier],
                    by="id" if data.id else "title",
                    changes=(),
                    updated=False,
                    earlier_row=earlier,
                )
            )
        plan.matched.sort(key=lambda m: m.row)
        plan.added = [
            Added(row, issue)
            for _, issue in self.pending
            if (row := new_rows[issue.id]) not in failing
        ]
        plan.defaults = [d for d in self.builder.defaults if d.row not in plan.bad]
        plan.bad = dict(sorted(plan.bad.items()))
        plan.ledger = self.result
        return plan


def _unknown_units(
    issue: Issue, known: Sequence[str], *, before: Issue | None = None
) -> list[Reason]:
    """Reasons for each unit an issue gains that is not a known unit; none without a list."""
    if not known:
        return []
    had = [before.lead_unit, *before.co_units] if before is not None else []
    reasons: list[Reason] = []
    for unit in units.new_units([issue.lead_unit, *issue.co_units], [*known, *had]):
        close = suggest(unit, known)
        if close:
            reasons.append(
                Reason(
                    "import.unknown_unit.suggest", {"unit": unit, "suggestion": "、".join(close)}
                )
            )
        else:
            reasons.append(Reason("import.unknown_unit", {"unit": unit}))
    return reasons


def _number_new(ledger: Ledger, pending: list[tuple[RowData, Issue]], width: int) -> None:
    """Give the new issues without an id of their own the next free ids, in row order.

    The first is ``ops.next_id`` of the ledger with the sheet's own ids in it;
    the others follow it one by one.
    """
    if all(data.id for data, _ in pending):
        return
    scratch = ledger.model_copy(update={"issues": [*ledger.issues]})
    scratch.issues.extend(issue for data, issue in pending if data.id)
    prefix, _, first = ids.next_id(scratch, width=width).rpartition("-")
    numbers = iter(range(int(first), int(first) + len(pending)))
    for index, (data, issue) in enumerate(pending):
        if not data.id:
            new_id = f"{prefix}-{next(numbers):0{width}d}"
            pending[index] = (data, issue.model_copy(update={"id": new_id}))


def _rows_failing_check(
    ledger: Ledger, rows: Mapping[str, int], as_of: dt.date
) -> dict[int, list[Reason]]:
    """The rows whose new or changed issue breaks a rule of the format, with the reasons."""
    failing: dict[int, list[Reason]] = {}
    for problem in ledger_problems(ledger, as_of=as_of):
        row = rows.get(problem.issue_id or "")
        if row is None:
            raise DataError("import.check_failed", detail=problem.message("en"))
        failing.setdefault(row, []).append(Reason(problem.key, dict(problem.params)))
    return failing


# --- a workbook: every visible sheet --------------------------------------------------------


@dataclass
class BookPlan:
    """Importing every sheet of a workbook in turn: each sheet's plan, the sheets passed over.

    ``ledger`` is the ledger as it would be written after the last sheet.
    """

    ledger: Ledger
    plans: list[ImportPlan] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # hidden sheets, never read unless named
    unread: list[tuple[str, Reason]] = field(default_factory=list)  # sheets without a header

    @property
    def added(self) -> list[Added]:
        return [a for p in self.plans for a in p.added]

    @property
    def matched(self) -> list[Matched]:
        return [m for p in self.plans for m in p.matched]

    @property
    def updated(self) -> list[Matched]:
        return [m for p in self.plans for m in p.updated]

    @property
    def bad_count(self) -> int:
        """How many rows, over all sheets, cannot be read."""
        return sum(len(p.bad) for p in self.plans)

    @property
    def changed(self) -> bool:
        return any(p.changed for p in self.plans)


def plan_book(
    sheets: Sequence[Sheet], ledger: Ledger, *, hidden: Sequence[str] = (), **options: Any
) -> BookPlan:
    """What importing each sheet in turn does (see :func:`plan_import` for ``options``).

    Each sheet is planned against the ledger as the sheets before it leave it,
    so new problems are numbered on. With several sheets, one without a
    header (a 说明 sheet) is listed as passed over; a single sheet's error is
    raised as it is.
    """
    book = BookPlan(ledger=ledger, hidden=list(hidden))
    for sheet in sheets:
        try:
            plan = plan_import(sheet, book.ledger, **options)
        except DataError as exc:
            if len(sheets) == 1:
                raise
            book.unread.append((sheet.name, Reason(exc.key, dict(exc.params))))
            continue
        book.plans.append(plan)
        book.ledger = plan.ledger
    if not book.plans:
        _, reason = book.unread[0]
        raise DataError(reason.key, **reason.params)
    return book
