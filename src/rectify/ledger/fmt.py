"""The canonical form of a ledger (`rectify fmt`), keeping every comment."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from rectify.ledger.check import check_document
from rectify.ledger.edit import _has_blank
from rectify.ledger.emit import (
    _ANY_DAY,
    EXTENSION_PREFIX,
    _flow,
    _indented,
    _inline,
    _is_collection,
    _literal,
    render_scalar,
)
from rectify.ledger.spans import (
    content_end,
    dash_at,
    entry_span,
    is_block,
    item_span_at,
    line_end,
    line_start,
    node_start,
    scalar_ranges,
)
from rectify.ledger.yaml import Document, Loader, parse_text
from rectify.model import (
    CHASED_KEYS,
    DEADLINE_CHANGE_KEYS,
    DELIBERATION_KEYS,
    EVIDENCE_KEYS,
    ISSUE_KEYS,
    LEDGER_KEYS,
    PROGRESS_KEYS,
    REOPENED_KEYS,
    SIGNOFF_KEYS,
    TOP_KEYS,
    VERIFICATION_KEYS,
    Ledger,
    stored_date,
)

# --- the formatter -------------------------------------------------------------------


@dataclass(frozen=True)
class FormatResult:
    """The canonical text of a ledger, and the 1-based lines of comments left where they were."""

    text: str
    kept: list[int] = field(default_factory=list)


_KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "root": TOP_KEYS,
    "ledger": LEDGER_KEYS,
    "issue": ISSUE_KEYS,
    "progress": PROGRESS_KEYS,
    "change": DEADLINE_CHANGE_KEYS,
    "verification": VERIFICATION_KEYS,
    "reopening": REOPENED_KEYS,
    "signoff": SIGNOFF_KEYS,
    "evidence": EVIDENCE_KEYS,
    "chase": CHASED_KEYS,
    "deliberation": DELIBERATION_KEYS,
}
_CHILD_KIND: dict[tuple[str, str], str] = {
    ("root", "ledger"): "ledger",
    ("root", "issues"): "issue",
    ("issue", "progress"): "progress",
    ("issue", "deadline_changes"): "change",
    ("issue", "verification"): "verification",
    ("issue", "reopened"): "reopening",
    ("reopening", "verification"): "verification",
    ("issue", "signoff"): "signoff",
    ("issue", "evidence"): "evidence",
    ("signoff", "evidence"): "evidence",
    ("issue", "chased"): "chase",
    ("ledger", "deliberations"): "deliberation",
}
_DATE_KEYS: dict[str, frozenset[str]] = {
    "ledger": frozenset({"assigned_on"}),
    "issue": frozenset({"assigned_on", "deadline", "planned_on", "rectified_on", "dismissed_on"}),
    "progress": frozenset({"date"}),
    "change": frozenset({"date", "from", "to"}),
    "verification": frozenset({"date"}),
    "reopening": frozenset({"date", "rectified_on", "dismissed_on"}),
    "signoff": frozenset({"date"}),
    "chase": frozenset({"date", "reply_due", "replied_on"}),
    "deliberation": frozenset({"date"}),
}


def _child_kind(kind: str, key: str) -> str:
    if kind == "ext" or key.startswith(EXTENSION_PREFIX):
        return "ext"
    return _CHILD_KIND.get((kind, key), "ext")


def _normalise(kind: str, key: str, value: Any) -> Any:
    """A known value in its canonical type: dates as dates, a whole completion as an int."""
    if key in _DATE_KEYS.get(kind, ()):
        return stored_date(value)
    whole = isinstance(value, float) and value.is_integer()
    if key == "completion" and kind in ("issue", "progress") and whole:
        return int(value)
    return value


@dataclass
class _Masks:
    """The character ranges of a text's scalars, where a ``#`` is text, not a comment."""

    starts: list[int]
    ends: list[int]

    def __contains__(self, pos: int) -> bool:
        n = bisect.bisect_right(self.starts, pos) - 1
        return n >= 0 and pos < self.ends[n]


def _masks(text: str, root: yaml.Node) -> _Masks:
    ranges = sorted(scalar_ranges(text, root, len(text) + 1))
    return _Masks([s for s, _ in ranges], [e for _, e in ranges])


# The first character of the next line that is neither blank nor a comment.
_NEXT_CONTENT = re.compile(r"^[ \t]*([^ \t\r\n#])", re.MULTILINE)


@dataclass(frozen=True)
class _Comment:
    pos: int  # index of "#"
    text: str  # from "#" to the end of the line, trailing spaces cut
    full_line: bool
    gap: str  # the spaces before "#" on its line


def _comments(text: str, masks: _Masks) -> list[_Comment]:
    """Every comment of ``text``: a ``#`` outside every scalar, at a line start or after a space."""
    found: list[_Comment] = []
    last_line = -1
    for match in re.finditer("#", text):
        pos = match.start()
        first = line_start(text, pos)
        if first == last_line or pos in masks:
            continue
        if pos > first and text[pos - 1] not in " \t":
            continue
        last_line = first
        end = text.find("\n", pos)
        body = text[pos : len(text) if end < 0 else end].rstrip()
        before = text[first:pos]
        stripped = before.rstrip(" \t")
        found.append(_Comment(pos, body, not stripped, before[len(stripped) :]))
    return found


def _comment_texts(comments: Sequence[_Comment]) -> Counter[str]:
    return Counter(c.text for c in comments)


class _Formatter:
    """Emits one valid ledger's text in canonical form, comments carried along."""

    def __init__(self, text: str, root: yaml.MappingNode, data: dict[str, Any]):
        self.text = text
        self.root = root
        self.data = data
        self.comments = _comments(text, _masks(text, root)) if "#" in text else []
        self.leading: dict[int, list[str]] = {}
        self.eol: dict[int, str] = {}
        self.dash_of: dict[int, int] = {}  # id(item node) -> index of its "-"
        self.keys: set[int] = set()
        self.flows: list[tuple[int, int]] = []
        self.flow_starts: list[int] = []
        self.dashes: set[int] = set()
        self.issues: yaml.SequenceNode | None = None
        self.kept_items: dict[int, int] = {}  # issue index -> line reported
        self.kept_top: dict[str, int] = {}  # top key -> line reported
        self.item_blank: list[bool] = []
        self.top_blank: dict[str, bool] = {}
        self._index_nodes()

    # -- analysis --

    def _index_nodes(self) -> None:
        stack: list[yaml.Node] = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                continue
            if not is_block(node):  # nothing inside a flow collection is block
                self.flows.append((node_start(node), int(node.end_mark.index)))
            elif isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    self.keys.add(node_start(k))
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                for item in node.value:
                    self.dash_of[id(item)] = dash_at(self.text, node, item)
                    stack.append(item)
        self.flows.sort()
        self.flow_starts = [s for s, _ in self.flows]
        self.dashes = set(self.dash_of.values())
        found = next((v for k, v in self.root.value if k.value == "issues"), None)
        if isinstance(found, yaml.SequenceNode) and is_block(found):
            self.issues = found

    def _in_flow(self, pos: int) -> bool:
        n = bisect.bisect_right(self.flow_starts, pos) - 1
        return n >= 0 and pos < self.flows[n][1]

    def _place_comments(self) -> list[int]:
        """Attach every comment to its key or item; the positions of those that cannot move."""
        text = self.text
        first = node_start(self.root)
        tail = line_end(text, content_end(text, self.root))
        anchors = sorted(self.keys | self.dashes)
        unplaced: list[int] = []
        following = -1
        for comment in self.comments:
            pos = comment.pos
            if pos < first or pos >= tail:
                continue  # header or trailer: written as they are
            if self._in_flow(pos):
                unplaced.append(pos)
            elif comment.full_line:
                if pos >= following:  # a run of comment lines shares what follows it
                    found = _NEXT_CONTENT.search(text, line_end(text, pos))
                    following = found.start(1) if found else len(text)
                if following in self.keys or following in self.dashes:
                    self.leading.setdefault(following, []).append(comment.text)
                else:
                    unplaced.append(pos)
            else:
                n = bisect.bisect_left(anchors, pos) - 1
                if n >= 0 and anchors[n] >= line_start(text, pos):
                    self.eol[anchors[n]] = comment.gap + comment.text
                else:
                    unplaced.append(pos)
        return unplaced

    def _keep_blocks(self, unplaced: list[int]) -> None:
        """Mark the issue or top-level entry holding each unplaceable comment to be kept as is."""
        text = self.text
        if not unplaced:
            return
        if not is_block(self.root):
            raise _KeepAll(text.count("\n", 0, unplaced[0]) + 1)
        spans: list[tuple[int, int, int]] = []
        if self.issues is not None:
            for n, item in enumerate(self.issues.value):
                start, end = item_span_at(text, self.issues, item)
                spans.append((start, end, n))
        for pos in unplaced:
            line = text.count("\n", 0, pos) + 1
            item = next((n for s, e, n in spans if s <= pos < e), None)
            if item is not None:
                self.kept_items.setdefault(item, line)
                continue
            for k, v in self.root.value:
                start, end, _ = entry_span(text, k, v)
                if start <= pos < end:
                    self.kept_top.setdefault(k.value, line)
                    break
            else:
                raise _KeepAll(line)

    def _blank_lines(self) -> None:
        text = self.text
        previous: yaml.Node | None = None
        for k, v in self.root.value:
            gap = (
                text[line_end(text, content_end(text, previous)) : line_start(text, node_start(k))]
                if previous
                else ""
            )
            self.top_blank[k.value] = previous is not None and _has_blank(gap)
            previous = v
        if self.issues is not None:
            items = self.issues.value
            self.item_blank = [False]
            for before, item in itertools.pairwise(items):
                gap_start = line_end(text, content_end(text, before))
                gap_end = line_start(text, self.dash_of.get(id(item), node_start(item)))
                self.item_blank.append(_has_blank(text[gap_start:gap_end]))

    # -- emission --

    def run(self) -> tuple[str, list[int]]:
        text = self.text
        first = node_start(self.root)
        if text[line_start(text, first) : first].strip():
            raise _KeepAll(text.count("\n", 0, first) + 1)
        self._keep_blocks(self._place_comments())
        self._blank_lines()
        out = self._header()
        for n, (k, v) in enumerate(self._ordered(self.root, "root")):
            if n and self.top_blank[k.value]:
                out.append("")
            lead = self.leading.get(node_start(k), [])
            if k.value in self.kept_top:
                start, end, _ = entry_span(text, k, v)
                out += lead + self._verbatim(start, end, int(k.start_mark.column), 0)
            else:
                out += self._entry(k, v, self.data[k.value], 0, "root")
        out += self._trailer()
        kept = sorted([*self.kept_items.values(), *self.kept_top.values()])
        return "\n".join(out) + "\n", kept

    def _header(self) -> list[str]:
        segment = self.text[: line_start(self.text, node_start(self.root))]
        return _collapse(segment.split("\n")[:-1], keep_last_blank=True)

    def _trailer(self) -> list[str]:
        end = line_end(self.text, content_end(self.text, self.root))
        lines = _collapse(self.text[end:].split("\n"), keep_last_blank=False)
        if lines:
            has_blank_first = bool(self.text[end:].split("\n")[0].strip() == "")
            return ["", *lines] if has_blank_first else lines
        return []

    def _ordered(self, node: yaml.MappingNode, kind: str) -> list[tuple[yaml.Node, yaml.Node]]:
        """The entries in contract order, each ``x-`` key right after the key it followed."""
        known = _KNOWN_KEYS.get(kind)
        if known is None:
            return list(node.value)
        groups: dict[str | None, list[tuple[yaml.Node, yaml.Node]]] = {None: []}
        current: str | None = None
        for k, v in node.value:
            if k.value in known:
                current = k.value
                groups[current] = []
            groups[current].append((k, v))
        return groups[None] + [entry for name in known for entry in groups.get(name, [])]

    def _entry_parts(
        self, key: yaml.Node, value: yaml.Node, data: Any, col: int, kind: str
    ) -> tuple[list[str], list[str]]:
        """The comments before an entry, and the entry's own lines."""
        name = str(key.value)
        data = _normalise(kind, name, data)
        child = _child_kind(kind, name)
        tail, body = self._value(value, data, col, child)
        head = " " * col + render_scalar(name) + ":" + tail + self.eol.get(node_start(key), "")
        return self.leading.get(node_start(key), []), [head, *body]

    def _entry(self, key: yaml.Node, value: yaml.Node, data: Any, col: int, kind: str) -> list[str]:
        lead, lines = self._entry_parts(key, value, data, col, kind)
        return [" " * col + c for c in lead] + lines

    def _value(self, node: yaml.Node, data: Any, col: int, kind: str) -> tuple[str, list[str]]:
        if isinstance(node, yaml.ScalarNode) or not _is_collection(data):
            inline = _inline(data)
            if inline is not None:
                return " " + inline, []
            header, body = _literal(data) or ("", ())
            return " " + header, _indented(body, col + 2)
        if isinstance(node, yaml.MappingNode):
            if not node.value:
                return " {}", []
            return "", self._mapping(node, data, col + 2, kind)
        assert isinstance(node, yaml.SequenceNode)
        if not node.value:
            return " []", []
        if not any(self._has_comments(item) for item in node.value):
            flow = _flow(data)
            if flow is not None:
                return " " + flow, []
        return "", self._sequence(node, data, col + 2, kind)

    def _has_comments(self, item: yaml.Node) -> bool:
        dash = self.dash_of.get(id(item), -1)
        return dash in self.leading or dash in self.eol

    def _mapping(self, node: yaml.MappingNode, data: Any, col: int, kind: str) -> list[str]:
        lines: list[str] = []
        for k, v in self._ordered(node, kind):
            lines += self._entry(k, v, data[k.value], col, kind)
        return lines

    def _sequence(self, node: yaml.SequenceNode, data: Any, dash: int, kind: str) -> list[str]:
        lines: list[str] = []
        issues = node is self.issues
        for n, item in enumerate(node.value):
            at = self.dash_of.get(id(item), -1)
            if issues and self.item_blank[n]:
                lines.append("")
            lead = list(self.leading.get(at, []))
            if issues and n in self.kept_items:
                start, end = item_span_at(self.text, node, item)
                column = at - line_start(self.text, at) if at >= 0 else dash
                lines += [" " * dash + c for c in lead] + self._verbatim(start, end, column, dash)
            else:
                lines += self._item(item, data[n], at, dash, kind, lead)
        return lines

    def _item(
        self, item: yaml.Node, data: Any, at: int, dash: int, kind: str, lead: list[str]
    ) -> list[str]:
        pad = " " * dash
        eol = self.eol.get(at, "")
        inner = dash + 2
        if isinstance(item, yaml.MappingNode) and item.value:
            entries = self._ordered(item, kind)
            first_lead, first = self._entry_parts(
                *entries[0], data[entries[0][0].value], inner, kind
            )
            lead = lead + first_lead  # a comment above the first key goes above the "-"
            head = pad + "- " + first[0][inner:]
            if eol and _has_own_comment(first[0], self.eol.get(node_start(entries[0][0]), "")):
                lead.append(eol.strip())
            else:
                head += eol
            lines = [head, *first[1:]]
            for k, v in entries[1:]:
                lines += self._entry(k, v, data[k.value], inner, kind)
            return [pad + c for c in lead] + lines
        if isinstance(item, yaml.SequenceNode) and item.value:
            flow = None if any(self._has_comments(i) for i in item.value) else _flow(data)
            if flow is not None:
                return [pad + c for c in lead] + [pad + "- " + flow + eol]
            lines = [pad + "-" + eol, *self._sequence(item, data, inner, "ext")]
            return [pad + c for c in lead] + lines
        tail, body = self._value(item, data, dash, kind)
        return [pad + c for c in lead] + [pad + "-" + tail + eol, *body]

    def _verbatim(self, start: int, end: int, column: int, target: int) -> list[str]:
        """The original lines of a kept block, moved as a whole to start at column ``target``."""
        lines = self.text[start:end].split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        delta = target - column
        if delta >= 0:
            return [" " * delta + ln if ln else ln for ln in lines]
        out: list[str] = []
        for ln in lines:
            spaces = len(ln) - len(ln.lstrip(" "))
            if spaces >= -delta:
                out.append(ln[-delta:])
            elif not ln.strip():
                out.append("")
            elif ln.lstrip().startswith("#"):
                out.append(ln.lstrip())
            else:
                raise _KeepAll(self.text.count("\n", 0, start) + 1)
        return out


def _has_own_comment(line: str, own: str) -> bool:
    return bool(own) and line.endswith(own)


def _collapse(lines: Sequence[str], *, keep_last_blank: bool) -> list[str]:
    """Lines with trailing spaces cut, no blank line first, runs of blank lines made one."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line or (out and out[-1]):
            out.append(line)
    if not keep_last_blank:
        while out and not out[-1]:
            out.pop()
    return out


class _KeepAll(Exception):
    """The whole file is left as it was; ``line`` is the comment that could not move."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def format_document(doc: Document) -> FormatResult:
    """The canonical text of a ledger that ``check`` accepts, every comment kept.

    A block holding a comment that cannot be moved safely (inside a flow list,
    between a key and its value, after a multi-line value) is left exactly as
    it was and the comment's line is listed in ``kept``. The result is checked:
    it must hold the same ledger and the same comments, else the original text
    comes back with line 1 in ``kept``. Raises ValueError for a ledger with errors.
    """
    ledger, _ = check_document(doc, as_of=_ANY_DAY)
    if ledger is None or not isinstance(doc.data, dict):
        raise ValueError("only a ledger without errors can be formatted")
    text = doc.text.replace("\r\n", "\n")
    root = doc.root if text == doc.text else _compose(text)
    if not isinstance(root, yaml.MappingNode):
        return FormatResult(doc.text, [1])
    formatter = _Formatter(text, root, doc.data)
    try:
        out, kept = formatter.run()
    except _KeepAll as keep:
        return FormatResult(doc.text, [keep.line])
    if not _same_content(doc, ledger, out, _comment_texts(formatter.comments)):
        return FormatResult(doc.text, [1])
    return FormatResult(out.replace("\n", doc.newline) if doc.newline != "\n" else out, kept)


def _compose(text: str) -> yaml.Node | None:
    loader = Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _same_content(doc: Document, ledger: Ledger, text: str, comments: Counter[str]) -> bool:
    """The self-check of the formatter: ``text`` holds the same ledger and the same comments."""
    again = parse_text(doc.path, text)
    if again.root is None:
        return False
    checked, _ = check_document(again, as_of=_ANY_DAY)
    found = _comments(text, _masks(text, again.root)) if "#" in text else []
    return checked == ledger and _comment_texts(found) == comments
