"""A three-way merge of one ledger file, issue by issue (the git merge driver's core).

git merges text line by line; two people appending at the end of the same
file, even with different issues, "conflict". Here each version is cut into
its header, one block of lines per issue and what follows the list; blocks
are paired by issue id and merged one by one:

- an issue changed on one side only takes that side's lines;
- an issue changed on both sides is merged field by field (`merge_issue`): each
  field from the side that changed it; the dated history lists (``progress``,
  ``deadline_changes``, ``reopened``: every list of dated entries in the model)
  as the union of both sides' entries in date order, one entry added on both
  sides kept once; ``completion`` and ``deadline`` changed on both sides are
  what the merged history says they are. A field changed on both sides to
  different values is a conflict: git's markers around just that field's lines,
  named (issue, field) in ``Merged.fields``. The merged issue is checked, and a
  merge that breaks a rule neither side broke is a conflict of the whole issue,
  never a clean invalid file. What cannot be cut into fields (an issue written
  in flow style, keys in another order) is merged line by line (git merge-file);
- new issues from both sides are kept: ours where they are, theirs appended
  at the end; a new issue of theirs whose id is already taken gets the next
  free id;
- an issue deleted on one side and untouched on the other is deleted.

Pure: the line-by-line merge is passed in, so this module never runs git.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from rectify.errors import Problem, Severity
from rectify.ledger.ids import id_prefix, next_free, replace_scalar, width_of
from rectify.ledger.yaml import parse_text, safe_loader

# (ours, base, theirs) -> (merged text, number of conflicts)
TextMerge = Callable[[str, str, str], tuple[str, int]]


@dataclass(frozen=True, slots=True)
class Block:
    """The lines of one issue: its body (and comments after it) and the blank lines that follow."""

    id: str
    body: str
    gap: str
    id_line: int  # 1-based line of the id value within the body
    id_column: int


@dataclass
class Split:
    """One version of a ledger file cut into header, issue blocks and tail."""

    prefix: str
    blocks: list[Block]
    suffix: str
    newline: str
    id_prefix: str | None

    def ids(self) -> list[str]:
        return [block.id for block in self.blocks]


@dataclass
class Merged:
    """The merged text, how many conflicts it has, and the issues given new ids (old, new)."""

    text: str
    conflicts: int = 0
    renumbered: list[tuple[str, str]] = field(default_factory=list)
    # (issue id, field) of every field marked as a conflict; field "*" for a whole issue
    fields: list[tuple[str, str]] = field(default_factory=list)
    # (issue id, the first problem's words) for each issue whose merged fields break a rule
    broken: list[tuple[str, Problem]] = field(default_factory=list)


def split(text: str) -> Split | None:
    """Cut a ledger file into header, issue blocks and tail; None when it is not one.

    Needs a mapping with a block-style ``issues`` list whose items all have a
    textual, unique id.
    """
    doc = parse_text(Path("<merge>"), text)
    root = doc.root
    if doc.problems or not isinstance(root, yaml.MappingNode) or not isinstance(doc.data, dict):
        return None
    pairs = list(root.value)
    at = next((i for i, (k, _) in enumerate(pairs) if getattr(k, "value", None) == "issues"), None)
    if at is None:
        return None
    node = pairs[at][1]
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        return None
    ids = _ids(doc.data.get("issues"))
    if ids is None:
        return None
    lines = text.splitlines(keepends=True)
    starts = [_dash_line(lines, item.start_mark.line) for item in node.value]
    end = pairs[at + 1][0].start_mark.line if at + 1 < len(pairs) else len(lines)
    if any(b <= a for a, b in pairwise(starts)) or end <= starts[-1]:
        return None
    blocks = []
    for index, (start, ident) in enumerate(zip(starts, ids, strict=True)):
        stop = starts[index + 1] if index + 1 < len(starts) else end
        chunk = lines[start:stop]
        cut = len(chunk)
        while cut > 1 and not chunk[cut - 1].strip():
            cut -= 1
        pos = doc.value_pos(("issues", index, "id"))
        blocks.append(
            Block(
                id=ident,
                body="".join(chunk[:cut]),
                gap="".join(chunk[cut:]),
                id_line=pos.line - start,
                id_column=pos.column,
            )
        )
    meta = doc.data.get("ledger")
    declared = meta.get("id_prefix") if isinstance(meta, dict) else None
    return Split(
        prefix="".join(lines[: starts[0]]),
        blocks=blocks,
        suffix="".join(lines[end:]),
        newline=doc.newline,
        id_prefix=declared if isinstance(declared, str) else None,
    )


def _ids(raw: object) -> list[str] | None:
    if not isinstance(raw, list):
        return None
    ids = [item.get("id") if isinstance(item, dict) else None for item in raw]
    if not all(isinstance(i, str) and i for i in ids) or len(set(ids)) != len(ids):
        return None
    return [str(i) for i in ids]


def _dash_line(lines: list[str], line: int) -> int:
    """The line of the ``-`` that opens the item whose content starts on ``line`` (0-based)."""
    while line > 0 and not lines[line].lstrip().startswith("-"):
        line -= 1
    return line


def merge(
    base: str,
    ours: str,
    theirs: str,
    text_merge: TextMerge,
    *,
    labels: tuple[str, str] = ("ours", "theirs"),
    as_of: dt.date | None = None,
) -> Merged | None:
    """Merge three versions of a ledger issue by issue; None when one is not a ledger list.

    ``text_merge`` merges three texts line by line (git merge-file) for the parts
    changed on both sides. Returns None too when a new id is needed and no
    prefix can be told: the caller then merges the whole file line by line.
    """
    old, mine, other = split(base), split(ours), split(theirs)
    if old is None or mine is None or other is None:
        return None
    result = Merged(text="")
    prefix = _three(old.prefix, mine.prefix, other.prefix, text_merge, result)
    suffix = _three(old.suffix, mine.suffix, other.suffix, text_merge, result)
    in_base = {b.id: b for b in old.blocks}
    in_theirs = {b.id: b for b in other.blocks}
    in_ours = {b.id: b for b in mine.blocks}
    out: list[tuple[str, str | None]] = []  # (body, its own gap when it keeps its place)
    last_ours = mine.blocks[-1].id
    for block in mine.blocks:
        gap = None if block.id == last_ours else block.gap
        if block.id not in in_base:
            out.append((block.body, gap))
            continue
        if block.id in in_theirs:
            sides = (in_base[block.id].body, block.body, in_theirs[block.id].body)
            if len({*sides}) == 3:  # changed on both sides, differently
                context = _Context(mine.prefix, mine.suffix, text_merge, labels, as_of, result)
                body = merge_issue(block.id, *sides, context)
            else:
                body = _three(*sides, text_merge, result)
            out.append((body, gap))
        elif block.body != in_base[block.id].body:  # changed here, deleted there
            out.append((_three(in_base[block.id].body, block.body, "", text_merge, result), gap))
    taken = set(in_ours) | set(in_base)
    prefix_of_ids = id_prefix([*mine.ids(), *other.ids()], mine.id_prefix or other.id_prefix)
    for block in other.blocks:
        if block.id in in_base:
            if block.id not in in_ours and block.body != in_base[block.id].body:
                # deleted here, changed there
                out.append(
                    (_three(in_base[block.id].body, "", block.body, text_merge, result), None)
                )
            continue
        if block.id in in_ours and in_ours[block.id].body == block.body:
            continue  # the same new issue on both sides
        body = block.body
        if block.id in taken:
            if prefix_of_ids is None:
                return None
            new = next_free(taken | set(in_theirs), prefix_of_ids, width_of(block.id))
            body = replace_scalar(body, block.id_line, block.id_column, new)
            result.renumbered.append((block.id, new))
            taken.add(new)
        else:
            taken.add(block.id)
        out.append((body, None))
    result.text = prefix + _join(out, mine, other) + suffix
    return result


def _three(base: str, ours: str, theirs: str, text_merge: TextMerge, result: Merged) -> str:
    """One part merged: the side that changed it, else both line by line."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    text, conflicts = text_merge(ours, base, theirs)
    result.conflicts += conflicts
    return text


def _join(out: list[tuple[str, str | None]], mine: Split, other: Split) -> str:
    """The blocks one after another, separated as the file separates its issues."""
    nl = mine.newline
    usual = Counter(b.gap for b in mine.blocks[:-1]) or Counter(b.gap for b in other.blocks[:-1])
    separator = usual.most_common(1)[0][0] if usual else ""
    separator = separator.replace("\r\n", "\n").replace("\n", nl)
    parts = []
    for index, (body, gap) in enumerate(out):
        last = index == len(out) - 1
        if last:
            parts.append(body + mine.blocks[-1].gap if body else "")
            continue
        if body and not body.endswith("\n"):
            body += nl
        parts.append(body + (separator if gap is None else gap) if body else "")
    return "".join(parts)


# --- one issue, field by field --------------------------------------------------------------


@dataclass
class _Context:
    """What merging one issue needs beyond its three versions."""

    prefix: str  # the text before the issues list, to check the merged issue in a small ledger
    suffix: str
    text_merge: TextMerge
    labels: tuple[str, str]
    as_of: dt.date | None
    result: Merged


@dataclass
class _Entry:
    """One key of an issue: its lines (with the comments after them) and its value."""

    key: str
    text: str
    data: Any
    node: yaml.Node  # the value's node, its marks counted in the issue's lines
    line: int  # where the entry's lines start among the issue's (0-based)
    column: int  # the key's column


@cache
def history_keys() -> frozenset[str]:
    """The issue's append-only history: every list of dated entries in the model."""
    from rectify.model import Issue

    found = set()
    for name, info in Issue.model_fields.items():
        args: tuple[Any, ...] = getattr(info.annotation, "__args__", ())
        kind = args[0] if len(args) == 1 else None
        if (
            getattr(info.annotation, "__origin__", None) is list
            and isinstance(kind, type)
            and issubclass(kind, BaseModel)
            and "date" in kind.model_fields
        ):
            found.add(info.alias or name)
    return frozenset(found)


# A field the history decides: its value is the last entry's, whichever side wrote it.
_DERIVED = {"completion": ("progress", "completion"), "deadline": ("deadline_changes", "to")}


def merge_issue(ident: str, base: str, ours: str, theirs: str, ctx: _Context) -> str:
    """One issue changed on both sides, merged field by field (see the module's doc)."""
    cut = [_entries(text) for text in (base, ours, theirs)]
    old, mine, other = cut
    if old is None or mine is None or other is None or not _same_opening(old, mine, other):
        return _three(base, ours, theirs, ctx.text_merge, ctx.result)
    b, o, t = ({e.key: e for e in entries} for entries in (old, mine, other))
    chosen: dict[str, str | None] = {}
    clashes: list[str] = []
    derived: list[str] = []
    for key in _key_order(mine, other):
        eb, eo, et = b.get(key), o.get(key), t.get(key)
        tb, to, tt = (e.text if e else None for e in (eb, eo, et))
        if to == tt or tt == tb:
            chosen[key] = to
        elif to == tb:
            chosen[key] = tt
        elif eo is not None and et is not None and _same_data(eo.data, et.data):
            chosen[key] = to
        elif key in history_keys() and eo is not None and et is not None:
            union = _union(eb, eo, et)
            if union is None:
                clashes.append(key)
            chosen[key] = union
        elif key in _DERIVED and eo is not None and et is not None:
            derived.append(key)
            chosen[key] = to
        else:
            clashes.append(key)
            chosen[key] = None
    for key in derived:
        wanted = _from_history(key, chosen, o, t)
        found = [e for e in (o[key], t[key]) if wanted is not None and e.data == wanted]
        side = found[0] if found else None
        if side is None:
            clashes.append(key)
        else:
            chosen[key] = side.text
    nl = "\r\n" if "\r\n" in ours else "\n"
    if not clashes:
        text = _join_entries([chosen[k] for k in chosen], ours, nl)
        problem = _breaks_a_rule(ident, text, ours, theirs, ctx)
        if problem is None:
            return text
        ctx.result.broken.append((ident, problem))
        ctx.result.fields.append((ident, "*"))
        ctx.result.conflicts += 1
        return _markers(ours, theirs, ctx.labels, nl)
    parts: list[str | None] = []
    for key in chosen:
        if key in clashes:
            eb, eo, et = b.get(key), o.get(key), t.get(key)
            text, count = ctx.text_merge(
                _ended(eo.text if eo else "", nl),
                _ended(eb.text if eb else "", nl),
                _ended(et.text if et else "", nl),
            )
            if not count:  # lines apart inside one value (a block text): still the field's
                text = _markers(eo.text if eo else "", et.text if et else "", ctx.labels, nl)
            ctx.result.conflicts += 1
            ctx.result.fields.append((ident, key))
            parts.append(text)
        else:
            parts.append(chosen[key])
    return _join_entries(parts, ours, nl)


def _entries(body: str) -> list[_Entry] | None:
    """An issue's lines cut into its keys; None unless it is a block mapping, a key a line."""
    loader = safe_loader()
    try:
        root = yaml.compose(body, Loader=loader)
        data = yaml.load(body, Loader=loader)  # the safe loader
    except Exception:  # a value the issue-level merge cannot read: merge the lines
        return None
    if (
        not isinstance(root, yaml.SequenceNode)
        or len(root.value) != 1
        or not isinstance(root.value[0], yaml.MappingNode)
        or root.value[0].flow_style
        or not root.value[0].value
        or not isinstance(data, list)
        or not isinstance(data[0], dict)
    ):
        return None
    lines = body.splitlines(keepends=True)
    pairs = root.value[0].value
    starts = [0] + [k.start_mark.line for k, _ in pairs[1:]]
    if any(b <= a for a, b in pairwise(starts)):
        return None
    for key, _ in pairs[1:]:
        if (
            not isinstance(key, yaml.ScalarNode)
            or lines[key.start_mark.line][: key.start_mark.column].strip()
        ):
            return None
    entries = []
    for index, (key, value) in enumerate(pairs):
        stop = starts[index + 1] if index + 1 < len(pairs) else len(lines)
        text = "".join(lines[starts[index] : stop])
        entries.append(
            _Entry(
                str(key.value),
                text,
                data[0].get(key.value),
                value,
                starts[index],
                int(key.start_mark.column),
            )
        )
    return entries


def _same_opening(*sides: list[_Entry]) -> bool:
    """The same first key on the ``-`` line, and the same indentation, in all three."""
    first = {(e[0].key, e[0].text.split(":", 1)[0]) for e in sides}
    columns = {e[1].column if len(e) > 1 else -1 for e in sides}
    return len(first) == 1 and len(columns - {-1}) <= 1


def _key_order(mine: list[_Entry], other: list[_Entry]) -> list[str]:
    """Our keys in our order, each key only theirs after the key it follows there."""
    order = [e.key for e in mine]
    for index, entry in enumerate(other):
        if entry.key in order:
            continue
        before = [e.key for e in other[:index] if e.key in order]
        order.insert(order.index(before[-1]) + 1 if before else len(order), entry.key)
    return order


def _same_data(a: Any, b: Any) -> bool:
    return type(a) is type(b) and bool(a == b)


def _date(item: Any) -> str | None:
    when = item.get("date") if isinstance(item, dict) else None
    return when.isoformat() if isinstance(when, dt.date) else None


def _items(entry: _Entry) -> tuple[str, list[tuple[str, Any]], int] | None:
    """A block list entry cut into its key line(s) and items: (head, [(text, data)], dash)."""
    node = entry.node
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        return None
    if not isinstance(entry.data, list) or len(entry.data) != len(node.value):
        return None
    lines = entry.text.splitlines(keepends=True)
    starts = []
    for item in node.value:
        line = int(item.start_mark.line) - entry.line
        while 0 < line < len(lines) and not lines[line].lstrip().startswith("-"):
            line -= 1
        if not 0 < line < len(lines) or not lines[line].lstrip().startswith("- "):
            return None
        starts.append(line)
    if any(b <= a for a, b in pairwise(starts)):
        return None
    column = len(lines[starts[0]]) - len(lines[starts[0]].lstrip(" "))
    items = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(lines)
        items.append(("".join(lines[start:stop]), entry.data[index]))
    return "".join(lines[: starts[0]]), items, column


def _union(base: _Entry | None, ours: _Entry, theirs: _Entry) -> str | None:
    """Both sides' entries of a dated history list in date order, each once; None on a clash.

    Each side may have appended entries; at most one may have changed or taken
    away entries the base had. The other side's new entries go after the last
    entry dated on or before them, in their own lines.
    """
    cut_o, cut_t = _items(ours), _items(theirs)
    if cut_o is None or cut_t is None or cut_o[2] != cut_t[2]:
        return None
    old = base.data if base is not None and isinstance(base.data, list) else []
    if base is not None and base.data not in (None, []) and not isinstance(base.data, list):
        return None
    head, mine = cut_o[0], cut_o[1]
    other = cut_t[1]
    mine_data = [d for _, d in mine]
    other_data = [d for _, d in other]
    appended_o = mine_data[: len(old)] == old
    appended_t = other_data[: len(old)] == old
    if not appended_o and not appended_t:
        return None  # both changed what was there
    if appended_t:  # ours as it stands (perhaps with old entries changed), and theirs' new
        merged = list(mine)
        new = [item for item in other[len(old) :] if item[1] not in mine_data]
    else:  # theirs changed old entries, ours only added: theirs, and ours' new
        head = cut_t[0]
        merged = list(other)
        new = [item for item in mine[len(old) :] if item[1] not in other_data]
    if any(_date(data) is None for _, data in [*merged, *new]):
        return None
    for item in new:
        when = _date(item[1]) or ""
        at = len(merged)
        while at > 0 and (_date(merged[at - 1][1]) or "") > when:
            at -= 1
        merged.insert(at, item)
    nl = "\r\n" if "\r\n" in ours.text else "\n"
    return head + "".join(_ended(text, nl) for text, _ in merged[:-1]) + merged[-1][0]


def _from_history(
    key: str, chosen: dict[str, str | None], ours: dict[str, _Entry], theirs: dict[str, _Entry]
) -> Any:
    """What a derived field must be after the merge: the last merged history entry's value."""
    history, field_name = _DERIVED[key]
    text = chosen.get(history)
    if text is None:
        return None
    try:
        data = yaml.load("x:\n" + text, Loader=safe_loader())
    except Exception:
        return None
    items = data.get("x", {}).get(history) if isinstance(data, dict) else None
    if not isinstance(items, list) or not items or not isinstance(items[-1], dict):
        return None
    return items[-1].get(field_name)


def _ended(text: str, nl: str) -> str:
    return text if not text or text.endswith("\n") else text + nl


def _join_entries(parts: list[str | None], ours: str, nl: str) -> str:
    """The issue's lines again, from its entries; it ends with a line end if ours did."""
    kept = [p for p in parts if p]
    text = "".join(_ended(p, nl) for p in kept)
    return text if ours.endswith("\n") else text.removesuffix(nl)


def _markers(ours: str, theirs: str, labels: tuple[str, str], nl: str) -> str:
    """Both versions between git's conflict markers."""
    return (
        f"<<<<<<< {labels[0]}{nl}{_ended(ours, nl)}======={nl}"
        f"{_ended(theirs, nl)}>>>>>>> {labels[1]}{nl}"
    )


def _breaks_a_rule(ident: str, text: str, ours: str, theirs: str, ctx: _Context) -> Problem | None:
    """The first error the merged issue has that neither side's version had; None if none."""
    from rectify.ledger.check import check_document

    day = ctx.as_of or dt.date.today()

    def errors(body: str) -> list[Problem]:
        doc = parse_text(Path("<merge>"), ctx.prefix + _ended(body, "\n") + ctx.suffix)
        _, found = check_document(doc, as_of=day)
        return [p for p in found if p.severity is Severity.ERROR]

    had = {p.key for p in [*errors(ours), *errors(theirs)]}
    return next((p for p in errors(text) if p.key not in had), None)


__all__ = ["Block", "Merged", "Split", "TextMerge", "history_keys", "merge", "merge_issue", "split"]
