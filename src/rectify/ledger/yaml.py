"""YAML text <-> data: safe loading with line numbers.

Loading never executes anything: the file is composed into YAML nodes by the
safe loader (libyaml's C parser when present), and this module builds plain
Python values from the nodes itself, refusing tags, anchors and aliases, and
keeping the place of every key and value for messages.
"""

from __future__ import annotations

import array
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectify.errors import Problem
from rectify.ledger.files import read_bytes

if TYPE_CHECKING:
    import yaml

    Loader: type[yaml.SafeLoader]
else:

    def __getattr__(name: str) -> Any:
        """``Loader`` on first use: yaml is imported only when a ledger is read."""
        if name == "Loader":
            return safe_loader()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def safe_loader() -> type[yaml.SafeLoader]:
    """The safe YAML loader: libyaml's C one when present, else the pure-Python one.

    yaml is imported here, not at the top, so that `rectify --version` and the
    modules that only write files (config) start without it.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
MAP_TAG = _TAG + "map"
SEQ_TAG = _TAG + "seq"

# A ledger nests six levels deep; far deeper input is an attack or an accident, and
# building it recursively would exhaust the stack.
MAX_DEPTH = 32

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Pos:
    """A place in a file, 1-based line and column."""

    line: int
    column: int


class Places(dict[KeyPath, Pos]):
    """Where keys (or values) stand, found in the YAML node tree on first asking.

    Recording two places for every scalar while building doubled the cost of
    loading; problems are few, so each place is looked up when one is reported.
    Places set explicitly are kept as in a plain dict.
    """

    def __init__(self, root: Any = None, *, values: bool = False) -> None:
        super().__init__()
        self.root = root
        self.of_values = values

    def __missing__(self, path: KeyPath) -> Pos:
        pos = self._find(path)
        if pos is None:
            raise KeyError(path)
        self[path] = pos
        return pos

    def __contains__(self, path: object) -> bool:
        return self.get(path) is not None  # type: ignore[arg-type]

    def get(self, path: KeyPath, default: Pos | None = None) -> Pos | None:  # type: ignore[override]
        try:
            return self[path]
        except KeyError:
            return default

    def _find(self, path: KeyPath) -> Pos | None:
        node = self.root
        if node is None or (not path and not self.of_values) or len(path) > MAX_DEPTH + 1:
            return None
        key_mark = None
        for part in path:
            children = getattr(node, "value", None)
            if not isinstance(children, list):
                return None
            if isinstance(part, int):
                if not 0 <= part < len(children) or isinstance(children[0], tuple):
                    return None
                node = children[part]
                key_mark = node.start_mark
                continue
            if children and not isinstance(children[0], tuple):
                return None
            for key_node, value_node in children:
                if isinstance(key_node.value, str) and key_node.value == part:
                    key_mark, node = key_node.start_mark, value_node
                    break
            else:
                return None
        mark = node.start_mark if self.of_values else key_mark
        return None if mark is None else _pos(mark)


@dataclass
class Document:
    """One ledger file as read: its text, its YAML nodes, its values and their places."""

    path: Path
    text: str
    bom: bool = False
    newline: str = "\n"
    # The file's own line end when it is not LF or CRLF (a lone CR, U+0085, U+2028, U+2029):
    # the text holds LF in its place, and `encode` writes it back.
    line_break: str = ""
    root: yaml.Node | None = None
    data: Any = None
    keys: dict[KeyPath, Pos] = field(default_factory=dict)
    values: dict[KeyPath, Pos] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _split: tuple[str, list[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def key_pos(self, path: KeyPath) -> Pos:
        """Where the key (or sequence item) at ``path`` stands; its nearest parent's if unknown."""
        while path:
            pos = self.keys.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return Pos(1, 1)

    def value_pos(self, path: KeyPath) -> Pos:
        """Where the value at ``path`` starts; the key's place if unknown."""
        return self.values.get(path) or self.key_pos(path)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end."""
        if self._split is None or self._split[0] is not self.text:
            # Split once per text: a file with thousands of problems quotes thousands of lines.
            # By "\n" as YAML counts lines (splitlines also splits at \x0c, \x1c, U+2028...).
            lines = self.text.split("\n")
            self._split = (self.text, [line.removesuffix("\r") for line in lines])
        lines = self._split[1]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def problem(self, code: str, pos: Pos, /, *, key: str | None = None, **params: Any) -> Problem:
        """A problem at ``pos`` of this file."""
        return Problem(
            path=self.path,
            line=pos.line,
            column=pos.column,
            code=code,
            key=key or code,
            params=params,
        )


def _pos(mark: Any) -> Pos:
    """A YAML mark (0-based, from the C or the pure parser) as a 1-based Pos."""
    return Pos(mark.line + 1, mark.column + 1)


def load_document(path: Path) -> Document:
    """Read one ledger file into a Document; problems are collected, never raised.

    Raises FileError only when the file cannot be read at all.
    """
    doc = decode(path, read_bytes(path))
    if doc.problems:
        return doc
    parse_into(doc)
    return doc


def parse_text(path: Path, text: str) -> Document:
    """Parse ledger text that is already in memory (as read from git, or a test)."""
    doc = Document(path=path, text="")
    _set_text(doc, text)
    if not doc.problems:
        parse_into(doc)
    return doc


# YAML reads each of these as a line end; Python's str.splitlines also splits at \x1c-\x1e,
# \x0b and \x0c, which YAML does not, so lines are always counted by "\n" here.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_LONE_CR = re.compile(r"\r(?!\n)")


def _set_text(doc: Document, text: str) -> None:
    """Give ``doc`` its text with LF line ends where the file uses one other kind throughout.

    A file whose lines end in a lone CR (old Mac editors) or in U+0085/U+2028/U+2029
    reads in YAML as lines, but every place in the text is found by "\n": such a
    file is read with LF in their place, and written back with its own line end.
    A lone CR among LF line ends, or one of the others among other line ends, is a
    problem (R112): YAML and editors would not see the same lines.
    """
    doc.newline = "\r\n" if "\r\n" in text else "\n"
    odd = [c for c in _ODD_BREAKS if c in text]
    lone_cr = "\r" in text and _LONE_CR.search(text) is not None
    if not odd and not lone_cr:
        doc.text = text
        return
    has_lf = "\n" in text
    if lone_cr and not has_lf and not odd:
        doc.text, doc.line_break = text.replace("\r", "\n"), "\r"
        return
    if len(odd) == 1 and not has_lf and not lone_cr:
        doc.text, doc.line_break = text.replace(odd[0], "\n"), odd[0]
        return
    doc.text = text
    if lone_cr:
        found = _LONE_CR.search(text)
        assert found is not None
        doc.problems.append(doc.problem("R112", _place(text, found.start())))
        return
    # U+0085/U+2028/U+2029 among other line ends (pasted into a value, say): YAML reads
    # each as a line end, editors do not; the lines would not be the ones people see.
    at = min(text.index(c) for c in odd)
    name = f"U+{ord(text[at]):04X}"
    doc.problems.append(doc.problem("R112", _place(text, at), key="R112.odd", char=name))


def _place(text: str, at: int) -> Pos:
    """The line and column of ``text[at]``, lines counted by "\n"."""
    line = text.count("\n", 0, at) + 1
    return Pos(line, at - (text.rfind("\n", 0, at) + 1) + 1)


# A line git writes around the two sides of a conflict (and around the base with diff3).
_MARKER = re.compile(r"^(?:<{7}|>{7}|\|{7})(?= |\r?$)|^={7}", re.MULTILINE)


def conflict_markers(doc: Document) -> list[Problem]:
    """An R111 problem for every line of ``doc`` that a git conflict left, inside a value or not."""
    text = doc.text
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return []
    found = []
    for match in _MARKER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        marker = doc.line_text(line).strip()[:40]
        found.append(doc.problem("R111", Pos(line, 1), marker=marker, file=doc.path.name))
    return found


def parse_into(doc: Document) -> None:
    """Compose the YAML of ``doc.text`` and build its values and positions."""
    if not doc.text.strip():
        doc.problems.append(doc.problem("R104", Pos(1, 1)))
        return
    markers = conflict_markers(doc)
    if markers:
        doc.problems.extend(markers)
        return
    import yaml

    with gc_paused():
        try:
            anchored = _first_anchor(doc.text) if ("&" in doc.text or "*" in doc.text) else None
            if anchored is not None:
                doc.problems.append(doc.problem("R109", anchored))
                return
            loader = safe_loader()(doc.text)
            try:
                doc.root = loader.get_single_node()
            finally:
                loader.dispose()
            doc.keys = Places(doc.root)
            doc.values = Places(doc.root, values=True)
        except yaml.MarkedYAMLError as exc:
            doc.problems.append(_syntax_problem(doc, exc))
            return
        except yaml.YAMLError as exc:
            doc.problems.append(doc.problem("R102", Pos(1, 1), key="R102.other", detail=str(exc)))
            return
        except RecursionError:  # the pure-Python parser on absurdly deep nesting
            doc.problems.append(
                doc.problem("R102", Pos(1, 1), key="R102.too_deep", detail=_TOO_DEEP)
            )
            return
        if doc.root is None or (
            isinstance(doc.root, yaml.ScalarNode) and doc.root.tag == _TAG + "null"
        ):  # nothing, or only `---` or `~`: no data at all
            doc.problems.append(doc.problem("R104", Pos(1, 1)))
            return
        doc.data = _Builder(doc).build(doc.root, ())


_TOO_DEEP = "exceeded maximum nesting depth"


def issue_spans(doc: Document) -> tuple[int, int, list[tuple[int, int]]] | None:
    """Where each issue's text lies: (head, tail, [(start, end), ...]) as character offsets.

    Each issue runs from the start of its ``- `` line to the start of the next
    issue's; ``head`` is where the first one starts, ``tail`` where the text
    after the list starts. None unless the issues form a block list with each
    item on lines of its own (a flow list, or two items on a line, has no spans).
    """
    import yaml

    root, text = doc.root, doc.text
    if not isinstance(root, yaml.MappingNode):
        return None
    found = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "issues"]
    if len(found) != 1 or not isinstance(found[0], yaml.SequenceNode) or found[0].flow_style:
        return None
    items = found[0].value
    if not items:
        return None
    starts = []
    for node in items:
        index = node.start_mark.index
        line_start = text.rfind("\n", 0, index) + 1
        if text[line_start:index].strip(" ") != "-":
            return None  # "- " must stand alone before the issue's first key
        starts.append(line_start)
    end = found[0].end_mark.index
    tail = (
        text.rfind("\n", 0, end) + 1
        if text[text.rfind("\n", 0, end) + 1 : end].strip() == ""
        else -1
    )
    if tail < 0 or any(b <= a for a, b in zip(starts, [*starts[1:], tail], strict=True)):
        return None
    return starts[0], tail, list(zip(starts, [*starts[1:], tail], strict=True))


def span_fits(text: str, span: tuple[int, int], head: int, tail: int) -> bool:
    """Whether ``span`` of ``text`` looks like one issue as `issue_spans` cuts them.

    It must start a line with ``- `` at some indent, end where the next item at
    that indent starts (or at ``tail``), lie within ``head``..``tail``, and
    ``tail`` must be the end of the text or a line less indented than the dash.
    Cheap, and enough to refuse spans that are not this text's.
    """
    start, end = span
    if not (0 <= head <= start < end <= tail <= len(text)):
        return False
    if not (_line_start(text, start) and _line_start(text, end) and _line_start(text, tail)):
        return False
    found = _ITEM.match(text, start)
    if found is None:
        return False
    indent = found.end(1) - start
    if end < tail:
        after = _ITEM.match(text, end)
        return after is not None and after.end(1) - end == indent
    if tail == len(text):
        return True
    line_end = text.find("\n", tail)
    line = text[tail : line_end if line_end >= 0 else len(text)]
    stripped = line.lstrip(" ")
    return (
        bool(stripped.strip())
        and not stripped.startswith("#")
        and (len(line) - len(stripped) < indent or (indent == 0 and not _ITEM.match(line)))
    )


def _line_start(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] == "\n"


_ITEM = re.compile(r"( *)-(?: |\r?\n)")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree of acyclic objects is built or read.

    Without this, the collector rescans the growing tree again and again and a
    large ledger takes several times longer to load and check.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > _MANY:
            # Hundreds of thousands of objects were made: move them out of the collector's
            # sight, or its next full pass scans them all (a second, for 10,000 issues).
            # They are still freed as usual when no longer used.
            gc.freeze()
        if enabled:
            gc.enable()


_MANY = 100_000


def _first_anchor(text: str) -> Pos | None:
    """The place of the first anchor or alias, found from the event stream alone.

    Stopping at the first one keeps an alias bomb from ever being composed.
    """
    import yaml

    for event in yaml.parse(text, Loader=safe_loader()):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return _pos(event.start_mark)
    return None


def _syntax_problem(doc: Document, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    pos = _pos(mark) if mark is not None else Pos(1, 1)
    detail = exc.problem or exc.context or ""
    opened = _pos(exc.context_mark) if exc.context_mark is not None else None
    if opened is not None and not doc.line_text(pos.line).strip():
        # "unexpected end of stream" points past the text; what was left open is the news.
        pos = opened
        detail = f"{exc.context}: {detail}" if exc.context else detail
    elif exc.context and detail.startswith("but "):
        detail = f"{exc.context}, {detail}"  # "expected a single document ..., but found ..."
    elif opened is not None and "flow" in (exc.context or "") and opened.line != pos.line:
        # An unclosed [ or { is reported where parsing gave up; say where it opened.
        detail = f"{detail} ({exc.context} started on line {opened.line})"
    line = doc.line_text(pos.line)
    if (
        "\t" in (exc.problem or "")
        or "\t" in line[: max(pos.column, 1) + 1].lstrip(" ")[:1]
        or (line[: len(line) - len(line.lstrip())].count("\t"))
    ):
        return doc.problem("R103", pos)
    slip = _typing_slip(doc, pos, opened)
    if slip is not None:
        return slip
    key = _syntax_key(detail)
    params: dict[str, Any] = {}
    if key == "R102.cannot_start":
        found = re.search(r"found character '(.+?)' that cannot start", exc.problem or "")
        # libyaml does not say which character: it is the one the mark points at
        params["char"] = found.group(1) if found else line[pos.column - 1 : pos.column].strip()
    elif key.startswith("R102.unclosed_b"):
        params["opened"] = opened.line if opened is not None else pos.line
    return doc.problem("R102", pos, key=key, detail=detail, **params)


# A key typed with a full-width colon (lead_unit：市民政局), a full-width space or a tab
# before a key: the parser trips on the next line, or reads on; the slip is on its own line.
_FULLWIDTH_COLON = re.compile(r"^[ \t\u3000]*(?:- +)?[A-Za-z_][\w-]*[ \u3000]*：")
_FULLWIDTH_INDENT = re.compile(r"^ *\u3000")
_NO_SPACE = re.compile(r"^ *(?:- +)?[A-Za-z_][\w-]*:[^\s:/]")


def _typing_slip(doc: Document, pos: Pos, opened: Pos | None) -> Problem | None:
    """The problem at a common typing slip on the error's line or the few lines before it."""
    first = max(1, pos.line - 3, opened.line if opened is not None else 1)
    for number in range(pos.line, first - 1, -1):
        text = doc.line_text(number)
        if _FULLWIDTH_COLON.match(text):
            column = text.index("：") + 1
            return doc.problem("R102", Pos(number, column), key="R102.fullwidth_colon")
        if _FULLWIDTH_INDENT.match(text):
            column = text.index("\u3000") + 1
            return doc.problem("R102", Pos(number, column), key="R102.fullwidth_space")
        if _NO_SPACE.match(text):
            column = text.index(":") + 1
            return doc.problem("R102", Pos(number, column), key="R102.no_space")
    return None


# The parser's common complaints (libyaml's and PyYAML's words), each a sentence of the catalogue.
_SYNTAX_KEYS = (
    ("could not find expected ':'", "R102.expected_colon"),
    ("mapping values are not allowed", "R102.mapping_values"),
    ("did not find expected '-' indicator", "R102.expected_dash"),
    ("did not find expected key", "R102.expected_key"),
    ("expected <block end>", "R102.expected_key"),
    ("did not find expected ',' or ']'", "R102.unclosed_bracket"),
    ("did not find expected ',' or '}'", "R102.unclosed_brace"),
    ("quoted scalar", "R102.unclosed_quote"),
    ("found unexpected end of stream", "R102.unexpected_end"),
    ("that cannot start any token", "R102.cannot_start"),
    ("expected a single document", "R102.two_documents"),
    ("found unknown escape character", "R102.bad_escape"),
    ("did not find expected <document start>", "R102.trailing"),
    ("block sequence entries are not allowed", "R102.expected_dash"),
    ("found undefined tag handle", "R102.cannot_start"),
    ("expected alphabetic or numeric character", "R102.cannot_start"),
)


def _syntax_key(detail: str) -> str:
    """The catalogue key of a parser complaint; R102.other (its English kept) for the rest."""
    for words, key in _SYNTAX_KEYS:
        if words in detail:
            return key
    return "R102.other"


#: Texts of at most this many characters are kept once however often they are written.
_SHARED_TEXT = 40


class _Builder:
    """Builds plain values from YAML nodes, recording positions and refusing what is not data."""

    def __init__(self, doc: Document):
        import yaml

        self.doc = doc
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()
        self.seen: set[int] = set()
        self.too_deep = False
        self.scalar_node = yaml.ScalarNode
        self.mapping_node = yaml.MappingNode
        self.sequence_node = yaml.SequenceNode
        self.yaml_error = yaml.YAMLError
        # When a list: every key's and value's place (0-based line and column of each), in the
        # order the values are built (`parse_streamed` keeps them instead of the nodes).
        self.marks: list[int] | None = None
        # One object for each short text however often it is written (a unit, a person, a
        # short note): the models of 100,000 issues hold them. Not dates: PyYAML writes a
        # date object met twice as an anchor and an alias, which a ledger may not hold.
        self.texts: dict[str, str] = {}

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        if len(path) > MAX_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.doc.problems.append(
                    self.doc.problem(
                        "R102", _pos(node.start_mark), key="R102.too_deep", detail=_TOO_DEEP
                    )
                )
            return None
        if isinstance(node, self.scalar_node):
            return self.scalar(node, path)
        if id(node) in self.seen:  # an alias that slipped past the event scan
            self.doc.problems.append(self.doc.problem("R109", _pos(node.start_mark)))
            return None
        self.seen.add(id(node))
        if isinstance(node, self.mapping_node):
            return self.mapping(node, path)
        if isinstance(node, self.sequence_node):
            return self.sequence(node, path)
        return None  # pragma: no cover - yaml has no other node kinds

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        tag = node.tag
        if tag == _TAG + "str":
            value: str = node.value
            return self.texts.setdefault(value, value) if len(value) <= _SHARED_TEXT else value
        if tag not in SCALAR_TAGS:
            self.doc.problems.append(
                self.doc.problem("R108", _pos(node.start_mark), tag=_written(tag))
            )
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception:  # PyYAML's resolvers raise KeyError, IndexError, AttributeError...
            if self._explicit(node):
                # `!!bool maybe`, `!!int ''`, `!!timestamp x`: the tag asks for what is not there.
                self.doc.problems.append(
                    self.doc.problem(
                        "R108",
                        _pos(node.start_mark),
                        key="R108.value",
                        tag=_written(tag),
                        value=node.value[:40],
                    )
                )
                return None
            # Not a real date (2024-02-30): keep the text; the model says why it is wrong.
            return node.value

    def _explicit(self, node: yaml.ScalarNode) -> bool:
        """Whether the node's tag was written in the file rather than read from its text."""
        implicit = (node.style in (None, ""), False)
        resolved = self.resolver.resolve(self.scalar_node, node.value, implicit)  # type: ignore[no-untyped-call]
        return bool(resolved != node.tag)

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        if node.tag != MAP_TAG:
            self.doc.problems.append(
                self.doc.problem("R108", _pos(node.start_mark), tag=_written(node.tag))
            )
            return {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, self.scalar_node) or key_node.tag not in SCALAR_TAGS:
                self.doc.problems.append(self.doc.problem("R110", _pos(key_node.start_mark)))
                continue
            key = key_node.value
            if key_node.tag == _TAG + "bool" and not path:
                pass  # reported as an unknown key by the checker, with a quoting hint
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                self.doc.problems.append(
                    self.doc.problem(
                        "R107", _pos(key_node.start_mark), name=key, first=first.start_mark.line + 1
                    )
                )
                continue
            if self.marks is not None:
                at, to = key_node.start_mark, value_node.start_mark
                self.marks += (at.line, at.column, to.line, to.column)
            result[key] = self.build(value_node, (*path, key))
        return result

    def sequence(self, node: yaml.SequenceNode, path: KeyPath) -> list[Any]:
        if node.tag != SEQ_TAG:
            self.doc.problems.append(
                self.doc.problem("R108", _pos(node.start_mark), tag=_written(node.tag))
            )
            return []
        items = []
        for index, item in enumerate(node.value):
            if self.marks is not None:
                at = item.start_mark
                self.marks += (at.line, at.column, at.line, at.column)
            items.append(self.build(item, (*path, index)))
        return items


def _written(tag: str) -> str:
    """A tag as the user wrote it: ``!!binary`` rather than ``tag:yaml.org,2002:binary``."""
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def decode(path: Path, raw: bytes) -> Document:
    """Decode a ledger's bytes as UTF-8 (a BOM is accepted), or say how it is encoded instead."""
    doc = Document(path=path, text="")
    head = raw[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        doc.problems.append(doc.problem("R101", Pos(1, 1), key="R101.binary"))
        return doc
    if raw.startswith(b"\xef\xbb\xbf"):
        doc.bom = True
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            shown, key = raw.decode("gb18030"), "R101.gbk"
        except UnicodeDecodeError:
            shown, key = raw.decode("utf-8", errors="replace"), "R101"
        # The text is kept for the excerpt only: a file with problems is never written.
        doc.text = shown
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        before = raw[line_start : exc.start].decode("utf-8", errors="replace")
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(doc.problem("R101", Pos(line, len(before) + 1), key=key))
        return doc
    _set_text(doc, text)
    return doc


# --- writing ----------------------------------------------------------------------------


def encode(doc: Document, text: str) -> bytes:
    """The bytes to write for ``text``, keeping the file's BOM."""
    if doc.line_break:
        text = text.replace("\n", doc.line_break)
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if doc.bom else data


# --- a big ledger, one issue at a time ------------------------------------------------------

#: From this many characters on (about 5,000 issues), a ledger read for reading only is
#: composed 200 issues at a time (`parse_streamed`): the node tree of a whole 100,000-issue
#: file takes 2.4 GB. Below it, the whole tree is small and composing it is faster.
STREAM_AT = 2_000_000

_ISSUES_LINE = re.compile(r"^issues:[ \t]*\r?\n", re.MULTILINE)
_ITEM_LINE = re.compile(r"( *)-(?: |\r?\n)")

Spans3 = tuple[int, int, list[tuple[int, int]]]


def _issue_starts(text: str) -> tuple[int, list[int], int] | None:
    """Where the top-level ``issues:`` block list's items start, by its lines alone:
    (the line after ``issues:``, the start of every ``- `` line at the items' indent,
    where the text after the list starts); None for any other layout."""
    found = list(_ISSUES_LINE.finditer(text))
    if len(found) != 1:
        return None
    after = found[0].end()
    first = _CONTENT_LINE.search(text, after)
    if first is None or (item := _ITEM_LINE.match(text, first.start())) is None:
        return None
    indent = len(item.group(1))
    starts: list[int] = []
    # Every line, neither blank nor a comment, indented no more than the items: an item,
    # else the end of the list (at the left edge; anywhere else it is another layout).
    for line in re.compile(rf"^( {{0,{indent}}})(?=[^ \r\n#])", re.MULTILINE).finditer(
        text, first.start()
    ):
        lead = len(line.group(1))
        if lead == indent and _ITEM_LINE.match(text, line.start()):
            starts.append(line.start())
            continue
        return (after, starts, line.start()) if lead == 0 else None
    return after, starts, len(text)


_CONTENT_LINE = re.compile(r"^(?! *(?:#|\r?$))", re.MULTILINE)


class Unstreamable(Exception):
    """A batch of a ledger read one batch at a time held something unusual (a key twice, a
    tag, a syntax error...): ``doc`` is as it was before `stream_issues`, to be parsed whole."""


def stream_issues(doc: Document) -> IssueStream | None:
    """``doc`` made ready to be built one batch of issues at a time, never holding the whole
    node tree nor the values of every issue at once.

    For a ledger read for reading only (nothing edits through it): the text is cut
    at the ``- `` lines of the top-level issues list; the text around the list is
    composed and built here (``doc.data``, whose issues list holds None for each
    issue until `IssueStream.batches` builds it). None, with ``doc`` untouched, for
    anything that is not the plain layout or that reading found a problem in: the
    caller then parses the whole text as always, so every problem is reported by
    the one path that always reported it.
    """
    text = doc.text
    if "&" in text or "*" in text or conflict_markers(doc) or not text.endswith("\n"):
        return None
    cut = _issue_starts(text)
    if cut is None:
        return None
    after, starts, tail = cut
    import yaml

    problems = len(doc.problems)
    builder = _Builder(doc)
    try:
        head = _compose(text[:after] + "\n" * text.count("\n", after, tail) + text[tail:])
        data = builder.build(head, ()) if isinstance(head, yaml.MappingNode) else None
    except yaml.YAMLError:
        data = None
    if len(doc.problems) != problems or builder.too_deep:
        del doc.problems[problems:]
        return None
    if not isinstance(data, dict) or data.get("issues", 0) is not None:
        return None
    return IssueStream(doc, builder, head, starts, tail, data)


class IssueStream:
    """The issues of a ledger set up by `stream_issues`, built one batch at a time."""

    def __init__(
        self,
        doc: Document,
        builder: _Builder,
        head: Any,
        starts: list[int],
        tail: int,
        data: dict[str, Any],
    ) -> None:
        self.doc, self.builder, self.problems = doc, builder, len(doc.problems)
        self.starts, self.ends = starts, [*starts[1:], tail]
        #: The issues' spans, as `issue_spans` gives them.
        self.spans: Spans3 = (starts[0], tail, list(zip(starts, self.ends, strict=True)))
        # Every issue's values, and their places (kept instead of its nodes): None but
        # for the batch being read (all of them when kept).
        self.issues: list[Any] = [None] * len(starts)
        self.marks: list[array.array[int] | None] = [None] * len(starts)
        offsets = []  # the lines before each issue's batch: its places count from there
        line = doc.text.count("\n", 0, starts[0])
        for first in range(0, len(starts), _BATCH):
            last = min(first + _BATCH, len(starts))
            offsets += [line] * (last - first)
            line += doc.text.count("\n", starts[first], self.ends[last - 1])
        data["issues"] = self.issues
        doc.data = data
        spans = list(zip(starts, self.ends, offsets, strict=True))
        self.keys = _IssuePlaces(head, doc.text, spans, self.issues, self.marks)
        self.values = _IssuePlaces(head, doc.text, spans, self.issues, self.marks, values=True)
        doc.keys, doc.values = self.keys, self.values

    def batches(self, *, keep: bool = False) -> Iterator[range]:
        """Build the issues a batch at a time (`_BATCH`), each batch's nodes let go before
        the next is composed: each range given is the indices of a batch now built in
        ``doc.data["issues"]``, their places known, until the next is asked for; then
        they are let go unless ``keep``. Raises Unstreamable at anything unusual."""
        import yaml

        doc, builder, text = self.doc, self.builder, self.doc.text
        for first in range(0, len(self.starts), _BATCH):
            last = min(first + _BATCH, len(self.starts))
            try:
                node = _compose(text[self.starts[first] : self.ends[last - 1]])
                if not _items(node, last - first):
                    raise Unstreamable
                assert isinstance(node, yaml.SequenceNode)
                builder.seen.clear()  # the last batch's nodes are gone, and their ids free
                for index in range(first, last):
                    item = node.value[index - first]
                    builder.marks = [item.start_mark.line, item.start_mark.column] * 2
                    self.issues[index] = builder.build(item, ("issues", index))
                    self.marks[index] = array.array("I", builder.marks)
                builder.marks = None
                # PyYAML's constructor keeps every node it built a value from (dates, numbers):
                # with its marks and text, most of what a batch's nodes took.
                builder.constructor.constructed_objects.clear()
                del node, item
                if len(doc.problems) != self.problems or builder.too_deep:
                    raise Unstreamable
            except (yaml.YAMLError, Unstreamable):
                self._abandon()
                raise Unstreamable from None
            yield range(first, last)
            if not keep:
                self.issues[first:last] = [None] * (last - first)
                self.marks[first:last] = [None] * (last - first)
                self.keys.clear()  # the places found so far: the batch's are of no more use
                self.values.clear()

    def _abandon(self) -> None:
        """``doc`` as it was before `stream_issues`: no values, no places, no new problems."""
        del self.doc.problems[self.problems :]
        self.doc.data = None
        self.doc.keys, self.doc.values = {}, {}


def parse_streamed(doc: Document) -> Spans3 | None:
    """Compose and build all of ``doc`` a batch of issues at a time (`stream_issues`), its
    values all kept; the issues' spans (as `issue_spans` gives them). None, with ``doc``
    untouched, for anything that is not the plain layout or that reading found a problem in.
    """
    stream = stream_issues(doc)
    if stream is None:
        return None
    try:
        with gc_paused():
            for _ in stream.batches(keep=True):
                pass
    except Unstreamable:
        return None
    return stream.spans


def _compose(text: str) -> yaml.Node | None:
    loader = safe_loader()(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _items(node: yaml.Node | None, count: int) -> bool:
    """Whether ``node`` is a plain block list of ``count`` mappings."""
    import yaml

    return (
        isinstance(node, yaml.SequenceNode)
        and node.tag == SEQ_TAG
        and len(node.value) == count
        and all(isinstance(item, yaml.MappingNode) for item in node.value)
    )


#: Issues composed together: one parser per batch, and at most a batch's nodes at a time.
_BATCH = 200


class _IssuePlaces(Places):
    """Places in a ledger composed one issue at a time: the header's from its nodes, an
    issue's from the places its building kept (`_Builder.marks`), lines counted from the
    file's start."""

    def __init__(
        self,
        head: Any,
        text: str,
        issues: list[tuple[int, int, int]],
        data: list[Any],
        marks: list[array.array[int] | None],
        *,
        values: bool = False,
    ) -> None:
        super().__init__(head, values=values)
        self.text = text
        self.issues = issues  # each issue's start, end, and the lines before it
        self.data, self.marks = data, marks

    def _find(self, path: KeyPath) -> Pos | None:
        if not path or path[0] != "issues":
            return super()._find(path)
        if len(path) == 1:
            if not self.of_values:
                return super()._find(path)
            start, _, offset = self.issues[0]
            return Pos(offset + 1, len(self.text[start:].split("-", 1)[0]) + 1)
        index = path[1]
        if not isinstance(index, int) or not 0 <= index < len(self.issues):
            return None
        at = _preorder(self.data[index], path[2:])
        if at is None:
            return None
        marks, offset = self.marks[index], self.issues[index][2]
        if marks is None:
            return None  # an issue not built, or let go (`IssueStream.batches`)
        at = 4 * at + (2 if self.of_values else 0)
        return Pos(marks[at] + offset + 1, marks[at + 1] + 1)


def _preorder(value: Any, rest: KeyPath) -> int | None:
    """Where the value at ``rest`` comes among the values of ``value``, counted as
    `_Builder` builds them (the issue itself is 0, its first key 1); None if absent."""
    index = 0
    for part in rest:
        if isinstance(value, dict) and isinstance(part, str) and part in value:
            for key, child in value.items():
                index += 1
                if key == part:
                    value = child
                    break
                index += _count(child)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            index += sum(1 + _count(child) for child in value[:part]) + 1
            value = value[part]
        else:
            return None
    return index


def _count(value: Any) -> int:
    """How many keys and items ``value`` holds, all the way down."""
    if isinstance(value, dict):
        return sum(1 + _count(child) for child in value.values())
    if isinstance(value, list):
        return sum(1 + _count(child) for child in value)
    return 0
