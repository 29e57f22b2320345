"""Everything rectify asks of git: the one module that runs the `git` command.

git runs as a child process with a list of arguments (never through a
shell); its output is decoded as UTF-8 and file names are read NUL-separated,
so Chinese names come through unquoted. Failures become one sentence: git
missing or not a repository is a FileError (exit 3), a revision that does not
exist is a UsageError (exit 2).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from rectify.check import check_document, check_rollup, closest
from rectify.errors import (
    ExitCode,
    FileError,
    NotFound,
    Problem,
    RectifyError,
    Severity,
    UsageError,
)
from rectify.fixids import raw_ids
from rectify.i18n import Lang, t
from rectify.ledgerdiff import Change, Version, diff_issue, diff_ledgers
from rectify.loader import LoadedLedger, load_valid
from rectify.merge import merge
from rectify.model import Issue, Ledger
from rectify.store import (
    LEDGER_SUFFIXES,
    Document,
    atomic_write,
    decode,
    encode,
    ledger_files,
    load_document,
    parse_text,
    read_bytes,
)


@dataclass(frozen=True, slots=True)
class Revision:
    """A commit the user named (or the default one), as shown in output."""

    rev: str  # as given: "HEAD~1", "v2024-10"; the commit id for the default
    commit: str
    short: str
    date: str  # the committer's date and time, "2024-10-31 18:20"
    subject: str

    @property
    def day(self) -> dt.date:
        """The day of the commit: the natural ``as_of`` for figures ``--at`` it."""
        return dt.date.fromisoformat(self.date[:10])

    def label(self, lang: Lang) -> str:
        """``2024-10-31 18:20 的版本（a1b2c3d，十月进展）``: where a comparison starts."""
        return t("git.revision", lang, short=self.short, date=self.date, subject=self.subject)


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit in the history of a file, with the file's name there and in its parents."""

    commit: str
    short: str
    parents: tuple[str, ...]
    author: str
    date: str  # the author's date and time in the author's own zone, "2024-10-31 18:20"
    subject: str
    path: str | None  # the file's name (from the repository root) here; None: deleted here
    parent_paths: tuple[str | None, ...]  # its name in each parent; None: not there


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


# --- running git ----------------------------------------------------------------------------


def _environ() -> dict[str, str]:
    env = dict(os.environ)
    # Messages in English so that "not a git repository" can be recognised; names
    # taken literally, so that a ledger called "[2024].yaml" is not a pattern.
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_LITERAL_PATHSPECS="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
    )
    return env


def run_git(
    args: Sequence[str], *, cwd: Path, stdin: bytes | None = None, ok: Iterable[int] = (0,)
) -> tuple[int, bytes, str]:
    """Run ``git ARGS`` in ``cwd``: the exit status, stdout as bytes and stderr as text.

    Raises FileError when git cannot be started, or fails with a status not in ``ok``.
    """
    command = ["git", "-c", "core.quotepath=false", *args]
    try:
        done = subprocess.run(
            command, cwd=cwd, input=stdin, capture_output=True, env=_environ(), check=False
        )
    except FileNotFoundError:
        raise FileError("git.missing") from None
    except OSError as exc:
        raise FileError("git.cannot_run", reason=exc.strerror or str(exc)) from None
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode not in ok:
        if "dubious ownership" in stderr:
            raise FileError("git.dubious", path=cwd)
        if "not a git repository" in stderr:
            raise FileError("git.not_repo", path=cwd)
        detail = stderr.splitlines()[-1] if stderr else f"exit {done.returncode}"
        raise FileError("git.failed", command=" ".join(args[:2]), detail=detail)
    return done.returncode, done.stdout, stderr


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def repo_root(start: Path) -> Path:
    """The top folder of the git repository ``start`` (a file or folder) lies in."""
    folder = start if start.is_dir() else start.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    _, out, _ = run_git(["rev-parse", "--show-toplevel"], cwd=folder)
    return Path(_text(out).strip())


def repo_root_of(paths: Sequence[Path], cwd: Path | None = None) -> Path:
    """The repository of the first path given, else of the current folder."""
    return repo_root(paths[0] if paths else (cwd or Path.cwd()))


def rel_path(root: Path, path: Path) -> str:
    """``path`` as git names it: relative to the repository root, with forward slashes.

    Raises FileError when the path lies outside the repository.
    """
    absolute = Path(os.path.abspath(path))
    for base in (root, root.resolve()):
        for candidate in (absolute, absolute.resolve()):
            try:
                rel = candidate.relative_to(base)
            except ValueError:
                continue
            return PurePosixPath(*rel.parts).as_posix() if rel.parts else "."
    raise FileError("git.outside_repo", path=path, root=root)


def _revision(root: Path, rev: str, commit: str) -> Revision:
    fmt = "%H%x1f%h%x1f%cI%x1f%s"
    _, out, _ = run_git(["log", "-1", f"--format={fmt}", commit, "--"], cwd=root)
    full, short, date, subject = _text(out).rstrip("\n").split("\x1f", 3)
    return Revision(rev=rev, commit=full, short=short, date=_when(date), subject=subject)


def _when(iso: str) -> str:
    """``2024-10-31T18:20:05+08:00`` as ``2024-10-31 18:20`` (the wall time of that zone)."""
    return iso[:16].replace("T", " ")


def resolve(root: Path, rev: str) -> Revision:
    """The commit ``rev`` names; a UsageError when there is none."""
    if not rev.strip() or rev.startswith("-"):
        raise UsageError("git.bad_rev", rev=rev)
    code, out, _ = run_git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
        cwd=root,
        ok=(0, 1, 128),
    )
    if code != 0:
        raise UsageError("git.bad_rev", rev=rev)
    return _revision(root, rev, _text(out).strip())


def month_start(today: dt.date) -> dt.date:
    """The first day of ``today``'s month."""
    return today.replace(day=1)


def default_revision(root: Path, today: dt.date) -> Revision:
    """The last commit before ``today``'s month began: what the last monthly report saw."""
    start = month_start(today)
    code, head, _ = run_git(["rev-parse", "--verify", "--quiet", "HEAD"], cwd=root, ok=(0, 1))
    if code != 0:
        raise UsageError("git.no_commits")
    _, out, _ = run_git(
        ["rev-list", "-1", f"--before={start.isoformat()} 00:00:00", _text(head).strip()],
        cwd=root,
    )
    commit = _text(out).strip()
    if not commit:
        raise UsageError("git.none_before", date=start.isoformat())
    return _revision(root, commit[:12], commit)


def revision(root: Path, rev: str | None, today: dt.date) -> Revision:
    """The commit ``rev`` names, or the default (the last one before this month) when None."""
    return default_revision(root, today) if rev is None else resolve(root, rev)


# --- reading what was committed ----------------------------------------------------------------


def _is_ledger_name(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return path.lower().endswith(LEDGER_SUFFIXES) and not any(p.startswith(".") for p in parts)


def ledger_names(root: Path, commit: str, rels: Sequence[str]) -> list[str]:
    """The ledger files (``*.yaml``, ``*.yml``) under ``rels`` in ``commit``, sorted."""
    if not rels:
        return []
    _, out, _ = run_git(["ls-tree", "-r", "-z", "--name-only", commit, "--", *rels], cwd=root)
    names = [name for name in _text(out).split("\0") if name]
    inside = [n for n in names if _is_ledger_name(_below(n, rels))]
    return sorted(dict.fromkeys(inside))


def _below(name: str, rels: Sequence[str]) -> str:
    """The part of ``name`` below the folder it was found under (for the hidden-folder rule)."""
    for rel in rels:
        if rel == ".":
            return name
        if name == rel:
            return PurePosixPath(name).name
        if name.startswith(rel.rstrip("/") + "/"):
            return name[len(rel.rstrip("/")) + 1 :]
    return name


def read_blobs(root: Path, specs: Sequence[str]) -> list[bytes | None]:
    """The contents of ``COMMIT:path`` specs, read by one git process; None when missing."""
    if not specs:
        return []
    stdin = "".join(f"{spec}\n" for spec in specs).encode("utf-8")
    _, out, _ = run_git(["cat-file", "--batch"], cwd=root, stdin=stdin)
    result: list[bytes | None] = []
    at = 0
    for _ in specs:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        at = end + 1
        if len(header) < 3 or header[-2] != b"blob":
            result.append(None)
            continue
        size = int(header[-1])
        result.append(out[at : at + size])
        at += size + 1
    return result


def show(root: Path, commit: str, rel: str) -> str:
    """The text of one file as committed (``git show COMMIT:path``); FileError when absent."""
    (data,) = read_blobs(root, [f"{commit}:{rel}"])
    if data is None:
        raise FileError("git.not_in_commit", path=Path(rel), rev=commit[:12])
    return _decode(data)


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig", "replace")


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


def renames(root: Path, commit: str) -> dict[str, str]:
    """Files renamed or moved between ``commit`` and the working tree: old name -> new name.

    Looks at the whole repository, so that a ledger moved into the folder asked
    about is still found under its old name.
    """
    _, out, _ = run_git(
        ["diff", "-M", "--name-status", "-z", "--no-ext-diff", commit, "--"], cwd=root
    )
    fields = _text(out).split("\0")
    found: dict[str, str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[:1] in ("R", "C"):
            old, new = fields[index + 1], fields[index + 2]
            if status[:1] == "R":
                found[old] = new
            index += 3
        else:
            index += 2
    return found


def _under(name: str, rels: Sequence[str]) -> bool:
    return any(rel == "." or name == rel or name.startswith(rel.rstrip("/") + "/") for rel in rels)


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


def find_revision(rev: str | None, paths: Sequence[Path], today: dt.date) -> Revision:
    """The commit ``rev`` names in the repository of ``paths`` (None: the default one)."""
    return revision(repo_root_of(paths), rev, today)


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


# --- the history of a file ----------------------------------------------------------------------


def file_names(root: Path, rel: str) -> list[str]:
    """The names a file has had, newest first (``git log --follow`` sees through renames)."""
    _, out, _ = run_git(
        ["log", "--follow", "-M", "--name-only", "-z", "--format=", "--", rel], cwd=root
    )
    names = [name.strip("\n") for name in _text(out).split("\0")]
    return list(dict.fromkeys([rel, *(name for name in names if name)]))


def _present(root: Path, specs: Sequence[str]) -> set[str]:
    """Which ``COMMIT:path`` specs name a file (``git cat-file --batch-check``)."""
    if not specs:
        return set()
    stdin = "".join(f"{spec}\n" for spec in specs).encode("utf-8")
    _, out, _ = run_git(["cat-file", "--batch-check"], cwd=root, stdin=stdin)
    answers = _text(out).splitlines()
    return {spec for spec, answer in zip(specs, answers, strict=True) if " blob " in answer}


def file_history(root: Path, rel: str) -> list[Commit]:
    """The commits that changed one file, newest first, following it through renames.

    Merges are included when they changed the file (``git log --follow`` alone
    leaves them out); each commit says the file's name there and in each parent.
    """
    names = file_names(root, rel)
    fmt = "%H%x1f%h%x1f%P%x1f%an%x1f%aI%x1f%s"
    _, out, _ = run_git(["log", "-z", f"--format={fmt}", "--", *names], cwd=root)
    rows = [record.split("\x1f", 5) for record in _text(out).split("\0") if record.strip()]
    every = {c for row in rows for c in (row[0], *row[2].split())}
    present = _present(root, [f"{c}:{n}" for c in sorted(every) for n in names])

    def name_at(commit: str) -> str | None:
        return next((n for n in names if f"{commit}:{n}" in present), None)

    return [
        Commit(
            commit=full,
            short=short,
            parents=tuple(parents.split()),
            author=author,
            date=_when(date),
            subject=subject,
            path=name_at(full),
            parent_paths=tuple(name_at(p) for p in parents.split()),
        )
        for full, short, parents, author, date, subject in rows
    ]


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


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One commit (or the uncommitted working tree) that changed an issue, and how."""

    commit: Commit | None  # None: changes in the working tree, not committed yet
    changes: list[Change]
    invalid: bool = False  # the ledger failed the checks in this version

    def to_json(self) -> dict[str, Any]:
        """The entry as plain JSON values, for ``rectify log --format json``."""
        commit = self.commit
        return {
            "commit": commit.commit if commit else None,
            "date": commit.date if commit else None,
            "author": commit.author if commit else None,
            "subject": commit.subject if commit else None,
            "invalid": self.invalid,
            "changes": [change.to_json() for change in self.changes],
        }


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
    (naming the closest id) or when several ledgers have it.
    """
    ledger_id, _, issue_id = wanted.rpartition("/")
    root = repo_root_of(paths)
    files = ledger_files(list(paths))
    here = find_issue_files(files, issue_id, ledger_id or None)
    if len(here) > 1:
        raise _ambiguous(issue_id, here)
    found: list[tuple[Path, list[LogEntry]]] = []
    for path in here or files:
        rel = rel_path(root, path)
        entries = issue_log(root, rel, issue_id, as_of=as_of, ledger_id=ledger_id or None)
        if entries:
            found.append((path, entries))
    if not found and not here:
        raise _not_found(issue_id, files)
    if len(found) > 1:
        raise _ambiguous(issue_id, [path for path, _ in found])
    entries = found[0][1] if found else []
    title = next((c.title for e in reversed(entries) for c in e.changes), "")
    return IssueHistory(issue_id, title, entries)


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


# --- merging and set-up ------------------------------------------------------------------------


def merge_text(
    ours: str, base: str, theirs: str, *, labels: tuple[str, str, str]
) -> tuple[str, int]:
    """A line-by-line three-way merge (``git merge-file``): the text and how many conflicts.

    Conflicts are marked the way git marks them; no repository is needed.
    """
    with tempfile.TemporaryDirectory(prefix="rectify-merge-") as folder:
        files = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(text.encode("utf-8"))
            files.append(str(path))
        args = ["merge-file", "-p"]
        for label in labels:
            args += ["-L", label]
        code, out, _ = run_git([*args, *files], cwd=Path(folder), ok=range(0, 128))
    return _text(out), code


def merge_files(ours: Path, base: Path, theirs: Path, *, labels: tuple[str, str, str]) -> int:
    """Merge three files line by line into ``ours`` (``git merge-file``): how many conflicts.

    The files are merged as bytes, whatever their encoding, exactly as git
    would without a merge driver.
    """
    args = ["merge-file"]
    for label in labels:
        args += ["-L", label]
    paths = [str(Path(os.path.abspath(p))) for p in (ours, base, theirs)]
    code, _, _ = run_git([*args, *paths], cwd=Path(paths[0]).parent, ok=range(0, 128))
    return code


@dataclass
class FileMerge:
    """How a ledger file was merged by the merge driver."""

    issue_level: bool  # False: merged line by line, as git does without the driver
    conflicts: int
    renumbered: list[tuple[str, str]]  # (their id, its new id)
    problems: list[Problem]  # errors of the result that neither side had


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
    return FileMerge(True, merged.conflicts, merged.renumbered, problems)


def set_config(root: Path, key: str, value: str) -> None:
    """Set a key in the repository's own git config (``.git/config``, not committed)."""
    run_git(["config", "--local", key, value], cwd=root)


def get_config(root: Path, key: str) -> str | None:
    """A key of the repository's git config, None when unset."""
    code, out, _ = run_git(["config", "--get", key], cwd=root, ok=(0, 1))
    return _text(out).strip() if code == 0 else None


__all__ = [
    "Commit",
    "DiffResult",
    "FileMerge",
    "IssueHistory",
    "LogEntry",
    "Revision",
    "RevisionProblems",
    "check_committed",
    "committed_documents",
    "default_revision",
    "diff_since",
    "file_history",
    "file_names",
    "find_issue_files",
    "find_revision",
    "get_config",
    "issue_history",
    "issue_log",
    "ledger_names",
    "load_at",
    "load_documents_at",
    "merge_files",
    "merge_ledger_files",
    "merge_text",
    "read_blobs",
    "rel_path",
    "renames",
    "repo_root",
    "repo_root_of",
    "resolve",
    "revision",
    "set_config",
    "show",
]
