"""Evidence files (佐证材料) and their SHA-256: record one, and find those missing or changed.

A command that records evidence (`apply --evidence`, `close --evidence`) writes
each file with the SHA-256 it had then. `check` looks for every such file,
relative to the ledger's folder and to the project's folder, and says when it
is not there (R405) or its content has changed since (R406). Evidence written
as a plain path was never read by the tool: it may name a paper file in an
archive, so it is not looked for.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from rectify.errors import FileError, Problem, Severity
from rectify.ledger.yaml import Document, KeyPath
from rectify.model import Evidence, EvidenceItem, Issue, Ledger


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex; FileError when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except IsADirectoryError:
        raise FileError("evidence.not_file", path=path) from None
    except FileNotFoundError:
        raise FileError("evidence.no_file", path=path) from None
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None


def record(path: Path, root: Path) -> Evidence:
    """A file handed in as evidence: its path relative to the project's folder ``root``
    (as given when it lies outside), with its SHA-256 now."""
    sha = digest(path)
    try:
        shown = Path(os.path.relpath(path.resolve(), root.resolve()))
    except ValueError:  # another drive (Windows)
        shown = path
    if shown.parts[:1] == ("..",):
        shown = path.resolve()
    return Evidence(path=shown.as_posix(), sha256=sha)


def _entries(issue: Issue) -> Iterator[tuple[KeyPath, Evidence]]:
    """Every evidence entry with a digest, of the issue and of its applications, with its place."""
    lists: list[tuple[KeyPath, Sequence[EvidenceItem]]] = [(("evidence",), issue.evidence)]
    lists += [(("signoff", n, "evidence"), step.evidence) for n, step in enumerate(issue.signoff)]
    for where, items in lists:
        for index, item in enumerate(items):
            if isinstance(item, Evidence) and item.sha256 is not None:
                yield (*where, index), item


def _found(name: str, folders: Sequence[Path]) -> Path | None:
    given = Path(name)
    for place in [given] if given.is_absolute() else [f / given for f in folders]:
        if place.is_file():
            return place
    return None


def evidence_problems(doc: Document, ledger: Ledger, root: Path) -> list[Problem]:
    """R405 (missing) and R406 (changed) for the evidence of one ledger recorded with a digest.

    A file is looked for in the ledger's folder, then in the project's folder ``root``.
    """
    folders = list(dict.fromkeys([doc.path.parent, root]))
    problems: list[Problem] = []
    for number, issue in enumerate(ledger.issues):
        for where, item in _entries(issue):
            path: KeyPath = ("issues", number, *where)
            place = _found(item.path, folders)
            if place is None:
                problems.append(_problem(doc, "R405", path, issue, file=item.path))
                continue
            try:
                now = digest(place)
            except FileError:
                now = None
            if now != item.sha256:
                problems.append(_problem(doc, "R406", path, issue, file=item.path))
    return problems


def _problem(doc: Document, code: str, path: KeyPath, issue: Issue, *, file: str) -> Problem:
    pos = doc.value_pos((*path, "path"))
    return Problem(
        path=doc.path,
        line=pos.line,
        column=pos.column,
        code=code,
        key=code,
        params={"file": file},
        severity=Severity.WARNING,
        issue_id=issue.id,
    )


__all__ = ["digest", "evidence_problems", "record"]
