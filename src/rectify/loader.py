"""Load ledgers from paths: read, parse and check every file, collecting all problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from rectify.check import check_document, check_rollup
from rectify.errors import LedgerProblems, Problem, Severity
from rectify.model import Ledger
from rectify.store import (
    Document,
    Pos,
    atomic_write,
    decode,
    encode,
    issue_spans,
    ledger_files,
    load_document,
    locked,
    parse_into,
    read_bytes,
)

if TYPE_CHECKING:
    from rectify.cache import Key, Settings
    from rectify.facts import Fact


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
    use_cache = _cache_on(cache)
    result = Loaded(files=ledger_files(list(paths)))
    for path in result.files:
        doc, ledger, problems = _load_file(path, as_of, use_cache)
        result.documents.append(doc)
        result.problems.extend(problems)
        if ledger is not None:
            result.ledgers.append(LoadedLedger(doc, ledger))
    result.problems.extend(
        check_rollup([(item.doc, item.ledger.ledger.id) for item in result.ledgers])
    )
    return result


def load_facts(
    paths: Iterable[Path],
    *,
    as_of: dt.date,
    due_soon_days: int,
    margin: int | Fraction,
    cache: bool | None = None,
) -> list[Fact]:
    """The facts of every issue under ``paths`` on a date, file by file, for the status figures.

    Raises LedgerProblems when any file has errors, as `load_valid` does. With
    the cache on, a file whose entry holds facts for the same date and settings
    is neither parsed nor turned into models; any other file is loaded and its
    entry written with its facts.
    """
    from rectify import cache as parse_cache
    from rectify.facts import facts_of
    from rectify.metrics import items

    use_cache = _cache_on(cache)
    settings = parse_cache.Settings(due_soon_days, Fraction(margin))
    found: list[Fact] = []
    errors: list[Problem] = []
    named: list[tuple[Document, str]] = []
    for path in ledger_files(list(paths)):
        raw = read_bytes(path)
        doc = decode(path, raw)
        key = parse_cache.key_for(path, raw, as_of) if use_cache and not doc.problems else None
        del raw
        entry = parse_cache.lookup_facts(key, settings) if key is not None else None
        if entry is not None:
            doc.values[("ledger", "id")] = Pos(*entry.id_pos)
            named.append((doc, entry.ledger_id))
            found += entry.facts
            continue
        ledger, problems, facts = _parse_file(doc, as_of, key, settings)
        errors += [p for p in problems if p.severity is Severity.ERROR]
        if ledger is not None:
            named.append((doc, ledger.ledger.id))
            found += (
                facts
                if facts is not None
                else facts_of(items([ledger]), as_of, due_soon_days=due_soon_days, margin=margin)
            )
    errors += check_rollup(named)
    if errors:
        raise LedgerProblems(errors)
    return found


def _cache_on(cache: bool | None) -> bool:
    from rectify import cache as parse_cache

    return parse_cache.enabled() if cache is None else cache


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
    ledger, problems, _ = _parse_file(doc, as_of, key)
    return doc, ledger, problems


def _parse_file(
    doc: Document, as_of: dt.date, key: Key | None, settings: Settings | None = None
) -> tuple[Ledger | None, list[Problem], list[Fact] | None]:
    """Parse and check a decoded file for reading; keep it in the cache when ``key`` is given.

    With ``settings`` and no error, the issues' facts are worked out with them,
    returned and kept in the entry.
    """
    from rectify import cache as parse_cache

    if not doc.problems:
        parse_into(doc)
    ledger, problems = check_document(doc, as_of=as_of)
    id_pos = doc.value_pos(("ledger", "id"))
    ok = ledger is not None and not any(p.severity is Severity.ERROR for p in problems)
    spans = issue_spans(doc) if key is not None and ok else None
    # Nobody edits through a read-only load: free the node tree, raw data and places,
    # as a cache hit never had them (a 100,000-issue file would keep gigabytes).
    doc.root = None
    doc.data = None
    doc.keys = {}
    doc.values = {("ledger", "id"): id_pos}
    if ledger is None or not ok:
        return ledger, problems, None
    found = None
    if settings is not None:
        from rectify.facts import facts_of
        from rectify.metrics import items

        days, margin = settings.due_soon_days, settings.margin
        found = facts_of(items([ledger]), as_of, due_soon_days=days, margin=margin)
    if key is not None:
        parse_cache.store(
            key,
            ledger,
            problems,
            (id_pos.line, id_pos.column),
            facts=(settings, found) if settings is not None and found is not None else None,
            spans=parse_cache.Spans(*spans) if spans else None,
        )
    return ledger, problems, found


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
