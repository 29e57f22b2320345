"""Spreadsheet rows <-> issues (rectify.sheets), without files or the command line."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from conftest import issue_fields as issue
from rectify.errors import DataError, UsageError
from rectify.figures.state import Item, issue_state, items
from rectify.io.sheets import cells, describe, export, headers, rows
from rectify.io.sheets import plan as planning
from rectify.io.sheets.cells import Percent, Sheet, Value
from rectify.ledger.load import load_one
from rectify.model import Issue, Ledger, Source, Status, Track

D = dt.date
AS_OF = D(2024, 11, 30)
CITY = Path(__file__).resolve().parent.parent / "examples/sanmenxia/city-county/smx-city-2024.yaml"


def ledger(issues: list[dict[str, Any]] | None = None, **meta: Any) -> Ledger:
    header: dict[str, Any] = {
        "id": "smx-2024",
        "title": "问题清单",
        "assigned_on": D(2024, 7, 10),
        "id_prefix": "SMX",
        "supervisor": "市人大常委会",
    }
    header.update(meta)
    header = {k: v for k, v in header.items() if v is not None}
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": issues or []})


def city() -> Ledger:
    return load_one(CITY, as_of=AS_OF).ledger


def sheet(*rows: list[Value], name: str = "Sheet1") -> Sheet:
    return Sheet(name=name, rows=[list(row) for row in rows])


HEADER: list[Value] = ["序号", "问题", "责任单位", "整改时限", "完成情况", "完成进度"]


# --- export rows -----------------------------------------------------------------------------


def test_issue_record_as_of_today_and_a_past_date() -> None:
    pool = items([city()])
    smx3 = next(item for item in pool if item.issue.id == "SMX-003")
    now = export.issue_record(smx3, AS_OF)
    assert (now["deadline"], now["status"], now["completion"]) == (
        D(2025, 6, 30),
        "in_progress",
        74.4,
    )
    assert now["progress_date"] == D(2024, 11, 28)
    assert now["progress"].startswith("累计完成改造64个小区")
    assert now["co_units"] == ["市民政局", "市财政局"]
    assert now["assigned_on"] == D(2024, 7, 10)
    # On 30 September the deadline had not been extended yet, and 51.2 % was done.
    then = export.issue_record(smx3, D(2024, 9, 30))
    assert (then["deadline"], then["completion"], then["progress_date"]) == (
        D(2024, 12, 31),
        51.2,
        D(2024, 9, 30),
    )


def test_status_on_reads_the_dated_history() -> None:
    pool = items([city()])
    smx2 = next(
        item for item in pool if item.issue.id == "SMX-002"
    )  # rectified 09-27, closed 10-25
    assert issue_state(smx2, D(2024, 9, 1)).status is Status.IN_PROGRESS
    assert issue_state(smx2, D(2024, 10, 1)).status is Status.RECTIFIED
    assert issue_state(smx2, D(2024, 10, 25)).status is Status.CLOSED
    record = export.issue_record(smx2, D(2024, 10, 1))
    assert (record["verified_by"], record["rectified_on"]) == (None, D(2024, 9, 27))
    smx25 = next(item for item in pool if item.issue.id == "SMX-025")  # dismissed 08-16
    assert issue_state(smx25, D(2024, 8, 1)).status is not Status.DISMISSED
    assert export.issue_record(smx25, AS_OF)["reason"]


def test_issues_table_headers_in_both_languages_and_typed_cells() -> None:
    table = export.issues_table(items([city()]), AS_OF, "zh")
    assert table.header[:4] == ["编号", "台账", "问题", "问题描述"]
    assert "牵头单位" in table.header and "整改时限" in table.header
    assert table.header[export.COLUMNS.index("completion")] == "完成进度（%）"
    assert len(table.rows) == 25
    row = dict(zip(export.COLUMNS, table.rows[2], strict=True))
    assert row["id"] == "SMX-003"
    assert row["source"] == "上级交办"
    assert row["co_units"] == "市民政局、市财政局"
    assert row["completion"] == 74.4
    assert row["deadline"] == D(2025, 6, 30)
    assert row["overdue"] == "否"
    description = row["description"]
    assert isinstance(description, str) and not description.endswith("\n")
    english = export.issues_table(items([city()]), AS_OF, "en")
    assert english.header[6] == "Lead unit"
    assert dict(zip(export.COLUMNS, english.rows[2], strict=True))["status"] == "in progress"


def test_issue_not_yet_assigned_is_left_out() -> None:
    early = export.issues_table(items([city()]), D(2024, 7, 1), "zh")
    assert early.rows == []


def test_overdue_days() -> None:
    late = ledger([issue("SMX-001", deadline=D(2024, 11, 20))])
    row = dict(zip(export.COLUMNS, export.issue_rows(items([late]), AS_OF, "zh")[0], strict=True))
    assert (row["overdue"], row["days_overdue"]) == ("是", 10)


def test_rates_are_cut_toward_zero() -> None:
    assert export.percent_cell(Fraction(19, 26)) == Percent(0.73)
    assert export.percent_cell(Fraction(2, 3)) == Percent(0.666)
    assert export.percent_cell(Fraction(29, 100)) == Percent(0.29)
    assert export.percent_cell(None) is None
    assert export.tenths_cell(Fraction(223, 3)) == 74.3
    assert export.tenths_cell(Fraction(-7, 3)) == -2.3


def test_units_table_has_one_row_per_lead_unit_and_a_total() -> None:
    table = export.units_table(items([city()]), AS_OF, "zh")
    assert table.header[:5] == ["牵头单位", "问题数", "计入", "已整改", "整改完成率"]
    total = table.rows[-1]
    assert total[0] == "合计"
    issues, counted, rectified, rate = total[1], total[2], total[3], total[4]
    assert isinstance(counted, int) and isinstance(rectified, int)
    # 问题数 counts every issue, as `status --by unit` and the notice do; 计入 leaves out
    # the dismissed one (SMX-025)
    assert (issues, counted) == (25, 24)
    assert rate == export.percent_cell(Fraction(rectified, counted))
    assert sum(int(str(r[2])) for r in table.rows[:-1]) == counted
    civil = next(r for r in table.rows if r[0] == "市民政局")
    assert (civil[1], civil[2], civil[10]) == (15, 14, 1)  # the dismissed issue is 市民政局's


def test_months_table_runs_from_the_first_assignment_to_the_last_month_ended() -> None:
    pool = items([city()])
    table = export.months_table(pool, AS_OF, "zh")
    assert [r[0] for r in table.rows] == [f"2024年{m}月" for m in range(7, 12)]
    july = table.rows[0]
    assert july[1] == 25 and july[2] == 25  # all assigned in July
    assert july[7] is None  # no change for the first month
    mid_month = export.months_table(pool, D(2024, 11, 15), "en")
    assert [r[0] for r in mid_month.rows][-1] == "2024-10"
    assert mid_month.header[0] == "Month"


def test_export_json_gives_codes_and_exact_rates() -> None:
    from rectify.output.json import export_json

    data = export_json(AS_OF, *export.export_parts([city()], AS_OF))
    first = data["issues"][0]
    assert (first["id"], first["source"], first["status"]) == ("SMX-001", "province", "rectified")
    total = data["total"]
    rate = total["rectified_rate"]
    assert (rate["numerator"], rate["denominator"]) == (total["rectified"], total["counted"])
    assert rate["value"] == total["rectified"] / total["counted"]
    # The same shape as `status --format json`: one encoder for the figures.
    assert set(total) == set(data["units"][0]) - {"unit"}
    assert data["months"][0]["month"] == "2024-07" and "rectified_rate" in data["months"][0]


# --- headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("完 成 进 度（%）", "completion"),
        ("完成进度(%)", "completion"),
        ("责任单位", "lead_unit"),
        ("牵头单位", "lead_unit"),
        ("Lead unit", "lead_unit"),
        ("lead_unit", "lead_unit"),
        ("问题", "title"),
        ("问题描述", "description"),
        ("整改时限", "deadline"),
        ("完成时限", "deadline"),
        ("整改进展", "progress"),
        ("完成情况", "status"),
        ("整改状态", "status"),
        ("序号", "seq"),
        ("备注", "note"),
        ("配合单位", "co_units"),
        ("Completion (%)", "completion"),
        ("Signed off by", "verified_by"),
        ("整改\n时限", "deadline"),
    ],
)
def test_usual_headers_are_recognised(text: str, key: str) -> None:
    assert headers.header_words()[headers.normalise_header(text)] == key


def test_header_under_a_merged_title_row() -> None:
    title = "三门峡市养老服务问题整改台账"
    found = headers.find_header(
        sheet([title] * 6, ["填报单位：市民政局", None, None, None, None, None], HEADER)
    )
    assert found.row == 3
    assert found.keys == {
        0: "seq",
        1: "title",
        2: "lead_unit",
        3: "deadline",
        4: "status",
        5: "completion",
    }
    assert found.names[2] == "责任单位"


def test_two_row_header_under_a_merged_group() -> None:
    top: list[Value] = ["序号", "问题", "牵头单位", "整改时限", "整改情况", "整改情况", "整改情况"]
    below: list[Value] = [
        "序号",
        "问题",
        "牵头单位",
        "整改时限",
        "完成进度",
        "整改状态",
        "整改进展",
    ]
    found = headers.find_header(
        sheet(top, below, [1, "问题甲", "市民政局", "2024-12-31", 0.5, "整改中", "x"])
    )
    assert found.row == 2
    assert [found.keys[i] for i in (4, 5, 6)] == ["completion", "status", "progress"]
    assert found.names[4] == "完成进度"


def test_description_alone_serves_as_title_and_unknown_columns_are_listed() -> None:
    found = headers.find_header(sheet(["问题描述", "责任单位", "整改时限", "联系电话"]))
    assert found.keys[0] == "title"
    assert found.ignored == ["联系电话"]


def test_missing_required_column_names_it() -> None:
    with pytest.raises(DataError) as caught:
        headers.find_header(sheet(["序号", "问题", "责任单位", "备注"]))
    assert caught.value.key == "import.missing_columns"
    assert caught.value.params["keys"] == "deadline"


def test_no_header_at_all() -> None:
    with pytest.raises(DataError) as caught:
        headers.find_header(sheet(["a", "b"], [1, 2]))
    assert caught.value.key == "import.no_header"


def test_map_names_a_column() -> None:
    mapping = headers.parse_mapping(["责任处室=lead_unit", "完成日期=deadline", "联系人=ignore"])
    found = headers.find_header(sheet(["问题", "责任处室", "完成日期", "联系人"]), mapping)
    assert found.keys == {0: "title", 1: "lead_unit", 2: "deadline"}
    assert found.ignored == ["联系人"]
    with pytest.raises(UsageError):
        headers.parse_mapping(["责任处室=unit_lead"])
    with pytest.raises(UsageError):
        headers.parse_mapping(["责任处室"])


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2024, 12, 31), D(2024, 12, 31)),
        (dt.datetime(2024, 12, 31, 0, 0), D(2024, 12, 31)),
        (45657, D(2024, 12, 31)),
        (45657.0, D(2024, 12, 31)),
        ("45657", D(2024, 12, 31)),
        (20241231, D(2024, 12, 31)),
        ("2024.12.31", D(2024, 12, 31)),
        ("2024-12-31", D(2024, 12, 31)),
        ("2024/6/30", D(2024, 6, 30)),
        ("2024-06-30 00:00:00", D(2024, 6, 30)),
        ("2024年6月30日前", D(2024, 6, 30)),
        ("２０２４年１２月３１日", D(2024, 12, 31)),
        ("2024.12", D(2024, 12, 31)),
        ("2024年12月底", D(2024, 12, 31)),
        ("2024年11月底前完成", D(2024, 11, 30)),
        ("2024年12月中旬", D(2024, 12, 20)),
        ("12月底前", D(2024, 12, 31)),
        ("12月31日", D(2024, 12, 31)),
        ("3月底前", D(2025, 3, 31)),  # before the ledger was assigned: next year
        ("2024年底", D(2024, 12, 31)),
        ("年底前", D(2024, 12, 31)),
        ("今年年底前", D(2024, 12, 31)),
        ("2025年", D(2025, 12, 31)),
        ("2025年上半年", D(2025, 6, 30)),
        ("三季度", D(2024, 9, 30)),
        ("截至2024年9月30日", D(2024, 9, 30)),
    ],
)
def test_dates_as_offices_write_them(value: Value, expected: dt.date) -> None:
    assert cells.date_cell(value, year=2024, not_before=D(2024, 7, 10)) == expected


@pytest.mark.parametrize(
    "value", ["尽快", 2024, "2024", "年", "13月", "2024-02-30", Percent(0.5), "", None]
)
def test_not_dates(value: Value) -> None:
    with pytest.raises(ValueError):
        cells.date_cell(value, year=2024)


@pytest.mark.parametrize(
    ("value", "fractions", "expected"),
    [
        (Percent(0.744), False, 74.4),
        ("74.4%", False, 74.4),
        ("７４．４％", False, 74.4),
        (74.4, False, 74.4),
        ("74.4", False, 74.4),
        (100, False, 100.0),
        ("100%", False, 100.0),
        (0.744, True, 74.4),
        ("0.5", True, 50.0),
        (Percent(0.74349), False, 74.3),
        (74.45, False, 74.5),  # rounded half up, as the sheet shows it
        (Percent(1.0), False, 100.0),
    ],
)
def test_percentages(value: Value, fractions: bool, expected: float) -> None:
    assert cells.parse_completion(value, fractions=fractions) == expected


@pytest.mark.parametrize("value", ["105", -1, "abc", "完成", Percent(1.2), D(2024, 1, 1)])
def test_not_percentages(value: Value) -> None:
    with pytest.raises(ValueError):
        cells.parse_completion(value)


def test_fraction_column() -> None:
    assert cells.fraction_column([0.5, 1, 0, None, "0.25"])
    assert not cells.fraction_column([50, 100, 0])
    assert not cells.fraction_column([0, 1])  # no fraction: read as percent units
    assert not cells.fraction_column([Percent(0.5), "x"])


@pytest.mark.parametrize(
    ("word", "status", "track"),
    [
        ("已整改", Status.RECTIFIED, None),
        ("已完成", Status.RECTIFIED, None),
        ("整改中", Status.IN_PROGRESS, None),
        ("正在整改", Status.IN_PROGRESS, None),
        ("未整改", Status.OPEN, None),
        ("未启动", Status.OPEN, None),
        ("已销号", Status.CLOSED, None),
        ("长期整改", Status.IN_PROGRESS, Track.LONG_TERM),
        ("持续整改", Status.IN_PROGRESS, Track.LONG_TERM),
        ("阶段性完成", Status.IN_PROGRESS, None),
        ("不予整改", Status.DISMISSED, None),
        ("未完成", Status.OPEN, None),
        ("in progress", Status.IN_PROGRESS, None),
        ("closed (signed off)", Status.CLOSED, None),
        ("rectified", Status.RECTIFIED, None),
        ("已完成整改，长期坚持", Status.IN_PROGRESS, Track.LONG_TERM),
        ("已整改。", Status.RECTIFIED, None),
        (None, None, None),
    ],
)
def test_status_words(word: Value, status: Status | None, track: Track | None) -> None:
    assert cells.parse_status(word) == (status, track)


def test_unknown_status_word() -> None:
    with pytest.raises(ValueError):
        cells.parse_status("看情况")


def test_sources_tracks_and_units() -> None:
    assert cells.parse_source("省人大常委会交办") is Source.PROVINCE
    assert cells.parse_source("审议意见") is Source.DELIBERATION
    assert cells.parse_source("代表建议") is Source.DEPUTY
    assert cells.parse_source("调研检查发现") is Source.INSPECTION
    assert cells.parse_source("found in inspection") is Source.INSPECTION
    assert cells.parse_source("群众反映") is Source.OTHER
    assert cells.parse_track("立行立改") is Track.IMMEDIATE
    assert cells.parse_track("long-term") is Track.LONG_TERM
    assert cells.parse_track("限期整改") is Track.SCHEDULED
    assert cells.split_units("市民政局、市财政局，市医保局;市民政局") == [
        "市民政局",
        "市财政局",
        "市医保局",
    ]


# --- rows ----------------------------------------------------------------------------------------


def test_bad_row_lists_every_reason_with_the_column_as_written() -> None:
    read = rows.read_sheet_rows(
        sheet(HEADER, [1, "问题甲", None, "尽快", "看情况", "120%"]), year=2024
    )
    reasons = read.bad[2]
    texts = [r.text("zh") for r in reasons]
    assert "“完成情况”的“看情况”无法识别" in texts[0]
    assert "“完成进度”的“120%”不是 0 到 100 之间的百分数" in texts[1]
    assert "“整改时限”的“尽快”不是日期" in texts[2]
    assert texts[3] == "“责任单位”为空"
    assert reasons[3].text("en") == "责任单位 is empty"


def test_headings_totals_and_blank_rows_are_passed_over() -> None:
    read = rows.read_sheet_rows(
        sheet(
            HEADER,
            ["一、省交办问题"] * 6,
            [None] * 6,
            [1, "问题甲", "市民政局", "2024-12-31", "整改中", "50%"],
            [None, "二、调研发现问题", None, None, None, None],
            ["合计", None, None, None, None, "50%"],
            ["", "  ", None, None, None, None],
            ["填表人：张某", None, None, "审核人：李某", None, None],
        ),
        year=2024,
    )
    assert [r.row for r in read.rows] == [4]
    assert [(s.row, s.text) for s in read.skipped] == [
        (2, "一、省交办问题"),
        (5, "二、调研发现问题"),
        (6, "合计"),
        (8, "填表人：张某 审核人：李某"),
    ]
    assert read.bad == {}


# --- planning an import ------------------------------------------------------------------------


HANDED_DOWN = D(2024, 7, 10)  # the ledger's date, given as --assigned-on


def plan(
    rows: list[list[Value]], target: Ledger | None = None, **options: Any
) -> planning.ImportPlan:
    """Plan an import on AS_OF of an office's existing list, handed down with the ledger."""
    options.setdefault("assigned_on", HANDED_DOWN)
    return planning.plan_import(sheet(*rows), target or ledger(), as_of=AS_OF, **options)


def test_new_rows_are_numbered_after_the_highest_id() -> None:
    target = ledger([issue("SMX-007"), issue("SMX-002", title="别的问题")])
    result = plan(
        [
            HEADER,
            [1, "问题甲", "市民政局", "2024-12-31", "", ""],
            [2, "问题乙", "市财政局", "2025.6.30", "", ""],
        ],
        target,
    )
    assert [a.issue.id for a in result.added] == ["SMX-008", "SMX-009"]
    assert [i.id for i in result.ledger.issues][-2:] == ["SMX-008", "SMX-009"]
    first = result.added[0].issue
    assert (first.status, first.completion, first.track, first.source) == (
        Status.OPEN,
        0,
        Track.SCHEDULED,
        Source.OTHER,
    )
    assert first.assigned_on == HANDED_DOWN  # written, never left to the ledger's date
    assert "source" not in first.model_fields_set


def test_sheet_ids_are_kept_and_others_numbered_past_them() -> None:
    rows: list[list[Value]] = [
        ["编号", "问题", "牵头单位", "整改时限"],
        [None, "问题甲", "市民政局", "2024-12-31"],
        ["SMX-010", "问题乙", "市民政局", "2024-12-31"],
        ["3", "问题丙", "市民政局", "2024-12-31"],  # a bare number is a row number, not an id
    ]
    result = plan(rows)
    assert [(a.row, a.issue.id) for a in result.added] == [
        (2, "SMX-011"),
        (3, "SMX-010"),
        (4, "SMX-012"),
    ]


def test_status_completion_and_defaults_of_new_rows() -> None:
    rows: list[list[Value]] = [
        [*HEADER, "整改进展", "进展日期"],
        [1, "已整改无日期", "市民政局", "2024-10-31", "已整改", None, "已完成", None],
        [2, "已销号", "市民政局", "2024-10-31", "已销号", "100%", None, "2024-10-20"],
        [3, "长期", "市民政局", "长期坚持", "持续整改", "30", "推进中", None],
        [4, "无状态满进度", "市民政局", "2024-12-31", None, 100, None, None],
        [5, "阶段性", "市民政局", "2024-12-31", "阶段性完成", Percent(0.6), None, None],
        [6, "未整改却有进度", "市民政局", "2024-12-31", "未整改", "30%", None, None],
    ]
    result = plan(rows)
    assert result.bad == {}
    done, closed, long_term, full, staged, started = (a.issue for a in result.added)
    assert (started.status, started.completion) == (Status.IN_PROGRESS, 30)
    assert (done.status, done.completion, done.rectified_on) == (Status.RECTIFIED, 100, AS_OF)
    assert [(p.date, p.completion, p.note) for p in done.progress] == [(AS_OF, 100, "已完成")]
    # a unit's own 已销号 is its claim: rectified, never a sign-off made up for the supervisor
    assert closed.status is Status.RECTIFIED and closed.rectified_on == D(2024, 10, 20)
    assert closed.verification is None
    assert (long_term.track, long_term.deadline, long_term.status) == (
        Track.LONG_TERM,
        D(2024, 12, 31),
        Status.IN_PROGRESS,
    )
    assert [(p.date, p.completion) for p in long_term.progress] == [(AS_OF, 30)]
    assert full.status is Status.RECTIFIED
    assert (staged.status, staged.completion) == (Status.IN_PROGRESS, 60)  # a 0.6 shown as 60%
    defaults = {(d.field, d.value, d.row) for d in result.defaults}
    assert defaults == {
        ("rectified_on", "2024-11-30", 2),
        ("progress_date", "2024-11-30", 4),
        ("rectified_on", "2024-10-20", 3),  # the progress date
        ("claimed", "", 3),
        ("long_term_deadline", "2024-12-31", 4),
        ("rectified_on", "2024-11-30", 5),
    }
    assert planning.ledger_problems(result.ledger, as_of=AS_OF) == []
    lines = describe.describe_plan(result, "zh", update=False)
    assert "2 行没有“整改完成日期”，按 2024-11-30 记（第 2、5 行）" in lines
    assert (
        "1 行的“整改时限”是长期坚持一类的说法，记为持续推进，时限按 2024-12-31（第 4 行）" in lines
    )


def test_rows_that_contradict_themselves_or_the_rules_are_bad() -> None:
    rows: list[list[Value]] = [
        [*HEADER, "交办日期"],
        [1, "已整改但80", "市民政局", "2024-12-31", "已整改", "80%", None],
        [2, "早于交办", "市民政局", "2024-05-31", "整改中", "10%", None],
        [3, "好的", "市民政局", "2024-12-31", "整改中", "10%", None],
        [4, "不予整改", "市民政局", "2024-12-31", "不予整改", None, None],
        [5, "晚交办", "市民政局", "2024-12-31", "已整改", None, "2024-12-01"],
    ]
    result = plan(rows)
    assert sorted(result.bad) == [2, 3, 5, 6]
    assert result.bad[2][0].text("zh") == "状态为已整改，但完成进度是 80%"
    assert result.bad[2][0].text("en") == "the status is rectified but the completion is 80%"
    assert result.bad[3][0].key == "R313"
    assert "2024-05-31" in result.bad[3][0].text("zh")
    assert result.bad[5][0].key == "import.dismissed_without_reason"
    assert result.bad[6][0].key == "R307"  # rectified (today) before it was assigned
    assert [a.row for a in result.added] == [4]
    assert [i.title for i in result.ledger.issues] == ["好的"]


def test_a_repeat_of_a_bad_row_is_bad_too() -> None:
    row: list[Value] = [1, "问题甲", "市民政局", "2024-05-31", "整改中", "10%"]
    result = plan([HEADER, row, row])
    assert [r.key for r in result.bad[2]] == ["R313"]
    assert result.bad[3][0].text("zh") == "与第 2 行相同，而第 2 行无法读取"
    assert result.added == [] and result.matched == []


def test_closed_row_without_a_signer_anywhere() -> None:
    header = [*HEADER, "销号日期"]
    result = plan(
        [header, [1, "已销号", "市民政局", "2024-10-31", "已销号", None, "2024-11-02"]],
        ledger(supervisor=None),
    )
    assert result.bad[2][0].key == "import.closed_without_by"


def test_matching_by_id_and_by_title_and_unit() -> None:
    target = ledger(
        [issue("SMX-001"), issue("SMX-002", title="养老机构消防隐患", lead_unit="市民政局")]
    )
    rows: list[list[Value]] = [
        ["编号", "问题", "牵头单位", "整改时限"],
        ["SMX-001", "标题改了", "市住建局", "2024-12-31"],
        [None, " 养老机构消防隐患 ", "市民政局", "2024-12-31"],
        [None, "养老机构消防隐患", "市财政局", "2024-12-31"],  # another unit: a new issue
        [None, "养老机构消防隐患", "市财政局", "2024-12-31"],  # the same row again
    ]
    result = plan(rows, target)
    assert [(m.row, m.issue_id, m.by, m.earlier_row) for m in result.matched] == [
        (2, "SMX-001", "id", None),
        (3, "SMX-002", "title", None),
        (5, "SMX-003", "title", 4),
    ]
    assert result.matched[0].changes == ("title",)
    assert not result.matched[0].updated
    assert [a.issue.id for a in result.added] == ["SMX-003"]
    assert result.ledger.issues[0].title == "老旧小区适老化改造推进缓慢"  # not updated


def test_reimporting_the_same_rows_adds_nothing() -> None:
    rows: list[list[Value]] = [
        [*HEADER, "整改进展"],
        [1, "问题甲", "市民政局", "2024-12-31", "整改中", "40%", "完成40%"],
    ]
    first = plan(rows)
    again = plan(rows, first.ledger)
    assert again.added == [] and not again.changed
    assert [(m.row, m.issue_id, m.changes) for m in again.matched] == [(2, "SMX-001", ())]
    assert again.ledger == first.ledger


def test_update_records_progress_through_the_history() -> None:
    target = ledger(
        [
            issue(
                "SMX-001",
                status="in_progress",
                completion=40,
                progress=[{"date": D(2024, 9, 30), "completion": 40, "note": "九月"}],
            ),
            issue("SMX-002", title="乙", status="in_progress", completion=40),
            issue("SMX-003", title="丙", status="in_progress", completion=90),
            issue(
                "SMX-004",
                title="丁",
                status="rectified",
                completion=100,
                rectified_on=D(2024, 10, 1),
            ),
        ]
    )
    rows: list[list[Value]] = [
        [
            "编号",
            "问题",
            "牵头单位",
            "整改时限",
            "整改状态",
            "完成进度",
            "整改进展",
            "进展日期",
            "责任人",
        ],
        [
            "SMX-001",
            "老旧小区适老化改造推进缓慢",
            "市住建局",
            "2024-12-31",
            "整改中",
            "60%",
            "十月",
            "2024-10-31",
            "张某",
        ],
        ["SMX-002", "乙", "市住建局", "2025-03-31", "整改中", "40%", None, None, None],
        ["SMX-003", "丙", "市住建局", "2024-12-31", "已整改", None, "完成", "2024-11-20", None],
        ["SMX-004", "丁", "市住建局", "2024-12-31", "整改中", "50%", None, None, None],
    ]
    result = plan(rows, target, update=True, reason="按表格调整")
    one, two, three, four = result.ledger.issues
    assert [(p.date, p.completion, p.note) for p in one.progress] == [
        (D(2024, 9, 30), 40, "九月"),
        (D(2024, 10, 31), 60, "十月"),
    ]
    assert (one.completion, one.owner) == (60, "张某")
    assert [(c.date, c.from_, c.to, c.reason) for c in two.deadline_changes] == [
        (AS_OF, D(2024, 12, 31), D(2025, 3, 31), "按表格调整")
    ]
    assert (three.status, three.rectified_on, three.completion) == (
        Status.RECTIFIED,
        D(2024, 11, 20),
        100,
    )
    assert four.status is Status.RECTIFIED  # the sheet is behind: left alone
    changes = {m.issue_id: m.changes for m in result.matched}
    assert changes == {
        "SMX-001": ("owner", "completion", "progress"),
        "SMX-002": ("deadline",),
        "SMX-003": ("status",),
        "SMX-004": (),
    }
    conflict = result.matched[3].conflict
    assert conflict is not None and conflict.text("zh").startswith("表格为“整改中”，台账为“已整改”")
    assert [m.issue_id for m in result.updated] == ["SMX-001", "SMX-002", "SMX-003"]
    assert planning.ledger_problems(result.ledger, as_of=AS_OF) == []
    # the same sheet again changes nothing more
    again = plan(rows, result.ledger, update=True, reason="按表格调整")
    assert not again.changed


def test_update_from_an_older_sheet_changes_nothing() -> None:
    target = ledger(
        [
            issue(
                "SMX-001",
                status="in_progress",
                completion=60,
                progress=[{"date": D(2024, 10, 31), "completion": 60}],
            )
        ]
    )
    rows: list[list[Value]] = [
        ["编号", "问题", "牵头单位", "整改时限", "完成进度", "进展日期"],
        ["SMX-001", "老旧小区适老化改造推进缓慢", "市住建局", "2024-12-31", "40%", "2024-09-30"],
    ]
    result = plan(rows, target, update=True)
    assert not result.changed
    conflict = result.matched[0].conflict
    assert conflict is not None and conflict.key == "import.sheet_older"


def test_unknown_units_are_bad_rows_when_units_are_listed() -> None:
    rows: list[list[Value]] = [
        ["问题", "牵头单位", "配合单位", "整改时限"],
        ["问题甲", "市住建局", "市民政厅", "2024-12-31"],
    ]
    result = plan(rows, units=["市住建局", "市民政局"])
    assert result.bad[2][0].text("zh").startswith("单位名录中没有 市民政厅，是不是 市民政局？")
    assert plan(rows).bad == {}
    # An update may keep units that predate the list, but not bring in new ones.
    target = ledger([issue("SMX-001", lead_unit="市住房城乡建设局")])
    update: list[list[Value]] = [
        ["编号", "问题", "牵头单位", "配合单位", "整改时限", "责任人"],
        ["SMX-001", "老旧小区适老化改造推进缓慢", "市住房城乡建设局", None, "2024-12-31", "王某"],
        [
            "SMX-001",
            "老旧小区适老化改造推进缓慢",
            "市住房城乡建设局",
            "市民政厅",
            "2024-12-31",
            None,
        ],
    ]
    known = ["市住建局", "市民政局"]
    first = plan(update[:2], target, update=True, units=known)
    assert first.bad == {} and first.ledger.issues[0].owner == "王某"
    second = plan([update[0], update[2]], target, update=True, units=known)
    assert second.bad[2][0].key == "import.unknown_unit.suggest"
    assert second.ledger.issues[0].co_units == []


def test_describe_plan_lines() -> None:
    target = ledger([issue("SMX-001")])
    rows: list[list[Value]] = [
        ["汇总表"] * 5,
        ["序号", "问题", "责任单位", "整改时限", "联系电话"],
        [1, "老旧小区适老化改造推进缓慢", "市住建局", "2025-06-30", None],
        [2, "问题甲", "市民政局", "2024-12-31", "123"],
        [3, "问题乙", "市民政局", "尽快", None],
    ]
    result = plan(rows, target)
    lines = describe.describe_plan(result, "zh", update=False)
    assert lines == [
        "工作表“Sheet1”：表头在第 2 行，认出 4 列",
        "未导入的列：联系电话",
        "没有交办日期的新问题记为 2024-07-10 交办（--assigned-on）",
        "表头没有填报日期，表中报告的进展和整改记为导入之日 2024-11-30（可用 --as-of 指定）",
        "新增 1 个问题：",
        "  第 4 行 → SMX-002 问题甲（市民政局，时限 2024-12-31，未整改，0%）",
        "与已有问题相同的行（未更新；加 --update 可按表格更新）：",
        "  第 3 行 = SMX-001，表格中不同：整改时限",
        "无法读取的行（1 行）：",
        "  第 5 行：“整改时限”的“尽快”不是日期"
        "（可写 2024-12-31、2024.12.31、2024年12月底、12月底前）",
    ]
    assert describe.summary(result, "en", dry_run=True) == (
        "dry run, nothing written: 1 to add, 1 matching row(s) (0 to update), 1 unreadable"
    )


# --- round trip ----------------------------------------------------------------------------------

ROUND_TRIP_FIELDS = (
    "id", "title", "source", "track", "lead_unit", "co_units", "owner", "deadline", "planned_on",
    "measures", "status", "completion", "rectified_on", "reason", "dismissed_on",
)  # fmt: skip


def same_issue(original: Item, back: Issue) -> None:
    """An issue read back from its export: every field a sheet carries is the same."""
    before = original.issue
    for name in ROUND_TRIP_FIELDS:
        assert getattr(back, name) == getattr(before, name), (before.id, name)
    assert (back.description or "").strip() == (before.description or "").strip()
    assert (back.assigned_on or original.ledger.ledger.assigned_on) == original.assigned_on
    signed, back_signed = before.verification, back.verification
    got = (back_signed.by, back_signed.date) if back_signed else None
    assert got == ((signed.by, signed.date) if signed else None)
    if before.progress:
        assert (back.progress[-1].date, back.progress[-1].note) == (
            before.progress[-1].date,
            before.progress[-1].note,
        )
    assert back.extensions.get("x-note") == before.extensions.get("x-note")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_rows_read_back_as_the_same_issues(lang: str) -> None:
    original = city()
    table = export.issues_table(items([original]), AS_OF, "zh" if lang == "zh" else "en")
    empty = original.model_copy(update={"issues": []})
    result = planning.plan_import(Sheet("x", [list(table.header), *table.rows]), empty, as_of=AS_OF)
    assert result.bad == {}
    assert len(result.added) == 25
    for item, back in zip(items([original]), result.ledger.issues, strict=True):
        same_issue(item, back)
    again = planning.plan_import(
        Sheet("x", [list(table.header), *table.rows]), result.ledger, as_of=AS_OF
    )
    assert again.added == [] and len(again.matched) == 25
    assert all(m.changes == () for m in again.matched)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("民生实事整改进展表（截至2024年11月30日）", D(2024, 11, 30)),
        ("填报日期：2024.11.30", D(2024, 11, 30)),
        ("截止 2024 年 10 月底", D(2024, 10, 31)),
        ("As of 2024-09-30", D(2024, 9, 30)),
        ("2024年整改进展表", None),  # a year is no date
        ("截至目前", None),
    ],
)
def test_the_sheet_date_is_read_from_its_title_rows(title: str, expected: dt.date | None) -> None:
    table = sheet([title], ["问题", "牵头单位", "整改时限"], ["问题甲", "市民政局", "2024-12-31"])
    found = headers.sheet_date(table, headers.find_header(table))
    assert (found.date if found else None) == expected


def test_progress_is_dated_by_the_sheet_and_new_problems_today() -> None:
    rows: list[list[Value]] = [
        ["填报日期：2024年11月20日"],
        [*HEADER, "整改进展"],
        [1, "问题甲", "市民政局", "2025-06-30", "整改中", "40%", "已完成四成"],
    ]
    result = planning.plan_import(sheet(*rows), ledger(), as_of=AS_OF)  # no --assigned-on
    (added,) = (a.issue for a in result.added)
    # assigned on the day of the import (30 November): its progress cannot be older
    assert added.assigned_on == AS_OF
    assert [(p.date, p.completion) for p in added.progress] == [(AS_OF, 40)]
    assert (result.reported_on, result.reported_from) == (D(2024, 11, 20), "sheet")
    given = planning.plan_import(sheet(*rows), ledger(), as_of=AS_OF, assigned_on=HANDED_DOWN)
    (early,) = (a.issue for a in given.added)
    assert early.assigned_on == HANDED_DOWN
    assert [p.date for p in early.progress] == [D(2024, 11, 20)]  # the sheet's own date
