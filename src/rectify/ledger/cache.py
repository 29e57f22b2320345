"""A parse cache: a checked ledger kept as JSON, so later runs need not parse its YAML again.

An entry is used only when the ledger's absolute path, size and SHA-256 hash
of its bytes all match (the bytes are hashed on every run, so an edit that
keeps size and time is still seen; a new time alone, after a `touch` or a
checkout of the same bytes, keeps the entry), and only for the same as-of
date, because some warnings depend on it (a ledger keeps an entry for each of
its last few dates). Entries are plain JSON validated
again on reading: a corrupt, truncated, foreign or planted file is ignored,
never trusted, never an error, and nothing in it is ever executed.

Nor is an entry believed because it is well formed: whoever could write the
cache folder would otherwise decide the figures. The folder is private to its
user (mode 0700, `files.private_folder`), and every entry is sealed with an
HMAC-SHA256 under a per-user secret kept in the folder (``key``,
32 random bytes, mode 0600, opened without following links). An entry whose
seal does not match (tampered, planted, or written under another key) is
ignored and the ledger parsed again.

The entry's first line is its seal: the digest of lines 1-4 below, then the
digest of that digest and the lines after, so that a reader of the first
lines only checks only what it reads.

An entry is a file of JSON lines after its seal, so that each reader reads only what it needs:

1. the header: the key, where the ledger id stands, and the settings the rows
   of line 3 were worked out with;
2. the check's warnings;
3. one row of JSON per issue worked out by a higher layer (a `Derived`: the
   status figures keep each issue's facts on the as-of date there, all that
   `rectify status` reads), or null. The cache never reads a row: it keeps
   them for whoever wrote them, and knows nothing of figures;
4. where each issue's text lies in the file (`Spans`), or null: what a one-issue
   change edits without parsing the rest;
5. the ledger without its issues, as the models' JSON;
6. the `x-` extension keys the models' JSON leaves out, or null;
7. and on: each issue as the models' JSON, one per line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rectify.errors import Problem
from rectify.ledger import seal
from rectify.ledger.cache_json import (
    attach_extensions,
    issue_extensions,
    ledger_extensions,
    problem_from_json,
    problem_json,
)
from rectify.ledger.seal import cache_dir, enabled  # re-exported: one definition

if TYPE_CHECKING:
    from rectify.model import Issue, Ledger

_secrets = seal.KEYS  # the folder's key, as the answer store reads it too
_secret = seal.secret
_digest = seal.digest

FORMAT = "rectify-cache"
VERSION = 8  # 7: the sign-off review; 8: chased and deliberations (their x- keys too)

T = TypeVar("T")


class Derived(Protocol[T]):
    """What a higher layer works out from a checked ledger, kept in its entry as JSON rows.

    ``settings`` (JSON) names what the rows were worked out with: an entry's rows
    are used only when its settings are equal. ``from_rows`` raises on rows it
    could not have written (the entry is then ignored). ``with_settings`` is the
    same kind of rows for the settings an entry names, or None when they are not
    understood: what a one-issue change uses to keep an entry's rows up to date.
    """

    @property
    def settings(self) -> Any: ...

    def work_out(self, ledger: Ledger, as_of: dt.date) -> list[T]: ...

    def to_rows(self, found: list[T]) -> list[Any]: ...

    def from_rows(self, rows: list[Any], as_of: dt.date) -> list[T]: ...

    def with_settings(self, settings: Any) -> Derived[T] | None: ...


@dataclass(frozen=True)
class Key:
    """What a cache entry must match: the file as it is now, and the as-of date."""

    path: str
    size: int
    mtime_ns: int
    digest: str
    as_of: str

    def matched(self) -> dict[str, Any]:
        """What an entry's header must hold to be used: all of `header` but the time.

        The bytes' hash decides: the same bytes touched, copied or checked out again
        (a new time) are the same ledger, and a warm answer (ledger.answers) that
        printed them without reading the entry leaves it usable for the next change.
        """
        return {name: value for name, value in self.header().items() if name != "mtime_ns"}

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


@dataclass(frozen=True)
class Spans:
    """Where a ledger's issues lie in its text, as character offsets, and their ids.

    ``head`` is where the first issue's line starts, ``tail`` where the text
    after the issues list starts, and ``issues`` each issue's (start, end): from
    the start of its first line to the start of the next issue's.
    """

    head: int
    tail: int
    issues: list[tuple[int, int]]
    ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "head": self.head,
            "tail": self.tail,
            "issues": [list(span) for span in self.issues],
            "ids": self.ids,
        }

    @classmethod
    def from_json(cls, data: Any) -> Spans:
        """Spans back from JSON; ValueError unless every offset is an int and in order."""
        head, tail, issues, ids = data["head"], data["tail"], data["issues"], data["ids"]
        spans = [(start, end) for start, end in issues]
        flat = [head, *(offset for span in spans for offset in span), tail]
        if any(type(offset) is not int for offset in flat) or flat != sorted(flat):
            raise ValueError("spans")
        if not isinstance(ids, list) or len(ids) != len(spans):
            raise ValueError("spans")
        if any(type(ident) is not str for ident in ids):
            raise ValueError("spans")
        return cls(head, tail, spans, ids)

    def replaced(self, index: int, length: int) -> Spans:
        """The spans once issue ``index`` is rewritten as ``length`` characters."""
        start, end = self.issues[index]
        shift = length - (end - start)
        issues = [
            *self.issues[:index],
            (start, start + length),
            *((a + shift, b + shift) for a, b in self.issues[index + 1 :]),
        ]
        return Spans(self.head, self.tail + shift, issues, self.ids)


@dataclass
class Entry:
    """A cache hit: the checked ledger, its problems (warnings) and where its id stands."""

    ledger: Ledger
    problems: list[Problem]
    id_pos: tuple[int, int]


@dataclass
class RowsEntry:
    """A cache hit for derived rows: the ledger's id, where it stands, and one row per issue."""

    ledger_id: str
    id_pos: tuple[int, int]
    rows: list[Any]


def key_for(path: Path, raw: bytes, as_of: dt.date) -> Key | None:
    """The key of ``path`` as read into ``raw``; None when the file cannot be stat'ed."""
    try:
        stat = path.stat()
        # a name that is not UTF-8 (bytes kept as surrogates) as text JSON can hold
        where = str(path.resolve()).encode("utf-8", "surrogateescape")
        absolute = where.decode("utf-8", "backslashreplace")
    except (OSError, RuntimeError):
        return None
    digest = hashlib.sha256(raw).hexdigest()  # SHA-256: in hardware on most CPUs, 2x blake2b
    return Key(absolute, len(raw), stat.st_mtime_ns, digest, as_of.isoformat())


def blob_key(where: str, blob: str, size: int, as_of: dt.date) -> Key:
    """The key of a ledger read from git (a roll-up's source at a commit): named by its
    repository and path, matched by its blob id, git's own hash of its bytes, so that a
    warm roll-up reads neither the blob nor hashes it."""
    return Key(f"git:{where}", size, 0, f"git-blob:{blob}", as_of.isoformat())


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


def _read(key: Key, lines: int | None) -> tuple[dict[str, Any], list[bytes]] | None:
    """The header of the entry for ``key`` when it matches, and its next ``lines`` lines (all).

    Only ``lines`` up to 3 can be asked for without reading the whole entry.
    """
    sealed = _open_sealed(entry_path(key), whole=lines is None)
    if sealed is None:
        return None
    top, rest = sealed
    header = json.loads(top[0])
    if not isinstance(header, dict) or any(
        header.get(name) != value for name, value in key.matched().items()
    ):
        return None
    if lines is None:
        return header, b"".join([*top[1:], rest]).split(b"\n")
    return header, top[1 : 1 + lines]


# --- the seal ---------------------------------------------------------------------------------

TOP_LINES = 4  # header, warnings, rows, spans: what the first seal covers


def _seal(secret: bytes, data: bytes) -> bytes:
    """``data`` (the entry's lines) with its seal line in front (as `_write` writes it)."""
    at = 0
    for _ in range(TOP_LINES):
        at = data.index(b"\n", at) + 1
    first = _digest(secret, data[:at])
    second = _digest(secret, first, data[at:])
    return first + b" " + second + b"\n" + data


def _open_sealed(path: Path, *, whole: bool) -> tuple[list[bytes], bytes] | None:
    """The first lines of an entry (each with its line end) and, when ``whole``, the rest.

    None unless the seal of what was read matches under this user's key.
    """
    secret = _secret()
    if secret is None:
        return None
    with open(path, "rb") as handle:
        seal = handle.readline(200).rstrip(b"\n").split(b" ")
        top = [handle.readline() for _ in range(TOP_LINES)]
        rest = handle.read() if whole else b""
    if len(seal) != 2 or not top[-1].endswith(b"\n"):
        return None
    if not hmac.compare_digest(_digest(secret, *top), seal[0]):
        return None
    if whole and not hmac.compare_digest(_digest(secret, seal[0], rest), seal[1]):
        return None
    return top, rest


def _count(header: dict[str, Any]) -> int:
    """How many issues the entry says it holds."""
    count = header["issues"]
    if type(count) is not int or count < 0:
        raise ValueError("issues")
    return count


def _id_pos(header: dict[str, Any]) -> tuple[int, int]:
    line, column = header["id_pos"]
    if type(line) is not int or type(column) is not int:
        raise ValueError("id_pos")
    return line, column


def lookup(key: Key, shown: Path) -> Entry | None:
    """The entry for ``key`` when a valid one exists; problems name the file as ``shown``."""
    try:
        found = _read(key, None)
        if found is None:
            return None
        header, lines = found
        # Every line whole, and as many issue lines as written: an entry cut short at a
        # line end would otherwise read as a valid ledger with fewer issues.
        if lines[-1] != b"" or len(lines) != 6 + _count(header):
            return None
        ledger = _ledger(lines[3], lines[5:])
        attach_extensions(ledger, json.loads(lines[4]))
        problems = [problem_from_json(item, shown) for item in json.loads(lines[0])]
        return Entry(ledger, problems, _id_pos(header))
    except Exception:  # whatever is wrong with an entry, it is only ignored
        return None


def lookup_rows(key: Key, settings: Any) -> RowsEntry | None:
    """The rows kept for ``key`` when they were worked out with ``settings``; None otherwise.

    Reads the first lines only: no model is built.
    """
    try:
        found = _read(key, 2)
        if found is None:
            return None
        header, (_, rows_line) = found
        if settings is None or header.get("settings") != settings:
            return None
        rows = json.loads(rows_line)
        ledger_id = header["ledger_id"]
        if not isinstance(rows, list) or not isinstance(ledger_id, str):
            return None
        if len(rows) != _count(header) or not rows_line.endswith(b"\n"):
            return None
        return RowsEntry(ledger_id, _id_pos(header), rows)
    except Exception:  # whatever is wrong with an entry, it is only ignored
        return None


@dataclass
class EditEntry:
    """An entry for a ledger's very bytes, whatever its date: what a one-issue change needs."""

    key: Key  # the entry's own key (its date included)
    header: dict[str, Any]
    warnings: bytes  # the second line, as written
    rows: bytes  # the third line, as written
    spans: Spans
    rest: bytes  # the lines after the spans (ledger, x- keys, issues); b"" when not read

    @property
    def ledger_id(self) -> str:
        found = self.header["ledger_id"]
        if not isinstance(found, str):
            raise ValueError("ledger_id")
        return found


def lookup_edit(path: Path, raw: bytes, *, whole: bool = True) -> EditEntry | None:
    """The newest valid entry, with spans, for ``path`` holding ``raw``; None when there is none.

    Without ``whole``, only the lines up to the spans are read (enough to find an issue).
    """
    probe = key_for(path, raw, dt.date.min)
    if probe is None:
        return None
    with suppress(OSError):
        found = sorted(
            cache_dir().glob(f"{_path_name(probe)}-*.json"),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for candidate in found:
            entry = _edit_entry(candidate, probe, whole)
            if entry is not None:
                return entry
    return None


def _edit_entry(candidate: Path, probe: Key, whole: bool) -> EditEntry | None:
    try:
        sealed = _open_sealed(candidate, whole=whole)
        if sealed is None:
            return None
        lines = [line.rstrip(b"\n") for line in sealed[0]]
        rest = sealed[1]
        header = json.loads(lines[0])
        if not isinstance(header, dict):
            return None
        key = Key(probe.path, probe.size, probe.mtime_ns, probe.digest, header["as_of"])
        dt.date.fromisoformat(key.as_of)
        if candidate != entry_path(key) or any(
            header.get(name) != value for name, value in key.matched().items()
        ):
            return None
        raw_spans = json.loads(lines[3])
        if raw_spans is None:
            return None
        spans = Spans.from_json(raw_spans)
        if len(spans.ids) != _count(header):
            return None
        # after the spans: the ledger, its x- keys, then one line an issue, each line whole
        if whole and (rest.count(b"\n") != 2 + len(spans.ids) or not rest.endswith(b"\n")):
            return None
        result = EditEntry(key, header, lines[1], lines[2], spans, rest)
        _ = result.ledger_id
        return result
    except Exception:  # whatever is wrong with an entry, it is only ignored
        return None


def store_edited(
    old: EditEntry,
    key: Key,
    index: int,
    *,
    issue: Issue,
    problems: list[Problem],
    row: Any | None,
    length: int,
    lines_after: int,
    line_shift: int,
) -> None:
    """Write the entry for ``key`` (the file after a one-issue change) from ``old`` read whole.

    Issue ``index`` is now ``issue``, written as ``length`` characters; its
    warnings are now ``problems``; warnings on lines from ``lines_after`` on
    move by ``line_shift`` lines; its row (when the entry keeps rows) is
    ``row``, worked out by the entry's own `Derived`. The other issues' lines
    are copied as they are, never parsed.
    """
    data = old.rest
    try:
        ident = old.spans.ids[index]
        kept = [
            item
            for item in json.loads(old.warnings)
            if not (isinstance(item, dict) and item.get("issue_id") == ident)
        ]
        for item in kept:
            line = item["line"]
            if type(line) is int and line >= lines_after:
                item["line"] = line + line_shift
        warnings = _compact(kept + [problem_json(p) for p in problems])
        rows = json.loads(old.rows)
        settings = old.header.get("settings")
        if rows is not None and settings is not None and row is not None:
            rows[index] = row
            rows_line = _compact(rows)
        else:
            rows_line, settings = "null", None
        ledger_end = data.index(b"\n") + 1
        extensions_end = data.index(b"\n", ledger_end) + 1
        extensions = json.loads(data[ledger_end:extensions_end]) or {}
        issues_ext = dict(extensions.get("issues") or {})
        issues_ext.pop(str(index), None)
        own = issue_extensions(issue)
        if own:
            issues_ext[str(index)] = own
        extensions = {k: v for k, v in extensions.items() if k != "issues"}
        if issues_ext:
            extensions["issues"] = issues_ext
        start = extensions_end
        for _ in range(index):
            start = data.index(b"\n", start) + 1
        end = data.index(b"\n", start) + 1
        header = {**old.header, **key.header(), "settings": settings}
        id_line, id_column = _id_pos(header)
        if id_line >= lines_after:  # the ledger block may stand after the issues
            header["id_pos"] = [id_line + line_shift, id_column]
        spans = old.spans.replaced(index, length)
        top = "\n".join(
            [
                json.dumps(header, ensure_ascii=False, allow_nan=False),
                warnings,
                rows_line,
                json.dumps(spans.to_json(), ensure_ascii=False),
                "",
            ]
        ).encode("utf-8", "surrogateescape")
        rest = [
            data[:ledger_end],
            _compact(extensions or None).encode("utf-8") + b"\n",
            data[extensions_end:start],
            issue.model_dump_json(by_alias=True).encode("utf-8") + b"\n",
            data[end:],
        ]
    except (TypeError, ValueError, KeyError, IndexError):
        return
    _write(key, top, rest)


def _ledger(head: bytes, issues: list[bytes]) -> Ledger:
    """The ledger from its JSON without issues and one JSON line per issue."""
    from rectify.model import Ledger

    body = head.rstrip(b"\n")
    if not body.endswith(b"}"):
        raise ValueError("ledger head")
    parts = [line for line in (line.rstrip(b"\n") for line in issues) if line]
    whole = body[:-1] + b',"issues":[' + b",".join(parts) + b"]}"
    return Ledger.model_validate_json(whole)


def store(
    key: Key,
    ledger: Ledger,
    problems: list[Problem],
    id_pos: tuple[int, int],
    *,
    rows: tuple[Any, list[Any]] | None = None,
    spans: Spans | None = None,
) -> None:
    """Write the entry for ``key`` atomically; silently skipped when it cannot be kept exactly.

    ``rows`` are the settings and rows of a `Derived`, kept as they are.
    """
    try:
        header = {
            **key.header(),
            "id_pos": list(id_pos),
            "ledger_id": ledger.ledger.id,
            "issues": len(ledger.issues),
            "settings": rows[0] if rows else None,
        }
        head = json.dumps(header, ensure_ascii=False, allow_nan=False)
        warnings = _compact([problem_json(p) for p in problems])
        rows_line = _compact(rows[1]) if rows else "null"
        extensions = _compact(ledger_extensions(ledger))
    except (TypeError, ValueError):
        return  # something not kept exactly (a value JSON cannot hold): no entry
    spans_line = json.dumps(spans.to_json()) if spans else "null"
    top = [head, warnings, rows_line, spans_line, ""]
    lines = [ledger.model_dump_json(by_alias=True, exclude={"issues"}), extensions]
    # A line per issue, each written as it is made: as text, joined, encoded and sealed in
    # one piece the entry was held four times (0.6 GB for 100,000 issues).
    _write(
        key,
        "\n".join(top).encode("utf-8", "surrogateescape"),
        itertools.chain(
            (_line(text) for text in lines),
            (_line(issue.model_dump_json(by_alias=True)) for issue in ledger.issues),
        ),
    )


def _line(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape") + b"\n"


# --- values worked out from a set of ledgers' bytes ----------------------------------------

VALUE_PREFIX = "value-"
KEEP_VALUES = 32  # the most recently written values kept, of each kind


def _value_path(kind: str, key: str) -> Path:
    name = hashlib.blake2b(f"{kind}\n{key}".encode("utf-8", "surrogateescape"), digest_size=16)
    return cache_dir() / f"{VALUE_PREFIX}{kind}-{name.hexdigest()}.json"


def lookup_value(kind: str, key: Any) -> Any | None:
    """The value kept of ``kind`` for ``key`` (JSON: the ledgers' hashes, the settings...).

    A higher layer's plain JSON, such as the month-by-month rows of a set of ledgers' bytes
    (rectify.figures.months.row_json); None when there is none, or it is not whole and sealed.
    """
    try:
        text = _compact(key)
        secret = _secret()
        if secret is None:
            return None
        with open(_value_path(kind, text), "rb") as handle:
            mark = handle.readline(100).rstrip(b"\n")
            data = handle.read()
        if not hmac.compare_digest(_digest(secret, data), mark):
            return None
        found = json.loads(data)
        if found.get("format") != FORMAT or found.get("version") != VERSION:
            return None
        if found.get("kind") != kind or found.get("key") != json.loads(text):
            return None
        return found["value"]
    except Exception:  # whatever is wrong with a value, it is only ignored
        return None


def store_value(kind: str, key: Any, value: Any) -> None:
    """Keep ``value`` of ``kind`` for ``key`` (both JSON), sealed; skipped when it cannot be."""
    secret = _secret()
    if secret is None:
        return
    try:
        text = _compact(key)
        body = {"format": FORMAT, "version": VERSION, "kind": kind, "key": key, "value": value}
        data = _compact(body).encode("utf-8", "surrogateescape")
    except (TypeError, ValueError):
        return
    path = _value_path(kind, text)
    with suppress(OSError):
        fd, tmp = tempfile.mkstemp(prefix=".value.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_digest(secret, data) + b"\n" + data)
            os.replace(tmp, path)
        except OSError:
            with suppress(OSError):
                os.unlink(tmp)
            return
        kept = sorted(
            path.parent.glob(f"{VALUE_PREFIX}{kind}-*.json"),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in kept[KEEP_VALUES:]:
            old.unlink()


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _write(key: Key, top: bytes, rest: Iterable[bytes]) -> None:
    """Write an entry: ``top``, its first `TOP_LINES` lines, and ``rest``, the others in
    pieces, each written and let go as it comes (never all of them at once): the seal
    line is written last, over the space kept for it at the start."""
    folder = cache_dir()
    secret = _secret()
    if secret is None:
        return  # a folder that is not private, or no key: nothing is kept
    if top.count(b"\n") != TOP_LINES or not top.endswith(b"\n"):
        return  # not the lines the first seal covers: no entry
    with suppress(OSError, ValueError):
        first = _digest(secret, top)
        second = seal.digester(secret)
        second.update(first)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(b" " * _SEAL_LINE + top)
                for part in rest:
                    second.update(part)
                    handle.write(part)
                handle.seek(0)
                handle.write(first + b" " + second.hexdigest().encode("ascii") + b"\n")
            os.replace(tmp, entry_path(key))
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
    _prune(key)


# The seal line's length: two hex SHA-256 digests, a space and the line end.
_SEAL_LINE = 64 + 1 + 64 + 1

__all__ = [
    "Derived",
    "EditEntry",
    "Entry",
    "Key",
    "RowsEntry",
    "Spans",
    "cache_dir",
    "enabled",
    "entry_path",
    "key_for",
    "lookup",
    "lookup_edit",
    "lookup_rows",
    "lookup_value",
    "store",
    "store_edited",
    "store_value",
]
