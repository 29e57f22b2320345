"""Tables that fit the screen: one set of rules for every terminal table.

- Figures, ids and dates are never cut: their columns do not wrap and keep
  their full width.
- Long text (titles, units, notes) wraps inside its cell at character
  boundaries that respect Chinese line-breaking rules (禁则): no line starts
  with closing punctuation such as ）」，。、；：！？%, none ends with opening
  punctuation such as （「; latin words, numbers, ids and dates stay whole.
- When the screen is too narrow for every column, the least important ones
  go (each table names its columns in order of importance), and a line under
  the table names them and says how to see them (`hidden_note`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from rectify.i18n import Lang, t
from rectify.render import user_text
from rectify.text import is_wide

# No line may start with one of these (closing brackets and quotes, stops, commas,
# colons, the percent and degree signs, iteration marks, the prolonged-sound mark).
NO_LINE_START = frozenset(
    "）」』】〕〉》〗〙〛］｝"
    "，。、；：！？．,.;:!?%％‰℃°′″"
    ")]}>»›’”/／"
    "…‥—～·・ー々〻ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
# No line may end with one of these (opening brackets and quotes).
NO_LINE_END = frozenset("（「『【〔〈《〖〘〚［｛([{<«‹‘“")
GAP = 2  # cells between two columns: one of padding, the blank divider of SIMPLE_HEAD


def may_break(text: str, at: int) -> bool:
    """Whether a line may break before ``text[at]`` (0 < at < len(text)).

    After a blank, or beside a Chinese character, unless the break would start a
    line with closing punctuation or end one with opening punctuation. Never
    between two narrow characters (``SMX-014``, ``2024-11-30``, ``31.7%`` stay whole).
    """
    before, after = text[at - 1], text[at]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if after.isspace():
        return False  # break after the blanks, not before them
    if before.isspace():
        return True
    return is_wide(before) or is_wide(after)


def _pieces(text: str) -> list[str]:
    """``text`` cut at every place a line may break; joined, the pieces are ``text``."""
    pieces: list[str] = []
    start = 0
    for at in range(1, len(text)):
        if may_break(text, at):
            pieces.append(text[start:at])
            start = at
    if text:
        pieces.append(text[start:])
    return pieces


def _spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where each line of `break_lines` starts and ends in ``text``."""
    width = max(width, 2)
    spans: list[tuple[int, int]] = []
    start = end = 0  # the line being filled: text[start:end]
    position = 0
    for piece in _pieces(text):
        stop = position + len(piece)
        if cell_len(text[start:stop].rstrip()) <= width:
            end = stop
        else:
            if text[start:end].strip():
                spans.append((start, end))
            start, end = position, stop
            while start < end and text[start] == " ":
                start += 1
            while cell_len(text[start:end].rstrip()) > width:
                cut = start + 1
                while cell_len(text[start : cut + 1]) <= width:
                    cut += 1
                spans.append((start, cut))
                start = cut
        position = stop
    if text[start:end].strip() or not spans:
        spans.append((start, end))
    spans = [(a, b - (len(text[a:b]) - len(text[a:b].rstrip()))) for a, b in spans]
    return _no_widow(text, spans)


def _no_widow(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One Chinese character alone on the last line (推进缓 / 慢) takes one more with it."""
    if len(spans) < 2:
        return spans
    (a, b), (c, d) = spans[-2], spans[-1]
    alone = len(text[c:d].strip()) == 1 and is_wide(text[c:d].strip())
    if alone and b == c and b - a >= 3 and may_break(text, b - 1):
        return [*spans[:-2], (a, b - 1), (b - 1, d)]
    return spans


def break_lines(text: str, width: int) -> list[str]:
    """One line of text as lines at most ``width`` cells wide, broken where `may_break` allows.

    A piece wider than ``width`` on its own (a long word) is folded character
    by character, the only place a line may break elsewhere. Blanks at a break go.
    """
    return [text[a:b] for a, b in _spans(text, width)]


def wrap(text: Text, width: int) -> Text:
    """A Text with line breaks put in so that no line is wider than ``width`` cells.

    Styles are kept; lines the text already has are kept too.
    """
    if all(cell_len(line) <= width for line in text.plain.split("\n")):
        return text
    result = Text(style=text.style, justify=text.justify, end=text.end)
    position = 0
    for number, source in enumerate(text.plain.split("\n")):
        for index, (a, b) in enumerate(_spans(source, width)):
            if number or index:
                result.append("\n")
            result.append_text(text[position + a : position + b])
        position += len(source) + 1
    return result


def _longest_piece(text: str) -> int:
    return max((cell_len(piece.strip()) for piece in _pieces(text)), default=0)


def paragraph(text: str, width: int, style: str = "") -> Text:
    """A paragraph (a note under a table) broken into lines by the same rules as a cell."""
    return wrap(user_text(text, style, multiline=True), width)


def text_width(text: Text | str) -> int:
    """The width of the widest line of a text."""
    plain = text.plain if isinstance(text, Text) else text
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def _orphan(lines: Sequence[str]) -> bool:
    """Whether a broken title leaves one character alone on a line (问题 / 数)."""
    return len(lines) > 1 and any(len(line.strip()) < 2 for line in lines)


def header_lines(text: str, width: int) -> list[str]:
    """A column title in ``width`` cells.

    Broken at a blank or before a bracket when it can be (较上月 / （百分点）),
    else as `break_lines` breaks it, in lines of even length (平均 / 进度, not
    平均进 / 度) and never with one character alone on a line.
    """
    if cell_len(text) <= width:
        return [text]
    spots = [at for at, char in enumerate(text) if char in " （(" and 0 < at < len(text)]
    halves = [(text[:at].rstrip(), text[at:].lstrip()) for at in spots]
    fitting = [pair for pair in halves if max(map(cell_len, pair)) <= width]
    if fitting:
        return list(min(fitting, key=lambda pair: max(map(cell_len, pair))))
    lines = break_lines(text, width)
    for narrower in range(max(width - 1, 1), 0, -1):
        tried = break_lines(text, narrower)
        if len(tried) > len(lines):
            break
        if not _orphan(tried):
            lines = tried
    return lines


def narrowest(text: str, lines: int = 2, *, orphans: bool = False) -> int:
    """The fewest cells in which a column title takes at most ``lines`` lines.

    Never fewer than two Chinese characters a line (预警, not 预 / 警), and none alone
    (问题数 stays whole) unless ``orphans`` allows it.
    """
    longest = max((cell_len(p.strip()) for p in _pieces(text)), default=0)
    for width in range(max(longest, min(cell_len(text), 4), 1), cell_len(text) + 1):
        laid = header_lines(text, width)
        if len(laid) <= lines and (orphans or not _orphan(laid)):
            return width
    return max(cell_len(text), 1)


@dataclass
class Column:
    """One column of a fitted table.

    ``wrap``: long text that may be broken over lines, down to ``min_width``
    cells; otherwise the cells (figures, ids, dates) are never cut or broken.
    ``keep``: never left out (the sort column, figures a footnote explains).
    """

    key: str
    header: str
    cells: list[Text]
    wrap: bool = False
    min_width: int = 12
    max_width: int | None = None
    justify: str = "left"
    keep: bool = False
    style: str = ""
    header_style: str = ""
    width: int = field(default=0, init=False)
    orphans: bool = field(default=False, init=False)  # a title may leave one character alone

    @functools.cached_property
    def widest(self) -> int:
        """The widest cell (measured once: `fit` asks again and again)."""
        return max((text_width(cell) for cell in self.cells), default=0)

    @functools.cached_property
    def longest_word(self) -> int:
        """The widest piece no line may break inside, over every cell (measured once)."""
        return max((_longest_piece(cell.plain) for cell in self.cells), default=0)

    @property
    def natural(self) -> int:
        natural = max(self.widest, narrowest(self.header, 1))
        return min(natural, self.max_width) if self.max_width else natural

    @property
    def least(self) -> int:
        """The fewest cells the column may take."""
        header = narrowest(self.header, 2, orphans=self.orphans)
        if self.wrap:  # never so narrow that a word, an id or a figure would be folded
            words = self.longest_word
            return max(min(self.natural, self.min_width), min(header, self.min_width), words)
        return max(self.widest, header)


@dataclass
class Fitted:
    """The columns that fit, each with its width, and the headers of those left out."""

    columns: list[Column]
    hidden: list[str]
    full_width: int  # the width that shows every column


def _span(widths: Sequence[int]) -> int:
    return sum(widths) + GAP * max(len(widths) - 1, 0)


def fit(columns: Sequence[Column], order: Sequence[str], width: int) -> Fitted:
    """Lay ``columns`` out in ``width`` cells.

    ``order`` names the columns from the most to the least important: while
    the columns do not fit at their narrowest, the last one not kept goes.
    What is left over goes first to headers (so they take one line), then to
    the wrapping columns in order of importance, up to their natural width.
    A title leaves one character alone on a line (问题 / 数) only when that
    keeps a column on the screen.
    """
    laid = _fit(columns, order, width, orphans=False)
    if laid.hidden:
        loose = _fit(columns, order, width, orphans=True)
        if len(loose.hidden) < len(laid.hidden):
            return loose
        laid = _fit(columns, order, width, orphans=False)  # the widths of the strict layout
    return laid


def _fit(columns: Sequence[Column], order: Sequence[str], width: int, *, orphans: bool) -> Fitted:
    for column in columns:
        column.orphans = orphans
    rank = {key: index for index, key in enumerate(order)}
    shown = list(columns)
    full_width = _span([column.least for column in shown])
    hidden: list[str] = []
    droppable = sorted(
        (c for c in shown if not c.keep), key=lambda c: rank.get(c.key, len(rank)), reverse=True
    )
    while _span([c.least for c in shown]) > width and droppable:
        gone = droppable.pop(0)
        shown.remove(gone)
        hidden.append(gone.header)
    for column in shown:
        column.width = column.least
    room = width - _span([c.width for c in shown])
    by_rank = sorted(shown, key=lambda c: rank.get(c.key, len(rank)))
    # long text on fewer lines, then headers on one line, then long text on fewest lines
    for wraps, share in ((True, 2), (False, 1), (True, 0)):
        for column in by_rank:
            if column.wrap is wraps and room > 0:
                goal = min(column.natural, share * column.min_width or column.natural)
                extra = min(room, max(goal - column.width, 0))
                column.width += extra
                room -= extra
    return Fitted(shown, hidden, full_width)


def fitted_table(
    columns: Sequence[Column],
    order: Sequence[str],
    width: int,
    *,
    row_styles: Sequence[str] | None = None,
    sections: Sequence[int] = (),
    header_style: str = "",
    like: Fitted | None = None,
) -> tuple[Table, Fitted]:
    """A borderless table of ``columns`` laid out by `fit` in ``width`` cells.

    With ``like``, the columns and widths of another table (several tables one under the other).
    """
    laid = fit(columns, order, width)
    if like is not None:
        widths = {column.key: column.width for column in like.columns}
        kept = [column for column in columns if column.key in widths]
        for column in kept:
            column.width = widths[column.key]
        laid = Fitted(kept, like.hidden, like.full_width)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style=header_style,
        collapse_padding=False,
    )
    for column in laid.columns:
        table.add_column(
            user_text(
                "\n".join(header_lines(column.header, column.width)),
                column.header_style,
                multiline=True,
            ),
            justify=column.justify,  # type: ignore[arg-type]
            no_wrap=True,
            overflow="fold",
            width=column.width,
            style=column.style,
        )
    count = max((len(column.cells) for column in laid.columns), default=0)
    for index in range(count):
        cells = []
        for column in laid.columns:
            cell = column.cells[index] if index < len(column.cells) else Text("")
            cells.append(wrap(cell, column.width) if column.wrap else cell)
        style = row_styles[index] if row_styles else ""
        table.add_row(*cells, style=style, end_section=index in sections)
    return table, laid


def hidden_note(laid: Fitted, lang: Lang, width: int, *, command: str) -> Text | None:
    """The line under a table that left columns out: which, and how to see them (``rectify
    --wide COMMAND``); None if none."""
    if not laid.hidden:
        return None
    sep = "、" if lang == "zh" else ", "
    names = sep.join(" ".join(name.split()) for name in laid.hidden if name.strip())
    if not names:  # only a bar went
        return None
    text = t("table.hidden", lang, columns=names, width=laid.full_width, command=command)
    return paragraph(text, width, "dim")


class AtWidth:
    """A renderable laid out for the width it is printed at (the console's, or its cell's).

    For views whose callers do not pass the screen's width: the layout is
    chosen when Rich renders, from ``options.max_width``.
    """

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def plain_lines(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = ()
) -> list[str]:
    """A table as plain lines for a file or a pipe: no Rich layout, no rule, nothing wrapped.

    Each column as wide as its widest cell, two blanks between columns, the
    header on one line, no blanks at the end of a line. The cells are plain
    strings already shown safe (rectify.text.terminal); measuring them is one
    `cell_len` per cell, so 10,000 rows take a fraction of a second where a
    Rich table takes seconds.
    """
    measured = [
        [len(cell) if cell.isascii() else cell_len(cell) for cell in cells]
        for cells in (headers, *rows)
    ]
    widths = [max(column) for column in zip(*measured, strict=True)]
    flush = [bool(right) and right[index] for index in range(len(headers))]
    gap = " " * GAP

    def line(cells: Sequence[str], sizes: list[int]) -> str:
        parts = []
        for index, cell in enumerate(cells):
            pad = " " * (widths[index] - sizes[index])
            parts.append(pad + cell if flush[index] else cell + pad)
        return gap.join(parts).rstrip()

    return [line(cells, sizes) for cells, sizes in zip((headers, *rows), measured, strict=True)]
