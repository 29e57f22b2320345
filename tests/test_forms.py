"""The monthly return form (报送表): exported for every unit, filled in, imported back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from conftest import RunCli
from rectify.io.sheets.form import (
    DEFINED_NAME,
    META_SHEET,
    column_of,
    form_file_name,
    is_form,
    read_form,
)

TODAY = "2024-12-28"
AS_OF = "2024-12-20"
UNITS = {
    "市自然资源和规划局",
    "市住建局",
    "市人社局",
    "市医保局",
    "市民政局",
    "灵宝市民政局",
    "灵宝市人社局",
    "卢氏县民政局",
    "陕州区民政局",
}


@pytest.fixture
def ledgers(examples: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ledgers"
    shutil.copytree(examples / "sanmenxia/city-county", folder)
    return folder


@pytest.fixture
def forms(run: RunCli, ledgers: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    done = run(
        "export",
        str(ledgers),
        "--form",
        "--all-units",
        "-o",
        str(folder),
        "--as-of",
        AS_OF,
        "--lang",
        "zh",
        today=TODAY,
    )
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"已写出 9 个单位的报送表到 {folder}\n"
    return folder


def issues(folder: Path) -> dict[str, dict[str, Any]]:
    """Every issue of the ledgers in a folder, by id, as the YAML holds it."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for issue in yaml.safe_load(path.read_text("utf-8"))["issues"]:
            found[issue["id"]] = issue
    return found


def rows(path: Path) -> dict[str, int]:
    """The row of each issue id in a form, read from the hidden key column."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    found = {}
    for number in range(5, sheet.max_row + 1):
        key = sheet.cell(number, 1).value
        if key:
            found[key.split("/")[1]] = number
    return found


def cell(key: str, row: int) -> str:
    return f"{openpyxl.utils.get_column_letter(column_of(key))}{row}"


# --- the form as written ----------------------------------------------------------------


def test_every_unit_with_open_problems_gets_its_form(forms: Path, ledgers: Path) -> None:
    names = sorted(p.name for p in forms.iterdir())
    assert names == sorted(f"{unit}-2024年12月.xlsx" for unit in UNITS)
    before = issues(ledgers)
    for path in forms.iterdir():
        assert is_form(path)
        form = read_form(path, today=dt.date(2024, 12, 28))
        assert form.as_of == dt.date(2024, 12, 20)
        assert form.errors == []
        assert all(not e.filled for e in form.entries)
        for entry in form.entries:  # the unit's own problems, none rectified on the date
            issue = before[entry.issue_id]
            assert issue["lead_unit"] == form.unit
            assert issue["status"] in ("open", "in_progress")
    ids = {e.issue_id for p in forms.iterdir() for e in read_form(p, today=dt.date.today()).entries}
    assert ids == {i for i, x in before.items() if x["status"] in ("open", "in_progress")}


def test_the_form_is_locked_validated_and_print_ready(forms: Path) -> None:
    path = forms / "市民政局-2024年12月.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.title == "报送表"
    assert sheet["B1"].value == "市民政局整改进展报送表（2024年12月）"
    assert "2024-12-20" in sheet["B2"].value
    assert sheet["B3"].value.startswith("填写说明：只填黄色单元格")
    header = [c.value for c in sheet[4]]
    assert header[1:] == [
        "序号",
        "编号",
        "问题",
        "整改措施",
        "整改时限",
        "已报完成进度（%）",
        "已报最新进展",
        "本月完成进度（%）",
        "整改状态",
        "本月整改进展",
        "进展日期",
        "申请调整时限至",
        "调整理由",
    ]
    where = rows(path)
    assert list(where) == ["SMX-012", "SMX-014", "SMX-016"]
    assert sheet.cell(5, 1).value == "smx-city-2024/SMX-012"
    assert sheet.column_dimensions["A"].hidden
    # protection: the sheet is protected; only the cells a unit fills are unlocked
    assert sheet.protection.sheet
    for key in ("new_completion", "new_status", "new_progress", "new_date", "deadline_to"):
        assert sheet[cell(key, 5)].protection.locked is False
    for key in ("key", "id", "title", "deadline", "completion"):
        assert sheet[cell(key, 5)].protection.locked is True
    assert sheet["L2"].protection.locked is False  # 填报日期
    # data validation, as Excel and WPS apply it while typing
    found = {(dv.type, str(dv.sqref)): dv for dv in sheet.data_validations.dataValidation}
    whole = found[("whole", "I5:I7")]
    assert (whole.operator, whole.formula1, whole.formula2) == ("between", "0", "100")
    assert whole.showErrorMessage and whole.errorStyle == "stop"
    status = found[("list", "J5:J7")]
    assert status.formula1 == '"整改中,已整改"'
    dates = next(dv for (kind, ref), dv in found.items() if kind == "date" and "L5:L7" in ref)
    assert "L2" in str(dates.sqref)
    first, last = dt.date(2024, 12, 1), dt.date(2025, 1, 31)
    serial = dt.date(1899, 12, 30)
    assert (int(dates.formula1), int(dates.formula2)) == (
        (first - serial).days,
        (last - serial).days,
    )
    later = [dv for (kind, ref), dv in found.items() if kind == "date" and ref.startswith("M")]
    assert sorted(str(dv.sqref) for dv in later) == ["M5", "M6", "M7"]
    assert {dv.operator for dv in later} == {"greaterThan"}
    # the marker that makes it a form
    assert book[META_SHEET].sheet_state == "veryHidden"
    assert DEFINED_NAME in book.defined_names
    # print: A4 landscape, one page wide, the header repeated
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$4:$4"


def test_a_form_shows_the_status_on_its_date(run: RunCli, ledgers: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    done = run(
        "export",
        str(ledgers),
        "--form",
        "--unit",
        "市民政局",
        "-o",
        str(target),
        "--as-of",
        "2024-08-31",
        "--lang",
        "zh",
        today=TODAY,
    )
    assert done.exit_code == 0, done.stderr
    path = target / "市民政局-2024年8月.xlsx"
    assert done.stdout == f"已写出市民政局的报送表（{len(rows(path))} 个问题）：{path}\n"
    # problems rectified since August are still on August's form
    later = {"SMX-012", "SMX-014", "SMX-016"}
    assert later < set(rows(path))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--form", "--unit", "市民政局"], "报送表要写入文件"),
        (["--unit", "市民政局", "-o", "x.xlsx"], "--unit 和 --all-units 只用于 --form"),
        (["--form", "-o", "x.xlsx"], "请用 --unit 单位 指定一个单位"),
        (["--form", "--unit", "市民政局", "--all-units", "-o", "x"], "只能用其一"),
        (["--form", "--unit", "市民政局", "--format", "csv", "-o", "x.csv"], "只能是 xlsx"),
    ],
)
def test_form_usage_errors(run: RunCli, ledgers: Path, args: list[str], message: str) -> None:
    done = run("export", str(ledgers), *args, "--lang", "zh", today=TODAY)
    assert done.exit_code == 2
    assert message in done.stderr


def test_a_unit_without_open_problems_is_told(run: RunCli, ledgers: Path) -> None:
    done = run("export", str(ledgers), "--form", "--unit", "市民政", "-o", "x.xlsx", "--lang", "zh")
    assert done.exit_code == 1
    assert "市民政截至 2024-11-30 没有未整改完成的问题" in done.stderr
    assert "市民政局" in done.stderr
    assert not Path("x.xlsx").exists()


def test_file_names_are_safe() -> None:
    assert form_file_name('A/B:局*"', dt.date(2024, 12, 1), "zh") == "AB局-2024年12月.xlsx"


# --- the round trip ------------------------------------------------------------------------


def fill(forms: Path) -> dict[str, tuple[str, float, str]]:
    """Fill every form as its unit would; the progress each issue should get, by id.

    市民政局 types 150 into one row (the validation would refuse it; pasted
    in, it gets through) and asks for a new deadline on another; 市住建局 reports
    its problem rectified; 市医保局 sends nothing back.
    """
    wanted: dict[str, tuple[str, float, str]] = {}
    (forms / "市医保局-2024年12月.xlsx").unlink()
    for path in sorted(forms.iterdir()):
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        sheet["L2"] = dt.date(2024, 12, 26)
        for issue_id, number in rows(path).items():
            old = float(sheet[cell("completion", number)].value)
            if issue_id == "SMX-003":
                sheet[cell("new_status", number)] = "已整改"
                sheet[cell("new_progress", number)] = "改造全部完成"
                sheet[cell("new_date", number)] = dt.date(2024, 12, 15)
                wanted[issue_id] = ("2024-12-15", 100, "改造全部完成")
                continue
            if issue_id == "SMX-014":
                sheet[cell("new_completion", number)] = 150
                continue
            new = min(99.0, float(int(old) + 5))
            sheet[cell("new_completion", number)] = int(new)
            sheet[cell("new_progress", number)] = f"{issue_id}本月推进"
            wanted[issue_id] = ("2024-12-26", new, f"{issue_id}本月推进")
            if issue_id == "SMX-016":
                sheet[cell("deadline_to", number)] = dt.date(2026, 6, 30)
                sheet[cell("deadline_reason", number)] = "资金分批下达"
        book.save(path)
    return wanted


@pytest.mark.slow
def test_forms_round_trip(run: RunCli, forms: Path, ledgers: Path) -> None:
    before = issues(ledgers)
    texts = {p: p.read_bytes() for p in ledgers.iterdir()}
    wanted = fill(forms)
    bad_cell = cell("new_completion", rows(forms / "市民政局-2024年12月.xlsx")["SMX-014"])

    preview = run("import", str(forms), "-l", str(ledgers), "--lang", "zh", today=TODAY)
    assert preview.exit_code == 1
    assert (
        f"市民政局-2024年12月.xlsx 工作表“报送表” {bad_cell} 单元格："
        "完成进度应为 0 到 100 的整数，填的是“150”"
    ) in preview.stdout
    assert "预览，未写入" in preview.stdout
    assert "未报送的单位（1 个，截至 2024-12-20 有未整改完成的问题）：市医保局" in preview.stdout
    assert "SMX-016（市民政局）：2025-12-31 → 2026-06-30，理由：资金分批下达" in preview.stdout
    assert 'rectify extend SMX-016 --to 2026-06-30 --reason "资金分批下达"' in preview.stdout
    refused = run("import", str(forms), "-l", str(ledgers), "--update", "--lang", "zh", today=TODAY)
    assert refused.exit_code == 1
    assert "有 1 处填报不能接受，未写入任何内容" in refused.stderr
    assert {p: p.read_bytes() for p in ledgers.iterdir()} == texts

    done = run(
        "import",
        str(forms),
        "-l",
        str(ledgers),
        "--update",
        "--skip-bad",
        "--lang",
        "zh",
        today=TODAY,
    )
    assert done.exit_code == 0, done.stderr
    assert f"已记入 {len(wanted)} 个问题的进展（其中已整改 1 个）" in done.stdout
    after = issues(ledgers)
    for issue_id, issue in after.items():
        old = before[issue_id]
        if issue_id not in wanted:
            assert issue == old, issue_id  # untouched: 市医保局's, the bad row, the others
            continue
        date, completion, note = wanted[issue_id]
        assert issue["progress"][:-1] == old.get("progress", [])
        last = issue["progress"][-1]
        assert (str(last["date"]), float(last["completion"]), last.get("note")) == (
            date,
            completion,
            note,
        )
        assert float(issue["completion"]) == completion
        assert issue["deadline"] == old["deadline"]  # a request is never applied
    assert after["SMX-003"]["status"] == "rectified"
    assert str(after["SMX-003"]["rectified_on"]) == "2024-12-15"
    assert "verification" not in after["SMX-003"]  # the unit's claim, not a sign-off
    assert run("check", str(ledgers), today=TODAY).exit_code == 0

    again = run("import", str(forms), "-l", str(ledgers), "--update", "--skip-bad", today=TODAY)
    assert again.exit_code == 0
    assert issues(ledgers) == after  # the same returns twice change nothing


# --- reading values back ---------------------------------------------------------------------


def test_values_are_checked_again_on_import(forms: Path) -> None:
    path = forms / "市民政局-2024年12月.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["I5"] = 0.9
    sheet["I5"].number_format = "0%"  # 90% typed into a cell Excel turned into a percentage
    sheet["J5"] = "已销号"
    sheet["I6"] = "八十"
    sheet["L6"] = "下周"
    sheet["I7"] = 55.5
    sheet["M7"] = dt.date(2026, 1, 31)
    book.save(path)
    form = read_form(path, today=dt.date(2024, 12, 28))
    where = "市民政局-2024年12月.xlsx 工作表“报送表” "
    messages = [e.text("zh").removeprefix(where) for e in form.errors]
    assert messages == [
        "J5 单元格：整改状态“已销号”不在可选范围内（可选：整改中、已整改；销号由监督机关办理）",
        "I6 单元格：完成进度应为 0 到 100 的整数，填的是“八十”",
        "L6 单元格：“下周”不是日期（可写 2024-12-31）",
        "I7 单元格：完成进度应为 0 到 100 的整数，填的是“55.5”",
        "N7 单元格：申请调整时限要写明理由",
    ]
    assert form.entries[0].completion == 90
    assert [e.text("en") for e in form.errors][1] == (
        "市民政局-2024年12月.xlsx, sheet 报送表, cell I6: "
        "completion must be a whole number from 0 to 100, not '八十'"
    )


def test_dates_that_would_change_a_past_month_are_refused(
    run: RunCli, forms: Path, ledgers: Path
) -> None:
    path = forms / "市民政局-2024年12月.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["I5"], sheet["L5"] = 90, dt.date(2024, 11, 30)
    sheet["I6"], sheet["L6"] = 90, dt.date(2024, 12, 30)
    sheet["M6"], sheet["N6"] = dt.date(2025, 3, 31), "冬季施工受限"  # on a row refused
    sheet["I7"] = 60  # no date: --as-of below dates it
    sheet["K7"] = "x" * 501
    book.save(path)
    done = run(
        "import",
        str(path),
        "-l",
        str(ledgers),
        "--update",
        "--as-of",
        "2024-11-30",
        "--lang",
        "zh",
        today=TODAY,
    )
    assert done.exit_code == 1
    assert "L5 单元格：日期 2024-11-30 不在 2024-12-01 至 2025-01-31 之间" in done.stdout
    assert "L6 单元格：进展日期 2024-12-30 晚于今天（2024-12-28）" in done.stdout
    assert "K7 单元格：有 501 字，最多 500 字" in done.stdout
    assert "申请调整整改时限" not in done.stdout  # a refused row brings no request
    sheet["K7"] = None
    book.save(path)
    args = ["-l", str(ledgers), "--as-of", "2024-11-30", "--lang", "zh"]
    done = run("import", str(path), *args, today=TODAY)
    assert (
        "进展日期 2024-11-30 早于本报送表的月份（2024-12-01 起），会改动以前月份的数字"
        in done.stdout
    )
    assert "未报送" not in done.stdout  # one file: no list of units not returned


def test_a_sheet_that_is_no_form_still_needs_a_ledger(run: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("问题,牵头单位,整改时限\nx,y,2024-12-31\n", encoding="utf-8")
    done = run("import", str(sheet), "--lang", "zh")
    assert done.exit_code == 2
    assert "不是报送表：导入其他表格要用 -l 指定台账文件" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run("import", str(empty), "--lang", "zh")
    assert done.exit_code == 3
    assert "中没有 rectify 导出的报送表" in done.stderr


def test_a_folder_names_what_is_no_form_and_who_sent_nothing(
    run: RunCli, forms: Path, ledgers: Path
) -> None:
    path = forms / "市住建局-2024年12月.xlsx"
    book = openpyxl.load_workbook(path)
    number = rows(path)["SMX-003"]
    book.worksheets[0][cell("new_completion", number)] = 80
    book.save(path)
    for other in forms.iterdir():
        if other != path:
            other.unlink()
    (forms / "说明.txt").write_text("请于月底前报送", encoding="utf-8")
    done = run("import", str(forms), "-l", str(ledgers), "--lang", "en", today=TODAY)
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "市住建局-2024年12月.xlsx: 市住建局, form as of 2024-12-20, 1 of 1 problem(s) filled in"
    )
    assert "  SMX-003 (市住建局): 74.4% -> 80%, 2024-12-28" in lines
    assert "files in the folder that are no return form (1, not read): 说明.txt" in lines
    missing = next(x for x in lines if x.startswith("units that have not returned"))
    assert missing.endswith(
        "(8, with problems open on 2024-12-20): 灵宝市民政局, 灵宝市人社局, 卢氏县民政局, "
        "陕州区民政局, 市自然资源和规划局, 市人社局, 市医保局, 市民政局"
    )
    assert lines[-1].startswith("preview, nothing written: 1 problem(s) to record")
    # without a date in the row or a 填报日期, --as-of dates it (else the day of the import)
    dated = run("import", str(forms), "-l", str(ledgers), "--as-of", "2024-12-27", today=TODAY)
    assert "  SMX-003 (市住建局): 74.4% -> 80%, 2024-12-27" in dated.stdout.splitlines()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_form_saved_again_by_libreoffice_still_reads_back(forms: Path, tmp_path: Path) -> None:
    import subprocess

    path = forms / "市民政局-2024年12月.xlsx"
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["I5"] = 90
    book.worksheets[0]["K5"] = "新增护理型床位40张"
    book.save(path)
    out = tmp_path / "saved"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = out / path.name
    assert is_form(saved)
    form = read_form(saved, today=dt.date(2024, 12, 28))
    assert (form.unit, form.errors) == ("市民政局", [])
    assert [(e.issue_id, e.completion, e.note) for e in form.entries] == [
        ("SMX-012", 90, "新增护理型床位40张"),
        ("SMX-014", None, None),
        ("SMX-016", None, None),
    ]
    sheet = openpyxl.load_workbook(saved).worksheets[0]
    assert sheet.protection.sheet
    assert {dv.type for dv in sheet.data_validations.dataValidation} >= {"whole", "list", "date"}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_exports_and_forms_print_one_page_across(
    run: RunCli, forms: Path, ledgers: Path, tmp_path: Path
) -> None:
    """As LibreOffice prints them: A4 landscape, every column on the page, few pages."""
    import re
    import subprocess

    export = tmp_path / "all.xlsx"
    assert run("export", str(ledgers), "-o", str(export), "--lang", "zh").exit_code == 0
    form = forms / "市民政局-2024年12月.xlsx"
    out = tmp_path / "pdf"
    profile = (tmp_path / "profile").as_uri()
    for path in (export, form):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip

    def pages(pdf: Path) -> tuple[int, set[tuple[int, int]]]:
        """How many pages a PDF has, and the sizes of its boxes in points."""
        data = pdf.read_bytes()
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
        count = len(re.findall(rb"/Type\s*/Page(?!s)", data))
        return count, {(round(float(w)), round(float(h))) for w, h in boxes}

    # 42 issues of 25 columns: two pages, then one for the units and one for the months
    # (before, LibreOffice printed the same workbook on 18 portrait pages, a few columns each)
    assert pages(out / "all.pdf") == (4, {(842, 595)})  # A4 landscape
    assert pages(out / form.with_suffix(".pdf").name) == (1, {(842, 595)})
