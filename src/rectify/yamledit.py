"""Minimal, comment-keeping writes of ledger text, and the canonical form of a ledger.

Staff edit ledgers by hand and with the tool, in git, with comments. So the
tool never re-dumps a file it changes: it edits the text itself, guided by the
places (marks) of the YAML nodes the loader composed, and rewrites only the
lines of the keys that changed. Comments, blank lines, ``x-`` keys and every
other issue keep their bytes, and ``git diff`` shows only the change.

The formatter (``rectify fmt``) does re-emit the whole file, in one canonical
form, and carries every comment along with the key or item it sits on. Where a
comment cannot be moved safely it leaves that block as it was and says where.

Decisions where the format leaves a choice:

- canonical form: top keys ``schema, ledger, issues``; keys of every mapping in
  contract order, an ``x-`` key staying right after the key it followed; block
  style, 2-space indentation, items as ``- key: value`` indented 2 under their
  key; Chinese as is; ISO dates; ``completion`` an integer when whole; short
  lists of plain values (80 characters at most) in flow style ``[a, b]``;
  multi-line text as a literal block (``|`` / ``|-``) when one can hold it.
- blank lines: kept (one at most) before an issue, before a top-level key and
  after the header comment when the original had one there; none elsewhere.
  ``dump_ledger`` puts one blank line between issues, like the examples.
- ``fmt`` never adds or drops a key: ``rectified_on: null`` stays.
- ``append_issue`` puts the new issue right after the last content line of the
  last issue, so comments and blank lines at the end of the file stay at the
  end; it separates it by a blank line when the last two issues are (or when
  there is only one).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from rectify.check import check_document
from rectify.model import (
    DEADLINE_CHANGE_KEYS,
    ISSUE_KEYS,
    LEDGER_KEYS,
    PROGRESS_KEYS,
    TOP_KEYS,
    VERIFICATION_KEYS,
    Issue,
    Ledger,
    LedgerMeta,
)
from rectify.store import Document, Loader, parse_text

EXTENSION_PREFIX = "x-"

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_WIDE = 10**9  # never fold a line
_FLOW_MAX = 80  # longest list written in flow style
# A day to check against: the figures of a date do not matter to the formatter's self-check.
_ANY_DAY = dt.date(2000, 1, 1)

# --- scalars ---------------------------------------------------------------------------

_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")
_NOT_LITERAL = re.compile(
    "[\r\x85\u2028\u2029\ufeff]|[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# Text made only of these, starting with a letter or a CJK character and not ending in a space,
# is a plain scalar in block and flow context alike; no YAML resolver but bool/null words
# matches a string starting with a letter. Everything else goes through the YAML emitter.
_SAFE = "A-Za-z\u00b7\u2010-\u2027\u2030-\u205e\u3001-\u9fff\uff01-\uffef"
_FAST = re.compile(f"[{_SAFE}](?:[{_SAFE}0-9 _./()%+-]*[{_SAFE}0-9_./()%+-])?")
_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})


def _fast_plain(text: str) -> bool:
    """True when ``text`` can be written plain without asking the emitter."""
    return _FAST.fullmatch(text) is not None and text.lower() not in _WORDS


def _first_line(out: str) -> str:
    """The scalar from one emitted document, without its line end and end marker."""
    lines = out.rstrip("\n").split("\n")
    if len(lines) == 2 and lines[1] == "...":
        lines = lines[:1]
    return lines[0] if len(lines) == 1 else ""


@functools.lru_cache(maxsize=8192)
def _double_quoted(text: str) -> str:
    """``text`` as a one-line double-quoted scalar (escapes for breaks and control characters)."""
    out = yaml.dump(text, Dumper=_Dumper, default_style='"', allow_unicode=True, width=_WIDE)
    return _first_line(out)


@functools.lru_cache(maxsize=8192)
def _emitted_str(text: str) -> str:
    """``text`` as the YAML emitter writes it on one line: plain, single- or double-quoted."""
    if _BREAKS.search(text):
        return _double_quoted(text)
    out = _first_line(yaml.dump(text, Dumper=_Dumper, allow_unicode=True, width=_WIDE))
    return out or _double_quoted(text)


def _emitted_other(value: Any) -> str:
    return _first_line(yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=_WIDE))


@functools.lru_cache(maxsize=1024)
def _float_text(written: str) -> str:
    """A float's YAML text, cached by its repr (which tells 0.0 from -0.0, unlike the float)."""
    return _emitted_other(float(written))


def render_scalar(value: Any) -> str:
    """One-line YAML text of a scalar that loads back to the same value (quoted as needed)."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        return value if _fast_plain(value) else _emitted_str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(repr(value))
    if isinstance(value, dt.datetime):
        return _emitted_other(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


@functools.lru_cache(maxsize=4096)
def _literal(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The header (``|`` or ``|-``) and lines of ``text`` as a literal block, or None.

    Trailing spaces, a leading space on the first line, several trailing line
    ends or characters YAML must escape would not survive a literal block (or
    an editor), so such text is written quoted instead. The result is checked
    by loading it back.
    """
    if "\n" not in text or _NOT_LITERAL.search(text) or text.endswith("\n\n"):
        return None
    header, body = ("|", text[:-1]) if text.endswith("\n") else ("|-", text)
    lines = tuple(body.split("\n"))
    if not lines[0] or lines[0][0] in " \t" or any(ln != ln.rstrip(" \t") for ln in lines):
        return None
    probe = "k: " + header + "\n" + "".join(("  " + ln if ln else "") + "\n" for ln in lines)
    try:
        loaded = yaml.load(probe, Loader=Loader)
    except yaml.YAMLError:
        return None
    return (header, lines) if loaded == {"k": text} else None


def _is_collection(value: Any) -> bool:
    return isinstance(value, Mapping | list | tuple)


def _flow(items: Sequence[Any]) -> str | None:
    """``items`` as a flow list ``[a, b]`` when they are short one-line scalars, else None."""
    if any(_is_collection(i) or (isinstance(i, str) and _BREAKS.search(i)) for i in items):
        return None
    fast = all(
        (_fast_plain(i) if isinstance(i, str) else not isinstance(i, dt.datetime | float | Enum))
        for i in items
    )
    if fast:
        text = "[" + ", ".join(render_scalar(i) for i in items) + "]"
    else:
        plain = [i.value if isinstance(i, Enum) else i for i in items]
        out = yaml.dump(
            plain, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=_WIDE
        )
        text = out.rstrip("\n")
        if "\n" in text:
            return None
    return text if len(text) <= _FLOW_MAX else None


def _inline(value: Any) -> str | None:
    """The text of ``value`` on the line of its key or dash, or None when it needs lines below."""
    if isinstance(value, Mapping):
        return None if value else "{}"
    if isinstance(value, list | tuple):
        return _flow(value) if value else "[]"
    if isinstance(value, str) and "\n" in value and _literal(value) is not None:
        return None
    return render_scalar(value)


# --- data -> lines ---------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How a file indents: where a ``-`` stands under its key, and where keys stand."""

    seq_offset: int = 2  # column of "-" relative to the key that holds the list
    item_offset: int = 2  # column of an item's keys relative to its "-"
    map_step: int = 2  # indentation of a nested mapping's keys

    @property
    def dash_prefix(self) -> str:
        return "-" + " " * (self.item_offset - 1)


CANONICAL = Style()


def _indented(lines: Sequence[str], col: int) -> list[str]:
    return [" " * col + ln if ln else "" for ln in lines]


def _entry_lines(key: str, value: Any, col: int, style: Style = CANONICAL) -> list[str]:
    """The lines of ``key: value`` with the key at column ``col``."""
    head = " " * col + render_scalar(key) + ":"
    inline = _inline(value)
    if inline is not None:
        return [f"{head} {inline}"]
    if isinstance(value, str):
        header, body = _literal(value) or ("", ())
        return [f"{head} {header}", *_indented(body, col + style.map_step)]
    if isinstance(value, Mapping):
        return [head, *_mapping_lines(value, col + style.map_step, style)]
    return [head, *_sequence_lines(value, col + style.seq_offset, style)]


def _mapping_lines(data: Mapping[str, Any], col: int, style: Style = CANONICAL) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        lines.extend(_entry_lines(key, value, col, style))
    return lines


def _item_lines(value: Any, dash: int, style: Style = CANONICAL) -> list[str]:
    """The lines of one list item whose ``-`` stands at column ``dash``."""
    inner = dash + style.item_offset
    prefix = " " * dash + style.dash_prefix
    inline = _inline(value)
    if inline is not None:
        return [prefix + inline]
    if isinstance(value, str):
        header, body = _literal(value) or ("", ())
        return [prefix + header, *_indented(body, inner)]
    if isinstance(value, Mapping):
        lines = _mapping_lines(value, inner, style)
        return [prefix + lines[0][inner:], *lines[1:]]
    # A list in a list: the dash alone on its line, the inner list below it.
    return [" " * dash + "-", *_sequence_lines(value, inner, style)]


def _sequence_lines(
    items: Sequence[Any], dash: int, style: Style = CANONICAL, *, blank: bool = False
) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(items):
        if blank and n:
            lines.append("")
        lines.extend(_item_lines(item, dash, style))
    return lines


def render_value(value: Any, indent: int = 0, style: Style = CANONICAL) -> str:
    """The YAML text that follows ``key:`` for a key at column ``indent``.

    A one-line value comes back with its leading space (`` 12``, `` [a, b]``);
    a block value starts with its header or nothing and continues on indented
    lines (`` |-\\n    text``, ``\\n  - a``). Lines are joined with ``\\n``.
    """
    lines = _entry_lines("k", value, indent, style)
    return "\n".join([lines[0][indent + 2 :], *lines[1:]])


def render_mapping_block(data: Mapping[str, Any], indent: int = 0, style: Style = CANONICAL) -> str:
    """``data`` as block-style ``key: value`` lines, keys at column ``indent``."""
    return "".join(line + "\n" for line in _mapping_lines(data, indent, style))


# --- models -> data --------------------------------------------------------------------

_ALWAYS = frozenset({"source", "track", "status", "completion"})


def _to_data(value: Any, key: str | None = None) -> Any:
    """A model value as plain data to write: models as dicts, enums as values, 100.0 as 100."""
    if isinstance(value, BaseModel):
        return model_to_data(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_to_data(v) for v in value]
    if key == "completion" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _omitted(key: str, value: Any) -> bool:
    """True for a value not written: None and empty lists, except keys always written."""
    return key not in _ALWAYS and (value is None or (isinstance(value, list) and not value))


def model_to_data(model: BaseModel) -> dict[str, Any]:
    """The plain data of any ledger model, keys in contract order, ``x-`` keys last."""
    data: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if name == "extensions":
            continue
        key = info.alias or name
        value = getattr(model, name)
        if not _omitted(key, value):
            data[key] = _to_data(value, key)
    data.update(getattr(model, "extensions", {}))
    return data


def issue_to_data(issue: Issue) -> dict[str, Any]:
    """The plain data of an issue as written to a ledger."""
    return model_to_data(issue)


def ledger_meta_to_data(meta: LedgerMeta) -> dict[str, Any]:
    """The plain data of a ledger header as written to a ledger."""
    return model_to_data(meta)


def ledger_to_data(ledger: Ledger) -> dict[str, Any]:
    """The plain data of a whole ledger; ``issues`` is written even when empty."""
    data: dict[str, Any] = {
        "schema": ledger.schema_,
        "ledger": ledger_meta_to_data(ledger.ledger),
        "issues": [issue_to_data(i) for i in ledger.issues],
    }
    data.update(ledger.extensions)
    return data


def _issues_lines(items: Sequence[Any], col: int, style: Style, comment: str = "") -> list[str]:
    """The ``issues:`` key at column ``col`` and its items, a blank line between two issues."""
    if not items:
        return [" " * col + "issues: []" + comment]
    return [
        " " * col + "issues:" + comment,
        *_sequence_lines(items, col + style.seq_offset, style, blank=True),
    ]


def dump_ledger(ledger: Ledger) -> str:
    """The canonical text of a whole new ledger (``rectify new``)."""
    lines: list[str] = []
    for key, value in ledger_to_data(ledger).items():
        if key == "issues":
            lines.extend(_issues_lines(value, 0, CANONICAL))
        else:
            lines.extend(_entry_lines(key, value, 0, CANONICAL))
    return "\n".join(lines) + "\n"


# --- text and nodes --------------------------------------------------------------------


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Index just past the line break of the line holding ``index`` (or the end of the text)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _start(node: yaml.Node) -> int:
    return int(node.start_mark.index)


def _is_block(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style


def _block_header(text: str, start: int) -> str:
    """The indicators of a block scalar starting at ``start``: ``|``, ``|-``, ``>+2``..."""
    found = re.match(r"[|>][-+0-9]*", text[start : start + 8])
    return found.group() if found else text[start : start + 1]


def _content_end(text: str, node: yaml.Node) -> int:
    """Index just past the last character of ``node``'s own text, trailing comments excluded.

    A block collection's end mark lies at the next token, past the comments
    and blank lines that follow it, so its end is its last child's end.
    """
    while True:
        if isinstance(node, yaml.ScalarNode):
            start, end = _start(node), int(node.end_mark.index)
            if node.style in ("|", ">"):
                if "+" in _block_header(text, start):  # kept trailing line ends are its text
                    last = text.rfind("\n", start, end)
                    return last if last >= 0 else end
                return start + len(text[start:end].rstrip())
            return end
        if not _is_block(node) or not node.value:
            return int(node.end_mark.index)
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last


def _entry_span(text: str, key: yaml.Node, value: yaml.Node) -> tuple[int, int, bool]:
    """Where an entry's lines start and end, and whether its key follows a ``-`` on its line."""
    at = _start(key)
    first = _line_start(text, at)
    midline = bool(text[first:at].strip())
    return (at if midline else first), _line_end(text, _content_end(text, value)), midline


def _dash(text: str, seq: yaml.SequenceNode, item: yaml.Node) -> int:
    """Index of the ``-`` of ``item`` in the block sequence ``seq``."""
    col = int(seq.start_mark.column)
    at = _start(item)
    first = _line_start(text, at)
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
            return _start(seq)
        first = _line_start(text, first - 1)


def _scalar_ranges(text: str, node: yaml.Node, limit: int) -> Iterator[tuple[int, int]]:
    """Character ranges of the scalars under ``node`` that start before ``limit``.

    A block scalar's header line is left out past its indicators, so that a
    comment after ``|-`` is seen as one.
    """
    stack = [node]
    while stack:
        n = stack.pop()
        if _start(n) >= limit:
            continue
        if isinstance(n, yaml.ScalarNode):
            start, end = _start(n), int(n.end_mark.index)
            if n.style in ("|", ">"):
                yield start, start + len(_block_header(text, start))
                yield _line_end(text, start), end
            else:
                yield start, end
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _comment_after(text: str, lo: int, ranges: Sequence[tuple[int, int]]) -> str:
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


def _key_line_comment(text: str, key: yaml.Node, value: yaml.Node) -> str:
    """The end-of-line comment on a key's line, kept when the key's block is rewritten."""
    lo = int(key.end_mark.index)
    hi = _line_end(text, lo)
    return _comment_after(text, lo, list(_scalar_ranges(text, value, hi)))


def _payload(raw: Mapping[Any, Any]) -> dict[str, Any]:
    """A mapping as the models take it: ``x-`` keys under ``extensions``, at every level."""
    out: dict[str, Any] = {}
    extensions: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key)
        if name.startswith(EXTENSION_PREFIX):
            extensions[name] = value
        elif isinstance(value, Mapping):
            out[name] = _payload(value)
        elif isinstance(value, list):
            out[name] = [_payload(v) if isinstance(v, Mapping) else v for v in value]
        else:
            out[name] = value
    if extensions:
        out["extensions"] = extensions
    return out


def _issue_from_raw(raw: Any) -> Issue | None:
    if not isinstance(raw, Mapping):
        return None
    try:
        return Issue.model_validate(_payload(raw))
    except ValidationError:
        return None


def _meta_from_raw(raw: Any) -> LedgerMeta | None:
    if not isinstance(raw, Mapping):
        return None
    try:
        return LedgerMeta.model_validate(_payload(raw))
    except ValidationError:
        return None


# --- minimal edits ---------------------------------------------------------------------


Order = tuple[int, ...]  # sorts edits at one place: parent key's position, then nested key's


@dataclass(frozen=True)
class _Edit:
    """Replace ``text[start:end]`` by ``text``."""

    start: int
    end: int
    text: str
    order: Order


@dataclass(frozen=True)
class _Change:
    """One key of a mapping whose value changed: its data before and after."""

    key: str
    order: int
    old: Any
    new: Any
    keep: bool  # False: the key goes away (None or an empty list)


class _Unsupported(Exception):
    """No minimal edit is safe here; the caller rewrites a bigger block."""


# Edits at one place apply in this order: keys of an issue or of the header (by their
# contract position, x- keys after), then issues appended, then top-level keys.
_ORDER_APPEND: Order = (2500,)
_ORDER_TOP = 3000
_ORDER_ISSUES: Order = (_ORDER_TOP, TOP_KEYS.index("issues"))
_ORDER_LEDGER: Order = (_ORDER_TOP, TOP_KEYS.index("ledger"))


def _apply_edits(text: str, edits: Sequence[_Edit]) -> str:
    out: list[str] = []
    pos = 0
    # At one place, insertions go first: they follow the block before it, not the one there.
    for edit in sorted(edits, key=lambda e: (e.start, e.end > e.start, e.order)):
        if edit.start < pos:
            raise AssertionError("overlapping edits")  # a bug here, never the user's data
        out.append(text[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type (1 and True, 1 and 1.0 are different values to write)."""
    return type(a) is type(b) and a == b


def _model_changes(
    old: BaseModel, new: BaseModel, skip: frozenset[str] = frozenset()
) -> list[_Change]:
    """The keys whose values differ between two models of one kind, ``x-`` keys included."""
    changes: list[_Change] = []
    for order, (name, info) in enumerate(type(new).model_fields.items()):
        if name == "extensions" or name in skip:
            continue
        key = info.alias or name
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        changes.append(
            _Change(
                key, order, _to_data(before, key), _to_data(after, key), not _omitted(key, after)
            )
        )
    old_ext: dict[str, Any] = getattr(old, "extensions", {})
    new_ext: dict[str, Any] = getattr(new, "extensions", {})
    for n, key in enumerate(dict.fromkeys([*old_ext, *new_ext])):
        if key in old_ext and key in new_ext and _same(old_ext[key], new_ext[key]):
            continue
        changes.append(_Change(key, 100 + n, old_ext.get(key), new_ext.get(key), key in new_ext))
    return changes


@dataclass
class _Ctx:
    """The text being edited and how it is written."""

    doc: Document
    text: str
    nl: str
    style: Style
    root: yaml.MappingNode

    def top(self, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        for k, v in self.root.value:
            if k.value == key:
                return k, v
        return None

    def lines_text(self, lines: Sequence[str]) -> str:
        return self.nl.join(lines)

    def replace(
        self,
        start: int,
        end: int,
        lines: list[str],
        order: Order,
        col: int = 0,
        *,
        mid: bool = False,
    ) -> _Edit:
        """Put ``lines`` (indented for column ``col``) where ``text[start:end]`` was."""
        if mid:
            lines = [lines[0][col:], *lines[1:]]
        body = self.lines_text(lines)
        if end > start and self.text[end - 1] == "\n":
            body += self.nl
        return _Edit(start, end, body, order)

    def insert(self, pos: int, lines: Sequence[str], order: Order) -> _Edit:
        """Insert whole ``lines`` at the line boundary ``pos``."""
        body = self.lines_text(lines)
        if pos > 0 and self.text[pos - 1] != "\n":  # after a last line without a line break
            return _Edit(pos, pos, self.nl + body, order)
        return _Edit(pos, pos, body + self.nl, order)


def _detect_style(root: yaml.MappingNode) -> Style:
    """The indentation the file already uses (canonical where it shows none)."""
    entries = {k.value: (k, v) for k, v in root.value}
    seq_offset, item_offset, map_step = 2, 2, 2
    if "ledger" in entries:
        k, v = entries["ledger"]
        if isinstance(v, yaml.MappingNode) and _is_block(v) and v.value:
            map_step = max(1, v.value[0][0].start_mark.column - k.start_mark.column)
    if "issues" in entries:
        k, v = entries["issues"]
        if isinstance(v, yaml.SequenceNode) and _is_block(v) and v.value:
            seq_offset = max(0, v.start_mark.column - k.start_mark.column)
            first = v.value[0]
            if _is_block(first) and first.value and first.start_mark.line == v.start_mark.line:
                item_offset = max(2, first.start_mark.column - v.start_mark.column)
    return Style(seq_offset, item_offset, map_step)


def _context(doc: Document) -> _Ctx:
    root = doc.root
    if not isinstance(root, yaml.MappingNode) or not _is_block(root) or not root.value:
        raise _Unsupported("the ledger is not a block mapping")
    return _Ctx(doc, doc.text, doc.newline, _detect_style(root), root)


def _mapping_edits(
    ctx: _Ctx, node: yaml.Node, known: Sequence[str], changes: Sequence[_Change], base: Order
) -> list[_Edit]:
    """Edits that make the block mapping ``node`` hold the changed values, touching nothing else."""
    if not changes:
        return []
    if not isinstance(node, yaml.MappingNode) or not _is_block(node) or not node.value:
        raise _Unsupported("not a block mapping")
    entries: list[tuple[str, yaml.Node, yaml.Node]] = [(k.value, k, v) for k, v in node.value]
    where = {name: n for n, (name, _, _) in enumerate(entries)}
    col = int(node.value[0][0].start_mark.column)
    edits: list[_Edit] = []
    for change in changes:
        order = (*base, change.order)
        if change.key in where:
            n = where[change.key]
            if change.keep:
                edits.extend(_update_entry(ctx, entries[n][1], entries[n][2], change, col, order))
            else:
                edits.append(_delete_entry(ctx, entries[n][1], entries[n][2], order))
        elif change.keep:
            edits.append(_insert_entry(ctx, entries, where, known, change, col, order))
    return edits


def _update_entry(
    ctx: _Ctx, key: yaml.Node, value: yaml.Node, change: _Change, col: int, order: Order
) -> list[_Edit]:
    text = ctx.text
    inline = _inline(change.new)
    one_line = value.start_mark.line == value.end_mark.line
    in_place = (isinstance(value, yaml.ScalarNode) and value.style in (None, "", "'", '"')) or (
        not isinstance(value, yaml.ScalarNode) and not _is_block(value)
    )
    if inline is not None and one_line and in_place:
        start, end = _start(value), int(value.end_mark.index)
        if start == end:  # `key:` with nothing after it
            return [_Edit(start, end, " " + inline, order)]
        return [_Edit(start, end, inline, order)]
    old, new = change.old, change.new
    if (
        isinstance(value, yaml.SequenceNode)
        and _is_block(value)
        and isinstance(old, list)
        and isinstance(new, list)
        and len(value.value) == len(old) > 0
        and len(new) > len(old)
        and new[: len(old)] == old
    ):
        return [_append_items(ctx, value, new[len(old) :], order)]
    nested = _nested_edits(ctx, str(key.value), value, old, new, order)
    if nested is not None:
        return nested
    start, end, midline = _entry_span(text, key, value)
    lines = _entry_lines(key.value, new, col, ctx.style)
    lines[0] += _key_line_comment(text, key, value)
    return [ctx.replace(start, end, lines, order, col, mid=midline)]


_NESTED_KEYS: dict[str, tuple[str, ...]] = {
    "verification": VERIFICATION_KEYS,
    "progress": PROGRESS_KEYS,
    "deadline_changes": DEADLINE_CHANGE_KEYS,
}


def _data_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], known: Sequence[str]
) -> list[_Change]:
    """The keys whose data differ between two written mappings."""
    changes: list[_Change] = []
    for n, key in enumerate(dict.fromkeys([*old, *new])):
        if key in old and key in new and _same(old[key], new[key]):
            continue
        order = known.index(key) if key in known else 100 + n
        changes.append(_Change(key, order, old.get(key), new.get(key), key in new))
    return changes


def _nested_edits(
    ctx: _Ctx, name: str, value: yaml.Node, old: Any, new: Any, order: Order
) -> list[_Edit] | None:
    """Edits inside ``verification`` or inside changed entries of a list of the same length.

    None when the change is not of that kind, so that the whole key is rewritten.
    """
    known = _NESTED_KEYS.get(name)
    if known is None:
        return None
    try:
        if isinstance(old, dict) and isinstance(new, dict):
            return _mapping_edits(ctx, value, known, _data_changes(old, new, known), order)
        if not (
            isinstance(value, yaml.SequenceNode)
            and _is_block(value)
            and isinstance(old, list)
            and isinstance(new, list)
            and len(old) == len(new) == len(value.value)
        ):
            return None
        edits: list[_Edit] = []
        for node, before, after in zip(value.value, old, new, strict=True):
            if before == after:
                continue
            if not (isinstance(before, dict) and isinstance(after, dict)):
                return None
            edits += _mapping_edits(ctx, node, known, _data_changes(before, after, known), order)
        return edits
    except _Unsupported:
        return None


def _append_items(ctx: _Ctx, seq: yaml.SequenceNode, items: Sequence[Any], order: Order) -> _Edit:
    """Insert ``items`` after the last item of a block list, in that list's indentation."""
    dash = int(seq.start_mark.column)
    first = seq.value[0]
    style = ctx.style
    if _is_block(first) and first.value and first.start_mark.line == seq.start_mark.line:
        style = replace(style, item_offset=max(2, first.start_mark.column - dash))
    lines = _sequence_lines(items, dash, style)
    return ctx.insert(_line_end(ctx.text, _content_end(ctx.text, seq)), lines, order)


def _delete_entry(ctx: _Ctx, key: yaml.Node, value: yaml.Node, order: Order) -> _Edit:
    text = ctx.text
    start, end, midline = _entry_span(text, key, value)
    if midline:
        raise _Unsupported("the first key of an item cannot go alone")
    if end == len(text) and not text.endswith("\n") and start > 0:
        start -= 2 if text[start - 2 : start] == "\r\n" else 1  # keep "no line end at the end"
    return _Edit(start, end, "", order)


def _insert_entry(
    ctx: _Ctx,
    entries: Sequence[tuple[str, yaml.Node, yaml.Node]],
    where: Mapping[str, int],
    known: Sequence[str],
    change: _Change,
    col: int,
    order: Order,
) -> _Edit:
    """Insert a new key after the nearest key before it in contract order (``x-`` keys last)."""
    lines = _entry_lines(change.key, change.new, col, ctx.style)
    after: tuple[str, yaml.Node, yaml.Node] | None = entries[-1]
    if change.key in known:
        before = [name for name in known[: known.index(change.key)] if name in where]
        after = entries[where[before[-1]]] if before else None
    if after is not None:
        end = _entry_span(ctx.text, after[1], after[2])[1]
        return ctx.insert(end, lines, order)
    at = _start(entries[0][1])
    body = ctx.lines_text([lines[0][col:], *lines[1:]]) + ctx.nl + " " * col
    return _Edit(at, at, body, order)


def _issues_seq(ctx: _Ctx) -> yaml.SequenceNode:
    found = ctx.top("issues")
    if found is None or not isinstance(found[1], yaml.SequenceNode) or not _is_block(found[1]):
        raise _Unsupported("issues is not a block list")
    return found[1]


def _snippet(text: str, start: int, end: int, edits: Sequence[_Edit]) -> str:
    """``text[start:end]`` with ``edits`` (all inside it) applied."""
    local = [_Edit(e.start - start, e.end - start, e.text, e.order) for e in edits]
    return _apply_edits(text[start:end], local)


def _load_snippet(snippet: str) -> Any:
    try:
        return yaml.load(snippet, Loader=Loader)
    except yaml.YAMLError:
        return None


def _issue_edits(ctx: _Ctx, index: int, new: Issue, old: Issue | None) -> list[_Edit]:
    """Edits that turn issue ``index`` into ``new``, checked by loading the edited lines back."""
    seq = _issues_seq(ctx)
    if not 0 <= index < len(seq.value):
        raise IndexError(f"no issue {index} in the ledger")
    item = seq.value[index]
    if old is None:
        raws = ctx.doc.data.get("issues") if isinstance(ctx.doc.data, dict) else None
        old = _issue_from_raw(raws[index]) if isinstance(raws, list) else None
    if old is not None and old == new:
        return []
    start, end = _item_span_at(ctx.text, seq, item)

    def loads_back(edits: list[_Edit]) -> bool:
        data = _load_snippet(_snippet(ctx.text, start, end, edits))
        ok = isinstance(data, list) and len(data) == 1
        return ok and _issue_from_raw(data[0]) == new

    if old is not None and isinstance(item, yaml.MappingNode) and _is_block(item):
        try:
            edits = _mapping_edits(ctx, item, ISSUE_KEYS, _model_changes(old, new), ())
        except _Unsupported:
            edits = []
        if edits and loads_back(edits):
            return edits
    # Rewrite the whole item (its own comments go; those before it stay).
    lines = _item_lines(issue_to_data(new), int(seq.start_mark.column), ctx.style)
    edits = [ctx.replace(start, end, lines, ())]
    if not loads_back(edits):
        raise AssertionError(f"rewritten issue {new.id} does not load back")  # a bug
    return edits


def _rewrite_issues(ctx: _Ctx, items: Sequence[Any]) -> list[_Edit]:
    """Edits that write the whole ``issues`` entry anew (it was empty, null, flow or absent)."""
    found = ctx.top("issues")
    col = int(ctx.root.value[0][0].start_mark.column)
    if found is None:
        entries = [(k.value, k, v) for k, v in ctx.root.value]
        where = {name: n for n, (name, _, _) in enumerate(entries)}
        before = [name for name in TOP_KEYS[: TOP_KEYS.index("issues")] if name in where]
        k, v = entries[where[before[-1]]][1:] if before else entries[-1][1:]
        lines = _issues_lines(items, col, ctx.style)
        return [ctx.insert(_entry_span(ctx.text, k, v)[1], lines, _ORDER_ISSUES)]
    k, v = found
    start, end, _ = _entry_span(ctx.text, k, v)
    lines = _issues_lines(items, col, ctx.style, _key_line_comment(ctx.text, k, v))
    return [ctx.replace(start, end, lines, _ORDER_ISSUES)]


def _blank_between_issues(ctx: _Ctx, seq: yaml.SequenceNode) -> bool:
    """Whether the last two issues are apart by a blank line (True with a single issue)."""
    if len(seq.value) < 2:
        return True
    gap_start = _line_end(ctx.text, _content_end(ctx.text, seq.value[-2]))
    gap_end = _line_start(ctx.text, _dash(ctx.text, seq, seq.value[-1]))
    return _has_blank(ctx.text[gap_start:gap_end])


def _has_blank(segment: str) -> bool:
    """True when the whole lines in ``segment`` include a blank one."""
    return any(not line.strip() for line in segment.split("\n")[:-1])


def _append_edits(ctx: _Ctx, issues: Sequence[Issue]) -> list[_Edit]:
    datas = [issue_to_data(i) for i in issues]
    try:
        seq = _issues_seq(ctx)
    except _Unsupported:
        seq = None
    if seq is None or not seq.value:
        raws = ctx.doc.data.get("issues") if isinstance(ctx.doc.data, dict) else None
        return _rewrite_issues(ctx, [*(raws or []), *datas])
    blank = _blank_between_issues(ctx, seq)
    dash = int(seq.start_mark.column)
    pos = _line_end(ctx.text, _content_end(ctx.text, seq))
    # After a `|+` text the blank lines are its own: one more would join it.
    after_blank = not ctx.text[_line_start(ctx.text, pos - 1) : pos].strip()
    lines: list[str] = []
    for n, data in enumerate(datas):
        if blank and not (n == 0 and after_blank):
            lines.append("")
        lines.extend(_item_lines(data, dash, ctx.style))
    return [ctx.insert(pos, lines, _ORDER_APPEND)]


def _top_edits(ctx: _Ctx, old: Ledger, new: Ledger) -> list[_Edit]:
    """Edits for ``schema``, the ledger header and top-level ``x-`` keys."""
    edits = _mapping_edits(
        ctx,
        ctx.root,
        TOP_KEYS,
        _model_changes(old, new, frozenset({"ledger", "issues"})),
        (_ORDER_TOP,),
    )
    if old.ledger == new.ledger:
        return edits
    found = ctx.top("ledger")
    if found is None:
        raise _Unsupported("no ledger header")
    k, v = found
    start, end, _ = _entry_span(ctx.text, k, v)
    try:
        meta = _mapping_edits(ctx, v, LEDGER_KEYS, _model_changes(old.ledger, new.ledger), ())
        data = _load_snippet(_snippet(ctx.text, start, end, meta))
        if isinstance(data, dict) and _meta_from_raw(data.get("ledger")) == new.ledger:
            return edits + meta
    except _Unsupported:
        pass
    col = int(k.start_mark.column)
    lines = _entry_lines("ledger", ledger_meta_to_data(new.ledger), col, ctx.style)
    lines[0] += _key_line_comment(ctx.text, k, v)
    return [*edits, ctx.replace(start, end, lines, _ORDER_LEDGER)]


def replace_issue(
    doc: Document, index: int, new_issue: Issue, old_issue: Issue | None = None
) -> str:
    """The text of ``doc`` with issue ``index`` (0-based) made ``new_issue``; only its lines change.

    Unchanged keys keep their bytes and comments; a changed one-line value is
    replaced in place (its end-of-line comment stays); new progress entries
    and deadline changes go after the last old one; other changed keys are
    rewritten; new keys go to their contract position. ``old_issue`` saves
    validating the issue as it stands in the file.
    """
    ctx = _context(doc)
    try:
        edits = _issue_edits(ctx, index, new_issue, old_issue)
    except _Unsupported:  # issues written as a flow list: write the list in block style
        raws = list(ctx.doc.data.get("issues") or [])
        raws[index] = issue_to_data(new_issue)
        edits = _rewrite_issues(ctx, raws)
    return _apply_edits(doc.text, edits)


def append_issue(doc: Document, issue: Issue) -> str:
    """The text of ``doc`` with ``issue`` added after the last issue, in the file's indentation."""
    return _apply_edits(doc.text, _append_edits(_context(doc), [issue]))


def apply(doc: Document, old: Ledger, new: Ledger) -> str:
    """The text of ``doc`` (holding ``old``) changed to hold ``new``, rewriting only what changed.

    ``new`` has the issues of ``old`` (same ids, same order), perhaps changed,
    and perhaps more issues at the end; anything else raises ValueError.
    """
    if len(new.issues) < len(old.issues) or any(
        a.id != b.id for a, b in zip(old.issues, new.issues, strict=False)
    ):
        raise ValueError("apply() keeps the issues of the old ledger in their order")
    try:
        ctx = _context(doc)
    except _Unsupported:
        return _with_newline(dump_ledger(new), doc)  # a flow-style file: nothing to keep
    edits = _top_edits(ctx, old, new)
    count = len(old.issues)
    try:
        for index, (before, after) in enumerate(zip(old.issues, new.issues, strict=False)):
            if before != after:
                edits += _issue_edits(ctx, index, after, before)
        if len(new.issues) > count:
            edits += _append_edits(ctx, new.issues[count:])
    except _Unsupported:  # issues as a flow list: write them all in block style
        edits = _top_edits(ctx, old, new)
        edits += _rewrite_issues(ctx, [issue_to_data(i) for i in new.issues])
    return _apply_edits(doc.text, edits)


def _with_newline(text: str, doc: Document) -> str:
    return text.replace("\n", doc.newline) if doc.newline != "\n" else text


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
}
_CHILD_KIND: dict[tuple[str, str], str] = {
    ("root", "ledger"): "ledger",
    ("root", "issues"): "issue",
    ("issue", "progress"): "progress",
    ("issue", "deadline_changes"): "change",
    ("issue", "verification"): "verification",
}
_DATE_KEYS: dict[str, frozenset[str]] = {
    "ledger": frozenset({"assigned_on"}),
    "issue": frozenset({"assigned_on", "deadline", "planned_on", "rectified_on", "dismissed_on"}),
    "progress": frozenset({"date"}),
    "change": frozenset({"date", "from", "to"}),
    "verification": frozenset({"date"}),
}


def _child_kind(kind: str, key: str) -> str:
    if kind == "ext" or key.startswith(EXTENSION_PREFIX):
        return "ext"
    return _CHILD_KIND.get((kind, key), "ext")


def _normalise(kind: str, key: str, value: Any) -> Any:
    """A known value in its canonical type: dates as dates, a whole completion as an int."""
    if key in _DATE_KEYS.get(kind, ()):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
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
    ranges = sorted(_scalar_ranges(text, root, len(text) + 1))
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
        first = _line_start(text, pos)
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
            if not _is_block(node):  # nothing inside a flow collection is block
                self.flows.append((_start(node), int(node.end_mark.index)))
            elif isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    self.keys.add(_start(k))
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                for item in node.value:
                    self.dash_of[id(item)] = _dash(self.text, node, item)
                    stack.append(item)
        self.flows.sort()
        self.flow_starts = [s for s, _ in self.flows]
        self.dashes = set(self.dash_of.values())
        found = next((v for k, v in self.root.value if k.value == "issues"), None)
        if isinstance(found, yaml.SequenceNode) and _is_block(found):
            self.issues = found

    def _in_flow(self, pos: int) -> bool:
        n = bisect.bisect_right(self.flow_starts, pos) - 1
        return n >= 0 and pos < self.flows[n][1]

    def _place_comments(self) -> list[int]:
        """Attach every comment to its key or item; the positions of those that cannot move."""
        text = self.text
        first = _start(self.root)
        tail = _line_end(text, _content_end(text, self.root))
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
                    found = _NEXT_CONTENT.search(text, _line_end(text, pos))
                    following = found.start(1) if found else len(text)
                if following in self.keys or following in self.dashes:
                    self.leading.setdefault(following, []).append(comment.text)
                else:
                    unplaced.append(pos)
            else:
                n = bisect.bisect_left(anchors, pos) - 1
                if n >= 0 and anchors[n] >= _line_start(text, pos):
                    self.eol[anchors[n]] = comment.gap + comment.text
                else:
                    unplaced.append(pos)
        return unplaced

    def _keep_blocks(self, unplaced: list[int]) -> None:
        """Mark the issue or top-level entry holding each unplaceable comment to be kept as is."""
        text = self.text
        if not unplaced:
            return
        if not _is_block(self.root):
            raise _KeepAll(text.count("\n", 0, unplaced[0]) + 1)
        spans: list[tuple[int, int, int]] = []
        if self.issues is not None:
            for n, item in enumerate(self.issues.value):
                start, end = _item_span_at(text, self.issues, item)
                spans.append((start, end, n))
        for pos in unplaced:
            line = text.count("\n", 0, pos) + 1
            item = next((n for s, e, n in spans if s <= pos < e), None)
            if item is not None:
                self.kept_items.setdefault(item, line)
                continue
            for k, v in self.root.value:
                start, end, _ = _entry_span(text, k, v)
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
                text[_line_end(text, _content_end(text, previous)) : _line_start(text, _start(k))]
                if previous
                else ""
            )
            self.top_blank[k.value] = previous is not None and _has_blank(gap)
            previous = v
        if self.issues is not None:
            items = self.issues.value
            self.item_blank = [False]
            for before, item in itertools.pairwise(items):
                gap_start = _line_end(text, _content_end(text, before))
                gap_end = _line_start(text, self.dash_of.get(id(item), _start(item)))
                self.item_blank.append(_has_blank(text[gap_start:gap_end]))

    # -- emission --

    def run(self) -> tuple[str, list[int]]:
        text = self.text
        first = _start(self.root)
        if text[_line_start(text, first) : first].strip():
            raise _KeepAll(text.count("\n", 0, first) + 1)
        self._keep_blocks(self._place_comments())
        self._blank_lines()
        out = self._header()
        for n, (k, v) in enumerate(self._ordered(self.root, "root")):
            if n and self.top_blank[k.value]:
                out.append("")
            lead = self.leading.get(_start(k), [])
            if k.value in self.kept_top:
                start, end, _ = _entry_span(text, k, v)
                out += lead + self._verbatim(start, end, int(k.start_mark.column), 0)
            else:
                out += self._entry(k, v, self.data[k.value], 0, "root")
        out += self._trailer()
        kept = sorted([*self.kept_items.values(), *self.kept_top.values()])
        return "\n".join(out) + "\n", kept

    def _header(self) -> list[str]:
        segment = self.text[: _line_start(self.text, _start(self.root))]
        return _collapse(segment.split("\n")[:-1], keep_last_blank=True)

    def _trailer(self) -> list[str]:
        end = _line_end(self.text, _content_end(self.text, self.root))
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
        head = " " * col + render_scalar(name) + ":" + tail + self.eol.get(_start(key), "")
        return self.leading.get(_start(key), []), [head, *body]

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
                start, end = _item_span_at(self.text, node, item)
                column = at - _line_start(self.text, at) if at >= 0 else dash
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
            if eol and _has_own_comment(first[0], self.eol.get(_start(entries[0][0]), "")):
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


def _item_span_at(text: str, seq: yaml.SequenceNode, item: yaml.Node) -> tuple[int, int]:
    dash = _dash(text, seq, item)
    return _line_start(text, dash), _line_end(text, _content_end(text, item))


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


__all__ = [
    "CANONICAL",
    "FormatResult",
    "Style",
    "append_issue",
    "apply",
    "dump_ledger",
    "format_document",
    "issue_to_data",
    "ledger_meta_to_data",
    "ledger_to_data",
    "model_to_data",
    "render_mapping_block",
    "render_scalar",
    "render_value",
    "replace_issue",
]
