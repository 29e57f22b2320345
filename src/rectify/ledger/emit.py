"""Ledger data as YAML text: scalars, blocks and the canonical dump of a ledger."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import yaml

from rectify.ledger.yaml import Loader
from rectify.model import Ledger, ledger_to_data

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
