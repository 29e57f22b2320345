"""Everything rectify asks of git: the one module that runs the `git` command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from rectify.errors import (
    FileError,
    UsageError,
)
from rectify.i18n import Lang, t
from rectify.ledger import answers
from rectify.ledger.files import LEDGER_SUFFIXES, MANIFEST_NAMES


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


# --- running git ----------------------------------------------------------------------------


# Messages in English so that "not a git repository" can be recognised; names
# taken literally, so that a ledger called "[2024].yaml" is not a pattern.
_GIT_ENV = {
    "LC_ALL": "C",
    "LANGUAGE": "C",
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
}


#: git's commands that only read: what a warm answer may ask again to check its inputs.
_ASKABLE = frozenset({"rev-parse", "status", "ls-tree", "log", "show", "ls-files", "diff"})


def _environ() -> dict[str, str]:
    return {**os.environ, **_GIT_ENV}


def run_git(
    args: Sequence[str], *, cwd: Path, stdin: bytes | None = None, ok: Iterable[int] = (0,)
) -> tuple[int, bytes, str]:
    """Run ``git ARGS`` in ``cwd``: the exit status, stdout as bytes and stderr as text.

    Raises FileError when git cannot be started, or fails with a status not in ``ok``.
    """
    command = ["git", "-c", "core.quotepath=false", *args]
    askable = stdin is None and bool(args) and args[0] in _ASKABLE
    if not askable:
        answers.spoil()  # a warm answer asks git again only what changes nothing
    try:
        done = subprocess.run(
            command, cwd=cwd, input=stdin, capture_output=True, env=_environ(), check=False
        )
    except (FileNotFoundError, OSError) as exc:
        answers.spoil()
        if isinstance(exc, FileNotFoundError):
            raise FileError("git.missing") from None
        raise FileError("git.cannot_run", reason=exc.strerror or str(exc)) from None
    if askable:  # a warm answer asks git the same again (rectify.ledger.answers)
        answers.asked(command, cwd, _GIT_ENV, done.returncode, done.stdout, done.stderr)
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode not in ok:
        if "dubious ownership" in stderr:
            raise FileError("git.dubious", path=cwd)
        if "not a git repository" in stderr:
            raise FileError("git.not_repo", path=cwd)
        detail = stderr.splitlines()[-1] if stderr else f"exit {done.returncode}"
        raise FileError("git.failed", command=" ".join(args[:2]), detail=detail)
    return done.returncode, done.stdout, stderr


def git_commit(files: Sequence[Path]) -> tuple[str | None, bool]:
    """The short commit of the repository holding the ledgers, and whether they changed since.

    What the monthly report's footer names. (None, False) when git is missing,
    the folder is not in a repository, or git fails: a report is made all the same.
    """
    if not files:
        return None, False
    folder = files[0].resolve().parent
    try:
        _, head, _ = run_git(["rev-parse", "--short", "HEAD"], cwd=folder)
        paths = [str(f.resolve()) for f in files]
        _, changed, _ = run_git(["status", "--porcelain", "--", *paths], cwd=folder)
    except FileError:
        return None, False
    commit = _text(head).strip()
    return (commit, bool(changed.strip())) if commit else (None, False)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _names(data: bytes) -> list[str]:
    """NUL-separated file names, bytes that are not UTF-8 kept (surrogate-escaped, as os does)."""
    return data.decode("utf-8", "surrogateescape").split("\0")


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
    if not parts or parts[-1].lower() in MANIFEST_NAMES:
        return False
    return path.lower().endswith(LEDGER_SUFFIXES) and not any(p.startswith(".") for p in parts)


def ledger_names(root: Path, commit: str, rels: Sequence[str]) -> list[str]:
    """The ledger files (``*.yaml``, ``*.yml``) under ``rels`` in ``commit``, sorted."""
    if not rels:
        return []
    _, out, _ = run_git(["ls-tree", "-r", "-z", "--name-only", commit, "--", *rels], cwd=root)
    names = [name for name in _names(out) if name]
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
    """The contents of ``COMMIT:path`` specs, read by one git process; None when missing.

    `git cat-file --batch` reads one spec a line: a path holding a line break
    would be cut in two and shift every later answer. Such paths are first
    turned into their blob ids by `git ls-tree -z` (NUL-separated), so that
    every line sent is one whole name.
    """
    if not specs:
        return []
    lines = _batch_lines(root, specs)
    stdin = "".join(f"{line}\n" for line in lines).encode("utf-8", "surrogateescape")
    _, out, _ = run_git(["cat-file", "--batch"], cwd=root, stdin=stdin)
    result: list[bytes | None] = []
    at = 0
    for _ in lines:
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


_MISSING = "0" * 40  # an object id no repository holds: git answers "missing"


def _batch_lines(root: Path, specs: Sequence[str]) -> list[str]:
    """``specs`` as lines for `git cat-file --batch`: a spec whose path breaks a line as its id."""
    unsafe = [spec for spec in specs if "\n" in spec or "\r" in spec]
    if not unsafe:
        return list(specs)
    by_commit: dict[str, list[str]] = {}
    for spec in unsafe:
        commit, _, path = spec.partition(":")
        by_commit.setdefault(commit, []).append(path)
    ids: dict[str, str] = {}
    for commit, paths in by_commit.items():
        for path, object_id in _blob_ids(root, commit, paths).items():
            ids[f"{commit}:{path}"] = object_id
    return [ids.get(spec, _MISSING) if spec in unsafe else spec for spec in specs]


def _blob_ids(root: Path, commit: str, paths: Sequence[str]) -> dict[str, str]:
    """The blob id of each of ``paths`` in ``commit`` that is a file (`git ls-tree -z`)."""
    _, out, _ = run_git(["ls-tree", "-z", "--full-tree", commit, "--", *paths], cwd=root)
    found: dict[str, str] = {}
    for record in out.split(b"\0"):
        meta, tab, name = record.partition(b"\t")
        fields = meta.split(b" ")
        if tab and len(fields) == 3 and fields[1] == b"blob":
            found[name.decode("utf-8", "surrogateescape")] = fields[2].decode("ascii")
    return found


def show(root: Path, commit: str, rel: str) -> str:
    """The text of one file as committed (``git show COMMIT:path``); FileError when absent."""
    (data,) = read_blobs(root, [f"{commit}:{rel}"])
    if data is None:
        raise FileError("git.not_in_commit", path=Path(rel), rev=commit[:12])
    return _decode(data)


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig", "replace")


def renames(root: Path, commit: str) -> dict[str, str]:
    """Files renamed or moved between ``commit`` and the working tree: old name -> new name.

    Looks at the whole repository, so that a ledger moved into the folder asked
    about is still found under its old name.
    """
    _, out, _ = run_git(
        ["diff", "-M", "--name-status", "-z", "--no-ext-diff", commit, "--"], cwd=root
    )
    fields = _names(out)
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


def find_revision(rev: str | None, paths: Sequence[Path], today: dt.date) -> Revision:
    """The commit ``rev`` names in the repository of ``paths`` (None: the default one)."""
    return revision(repo_root_of(paths), rev, today)


# --- the history of a file ----------------------------------------------------------------------


def file_names(root: Path, rel: str) -> list[str]:
    """The names a file has had, newest first (``git log --follow`` sees through renames)."""
    _, out, _ = run_git(
        ["log", "--follow", "-M", "--name-only", "-z", "--format=", "--", rel], cwd=root
    )
    names = [name.strip("\n") for name in _names(out)]
    return list(dict.fromkeys([rel, *(name for name in names if name)]))


def _present(root: Path, specs: Sequence[str]) -> set[str]:
    """Which ``COMMIT:path`` specs name a file (``git cat-file --batch-check``)."""
    if not specs:
        return set()
    lines = _batch_lines(root, specs)
    stdin = "".join(f"{line}\n" for line in lines).encode("utf-8", "surrogateescape")
    _, out, _ = run_git(["cat-file", "--batch-check"], cwd=root, stdin=stdin)
    answers = out.decode("utf-8", "replace").split("\n")[: len(specs)]
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


def set_config(root: Path, key: str, value: str) -> None:
    """Set a key in the repository's own git config (``.git/config``, not committed)."""
    run_git(["config", "--local", key, value], cwd=root)


def get_config(root: Path, key: str) -> str | None:
    """A key of the repository's git config, None when unset."""
    code, out, _ = run_git(["config", "--get", key], cwd=root, ok=(0, 1))
    return _text(out).strip() if code == 0 else None


# --- the sources of a roll-up (rollup.yaml) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file of a commit's tree: its path, blob id and size (`git ls-tree -r -l`)."""

    name: str
    blob: str
    size: int


def git_dir(folder: Path) -> Path | None:
    """The git folder of the repository ``folder`` lies in; None outside one (or no git)."""
    try:
        code, out, _ = run_git(["rev-parse", "--absolute-git-dir"], cwd=folder, ok=(0, 128))
    except FileError:
        return None
    return Path(_text(out).strip()) if code == 0 and out.strip() else None


def _refs(repo: Path) -> bytes:
    _, out, _ = run_git(["for-each-ref", "--format=%(objectname) %(refname)"], cwd=repo)
    return out


def fetch_mirror(url: str, into: Path) -> bool:
    """Bring the bare mirror ``into`` of ``url`` up to date; whether any ref changed.

    The first time it is cloned (``git clone --mirror``), later fetched with
    ``--prune``: every branch and tag as the source has them. Nothing is ever
    checked out. FileError (the last line git said) when the source cannot be reached.
    """
    if not (into / "HEAD").is_file():
        into.parent.mkdir(parents=True, exist_ok=True)
        partial = into.with_name(into.name + ".partial")
        if partial.exists():
            import shutil

            shutil.rmtree(partial)
        _fetching(["clone", "--mirror", "--quiet", "--", url, str(partial)], into.parent)
        partial.rename(into)
        return True
    before = _refs(into)
    if get_config(into, "remote.origin.url") == url:
        _fetching(["fetch", "--prune", "--quiet", "origin"], into)
    else:  # the manifest names another url now: kept as the mirror's only once fetched
        _fetching(["fetch", "--prune", "--quiet", "--", url, "+refs/*:refs/*"], into)
        run_git(["remote", "set-url", "origin", url], cwd=into)  # never "-...": io.manifest
    return _refs(into) != before


def _fetching(args: list[str], cwd: Path) -> None:
    """Run a clone or fetch; FileError with the line of git's that says why it failed."""
    code, _, stderr = run_git(args, cwd=cwd, ok=range(0, 256))
    if code != 0:
        lines = stderr.splitlines() or [f"exit {code}"]
        detail = next((line for line in lines if line.startswith("fatal:")), lines[-1])
        raise FileError("git.failed", command=" ".join(args[:2]), detail=detail)


def mirror_of(repo: Path) -> str | None:
    """The URL a mirror fetched by `fetch_mirror` fetches from; None when it is none.

    Read from the mirror's own config file (no git process: a roll-up of 200
    sources asks it of each on every run); any doubt is None, as if never fetched.
    """
    if not (repo / "HEAD").is_file():
        return None
    try:
        text = (repo / "config").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    section = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        elif section == '[remote "origin"]' and stripped.startswith("url"):
            key, _, value = stripped.partition("=")
            if key.strip() == "url":
                return value.strip()
    return None


def commit_of(repo: Path, rev: str) -> str | None:
    """The full id of the commit ``rev`` names in ``repo``; None when there is none."""
    if not rev.strip() or rev.startswith("-"):
        return None
    code, out, _ = run_git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
        cwd=repo,
        ok=(0, 1, 128),
    )
    found = _text(out).strip()
    return found if code == 0 and found else None


def tree_files(repo: Path, commit: str) -> list[TreeFile]:
    """Every file of ``commit``'s tree, with its blob id and size, read by one git process."""
    _, out, _ = run_git(["ls-tree", "-r", "-l", "-z", "--full-tree", commit], cwd=repo)
    found: list[TreeFile] = []
    for record in out.split(b"\0"):
        meta, tab, name = record.partition(b"\t")
        fields = meta.split()
        if tab and len(fields) == 4 and fields[1] == b"blob" and fields[3].isdigit():
            text = name.decode("utf-8", "surrogateescape")
            if _is_ledger_name(text):
                found.append(TreeFile(text, fields[2].decode("ascii"), int(fields[3])))
    return found
