"""User text made safe for where it goes: the terminal, a Markdown cell, a CSV cell, a file name.

The one module that decides how titles, notes, unit names, reasons and git
author names are escaped. Users type what they like; a title holding an escape
sequence must not drive the terminal, one holding ``|`` must not break a
Markdown table, one starting with ``=`` must not become a spreadsheet formula.
"""

from __future__ import annotations

import re
import unicodedata

# --- user text ----------------------------------------------------------------------------

_BREAKS = re.compile(r"\s*[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&$!])")
# What a terminal must see as text: C0 and C1 controls (tab and newline are handled apart),
# and the bidirectional marks and overrides that make text read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Cells a spreadsheet would read as a formula (OWASP's CSV injection list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def terminal(text: str, *, multiline: bool = False) -> str:
    """User text for a terminal: control characters become visible escapes (``\\x1b``).

    Newlines are kept when ``multiline``, else shown as spaces; tabs become spaces.
    Every line rectify prints to a terminal goes through here.
    """
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")

    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(escape, text)


def csv_cell(text: str) -> str:
    """User text for a CSV or spreadsheet cell: a leading ``'`` keeps it from being a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def plain(text: str) -> str:
    """User text on one line: line breaks become one space, control characters are dropped."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text.strip()))


def md_escape(text: str | None) -> str:
    """User text for Markdown: one line, every character that could start markup escaped.

    Covers tables (``|``), emphasis (``*`` ``_`` ``~``), links (``[ ]``), code
    (`````), raw HTML and entities (``< > &``) and math (``$``).
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text or ""))


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)
}


def safe_file_stem(text: str) -> str:
    """A file name (without suffix) that Windows and Linux both accept: no / \\ : * ? " < > |.

    Chinese characters are kept; a name Windows reserves (CON, NUL...) gets a
    leading underscore; trailing dots and blanks go, as Windows drops them.
    """
    stem = _UNSAFE_IN_NAMES.sub("", text).strip().rstrip(". ")
    if stem.split(".")[0].upper() in _RESERVED_NAMES:
        stem = f"_{stem}"
    return stem or "_"


def fold(text: str) -> str:
    """Text as compared: full-width folded (NFKC), blanks dropped, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
