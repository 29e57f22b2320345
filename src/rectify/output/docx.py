"""The monthly report and the reminder notice as Word files, laid out as official documents.

A Chinese document follows GB/T 9704-2012 (党政机关公文格式): A4; margins top
37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm; 22 lines of 28
characters: an exact line spacing of 28.95 pt and a small negative character
spacing, not Word's character grid, which LibreOffice does not render
faithfully; title in 2号 小标宋, body in 3号 仿宋, first-level headings (一、)
in 黑体, second-level ones (（一）) in 楷体; page numbers "— 1 —" in 4号 宋体,
right on odd pages and left on even ones. Every font is set as the East Asian
font (w:eastAsia) of the runs, the styles and the document defaults, since
python-docx sets only the Latin one. An English document keeps the structure
in Times New Roman and Arial.

Built from the same Document as the Markdown (rectify.output.blocks). Pure:
blocks and a chart picture in, bytes out.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from rectify.i18n import Lang
from rectify.output.blocks import Chart, Document, Heading, Items, Para, Raw, Run, Table
from rectify.text import is_wide

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

#: The fonts a rectify.toml may name, under [fonts.zh] or [fonts.en] (see io.config).
FONT_ROLES: tuple[str, ...] = (
    "title",
    "body",
    "heading1",
    "heading2",
    "page_number",
    "latin",
    "chinese",
)

# What follows w:framePr and w:pBdr in a paragraph's properties (the schema's order, which
# Word holds to): each is put in before the first of these.
_AFTER_BORDERS = tuple(
    f"w:{name}"
    for name in [
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)
_AFTER_FRAME = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", *_AFTER_BORDERS)

# Page setup of GB/T 9704-2012 (every language): A4 and the margins of the type area.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
FOOTER_DISTANCE = Mm(23)  # the page number sits about 7 mm below the type area
CHART_WIDTH = Mm(150)


@dataclass(frozen=True, slots=True)
class Layout:
    """Fonts and sizes of one language's documents (sizes in points)."""

    title: str
    body: str
    heading1: str
    heading2: str
    page_number: str
    latin: str  # letters and digits in a Chinese document
    chinese: str  # Chinese words (unit names) in an English document
    east_asian: bool  # the role fonts are East Asian ones (Chinese layout)
    title_size: float
    body_size: float
    page_number_size: float
    line: float  # exact line spacing
    char_spacing: float  # added after each character (negative: tighter)
    indent_chars: int  # first-line indent of body paragraphs, in characters
    bold_headings: bool
    space_after: float  # between paragraphs

    def fonts(self, role: str) -> tuple[str, str]:
        """The (Latin, East Asian) font pair of a role."""
        name: str = getattr(self, role)
        return (self.latin, name) if self.east_asian else (name, self.chinese)


ZH = Layout(
    title="方正小标宋简体",
    body="仿宋_GB2312",
    heading1="黑体",
    heading2="楷体_GB2312",
    page_number="宋体",
    latin="Times New Roman",
    chinese="仿宋_GB2312",
    east_asian=True,
    title_size=22,  # 2号
    body_size=16,  # 3号
    page_number_size=14,  # 4号
    line=28.95,  # 225 mm of type area / 22 lines
    char_spacing=-0.25,  # 28 × (16 − 0.25) = 441 pt ≤ 156 mm (442.2 pt) < 29 characters
    indent_chars=2,
    bold_headings=False,
    space_after=0,
)
EN = Layout(
    title="Arial",
    body="Times New Roman",
    heading1="Arial",
    heading2="Arial",
    page_number="Times New Roman",
    latin="Times New Roman",
    chinese="宋体",
    east_asian=False,
    title_size=18,
    body_size=12,
    page_number_size=12,
    line=18,
    char_spacing=0,
    indent_chars=0,
    bold_headings=True,
    space_after=6,
)


def layout_for(lang: Lang, fonts: Mapping[str, str] | None = None) -> Layout:
    """The layout of a language, with the fonts a rectify.toml names instead of the defaults."""
    base = ZH if lang == "zh" else EN
    chosen: dict[str, Any] = {
        role: name for role, name in (fonts or {}).items() if role in FONT_ROLES
    }
    return replace(base, **chosen)


def char_width(text: str, latin: float = 0.5) -> float:
    """How many full-width characters a text takes: CJK one each, Latin letters and digits
    ``latin`` (half, in the fonts of the standard; more where another font stands in)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else latin for c in text)


# --- low-level XML: fonts, spacing, fields -----------------------------------------------------

_RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def _set_fonts(rpr: Any, latin: str, east: str) -> None:
    """Set every font slot of an rPr, dropping theme fonts (which win over named ones)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_spacing(rpr: Any, points: float) -> None:
    """Character spacing in twentieths of a point (w:spacing of the run properties)."""
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing: Any = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(points * 20)))
    rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)


def _style_run(run: Any, layout: Layout, role: str, size: float, *, bold: bool = False) -> None:
    latin, east = layout.fonts(role)
    run.font.name = latin
    run.font.size = Pt(size)
    run.font.bold = bold or None
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, latin, east)


@functools.lru_cache(maxsize=64)
def _run_template(latin: str, east: str, size: float, bold: bool) -> Any:
    """An empty run with its fonts and size, copied for each run (python-docx's own calls
    cost a millisecond a run, and a report has thousands)."""
    fonts = {"ascii": latin, "hAnsi": latin, "cs": latin, "eastAsia": east}
    named = " ".join(
        f'w:{slot}="{escape(name, {chr(34): "&quot;"})}"' for slot, name in fonts.items()
    )
    half_points = round(size * 2)
    return parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:rFonts {named} w:hint="eastAsia"/>'
        + ("<w:b/><w:bCs/>" if bold else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        + '<w:t xml:space="preserve"></w:t></w:r>'
    )


@functools.lru_cache(maxsize=8)
def _cell_template(align: str | None, keep: bool) -> Any:
    """An empty paragraph of a table cell: the Table Text style, aligned as asked, kept
    with the next row (Word's way of keeping a table on one page) when ``keep``."""
    style = f'<w:pStyle w:val="{TABLE_STYLE_ID}"/>' + ("<w:keepNext/>" if keep else "")
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return parse_xml(f"<w:p {nsdecls('w')}><w:pPr>{style}{jc}</w:pPr></w:p>")


KEEP_TOGETHER = 12  # rows
TABLE_STYLE = "Table Text"
TABLE_STYLE_ID = "TableText"


def _add_runs(
    paragraph: Paragraph,
    runs: tuple[Run, ...],
    layout: Layout,
    role: str,
    size: float,
    *,
    bold: bool = False,
) -> None:
    latin, east = layout.fonts(role)
    for piece in runs:
        made = copy.deepcopy(_run_template(latin, east, size, bold or piece.bold))
        made[-1].text = piece.text
        paragraph._p.append(made)


def _page_field(paragraph: Paragraph, layout: Layout) -> None:
    """ "— N —" with N a PAGE field, written as field runs (python-docx has no field API)."""

    def run(text: str = "") -> Any:
        made = paragraph.add_run(text)
        _style_run(made, layout, "page_number", layout.page_number_size)
        return made

    def char(kind: str) -> None:
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run()._r.append(mark)

    run("— ")
    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run()._r.append(instruction)
    char("separate")
    run("1")
    char("end")
    run(" —")


def _no_hanging(paragraph: Paragraph, *, libreoffice: bool) -> None:
    """No punctuation hanging into the margin: a line holds its 28 characters, never 29.

    Word reads w:overflowPunct="0" as "no hanging"; LibreOffice (7.4 to this day) reads the
    value the other way round on import, so the file made for its PDF says "1".
    """
    ppr = paragraph._p.get_or_add_pPr()
    overflow: Any = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "1" if libreoffice else "0")
    ppr.insert_element_before(
        overflow,
        *(
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ),
    )


# --- the document ------------------------------------------------------------------------------


class _Writer:
    """Puts blocks into a python-docx document with one layout."""

    def __init__(self, layout: Layout, lang: Lang, *, libreoffice: bool = False) -> None:
        self.layout = layout
        self.lang = lang
        self.libreoffice = libreoffice
        self._date_width = 0.0  # of a letter's date, which its signature is centred on
        self.doc: WordDocument = new_document()
        self._setup()

    def _setup(self) -> None:
        layout, doc = self.layout, self.doc
        section = doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.footer_distance = FOOTER_DISTANCE
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(rpr, *layout.fonts("body"))
        for name in ("w:sz", "w:szCs"):
            rpr.find(qn(name)).set(qn("w:val"), str(round(layout.body_size * 2)))
        language = rpr.find(qn("w:lang"))
        language.set(qn("w:eastAsia"), "zh-CN")
        # Latin text in its own language: a Chinese one would let words break anywhere.
        language.set(qn("w:val"), "en-GB")
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        normal = doc.styles["Normal"]
        normal.font.name = layout.fonts("body")[0]
        normal.font.size = Pt(layout.body_size)
        normal_rpr = normal.element.get_or_add_rPr()
        _set_fonts(normal_rpr, *layout.fonts("body"))
        _set_spacing(normal_rpr, layout.char_spacing)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(layout.line)
        fmt.space_before, fmt.space_after = Pt(0), Pt(layout.space_after)
        fmt.widow_control = False  # a page holds 22 lines, as the standard counts them
        theme = doc.settings.element.find(qn("w:themeFontLang"))
        if theme is not None:
            theme.set(qn("w:eastAsia"), "zh-CN")
        doc.settings.odd_and_even_pages_header_footer = True
        cells = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        cells.base_style = normal
        cells_fmt = cells.paragraph_format
        cells_fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE  # text wraps inside a cell
        cells_fmt.first_line_indent = Pt(0)
        cells_fmt.space_after = Pt(0)
        _set_spacing(cells.element.get_or_add_rPr(), 0)
        self._footer(section.footer.paragraphs[0], odd=True)
        self._footer(section.even_page_footer.paragraphs[0], odd=False)

    def _footer(self, paragraph: Paragraph, *, odd: bool) -> None:
        layout = self.layout
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        one_char = Pt(layout.page_number_size)
        if odd:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = one_char
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            fmt.left_indent = one_char
        _page_field(paragraph, layout)

    # --- blocks

    def heading(self, block: Heading) -> None:
        layout = self.layout
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.keep_with_next = True
        if block.level == 1:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_after = Pt(layout.line)  # a blank line under the title
            bold = not layout.east_asian
            _add_runs(paragraph, (Run(block.text),), layout, "title", layout.title_size, bold=bold)
            self._outline(paragraph, 0)
            return
        role = "heading1" if block.level == 2 else "heading2"
        fmt.first_line_indent = Pt(layout.body_size * layout.indent_chars)
        if not layout.east_asian:
            fmt.space_before = Pt(layout.line / 2)
        size = layout.body_size + (0 if layout.east_asian or block.level > 2 else 1)
        bold = layout.bold_headings
        _add_runs(paragraph, (Run(block.text),), layout, role, size, bold=bold)
        self._outline(paragraph, block.level - 1)

    @staticmethod
    def _outline(paragraph: Paragraph, level: int) -> None:
        """The outline level, so Word's navigation pane lists the headings."""
        ppr = paragraph._p.get_or_add_pPr()
        outline: Any = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level))
        ppr.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")

    def para(self, block: Para, prefix: str = "") -> Paragraph:
        layout = self.layout
        paragraph = self.doc.add_paragraph()
        _no_hanging(paragraph, libreoffice=self.libreoffice)
        fmt = paragraph.paragraph_format
        one = layout.body_size
        runs = ((Run(prefix),) if prefix else ()) + block.runs
        if block.role in ("body", "note"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Pt(one * layout.indent_chars)
        elif block.role in ("signature", "date"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if layout.east_asian:
                fmt.right_indent = Pt(one * self._right_chars(block))
            if block.role == "signature":
                fmt.space_before = Pt(layout.line)  # a blank line above the signature
                fmt.keep_with_next = True  # and the date on the same page
        elif block.role == "copy":
            return self._colophon(paragraph, runs)
        _add_runs(paragraph, runs, layout, "body", layout.body_size)
        return paragraph

    def _colophon(self, paragraph: Paragraph, runs: tuple[Run, ...]) -> Paragraph:
        """The 抄送 line as GB/T 9704's colophon (版记): at the foot of the type area, between
        two rules as wide as it, in 4号 with one character in from each side; a line that
        wraps goes on under the first character after the colon."""
        size = 14.0  # 4号
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(size * (3 if self.layout.east_asian else 1))
        fmt.first_line_indent = Pt(-size * 2) if self.layout.east_asian else None
        fmt.right_indent = Pt(size)
        ppr = paragraph._p.get_or_add_pPr()
        frame: Any = OxmlElement("w:framePr")  # anchored to the foot of the type area
        width = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
        for name, value in (
            ("w", str(round(width / 635))),
            ("hAnchor", "margin"),
            ("vAnchor", "margin"),
            ("xAlign", "center"),
            ("yAlign", "bottom"),
            ("wrap", "around"),
        ):
            frame.set(qn(f"w:{name}"), value)
        ppr.insert_element_before(frame, *_AFTER_FRAME)
        rules: Any = OxmlElement("w:pBdr")
        for edge in ("top", "bottom"):  # the first and the last rule are the thick ones
            rule = OxmlElement(f"w:{edge}")
            rule.set(qn("w:val"), "single")
            rule.set(qn("w:sz"), "8")  # eighths of a point: 1 pt, about 0.35 mm
            rule.set(qn("w:space"), "4")
            rule.set(qn("w:color"), "000000")
            rules.append(rule)
        ppr.insert_element_before(rules, *_AFTER_BORDERS)
        _add_runs(paragraph, runs, self.layout, "body", size)
        return paragraph

    def _right_chars(self, block: Para) -> float:
        """The date four characters in from the right; the signature centred above it."""
        if block.role == "date":
            return 4
        return max(0.0, 4 + (self._date_width - char_width(block.text)) / 2)

    def items(self, block: Items) -> None:
        mark = "{}．" if self.lang == "zh" else "{}. "
        for index, entry in enumerate(block.entries, 1):
            self.para(entry, prefix=mark.format(index))

    def table(self, block: Table) -> None:
        columns = len(block.headers)
        size = 10.5 if columns <= 6 else 9  # 五号, 小五 for the wide tables
        grid = self.doc.add_table(rows=1 + len(block.rows), cols=columns)
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        _borders(grid)
        widths = column_widths(block, size)
        for column, width in enumerate(widths):
            grid.columns[column].width = width  # the grid, which LibreOffice reads
        rows = grid.rows
        _repeat_header(rows[0])
        latin, east = self.layout.fonts("body")
        lines = [(block.headers, "center")] + [(cells, None) for cells in block.rows]
        together = len(lines) <= KEEP_TOGETHER  # a short table is not split over two pages
        for index, (cells, align) in enumerate(lines):
            _whole_row(rows[index])
            for column, tc in enumerate(rows[index]._tr.tc_lst):
                tc.tcPr.tcW.set(qn("w:w"), str(widths[column] // 635))  # EMU to twips
                tc.tcPr.tcW.set(qn("w:type"), "dxa")
                bold = index == 0 or (index - 1 in block.strong and column == 0)
                right = index > 0 and block.numeric[column]
                for old in tc.findall(qn("w:p")):
                    tc.remove(old)
                keep = together and index < len(lines) - 1
                paragraph = copy.deepcopy(
                    _cell_template(align or ("right" if right else None), keep)
                )
                run = copy.deepcopy(_run_template(latin, east, size, bold))
                run[-1].text = cells[column]
                paragraph.append(run)
                tc.append(paragraph)
        self.doc.add_paragraph()  # the text goes on a line below the table

    def chart(self, picture: bytes) -> None:
        self.doc.add_picture(io.BytesIO(picture), width=CHART_WIDTH)
        paragraph = self.doc.paragraphs[-1]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact spacing would crop the picture
        fmt.first_line_indent = Pt(0)

    def write(self, document: Document, chart: bytes | None) -> bytes:
        dates = [b for b in document.blocks if isinstance(b, Para) and b.role == "date"]
        self._date_width = char_width(dates[0].text) if dates else 0.0
        blocks = document.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Para):
                paragraph = self.para(block)
                if index + 1 < len(blocks) and isinstance(blocks[index + 1], Table):
                    paragraph.paragraph_format.keep_with_next = True  # with the table it leads to
            elif isinstance(block, Items):
                self.items(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart) and chart is not None:
                self.chart(chart)
            elif isinstance(block, Raw):
                continue  # a Markdown-only section (the caller says so)
        props = self.doc.core_properties
        props.title = document.title
        props.author = ""
        props.language = "zh-CN" if document.lang == "zh" else "en-GB"
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


MARGINS_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]


CELL_PADDING = Mm(1)  # left and right, inside every cell
MAX_NEED = 10.0  # characters: a longer word (a file name) wraps within itself
LATIN = 0.65  # a Latin letter or digit, in ems, wide enough for the fonts that stand in


def column_widths(block: Table, size: float) -> list[int]:
    """Column widths (EMU) that fill the type area: each column gets at least its longest
    unbreakable piece (a Latin word, a rate's "(13/13)"; CJK breaks anywhere), the words of
    its header too when they all fit, then the rest in proportion to how much more its
    longest cell wants."""
    total = int(MARGINS_WIDTH)
    pad = 2 * int(CELL_PADDING)
    point = int(Pt(size))

    def need(texts: list[str], least: float) -> float:
        words = [p for text in texts for p in re.split(r"[\s/]+", text)]
        widths = [char_width(p, LATIN) for p in words if not _breaks_anywhere(p)]
        chars = min(max([*widths, least, 2.0]), MAX_NEED)
        return (chars + 0.5) * point + pad  # half a character of slack against rounding

    columns = [[row[column] for row in block.rows] for column in range(len(block.headers))]
    needs = [
        need([*cells, header], min(char_width(header), 4.0))
        for cells, header in zip(columns, block.headers, strict=True)
    ]
    if sum(needs) > total:  # headers wrap within their words, the figures never
        needs = [need(cells, 2.0) for cells in columns]
    wants = [
        min(max([char_width(c, LATIN) for c in [*cells, header]]), 30.0) * point + pad
        for cells, header in zip(columns, block.headers, strict=True)
    ]
    if sum(needs) >= total:
        return [int(total * n / sum(needs)) for n in needs]
    spare = total - sum(needs)
    extra = [w - n if w > n else 0.0 for n, w in zip(needs, wants, strict=True)]
    if sum(extra) <= spare:  # every cell fits on one line: share what is left evenly
        return [
            int(n + e + (spare - sum(extra)) / len(needs))
            for n, e in zip(needs, extra, strict=True)
        ]
    return [int(n + spare * e / sum(extra)) for n, e in zip(needs, extra, strict=True)]


def _breaks_anywhere(piece: str) -> bool:
    """Chinese text wraps between any two characters."""
    return any(is_wide(c) for c in piece)


def _borders(grid: Any) -> None:
    """Single lines around and between every cell."""
    tbl_pr = grid._tbl.tblPr
    borders: Any = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )
    margins: Any = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(round(CELL_PADDING / 635)))  # EMU to twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _whole_row(row: Any) -> None:
    """A row is never split over two pages: a unit's name and its figures stay together."""
    tr_pr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:cantSplit")
    mark.set(qn("w:val"), "true")
    tr_pr.append(mark)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    tr_pr.append(mark)


def to_docx(
    document: Document,
    *,
    chart: bytes | None = None,
    fonts: Mapping[str, str] | None = None,
    libreoffice: bool = False,
) -> bytes:
    """The document as the bytes of a .docx file.

    Args:
        document: the report or letter (rectify.output.monthly / notice).
        chart: the trend chart as PNG, put where the document has its chart; None leaves it out.
        fonts: font names by role (FONT_ROLES) instead of the layout's defaults.
        libreoffice: the file is for LibreOffice to make a PDF of (see _no_hanging).
    """
    writer = _Writer(layout_for(document.lang, fonts), document.lang, libreoffice=libreoffice)
    return writer.write(document, chart)
