"""Minimal, comment-keeping writes of ledger text.

Staff edit ledgers by hand and with the tool, in git, with comments. So the
tool never re-dumps a file it changes: it edits the text itself, guided by the
places of the YAML nodes the loader composed, and rewrites only the lines of
what changed (an issue's entry, a header key), keeping every comment and the
layout the user chose.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from rectify.ledger.emit import (
    EXTENSION_PREFIX,
    Style,
    _entry_lines,
    _inline,
    _issues_lines,
    _item_lines,
    _sequence_lines,
    dump_ledger,
)
from rectify.ledger.spans import (
    content_end,
    dash_at,
    entry_span,
    is_block,
    item_span_at,
    key_line_comment,
    line_end,
    line_start,
    node_start,
)
from rectify.ledger.yaml import Document, Loader, parse_text
from rectify.model import (
    CHASED_KEYS,
    DEADLINE_CHANGE_KEYS,
    DELIBERATION_KEYS,
    ISSUE_KEYS,
    LEDGER_KEYS,
    PROGRESS_KEYS,
    REOPENED_KEYS,
    SIGNOFF_KEYS,
    TOP_KEYS,
    VERIFICATION_KEYS,
    Issue,
    Ledger,
    LedgerMeta,
    is_omitted,
    issue_to_data,
    ledger_meta_to_data,
    value_to_data,
)


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
                key,
                order,
                value_to_data(before, key),
                value_to_data(after, key),
                not is_omitted(key, after),
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
        if isinstance(v, yaml.MappingNode) and is_block(v) and v.value:
            map_step = max(1, v.value[0][0].start_mark.column - k.start_mark.column)
    if "issues" in entries:
        k, v = entries["issues"]
        if isinstance(v, yaml.SequenceNode) and is_block(v) and v.value:
            seq_offset = max(0, v.start_mark.column - k.start_mark.column)
            first = v.value[0]
            if is_block(first) and first.value and first.start_mark.line == v.start_mark.line:
                item_offset = max(2, first.start_mark.column - v.start_mark.column)
    return Style(seq_offset, item_offset, map_step)


def _context(doc: Document) -> _Ctx:
    root = doc.root
    if not isinstance(root, yaml.MappingNode) or not is_block(root) or not root.value:
        raise _Unsupported("the ledger is not a block mapping")
    text = doc.text
    if not text.endswith("\n"):
        # Edited as if it had a final line end (taken off again by `_finish`): an edit at
        # the last line then never has to reach back over the line end before it.
        text += doc.newline
    return _Ctx(doc, text, doc.newline, _detect_style(root), root)


def _finish(ctx: _Ctx, edits: Sequence[_Edit]) -> str:
    """The edited text, without the final line end `_context` gave a file that had none."""
    text = _apply_edits(ctx.text, edits)
    if ctx.text is not ctx.doc.text and len(ctx.text) != len(ctx.doc.text):
        text = text.removesuffix(ctx.nl)
    return text


def _mapping_edits(
    ctx: _Ctx, node: yaml.Node, known: Sequence[str], changes: Sequence[_Change], base: Order
) -> list[_Edit]:
    """Edits that make the block mapping ``node`` hold the changed values, touching nothing else."""
    if not changes:
        return []
    if not isinstance(node, yaml.MappingNode) or not is_block(node) or not node.value:
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
        not isinstance(value, yaml.ScalarNode) and not is_block(value)
    )
    if inline is not None and one_line and in_place:
        start, end = node_start(value), int(value.end_mark.index)
        if start == end:  # `key:` with nothing after it
            return [_Edit(start, end, " " + inline, order)]
        return [_Edit(start, end, inline, order)]
    old, new = change.old, change.new
    if (
        isinstance(value, yaml.SequenceNode)
        and is_block(value)
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
    start, end, midline = entry_span(text, key, value)
    lines = _entry_lines(key.value, new, col, ctx.style)
    lines[0] += key_line_comment(text, key, value)
    return [ctx.replace(start, end, lines, order, col, mid=midline)]


_NESTED_KEYS: dict[str, tuple[str, ...]] = {
    "verification": VERIFICATION_KEYS,
    "progress": PROGRESS_KEYS,
    "deadline_changes": DEADLINE_CHANGE_KEYS,
    "reopened": REOPENED_KEYS,
    "signoff": SIGNOFF_KEYS,
    "chased": CHASED_KEYS,
    "deliberations": DELIBERATION_KEYS,
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
            and is_block(value)
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
    if is_block(first) and first.value and first.start_mark.line == seq.start_mark.line:
        style = replace(style, item_offset=max(2, first.start_mark.column - dash))
    lines = _sequence_lines(items, dash, style)
    return ctx.insert(line_end(ctx.text, content_end(ctx.text, seq)), lines, order)


def _delete_entry(ctx: _Ctx, key: yaml.Node, value: yaml.Node, order: Order) -> _Edit:
    text = ctx.text
    start, end, midline = entry_span(text, key, value)
    if midline:
        raise _Unsupported("the first key of an item cannot go alone")
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
        end = entry_span(ctx.text, after[1], after[2])[1]
        return ctx.insert(end, lines, order)
    at = node_start(entries[0][1])
    body = ctx.lines_text([lines[0][col:], *lines[1:]]) + ctx.nl + " " * col
    return _Edit(at, at, body, order)


def _issues_seq(ctx: _Ctx) -> yaml.SequenceNode:
    found = ctx.top("issues")
    if found is None or not isinstance(found[1], yaml.SequenceNode) or not is_block(found[1]):
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
    start, end = item_span_at(ctx.text, seq, item)

    def loads_back(edits: list[_Edit]) -> bool:
        data = _load_snippet(_snippet(ctx.text, start, end, edits))
        ok = isinstance(data, list) and len(data) == 1
        return ok and _issue_from_raw(data[0]) == new

    if old is not None and isinstance(item, yaml.MappingNode) and is_block(item):
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
        return [ctx.insert(entry_span(ctx.text, k, v)[1], lines, _ORDER_ISSUES)]
    k, v = found
    start, end, _ = entry_span(ctx.text, k, v)
    lines = _issues_lines(items, col, ctx.style, key_line_comment(ctx.text, k, v))
    return [ctx.replace(start, end, lines, _ORDER_ISSUES)]


def _blank_between_issues(ctx: _Ctx, seq: yaml.SequenceNode) -> bool:
    """Whether the last two issues are apart by a blank line (True with a single issue)."""
    if len(seq.value) < 2:
        return True
    gap_start = line_end(ctx.text, content_end(ctx.text, seq.value[-2]))
    gap_end = line_start(ctx.text, dash_at(ctx.text, seq, seq.value[-1]))
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
    pos = line_end(ctx.text, content_end(ctx.text, seq))
    # After a `|+` text the blank lines are its own: one more would join it.
    after_blank = not ctx.text[line_start(ctx.text, pos - 1) : pos].strip()
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
    start, end, _ = entry_span(ctx.text, k, v)
    try:
        meta = _mapping_edits(ctx, v, LEDGER_KEYS, _model_changes(old.ledger, new.ledger), ())
        data = _load_snippet(_snippet(ctx.text, start, end, meta))
        if isinstance(data, dict) and _meta_from_raw(data.get("ledger")) == new.ledger:
            return edits + meta
    except _Unsupported:
        pass
    col = int(k.start_mark.column)
    lines = _entry_lines("ledger", ledger_meta_to_data(new.ledger), col, ctx.style)
    lines[0] += key_line_comment(ctx.text, k, v)
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
    return _finish(ctx, edits)


def append_issue(doc: Document, issue: Issue) -> str:
    """The text of ``doc`` with ``issue`` added after the last issue, in the file's indentation."""
    ctx = _context(doc)
    return _finish(ctx, _append_edits(ctx, [issue]))


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
    return _finish(ctx, edits)


def _with_newline(text: str, doc: Document) -> str:
    return text.replace("\n", doc.newline) if doc.newline != "\n" else text


def verify_written(doc: Document, text: str, expected: Ledger, old: Ledger | None = None) -> None:
    """Refuse to write ``text`` over ``doc``'s file unless it reads back as ``expected``.

    Every writer of a ledger calls this before replacing the file: the new text
    is parsed and turned into a Ledger again, which must be the old ledger plus
    exactly the intended change (``expected``), with nothing lost around it.
    Raises DataError (and nothing is written) otherwise.

    With ``old`` (the ledger ``doc`` holds, its YAML nodes still there), a change
    that lies inside whole issues is read back alone: the text before the issues
    list, the issues the change touches and the text after the list, as
    `rectify.ledger.load.change_issue` does; the rest of the file is byte for
    byte what it was. Anything else reads the whole new text back.
    """
    import datetime as dt

    from rectify.errors import DataError
    from rectify.ledger.check import check_document

    if old is not None and _verified_in_part(doc, text, old, expected):
        return
    again = parse_text(doc.path, text)
    # The date only decides warnings; the Ledger read back is the same on any day.
    ledger, _ = check_document(again, as_of=dt.date.today())
    if again.problems or ledger != expected:
        raise DataError("error.write_unsafe", path=doc.path)


def verify_written_data(doc: Document, text: str, expected: Any) -> None:
    """`verify_written` for a file that need not be a valid ledger: the YAML data read
    back from ``text`` must be ``expected`` (what ``fix-ids`` writes, say)."""
    from rectify.errors import DataError

    again = parse_text(doc.path, text)
    if again.problems or again.data != expected:
        raise DataError("error.write_unsafe", path=doc.path)


def _verified_in_part(doc: Document, text: str, old: Ledger, expected: Ledger) -> bool:
    """Whether ``text`` reads back as ``expected``, found from the issues it changed alone.

    False when that cannot be told cheaply (the caller then reads the whole text);
    never True for a text that does not hold ``expected``.
    """
    import datetime as dt

    from rectify.ledger.check import check_document
    from rectify.ledger.yaml import issue_spans, span_fits

    found = issue_spans(doc) if doc.root is not None else None
    if found is None or len(found[2]) != len(old.issues) or len(expected.issues) < len(old.issues):
        return False
    head, tail, spans = found
    if old.model_copy(update={"issues": []}) != expected.model_copy(update={"issues": []}):
        return False  # the header changed: read the whole text
    before = doc.text
    start = _common_prefix(before, text)
    end = len(before) - _common_suffix(before, text, min(len(before), len(text)) - start)
    if start < head or end > tail:
        return False
    touched = [
        n
        for n, (a, b) in enumerate(spans)
        if (a < end and b > start) or (start == end and a <= start <= b)
    ]
    if touched:
        first, last = touched[0], touched[-1]
        cut, stop = spans[first][0], spans[last][1]
    elif start == end == tail:  # issues appended after the last one
        first, last = len(spans), len(spans) - 1
        cut = stop = tail
    else:
        return False
    shift = len(text) - len(before)
    count = last - first + 1 + len(expected.issues) - len(old.issues)
    dash = _dash_column(before, spans[0][0])
    if (
        count <= 0
        or dash is None
        or _dash_column(text, cut) != dash
        or not span_fits(text, (cut, stop + shift), head, tail + shift)
    ):
        return False
    small = parse_text(doc.path, before[:head] + text[cut : stop + shift] + before[tail:])
    ledger, _ = check_document(small, as_of=dt.date.today())
    return (
        not small.problems
        and ledger is not None
        and ledger.model_copy(update={"issues": []}) == old.model_copy(update={"issues": []})
        and ledger.issues == expected.issues[first : first + count]
        and expected.issues[:first] == old.issues[:first]
        and expected.issues[first + count :] == old.issues[last + 1 :]
    )


def _dash_column(text: str, at: int) -> int | None:
    """The column of the ``-`` that opens the item at ``at`` (a line start), None if none."""
    line = text[at : text.find("\n", at) if "\n" in text[at:] else len(text)]
    stripped = line.lstrip(" ")
    return len(line) - len(stripped) if stripped.startswith("- ") or stripped == "-" else None


def _common_prefix(a: str, b: str) -> int:
    """The length of the text ``a`` and ``b`` start with (halving, not char by char)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the text ``a`` and ``b`` end with, at most ``limit``."""
    lo, hi = 0, max(0, limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo
