"""The daily round from Python: new ledgers, new issues, changes to one issue, lists and one issue.

Dates a change happened on default to the project's today and are never after
it; every change is made under the ledger's lock and rewrites only the lines
it changes (rectify.ledger.load).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rectify.api.project import PathsGiven, Project, ledger_ids, shown
from rectify.changes import ops
from rectify.errors import FileError, UsageError
from rectify.figures.select import Filters, Row
from rectify.figures.warnings import WarningLevel
from rectify.i18n import Lang
from rectify.io.config import Config
from rectify.model import Issue, Ledger


@dataclass(frozen=True)
class Change:
    """One issue before and after a change."""

    before: Issue
    after: Issue


@dataclass(frozen=True)
class NewLedger:
    path: Path
    ledger: Ledger
    first_id: str


@dataclass(frozen=True)
class Shown:
    """One issue as it stood on a date, with its ledger and warning."""

    ledger: Ledger
    issue: Issue
    warning: WarningLevel | None
    exists: bool  # False: not handed down yet on that date


# --- new ledgers and new issues --------------------------------------------------------------


def new_ledger(
    project: Project,
    *,
    ledger_id: str | None,
    title: str | None,
    supervisor: str | None,
    prefix: str | None,
    assigned_on: dt.date | None = None,
    parent: str | None = None,
    into: PathsGiven = None,
) -> NewLedger:
    """Write a new, empty ledger: the file named in ``into``, else LEDGER-ID.yaml in the folder.

    Never overwrites a file, and refuses a ledger id another file in the folder has.
    """
    from rectify.ledger.emit import dump_ledger
    from rectify.ledger.ids import LEDGER_ID, PREFIX

    # A value given blank (--id "") is refused by name, as every command refuses one.
    ledger_id, title = ops.require_text(ledger_id, "--id"), ops.require_text(title, "--title")
    supervisor = ops.require_text(supervisor, "--supervisor")
    prefix = ops.require_text(prefix, "--prefix")
    if not LEDGER_ID.match(ledger_id):
        raise UsageError("new.bad_id", value=ledger_id)
    if not PREFIX.match(prefix):
        raise UsageError("new.bad_prefix", value=prefix)
    header = {
        "id": ledger_id,
        "title": title,
        "supervisor": supervisor,
        "assigned_on": assigned_on or project.today,
        "id_prefix": prefix,
        "parent": ops.clean_text(parent),
    }
    model = Ledger.model_validate(
        {"schema": 1, "ledger": {k: v for k, v in header.items() if v}, "issues": []}
    )
    path = _new_path(project, into, model.ledger.id)
    owner = ledger_ids(path.parent).get(model.ledger.id)
    if owner is not None:
        raise UsageError("new.id_taken", id=model.ledger.id, path=shown(owner))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(dump_ledger(model))
    except FileExistsError:
        raise FileError("new.exists", path=shown(path)) from None
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    first = f"{model.ledger.id_prefix}-{1:0{project.config.id_width}d}"
    return NewLedger(path, model, first)


def _new_path(project: Project, given: PathsGiven, ledger_id: str) -> Path:
    from rectify.ledger.files import LEDGER_SUFFIXES

    target = Path(given[0]) if given else project.config.ledgers_dir
    if target.suffix.lower() in LEDGER_SUFFIXES and not target.is_dir():
        return target
    return target / f"{ledger_id}.yaml"


def listed_on(project: Project, path: Path) -> dt.date | None:
    """The date the ledger at ``path`` was handed down."""
    from rectify.ledger.load import load_one

    return load_one(path, as_of=project.today).ledger.ledger.assigned_on


def check_units(project: Project, names: Iterable[str]) -> None:
    """Refuse a unit that is not in rectify.toml's known units (单位名录), naming the closest."""
    from rectify.changes import units

    for name in names:
        units.check_unit(name.strip(), project.config.units)


def add(
    project: Project, draft: ops.Draft, *, into: Path | None = None, new_units: bool = False
) -> tuple[Path, Issue]:
    """Add an issue with the next free id to the one ledger in scope; (its file, the issue).

    Units must be known units of rectify.toml unless ``new_units``.
    """
    from rectify.ledger.load import transact

    path = into or project.target()
    if not new_units:
        check_units(project, (draft.lead_unit, *draft.co_units))
    width = project.config.id_width
    new = transact(path, lambda lg: ops.add_issue(lg, draft, id_width=width), as_of=project.today)
    return path, new.issues[-1]


# --- changes to one issue --------------------------------------------------------------------


def _change(
    project: Project, given: PathsGiven, issue_id: str, change: Callable[[Ledger, str], Ledger]
) -> Change:
    from rectify.figures.facts import FactRows
    from rectify.ledger.load import change_issue

    # FactRows: the status figures a cache entry keeps are worked out again for the changed issue.
    files = project.files(given)
    rows = _RowsAcross(project, files)
    before, after = change_issue(
        files,
        issue_id,
        rows.seen(change),
        as_of=project.today,
        derived=FactRows(),
        cache=project.cache,
    )
    rows.keep(before, after)
    return Change(before, after)


class _RowsAcross:
    """The month rows of a ledger's bytes before a one-issue change, kept for its new bytes
    on the days the change left alone (api.figures.keep_rows_across)."""

    def __init__(self, project: Project, files: Sequence[Path]) -> None:
        from rectify.ledger.files import read_bytes

        self.project = project
        self.files = list(files) if project.caching else []
        self.old = [read_bytes(path) for path in self.files]
        self.ledger: Ledger | None = None

    def seen(self, change: Callable[[Ledger, str], Ledger]) -> Callable[[Ledger, str], Ledger]:
        def changing(ledger: Ledger, issue_id: str) -> Ledger:
            self.ledger = ledger  # its head: what the changed issue's Item needs
            return change(ledger, issue_id)

        return changing

    def keep(self, before: Issue, after: Issue) -> None:
        from rectify.api.figures import keep_rows_across
        from rectify.figures.state import Item
        from rectify.ledger.files import read_bytes

        if self.ledger is None:
            return
        for path, old in zip(self.files, self.old, strict=True):
            new = read_bytes(path)
            if new != old:
                item = Item(self.ledger, before), Item(self.ledger, after)
                keep_rows_across(self.project, old, new, *item)


def update(
    project: Project,
    issue_id: str,
    *,
    completion: float,
    note: str | None = None,
    audit: ops.AuditFigures | None = None,
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Record progress: a dated entry with the completion (and the audit figures so far, when
    given). An open issue becomes in progress."""
    day = project.on(on)
    return _change(
        project,
        ledgers,
        issue_id,
        lambda lg, i: ops.update_progress(
            lg, i, on=day, completion=completion, note=note, audit=audit or ops.AuditFigures()
        ),
    )


def done(
    project: Project,
    issue_id: str,
    *,
    note: str | None = None,
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Mark an issue rectified (已整改): completion 100, rectified_on, a final progress entry."""
    day = project.on(on)
    return _change(
        project, ledgers, issue_id, lambda lg, i: ops.mark_done(lg, i, on=day, note=note)
    )


def close(
    project: Project,
    issue_id: str,
    *,
    by: str,
    note: str | None = None,
    evidence: Iterable[Path | str] = (),
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Sign off (销号) a rectified issue, recording who verified it and when, with the
    evidence of the sign-off (each file with its SHA-256). When the unit had applied
    (`apply`), the approval is recorded in the review too."""
    from rectify.ledger.evidence import record

    day = project.on(on)
    files = tuple(record(Path(f), project.config.root) for f in evidence)
    return _change(
        project,
        ledgers,
        issue_id,
        lambda lg, i: ops.close(lg, i, by=by, on=day, note=note, evidence=files),
    )


def apply(
    project: Project,
    issue_id: str,
    *,
    by: str | None = None,
    note: str | None = None,
    evidence: Iterable[Path | str] = (),
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Apply for sign-off (申请销号) of a rectified issue, with the evidence handed in: each
    file is recorded with its SHA-256, so `check` sees when it goes missing or changes."""
    from rectify.ledger.evidence import record

    day = project.on(on)
    files = tuple(record(Path(f), project.config.root) for f in evidence)
    return _change(
        project,
        ledgers,
        issue_id,
        lambda lg, i: ops.apply_signoff(lg, i, on=day, by=by, note=note, evidence=files),
    )


def return_application(
    project: Project,
    issue_id: str,
    *,
    reason: str,
    by: str | None = None,
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Return an application for sign-off (退回): the problem is in progress again; the
    rectification it had moves into a `reopened` entry, so past months keep their figures."""
    day = project.on(on)
    return _change(
        project,
        ledgers,
        issue_id,
        lambda lg, i: ops.return_application(lg, i, on=day, reason=reason, by=by),
    )


def reopen(
    project: Project,
    issue_id: str,
    *,
    note: str,
    completion: float | None = None,
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Put an issue back in progress; what the reopening undoes is kept (format: reopened)."""
    day = project.on(on)
    return _change(
        project,
        ledgers,
        issue_id,
        lambda lg, i: ops.reopen(lg, i, on=day, note=note, completion=completion),
    )


def extend(
    project: Project,
    issue_id: str,
    *,
    to: dt.date,
    reason: str,
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Change the deadline (时限调整): the change is kept, the original deadline too."""
    day = project.on(on)
    return _change(
        project, ledgers, issue_id, lambda lg, i: ops.extend(lg, i, on=day, to=to, reason=reason)
    )


def dismiss(
    project: Project,
    issue_id: str,
    *,
    reason: str,
    on: dt.date | None = None,
    ledgers: PathsGiven = None,
) -> Change:
    """Dismiss an issue (不予整改) with the reason; it stops counting in the rates."""
    day = project.on(on)
    return _change(
        project, ledgers, issue_id, lambda lg, i: ops.dismiss(lg, i, on=day, reason=reason)
    )


# --- looking things up -----------------------------------------------------------------------


def list_issues(
    project: Project, filters: Filters, *, as_of: dt.date, ledgers: PathsGiven = None
) -> list[Row]:
    """The issues that pass ``filters`` on a date, by deadline, each with its warning.

    A unit no issue names, but close to one that does, is refused with the
    names it may have meant.
    """
    from rectify.changes.units import refuse_unknown_unit
    from rectify.figures.select import select, units_of

    models = [item.ledger for item in project.load(ledgers, as_of)]
    for name in (filters.unit, filters.co_unit):
        if name is not None:
            refuse_unknown_unit(name, units_of(models))
    config = project.config
    return select(
        models, filters, as_of=as_of, due_soon_days=config.due_soon_days, margin=config.pace_margin
    )


def show_issue(
    project: Project, issue_id: str, *, as_of: dt.date, ledgers: PathsGiven = None
) -> Shown:
    """One issue as it stood on a date: the deadline in force, nothing recorded later."""
    from rectify.figures.state import Item, exists_on, issue_as_of
    from rectify.figures.warnings import warning_level
    from rectify.ledger.ids import find_issue

    models = [item.ledger for item in project.load(ledgers, as_of)]
    found = find_issue(models, issue_id)
    owner = models[found.index]
    item = Item(owner, found.issue)
    seen = issue_as_of(item, as_of)
    config = project.config
    level = warning_level(
        Item(owner, seen), as_of, due_soon_days=config.due_soon_days, margin=config.pace_margin
    )
    return Shown(owner, seen, level, exists_on(item, as_of))


def remember_units(project: Project, names: list[str]) -> list[str] | None:
    """Add units not yet known to rectify.toml's known units; the ones added (None: no file)."""
    from rectify.changes import units
    from rectify.io.config import add_units

    new = units.new_units(names, project.config.units)
    if not new:
        return []
    if project.config.path is None:
        return None
    return add_units(project.config.path, new)


def init_project(folder: Path, config: Config, lang: Lang) -> tuple[Path, Path]:
    """Start a project in ``folder``: write rectify.toml (never over one) and the ledgers folder.

    Returns the config file and the ledgers folder.
    """
    from rectify.io.config import CONFIG_NAME, create_config

    root = folder.absolute()
    if (root / CONFIG_NAME).exists():
        raise FileError("config.exists", path=shown(root / CONFIG_NAME))
    root.mkdir(parents=True, exist_ok=True)
    create_config(root / CONFIG_NAME, config, lang)
    (root / config.ledgers).mkdir(parents=True, exist_ok=True)
    return root / CONFIG_NAME, root / config.ledgers
