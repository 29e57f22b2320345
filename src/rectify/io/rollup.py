"""A roll-up's sources read at their revisions, nothing checked out (docs/rollup.md).

Each source of a manifest (rectify.io.manifest) is found (a fetched mirror, a
local repository, or a folder on disk), its revision resolved and its ledger
files listed with their blob ids; then its ledgers are read and checked, each
through the parse cache keyed by blob id (ledger.cache.blob_key): a warm
roll-up reads no blob. A cold roll-up of many sources parses them in
parallel processes. A source that cannot be read is a Gap, never an
exception: the others still count.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rectify.errors import ExitCode, FileError, Problem, Severity
from rectify.io.git import (
    TreeFile,
    _under,
    commit_of,
    mirror_of,
    read_blobs,
    rel_path,
    repo_root,
    tree_files,
)
from rectify.io.manifest import Manifest, Source, matches
from rectify.ledger.yaml import Document
from rectify.model import Ledger

T = TypeVar("T")

#: A cold roll-up is parsed by processes only when it is this big (bytes to parse, sources).
PARALLEL_BYTES = 4_000_000
PARALLEL_SOURCES = 4
#: How many hex digits of a source's commit its files' names and the report show.
SHORT = 7


@dataclass(frozen=True)
class Gap:
    """Why a source is missing from the figures: a catalogue key and its values."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    exit_code: ExitCode = ExitCode.PROBLEMS


@dataclass(frozen=True)
class SourceAt:
    """A source found: its repository and commit (None: files on disk) and its ledger files."""

    source: Source
    repo: Path | None
    commit: str | None
    short: str | None
    files: tuple[TreeFile, ...] = ()
    paths: tuple[Path, ...] = ()  # the files on disk of a source read where it is

    def label(self, name: str) -> Path:
        """How problems and the report name a file of the source: ``city@a1b2c3d:ledger.yaml``."""
        return Path(f"{self.source.name}@{self.short}:{name}")


@dataclass
class SourceState:
    """A source of the roll-up as this run read it: its commit, or why it is missing."""

    source: Source
    at: SourceAt | None = None
    gap: Gap | None = None

    @property
    def short(self) -> str | None:
        return self.at.short if self.at is not None else None


def cache_folder(manifest: Manifest) -> Path:
    """Where fetched sources are kept: the manifest's ``cache``, else ``.git/rectify-sources``
    of the repository the manifest lies in, else ``.rectify-sources`` beside it."""
    from rectify.io.git import git_dir

    if manifest.cache is not None:
        return manifest.cache
    folder = manifest.path.resolve().parent
    found = git_dir(folder)
    return found / "rectify-sources" if found is not None else folder / ".rectify-sources"


def locate(manifest: Manifest, cache: Path, source: Source) -> SourceAt | Gap:
    """The source's repository, commit and ledger files; a Gap when it cannot be read."""
    if source.path is not None and source.revision is None:
        return _on_disk(source)
    try:
        if source.url is not None:
            repo = manifest.clone_of(cache, source)
            if mirror_of(repo) != source.url:  # never fetched, or from another url
                failed = last_failure(repo, source.url)
                if failed is not None:
                    return failed
                return Gap("rollup.gap.not_synced", {"manifest": manifest.path}, ExitCode.IO)
            prefix = "."
        else:
            assert source.path is not None
            if not source.path.exists():
                return Gap("rollup.gap.no_path", {"path": source.path}, ExitCode.IO)
            repo = repo_root(source.path)
            prefix = rel_path(repo, source.path)
        commit = commit_of(repo, source.rev)
        if commit is None:
            return Gap("rollup.gap.no_revision", {"rev": source.rev})
        files = [
            file
            for file in tree_files(repo, commit)
            if _under(file.name, [prefix]) and matches(_below(file.name, prefix), source.globs)
        ]
    except FileError as exc:
        return Gap("rollup.gap.unreadable", {"detail": exc}, ExitCode.IO)
    if not files:
        return Gap("rollup.gap.no_ledgers", {"globs": ", ".join(source.globs), "rev": source.rev})
    return SourceAt(source, repo, commit, commit[:SHORT], tuple(files))


# --- a sync that failed -------------------------------------------------------------------


def _failure_note(repo: Path) -> Path:
    """Beside a source's mirror: why its last `rectify sync` could not fetch it."""
    return repo.with_name(f"{repo.name}.sync-failed.json")


def note_failure(repo: Path, url: str, error: FileError, day: dt.date) -> None:
    """Keep why fetching ``url`` into ``repo`` failed on ``day``, for the runs that then
    find no mirror to read: they say why instead of "not fetched yet"."""
    import json

    note = {
        "url": url,
        "date": day.isoformat(),
        "key": error.key,
        "path": None if error.path is None else str(error.path),
        "params": {name: str(value) for name, value in error.params.items()},
    }
    with suppress(OSError):
        repo.parent.mkdir(parents=True, exist_ok=True)
        _failure_note(repo).write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")


def clear_failure(repo: Path) -> None:
    """The source was fetched: its last failure is no longer news."""
    with suppress(OSError):
        _failure_note(repo).unlink()


def last_failure(repo: Path, url: str) -> Gap | None:
    """The Gap of the last sync that failed to fetch ``url`` into ``repo``; None when none did."""
    import json

    try:
        note = json.loads(_failure_note(repo).read_text(encoding="utf-8"))
        if note["url"] != url:
            return None
        params: dict[str, Any] = {str(k): str(v) for k, v in note["params"].items()}
        path = None if note["path"] is None else Path(note["path"])
        error = FileError(str(note["key"]), path=path, **params)
        day = dt.date.fromisoformat(note["date"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Gap("rollup.gap.sync_failed", {"date": day, "detail": error}, ExitCode.IO)


def _below(name: str, prefix: str) -> str:
    return name if prefix == "." else name[len(prefix.rstrip("/")) + 1 :]


def _on_disk(source: Source) -> SourceAt | Gap:
    from rectify.ledger.files import ledger_files

    assert source.path is not None
    try:
        found = ledger_files([source.path])
    except FileError:
        return Gap("rollup.gap.no_path", {"path": source.path}, ExitCode.IO)
    base = source.path if source.path.is_dir() else source.path.parent
    chosen = [p for p in found if matches(p.relative_to(base).as_posix(), source.globs)]
    if not chosen:
        return Gap("rollup.gap.no_ledgers", {"globs": ", ".join(source.globs), "rev": "-"})
    return SourceAt(source, None, None, None, paths=tuple(chosen))


# --- reading a source's ledgers -------------------------------------------------------------


@dataclass
class Read:
    """One ledger of a source as read: its document, ledger (or id only), rows and problems."""

    doc: Document
    ledger_id: str | None
    ledger: Ledger | None = None
    rows: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def _keys(at: SourceAt, as_of: dt.date, use_cache: bool) -> list[Any]:
    from rectify.ledger import cache as parse_cache

    if not use_cache:
        return [None] * max(len(at.files), len(at.paths))
    assert at.repo is not None
    where = str(at.repo.resolve())
    return [parse_cache.blob_key(f"{where}:{f.name}", f.blob, f.size, as_of) for f in at.files]


class _Blobs:
    """A source's blobs, read by one git process the first time one is wanted."""

    def __init__(self, at: SourceAt):
        self.at = at
        self.data: list[bytes | None] | None = None

    def get(self, index: int) -> bytes:
        if self.data is None:
            assert self.at.repo is not None
            self.data = read_blobs(self.at.repo, [f.blob for f in self.at.files])
        return self.data[index] or b""


def read_source(
    at: SourceAt, as_of: dt.date, use_cache: bool, derived: Any | None = None
) -> list[Read]:
    """Every ledger of a found source, checked: whole ledgers, or ``derived``'s rows only."""
    from rectify.ledger import cache as parse_cache
    from rectify.ledger.files import read_bytes
    from rectify.ledger.load import derive_one, read_one

    found: list[Read] = []
    if at.repo is None:  # files on disk, keyed as every command keys them
        for path in at.paths:
            raw = read_bytes(path)
            key = parse_cache.key_for(path, raw, as_of) if use_cache else None
            if derived is not None:
                doc, ledger_id, rows, problems = derive_one(path, key, raw, derived, as_of)
                found.append(Read(doc, ledger_id, None, rows, problems))
            else:
                doc, ledger, problems = read_one(path, raw, key, as_of)
                found.append(_read(doc, ledger, problems))
        return found
    blobs = _Blobs(at)
    for index, (file, key) in enumerate(zip(at.files, _keys(at, as_of, use_cache), strict=True)):
        label = at.label(file.name)
        if derived is not None:

            def blob(index: int = index) -> bytes:
                return blobs.get(index)

            doc, ledger_id, rows, problems = derive_one(label, key, blob, derived, as_of)
            found.append(Read(doc, ledger_id, None, rows, problems))
        else:
            doc, ledger, problems = read_one(label, blobs.get(index), key, as_of)
            found.append(_read(doc, ledger, problems))
    return found


def _read(doc: Document, ledger: Ledger | None, problems: list[Problem]) -> Read:
    return Read(doc, ledger.ledger.id if ledger else None, ledger, [], problems)


def _cold(at: SourceAt, as_of: dt.date, use_cache: bool) -> int:
    """The bytes of the source's files without a cache entry: what reading it will parse."""
    from rectify.ledger import cache as parse_cache

    if at.repo is None:
        return 0  # read where it is: the ordinary cache, in this process
    keys = _keys(at, as_of, use_cache)
    return sum(
        file.size
        for file, key in zip(at.files, keys, strict=True)
        if key is None or not parse_cache.entry_path(key).is_file()
    )


def read_sources(
    found: Sequence[SourceAt], as_of: dt.date, use_cache: bool, derived: Any | None = None
) -> list[list[Read]]:
    """:func:`read_source` of every source, in order; the cold ones of a big roll-up are
    parsed by a pool of processes (one source each), the warm ones here."""
    cold = [_cold(at, as_of, use_cache) for at in found]
    workers = min(os.cpu_count() or 1, sum(1 for size in cold if size), 8)
    pooled = (
        workers > 1
        and sum(cold) >= PARALLEL_BYTES
        and sum(1 for size in cold if size) >= PARALLEL_SOURCES
    )
    if not pooled:
        return [read_source(at, as_of, use_cache, derived) for at in found]
    results: list[list[Read] | None] = [None] * len(found)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            index: pool.submit(_read_in_worker, at, as_of, use_cache, derived)
            for index, at in enumerate(found)
            if cold[index]
        }
        for index, at in enumerate(found):
            if not cold[index]:
                results[index] = read_source(at, as_of, use_cache, derived)
        for index, future in futures.items():
            results[index] = future.result()
    return [result or [] for result in results]


def _read_in_worker(
    at: SourceAt, as_of: dt.date, use_cache: bool, derived: Any | None
) -> list[Read]:
    """read_source in a worker process: the texts are not sent back when only rows are."""
    reads = read_source(at, as_of, use_cache, derived)
    if derived is not None:
        for item in reads:
            item.doc.text = ""
    return reads


def worst(states: Sequence[SourceState]) -> ExitCode:
    """The exit status of a roll-up with gaps: 3 when a source could not be reached."""
    codes = [s.gap.exit_code for s in states if s.gap is not None]
    return ExitCode.IO if ExitCode.IO in codes else ExitCode.PROBLEMS
