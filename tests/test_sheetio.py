"""Spreadsheet files (rectify.sheetio): realistic office sheets in, exports out, LibreOffice."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Font

from rectify.errors import FileError, UsageError
from rectify.io.sheets import cells, export, files
from rectify.io.sheets import plan as planning
from rectify.io.sheets.cells import Percent, Table
from rectify.ledger.load import load_one
from rectify.model import Issue, Ledger, Source, Status, Track
from rectify.text import display_width

D = dt.date
AS_OF = D(2024, 11, 30)
HANDED_DOWN = D(2024, 7, 10)  # the list's date: the sheets are of its problems (--assigned-on)
CITY = Path(__file__).resolve().parent.parent / "examples/sanmenxia/city-county/smx-city-2024.yaml"


def target() -> Ledger:
    return Ledger.model_validate(
        {
            "schema": 1,
            "ledger": {
                "id": "smx-2024",
                "title": "养老服务问题清单",
                "supervisor": "市人大常委会",
                "assigned_on": D(2024, 7, 10),
                "id_prefix": "SMX",
            },
            "issues": [],
        }
    )


def city() -> Ledger:
    return load_one(CITY, as_of=AS_OF).ledger


# --- a realistic office workbook ---------------------------------------------------------------

HEADER = ["序号", "问题", "问题描述", "问题来源", "责任单位", "配合单位", "责任人", "整改措施",
          "整改时限", "整改进展", "完成情况", "完成进度", "备注"]  # fmt: skip


def office_workbook(path: Path) -> None:
    """A sheet as offices keep it: title rows, merged cells, section headings, mixed cells."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "整改台账"
    ws.append(["三门峡市养老服务领域问题整改台账"])
    ws.merge_cells("A1:M1")
    ws.append(["填报单位：市民政局（盖章）            截至：2024年11月30日"])
    ws.merge_cells("A2:M2")
    ws.append(HEADER)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    ws.append(["一、省人大常委会交办问题"])
    ws.merge_cells("A4:M4")
    ws.append([1, "乡镇敬老院闲置率高", "部分敬老院入住率不足30%", "省人大常委会交办", "市民政局",
               "市财政局、市医保局", "王某", "推动转型", D(2024, 12, 31), "已完成9家转型", "整改中",
               0.744, "重点问题"])  # fmt: skip
    ws["I5"].number_format = "yyyy/m/d"
    ws["L5"].number_format = "0.0%"
    ws.append([2, "护理型床位不足", None, "调研检查发现", None, None, None, None, 45565,
               "新增床位210张", "已整改", 1, None])  # fmt: skip
    ws["L6"].number_format = "0%"
    ws.merge_cells("E5:E6")  # one lead unit for two problems, as offices merge it
    ws.append([])  # a blank row
    ws.append([3, "福彩公益金使用比例偏低", None, "审议意见", "市财政局", None, None, None,
               "2024.12.31", None, "未启动", "0%", None])  # fmt: skip
    ws.append([4, "医养结合机构少", None, "代表建议", "市卫健委", None, None, None,
               "2024年12月底", "已签约3家", "长期整改", 30, None])  # fmt: skip
    ws.append([5, "养老机构消防隐患", None, "执法检查", "市消防救援支队", None, None, None,
               "12月底前", "全部整改到位", "已销号", "100%", None])  # fmt: skip
    ws.append([6, "养老护理员缺口大", None, None, "市人社局", None, None, None, "长期坚持",
               None, "持续整改", 74.4, None])  # fmt: skip
    ws.append([None, "二、调研中发现的问题"])
    ws.append([7, "居家养老服务覆盖面窄", None, "调研", "市民政局", None, None, None,
               dt.datetime(2025, 3, 31), "完成第一阶段", "阶段性完成", "55.5%", None])  # fmt: skip
    ws.append([None] * 13)
    ws.append(["合计", "7个问题"])
    other = book.create_sheet("说明")
    other.append(["本表由各责任单位每月25日前报送"])
    book.save(path)


def test_office_workbook_cells(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    office_workbook(path)
    sheet = files.read_sheet(path)
    assert sheet.name == "整改台账"
    rows = sheet.rows
    assert rows[0][12] == "三门峡市养老服务领域问题整改台账"  # a merged title fills its range
    assert rows[4][4] == rows[5][4] == "市民政局"  # a merged lead unit covers both rows
    assert rows[4][8] == D(2024, 12, 31)  # a real date cell
    assert rows[5][8] == 45565  # an Excel serial number in a General cell
    assert rows[4][11] == Percent(0.744)
    assert rows[5][11] == Percent(1)
    assert rows[8][11] == 30
    assert rows[12][8] == D(2025, 3, 31)
    assert rows[6] == rows[13] == [None] * 13  # the blank rows
    assert files.read_sheet(path, sheet="说明").rows == [["本表由各责任单位每月25日前报送"]]


def test_office_workbook_read_into_issues_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    office_workbook(path)
    plan = planning.plan_import(
        files.read_sheet(path), target(), as_of=AS_OF, assigned_on=HANDED_DOWN
    )
    assert plan.header.row == 3
    assert plan.bad == {}
    assert [(s.row, s.text) for s in plan.skipped] == [
        (4, "一、省人大常委会交办问题"),
        (12, "二、调研中发现的问题"),
        (15, "合计"),
    ]
    assert [a.row for a in plan.added] == [5, 6, 8, 9, 10, 11, 13]
    one, two, three, four, five, six, seven = (a.issue for a in plan.added)

    assert one.id == "SMX-001" and one.title == "乡镇敬老院闲置率高"
    assert one.description == "部分敬老院入住率不足30%"
    assert (one.source, one.track, one.lead_unit) == (Source.PROVINCE, Track.SCHEDULED, "市民政局")
    assert (one.co_units, one.owner, one.measures) == (["市财政局", "市医保局"], "王某", "推动转型")
    assert (one.deadline, one.status, one.completion) == (D(2024, 12, 31), Status.IN_PROGRESS, 74.4)
    assert [(p.date, p.completion, p.note) for p in one.progress] == [
        (AS_OF, 74.4, "已完成9家转型")
    ]
    assert one.extensions == {"x-note": "重点问题"}
    assert one.assigned_on == HANDED_DOWN and one.rectified_on is None

    assert (two.id, two.source, two.lead_unit, two.co_units) == (
        "SMX-002",
        Source.INSPECTION,
        "市民政局",
        [],
    )
    assert (two.deadline, two.status, two.completion) == (D(2024, 9, 30), Status.RECTIFIED, 100)
    assert two.rectified_on == AS_OF  # no date given: the import date, never an earlier guess
    assert [(p.date, p.note) for p in two.progress] == [(AS_OF, "新增床位210张")]

    assert (three.source, three.deadline, three.status, three.completion) == (
        Source.DELIBERATION, D(2024, 12, 31), Status.OPEN, 0,
    )  # fmt: skip
    assert three.progress == []

    assert (four.source, four.track, four.status, four.completion) == (
        Source.DEPUTY, Track.LONG_TERM, Status.IN_PROGRESS, 30,
    )  # fmt: skip
    assert four.deadline == D(2024, 12, 31)

    # the unit's own 已销号 is its claim: rectified, the sign-off left to the supervisor
    assert (five.source, five.status, five.completion) == (Source.INSPECTION, Status.RECTIFIED, 100)
    assert five.deadline == D(2024, 12, 31)  # 12月底前 in the ledger's year
    assert five.verification is None

    assert (six.source, six.track, six.deadline) == (Source.OTHER, Track.LONG_TERM, D(2024, 12, 31))
    assert (six.status, six.completion, six.progress) == (Status.IN_PROGRESS, 74.4, [])

    assert (seven.id, seven.source, seven.deadline) == (
        "SMX-007",
        Source.INSPECTION,
        D(2025, 3, 31),
    )
    assert (seven.status, seven.completion) == (Status.IN_PROGRESS, 55.5)

    assert planning.ledger_problems(plan.ledger, as_of=AS_OF) == []


def gbk_rows() -> list[list[str]]:
    return [
        ["陕州区养老服务问题整改台账（2024年）", "", "", "", "", "", ""],
        ["序号", "存在问题", "牵头单位", "配合单位", "完成时限", "整改状态", "完成进度"],
        ["1", "农村幸福院运营难", "陕州区民政局", "各乡镇", "2024/12/31", "正在整改", "74.40%"],
        ["", "", "", "", "", "", ""],
        ["2", "助餐点覆盖不足", "陕州区民政局", "", "2024/10/31", "已整改", "100%"],
        ["3", "护理补贴发放滞后", "陕州区财政局", "", "45596", "未整改", ""],
    ]


def test_gbk_csv_from_chinese_windows(tmp_path: Path) -> None:
    path = tmp_path / "陕州区.csv"
    text = "\r\n".join(",".join(row) for row in gbk_rows()) + "\r\n"
    path.write_bytes(text.encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    sheet = files.read_sheet(path)
    assert sheet.rows[2][1] == "农村幸福院运营难"
    assert sheet.rows[3] == [None] * 7
    plan = planning.plan_import(sheet, target(), as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert plan.bad == {}
    one, two, three = (a.issue for a in plan.added)
    assert (one.title, one.lead_unit, one.co_units) == (
        "农村幸福院运营难",
        "陕州区民政局",
        ["各乡镇"],
    )
    assert (one.deadline, one.status, one.completion) == (D(2024, 12, 31), Status.IN_PROGRESS, 74.4)
    assert (two.deadline, two.status, two.completion) == (D(2024, 10, 31), Status.RECTIFIED, 100)
    assert (three.deadline, three.status, three.completion) == (D(2024, 10, 31), Status.OPEN, 0)
    assert files.read_sheet(path, encoding="gbk").rows == sheet.rows
    with pytest.raises(FileError) as caught:
        files.read_sheet(path, encoding="utf-8")
    assert caught.value.key == "import.decode_failed"
    with pytest.raises(UsageError):
        files.read_sheet(path, encoding="no-such-codec")


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ","), ("utf-16", "\t"), ("utf-8", ";")],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "sheet.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(gbk_rows())
    path.write_bytes(buffer.getvalue().encode(encoding))
    rows = files.read_sheet(path).rows
    assert rows[1][:3] == ["序号", "存在问题", "牵头单位"]
    assert rows[2][6] == "74.40%"


def test_files_that_are_not_sheets(tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(FileError) as caught:
        files.read_sheet(old)
    assert caught.value.key == "import.bad_xls"  # an OLE file xlrd cannot read
    odd = tmp_path / "notes.doc"
    odd.write_text("hello", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        files.read_sheet(odd)
    assert caught.value.key == "import.unknown_format"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FileError) as caught:
        files.read_sheet(broken)
    assert caught.value.key == "import.bad_xlsx"
    with pytest.raises(FileError) as caught:
        files.read_sheet(tmp_path / "missing.csv")
    assert caught.value.key == "error.no_such_path"
    book = tmp_path / "book.xlsx"
    office_workbook(book)
    with pytest.raises(FileError) as caught:
        files.read_sheet(book, sheet="附表")
    assert caught.value.params["sheets"] == "整改台账、说明"


# --- writing ------------------------------------------------------------------------------------


def test_display_width_counts_chinese_as_two() -> None:
    assert display_width("牵头单位") == 8
    assert display_width("SMX-001") == 7
    assert display_width("ＡＢ，a") == 7


def test_display_width_agrees_with_unicodedata_on_every_character() -> None:
    """The fast count (one regex over the first plane) is the east Asian width, exactly."""
    import unicodedata

    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        wide = unicodedata.east_asian_width(char) in "WF"
        assert display_width(f"a{char}（{char}") == 3 + (4 if wide else 2), hex(code)
    assert display_width("“农村幸福院”😀𠀀") == 2 + 10 + 2 + 2


def test_percent_formats() -> None:
    assert files.is_percent_format("0.0%")
    assert files.is_percent_format("0%")
    assert not files.is_percent_format('0.0"%"')
    assert not files.is_percent_format("0.0\\%")
    assert not files.is_percent_format("General")


def test_csv_export_is_utf8_with_bom_and_guards_formulas(tmp_path: Path) -> None:
    table = Table(
        "t",
        ["问题", "时限", "进度", "率"],
        [["=1+1", D(2024, 12, 31), 74.4, Percent(0.73)], ["甲", None, 100, None]],
    )
    data = files.csv_bytes(table)
    assert data.startswith(codecs.BOM_UTF8)
    text = data[3:].decode("utf-8")
    assert text == "问题,时限,进度,率\r\n'=1+1,2024-12-31,74.4,73.0%\r\n甲,,100,\r\n"
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert files.read_sheet(path).rows[1][0] == "=1+1"
    assert not files.csv_bytes(table, bom=False).startswith(codecs.BOM_UTF8)


def test_xlsx_export_layout(tmp_path: Path) -> None:
    tables = export.export_tables([city()], AS_OF, "zh")
    tables[0].rows[0][2] = '=HYPERLINK("x")'  # user text that looks like a formula
    tables[0].rows[1][2] = "乡镇敬老院\x07闲置"  # a control character xlsx cannot hold
    path = tmp_path / "out.xlsx"
    path.write_bytes(files.xlsx_bytes(tables, title="三门峡"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["问题清单", "按牵头单位", "月度进展"]
    assert book.properties.title == "三门峡"
    ws = book["问题清单"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    assert ws.auto_filter.ref == "A1:Y26"
    columns = {cell.value: cell.column_letter for cell in ws[1]}
    unit, deadline, completion = columns["牵头单位"], columns["整改时限"], columns["完成进度（%）"]
    # Chinese counts two columns: the widest lead unit (市自然资源和规划局) and a margin of two
    assert max(len(str(c.value)) for c in ws[unit][1:]) == 9
    width = {  # openpyxl reads columns of one width as one range
        openpyxl.utils.get_column_letter(i): int(d.width)  # XlsxWriter adds Excel's 0.71
        for d in ws.column_dimensions.values()
        for i in range(d.min, d.max + 1)
    }
    assert width[unit] == 9 * 2 + 2
    assert ws[f"{deadline}2"].value == dt.datetime(2024, 10, 31)
    assert ws[f"{deadline}2"].number_format == "yyyy-mm-dd"
    assert ws[f"{completion}4"].value == 74.4
    assert ws[f"{columns['问题']}2"].value == '=HYPERLINK("x")'
    assert ws[f"{columns['问题']}2"].data_type == "s"
    assert ws[f"{columns['问题']}3"].value == "乡镇敬老院闲置"
    # long text wraps, in columns narrowed until the sheet prints one A4 page across
    widths = [width[c.column_letter] for c in ws[1]]
    assert width[columns["问题描述"]] == files.MIN_WRAP_WIDTH
    assert sum(widths) > files.PRINT_WIDTH  # the other columns are as wide as their text
    assert ws[f"{columns['问题描述']}2"].alignment.wrap_text
    assert ws[f"{columns['问题描述']}2"].border.left.style == "thin"
    assert ws.page_setup.orientation == "landscape"
    # fitToWidth 1 is the format's default, left out of the file
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$1:$1"
    units = book["按牵头单位"]
    assert [c.value for c in units[1]][:4] == ["牵头单位", "问题数", "计入", "已整改"]
    total = [c for c in units[units.max_row]]
    assert total[0].value == "合计"
    assert total[4].number_format == "0.0%"
    months = book["月度进展"]
    assert [months.cell(row=r, column=1).value for r in range(2, months.max_row + 1)] == [
        f"2024年{m}月" for m in range(7, 12)
    ]


def test_xlsx_export_heading_rows(tmp_path: Path) -> None:
    tables = export.export_tables([city()], AS_OF, "zh")
    path = tmp_path / "out.xlsx"
    path.write_bytes(files.xlsx_bytes(tables, heading=("三门峡市问题清单", "截至 2024-11-30")))
    ws = openpyxl.load_workbook(path)["问题清单"]
    assert (ws["A1"].value, ws["A2"].value, ws["A3"].value) == (
        "三门峡市问题清单",
        "截至 2024-11-30",
        "编号",
    )
    assert "A1:Y1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:Y28"
    assert ws.print_title_rows == "$3:$3"
    assert ws["A3"].font.bold and ws["A3"].border.bottom.style == "thin"
    # a row whose wrapped text takes several lines is as high as they are
    heights = [ws.row_dimensions[r].height for r in range(4, 29)]
    assert max(h or 0 for h in heights) > 15


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_back_the_same_issues(tmp_path: Path, suffix: str) -> None:
    original = city()
    tables = export.export_tables([original], AS_OF, "zh")
    path = tmp_path / f"city{suffix}"
    if suffix == ".csv":
        path.write_bytes(files.csv_bytes(tables[0]))
    else:
        path.write_bytes(files.xlsx_bytes(tables))
    empty = original.model_copy(update={"issues": []})
    from_file = planning.plan_import(files.read_sheet(path), empty, as_of=AS_OF)
    assert from_file.bad == {} and len(from_file.added) == 25
    from_rows = planning.plan_import(
        cells.Sheet("rows", [list[cells.Value](tables[0].header), *tables[0].rows]),
        empty,
        as_of=AS_OF,
    )
    assert from_file.ledger.issues == from_rows.ledger.issues
    for before, after in zip(original.issues, from_file.ledger.issues, strict=True):
        same_fields(before, after)
    again = planning.plan_import(files.read_sheet(path), from_file.ledger, as_of=AS_OF)
    assert again.added == [] and not again.changed


def same_fields(before: Issue, after: Issue) -> None:
    """The fields a sheet carries are equal (history beyond the latest entry is not carried)."""
    keep: dict[str, Any] = {}
    for name in ("id", "title", "source", "track", "lead_unit", "co_units", "owner", "deadline",
                 "planned_on", "measures", "status", "completion", "rectified_on", "reason",
                 "dismissed_on"):  # fmt: skip
        keep[name] = getattr(before, name)
        assert getattr(after, name) == keep[name], (before.id, name)
    assert (after.description or "").strip() == (before.description or "").strip()


# --- LibreOffice ---------------------------------------------------------------------------------


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
def test_libreoffice_reads_the_exported_xlsx_as_the_same_rows(tmp_path: Path) -> None:
    soffice = _soffice()
    if soffice is None:
        pytest.skip(
            "LibreOffice is not installed (no soffice or libreoffice on PATH); "
            "on Debian/Ubuntu: apt-get install --no-install-recommends libreoffice-calc-nogui"
        )
    tables = export.export_tables([city()], AS_OF, "zh")
    xlsx = tmp_path / "city.xlsx"
    xlsx.write_bytes(files.xlsx_bytes(tables))
    outdir = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
         "--outdir", str(outdir), str(xlsx)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    converted = (outdir / "city.csv").read_bytes().decode("utf-8-sig")
    theirs = list(csv.reader(io.StringIO(converted, newline="")))
    ours = list(csv.reader(io.StringIO(files.csv_text(tables[0]), newline="")))
    assert theirs[0] == ours[0]
    assert len(theirs) == len(ours) == 26
    for mine, libre in zip(ours, theirs, strict=True):
        assert libre == mine
