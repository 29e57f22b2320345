"""Ledgers as committed: at a revision, what changed since one, one issue's history.

Reads through rectify.io.git (the one module that runs git) and checks what
it reads with the rules of the format; a revision that does not hold valid
ledgers is named in one sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rectify.errors import (
    ExitCode,
    FileError,
    NotFound,
    Problem,
    RectifyError,
    Severity,
)
from rectify.figures.diff import Change, LogEntry, Version, diff_issue, diff_ledgers
from rectify.i18n import Lang, t
from rectify.io.git import (
    Revision,
    _decode,
    _under,
    file_history,
    ledger_names,
    merge_files,
    merge_text,
    read_blobs,
    rel_path,
    renames,
    repo_root_of,
    resolve,
    revision,
)
from rectify.ledger.check import check_document, check_rollup
from rectify.ledger.files import atomic_write, ledger_files, read_bytes
from rectify.ledger.ids import raw_ids
from rectify.ledger.load import LoadedLedger, load_valid
from rectify.ledger.merge import merge
from rectify.ledger.yaml import Document, decode, encode, load_document, parse_text
from rectify.model import Issue, Ledger
from rectify.suggest import closest


class RevisionProblems(RectifyError):
    """Ledgers as committed at a revision fail the checks; names the first problem."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, rev: str, problems: list[Problem]):
        super().__init__("git.rev_problems", rev=rev, count=len(problems))
        self.problems = problems

    def message(self, lang: Lang) -> str:
        first = self.problems[0]
        where = f"{first.path}:{first.line}" if first.line else str(first.path)
        return t(
            "git.rev_problems",
            lang,
            rev=self.params["rev"],
            count=len(self.problems),
            first=f"{where}: {first.message(lang)}",
        )


def committed_documents(
    root: Path, commit: str, names: Sequence[str], *, label: str
) -> list[Document]:
    """The ledgers ``names`` as committed, parsed; each named ``LABEL:path`` in problems."""
    blobs = read_blobs(root, [f"{commit}:{name}" for name in names])
    docs = []
    for name, data in zip(names, blobs, strict=True):
        doc = parse_text(Path(f"{label}:{name}"), _decode(data or b""))
        docs.append(doc)
    return docs


def load_documents_at(
    root: Path, revision_: Revision, paths: Sequence[Path]
) -> tuple[list[tuple[str, Document]], dict[str, str]]:
    """The ledgers under ``paths`` as committed at the revision (name, document), and renames.

    A ledger renamed or moved into ``paths`` since the revision is read under its
    old name, so that it is followed rather than reported as added.
    """
    rels = [rel_path(root, p) for p in paths]
    moved = renames(root, revision_.commit)
    olds = [old for old, new in moved.items() if _under(new, rels) and not _under(old, rels)]
    names = ledger_names(root, revision_.commit, rels)
    names += [n for n in ledger_names(root, revision_.commit, olds) if n not in names]
    docs = committed_documents(root, revision_.commit, names, label=revision_.short)
    return list(zip(names, docs, strict=True)), moved


def load_at(
    rev: str, paths: Sequence[Path], as_of: dt.date, *, cwd: Path | None = None
) -> list[LoadedLedger]:
    """Every ledger under ``paths`` as committed at ``rev``, checked; nothing is checked out.

    The figures of ``status --at`` and ``report --at`` come from these. Problems
    name files as ``a1b2c3d:path``; any error raises RevisionProblems (exit 1).
    """
    root = repo_root_of(paths, cwd)
    found = resolve(root, rev)
    named, _ = load_documents_at(root, found, paths or [cwd or Path.cwd()])
    if not named:
        raise FileError("git.no_ledgers_at", rev=rev, where=", ".join(str(p) for p in paths))
    return check_committed([doc for _, doc in named], rev, as_of)


def check_committed(docs: Sequence[Document], rev: str, as_of: dt.date) -> list[LoadedLedger]:
    """Check ledgers read from a commit; RevisionProblems when any has an error."""
    loaded: list[LoadedLedger] = []
    errors: list[Problem] = []
    for doc in docs:
        ledger, problems = check_document(doc, as_of=as_of)
        errors += [p for p in problems if p.severity is Severity.ERROR]
        if ledger is not None:
            loaded.append(LoadedLedger(doc, ledger))
    errors += check_rollup([(item.doc, item.ledger.ledger.id) for item in loaded])
    if errors:
        raise RevisionProblems(rev, sorted(errors, key=Problem.sort_key))
    return loaded


# --- what changed: rectify diff, rectify log ---------------------------------------------------


@dataclass
class DiffResult:
    """The changes from a revision to the working tree, and which revision that was."""

    revision: Revision
    changes: list[Change]


def diff_since(
    rev: str | None,
    paths: Sequence[Path],
    *,
    as_of: dt.date,
    today: dt.date,
    cwd: Path | None = None,
) -> DiffResult:
    """What changed in the ledgers under ``paths`` between ``rev`` and the working tree.

    ``rev`` None means the last commit before ``today``'s month began. The
    working tree's ledgers are checked as every command checks them (raising
    LedgerProblems); the committed ones raise RevisionProblems.
    """
    root = repo_root_of(paths, cwd)
    found = revision(root, rev, today)
    named, moved = load_documents_at(root, found, paths)
    name_of = {id(doc): name for name, doc in named}
    before = [
        Version(name_of[id(item.doc)], item.ledger)
        for item in check_committed([doc for _, doc in named], found.rev, as_of)
    ]
    existing = [p for p in paths if p.exists()]
    if not existing and not named:
        raise FileError("error.no_such_path", path=paths[0])
    after = [
        Version(rel_path(root, item.path), item.ledger)
        for item in (load_valid(existing, as_of=as_of) if existing else [])
    ]
    return DiffResult(found, diff_ledgers(before, after, renames=moved))


def issue_log(
    root: Path, rel: str, issue_id: str, *, as_of: dt.date, ledger_id: str | None = None
) -> list[LogEntry]:
    """The history of one issue in one ledger file, oldest first, following renames.

    Each commit is compared with its parent, so that work on two branches is
    credited to the commit that did it; a merge is listed only when it changed
    the issue itself (to resolve a conflict, or to renumber it).
    """
    history = list(reversed(file_history(root, rel)))

    def spec(commit: str, name: str | None) -> str:
        return f"{commit}:{name}" if name else ""

    specs = [spec(c.commit, c.path) for c in history]
    specs += [spec(p, n) for c in history for p, n in zip(c.parents, c.parent_paths, strict=True)]
    wanted = sorted({s for s in specs if s})
    blobs: dict[str, bytes | None] = dict(zip(wanted, read_blobs(root, wanted), strict=True))
    blobs[""] = None
    reader = _IssueReader(issue_id, ledger_id, as_of)
    entries: list[LogEntry] = []
    last: Issue | None = None
    for commit in history:
        data = blobs[spec(commit.commit, commit.path)]
        now = reader.read(data)
        if isinstance(now, _Invalid):
            if reader.mentioned(data):
                entries.append(LogEntry(commit, [], invalid=True))
            continue
        befores = []
        for parent, name in zip(commit.parents, commit.parent_paths, strict=True):
            was = reader.read(blobs[spec(parent, name)])
            befores.append(last if isinstance(was, _Invalid) else was)
        changes = _changes(reader, befores, now)
        if changes:
            entries.append(LogEntry(commit, changes))
        last = now
    disk = root / rel
    if disk.is_file():
        text = disk.read_bytes()
        (head,) = read_blobs(root, [f"HEAD:{rel}"]) if history else (None,)
        if text != head:
            was = reader.read(head)
            now = reader.read(text)
            if isinstance(now, _Invalid):
                if reader.mentioned(text):
                    entries.append(LogEntry(None, [], invalid=True))
            else:
                changes = _changes(reader, [last if isinstance(was, _Invalid) else was], now)
                if changes:
                    entries.append(LogEntry(None, changes))
    return entries


def _changes(reader: _IssueReader, befores: list[Issue | None], now: Issue | None) -> list[Change]:
    """How the issue changed in a commit: against its parent; in a merge, against every parent.

    A merge is credited only with what neither side had: a conflict resolved
    to a third value, or a new issue renumbered; what it brought in from a
    side was done, and is listed, in that side's commit.
    """
    ledger_id, ledger = reader.ledger_of_last, reader.ledger
    first = diff_issue(ledger_id, befores[0] if befores else None, now, ledger)
    for other in befores[1:]:
        seen = {_outcome(c) for c in diff_issue(ledger_id, other, now, ledger)}
        first = [c for c in first if _outcome(c) in seen]
    return first


def _outcome(change: Change) -> tuple[object, ...]:
    """What a change leads to, whatever it started from."""
    return (change.kind, change.field, change.after, change.date, change.note, change.completion)


class _Invalid:
    """A version of the ledger that does not pass the checks."""


_INVALID = _Invalid()


class _IssueReader:
    """Reads one issue out of versions of a ledger file, checking each version once."""

    def __init__(self, issue_id: str, ledger_id: str | None, as_of: dt.date):
        self.issue_id = issue_id
        self.ledger_id = ledger_id
        self.as_of = as_of
        self.cache: dict[bytes, Issue | _Invalid | None] = {}
        self.ledger: Ledger | None = None
        self.ledger_of_last = ledger_id or ""

    def read(self, data: bytes | None) -> Issue | _Invalid | None:
        if data is None:
            return None
        if data not in self.cache:
            doc = parse_text(Path("<version>"), _decode(data))
            ledger, problems = check_document(doc, as_of=self.as_of)
            if ledger is None or any(p.severity is Severity.ERROR for p in problems):
                self.cache[data] = _INVALID
            elif self.ledger_id is not None and ledger.ledger.id != self.ledger_id:
                self.cache[data] = None
            else:
                self.ledger = ledger
                self.ledger_of_last = ledger.ledger.id
                found = next((i for i in ledger.issues if i.id == self.issue_id), None)
                self.cache[data] = found
        return self.cache[data]

    def mentioned(self, data: bytes | None) -> bool:
        """Whether a version that fails the checks still lists the issue."""
        if data is None:
            return False
        found = raw_ids(parse_text(Path("<version>"), _decode(data)))
        return found is not None and self.issue_id in found[0]


@dataclass(frozen=True, slots=True)
class IssueHistory:
    """The history of one issue: its id, its latest title, and the commits that changed it."""

    issue: str
    title: str
    entries: list[LogEntry]


def issue_history(wanted: str, paths: Sequence[Path], *, as_of: dt.date) -> IssueHistory:
    """The history of the issue ``wanted`` (``ID`` or ``LEDGER/ID``) in the ledgers under ``paths``.

    The issue is looked for in the ledgers as they are; one deleted since is
    looked for in their history. Raises NotFound when there is no such issue
    (naming the closest id) or when several ledgers have it; of last year's
    issue and the one that continues it (``carried_from``), this year's is
    meant. The history follows ``carried_from`` back: last year's entries come
    first, each marked with the issue it is of.
    """
    ledger_id, _, issue_id = wanted.rpartition("/")
    root = repo_root_of(paths)
    files = ledger_files(list(paths))
    here = find_issue_files(files, issue_id, ledger_id or None)
    if len(here) > 1:
        carried = {origin for path in files for origin in _carried_from(path).values()}
        current = [path for path in here if f"{_ledger_id_of(path)}/{issue_id}" not in carried]
        here = current if len(current) == 1 else here
    if len(here) > 1:
        raise _ambiguous(issue_id, here)
    found: list[tuple[Path, list[LogEntry]]] = []
    for path in here or files:
        rel = rel_path(root, path)
        # A carried issue's file may look to git like a copy of last year's: its own ledger only.
        own = _ledger_id_of(path) if issue_id in _carried_from(path) else None
        entries = issue_log(root, rel, issue_id, as_of=as_of, ledger_id=ledger_id or own)
        if entries:
            found.append((path, entries))
    if not found and not here:
        raise _not_found(issue_id, files)
    if len(found) > 1:
        raise _ambiguous(issue_id, [path for path, _ in found])
    entries = found[0][1] if found else []
    title = next((c.title for e in reversed(entries) for c in e.changes), "")
    if found:
        entries = _earlier_links(root, files, found[0][0], issue_id, as_of) + entries
    return IssueHistory(issue_id, title, entries)


def _carried_from(path: Path) -> dict[str, str]:
    """Each issue id of a ledger file on disk with the ``carried_from`` it names."""
    data = load_document(path).data
    issues = data.get("issues") if isinstance(data, dict) else None
    return {
        str(issue["id"]): str(issue["carried_from"])
        for issue in issues or []
        if isinstance(issue, dict) and issue.get("id") and issue.get("carried_from")
    }


def _earlier_links(
    root: Path, files: Sequence[Path], path: Path, issue_id: str, as_of: dt.date
) -> list[LogEntry]:
    """The history of the issues this one continues, oldest first, each entry marked so."""
    by_ledger = {_ledger_id_of(candidate): candidate for candidate in files}
    earlier: list[LogEntry] = []
    seen = {f"{_ledger_id_of(path)}/{issue_id}"}
    origin = _carried_from(path).get(issue_id)
    while origin and origin not in seen and "/" in origin:
        seen.add(origin)
        ledger_id, _, old_id = origin.partition("/")
        old_path = by_ledger.get(ledger_id)
        if old_path is None:
            break  # last year's ledger is not in scope
        rel = rel_path(root, old_path)
        entries = issue_log(root, rel, old_id, as_of=as_of, ledger_id=ledger_id)
        earlier = [replace(entry, carried_from=origin) for entry in entries] + earlier
        origin = _carried_from(old_path).get(old_id)
    return earlier


def _ledger_id_of(path: Path) -> str:
    data = load_document(path).data
    meta = data.get("ledger") if isinstance(data, dict) else None
    return str(meta.get("id")) if isinstance(meta, dict) else str(path)


def _ambiguous(issue_id: str, paths: list[Path]) -> NotFound:
    ledgers = [_ledger_id_of(path) for path in paths]
    return NotFound(
        "log.ambiguous", id=issue_id, ledgers=", ".join(ledgers), example=f"{ledgers[0]}/{issue_id}"
    )


def _not_found(issue_id: str, files: list[Path]) -> NotFound:
    ids: list[str] = []
    for path in files:
        found = raw_ids(load_document(path))
        ids += found[0] if found else []
    suggestion = closest(issue_id, ids)
    if suggestion:
        return NotFound("log.not_found.suggest", id=issue_id, suggestion=suggestion)
    return NotFound("log.not_found", id=issue_id)


def find_issue_files(files: Sequence[Path], issue_id: str, ledger_id: str | None) -> list[Path]:
    """The ledger files on disk that list ``issue_id`` (in ledger ``ledger_id`` when given)."""
    found = []
    for path in files:
        doc = load_document(path)
        ids = raw_ids(doc)
        if ids is None or issue_id not in ids[0]:
            continue
        meta = doc.data.get("ledger") if isinstance(doc.data, dict) else None
        if ledger_id is not None and (not isinstance(meta, dict) or meta.get("id") != ledger_id):
            continue
        found.append(path)
    return found


@dataclass
class FileMerge:
    """How a ledger file was merged by the merge driver."""

    issue_level: bool  # False: merged line by line, as git does without the driver
    conflicts: int
    renumbered: list[tuple[str, str]]  # (their id, its new id)
    problems: list[Problem]  # errors of the result that neither side had
    fields: list[tuple[str, str]] = field(default_factory=list)  # (issue, field) in conflict
    broken: list[tuple[str, Problem]] = field(default_factory=list)  # issues merged invalid


def merge_ledger_files(
    base: Path, ours: Path, theirs: Path, *, name: str, as_of: dt.date
) -> FileMerge:
    """git's merge driver: merge three versions of a file into ``ours``, issue by issue.

    A file that is not a ledger list (or not UTF-8) is merged line by line,
    exactly as git would; so is any ledger the issue-level merge cannot handle.
    """
    labels = (f"ours:{name}", f"base:{name}", f"theirs:{name}")
    docs = [decode(path, read_bytes(path)) for path in (base, ours, theirs)]
    merged = None
    if not any(doc.problems for doc in docs):
        try:
            merged = merge(
                docs[0].text,
                docs[1].text,
                docs[2].text,
                lambda o, b, th: merge_text(o, b, th, labels=labels),
                labels=(labels[0], labels[2]),
                as_of=as_of,
            )
        except RectifyError:
            raise
        except Exception:
            merged = None
    if merged is None:
        return FileMerge(False, merge_files(ours, base, theirs, labels=labels), [], [])
    atomic_write(ours, encode(docs[1], merged.text))
    problems: list[Problem] = []
    if not merged.conflicts:

        def errors(text: str) -> list[Problem]:
            _, found = check_document(parse_text(Path(name), text), as_of=as_of)
            return [p for p in found if p.severity is Severity.ERROR]

        problems = errors(merged.text)
        if problems and (errors(docs[1].text) or errors(docs[2].text)):
            problems = []  # not the merge's doing: a side was broken already
    return FileMerge(
        True, merged.conflicts, merged.renumbered, problems, merged.fields, merged.broken
    )
