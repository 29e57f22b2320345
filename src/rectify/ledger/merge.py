"""A three-way merge of one ledger file, issue by issue (the git merge driver's core).

git merges text line by line; two people appending at the end of the same
file, even with different issues, "conflict". Here each version is cut into
its header, one block of lines per issue and what follows the list; blocks
are paired by issue id and merged one by one:

- an issue changed on one side only takes that side's lines;
- an issue changed on both sides is merged line by line (git merge-file), and
  only a real clash of the same lines is a conflict, marked inside that issue;
- new issues from both sides are kept: ours where they are, theirs appended
  at the end; a new issue of theirs whose id is already taken gets the next
  free id;
- an issue deleted on one side and untouched on the other is deleted.

Pure: the line-by-line merge is passed in, so this module never runs git.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import yaml

from rectify.ledger.ids import id_prefix, next_free, replace_scalar, width_of
from rectify.ledger.yaml import parse_text

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


def merge(base: str, ours: str, theirs: str, text_merge: TextMerge) -> Merged | None:
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
            body = _three(
                in_base[block.id].body, block.body, in_theirs[block.id].body, text_merge, result
            )
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


__all__ = ["Block", "Merged", "Split", "TextMerge", "merge", "split"]
