"""A province's view: ledgers rolled up across repositories named by a manifest (rollup.yaml).

`sync` fetches every git source with plain git; the figures commands read each
source at its revision (nothing checked out), each problem handed down counted
once (figures.state.drop_superseded, across sources as within a folder). A
source that cannot be read is left out and named: the Project keeps every
source's state (`Project.read`), and the command line says which are missing
and exits non-zero (SourcesBroken).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectify.api.project import PathsGiven, Project
from rectify.errors import ExitCode, Problem, RectifyError, UsageError
from rectify.i18n import Lang, t
from rectify.io.manifest import Manifest, Source
from rectify.io.rollup import Gap, Read, SourceAt, SourceState

if TYPE_CHECKING:
    from rectify.figures.facts import Fact
    from rectify.ledger.load import Loaded, LoadedLedger

#: How many sources are fetched, or looked up, at once.
THREADS = 8


class SourcesBroken(RectifyError):
    """Some sources of a roll-up are missing or broken: the figures shown leave them out."""

    def __init__(self, states: Sequence[SourceState]):
        from rectify.io.rollup import worst

        named = {s.source.name: s for s in reversed(states) if s.gap is not None}
        self.states = list(reversed(named.values()))  # a source read twice is named once
        super().__init__("rollup.broken", count=len(self.states))
        self.exit_code = worst(self.states)

    def message(self, lang: Lang) -> str:
        head = t("rollup.broken", lang, count=len(self.states))
        return "\n  ".join([head, *_lines(self.states, lang)])


def _lines(states: Sequence[SourceState], lang: Lang) -> list[str]:
    """One sentence per source missing or broken, each named once, saying why."""
    from rectify.output.rollup import source_line

    named = {s.source.name: s for s in reversed(states) if s.gap is not None}
    return [
        source_line(s.source.name, s.source.where, s.gap.key, s.gap.params, lang)
        for s in reversed(named.values())
        if s.gap is not None
    ]


def missing_lines(project: Project, lang: Lang) -> list[str]:
    """The sources this run could not read, one sentence each (for a report's own text)."""
    return _lines(project.read, lang)


def the_manifest(given: PathsGiven) -> Manifest:
    """The manifest the paths name (default: ./rollup.yaml); a UsageError when there is none."""
    from rectify.io.manifest import manifest_in

    found = manifest_in(given or [Path.cwd()])
    if found is None:
        where = Path(given[0]) if given else Path.cwd()
        raise UsageError("rollup.no_manifest", path=where)
    return found


def open_sources(manifest: Manifest) -> list[SourceState]:
    """Every source found at its revision (a few git processes each, several at once)."""
    from rectify.io.rollup import cache_folder, locate

    cache = cache_folder(manifest)

    def one(source: Source) -> SourceState:
        found = locate(manifest, cache, source)
        return (
            SourceState(source, at=found)
            if isinstance(found, SourceAt)
            else SourceState(source, gap=found)
        )

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(one, manifest.sources))


def _read(
    project: Project, manifest: Manifest, as_of: dt.date, derived: Any | None
) -> list[tuple[SourceState, list[Read]]]:
    """Every readable source's ledgers, the broken ones marked (and kept in Project.read)."""
    from rectify.io.rollup import read_sources

    states = open_sources(manifest)
    ready = [s for s in states if s.at is not None]
    reads = read_sources([s.at for s in ready if s.at], as_of, project.caching, derived)
    pairs = list(zip(ready, reads, strict=True))
    for state, found in pairs:
        errors = [p for item in found for p in item.errors]
        if errors:
            first = sorted(errors, key=Problem.sort_key)[0]
            state.gap = Gap("rollup.gap.invalid", {"count": len(errors), "first": first})
    _duplicates([(s, r) for s, r in pairs if s.gap is None])
    project.read.extend(states)
    return [(s, r) for s, r in pairs if s.gap is None]


def _duplicates(pairs: Sequence[tuple[SourceState, list[Read]]]) -> None:
    """A source holding a ledger id an earlier source holds is left out (R302 across sources)."""
    first: dict[str, str] = {}
    for state, found in pairs:
        for item in found:
            other = first.get(item.ledger_id or "")
            if other is not None and other != state.source.name:
                params = {"id": item.ledger_id, "other": other}
                state.gap = Gap("rollup.gap.same_ledger", params)
        if state.gap is None:
            first.update({item.ledger_id or "": state.source.name for item in found})


def load_rollup(project: Project, manifest: Manifest, as_of: dt.date) -> list[LoadedLedger]:
    """The checked ledgers of every source that can be read, as Project.load gives them."""
    from rectify.ledger.load import LoadedLedger

    pairs = _read(project, manifest, as_of, None)
    return [LoadedLedger(r.doc, r.ledger) for _, found in pairs for r in found if r.ledger]


def rollup_facts(project: Project, manifest: Manifest, as_of: dt.date, derived: Any) -> list[Fact]:
    """The status facts of every source that can be read: from cache entries when warm."""
    pairs = _read(project, manifest, as_of, derived)
    return [fact for _, found in pairs for r in found for fact in r.rows]


def check_rollup(project: Project, manifest: Manifest, as_of: dt.date) -> Loaded:
    """`check` on a manifest: every source's problems, a ledger id two sources hold (R302)
    and a link that points at nothing in the roll-up (R404); sources that cannot be read
    are kept in Project.read (a missing source is no problem of a file)."""
    from rectify.io.rollup import read_sources
    from rectify.ledger.check import check_links
    from rectify.ledger.check import check_rollup as unique_ids
    from rectify.ledger.load import Loaded, LoadedLedger

    states = open_sources(manifest)
    ready = [s for s in states if s.at is not None]
    reads = read_sources([s.at for s in ready if s.at], as_of, project.caching)
    loaded = Loaded()
    for found in reads:
        for item in found:
            loaded.files.append(item.doc.path)
            loaded.documents.append(item.doc)
            loaded.problems += item.problems
            if item.ledger is not None:
                loaded.ledgers.append(LoadedLedger(item.doc, item.ledger))
    loaded.problems += unique_ids([(i.doc, i.ledger.ledger.id) for i in loaded.ledgers])
    books = [(i.doc, i.ledger) for i in loaded.ledgers]
    loaded.problems += check_links(books, whole=True)
    project.read.extend(states)
    return loaded


# --- sync -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Synced:
    """What `sync` did for one source: fetched (new commits), current, on disk, or failed."""

    source: Source
    state: str  # "fetched", "current", "local", "failed"
    commit: str | None = None
    gap: Gap | None = None


def sync(
    project: Project,
    given: PathsGiven = None,
    *,
    on_done: Callable[[Synced], None] | None = None,
) -> list[Synced]:
    """Fetch every git source of the manifest into its cache folder, several at once.

    Each source's revision is then resolved; a source that cannot be fetched
    (or whose revision does not exist) is a "failed" Synced and is kept in
    Project.read, the others are fetched all the same.
    """
    from rectify.io.rollup import cache_folder

    manifest = the_manifest(given)
    cache = cache_folder(manifest)

    def one(source: Source) -> Synced:
        done = _sync_one(manifest, cache, source, project.today)
        if on_done is not None:
            on_done(done)
        return done

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(one, manifest.sources))
    project.read.extend(SourceState(r.source, gap=r.gap) for r in results if r.gap is not None)
    return results


def _sync_one(manifest: Manifest, cache: Path, source: Source, today: dt.date) -> Synced:
    from rectify.errors import FileError
    from rectify.io.git import fetch_mirror
    from rectify.io.rollup import clear_failure, locate, note_failure

    changed = False
    if source.url is not None:
        repo = manifest.clone_of(cache, source)
        try:
            changed = fetch_mirror(source.url, repo)
        except FileError as exc:
            note_failure(repo, source.url, exc, today)
            gap = Gap("rollup.gap.unreachable", {"detail": exc}, ExitCode.IO)
            return Synced(source, "failed", gap=gap)
        clear_failure(repo)
    found = locate(manifest, cache, source)
    if isinstance(found, Gap):
        return Synced(source, "failed", gap=found)
    kind = "local" if source.url is None else "fetched" if changed else "current"
    return Synced(source, kind, found.short)


def sources_of(project: Project) -> list[tuple[str, str]]:
    """Each source read in this run and its commit (short id; "-" for files on disk)."""
    found = {s.source.name: s.short or "-" for s in project.read if s.gap is None}
    return list(found.items())


def raise_gaps(project: Project) -> None:
    """SourcesBroken when a source this run read is missing or broken (after the output)."""
    if any(state.gap is not None for state in project.read):
        raise SourcesBroken(project.read)
