"""Sheets laid out as Chinese offices keep their 整改台账 in Excel and WPS (issue #15).

Each story is a sheet the test makes with openpyxl (or a small file under
tests/data/sheets/, made by LibreOffice), read and planned against a ledger:
what is added, matched or refused, and why, in both languages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import RunCli
from conftest import issue_fields as issue
from rectify.io.sheets import cells, describe, files
from rectify.io.sheets import plan as planning
from rectify.io.sheets.cells import Sheet, Value
from rectify.model import Ledger, Status, Track

D = dt.date
AS_OF = D(2024, 11, 30)
HANDED_DOWN = D(2024, 7, 10)
DATA = Path(__file__).resolve().parent / "data" / "sheets"


def ledger(issues: list[dict[str, Any]] | None = None, **meta: Any) -> Ledger:
    header: dict[str, Any] = {
        "id": "smx-2024",
        "title": "三门峡市问题清单",
        "assigned_on": HANDED_DOWN,
        "id_prefix": "SMX",
        "supervisor": "市人大常委会",
    }
    header.update(meta)
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": issues or []})


def workbook(path: Path, *sheets: tuple[str, list[list[Value]]]) -> Path:
    """An xlsx made with openpyxl: one sheet per (name, rows)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def planned(
    path: Path, target: Ledger | None = None, *, sheet: str | None = None, **options: Any
) -> planning.ImportPlan:
    options.setdefault("assigned_on", HANDED_DOWN)
    table = files.read_sheet(path, sheet=sheet)
    return planning.plan_import(table, target or ledger(), as_of=AS_OF, **options)


def texts(plan: planning.ImportPlan, lang: str = "zh") -> str:
    return "\n".join(describe.describe_plan(plan, lang, update=False))  # type: ignore[arg-type]


# --- row numbers are never ids ------------------------------------------------------------------

NUMBERED: list[Value] = ["编号", "问题", "责任单位", "整改时限", "完成进度"]


def test_office_row_numbers_are_labels_and_a_second_unit_adds_its_own(tmp_path: Path) -> None:
    first = workbook(
        tmp_path / "民政局.xlsx",
        ("台账", [NUMBERED, ["1.1", "敬老院消防隐患", "市民政局", "2024-12-31", "40%"],
                 ["1.2", "养老床位不足", "市民政局", "2025-06-30", "10%"],
                 ["2.1", "医养结合推进慢", "市民政局", "2025-06-30", "0"]]),
    )  # fmt: skip
    result = planned(first)
    assert [a.issue.id for a in result.added] == ["SMX-001", "SMX-002", "SMX-003"]
    assert "“编号”列是表格自己的序号（如 1.1），不当作问题编号；新问题按台账编号" in texts(result)
    # the next unit numbers its sheet the same way: its problems are added, nothing overwritten
    second = workbook(
        tmp_path / "卫健委.xlsx",
        ("台账", [NUMBERED, ["1.1", "基层医疗人员短缺", "市卫健委", "2024-12-31", "20%"],
                 ["1.2", "村卫生室设备老旧", "市卫健委", "2025-06-30", "5%"]]),
    )  # fmt: skip
    again = planned(second, result.ledger, update=True)
    assert [a.issue.id for a in again.added] == ["SMX-004", "SMX-005"]
    assert again.matched == [] and again.bad == {}
    kept = {i.id: (i.title, i.lead_unit, i.completion) for i in again.ledger.issues}
    assert kept["SMX-001"] == ("敬老院消防隐患", "市民政局", 40)
    assert kept["SMX-004"] == ("基层医疗人员短缺", "市卫健委", 20)


@pytest.mark.parametrize("label", ["1", "1.1", "2-3", "一、", "（一）", "A1"])
def test_no_row_number_is_an_id(label: str) -> None:
    table = Sheet("x", [NUMBERED, [label, "问题甲", "市民政局", "2024-12-31", None]])
    result = planning.plan_import(table, ledger(), as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert [a.issue.id for a in result.added] == ["SMX-001"]


def test_ids_of_the_ledger_pattern_are_ids() -> None:
    target = ledger([issue("SMX-001", title="问题甲", lead_unit="市民政局")])
    table = Sheet(
        "x",
        [
            NUMBERED,
            ["smx-001", "问题甲", "市民政局", "2024-12-31", "30%"],  # its own id, in lower case
            ["SMX-009", "问题乙", "市民政局", "2024-12-31", None],
        ],
    )
    result = planning.plan_import(table, target, as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert [a.issue.id for a in result.added] == ["SMX-009"]
    assert [(m.row, m.issue_id, m.by) for m in result.matched] == [(2, "SMX-001", "id")]


# --- the 台账 column ----------------------------------------------------------------------------


def test_rows_of_another_ledger_are_refused_never_added_under_their_ids(
    run: RunCli, examples: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ledgers"
    import shutil

    shutil.copytree(examples / "sanmenxia/city-county", folder)
    rollup = tmp_path / "汇总.xlsx"
    assert run("export", str(folder), "-o", str(rollup)).exit_code == 0
    city = folder / "smx-city-2024.yaml"
    before = city.read_text(encoding="utf-8")
    shown = run("import", str(rollup), "--ledger", str(city), "--lang", "zh")
    assert shown.exit_code != 0
    assert city.read_text(encoding="utf-8") == before  # nothing written
    assert "“台账”列是 shanzhou-2024，不是本台账 smx-city-2024" in shown.stdout
    assert "请用 --ledger 导入到那个台账，或从表格中删去" in shown.stdout
    english = run("import", str(rollup), "--ledger", str(city), "--lang", "en", "--dry-run")
    assert "the Ledger column says shanzhou-2024, not this ledger smx-city-2024" in english.stdout
    # with --skip-bad only the city's own rows are read: the same 25 issues, nothing added
    skipped = run("import", str(rollup), "--ledger", str(city), "--skip-bad", "--lang", "en")
    assert skipped.exit_code == 0, skipped.stderr
    assert "new issue" not in skipped.stdout and "nothing to change in" in skipped.stdout
    assert city.read_text(encoding="utf-8") == before
    assert run("status", str(folder), "--format", "json").exit_code == 0


# --- a likely match is shown, never silently duplicated ------------------------------------------


def test_an_edited_title_or_a_full_unit_name_looks_like_the_issue() -> None:
    target = ledger(
        [
            issue("SMX-001", title="养老机构消防安全隐患突出", lead_unit="市民政局"),
            issue("SMX-002", title="老旧小区适老化改造推进缓慢", lead_unit="市住建局"),
        ]
    )
    table = Sheet(
        "x",
        [
            ["问题", "责任单位", "整改时限"],
            ["养老机构消防安全隐患较为突出", "市民政局", "2024-12-31"],  # title edited
            ["老旧小区适老化改造推进缓慢", "三门峡市住建局", "2025-06-30"],  # unit's full name
            ["养老机构消防安全隐患突出", "市财政局", "2024-12-31"],  # another unit: new
            ["农村饮水安全", "市水利局", "2024-12-31"],  # new
        ],
    )
    result = planning.plan_import(table, target, as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert sorted(result.bad) == [2, 3]
    assert [a.issue.title for a in result.added] == ["养老机构消防安全隐患突出", "农村饮水安全"]
    zh = result.bad[2][0].text("zh")
    assert zh.startswith("像已有的 SMX-001“养老机构消防安全隐患突出”（市民政局，相似度 9")
    assert "若是同一问题，在“编号”列（没有就加一列）填 SMX-001 再导入" in zh
    assert result.bad[3][0].params["id"] == "SMX-002" and result.bad[3][0].params["score"] == 100
    en = result.bad[3][0].text("en")
    assert en.startswith("looks like SMX-002 “老旧小区适老化改造推进缓慢” (市住建局, 100% alike)")
    # given the id, the same row updates the issue
    table.rows[2] = ["SMX-002", *table.rows[2]]
    table.rows[0] = ["编号", *table.rows[0]]
    for row in (1, 3, 4):
        table.rows[row] = [None, *table.rows[row]]
    again = planning.plan_import(table, target, as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert [(m.row, m.issue_id, m.by) for m in again.matched] == [(3, "SMX-002", "id")]


# --- two-row headers ----------------------------------------------------------------------------


def test_group_headers_that_are_column_names_resolve_to_their_sub_columns(tmp_path: Path) -> None:
    path = tmp_path / "两行表头.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    ws.append(["序号", "问题", "责任单位", None, "整改时限", "整改情况", None])
    ws.append([None, None, "牵头单位", "配合单位", None, "完成进度", "整改状态"])
    ws.append([1, "敬老院消防隐患", "市民政局", "市应急局、市消防救援支队", "2024-12-31", "60%",
               "整改中"])  # fmt: skip
    ws.append([2, "养老床位不足", "市民政局", None, "2025-06-30", "100%", "已整改到位"])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("E1:E2")
    ws.merge_cells("C1:D1")  # 责任单位 over 牵头单位 | 配合单位
    # 整改情况 over 完成进度 | 整改状态, written once and not merged (as WPS users often leave it)
    book.save(path)
    result = planned(path)
    assert result.header.row == 2 and result.bad == {}
    one, two = (a.issue for a in result.added)
    assert (one.lead_unit, one.co_units) == ("市民政局", ["市应急局", "市消防救援支队"])
    assert (one.status, one.completion) == (Status.IN_PROGRESS, 60)
    assert (two.status, two.completion) == (Status.RECTIFIED, 100)


# --- status words where a percentage or a note is expected -----------------------------------


def test_status_words_in_progress_and_situation_columns() -> None:
    table = Sheet(
        "x",
        [
            ["问题", "责任单位", "整改时限", "进度", "整改情况"],
            ["甲", "市民政局", "2024-12-31", "已完成", None],
            ["乙", "市民政局", "2024-12-31", "基本完成", None],
            ["丙", "市民政局", "2024-12-31", "正在推进", None],
            ["丁", "市民政局", "2024-12-31", None, "已整改到位"],
            ["戊", "市民政局", "2024-12-31", "50%", "已完成12个小区改造"],  # a note, not a status
        ],
    )
    result = planning.plan_import(table, ledger(), as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert result.bad == {}
    got = [(a.issue.title, a.issue.status, a.issue.completion) for a in result.added]
    assert got == [
        ("甲", Status.RECTIFIED, 100),
        ("乙", Status.IN_PROGRESS, 0),
        ("丙", Status.IN_PROGRESS, 0),
        ("丁", Status.RECTIFIED, 100),
        ("戊", Status.IN_PROGRESS, 50),
    ]
    assert [p.note for p in result.added[1].issue.progress] == ["基本完成"]
    assert (
        "2 行的“完成进度（%）”写的是状态（如“基本完成”），没有百分数：记为整改中，完成进度记 0%，"
        "请补报百分数（第 3、4 行）" in texts(result)
    )


# --- several units in one cell -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "lead", "co"),
    [
        ("市卫健委（牵头）、市民政局、市医保局", "市卫健委", ["市民政局", "市医保局"]),
        ("市卫健委\n市民政局\n市医保局", "市卫健委", ["市民政局", "市医保局"]),
        ("市卫健委牵头，市民政局、市医保局配合", "市卫健委", ["市民政局", "市医保局"]),
        ("市民政局、市医保局（配合）、市卫健委牵头", "市卫健委", ["市民政局", "市医保局"]),
        ("牵头单位：市住建局；配合单位：各县（市、区）政府", "市住建局", ["各县（市、区）政府"]),
        ("各县（市、区）政府", "各县（市、区）政府", []),
        ("市民政局", "市民政局", []),
    ],
)
def test_a_unit_cell_naming_several_units(cell: str, lead: str, co: list[str]) -> None:
    assert cells.parse_units(cell) == (lead, co)
    table = Sheet("x", [["问题", "责任单位", "整改时限"], ["问题甲", cell, "2024-12-31"]])
    result = planning.plan_import(table, ledger(), as_of=AS_OF, assigned_on=HANDED_DOWN)
    (added,) = (a.issue for a in result.added)
    assert (added.lead_unit, added.co_units) == (lead, co)


def test_co_units_split_outside_brackets() -> None:
    assert cells.split_units("各县（市、区）政府、市财政局") == ["各县（市、区）政府", "市财政局"]


# --- deadline words ---------------------------------------------------------------------------


def test_deadline_words_offices_write(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "时限.xlsx",
        ("台账", [["问题", "责任单位", "整改时限"],
                 ["甲", "市民政局", "立行立改"],
                 ["乙", "市民政局", "即知即改"],
                 ["丙", "市民政局", "2024年12月底前，长期坚持"],
                 ["丁", "市民政局", "长期坚持"],
                 ["戊", "市民政局", 2024.12],  # 2024.12 typed into a General cell: a number
                 ["己", "市民政局", 2025.3]]),
    )  # fmt: skip
    result = planned(path)
    assert result.bad == {}
    got = [(a.issue.title, a.issue.track, a.issue.deadline) for a in result.added]
    assert got == [
        ("甲", Track.IMMEDIATE, HANDED_DOWN),
        ("乙", Track.IMMEDIATE, HANDED_DOWN),
        ("丙", Track.LONG_TERM, D(2024, 12, 31)),
        ("丁", Track.LONG_TERM, D(2024, 12, 31)),
        ("戊", Track.SCHEDULED, D(2024, 12, 31)),
        ("己", Track.SCHEDULED, D(2025, 3, 31)),
    ]
    immediate = "2 行的“整改时限”是立行立改一类的说法，记为立行立改，时限按 2024-07-10"
    assert immediate + "（交办日期加 rectify.toml 的 immediate_days）（第 2、3 行）" in texts(
        result
    )
    later = planned(path, immediate_days=7)
    assert later.added[0].issue.deadline == D(2024, 7, 17)


def test_a_month_excel_cut_short_is_refused_not_guessed() -> None:
    table = Sheet("x", [["问题", "责任单位", "整改时限"], ["甲", "市民政局", 2024.1]])
    result = planning.plan_import(table, ledger(), as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert result.added == []
    assert "看不出是 1 月还是 10 月" in result.bad[2][0].text("zh")
    assert "January or October cannot be told" in result.bad[2][0].text("en")


# --- group rows and several measures ----------------------------------------------------------


def test_group_rows_not_merged_across_are_headings(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "分组.xlsx",
        ("台账", [["序号", "问题", "责任单位", "整改时限"],
                 ["一", "省交办问题", None, None],
                 [1, "敬老院消防隐患", "市民政局", "2024-12-31"],
                 ["（二）", "调研发现问题", None, None],
                 [2, "养老床位不足", "市民政局", "2025-06-30"]]),
    )  # fmt: skip
    result = planned(path)
    assert result.bad == {}
    assert [(s.row, s.text) for s in result.skipped] == [
        (2, "一 省交办问题"),
        (4, "（二） 调研发现问题"),
    ]
    assert [a.issue.title for a in result.added] == ["敬老院消防隐患", "养老床位不足"]


def test_several_measure_rows_are_one_problem_done_when_all_are(tmp_path: Path) -> None:
    path = tmp_path / "措施.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    ws.append(["序号", "问题", "责任单位", "整改时限", "整改措施", "完成情况", "完成进度"])
    ws.append([1, "敬老院消防隐患", "市民政局", "2024-12-31", "1.排查隐患", "已完成", "100%"])
    ws.append([None, None, None, None, "2.更换消防设施", "整改中", "40%"])
    ws.append([None, None, None, None, "3.开展消防培训", "已完成", None])
    ws.append([2, "养老床位不足", "市民政局", "2025-06-30", "新建养老院", "已完成", "100%"])
    ws.append([None, None, None, None, "改造闲置敬老院", "已完成", "100%"])
    ws.append([3, "医养结合推进慢", "市卫健委", "2025-06-30", "签约医疗机构", "整改中", "30%"])
    ws.append([None, None, None, None, "建设护理站", "整改中", "50%"])
    for column in "ABCD":  # the problem merged down over its measures, as offices do
        ws.merge_cells(f"{column}7:{column}8")
    book.save(path)
    result = planned(path)
    assert result.bad == {}
    one, two, three = (a.issue for a in result.added)
    assert one.measures == "1.排查隐患\n2.更换消防设施\n3.开展消防培训"
    assert (one.status, one.completion) == (Status.IN_PROGRESS, 80)  # not done: one measure is not
    assert (two.status, two.completion, two.measures) == (
        Status.RECTIFIED,
        100,
        "新建养老院\n改造闲置敬老院",
    )
    assert (three.status, three.completion) == (Status.IN_PROGRESS, 40)
    assert three.measures == "签约医疗机构\n建设护理站"
    shown = texts(result)
    assert (
        "第 2 行的问题有 3 条整改措施（第 2、3、4 行），合为一个问题；全部完成才算已整改" in shown
    )


# --- a unit's own 已销号, and what offices keep besides ------------------------------------------


def test_a_units_own_sign_off_is_its_claim_and_target_category_are_kept() -> None:
    target = ledger([issue("SMX-001", title="问题甲", lead_unit="市民政局", completion=50,
                           status="in_progress")])  # fmt: skip
    table = Sheet(
        "x",
        [
            ["编号", "问题", "责任单位", "整改时限", "整改状态", "整改目标", "问题类别"],
            ["SMX-001", "问题甲", "市民政局", "2024-12-31", "已销号", "全部整改到位", "安全生产"],
            [None, "问题乙", "市民政局", "2024-12-31", "已销号", "年底前完成", "民生保障"],
        ],
    )
    result = planning.plan_import(table, target, as_of=AS_OF, assigned_on=HANDED_DOWN, update=True)
    assert result.bad == {}
    one, two = result.ledger.issues
    assert (one.status, one.verification, one.target, one.category) == (
        Status.RECTIFIED,
        None,
        "全部整改到位",
        "安全生产",
    )
    assert (two.status, two.verification, two.target, two.category) == (
        Status.RECTIFIED,
        None,
        "年底前完成",
        "民生保障",
    )
    assert (
        "记为已整改（单位自报）；验收销号由监督机关确认后用 rectify close 记录（第 3 行）"
        in texts(result)
    )
    assert planning.ledger_problems(result.ledger, as_of=AS_OF) == []


# --- one sheet per unit, hidden sheets, .xls and .ods ------------------------------------------


EMPTY = """\
schema: 1
ledger:
  id: smx-2024
  title: 三门峡市问题清单
  supervisor: 市人大常委会
  assigned_on: 2024-07-10
  id_prefix: SMX
issues: []
"""


def units_workbook(path: Path) -> Path:
    """What tests/data/sheets/units.xls and units.ods were made from (see the README there)."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes.append(["本表由各单位每月25日前报送"])
    notes.sheet_state = "hidden"
    units: list[tuple[str, list[list[Value]]]] = [
        ("市民政局", [[1, "敬老院消防隐患", "2024-12-31", 0.6, "整改中"],
                    [2, "养老床位不足", dt.datetime(2025, 6, 30), 1, "已完成"]]),
        ("市卫健委", [[1, "基层医疗人员短缺", "2024年12月底前", 0.2, "正在推进"]]),
    ]  # fmt: skip
    for unit, rows in units:
        ws = book.create_sheet(unit)
        ws.append([f"{unit}整改台账（截至2024年11月30日）"])
        ws.merge_cells("A1:E1")
        ws.append(["序号", "问题", "整改时限", "完成进度", "整改状态"])
        for row in rows:
            ws.append(row)
            ws.cell(ws.max_row, 4).number_format = "0%"
            if isinstance(row[2], dt.datetime):
                ws.cell(ws.max_row, 3).number_format = "yyyy-mm-dd"
    book.save(path)
    return path


@pytest.mark.parametrize("name", ["units.xlsx", "units.xls", "units.ods"])
def test_one_sheet_per_unit_every_visible_sheet_hidden_ones_named(
    run: RunCli, tmp_path: Path, name: str
) -> None:
    source = DATA / name if name != "units.xlsx" else units_workbook(tmp_path / name)
    assert files.read_sheet(source).name == "市民政局"  # never the hidden first sheet
    target = tmp_path / "smx.yaml"
    target.write_text(EMPTY, encoding="utf-8")
    shown = run(
        "import", str(source), "-l", str(target), "--assigned-on", "2024-07-10", "--lang", "zh"
    )
    assert shown.exit_code == 0, shown.stdout + shown.stderr
    out = shown.stdout
    assert "读取了 2 个工作表：市民政局、市卫健委" in out
    assert "跳过隐藏的工作表：填表说明（如需导入，用 --sheet 指定）" in out
    assert "工作表“市民政局”没有责任单位列：牵头单位按工作表名记为 市民政局" in out
    assert "表中报告的进展和整改记为 2024-11-30（表头“截至2024年11月30日”）" in out
    from rectify.ledger.load import load_one

    written = load_one(target, as_of=AS_OF).ledger.issues
    assert [(i.id, i.title, i.lead_unit, i.deadline, i.status, i.completion) for i in written] == [
        ("SMX-001", "敬老院消防隐患", "市民政局", D(2024, 12, 31), Status.IN_PROGRESS, 60),
        ("SMX-002", "养老床位不足", "市民政局", D(2025, 6, 30), Status.RECTIFIED, 100),
        ("SMX-003", "基层医疗人员短缺", "市卫健委", D(2024, 12, 31), Status.IN_PROGRESS, 20),
    ]
    english = run("import", str(source), "-l", str(target), "--dry-run", "--lang", "en")
    assert "2 sheet(s) read: 市民政局, 市卫健委" in english.stdout
    assert (
        "hidden sheet(s) skipped: 填表说明 (name one with --sheet to import it)" in english.stdout
    )


def test_sheet_chooses_one_sheet_even_a_hidden_one(run: RunCli, tmp_path: Path) -> None:
    source = units_workbook(tmp_path / "units.xlsx")
    target = tmp_path / "smx.yaml"
    target.write_text(EMPTY, encoding="utf-8")
    one = run(
        "import", str(source), "-l", str(target), "--sheet", "市卫健委", "--dry-run", "--lang", "zh"
    )
    assert one.exit_code == 0
    assert "读取了" not in one.stdout and "隐藏" not in one.stdout
    assert "将新增 1 个" in one.stdout
    hidden = run("import", str(source), "-l", str(target), "--sheet", "填表说明", "--lang", "zh")
    assert hidden.exit_code != 0 and "找不到表头" in hidden.stderr


def test_a_sheet_without_a_header_among_others_is_listed(tmp_path: Path) -> None:
    path = units_workbook(tmp_path / "units.xlsx")
    book = openpyxl.load_workbook(path)
    book["填表说明"].sheet_state = "visible"
    book.save(path)
    read = files.read_book(path)
    result = planning.plan_book(read.sheets, ledger(), as_of=AS_OF, assigned_on=HANDED_DOWN)
    assert [p.sheet for p in result.plans] == ["市民政局", "市卫健委"]
    assert [(name, r.key) for name, r in result.unread] == [("填表说明", "import.no_header")]
    lines = describe.describe_book(result, "zh", update=False)
    assert lines[1] == (
        "跳过没有问题表头（问题、牵头单位、整改时限）的工作表：填表说明（用 --sheet 指定可看原因）"
    )


def test_a_password_protected_xlsx_named_xls(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "smx.yaml"
    target.write_text(EMPTY, encoding="utf-8")
    zh = run("import", str(DATA / "encrypted.xls"), "-l", str(target), "--lang", "zh")
    assert zh.exit_code == 3
    assert "设有打开密码（已加密），无法读取" in zh.stderr and "Traceback" not in zh.stderr
    en = run("import", str(DATA / "encrypted.xls"), "-l", str(target), "--lang", "en")
    assert "is protected with a password (encrypted) and cannot be read" in en.stderr


def test_an_xlsx_named_xls_is_read_as_xlsx(tmp_path: Path) -> None:
    path = units_workbook(tmp_path / "units.xlsx").rename(tmp_path / "退回.xls")
    assert [s.name for s in files.read_book(path).sheets] == ["市民政局", "市卫健委"]


def test_a_broken_ods_says_so_in_the_users_language(run: RunCli, tmp_path: Path) -> None:
    import zipfile

    broken = tmp_path / "坏.ods"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content")
    target = tmp_path / "smx.yaml"
    target.write_text(EMPTY, encoding="utf-8")
    shown = run("import", str(broken), "-l", str(target), "--lang", "zh")
    assert shown.exit_code == 3
    assert "不是能读取的 .ods 文件（文件已损坏或不完整）" in shown.stderr
    assert "openpyxl" not in shown.stderr and "zip" not in shown.stderr.lower()


# --- limits: absurd sheets are refused in seconds ---------------------------------------------


def _patched(path: Path, old: bytes, new: bytes) -> None:
    """An xlsx with the bytes ``old`` of its sheet's XML replaced (what a hand-made file holds)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old in parts[sheet]
    parts[sheet] = parts[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def small_book(path: Path) -> Path:
    return workbook(
        path, ("台账", [["问题", "责任单位", "整改时限"], ["甲", "市民政局", "2024-12-31"]])
    )


def test_a_cell_at_xfd1048576_is_refused_at_once(run: RunCli, tmp_path: Path) -> None:
    import time

    path = tmp_path / "远.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["问题", "责任单位", "整改时限"])
    ws.append(["甲", "市民政局", "2024-12-31"])
    ws["XFD1048576"] = "x"
    book.save(path)
    assert path.stat().st_size < 10_000
    target = tmp_path / "smx.yaml"
    target.write_text(EMPTY, encoding="utf-8")
    started = time.monotonic()
    shown = run("import", str(path), "-l", str(target), "--lang", "zh")
    assert time.monotonic() - started < 5
    assert shown.exit_code == 3
    assert "工作表“Sheet”用到第 1048576 行" in shown.stderr
    assert "超出 rectify 能导入的范围（20000 行、500 列）：删去远处多余的行列" in shown.stderr


def test_a_merged_range_to_the_sheets_end_covers_only_what_is_there(tmp_path: Path) -> None:
    import time

    path = small_book(tmp_path / "合并.xlsx")
    _patched(
        path,
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>',
    )
    started = time.monotonic()
    sheet = files.read_sheet(path)
    assert time.monotonic() - started < 5
    assert sheet.rows == [["问题", "责任单位", "整改时限"], ["甲", "市民政局", "2024-12-31"]]


def test_a_size_the_sheet_claims_is_not_believed(tmp_path: Path) -> None:
    import time

    path = small_book(tmp_path / "百万行.xlsx")
    _patched(path, b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>')
    started = time.monotonic()
    sheet = files.read_sheet(path)  # what the sheet holds is read, not what it claims
    assert time.monotonic() - started < 5
    assert sheet.rows == [["问题", "责任单位", "整改时限"], ["甲", "市民政局", "2024-12-31"]]


def test_a_column_past_the_limit_is_refused(tmp_path: Path) -> None:
    from rectify.errors import FileError

    path = small_book(tmp_path / "宽.xlsx")
    _patched(
        path,
        b"</row></sheetData>",
        b'<c r="ZZ2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    with pytest.raises(FileError) as caught:
        files.read_sheet(path)
    assert caught.value.key == "import.too_big" and caught.value.params["columns"] == 702


def test_rows_past_the_limit_are_refused_while_streaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectify.errors import FileError

    monkeypatch.setattr(files, "MAX_ROWS", 50)
    rows: list[list[Value]] = [["问题", "责任单位", "整改时限"]]
    rows += [[f"问题{n}", "市民政局", "2024-12-31"] for n in range(60)]
    path = workbook(tmp_path / "多.xlsx", ("台账", rows))
    _patched(path, b'<dimension ref="A1:C61"/>', b"")  # no size given: counted as read
    with pytest.raises(FileError) as caught:
        files.read_sheet(path)
    assert caught.value.key == "import.too_big"
    csv_path = tmp_path / "多.csv"
    csv_path.write_text("\n".join(",".join(str(v) for v in row) for row in rows), encoding="utf-8")
    with pytest.raises(FileError) as caught:
        files.read_sheet(csv_path)
    assert caught.value.key == "import.too_big"


def test_a_csv_field_over_the_limit_is_a_sentence(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "长.csv"
    path.write_text(
        "问题,责任单位,整改时限\n" + "甲" * 200_000 + ",市民政局,2024-12-31\n", encoding="utf-8"
    )
    target = tmp_path / "smx.yaml"
    target.write_text(EMPTY, encoding="utf-8")
    shown = run("import", str(path), "-l", str(target), "--lang", "zh")
    assert shown.exit_code == 3
    assert f"{path}:2: 这一行有一个单元格超过 131072 个字符" in shown.stderr
    assert "Traceback" not in shown.stderr


def test_the_immediate_deadline_comes_from_the_config(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "rectify.toml").write_text("immediate_days = 3\n", encoding="utf-8")
    target = tmp_path / "smx.yaml"
    target.write_text(EMPTY, encoding="utf-8")
    path = workbook(
        tmp_path / "立改.xlsx",
        ("台账", [["问题", "责任单位", "整改时限"], ["甲", "市民政局", "立行立改"]]),
    )
    shown = run("import", str(path), "-l", str(target), "--assigned-on", "2024-07-10", cwd=tmp_path)
    assert shown.exit_code == 0, shown.stderr
    text = target.read_text(encoding="utf-8")
    assert "    track: immediate\n" in text and "    deadline: 2024-07-13\n" in text


def test_a_units_sign_off_of_a_closed_problem_is_no_conflict() -> None:
    signed = issue(
        "SMX-001",
        title="问题甲",
        lead_unit="市民政局",
        status="closed",
        completion=100,
        rectified_on=D(2024, 10, 1),
        verification={"by": "市人大常委会", "date": D(2024, 10, 20)},
    )
    table = Sheet(
        "x",
        [
            ["编号", "问题", "责任单位", "整改时限", "整改状态", "整改情况"],
            ["SMX-001", "问题甲", "市民政局", "2024-12-31", "已销号", None],
            [None, "问题乙", "市民政局", "2024-12-31", None, "已完成"],
        ],
    )
    result = planning.plan_import(
        table, ledger([signed]), as_of=AS_OF, assigned_on=HANDED_DOWN, update=True
    )
    assert [(m.issue_id, m.changes, m.conflict) for m in result.matched] == [("SMX-001", (), None)]
    assert result.ledger.issues[0].status is Status.CLOSED
    assert result.added[0].issue.status is Status.RECTIFIED  # 整改情况 = 已完成, no percentage


def test_a_csv_too_big_to_be_a_ledger_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectify.errors import FileError

    monkeypatch.setattr(files, "CSV_MAX_BYTES", 1 << 20)
    path = tmp_path / "大.csv"
    path.write_bytes(b"a,b,c\n" * 300_000)
    with pytest.raises(FileError) as caught:
        files.read_sheet(path)
    assert caught.value.message("zh").endswith(
        "超过 1 MB，不像一份整改台账：请只保留台账所在的表格后再导入"
    )
