"""User text made safe for where it goes: the terminal, a Markdown cell, a CSV cell, a file name.

The one module that decides how titles, notes, unit names, reasons and git
author names are escaped. Users type what they like; a title holding an escape
sequence must not drive the terminal, one holding ``|`` must not break a
Markdown table, one starting with ``=`` must not become a spreadsheet formula.
"""

from __future__ import annotations

import functools
import hashlib
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


_SURROGATES = re.compile("[\ud800-\udfff]")


def displayable(text: str) -> str:
    """Text any UTF-8 output can hold: the bytes of a file name that is not UTF-8 (which
    Python keeps as lone surrogates, as unzip of a zip made on Chinese Windows leaves them)
    shown as U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


def terminal(text: str, *, multiline: bool = False) -> str:
    """User text for a terminal: control characters become visible escapes (``\\x1b``).

    Newlines are kept when ``multiline``, else shown as spaces; tabs become spaces.
    Text longer than SHOWN_CHARS is cut (`shortened`).
    Every line rectify prints to a terminal goes through here.
    """
    if len(text) <= SHOWN_CHARS and text.isprintable():
        # Nothing to do (the usual case, and 100,000 cells of a listing): every character
        # changed below (controls, marks, surrogates, tabs, line ends) is unprintable.
        return text
    text = displayable(shortened(text))
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")

    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(escape, text)


#: The most characters of one piece of user text shown on a terminal: a 5-million-character
#: title would take minutes to lay out, and no one reads it there (files get it whole).
SHOWN_CHARS = 4000


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters, ending in "…(+N)" to say how many more there are."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…(+{len(text) - limit})"


def csv_cell(text: str) -> str:
    """User text for a CSV or spreadsheet cell: a leading ``'`` keeps it from being a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def plain(text: str) -> str:
    """User text on one line: line breaks become one space, control characters are dropped."""
    if text.isprintable():  # no break, control or lone surrogate: most text, at C speed
        return text.strip()
    return _CONTROL.sub("", _BREAKS.sub(" ", displayable(text).strip()))


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
    leading underscore; trailing dots and blanks go, as Windows drops them. A
    name longer than STEM_BYTES bytes (a file name holds 255) is cut, and ends
    in a digest of the whole so that two long names stay two files.
    """
    stem = _UNSAFE_IN_NAMES.sub("", text).strip().rstrip(". ")
    if stem.split(".")[0].upper() in _RESERVED_NAMES:
        stem = f"_{stem}"
    return _shortened(stem) or "_"


#: The longest stem, in UTF-8 bytes: a file name may hold 255, and ".md", "-2" must fit too.
STEM_BYTES = 200


def _shortened(stem: str) -> str:
    """``stem`` cut to STEM_BYTES at a character, with a digest of the whole so names stay apart."""
    if len(stem.encode("utf-8", "surrogatepass")) <= STEM_BYTES:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    room = STEM_BYTES - len(digest) - 1
    cut = stem.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore").rstrip(". ")
    return f"{cut}-{digest}"


def fold(text: str) -> str:
    """Text as compared: full-width folded (NFKC), blanks dropped, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


# --- how wide text is --------------------------------------------------------------------


def is_wide(char: str) -> bool:
    """Whether a character takes two columns (east Asian width W or F): Chinese text, and
    the places a line of it may break."""
    return unicodedata.east_asian_width(char) in "WF"


def display_width(text: str) -> int:
    """How many columns text takes on a screen or in a spreadsheet cell: Chinese and the
    other wide characters (east Asian width W or F) count 2. The one measure of width."""
    if text.isascii():  # most cells: ids, dates, numbers
        return len(text)
    if max(text) <= "\uffff":  # no character beyond the first plane: one regex pass, in C
        return 2 * len(text) - len(_wide_bmp().sub("", text))
    return len(text) + sum(1 for ch in text if is_wide(ch))


@functools.cache
def _wide_bmp() -> re.Pattern[str]:
    """Runs of the wide characters (east Asian width W or F) of the first plane.

    Built once from unicodedata (65,536 look-ups, about 10 ms), so it agrees with
    `unicodedata.east_asian_width` exactly; an export measures 10,000 titles and
    descriptions several times over.
    """
    ranges: list[str] = []
    start: int | None = None
    for code in range(0x10001):
        wide = code < 0x10000 and is_wide(chr(code))
        if wide and start is None:
            start = code
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"[{''.join(ranges)}]+")
