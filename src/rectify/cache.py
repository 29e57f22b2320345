"""A parse cache: a checked ledger kept as JSON, so later runs need not parse its YAML again.

An entry is used only when the ledger's absolute path, size, modification time
and blake2b hash of its bytes all match (the bytes are hashed on every run, so
an edit that keeps size and time is still seen), and only for the same as-of
date, because some warnings depend on it (a ledger keeps an entry for each of
its last few dates). Entries are plain JSON validated
again on reading: a corrupt, truncated, foreign or planted file is ignored,
never trusted, never an error, and nothing in it is ever executed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectify.errors import Problem, Severity

if TYPE_CHECKING:
    from rectify.model import Ledger

FORMAT = "rectify-cache"
VERSION = 1


@dataclass(frozen=True)
class Key:
    """What a cache entry must match: the file as it is now, and the as-of date."""

    path: str
    size: int
    mtime_ns: int
    digest: str
    as_of: str

    def header(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "path": self.path,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "hash": self.digest,
            "as_of": self.as_of,
        }


@dataclass
class Entry:
    """A cache hit: the checked ledger, its problems (warnings) and where its id stands."""

    ledger: Ledger
    problems: list[Problem]
    id_pos: tuple[int, int]


def enabled() -> bool:
    """Whether the cache is on: off with RECTIFY_NO_CACHE=1 (set by `rectify --no-cache`)."""
    return os.environ.get("RECTIFY_NO_CACHE", "").strip().lower() not in ("1", "true", "yes", "on")


def cache_dir() -> Path:
    """The folder of cache entries: RECTIFY_CACHE_DIR, else the platform's user cache folder."""
    chosen = os.environ.get("RECTIFY_CACHE_DIR")
    if chosen:
        return Path(chosen)
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "rectify" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "rectify"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache") / "rectify"


def key_for(path: Path, raw: bytes, as_of: dt.date) -> Key | None:
    """The key of ``path`` as read into ``raw``; None when the file cannot be stat'ed."""
    try:
        stat = path.stat()
        absolute = str(path.resolve())
    except (OSError, RuntimeError):
        return None
    digest = hashlib.blake2b(raw, digest_size=32).hexdigest()
    return Key(absolute, len(raw), stat.st_mtime_ns, digest, as_of.isoformat())


KEEP_DATES = 4


def entry_path(key: Key) -> Path:
    """Where the entry of a ledger for one as-of date lives (warnings depend on the date)."""
    return cache_dir() / f"{_path_name(key)}-{key.as_of}.json"


def _path_name(key: Key) -> str:
    return hashlib.blake2b(key.path.encode("utf-8"), digest_size=16).hexdigest()


def _prune(key: Key) -> None:
    """Keep the entries of the KEEP_DATES most recently used dates of a ledger, no more."""
    with suppress(OSError):
        entries = sorted(
            cache_dir().glob(f"{_path_name(key)}-*.json"),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[KEEP_DATES:]:
            old.unlink()


def lookup(key: Key, shown: Path) -> Entry | None:
    """The entry for ``key`` when a valid one exists; problems name the file as ``shown``."""
    try:
        with open(entry_path(key), "rb") as handle:
            head = handle.readline(1 << 24)
            header = json.loads(head)
            if not isinstance(header, dict) or any(
                header.get(name) != value for name, value in key.header().items()
            ):
                return None
            body = handle.read()
        from rectify.model import Ledger

        ledger = Ledger.model_validate_json(body)
        problems = [_problem(item, shown) for item in header["problems"]]
        line, column = header["id_pos"]
        if type(line) is not int or type(column) is not int:
            return None
        return Entry(ledger, problems, (line, column))
    except Exception:  # whatever is wrong with an entry, it is only ignored
        return None


def store(key: Key, ledger: Ledger, problems: list[Problem], id_pos: tuple[int, int]) -> None:
    """Write the entry for ``key`` atomically; silently skipped when it cannot be kept exactly."""
    if _has_extensions(ledger):
        return  # extension keys are not part of the models' JSON: parse such files every time
    try:
        header = {
            **key.header(),
            "problems": [_problem_json(p) for p in problems],
            "id_pos": list(id_pos),
        }
        head = json.dumps(header, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return
    body = ledger.model_dump_json(by_alias=True)
    data = (head + "\n" + body).encode("utf-8")
    folder = cache_dir()
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, entry_path(key))
        except OSError:
            with suppress(OSError):
                os.unlink(tmp)
    _prune(key)


def _has_extensions(ledger: Ledger) -> bool:
    if ledger.extensions or ledger.ledger.extensions:
        return True
    for issue in ledger.issues:
        if issue.extensions or (issue.verification and issue.verification.extensions):
            return True
        if any(e.extensions for e in issue.progress) or any(
            c.extensions for c in issue.deadline_changes
        ):
            return True
    return False


_PLAIN = (str, int, float, bool, type(None))


def _param_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise TypeError("datetime")
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, _PLAIN):
        return {"v": value}
    raise TypeError(type(value).__name__)


def _param(item: Any) -> Any:
    if not isinstance(item, dict) or len(item) != 1:
        raise ValueError("param")
    if "date" in item:
        return dt.date.fromisoformat(item["date"])
    value = item["v"]
    if not isinstance(value, _PLAIN):
        raise ValueError("param")
    return value


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "key": problem.key,
        "params": {name: _param_json(value) for name, value in problem.params.items()},
        "severity": problem.severity.value,
        "issue_id": problem.issue_id,
    }


def _problem(item: Any, shown: Path) -> Problem:
    if not isinstance(item, dict):
        raise ValueError("problem")
    line, column, code, key = item["line"], item["column"], item["code"], item["key"]
    issue_id, params = item["issue_id"], item["params"]
    if not (type(line) is int and type(column) is int and isinstance(code, str)):
        raise ValueError("problem")
    if not isinstance(key, str) or not (issue_id is None or isinstance(issue_id, str)):
        raise ValueError("problem")
    if not isinstance(params, dict):
        raise ValueError("problem")
    return Problem(
        path=shown,
        line=line,
        column=column,
        code=code,
        key=key,
        params={str(name): _param(value) for name, value in params.items()},
        severity=Severity(item["severity"]),
        issue_id=issue_id,
    )


__all__ = ["Entry", "Key", "cache_dir", "enabled", "entry_path", "key_for", "lookup", "store"]
