"""A document as blocks: headings, paragraphs, numbered items, tables and a chart.

The monthly report and the reminder notice are built once as a Document; the
Markdown text (to_markdown) and the Word file (rectify.output.docx) are both
drawn from it, so the two never say different things. A paragraph keeps its
words twice: as runs of plain text (bold or not) for Word, and as Markdown,
with user text escaped. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rectify.figures.months import MonthRow
from rectify.i18n import Lang, t
from rectify.output.markdown import md_table
from rectify.text import md_escape, plain

#: How a paragraph sits on the page: body text, the addressee (flush left), the
#: signature and date at the foot of a letter (flush right), a note in smaller type.
Role = Literal["body", "salutation", "signature", "date", "note", "copy"]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of plain text in one weight."""

    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: its runs (for Word) and the same words as Markdown."""

    runs: tuple[Run, ...]
    md: str
    role: Role = "body"

    @property
    def text(self) -> str:
        """The paragraph as plain text."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 1 is the document's title, 2 the 一、 headings, 3 the （一） ones."""

    level: int
    text: str  # catalogue words and figures, no user text


@dataclass(frozen=True, slots=True)
class Items:
    """A numbered list: 1. 2. 3."""

    entries: tuple[Para, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of plain cells; numeric columns align right, strong rows (totals) are bold."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    strong: frozenset[int] = frozenset()  # row indices whose first cell is bold (the totals)
    code: frozenset[int] = frozenset()  # column indices shown as code (content hashes)


@dataclass(frozen=True, slots=True)
class Chart:
    """The month-by-month rectified rate, drawn as a picture in Word, as Mermaid in Markdown."""

    rows: tuple[MonthRow, ...]
    markdown: str | None  # the Mermaid block, None when there is no rate to draw


@dataclass(frozen=True, slots=True)
class Raw:
    """A block only Markdown shows (a section rendered elsewhere as Markdown)."""

    md: str


Block = Heading | Para | Items | Table | Chart | Raw


@dataclass(frozen=True, slots=True)
class Document:
    """A report or a letter, block by block."""

    kind: Literal["report", "letter"]
    lang: Lang
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        """The text of the first level-1 heading."""
        return next((b.text for b in self.blocks if isinstance(b, Heading) and b.level == 1), "")

    @property
    def chart(self) -> Chart | None:
        """The chart of the document, when it has one."""
        return next((b for b in self.blocks if isinstance(b, Chart)), None)


#: A value filled into a catalogue sentence that comes from the user: plain text
#: (escaped for Markdown here), or a (plain, markdown) pair already made.
UserValue = str | tuple[str, str]


def para(
    key: str,
    lang: Lang,
    *,
    user: Mapping[str, UserValue] | None = None,
    role: Role = "body",
    **values: object,
) -> Para:
    """A catalogue sentence as a paragraph; ``**`` in the catalogue marks bold runs.

    User text goes in ``user``: escaped in the Markdown, as typed in the runs, and
    never read as markup, whatever it holds.
    """
    user = user or {}
    md_values = {k: v[1] if isinstance(v, tuple) else md_escape(v) for k, v in user.items()}
    md = t(key, lang, **values, **md_values)
    marks = {k: f"\x00{index}\x00" for index, k in enumerate(user)}
    shaped = t(key, lang, **values, **marks)
    runs: list[Run] = []
    for index, piece in enumerate(shaped.split("**")):
        for k, mark in marks.items():
            value = user[k]
            piece = piece.replace(mark, value[0] if isinstance(value, tuple) else plain(value))
        if piece:
            runs.append(Run(piece, bold=index % 2 == 1))
    return Para(tuple(runs), md, role)


def text_para(text: str, *, md: str | None = None, role: Role = "body") -> Para:
    """Words that hold no markup as a paragraph; ``md`` when the Markdown differs."""
    return Para((Run(text),), md if md is not None else text, role)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    *,
    strong: Sequence[int] = (),
    code: Sequence[int] = (),
) -> Table:
    """A Table from lists."""
    return Table(
        tuple(headers),
        tuple(tuple(row) for row in rows),
        tuple(numeric),
        frozenset(strong),
        frozenset(code),
    )


def _table_md(block: Table) -> str:
    body = []
    for index, row in enumerate(block.rows):
        cells = [
            f"`{plain(cell)}`" if column in block.code else md_escape(cell)
            for column, cell in enumerate(row)
        ]
        if index in block.strong and cells:
            cells[0] = f"**{cells[0]}**"
        body.append(cells)
    return md_table(block.headers, body, block.numeric)


def block_markdown(block: Block) -> str | None:
    """One block as Markdown; None for a chart with nothing to draw."""
    if isinstance(block, Heading):
        return f"{'#' * block.level} {block.text}"
    if isinstance(block, Para):
        return block.md
    if isinstance(block, Items):
        return "\n".join(f"{index}. {entry.md}" for index, entry in enumerate(block.entries, 1))
    if isinstance(block, Table):
        return _table_md(block)
    if isinstance(block, Chart):
        return block.markdown
    return block.md.strip("\n")


def to_markdown(document: Document) -> str:
    """The document as Markdown: blocks apart by a blank line, one newline at the end."""
    shown = [block_markdown(block) for block in document.blocks]
    return "\n\n".join(text for text in shown if text is not None) + "\n"
