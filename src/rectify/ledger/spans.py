"""Where things are in ledger text: line ends, the span of a YAML node or entry, comments.

The minimal edits (rectify.ledger.edit) and the formatter (rectify.ledger.fmt)
both cut and splice ledger text by these spans, so neither re-dumps a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import yaml

# --- text and nodes --------------------------------------------------------------------


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """Index just past the line break of the line holding ``index`` (or the end of the text)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def node_start(node: yaml.Node) -> int:
    return int(node.start_mark.index)


def is_block(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style


def block_header(text: str, start: int) -> str:
    """The indicators of a block scalar starting at ``start``: ``|``, ``|-``, ``>+2``..."""
    found = re.match(r"[|>][-+0-9]*", text[start : start + 8])
    return found.group() if found else text[start : start + 1]


def content_end(text: str, node: yaml.Node) -> int:
    """Index just past the last character of ``node``'s own text, trailing comments excluded.

    A block collection's end mark lies at the next token, past the comments
    and blank lines that follow it, so its end is its last child's end.
    """
    while True:
        if isinstance(node, yaml.ScalarNode):
            start, end = node_start(node), int(node.end_mark.index)
            if node.style in ("|", ">"):
                if "+" in block_header(text, start):  # kept trailing line ends are its text
                    last = text.rfind("\n", start, end)
                    return last if last >= 0 else end
                return start + len(text[start:end].rstrip())
            return end
        if not is_block(node) or not node.value:
            return int(node.end_mark.index)
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last


def entry_span(text: str, key: yaml.Node, value: yaml.Node) -> tuple[int, int, bool]:
    """Where an entry's lines start and end, and whether its key follows a ``-`` on its line."""
    at = node_start(key)
    first = line_start(text, at)
    midline = bool(text[first:at].strip())
    return (at if midline else first), line_end(text, content_end(text, value)), midline


def dash_at(text: str, seq: yaml.SequenceNode, item: yaml.Node) -> int:
    """Index of the ``-`` of ``item`` in the block sequence ``seq``."""
    col = int(seq.start_mark.column)
    at = node_start(item)
    first = line_start(text, at)
    while True:
        pos = first + col
        if (
            pos < at
            and text.startswith("-", pos)
            and not text[first:pos].strip()
            and text[pos + 1 : pos + 2] in ("", " ", "\n", "\r", "\t")
        ):
            return pos
        if first == 0:
            return node_start(seq)
        first = line_start(text, first - 1)


def scalar_ranges(text: str, node: yaml.Node, limit: int) -> Iterator[tuple[int, int]]:
    """Character ranges of the scalars under ``node`` that start before ``limit``.

    A block scalar's header line is left out past its indicators, so that a
    comment after ``|-`` is seen as one.
    """
    stack = [node]
    while stack:
        n = stack.pop()
        if node_start(n) >= limit:
            continue
        if isinstance(n, yaml.ScalarNode):
            start, end = node_start(n), int(n.end_mark.index)
            if n.style in ("|", ">"):
                yield start, start + len(block_header(text, start))
                yield line_end(text, start), end
            else:
                yield start, end
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def comment_after(text: str, lo: int, ranges: Sequence[tuple[int, int]]) -> str:
    """The comment on the line of ``lo`` after ``lo``, with the spaces before it; '' when none."""
    hi = text.find("\n", lo)
    hi = len(text) if hi < 0 else hi
    p = text.find("#", lo, hi)
    while p >= 0:
        if text[p - 1] in " \t" and not any(s <= p < e for s, e in ranges):
            gap = p
            while gap > lo and text[gap - 1] in " \t":
                gap -= 1
            return text[gap:hi].rstrip()
        p = text.find("#", p + 1, hi)
    return ""


def key_line_comment(text: str, key: yaml.Node, value: yaml.Node) -> str:
    """The end-of-line comment on a key's line, kept when the key's block is rewritten."""
    lo = int(key.end_mark.index)
    hi = line_end(text, lo)
    return comment_after(text, lo, list(scalar_ranges(text, value, hi)))


def item_span_at(text: str, seq: yaml.SequenceNode, item: yaml.Node) -> tuple[int, int]:
    dash = dash_at(text, seq, item)
    return line_start(text, dash), line_end(text, content_end(text, item))
