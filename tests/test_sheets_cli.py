"""`rectify export` and `rectify import` as a user runs them."""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import Golden, RunCli

EMPTY = """\
schema: 1
ledger:
  id: smx-city-2024
  title: 三门峡市人大常委会联动监督问题清单
  supervisor: 三门峡市人大常委会
  assigned_on: 2024-07-10
  id_prefix: SMX
issues: []
"""


@pytest.fixture
def city(examples: Path) -> Path:
    return examples / "sanmenxia/city-county/smx-city-2024.yaml"


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.yaml"
    path.write_text(EMPTY, encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# --- export --------------------------------------------------------------------------------------


def test_export_csv_to_stdout_and_to_a_file(run: RunCli, city: Path, tmp_path: Path) -> None:
    shown = run("export", str(city), "--lang", "zh")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("编号,台账,问题,问题描述,问题来源,整改类型,牵头单位,配合单位")
    assert lines[1].startswith("SMX-001,smx-city-2024,新建住宅小区养老服务设施配建移交不到位,")
    target = tmp_path / "台账.csv"
    saved = run("export", str(city), "-o", str(target), "--lang", "zh")
    assert saved.stdout == f"已导出 25 个问题到 {target}\n"
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 26
    smx3 = dict(zip(rows[0], rows[3], strict=True))
    assert (smx3["编号"], smx3["整改时限"], smx3["完成进度（%）"], smx3["整改状态"]) == (
        "SMX-003",
        "2025-06-30",
        "74.4",
        "整改中",
    )


def test_export_as_of_a_past_date_in_english(run: RunCli, city: Path) -> None:
    shown = run("export", str(city), "--as-of", "2024-09-30", "--lang", "en")
    rows = list(csv.reader(io.StringIO(shown.stdout, newline="")))
    assert rows[0][:3] == ["ID", "Ledger", "Title"]
    smx3 = dict(zip(rows[0], rows[3], strict=True))
    assert (smx3["Deadline"], smx3["Completion (%)"], smx3["Status"]) == (
        "2024-12-31",
        "51.2",
        "in progress",
    )


def test_export_xlsx_has_three_sheets(run: RunCli, examples: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.xlsx"
    result = run("export", str(examples), "-o", str(target), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["问题清单", "按牵头单位", "月度进展"]
    assert book["问题清单"].max_row == 48  # a title, the as-of date, the header, 45 issues
    assert book["问题清单"]["A2"].value == "截至 2024-11-30"
    total = [c.value for c in book["按牵头单位"][book["按牵头单位"].max_row]]
    assert total[:4] == ["合计", 42, 41, 30]  # 问题数, 计入, 已整改: the 3 handed down once


def test_export_xlsx_needs_a_file(run: RunCli, city: Path) -> None:
    result = run("export", str(city), "--format", "xlsx", "--lang", "zh")
    assert result.exit_code == 2
    assert "xlsx 格式要写入文件" in result.stderr


def test_export_json(run: RunCli, city: Path, tmp_path: Path) -> None:
    target = tmp_path / "city.json"
    assert run("export", str(city), "-o", str(target)).exit_code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["as_of"] == "2024-11-30"
    assert len(data["issues"]) == 25
    assert data["issues"][2]["deadline"] == "2025-06-30"
    assert data["total"]["counted"] == 24


# --- import ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_import_round_trip_then_check(
    run: RunCli, city: Path, empty: Path, tmp_path: Path, suffix: str
) -> None:
    sheet = tmp_path / f"city.{suffix}"
    assert run("export", str(city), "-o", str(sheet), "--lang", "zh").exit_code == 0
    before = empty.read_bytes()
    dry = run("import", str(sheet), "-l", str(empty), "--dry-run", "--lang", "zh")
    assert dry.exit_code == 0, dry.stderr
    assert empty.read_bytes() == before  # a dry run writes nothing
    row = 4 if suffix == "csv" else 6  # xlsx has a title and an as-of row above the header
    assert (
        f"  第 {row} 行 → SMX-003 老旧小区适老化改造推进缓慢"
        "（市住建局，时限 2025-06-30，整改中，74.4%）" in dry.stdout
    )
    assert (
        dry.stdout.splitlines()[-1]
        == "试运行，未写入：将新增 25 个，相同 0 行（将更新 0 个），无法读取 0 行"
    )
    done = run("import", str(sheet), "-l", str(empty), "--lang", "zh")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == [
        "已导入：新增 25 个，相同 0 行（更新 0 个），无法读取 0 行",
        f"已写入 {empty}",
    ]
    checked = run("check", str(empty), "--lang", "zh")
    assert checked.exit_code == 0, checked.stdout
    exported_again = run("export", str(empty), "--lang", "zh").stdout
    original = run("export", str(city), "--lang", "zh").stdout
    # Exported again, the imported ledger gives the very same sheet.
    assert exported_again == original
    after = empty.read_bytes()
    again = run("import", str(sheet), "-l", str(empty), "--lang", "zh")
    assert again.exit_code == 0
    assert empty.read_bytes() == after  # importing twice adds nothing
    assert f"  第 {row - 2} 行 = SMX-001，内容一致" in again.stdout
    assert again.stdout.splitlines()[-1] == f"台账没有变化：{empty}"


def test_bad_rows_block_the_import_unless_skipped(run: RunCli, empty: Path, tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "bad.csv",
        [
            ["某局问题整改台账", "", "", ""],
            ["序号", "问题", "责任单位", "整改时限"],
            ["1", "问题甲", "市民政局", "2024年12月底"],
            ["2", "问题乙", "", "尽快"],
            ["3", "问题丙", "市财政局", "12月底前"],
        ],
    )
    before = empty.read_bytes()
    result = run("import", str(sheet), "-l", str(empty), "--lang", "zh")
    assert result.exit_code == 1
    assert (
        "  第 4 行：“整改时限”的“尽快”不是日期"
        "（可写 2024-12-31、2024.12.31、2024年12月底、12月底前）；“责任单位”为空" in result.stdout
    )
    assert "有 1 行无法读取，未写入任何内容" in result.stderr
    assert empty.read_bytes() == before
    dry = run("import", str(sheet), "-l", str(empty), "--dry-run", "--lang", "en")
    assert dry.exit_code == 1
    assert "  row 4: 整改时限: 尽快 is not a date" in dry.stdout
    skipped = run("import", str(sheet), "-l", str(empty), "--skip-bad", "--lang", "en")
    assert skipped.exit_code == 0, skipped.stderr
    text = empty.read_text(encoding="utf-8")
    assert "id: SMX-001" in text and "id: SMX-002" in text and "问题乙" not in text
    assert "title: 问题丙" in text and "deadline: 2024-12-31" in text
    assert run("check", str(empty)).exit_code == 0


def test_gbk_csv_and_encoding_option(run: RunCli, empty: Path, tmp_path: Path) -> None:
    rows = [
        ["存在问题", "牵头单位", "完成时限", "整改状态", "完成进度"],
        ["农村幸福院运营难", "陕州区民政局", "2024/12/31", "正在整改", "74.40%"],
    ]
    sheet = write_csv(tmp_path / "gbk.csv", rows, encoding="gb18030")
    wrong = run("import", str(sheet), "-l", str(empty), "--encoding", "utf-8", "--lang", "zh")
    assert wrong.exit_code == 3
    assert "无法按 utf-8 编码读取" in wrong.stderr
    result = run("import", str(sheet), "-l", str(empty), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    text = empty.read_text(encoding="utf-8")
    assert "title: 农村幸福院运营难" in text and "completion: 74.4" in text


def test_map_option(run: RunCli, empty: Path, tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "m.csv", [["事项", "责任处室", "办结时间"], ["问题甲", "综合科", "2024-12-31"]]
    )
    unmapped = run("import", str(sheet), "-l", str(empty), "--lang", "zh")
    assert unmapped.exit_code == 1
    assert "找不到表头" in unmapped.stderr
    maps = ["--map", "事项=title", "--map", "责任处室=lead_unit", "--map", "办结时间=deadline"]
    mapped = run("import", str(sheet), "-l", str(empty), *maps, "--lang", "zh")
    assert mapped.exit_code == 0, mapped.stderr
    assert "lead_unit: 综合科" in empty.read_text(encoding="utf-8")
    bad = run("import", str(sheet), "-l", str(empty), "--map", "事项", "--lang", "en")
    assert bad.exit_code == 2
    assert "--map 事项 is not valid" in bad.stderr


def test_update_records_this_months_progress(run: RunCli, city: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "city.yaml"
    shutil.copy(city, ledger)
    before = ledger.read_text(encoding="utf-8")
    sheet = tmp_path / "十一月.xlsx"
    assert run("export", str(ledger), "-o", str(sheet), "--lang", "zh").exit_code == 0
    book = openpyxl.load_workbook(sheet)
    ws = book["问题清单"]
    columns = {cell.value: cell.column for cell in ws[3]}  # below the title and as-of rows
    # SMX-003 (row 6): a new report on 30 November
    ws.cell(row=6, column=columns["完成进度（%）"]).value = 80
    ws.cell(row=6, column=columns["最新进展"]).value = "累计完成改造69个小区"
    ws.cell(row=6, column=columns["进展日期"]).value = "2024-11-30"
    book.save(sheet)
    plain = run("import", str(sheet), "-l", str(ledger), "--lang", "zh")
    assert plain.exit_code == 0
    assert "  第 6 行 = SMX-003，表格中不同：完成进度（%）、最新进展" in plain.stdout
    assert ledger.read_text(encoding="utf-8") == before  # nothing updated unless asked
    updated = run("import", str(sheet), "-l", str(ledger), "--update", "--lang", "zh")
    assert updated.exit_code == 0, updated.stderr
    assert "  第 6 行 = SMX-003，更新：完成进度（%）、最新进展" in updated.stdout
    after = ledger.read_text(encoding="utf-8")
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-    completion: 74.4",
        "+    completion: 80",
        "+      - date: 2024-11-30",
        "+        completion: 80",
        "+        note: 累计完成改造69个小区",
    ]
    assert run("check", str(ledger)).exit_code == 0


def test_import_appends_to_a_real_ledger_and_keeps_its_text(
    run: RunCli, city: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "city.yaml"
    shutil.copy(city, ledger)
    before = ledger.read_text(encoding="utf-8")
    sheet = write_csv(
        tmp_path / "new.csv",
        [
            ["问题", "牵头单位", "整改时限", "完成情况"],
            ["新建小区配套养老用房验收把关不严", "市住建局", "2025年3月底", "未启动"],
        ],
    )
    result = run("import", str(sheet), "-l", str(ledger), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert (
        "  第 2 行 → SMX-026 新建小区配套养老用房验收把关不严"
        "（市住建局，时限 2025-03-31，未整改，0%）" in result.stdout
    )
    after = ledger.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert "  - id: SMX-026\n    title: 新建小区配套养老用房验收把关不严\n" in after
    assert run("check", str(ledger)).exit_code == 0


def test_files_it_cannot_read(run: RunCli, empty: Path, tmp_path: Path) -> None:
    missing = run("import", str(tmp_path / "none.xlsx"), "-l", str(empty), "--lang", "zh")
    assert missing.exit_code == 3
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    result = run("import", str(old), "-l", str(empty), "--lang", "zh")
    assert result.exit_code == 3
    assert "另存为” .xlsx" in result.stderr
    book = tmp_path / "b.xlsx"
    openpyxl.Workbook().save(book)
    wrong_sheet = run("import", str(book), "-l", str(empty), "--sheet", "附表", "--lang", "en")
    assert wrong_sheet.exit_code == 3
    assert "has no sheet named 附表; it has: Sheet" in wrong_sheet.stderr


def test_as_of_dates_what_the_sheet_reports(run: RunCli, empty: Path, tmp_path: Path) -> None:
    """--as-of dates the rows' outcome; new problems are assigned today unless told otherwise."""
    sheet = write_csv(
        tmp_path / "done.csv",
        [
            ["问题", "牵头单位", "整改时限", "完成情况"],
            ["问题甲", "市民政局", "2024-10-31", "已整改"],
        ],
    )
    args = ["import", str(sheet), "-l", str(empty), "--as-of", "2024-10-31", "--lang", "zh"]
    today = run(*args)  # assigned today (2024-11-30), after its deadline: refused, nothing written
    assert today.exit_code == 1
    assert "没有交办日期的新问题记为导入之日 2024-11-30 交办" in today.stdout
    assert "第 2 行：整改时限 2024-10-31 早于交办日期 2024-11-30" in today.stdout
    assert "T-001" not in empty.read_text(encoding="utf-8")
    result = run(*args, "--assigned-on", "2024-07-01")
    assert result.exit_code == 0, result.stderr
    assert "表中报告的进展和整改记为 2024-10-31（--as-of）" in result.stdout
    assert "没有交办日期的新问题记为 2024-07-01 交办（--assigned-on）" in result.stdout
    assert "1 行没有“整改完成日期”，按 2024-10-31 记（第 2 行）" in result.stdout
    text = empty.read_text(encoding="utf-8")
    assert "assigned_on: 2024-07-01" in text and "rectified_on: 2024-10-31" in text


# --- goldens ---------------------------------------------------------------------------------

# A unit's own sheet as it arrives: a title row, its own headers, dates and statuses as people
# write them (年月底, full-width digits, 正在整改, 60%), and one row that cannot be read.
UNIT_SHEET = [
    ["市民政局问题整改台账（2024年11月）", "", "", "", "", "", ""],
    ["序号", "问题", "责任单位", "整改时限", "整改状态", "完成进度", "最新进展"],
    [
        "1",
        "养老服务补贴发放不及时",
        "市民政局",
        "2024年12月底",
        "正在整改",
        "60%",
        "已补发9月前补贴",
    ],
    ["2", "社区食堂覆盖不足", "市民政局", "２０２５．３．３１", "未开始", "", ""],
    ["3", "护理员培训不到位", "", "尽快", "整改中", "30", ""],
    ["4", "敬老院消防通道堵塞", "市消防救援支队", "2024.10.31", "已完成", "100%", "通道已清理"],
]


def export(run: RunCli, examples: Path, fmt: str, lang: str) -> str:
    """Every example ledger of the city and counties, exported as of 30 November."""
    folder = str(examples / "sanmenxia" / "city-county")
    result = run("export", folder, "--format", fmt, "--lang", lang, "--as-of", "2024-11-30")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_csv_golden(run: RunCli, examples: Path, golden: Golden, lang: str) -> None:
    golden(f"export_city-county_{lang}.csv", export(run, examples, "csv", lang))


def test_export_json_golden(run: RunCli, examples: Path, golden: Golden) -> None:
    text = export(run, examples, "json", "zh")
    golden("export_city-county.json", text)
    assert export(run, examples, "json", "en") == text  # keys and values, not words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_dry_run_of_a_units_sheet_golden(
    run: RunCli, empty: Path, tmp_path: Path, golden: Golden, lang: str
) -> None:
    write_csv(tmp_path / "市民政局.csv", UNIT_SHEET)
    before = empty.read_bytes()
    result = run(
        "import",
        "市民政局.csv",
        "-l",
        empty.name,
        "--dry-run",
        "--skip-bad",
        "--assigned-on",
        "2024-07-10",
        "--as-of",
        "2024-11-25",
        "--lang",
        lang,
    )
    assert result.exit_code == 0, result.stderr
    golden(f"import_dry_run_unit_sheet_{lang}.txt", result.stdout)
    assert empty.read_bytes() == before


def test_import_update_dry_run_of_the_city_sheet_golden(
    run: RunCli, city: Path, tmp_path: Path, golden: Golden
) -> None:
    """The city's own export sent back with November's reports on two rows and one new row."""
    ledger = tmp_path / "smx-city-2024.yaml"
    shutil.copy(city, ledger)
    exported = run("export", ledger.name, "--lang", "zh", "--as-of", "2024-11-30")
    rows = list(csv.reader(io.StringIO(exported.stdout, newline="")))
    columns = {name: index for index, name in enumerate(rows[0])}
    for ident, completion, note in (
        ("SMX-003", "80", "累计完成改造69个小区"),
        ("SMX-014", "90", "8个幸福院恢复运营"),
    ):
        row = next(r for r in rows if r[columns["编号"]] == ident)
        row[columns["完成进度（%）"]] = completion
        row[columns["最新进展"]] = note
        row[columns["进展日期"]] = "2024-11-30"
    new = [""] * len(rows[0])
    new[columns["问题"]] = "新建小区配套养老用房验收把关不严"
    new[columns["牵头单位"]] = "市住建局"
    new[columns["整改时限"]] = "2025年3月底"
    new[columns["交办日期"]] = "2024-11-20"
    rows.append(new)
    write_csv(tmp_path / "十一月.csv", rows)
    before = ledger.read_bytes()
    result = run("import", "十一月.csv", "-l", ledger.name, "--update", "--dry-run", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    golden("import_update_dry_run_city_zh.txt", result.stdout)
    assert ledger.read_bytes() == before
