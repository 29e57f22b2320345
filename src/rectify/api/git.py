"""The ledgers in git, from Python: changes since a revision, one issue's history, fixing
duplicate ids after a merge, and setting up the issue-by-issue merge driver."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rectify.api.figures import Note
from rectify.api.project import PathsGiven, Project
from rectify.io.history import DiffResult, IssueHistory
from rectify.ledger.ids import Renumbered


def diff(project: Project, rev: str | None = None, paths: PathsGiven = None) -> DiffResult:
    """What changed in the ledgers between ``rev`` (default: the last commit of last month)
    and the files as they are now, issue by issue."""
    from rectify.io.history import diff_since

    return diff_since(rev, project.paths(paths), as_of=project.today, today=project.today)


def log(project: Project, issue: str, paths: PathsGiven = None) -> IssueHistory:
    """The history of one issue (``ID`` or ``LEDGER/ID``) through the commits, following
    ``carried_from`` back into last year's ledger."""
    from rectify.io.history import issue_history

    return issue_history(issue, project.paths(paths), as_of=project.today)


@dataclass
class FixedIds:
    """What `fix_ids` renumbered, file by file, and what stopped it on the way."""

    files: int = 0
    renumbered: list[tuple[Path, Renumbered]] = field(default_factory=list)
    changed: int = 0  # files with an id renumbered
    problems: list[Note] = field(default_factory=list)  # each a file left as it was


def fix_ids(project: Project, paths: PathsGiven = None, *, dry_run: bool = False) -> FixedIds:
    """Give each later issue that shares an id the next free id (after a merge of two branches).

    The first issue with an id keeps it; only the id lines change, each file
    under its lock. With ``dry_run`` nothing is written.
    """
    from rectify.errors import DataError, Severity
    from rectify.ledger.check import check_document
    from rectify.ledger.edit import verify_written_data
    from rectify.ledger.files import atomic_write, ledger_files, locked
    from rectify.ledger.ids import fix_document
    from rectify.ledger.yaml import encode, load_document, parse_text

    files = ledger_files(project.paths(paths))
    result = FixedIds(files=len(files))
    for path in files:
        with locked(path):
            doc = load_document(path)
            marker = next((p for p in doc.problems if p.code == "R111"), None)
            if marker is not None:  # the sentence every command gives for a merge left open
                where = {"path": path, "line": marker.line, **marker.params}
                result.problems.append(("file.conflict_markers", where))
                continue
            if doc.problems:
                result.problems.append(("fixids.unreadable", {"path": path}))
                continue
            try:
                text, renumbered = fix_document(doc)
            except DataError as exc:
                result.problems.append((exc.key, {"path": exc.path, **exc.params}))
                continue
            if not renumbered:
                continue
            try:
                verify_written_data(doc, text, _with_ids(doc.data, renumbered))
            except DataError as exc:
                result.problems.append((exc.key, {"path": exc.path, **exc.params}))
                continue
            result.renumbered += [(path, item) for item in renumbered]
            result.changed += 1
            if not dry_run:
                atomic_write(path, encode(doc, text))
        _, problems = check_document(parse_text(path, text), as_of=project.today)
        if any(p.severity is Severity.ERROR for p in problems):
            result.problems.append(("fixids.still_problems", {"path": path}))
    return result


def _with_ids(data: Any, renumbered: list[Renumbered]) -> Any:
    """The file's data as it must read after the renumbering: only those ids changed."""
    import copy

    expected = copy.deepcopy(data)
    for item in renumbered:
        expected["issues"][item.index]["id"] = item.new
    return expected


DRIVER = "rectify merge-driver %O %A %B %P"
ATTRIBUTES = ("*.yaml merge=rectify", "*.yml merge=rectify")


def git_setup(folder: Path | None = None) -> tuple[Path, list[str]]:
    """Make git merge ledgers issue by issue in the repository of ``folder``.

    Adds ``*.yaml merge=rectify`` to .gitattributes (to be committed) and sets
    merge.rectify.driver in the clone's config; returns .gitattributes and the
    lines it had to add.
    """
    from rectify.io.git import repo_root, set_config
    from rectify.ledger.files import atomic_write

    root = repo_root(folder or Path.cwd())
    attributes = root / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in ATTRIBUTES if line not in have]
    if missing:
        if text and not text.endswith("\n"):
            text += "\n"
        atomic_write(attributes, (text + "".join(f"{m}\n" for m in missing)).encode("utf-8"))
    set_config(root, "merge.rectify.name", "rectify: merge ledgers issue by issue")
    set_config(root, "merge.rectify.driver", DRIVER)
    return attributes, missing
