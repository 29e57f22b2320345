"""Issue ids: finding an issue by id, the next free id, and renumbering duplicates."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rectify.errors import DataError, NotFound
from rectify.ledger.yaml import Document
from rectify.model import Issue, Ledger
from rectify.suggest import suggest

MAX_CANDIDATES = 5

_NUMBER = re.compile(r"(\d+)$")
# What a ledger id and an id prefix may be: a file name and an id part on every system.
LEDGER_ID = re.compile(r"^\w[\w.-]*$")
PREFIX = re.compile(r"^\w+(?:-\w+)*$")
_PREFIXED = re.compile(r"^(.+?)-(\d+)$")


# --- finding issues ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """An issue found by id: which of the given ledgers holds it, and the issue."""

    index: int
    issue: Issue


def find_issue(ledgers: Sequence[Ledger], issue_id: str) -> Found:
    """The one issue called ``issue_id`` across ``ledgers`` (see `find_id`).

    Last year's issue that another one continues (its ``carried_from``) gives
    way to it: with both years in scope, SMX-003 is this year's SMX-003.
    """
    carried = {
        issue.carried_from for ledger in ledgers for issue in ledger.issues if issue.carried_from
    }
    index, position = find_id(
        [(ledger.ledger.id, [issue.id for issue in ledger.issues]) for ledger in ledgers],
        issue_id,
        superseded=carried,
    )
    return Found(index, ledgers[index].issues[position])


def find_id(
    ledgers: Sequence[tuple[str, Sequence[str]]],
    issue_id: str,
    *,
    superseded: Collection[str] = (),
) -> tuple[int, int]:
    """Where the one issue called ``issue_id`` is: (which ledger, which issue of it).

    ``ledgers`` gives each ledger's id and its issues' ids. ``LEDGER-ID/ISSUE-ID``
    names an issue of one ledger. An id matching no issue exactly may match one
    regardless of case (smx-001 finds SMX-001). Of several matches, those named
    in ``superseded`` ('ledger-id/issue-id' carried into another ledger) give
    way to the others. Raises NotFound listing the candidates when the id is
    unknown or is used in several ledgers.
    """
    wanted = issue_id.strip()
    ledger_id, _, bare = wanted.rpartition("/")
    pool = [
        (index, position, ident)
        for index, (own_id, ids) in enumerate(ledgers)
        if not ledger_id or own_id == ledger_id
        for position, ident in enumerate(ids)
    ]
    matches = [entry for entry in pool if entry[2] == bare]
    if not matches:
        matches = [entry for entry in pool if entry[2].casefold() == bare.casefold()]
    if len(matches) > 1:
        current = [m for m in matches if f"{ledgers[m[0]][0]}/{m[2]}" not in superseded]
        matches = current if len(current) == 1 else matches
    if len(matches) == 1:
        index, position, _ = matches[0]
        return index, position
    if matches:
        names = [f"{ledgers[index][0]}/{ident}" for index, _, ident in matches]
        raise NotFound("ops.ambiguous", id=wanted, candidates=", ".join(names))
    candidates = _id_candidates(bare, [ident for _, _, ident in pool])
    if candidates:
        raise NotFound("ops.not_found.suggest", id=wanted, candidates=", ".join(candidates))
    raise NotFound("ops.not_found", id=wanted, count=len(pool))


def _id_candidates(wanted: str, ids: Sequence[str]) -> list[str]:
    """Ids a user may have meant: the same number under any prefix, then ids spelt alike."""
    found: list[str] = []
    number = _NUMBER.search(wanted)
    if number:
        found += [i for i in ids if (m := _NUMBER.search(i)) and int(m[1]) == int(number[1])]
    found += suggest(wanted, ids, n=MAX_CANDIDATES)
    return list(dict.fromkeys(found))[:MAX_CANDIDATES]


def ledger_prefix(ledger: Ledger) -> str:
    """The prefix of a ledger's new ids (see `id_prefix`); DataError when there is none."""
    found = id_prefix([issue.id for issue in ledger.issues], ledger.ledger.id_prefix)
    if found is None:
        raise DataError("ops.no_prefix", ledger=ledger.ledger.id)
    return found


def next_id(ledger: Ledger, *, width: int = 3) -> str:
    """The next free id, PREFIX-NNN: one more than the highest number used with that prefix."""
    prefix = ledger_prefix(ledger)
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    numbers = [int(m[1]) for issue in ledger.issues if (m := pattern.match(issue.id))]
    return f"{prefix}-{max(numbers, default=0) + 1:0{width}d}"


_NUMBERED = re.compile(r"^(.+)-(\d+)$")
DEFAULT_WIDTH = 3


@dataclass(frozen=True, slots=True)
class Renumbered:
    """One issue given a new id."""

    index: int  # its place in the list of issues
    old: str
    new: str
    line: int = 0  # the line of its id in the file (0: not read from a file)
    first: int = 0  # the line of the issue that keeps the id


def id_prefix(ids: Sequence[str], declared: str | None) -> str | None:
    """The prefix of new ids: the ledger's id_prefix, else the one the last numbered id uses."""
    if declared:
        return declared
    for ident in reversed(ids):
        match = _NUMBERED.match(ident)
        if match:
            return match[1]
    return None


def next_free(taken: Iterable[str], prefix: str, width: int = DEFAULT_WIDTH) -> str:
    """The next free id with ``prefix``: one above the highest number in use, ``width`` digits."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    numbers = [int(m[1]) for ident in taken if (m := pattern.match(ident))]
    return f"{prefix}-{max(numbers, default=0) + 1:0{width}d}"


def width_of(ident: str) -> int:
    """How many digits the number of ``ident`` has (SMX-026: 3), for the new id."""
    match = _NUMBERED.match(ident)
    return len(match[2]) if match else DEFAULT_WIDTH


def plan(
    ids: Sequence[str], declared_prefix: str | None, *, path: Path | None = None
) -> list[Renumbered]:
    """Which issues get which new id: every later copy of an id, in file order.

    Raises DataError when a new id is needed and no prefix can be told.
    """
    taken = set(ids)
    seen: set[str] = set()
    result: list[Renumbered] = []
    for index, ident in enumerate(ids):
        if ident not in seen:
            seen.add(ident)
            continue
        prefix = id_prefix(ids, declared_prefix)
        if prefix is None:
            raise DataError("fixids.no_prefix", path=path, id=ident)
        new = next_free(taken, prefix, width_of(ident))
        taken.add(new)
        result.append(Renumbered(index, ident, new))
    return result


def fix_ledger(ledger: Ledger) -> tuple[Ledger, list[Renumbered]]:
    """The ledger with every later duplicate id renumbered, and what was renumbered."""
    changes = plan([issue.id for issue in ledger.issues], ledger.ledger.id_prefix)
    if not changes:
        return ledger, []
    new = ledger.model_copy(deep=True)
    for change in changes:
        new.issues[change.index].id = change.new
    return new, changes


def raw_ids(doc: Document) -> tuple[list[str], str | None] | None:
    """The issue ids as written in a parsed file, and its id_prefix; None when not a ledger list."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("issues"), list):
        return None
    ids = []
    for raw in data["issues"]:
        ident = raw.get("id") if isinstance(raw, dict) else None
        ids.append(ident if isinstance(ident, str) else "")
    meta = data.get("ledger")
    prefix = meta.get("id_prefix") if isinstance(meta, dict) else None
    return ids, prefix if isinstance(prefix, str) else None


def fix_document(doc: Document) -> tuple[str, list[Renumbered]]:
    """The file's text with later duplicate ids renumbered, and what was renumbered.

    Raises DataError when a new id is needed and no prefix can be told.
    """
    found = raw_ids(doc)
    if found is None:
        return doc.text, []
    ids, prefix = found
    # Issues without a textual id are left to `check`; they take no part here.
    real = [(i, ident) for i, ident in enumerate(ids) if ident]
    changes = plan([ident for _, ident in real], prefix, path=doc.path)
    if not changes:
        return doc.text, []
    first_line: dict[str, int] = {}
    for index, ident in real:
        first_line.setdefault(ident, doc.key_pos(("issues", index, "id")).line)
    text = doc.text
    placed = []
    # Edit from the bottom up, so that earlier positions stay valid.
    for change in sorted(changes, key=lambda c: -c.index):
        index = real[change.index][0]
        pos = doc.value_pos(("issues", index, "id"))
        text = replace_scalar(text, pos.line, pos.column, change.new)
        placed.append(
            Renumbered(index, change.old, change.new, pos.line, first_line.get(change.old, 0))
        )
    return text, sorted(placed, key=lambda c: c.index)


def replace_scalar(text: str, line: int, column: int, value: str) -> str:
    """``text`` with the one-line scalar at (``line``, ``column``) replaced, quoting kept."""
    lines = text.splitlines(keepends=True)
    current = lines[line - 1]
    start = column - 1
    end = _scalar_end(current, start)
    quote = current[start] if current[start] in "'\"" else ""
    lines[line - 1] = current[:start] + f"{quote}{value}{quote}" + current[end:]
    return "".join(lines)


def _scalar_end(line: str, start: int) -> int:
    """Where the scalar starting at ``start`` ends (exclusive)."""
    body = line.rstrip("\r\n")
    if body[start : start + 1] in ("'", '"'):
        quote = body[start]
        at = start + 1
        while at < len(body):
            if body[at] == "\\" and quote == '"':
                at += 2
                continue
            if body[at] == quote:
                if quote == "'" and body[at + 1 : at + 2] == "'":
                    at += 2
                    continue
                return at + 1
            at += 1
        return len(body)
    end = len(body)
    for stop in (" #", "\t#", ",", "}", "]"):
        found = body.find(stop, start)
        if found != -1:
            end = min(end, found)
    return len(body[:end].rstrip()) if end > start else end


__all__ = [
    "Renumbered",
    "fix_document",
    "fix_ledger",
    "id_prefix",
    "next_free",
    "plan",
    "raw_ids",
    "replace_scalar",
    "width_of",
]
