"""Load ledgers from paths: read, parse and check every file, collecting all problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rectify.check import check_document, check_rollup
from rectify.errors import LedgerProblems, Problem, Severity
from rectify.model import Ledger
from rectify.store import (
    Document,
    Pos,
    atomic_write,
    decode,
    encode,
    ledger_files,
    load_document,
    locked,
    parse_into,
    read_bytes,
)


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


def load(paths: Iterable[Path], *, as_of: dt.date, cache: bool | None = None) -> Loaded:
    """Read and check every ledger under ``paths`` (files, or folders searched recursively).

    Problems are collected, not raised; FileError is raised only for a path
    that does not exist or cannot be read. The ledgers are for reading only:
    their documents keep text and places, not the YAML nodes that edits need.
    ``cache`` (default: on unless RECTIFY_NO_CACHE=1) reuses a checked file's
    parse cache entry when the file's bytes are unchanged.
    """
    from rectify import cache as parse_cache

    use_cache = parse_cache.enabled() if cache is None else cache
    result = Loaded(files=ledger_files(list(paths)))
    for path in result.files:
        doc, ledger, problems = _load_file(path, as_of, use_cache)
        result.documents.append(doc)
        result.problems.extend(problems)
        if ledger is not None:
            result.ledgers.append(LoadedLedger(doc, ledger))
    result.problems.extend(check_rollup([(item.doc, item.ledger) for item in result.ledgers]))
    return result


def _load_file(
    path: Path, as_of: dt.date, use_cache: bool
) -> tuple[Document, Ledger | None, list[Problem]]:
    """One file read for reading only: from the parse cache when it holds it, else parsed."""
    from rectify import cache as parse_cache

    raw = read_bytes(path)
    doc = decode(path, raw)
    key = parse_cache.key_for(path, raw, as_of) if use_cache and not doc.problems else None
    del raw
    if key is not None:
        entry = parse_cache.lookup(key, path)
        if entry is not None:
            doc.values[("ledger", "id")] = Pos(*entry.id_pos)
            return doc, entry.ledger, entry.problems
    if not doc.problems:
        parse_into(doc)
    ledger, problems = check_document(doc, as_of=as_of)
    id_pos = doc.value_pos(("ledger", "id"))
    # Nobody edits through a read-only load: free the node tree, raw data and places,
    # as a cache hit never had them (a 100,000-issue file would keep gigabytes).
    doc.root = None
    doc.data = None
    doc.keys = {}
    doc.values = {("ledger", "id"): id_pos}
    if (
        key is not None
        and ledger is not None
        and not any(p.severity is Severity.ERROR for p in problems)
    ):
        parse_cache.store(key, ledger, problems, (id_pos.line, id_pos.column))
    return doc, ledger, problems


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
