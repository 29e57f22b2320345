"""The report and the notice as Word documents in official layout, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from conftest import EXAMPLES, RunCli
from rectify import api
from rectify.api.documents import document_bytes, output_format
from rectify.errors import FileError, UsageError
from rectify.i18n import Lang
from rectify.io.config import FONT_ROLES as CONFIG_FONT_ROLES
from rectify.io.config import read_config
from rectify.output import chart as chart_module
from rectify.output.blocks import Document, Heading, text_para, to_markdown
from rectify.output.docx import FONT_ROLES, char_width, to_docx

CITY = EXAMPLES / "sanmenxia" / "city-county"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _project(tmp_path: Path | None = None) -> api.Project:
    return api.Project.open(tmp_path or EXAMPLES / "sanmenxia", today=dt.date(2024, 12, 1))


@functools.cache
def _report(lang: Lang = "zh") -> Document:
    return api.report_document(_project(), [CITY], month=(2024, 11), lang=lang)


@functools.cache
def _notice(lang: Lang = "zh") -> Document:
    from rectify.output.notice import notice_document

    made = api.notices(_project(), [CITY], as_of=dt.date(2024, 11, 30), unit="市民政局")
    return notice_document(made[0], lang)


@pytest.fixture(scope="module")
def report_zh() -> tuple[Any, list[tuple[str, dict[str, object]]]]:
    data, notes = document_bytes(_project(), _report("zh"), "docx")
    return docx.Document(io.BytesIO(data)), notes


def _east_asia(element: Any) -> str | None:
    fonts = element.find(f"{W}rPr/{W}rFonts") if element.tag != f"{W}rPr" else None
    if fonts is None:
        fonts = element.find(f"{W}rFonts")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _runs_of(paragraph: Any) -> list[Any]:
    return list(paragraph._p.iter(f"{W}r"))


def _paragraph(document: Any, start: str) -> Any:
    return next(p for p in document.paragraphs if p.text.startswith(start))


# --- page setup, fonts, sizes --------------------------------------------------------------------


def test_page_is_a4_with_the_margins_of_gb_t_9704(report_zh: tuple[Any, Any]) -> None:
    section = report_zh[0].sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]


def test_body_is_22_lines_of_28_characters(report_zh: tuple[Any, Any]) -> None:
    normal = report_zh[0].styles["Normal"]
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(28.95)
    section = report_zh[0].sections[0]
    height = section.page_height - section.top_margin - section.bottom_margin
    assert int(height / fmt.line_spacing) == 22
    spacing = normal.element.rPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"  # −0.25 pt after each character, no character grid
    width = (section.page_width - section.left_margin - section.right_margin) / Pt(1)
    assert 28 * (16 - 0.25) <= width < 29 * (16 - 0.25)
    assert section._sectPr.find(qn("w:docGrid")).get(qn("w:type")) is None


def test_document_defaults_and_normal_style_are_fangsong_3hao(report_zh: tuple[Any, Any]) -> None:
    document = report_zh[0]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the name
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert _east_asia(document.styles["Normal"].element) == "仿宋_GB2312"
    assert document.styles["Normal"].font.size == Pt(16)


def test_title_is_2hao_xiaobiaosong_centred(report_zh: tuple[Any, Any]) -> None:
    title = report_zh[0].paragraphs[0]
    assert title.text == "整改情况月报（2024年11月）"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    (run,) = title.runs
    assert run.font.size == Pt(22)
    assert _east_asia(run._r) == "方正小标宋简体"


def test_headings_are_heiti_and_the_body_fangsong(report_zh: tuple[Any, Any]) -> None:
    document = report_zh[0]
    headings = [p for p in document.paragraphs if re.match("^[一二三四五六七八九十]+、", p.text)]
    assert [p.text for p in headings[:3]] == [
        "一、总体情况",
        "二、分类整改情况",
        "三、各牵头单位整改情况",
    ]
    for heading in headings:
        (run,) = heading.runs
        assert (_east_asia(run._r), run.font.size) == ("黑体", Pt(16))
        assert heading.paragraph_format.first_line_indent == Pt(32)  # two characters in
    body = _paragraph(document, "截至2024年11月30日")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert {(_east_asia(r._r), r.font.size) for r in body.runs} == {("仿宋_GB2312", Pt(16))}
    latin = body.runs[0]._r.find(f"{W}rPr/{W}rFonts").get(qn("w:ascii"))
    assert latin == "Times New Roman"


def test_second_level_headings_are_kaiti() -> None:
    document = Document(
        "report", "zh", (Heading(1, "标题"), Heading(3, "（一）总体情况"), text_para("正文。"))
    )
    read = docx.Document(io.BytesIO(to_docx(document)))
    heading = _paragraph(read, "（一）")
    assert _east_asia(heading.runs[0]._r) == "楷体_GB2312"
    assert heading.runs[0].font.size == Pt(16)
    assert heading._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "2"


def test_fonts_from_rectify_toml(tmp_path: Path) -> None:
    (tmp_path / "rectify.toml").write_text(
        '[fonts.zh]\nbody = "仿宋"\ntitle = "方正小标宋_GBK"\n', encoding="utf-8"
    )
    project = _project(tmp_path)
    assert project.config.fonts == {"zh": {"body": "仿宋", "title": "方正小标宋_GBK"}}
    data, _ = document_bytes(project, _notice("zh"), "docx")
    read = docx.Document(io.BytesIO(data))
    assert _east_asia(read.paragraphs[0].runs[0]._r) == "方正小标宋_GBK"
    assert _east_asia(_paragraph(read, "根据").runs[0]._r) == "仿宋"
    assert _east_asia(_paragraph(read, "一、").runs[0]._r) == "黑体"  # not named: the default


def test_an_unknown_font_role_in_rectify_toml_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "rectify.toml"
    path.write_text('[fonts.zh]\nheadline = "黑体"\n', encoding="utf-8")
    with pytest.raises(FileError) as caught:
        read_config(path)
    assert "fonts.zh.headline" in caught.value.message("en")
    assert "title, body, heading1" in caught.value.message("en")
    path.write_text("[fonts.zh]\nbody = 3\n", encoding="utf-8")
    with pytest.raises(FileError):
        read_config(path)


def test_the_font_roles_of_config_and_docx_are_the_same() -> None:
    assert CONFIG_FONT_ROLES == FONT_ROLES


def test_english_documents_are_times_and_arial_with_the_same_structure(
    report_zh: tuple[Any, Any],
) -> None:
    data, _ = document_bytes(_project(), _report("en"), "docx")
    read = docx.Document(io.BytesIO(data))
    title = read.paragraphs[0]
    assert title.text == "Monthly rectification report, November 2024"
    assert title.runs[0].font.name == "Arial" and title.runs[0].font.bold
    heading = _paragraph(read, "1. ")
    assert heading.runs[0].font.name == "Arial"
    body = _paragraph(read, "As of 30 November 2024")
    assert body.runs[0].font.name == "Times New Roman"
    assert _east_asia(body.runs[0]._r) == "宋体"  # unit names are Chinese in English too
    assert read.sections[0].left_margin == report_zh[0].sections[0].left_margin
    assert len(read.tables) == len(report_zh[0].tables)


# --- tables ------------------------------------------------------------------------------------


def test_tables_have_borders_a_repeated_header_and_numbers_on_the_right(
    report_zh: tuple[Any, Any],
) -> None:
    document = report_zh[0]
    assert len(document.tables) == 10  # the same tables as the Markdown report (督办情况 too)
    markdown = to_markdown(_report("zh"))
    assert markdown.count("\n|---") == 10
    by_unit = document.tables[1]
    header = [cell.text for cell in by_unit.rows[0].cells]
    assert header[:3] == ["牵头单位", "问题数", "整改完成率"]
    assert "| " + " | ".join(header) + " |" in markdown
    assert by_unit.rows[0]._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    borders = by_unit._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == dict.fromkeys(
        ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
    )
    row = by_unit.rows[1]
    assert row.cells[0].text == "卢氏县民政局"
    assert row.cells[0].paragraphs[0].alignment is None  # text on the left
    assert row.cells[1].text == "4"
    assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    total = by_unit.rows[-1].cells[0].paragraphs[0].runs[0]
    assert total.text == "合计" and total.bold
    style = document.styles["Table Text"]
    assert style.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE  # text wraps
    widths = [cell.width for cell in by_unit.rows[0].cells]
    assert abs(sum(widths) - Mm(156)) < Mm(1)  # the tables fill the type area
    assert widths[0] > widths[1]  # the names get the room


def test_user_text_goes_into_word_as_typed(tmp_path: Path) -> None:
    document = Document("letter", "zh", (text_para("标题 **[x]** | <b> & 1_2"),))
    read = docx.Document(io.BytesIO(to_docx(document)))
    assert read.paragraphs[0].text == "标题 **[x]** | <b> & 1_2"


# --- page numbers, chart, letter -----------------------------------------------------------------


def test_page_numbers_are_page_fields_right_on_odd_pages_left_on_even(
    report_zh: tuple[Any, Any],
) -> None:
    document = report_zh[0]
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        (paragraph,) = footer.paragraphs
        assert paragraph.alignment == alignment
        runs = _runs_of(paragraph)
        kinds = [c.get(qn("w:fldCharType")) for r in runs for c in r.findall(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [i.text for r in runs for i in r.findall(qn("w:instrText"))] == [" PAGE "]
        assert paragraph.text == "— 1 —"
        assert {_east_asia(r) for r in runs} == {"宋体"}
        assert {r.find(f"{W}rPr/{W}sz").get(qn("w:val")) for r in runs} == {"28"}  # 4号


def test_the_chart_is_a_picture_in_the_report(report_zh: tuple[Any, Any]) -> None:
    document, notes = report_zh
    if chart_module.chinese_font() is None:
        assert notes and notes[0][0] == "report.chart_left_out"
        assert len(document.inline_shapes) == 0
    else:
        assert notes == []
        assert len(document.inline_shapes) == 1
        assert round(document.inline_shapes[0].width.mm) == 150


def test_without_a_chinese_font_the_report_is_written_without_the_chart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chart_module, "chinese_font", lambda available=None: None)
    data, notes = document_bytes(_project(), _report("zh"), "docx")
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 0
    ((key, params),) = notes
    assert key == "report.chart_left_out"
    assert "Noto Sans CJK SC" in str(params["reason"])


def test_the_letter_ends_with_the_signature_and_the_date() -> None:
    read = docx.Document(io.BytesIO(to_docx(_notice("zh"))))
    texts = [p.text for p in read.paragraphs]
    assert texts[0] == "关于逾期未整改问题的督办通知"  # SMX-014 is overdue: the ladder's top
    assert texts[1] == "市民政局："
    assert read.paragraphs[1].paragraph_format.first_line_indent is None  # 主送机关 flush left
    assert texts[-1] == "抄送：经办人、分管领导"  # the steps below, copied in
    signer, date = read.paragraphs[-3], read.paragraphs[-2]
    assert (signer.text, date.text) == ("三门峡市人大常委会", "2024年11月30日")
    assert signer.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # as for a sealed letter (GB/T 9704 7.3.5.1): the date 右空四字, the signature centred on it
    assert date.paragraph_format.right_indent == Pt(64)
    assert (char_width(date.text), char_width(signer.text)) == (7.0, 9.0)  # digits: half
    assert signer.paragraph_format.right_indent == Pt(16 * (4 - (9 - 7) / 2))
    item = _paragraph(read, "1．部分农村幸福院")
    assert [r.bold for r in item.runs[:2]] == [None, True]  # the problem's title in bold


# --- formats ------------------------------------------------------------------------------------


def test_output_format_from_the_name_or_the_option() -> None:
    assert output_format("report", Path("月报.docx")) == "docx"
    assert output_format("report", Path("月报.PDF")) == "pdf"
    assert output_format("report", Path("月报.md")) == "markdown"
    assert output_format("report", Path("月报")) == "markdown"
    assert output_format("report", Path("月报"), "docx") == "docx"
    assert output_format("report", None) == "markdown"
    assert output_format("notice", Path("letters.2024"), "docx", folder=True) == "docx"
    for name in ("a.xls", "a.pdfx", "a.doc"):
        with pytest.raises(UsageError) as caught:
            output_format("report", Path(name))
        assert ".md, .markdown, .txt, .docx, .pdf" in caught.value.message("en")
    with pytest.raises(UsageError, match=r"output\.format_mismatch"):
        output_format("report", Path("a.md"), "docx")
    with pytest.raises(UsageError, match=r"output\.needs_file"):
        output_format("report", None, "docx")


def test_report_to_a_docx_file(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "月报.docx"
    result = run("report", "--month", "2024-11", str(CITY), "-o", str(target), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"月报已写入 {target}\n"
    assert zipfile.is_zipfile(target)
    assert docx.Document(str(target)).paragraphs[0].text == "整改情况月报（2024年11月）"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["report", "--month", "2024-11", "-o", "a.xls"], "a.xls: report cannot write .xls files"),
        (["report", "--month", "2024-11", "-o", "a.pdfx"], "report cannot write .pdfx files"),
        (["notice", "市民政局", "-o", "函.xls"], "notice cannot write .xls files"),
        (["export", "-o", "a.xls"], "export cannot write .xls files; it writes .csv, .xlsx, .json"),
        (["report", "--month", "2024-11", "--format", "docx"], "add -o FILE.docx"),
        (
            ["report", "--month", "2024-11", "--format", "markdown", "-o", "a.docx"],
            "does not match",
        ),
        (["export", "--format", "xlsx", "-o", "a.csv"], "does not match a.csv"),
        (["report", "--month", "2024-11", "--chart", "c.gif"], "written as .png or .svg"),
    ],
)
def test_a_name_a_command_cannot_write_is_refused(
    run: RunCli, tmp_path: Path, args: list[str], words: str
) -> None:
    command, rest = args[0], args[1:]
    position = 2 if command == "notice" else 1
    rest.insert(position - 1, str(CITY))
    result = run(command, *rest, "--lang", "en")
    assert result.exit_code == 2
    assert words in result.stderr
    assert list(tmp_path.glob("a.*")) == [] and list(tmp_path.glob("*.gif")) == []


def test_since_is_for_the_markdown_report_only(run: RunCli, tmp_path: Path) -> None:
    result = run(
        "report", "--month", "2024-11", str(CITY), "-o", "a.docx", "--since", "HEAD", "--lang", "en"
    )
    assert result.exit_code == 2
    assert "Markdown report only" in result.stderr
    assert not (tmp_path / "a.docx").exists()


def test_notice_to_a_docx_file_and_one_per_unit(run: RunCli, tmp_path: Path) -> None:
    one = run(
        "notice", "市民政局", str(CITY), "--month", "2024-11", "-o", "函.docx", "--lang", "zh"
    )
    assert one.exit_code == 0, one.stderr
    assert docx.Document(str(tmp_path / "函.docx")).paragraphs[1].text == "市民政局："
    # 抄送 is the colophon (版记) of GB/T 9704: at the foot of the type area, between two rules
    last = docx.Document(str(tmp_path / "函.docx")).paragraphs[-1]
    assert last.text.startswith("抄送：")
    ppr = last._p.pPr
    assert ppr is not None
    frame = ppr.find(qn("w:framePr"))
    assert frame is not None and frame.get(qn("w:yAlign")) == "bottom"
    assert frame.get(qn("w:vAnchor")) == "margin"
    rules = ppr.find(qn("w:pBdr"))
    assert [child.tag.split("}")[1] for child in rules] == ["top", "bottom"]
    order = [child.tag.split("}")[1] for child in ppr]  # the schema's order, as Word reads it
    assert order.index("framePr") < order.index("pBdr") < order.index("ind")
    assert last.runs[0].font.size == Pt(14)  # 4号
    every = run(
        "notice", "--all", str(CITY), "--month", "2024-11", "-o", "letters", "--format", "docx",
        "--lang", "zh",
    )  # fmt: skip
    assert every.exit_code == 0, every.stderr
    written = sorted((tmp_path / "letters").iterdir())
    assert written and all(path.suffix == ".docx" for path in written)
    assert "市民政局-督办通知-2024-11-30.docx" in [path.name for path in written]


def test_the_chart_as_png_and_svg(run: RunCli, tmp_path: Path) -> None:
    for name, magic in (("c.png", b"\x89PNG"), ("c.svg", b"<?xml")):
        result = run("report", "--month", "2024-11", str(CITY), "--chart", name, "--lang", "en")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("# Monthly rectification report")  # the report still
        assert (tmp_path / name).read_bytes().startswith(magic)
        assert f"chart written to {name}" in result.stderr
    svg = (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert "Rectified rate" in svg or "Rectified" in svg.replace("\n", "")


def test_the_chart_is_the_same_picture_each_time() -> None:
    rows = _report("en").chart.rows  # type: ignore[union-attr]
    assert chart_module.trend_chart(rows, "en") == chart_module.trend_chart(rows, "en")


def test_the_chinese_font_is_chosen_in_order() -> None:
    found = chart_module.chinese_font(["DejaVu Sans", "WenQuanYi Micro Hei", "SimHei"])
    assert found == "SimHei"
    assert chart_module.chinese_font(["DejaVu Sans"]) is None


def test_without_matplotlib_the_chart_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    rows = _report("en").chart.rows  # type: ignore[union-attr]
    with pytest.raises(chart_module.ChartUnavailable) as caught:
        chart_module.trend_chart(rows, "en")
    assert "rectify[charts]" in caught.value.message("en")


def test_pdf_without_libreoffice_is_a_clear_error(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run("report", "--month", "2024-11", str(CITY), "-o", "a.pdf", "--lang", "en")
    assert result.exit_code == 3
    assert "LibreOffice (soffice) is not installed" in result.stderr
    assert not (tmp_path / "a.pdf").exists()


# --- LibreOffice: the pages as printed -----------------------------------------------------------


def _lines(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's lines as pdftotext -bbox-layout finds them: (xMin, yMin, xMax, yMax, text)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", xml, re.S):
        lines = []
        for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", page, re.S):
            box = [float(v) for v in re.findall(r'"([\d.]+)"', attrs)]
            words = re.findall(r">([^<]*)</word>", body)
            lines.append((box[0], box[1], box[2], box[3], "".join(words)))
        pages.append(lines)
    return pages


@pytest.mark.slow
def test_libreoffice_prints_22_lines_of_at_most_28_characters(tmp_path: Path) -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip(
            "LibreOffice is not installed (no soffice on PATH); on Debian/Ubuntu: "
            "apt-get install --no-install-recommends libreoffice-writer-nogui"
        )
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    project = _project()
    letter = tmp_path / "函.pdf"
    api.write_document(project, _notice("zh"), letter, "pdf")
    report = tmp_path / "月报.pdf"
    api.write_document(project, _report("zh"), report, "pdf")
    left, right = Mm(28) / Pt(1), (Mm(210) - Mm(26)) / Pt(1)
    pages = _lines(letter)
    assert len(pages) == 2
    body = [line for page in pages for line in page if 15 < line[3] - line[1] < 24]  # 3号 lines
    widest = 0
    for x_min, _, x_max, _, text in body:
        assert x_min >= left - 1 and x_max <= right + 1, text  # nothing hangs into the margin
        full = sum(unicodedata.east_asian_width(c) in "WFA" for c in text)
        if full == len(text):  # a line of Chinese alone: the grid shows as it is
            assert full + (2 if x_min > left + 16 else 0) <= 28, text
            widest = max(widest, full)
    assert widest >= 26  # the lines are full: 28 characters, less the indent of two
    first_page = [line for line in pages[0] if line[3] - line[1] < 40]
    assert len(first_page) - 1 <= 22  # the lines of the page, less its number
    report_pages = _lines(report)
    assert 5 <= len(report_pages) <= 9
    for page in report_pages:
        for x_min, _, x_max, _, text in page:
            assert x_min >= left - 1 and x_max <= right + 1, text
    numbers = [max(page, key=lambda line: line[1])[4] for page in report_pages]  # the lowest
    assert numbers[:2] == ["—1—", "—2—"]
