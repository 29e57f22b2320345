"""Warm answers: what a read command printed, kept with every input it read, and replayed.

What `rectify status` and `rectify progress` print follows from the words of
the command line, the environment, today's date, the files read and the
folders searched, and what git said. The first run of a command line records all of
them (a `Recorder`: the SHA-256 of every file read, the listing of every
folder searched, the answer of every probe such as "is there a rectify.toml
here?", the digest of what each git command printed) with what it printed and
the SHA-256 of every file it wrote (`-o`). A later run of the very same words
in the same surroundings (`replay`) checks every input again, asks git the
same questions again, finds every file it wrote still as written, and, when
all match, prints the same text without loading the command line, the models
or the figures: the cost of a warm answer is reading its inputs.

Nothing here knows a command or an option: an answer is keyed by the words
typed, and only rectify.cli parses them. An answer is kept only when the run
ended well (exit 0), was a command that asks for it (`keep`, called by the
command line for the read commands in KEPT), and touched nothing unrecorded
(git fed on standard input, or too many git questions, `spoil` it). Answers
live in the parse cache's folder, sealed with its key (rectify.ledger.seal): a
planted or changed answer is ignored.
Standard library only: a replay imports nothing else of rectify.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time

from rectify.ledger import seal

# Not typing's: its import alone would be a tenth of a warm answer's time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

VERSION = 2
PREFIX = "answer-"
KEEP_ANSWERS = 64  # the most recently written answers kept in the cache folder
# Shell variables that change between two runs of the same command line and are read by nobody.
VOLATILE = frozenset({"_", "OLDPWD", "PWD", "SHLVL"})
# The libraries whose code shapes the output: a new version of one means new answers.
LIBRARIES = ("typer", "rich", "pydantic", "pydantic_core", "yaml")


class Recorder:
    """The inputs of one run and what it printed, while it runs."""

    __slots__ = ("asked", "command", "files", "key", "printed", "probes", "spoiled", "trees")

    def __init__(self, key: str) -> None:
        self.key = key
        self.files: dict[str, str | None] = {}  # path: SHA-256 of its bytes (None: unread)
        self.probes: dict[str, str] = {}  # path: file, dir, other or missing
        self.trees: dict[str, list[list[str]]] = {}  # folder: every name under it
        self.printed: list[tuple[int, str]] = []  # (1: stdout, 2: stderr; the text)
        self.asked: list[list[Any]] = []  # [git's argv, cwd, its environment's additions, digest]
        self.command: str | None = None
        self.spoiled = False


_recorder: Recorder | None = None

#: The commands whose answers are kept (rectify.cli.common.make_env names the one running).
KEPT = frozenset({"status", "progress", "report", "list", "due", "export"})
#: The most git questions an answer asks again; a run that asked more keeps no answer.
MAX_ASKED = 8
#: The most text an answer keeps (printed, in characters); a longer one is not kept.
MAX_PRINTED = 32_000_000


# --- what the rest of rectify tells the recorder ---------------------------------------------


def read(path: object, data: bytes) -> None:
    """A file was read as ``data``."""
    if _recorder is not None:
        _recorder.files[str(path)] = hashlib.sha256(data).hexdigest()


def read_file(path: object) -> None:
    """A file was read (by a reader that keeps no bytes): its bytes are hashed now."""
    if _recorder is not None:
        _recorder.files[str(path)] = _file_hash(str(path))


def probe(path: object) -> None:
    """Whether ``path`` is a file, a folder or nothing was looked at."""
    if _recorder is not None:
        _recorder.probes[str(path)] = _kind(str(path))


def tree(folder: object) -> None:
    """Every name under ``folder`` was looked at (a search for ledger files)."""
    if _recorder is not None:
        try:
            _recorder.trees[str(folder)] = _listing(str(folder))
        except (OSError, RecursionError):
            _recorder.spoiled = True


def wrote(path: object, data: bytes) -> None:
    """A file the command was asked for (``-o``) was written as ``data``.

    A replay needs it still as written: a file changed or removed since is
    written again by a run in full, with every check of writing a file.
    """
    read(path, data)


def asked(
    argv: list[str], cwd: object, env: dict[str, str], code: int, out: bytes, err: bytes
) -> None:
    """git ``argv`` (run in ``cwd``, with ``env`` added to the environment) answered so.

    A replay asks again and needs the same answer: git reads its own files, so
    the question is the only check of them. A question about a time relative to
    now (``@{...}``) cannot be asked again with the same meaning: no answer is kept.
    """
    if _recorder is None:
        return
    if len(_recorder.asked) >= MAX_ASKED or any("@{" in word for word in argv):
        _recorder.spoiled = True
        return
    _recorder.asked.append([list(argv), str(cwd), dict(env), _answer_digest(code, out, err)])


def spoil() -> None:
    """Something no recorder can check again happened (git fed on stdin): keep no answer."""
    if _recorder is not None:
        _recorder.spoiled = True


def keep(command: str) -> None:
    """The command ``command`` runs now: its answer may be kept (when it is one of KEPT).

    Any other command is not recorded from here on (its files are not hashed for nothing).
    """
    global _recorder
    if _recorder is not None:
        _recorder.command = command
        if command not in KEPT:
            _recorder = None


def recording() -> bool:
    """Whether this run's inputs and output are being recorded."""
    return _recorder is not None


def printed(text: str, *, err: bool = False) -> None:
    """``text`` was written to stdout (or stderr) as it stands."""
    if _recorder is not None:
        _recorder.printed.append((2 if err else 1, text))


# --- recording and replaying ------------------------------------------------------------


def start(argv: list[str]) -> None:
    """Record this run's inputs and output, when its answer could be kept."""
    global _recorder
    key = _key(argv)
    _recorder = Recorder(key) if key is not None else None


def finish(code: object) -> None:
    """Keep the answer of the run that ends with ``code``, when it may be kept."""
    global _recorder
    found, _recorder = _recorder, None
    if found is None or code not in (0, None) or found.spoiled or found.command not in KEPT:
        return
    if sum(len(text) for _, text in found.printed) > MAX_PRINTED:
        return
    body = {
        "version": VERSION,
        "key": found.key,
        "files": found.files,
        "probes": found.probes,
        "trees": found.trees,
        "asked": found.asked,
        "printed": found.printed,
    }
    try:
        _write(found.key, json.dumps(body, ensure_ascii=False).encode("utf-8"))
    except Exception:  # an answer that cannot be kept is only not kept
        return


def replay(argv: list[str]) -> bool:
    """Print the kept answer of this command line when every input is as recorded."""
    try:
        key = _key(argv)
        body = _read(key) if key is not None else None
        if body is None or body.get("key") != key or not _unchanged(body):
            return False
        printed_ = [(int(stream), str(text)) for stream, text in body["printed"]]
    except Exception:  # whatever is wrong with an answer, it is only not used
        return False
    for stream, text in printed_:
        (sys.stdout if stream == 1 else sys.stderr).write(text)
    return True


def _unchanged(body: dict[str, Any]) -> bool:
    """Whether every input of an answer is as it was recorded."""
    if body.get("version") != VERSION:
        return False
    for path, kind in body["probes"].items():
        if _kind(path) != kind:
            return False
    for folder, listing in body["trees"].items():
        if _listing(folder) != listing:
            return False
    if not all(_file_hash(path) == digest for path, digest in body["files"].items()):
        return False
    return all(_ask(argv, cwd, env) == digest for argv, cwd, env, digest in body["asked"])


def _ask(argv: list[str], cwd: str, env: dict[str, str]) -> str | None:
    """The digest of git's answer to ``argv`` now, None when git cannot be run."""
    import subprocess

    try:
        done = subprocess.run(
            argv, cwd=cwd, env={**os.environ, **env}, capture_output=True, check=False
        )
    except (OSError, ValueError):
        return None
    return _answer_digest(done.returncode, done.stdout, done.stderr)


def _answer_digest(code: int, out: bytes, err: bytes) -> str:
    """One digest of an exit status, standard output and standard error."""
    found = hashlib.sha256(str(code).encode("ascii") + b"\0")
    found.update(hashlib.sha256(out).digest())
    found.update(hashlib.sha256(err).digest())
    return found.hexdigest()


# --- the key: the words typed and the surroundings --------------------------------------------


def _key(argv: list[str]) -> str | None:
    """Everything besides files that the answer of ``argv`` may depend on, as one text.

    None when no answer is kept here: the cache is off, the platform is not
    POSIX, or an output stream is not UTF-8 (its errors are not replayed).
    """
    if os.name != "posix" or not seal.enabled():
        return None
    streams = (sys.stdout, sys.stderr)
    if any(s is None or (s.encoding or "").lower().replace("_", "-") != "utf-8" for s in streams):
        return None
    ttys = [bool(s is not None and s.isatty()) for s in (sys.stdin, sys.stdout, sys.stderr)]
    size: list[int] | None = None
    if ttys[1]:
        try:
            size = list(os.get_terminal_size(sys.stdout.fileno()))
        except (OSError, ValueError):
            size = None
    return json.dumps(
        {
            "argv": argv,
            "cwd": os.getcwd(),
            "env": sorted((k, v) for k, v in os.environ.items() if k not in VOLATILE),
            "today": time.strftime("%Y-%m-%d"),  # date.today(), without importing datetime
            "ttys": ttys,
            "size": size,
            "python": [sys.executable, sys.version],
            "code": _code(),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _code() -> list[Any]:
    """The size and time of every module of rectify and of the libraries it prints with."""
    from importlib.machinery import PathFinder

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found: list[Any] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                found.append([os.path.join(folder, name), info.st_size, info.st_mtime_ns])
    for library in LIBRARIES:
        spec = PathFinder.find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin:
            info = os.stat(origin)
            found.append([origin, info.st_size, info.st_mtime_ns])
        else:
            found.append([library, None])
    return found


def _kind(path: str) -> str:
    """What ``path`` is, following links as Path.is_file and Path.is_dir do."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "missing"
    return "file" if stat.S_ISREG(mode) else "dir" if stat.S_ISDIR(mode) else "other"


def _listing(folder: str) -> list[list[str]]:
    """Every name under ``folder`` with its kind, depth first in name order (links followed)."""
    found: list[list[str]] = []

    def walk(rel: str, path: str, depth: int) -> None:
        if depth > 40:
            raise RecursionError(path)
        with os.scandir(path) as entries:
            ordered = sorted(entries, key=lambda e: e.name)
        for entry in ordered:
            kind = "dir" if entry.is_dir() else "file" if entry.is_file() else "other"
            name = f"{rel}/{entry.name}"
            found.append([name, kind])
            if kind == "dir":
                walk(name, entry.path, depth + 1)

    walk("", folder, 0)
    return found


def _file_hash(path: str) -> str | None:
    """The SHA-256 of a file's bytes, None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return None


# --- the store ----------------------------------------------------------------------------


def _path(key: str) -> str:
    name = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return os.path.join(seal.cache_folder(), f"{PREFIX}{name}.json")


def _read(key: str) -> dict[str, Any] | None:
    """The answer kept for ``key`` when its seal matches this user's key of the cache."""
    secret = seal.secret()
    if secret is None:
        return None
    try:
        with open(_path(key), "rb") as handle:
            mark = handle.readline(100).rstrip(b"\n")
            data = handle.read()
    except OSError:
        return None
    import hmac

    if not hmac.compare_digest(seal.digest(secret, data), mark):
        return None
    found = json.loads(data)
    return found if isinstance(found, dict) else None


def _write(key: str, data: bytes) -> None:
    """Keep an answer atomically, sealed; then keep only the KEEP_ANSWERS newest."""
    import tempfile

    secret = seal.secret()
    if secret is None:
        return
    folder = seal.cache_folder()
    fd, tmp = tempfile.mkstemp(prefix=".answer.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(seal.digest(secret, data) + b"\n" + data)
        os.replace(tmp, _path(key))
    except OSError:
        os.unlink(tmp)
        return
    kept = sorted(
        (e for e in os.scandir(folder) if e.name.startswith(PREFIX)),
        key=lambda e: e.stat().st_mtime_ns,
        reverse=True,
    )
    for old in kept[KEEP_ANSWERS:]:
        os.unlink(old.path)


__all__ = [
    "KEPT",
    "Recorder",
    "asked",
    "finish",
    "keep",
    "printed",
    "probe",
    "read",
    "read_file",
    "recording",
    "replay",
    "spoil",
    "start",
    "tree",
    "wrote",
]
