"""Load ledgers from paths: read, parse and check every file, collecting all problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rectify.errors import LedgerProblems, NotFound, Problem, Severity
from rectify.ledger.check import check_document, check_links, check_rollup
from rectify.ledger.files import atomic_write, ledger_files, locked, read_bytes
from rectify.ledger.yaml import (
    STREAM_AT,
    Document,
    Pos,
    Spans3,
    Unstreamable,
    decode,
    encode,
    gc_paused,
    issue_spans,
    load_document,
    parse_into,
    parse_text,
    span_fits,
    stream_issues,
)
from rectify.model import Ledger

if TYPE_CHECKING:
    from rectify.ledger.cache import Derived, Key, Spans
    from rectify.model import Issue

T = TypeVar("T")


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
    use_cache = cache_on(cache)
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
    result.problems.extend(check_links([(item.doc, item.ledger) for item in result.ledgers]))
    return result


def load_derived(
    paths: Iterable[Path],
    derived: Derived[T],
    *,
    as_of: dt.date,
    cache: bool | None = None,
) -> list[T]:
    """What ``derived`` works out from every ledger under ``paths`` on a date, file by file.

    Raises LedgerProblems when any file has errors, as `load_valid` does. With
    the cache on, a file whose entry holds rows for the same date and settings
    is neither parsed nor turned into models; any other file is loaded and its
    entry written with its rows. (The status figures read their facts so:
    rectify.figures.facts.FactRows.)
    """
    from rectify.ledger import cache as parse_cache

    use_cache = cache_on(cache)
    found: list[T] = []
    errors: list[Problem] = []
    named: list[tuple[Document, str]] = []
    for path in ledger_files(list(paths)):
        raw = [read_bytes(path)]
        key = parse_cache.key_for(path, raw[0], as_of) if use_cache else None
        # The bytes handed over, not held: once decoded they are let go (90 MB of 100,000 issues).
        doc, ledger_id, worked, problems = derive_one(path, key, raw.pop, derived, as_of)
        errors += [p for p in problems if p.severity is Severity.ERROR]
        if doc is not None and ledger_id is not None:
            named.append((doc, ledger_id))
            found += worked
    errors += check_rollup(named)
    if errors:
        raise LedgerProblems(errors)
    return found


def derive_one(
    path: Path,
    key: Key | None,
    raw: bytes | Callable[[], bytes],
    derived: Derived[T],
    as_of: dt.date,
) -> tuple[Document, str | None, list[T], list[Problem]]:
    """What ``derived`` works out from one ledger: from the entry of ``key`` when it holds
    rows for the settings (a callable ``raw`` is then never called), else from the bytes,
    parsed, checked and kept under ``key``. (The document, the ledger id, the rows, the
    problems); the id is None when the ledger could not be read.
    """
    from rectify.ledger import cache as parse_cache

    entry = parse_cache.lookup_rows(key, derived.settings) if key is not None else None
    kept = _from_rows(derived, entry.rows, as_of) if entry is not None else None
    if entry is not None and kept is not None:
        # Only bytes that decoded and checked cleanly have an entry: no need to decode.
        doc = Document(path=path, text="", values={("ledger", "id"): Pos(*entry.id_pos)})
        return doc, entry.ledger_id, kept, []
    doc = decode(path, raw() if callable(raw) else raw)
    del raw
    if doc.problems:
        key = None
    ledger, problems, worked = _parse_file(doc, as_of, key, derived)
    if ledger is None:
        return doc, None, [], problems
    rows = worked if worked is not None else derived.work_out(ledger, as_of)
    return doc, ledger.ledger.id, rows, problems


def _from_rows(derived: Derived[T], rows: list[Any], as_of: dt.date) -> list[T] | None:
    """An entry's rows read back; None when they are not what ``derived`` writes."""
    try:
        with gc_paused():  # tens of thousands of small objects, and no cycle among them
            return derived.from_rows(rows, as_of)
    except Exception:  # whatever is wrong with an entry, it is only ignored
        return None


def cache_on(cache: bool | None) -> bool:
    """Whether the parse cache is used: the switch given, else the environment's default."""
    from rectify.ledger import cache as parse_cache

    return parse_cache.enabled() if cache is None else cache


def _load_file(
    path: Path, as_of: dt.date, use_cache: bool
) -> tuple[Document, Ledger | None, list[Problem]]:
    """One file read for reading only: from the parse cache when it holds it, else parsed."""
    from rectify.ledger import cache as parse_cache

    raw = [read_bytes(path)]
    key = parse_cache.key_for(path, raw[0], as_of) if use_cache else None
    return read_one(path, raw.pop, key, as_of)  # the bytes let go once decoded


def read_one(
    path: Path, raw: bytes | Callable[[], bytes], key: Key | None, as_of: dt.date
) -> tuple[Document, Ledger | None, list[Problem]]:
    """One ledger's bytes (or what hands them over once), for reading only: from the entry
    of ``key`` when it holds them, else parsed, checked and kept under ``key``."""
    from rectify.ledger import cache as parse_cache

    doc = decode(path, raw() if callable(raw) else raw)
    del raw
    if doc.problems:
        key = None
    if key is not None:
        with gc_paused():  # the models of every issue, and no cycle among them
            entry = parse_cache.lookup(key, path)
        if entry is not None:
            doc.values[("ledger", "id")] = Pos(*entry.id_pos)
            return doc, entry.ledger, entry.problems
    ledger, problems, _ = _parse_file(doc, as_of, key)
    return doc, ledger, problems


def _parse_file(
    doc: Document, as_of: dt.date, key: Key | None, derived: Derived[T] | None = None
) -> tuple[Ledger | None, list[Problem], list[T] | None]:
    """Parse and check a decoded file for reading; keep it in the cache when ``key`` is given.

    With ``derived`` and no error, what it works out is returned and its rows kept in the entry.
    """
    from rectify.ledger import cache as parse_cache

    ledger, problems, streamed = _check_file(doc, as_of)
    id_pos = doc.value_pos(("ledger", "id"))
    ok = ledger is not None and not any(p.severity is Severity.ERROR for p in problems)
    spans = (streamed or issue_spans(doc)) if key is not None and ok else None
    # Nobody edits through a read-only load: free the node tree, raw data and places,
    # as a cache hit never had them (a 100,000-issue file would keep gigabytes).
    doc.root = None
    doc.data = None
    doc.keys = {}
    doc.values = {("ledger", "id"): id_pos}
    if ledger is None or not ok:
        return ledger, problems, None
    found = derived.work_out(ledger, as_of) if derived is not None else None
    if key is not None:
        parse_cache.store(
            key,
            ledger,
            problems,
            (id_pos.line, id_pos.column),
            rows=(derived.settings, derived.to_rows(found))
            if derived is not None and found is not None
            else None,
            spans=_spans(spans, ledger),
        )
    return ledger, problems, found


def _check_file(
    doc: Document, as_of: dt.date
) -> tuple[Ledger | None, list[Problem], Spans3 | None]:
    """A decoded file parsed and checked for reading only; the issues' spans when streamed.

    A big file is built and checked a batch of issues at a time, each batch's values let
    go once checked (its node tree would take gigabytes, its values one); anything else,
    or anything unusual in it, is parsed whole.
    """
    stream = stream_issues(doc) if not doc.problems and len(doc.text) >= STREAM_AT else None
    if stream is not None:
        try:
            ledger, problems = check_document(doc, as_of=as_of, stream=stream)
            return ledger, problems, stream.spans
        except Unstreamable:
            pass  # the stream left ``doc`` as it was: parse it whole
    if not doc.problems:
        parse_into(doc)
    ledger, problems = check_document(doc, as_of=as_of)
    return ledger, problems, None


def _spans(found: tuple[int, int, list[tuple[int, int]]] | None, ledger: Ledger) -> Spans | None:
    from rectify.ledger.cache import Spans

    if found is None or len(found[2]) != len(ledger.issues):
        return None
    return Spans(found[0], found[1], found[2], [issue.id for issue in ledger.issues])


def load_valid(
    paths: Iterable[Path], *, as_of: dt.date, cache: bool | None = None
) -> list[LoadedLedger]:
    """The ledgers under ``paths``; raises LedgerProblems when any file has errors."""
    loaded = load(paths, as_of=as_of, cache=cache)
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
    with locked(path):
        loaded = load_one(path, as_of=as_of)
        new = change(loaded.ledger)
        _save(loaded, new)
        return new


def _save(loaded: LoadedLedger, new: Ledger) -> None:
    """Write ``new`` over the file ``loaded`` was read from, rewriting only what changed."""
    from rectify.ledger.edit import apply, verify_written

    text = apply(loaded.doc, loaded.ledger, new)
    if text != loaded.doc.text:
        verify_written(loaded.doc, text, new, loaded.ledger)
        atomic_write(loaded.path, encode(loaded.doc, text))


# --- changing one issue -------------------------------------------------------------------


def change_issue(
    files: Sequence[Path],
    issue_id: str,
    change: Callable[[Ledger, str], Ledger],
    *,
    as_of: dt.date,
    derived: Derived[Any] | None = None,
    cache: bool | None = None,
) -> tuple[Issue, Issue]:
    """Find the issue called ``issue_id`` among ``files``, apply ``change`` to it and save.

    ``change`` gets the ledger and the issue's exact id and changes that issue
    only; returns the issue before and after. Finding it raises NotFound as
    rectify.ops.find_id does, and LedgerProblems when a file in scope has errors.
    The file is changed under its lock, as `transact` does.

    With the parse cache on and an entry for every file's bytes, the issue is
    found from the entries, and only its own lines (with the text around the
    issues list) are parsed, checked and rewritten; the entry is then brought
    up to date for the new bytes, so the next command finds it warm (its rows
    worked out again by ``derived``, for the settings the entry names; without
    it the entry keeps no rows). Otherwise the whole file is read.
    """
    from rectify.ledger.ids import find_issue

    use_cache = cache_on(cache)
    found = _find_cached(files, issue_id) if use_cache else None
    if found is None and len(files) > 1:
        ledgers = [loaded.ledger for loaded in load_valid(files, as_of=as_of, cache=cache)]
        where = find_issue(ledgers, issue_id)
        found = files[where.index], where.issue.id
    path, ident = found if found is not None else (files[0], None)
    with locked(path):
        if ident is not None and use_cache:
            done = _change_in_place(path, ident, change, as_of, derived)
            if done is not None:
                return done
        loaded = load_one(path, as_of=as_of)
        if ident is None:
            ident = find_issue([loaded.ledger], issue_id).issue.id
        new = change(loaded.ledger, ident)
        _save(loaded, new)
        return _issue(loaded.ledger, ident), _issue(new, ident)


def _find_cached(files: Sequence[Path], issue_id: str) -> tuple[Path, str] | None:
    """The file and exact id of the issue, read from cache entries; None unless all have one."""
    from rectify.ledger import cache as parse_cache
    from rectify.ledger.ids import find_id

    index: list[tuple[str, Sequence[str]]] = []
    for path in files:
        entry = parse_cache.lookup_edit(path, read_bytes(path), whole=False)
        if entry is None:
            return None
        index.append((entry.ledger_id, entry.spans.ids))
    try:
        which, position = find_id(index, issue_id)
    except NotFound as exc:
        if exc.key == "ops.ambiguous":
            return None  # which one stands may depend on carried_from: read the files
        raise
    return files[which], index[which][1][position]


def _issue(ledger: Ledger, issue_id: str) -> Issue:
    return next(issue for issue in ledger.issues if issue.id == issue_id)


def _change_in_place(
    path: Path,
    issue_id: str,
    change: Callable[[Ledger, str], Ledger],
    as_of: dt.date,
    derived: Derived[Any] | None,
) -> tuple[Issue, Issue] | None:
    """`change_issue` on the issue's own lines; None (nothing written) when that cannot be done.

    The file is cut into a small ledger: the text before the issues list, the
    issue, and the text after the list. That ledger is parsed, checked,
    changed and written back by rectify.yamledit; the issue's new lines then
    replace its old ones in the whole text. Anything unexpected (a problem in
    the small ledger, a change outside the issue) falls back to the whole file.
    """
    from rectify.ledger import cache as parse_cache
    from rectify.ledger.edit import apply

    raw = read_bytes(path)  # again, under the lock
    entry = parse_cache.lookup_edit(path, raw)
    if entry is None or issue_id not in entry.spans.ids:
        return None
    doc = decode(path, raw)
    spans = entry.spans
    index = spans.ids.index(issue_id)
    start, end = spans.issues[index]
    text = doc.text
    if spans.issues[0][0] != spans.head or not span_fits(
        text, (start, end), spans.head, spans.tail
    ):
        return None  # the spans are not this text's: read the whole file
    head, block, tail = text[: spans.head], text[start:end], text[spans.tail :]
    small = parse_text(path, head + block + tail)
    ledger, problems = check_document(small, as_of=as_of)
    if ledger is None or problems_are_errors(problems) or len(ledger.issues) != 1:
        return None
    if ledger.issues[0].id != issue_id:
        return None  # the spans are not this file's: read the whole file
    new = change(ledger, issue_id)
    written = apply(small, ledger, new)
    if not (written.startswith(head) and written.endswith(tail)):
        return None
    new_block = written[len(head) : len(written) - len(tail)]
    # The cache's date may be another day's than today's: its warnings and facts are of that day.
    cached_on = dt.date.fromisoformat(entry.key.as_of)
    again = parse_text(path, head + new_block + tail)
    checked, warnings = check_document(again, as_of=cached_on)
    if checked is None or problems_are_errors(warnings) or checked != new:
        return None  # the new lines do not read back as the change: write the whole file
    # Lines of the small ledger are lines of the file moved by the issues before this one.
    moved = text.count("\n", spans.head, start)
    lines_after = text.count("\n", 0, end) + 1
    data = encode(doc, text[:start] + new_block + text[end:])
    del raw, text
    doc.text = ""  # a 100,000-issue ledger: keep one copy of it, not four
    atomic_write(path, data)
    key = parse_cache.key_for(path, data, cached_on)
    del data
    if key is not None:
        parse_cache.store_edited(
            entry,
            key,
            index,
            issue=checked.issues[0],
            problems=[p.moved(moved) for p in warnings if p.issue_id == issue_id],
            row=_row(derived, entry.header.get("settings"), checked, cached_on),
            length=len(new_block),
            lines_after=lines_after,
            line_shift=new_block.count("\n") - block.count("\n"),
        )
    return ledger.issues[0], new.issues[0]


def _row(derived: Derived[Any] | None, settings: Any, ledger: Ledger, as_of: dt.date) -> Any:
    """The row of the ledger's one issue for the settings an entry names; None if odd."""
    again = derived.with_settings(settings) if derived is not None else None
    if again is None:
        return None
    try:
        rows = again.to_rows(again.work_out(ledger, as_of))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return rows[0] if len(rows) == 1 else None


def problems_are_errors(problems: Iterable[Problem]) -> bool:
    """Whether any of the problems is an error (not a warning)."""
    return any(p.severity is Severity.ERROR for p in problems)
