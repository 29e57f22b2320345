"""Load ledgers from paths: read, parse and check every file, collecting all problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rectify.check import check_document, check_rollup
from rectify.errors import LedgerProblems, Problem, Severity
from rectify.model import Ledger
from rectify.store import Document, atomic_write, encode, ledger_files, load_document, locked


@dataclass
class LoadedLedger:
    """A ledger that passed the checks, with the document it was read from."""

    doc: Document
    ledger: Ledger

    @property
    def path(self) -> Path:
        return self.doc.path


@dataclass
class Loaded:
    """Everything read from a set of paths: the good ledgers and every problem found."""

    files: list[Path] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    ledgers: list[LoadedLedger] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def issue_count(self) -> int:
        return sum(len(item.ledger.issues) for item in self.ledgers)


def load(paths: Iterable[Path], *, as_of: dt.date) -> Loaded:
    """Read and check every ledger under ``paths`` (files, or folders searched recursively).

    Problems are collected, not raised; FileError is raised only for a path
    that does not exist or cannot be read.
    """
    result = Loaded(files=ledger_files(list(paths)))
    for path in result.files:
        doc = load_document(path)
        result.documents.append(doc)
        ledger, problems = check_document(doc, as_of=as_of)
        result.problems.extend(problems)
        if ledger is not None:
            result.ledgers.append(LoadedLedger(doc, ledger))
    result.problems.extend(check_rollup([(item.doc, item.ledger) for item in result.ledgers]))
    return result


def load_valid(paths: Iterable[Path], *, as_of: dt.date) -> list[LoadedLedger]:
    """The ledgers under ``paths``; raises LedgerProblems when any file has errors."""
    loaded = load(paths, as_of=as_of)
    if loaded.errors:
        raise LedgerProblems(loaded.errors)
    return loaded.ledgers


def load_one(path: Path, *, as_of: dt.date) -> LoadedLedger:
    """One ledger file, checked; raises LedgerProblems when it has errors."""
    doc = load_document(path)
    ledger, problems = check_document(doc, as_of=as_of)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if ledger is None or errors:
        raise LedgerProblems(errors)
    return LoadedLedger(doc, ledger)


def transact(path: Path, change: Callable[[Ledger], Ledger], *, as_of: dt.date) -> Ledger:
    """Apply ``change`` to the ledger at ``path`` and save it, holding the ledger's lock.

    The file is read again under the lock, so two processes never lose each
    other's updates; only the lines of what changed are rewritten, and the
    write is atomic.
    """
    from rectify.yamledit import apply

    with locked(path):
        loaded = load_one(path, as_of=as_of)
        new = change(loaded.ledger)
        text = apply(loaded.doc, loaded.ledger, new)
        if text != loaded.doc.text:
            atomic_write(path, encode(loaded.doc, text))
        return new
