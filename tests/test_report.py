"""Figures in words, tables and the monthly report (rectify.report), and `rectify report`."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from conftest import ROOT, Golden, RunCli
from rectify.dates import month_end
from rectify.figures.facts import facts_of
from rectify.figures.months import (
    default_range,
    month_of,
    month_to_date,
    monthly_series,
    progress_rows,
)
from rectify.figures.state import Item, items
from rectify.figures.tally import Group, GroupBy, figures, group_figures
from rectify.figures.view import StatusView, WarningCounts, ledger_tree, status_view, tree_order
from rectify.figures.warnings import LEVELS
from rectify.i18n import Lang
from rectify.model import Ledger
from rectify.output.json import status_json
from rectify.output.markdown import status_markdown
from rectify.output.monthly import (
    LedgerFile,
    Provenance,
    ageing,
    content_hash,
    latest_progress,
    league,
    monthly_report,
)
from rectify.output.words import headline, ratio, remaining_summary, signed_points
from rectify.text import md_escape, plain
from test_metrics_properties import PROPERTY_SETTINGS, SPAN, day, rollups, truncate

D = dt.date


def view(
    pool: list[Item],
    as_of: dt.date,
    by: GroupBy = "unit",
    *,
    due_soon_days: int = 14,
    margin: int = 20,
) -> StatusView:
    """The status figures of the pool, as `rectify status` works them out."""
    found = facts_of(pool, as_of, due_soon_days=due_soon_days, margin=margin)
    return status_view(found, as_of, by, due_soon_days=due_soon_days)


def ledger(ledger_id: str, issues: list[dict[str, Any]], **meta: Any) -> Ledger:
    """A ledger built through the pydantic model, with defaults for the required keys."""
    header = {"id": ledger_id, "title": f"台账 {ledger_id}", "assigned_on": "2024-07-10", **meta}
    full = [
        {"title": f"问题 {spec['id']}", "lead_unit": "市住建局", "deadline": "2024-12-31", **spec}
        for spec in issues
    ]
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": full})


def done(issue_id: str, on: str, **extra: Any) -> dict[str, Any]:
    """A rectified issue."""
    return {"id": issue_id, "status": "rectified", "completion": 100, "rectified_on": on, **extra}


def working(issue_id: str, completion: float, **extra: Any) -> dict[str, Any]:
    """An issue in progress."""
    return {"id": issue_id, "status": "in_progress", "completion": completion, **extra}


# The province's three: two rectified (one of them closed), the third 74.4 % with its
# deadline moved from 2024-12-31 to 2025-06-30 on 2024-11-20.
PROVINCE = ledger(
    "hn-2024",
    [
        done("HN-001", "2024-10-28", lead_unit="市自然资源和规划局", deadline="2024-10-31"),
        done(
            "HN-002",
            "2024-09-27",
            status="closed",
            lead_unit="市民政局",
            deadline="2024-09-30",
            verification={"by": "省人大社会建设委员会", "date": "2024-10-25"},
        ),
        working(
            "HN-003",
            74.4,
            title="老旧小区适老化改造",
            deadline="2025-06-30",
            planned_on="2025-06-30",
            progress=[
                {"date": "2024-10-31", "completion": 66.3, "note": "累计完成改造57个小区"},
                {"date": "2024-11-28", "completion": 74.4, "note": "累计完成改造64个小区"},
            ],
            deadline_changes=[
                {
                    "date": "2024-11-20",
                    "from": "2024-12-31",
                    "to": "2025-06-30",
                    "reason": "冬季停工",
                }
            ],
        ),
    ],
    assigned_on="2024-06-28",
)

# One dismissed on 2024-08-16, one rectified in November, one overdue since 2024-11-15,
# one due on 2024-12-10, one long-term with progress notes.
CITY = ledger(
    "city",
    [
        done("C-1", "2024-08-20", track="immediate", lead_unit="市民政局"),
        done("C-2", "2024-11-12", lead_unit="市民政局", deadline="2024-11-30"),
        working("C-3", 82, lead_unit="市民政局", deadline="2024-11-15"),
        working("C-4", 85, lead_unit="市卫健委", deadline="2024-12-10"),
        working(
            "C-5",
            35,
            track="long_term",
            lead_unit="市医保局",
            deadline="2026-06-30",
            progress=[
                {"date": "2024-09-30", "completion": 20, "note": "完成调研"},
                {"date": "2024-11-29", "completion": 35, "note": "研究报告报市政府"},
            ],
        ),
        {
            "id": "C-6",
            "status": "dismissed",
            "lead_unit": "市财政局",
            "reason": "不属于本级事权",
            "dismissed_on": "2024-08-16",
        },
    ],
)

EMPTY = ledger("empty", [])


def files_of(*ledgers: Ledger) -> list[LedgerFile]:
    return [
        LedgerFile(led, f"ledgers/{led.ledger.id}.yaml", content_hash(led.ledger.id.encode()))
        for led in ledgers
    ]


# --- small words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "text"),
    [(2, 3, "66.6% (2/3)"), (30, 41, "73.1% (30/41)"), (29, 100, "29.0% (29/100)"),
     (19, 26, "73.0% (19/26)"), (0, 0, "— (0/0)"), (1, 1, "100.0% (1/1)")],
)  # fmt: skip
def test_ratio_cuts_toward_zero_and_shows_the_denominator(
    numerator: int, denominator: int, text: str
) -> None:
    assert ratio(numerator, denominator) == text


def test_signed_points() -> None:
    assert signed_points(Fraction(600, 41)) == "+14.6"
    assert signed_points(Fraction(-23, 10)) == "-2.3"
    assert signed_points(Fraction(0)) == "0.0"
    assert signed_points(Fraction(1, 100)) == "0.0"  # cut to 0.0: no sign on nothing
    assert signed_points(None) == "—"


def test_plain_and_markdown_escape_of_user_text() -> None:
    assert plain("第一行\r\n  第二行\t末尾") == "第一行 第二行 末尾"
    assert plain("red\x1b[31mx\x07\u202e") == "red[31mx"
    assert md_escape("a | b") == r"a \| b"
    assert md_escape("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert md_escape("*粗* _斜_ `码` [链](x) ~~删~~ &amp; $x$") == (
        r"\*粗\* \_斜\_ \`码\` \[链\](x) \~\~删\~\~ \&amp; \$x\$"
    )
    assert md_escape("行一\n行二") == "行一 行二"


def test_content_hash_is_sha256_of_the_bytes() -> None:
    assert content_hash(b"") == ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


# --- status: headline and summary ------------------------------------------------------------


def test_headline_of_the_province_two_of_three() -> None:
    figs = figures(items([PROVINCE]), D(2024, 11, 30))
    assert headline(figs, "en") == (
        "3 problems · 2 rectified · rectified rate 66.6% (2/3) · 1 closed · 0 overdue"
    )
    assert headline(figs, "zh") == (
        "3 个问题 · 已整改 2 个 · 整改完成率 66.6%（2/3）· 已销号 1 个 · 逾期 0 个"
    )


def test_headline_leaves_a_dismissed_issue_out_of_the_denominator() -> None:
    figs = figures(items([CITY]), D(2024, 11, 30))
    assert headline(figs, "zh") == (
        "6 个问题 · 计入 5 个 · 已整改 2 个 · 整改完成率 40.0%（2/5，1 个不予整改不计入）"
        "· 已销号 0 个 · 逾期 1 个"
    )
    assert headline(figs, "en") == (
        "6 problems · 5 counted · 2 rectified · rectified rate 40.0% (2/5, 1 dismissed not "
        "counted) · 0 closed · 1 overdue"
    )


def test_before_its_dismissal_the_issue_is_counted() -> None:
    figs = figures(items([CITY]), D(2024, 7, 31))
    assert headline(figs, "en") == (
        "6 problems · 0 rectified · rectified rate 0.0% (0/6) · 0 closed · 0 overdue"
    )


def test_empty_ledger_says_no_problems_yet_and_never_divides_by_zero() -> None:
    figs = figures(items([EMPTY]), D(2024, 11, 30))
    assert headline(figs, "en") == "no problems yet"
    assert headline(figs, "zh") == "暂无问题"
    assert remaining_summary(view(items([EMPTY]), D(2024, 11, 30)), "en") is None
    data = status_json(figs, [], "unit")
    assert data["rectified_rate"] == {
        "numerator": 0,
        "denominator": 0,
        "value": None,
        "text": "—",
    }
    assert data["mean_completion"] is None
    assert status_markdown(view(items([EMPTY]), D(2024, 11, 30), "unit"), "zh") == "暂无问题\n"


def test_before_anything_was_assigned_there_are_no_problems_yet() -> None:
    figs = figures(items([PROVINCE]), D(2024, 6, 1))
    assert headline(figs, "en") == "no problems yet"


def test_only_dismissed_issues_give_no_rate_but_a_headline() -> None:
    only = ledger(
        "d", [{"id": "X", "status": "dismissed", "reason": "r", "dismissed_on": "2024-08-01"}]
    )
    figs = figures(items([only]), D(2024, 11, 30))
    assert headline(figs, "en") == (
        "1 problem · 0 counted · 0 rectified · rectified rate — (0/0, 1 dismissed not counted) "
        "· 0 closed · 0 overdue"
    )
    assert remaining_summary(view(items([only]), D(2024, 11, 30)), "en") is None


def test_summary_names_the_last_problem_with_its_completion_and_plan() -> None:
    pool = items([PROVINCE])
    assert remaining_summary(view(pool, D(2024, 11, 30)), "en") == (
        "3 problems, 2 rectified (66.6%); HN-003 老旧小区适老化改造 74.4% complete, "
        "planned 2025-06-30"
    )
    assert remaining_summary(view(pool, D(2024, 11, 30)), "zh") == (
        "3 个问题，已整改 2 个（66.6%）；"
        "HN-003 老旧小区适老化改造：完成 74.4%，计划 2025-06-30 完成"
    )


def test_summary_reads_completion_and_deadline_of_a_past_date() -> None:
    unplanned = ledger(
        "u",
        [
            done("A", "2024-08-01"),
            working(
                "B",
                60,
                deadline="2025-03-31",
                progress=[
                    {"date": "2024-09-30", "completion": 40},
                    {"date": "2024-11-30", "completion": 60},
                ],
                deadline_changes=[{"date": "2024-11-01", "from": "2024-10-15", "to": "2025-03-31"}],
            ),
        ],
    )
    # on 2024-10-31 the deadline in force was still 2024-10-15: 16 days overdue, 40 % done
    assert remaining_summary(view(items([unplanned]), D(2024, 10, 31)), "en") == (
        "2 problems, 1 rectified (50.0%); B 问题 B 40.0% complete, deadline 2024-10-15, "
        "16 days overdue"
    )
    assert remaining_summary(view(items([unplanned]), D(2024, 11, 30)), "en") == (
        "2 problems, 1 rectified (50.0%); B 问题 B 60.0% complete, deadline 2025-03-31"
    )


def test_summary_only_when_few_are_left() -> None:
    many = ledger("m", [working(f"M-{n}", 10) for n in range(4)])
    assert remaining_summary(view(items([many]), D(2024, 11, 30)), "en") is None
    assert remaining_summary(view(items([many]), D(2024, 11, 30)), "en", limit=4) is not None
    all_done = ledger("a", [done("A", "2024-08-01"), done("B", "2024-09-01")])
    assert remaining_summary(view(items([all_done]), D(2024, 11, 30)), "en") == (
        "2 problems, all rectified (100.0%)"
    )


# --- status: tables and JSON ------------------------------------------------------------------


def test_status_json_keys_and_exact_fractions() -> None:
    pool = items([CITY])
    as_of = D(2024, 11, 30)
    data = status_json(figures(pool, as_of), group_figures(pool, as_of, "unit"), "unit")
    keys = [
        "total",
        "counted",
        "open",
        "in_progress",
        "rectified",
        "closed",
        "dismissed",
        "overdue",
        "due_soon",
        "rectified_rate",
        "closed_rate",
        "mean_completion",
        "on_time_rate",
        "extensions",
    ]
    assert list(data) == ["as_of", *keys, "groups"]
    assert data["as_of"] == "2024-11-30"
    assert (data["total"], data["counted"], data["dismissed"], data["overdue"]) == (6, 5, 1, 1)
    assert data["due_soon"] == 1
    assert data["rectified_rate"] == {
        "numerator": 2,
        "denominator": 5,
        "value": 0.4,
        "text": "40.0%",
    }
    # (100 + 100 + 82 + 85 + 35) / 5 = 80.4
    assert data["mean_completion"] == {
        "numerator": 402,
        "denominator": 5,
        "value": 80.4,
        "text": "80.4%",
    }
    assert [group["key"] for group in data["groups"]] == [
        "市医保局",
        "市卫健委",
        "市民政局",
        "市财政局",
    ]
    assert all(list(group) == ["key", *keys] for group in data["groups"])
    civil = data["groups"][2]
    assert civil["rectified_rate"]["numerator"] == 2 and civil["rectified_rate"]["denominator"] == 3
    assert civil["on_time_rate"] == {
        "numerator": 2,
        "denominator": 2,
        "value": 1.0,
        "text": "100.0%",
    }


def test_status_json_by_ledger_names_the_parent() -> None:
    county = ledger("county", [done("X", "2024-09-01")], parent="city")
    pool = items([CITY, county])
    as_of = D(2024, 11, 30)
    data = status_json(figures(pool, as_of), group_figures(pool, as_of, "ledger"), "ledger")
    assert [(g["key"], g["parent"]) for g in data["groups"]] == [("city", None), ("county", "city")]
    assert data["rectified_rate"]["numerator"] == 3 and data["rectified_rate"]["denominator"] == 6


def test_ledger_tree_nests_children_under_parents() -> None:
    def group(key: str, parent: str | None) -> Group:
        return Group(key, figures([], D(2024, 1, 1)), parent)

    groups = [group("a-city", None), group("b-county", "a-city"), group("c-town", "b-county"),
              group("d-county", "a-city"), group("e-alone", "not-rolled-up")]  # fmt: skip
    assert [(prefix + g.key) for prefix, g in ledger_tree(groups)] == [
        "a-city",
        "├─ b-county",
        "│  └─ c-town",
        "└─ d-county",
        "e-alone",
    ]


def test_tree_order_keeps_ledgers_caught_in_a_cycle() -> None:
    order = tree_order([("a", "b"), ("b", "a"), ("c", None)])
    assert sorted(index for _, index in order) == [0, 1, 2]


def test_status_markdown_table_has_a_total_row_and_denominators() -> None:
    text = status_markdown(view(items([CITY]), D(2024, 11, 30), "unit"), "en")
    lines = text.splitlines()
    assert lines[0] == (
        "**6 problems · 5 counted · 2 rectified · rectified rate 40.0% (2/5, 1 dismissed not "
        "counted) · 0 closed · 1 overdue · warnings: 1 red, 0 yellow, 1 blue**"
    )
    assert (
        "| 市民政局 | 3 | 66.6% (2/3) | 0.0% (0/3) | 1 | 0 | 1/0/0 | 100.0% (2/2) | 0 | 94.0% |"
    ) in lines
    assert (
        "| 市卫健委 | 1 | 0.0% (0/1) | 0.0% (0/1) | 0 | 1 | 0/0/1 | — (0/0) | 0 | 85.0% |" in lines
    )
    assert (
        "| **All** | 6 | 40.0% (2/5) | 0.0% (0/5) | 1 | 1 | 1/0/1 | 100.0% (2/2) | 0 | 80.4% |"
    ) in lines
    assert_tables_sound(text, [10])


# --- month by month ---------------------------------------------------------------------------


def test_month_to_date_on_a_month_end_equals_the_month_end_row() -> None:
    pool = items([CITY, PROVINCE])
    rows = monthly_series(pool, (2024, 9), (2024, 11))
    assert month_to_date(pool, D(2024, 11, 30), rows[1].rectified_rate) == rows[2]


def test_progress_rows_stop_at_as_of_and_show_the_month_so_far() -> None:
    pool = items([CITY])
    rows = progress_rows(pool, (2024, 7), (2025, 2), D(2024, 11, 12))
    assert [(r.year, r.month, r.as_of) for r in rows] == [
        (2024, 7, D(2024, 7, 31)),
        (2024, 8, D(2024, 8, 31)),
        (2024, 9, D(2024, 9, 30)),
        (2024, 10, D(2024, 10, 31)),
        (2024, 11, D(2024, 11, 12)),
    ]
    last = rows[-1]
    assert (last.rectified_in_month, last.rectified_to_date, last.counted) == (1, 2, 5)
    assert last.change_pp == Fraction(20)  # 1/5 at the end of October, 2/5 on 12 November
    assert last.overdue == 0  # C-3 falls due on 15 November, not yet passed


def test_default_range_runs_from_the_first_assignment_and_is_capped() -> None:
    assert default_range(items([CITY]), D(2024, 11, 30)) == ((2024, 7), (2024, 11), False)
    old = ledger("old", [working("O", 5)], assigned_on="2019-03-01")
    assert default_range(items([old]), D(2024, 11, 30)) == ((2022, 12), (2024, 11), True)
    assert default_range(items([EMPTY]), D(2024, 11, 30)) == ((2024, 11), (2024, 11), False)
    assert default_range(items([old]), D(2024, 11, 30), end=(2020, 6)) == (
        (2019, 3),
        (2020, 6),
        False,
    )
    assert default_range(items([old]), D(2024, 11, 30), end=(2021, 6)) == (
        (2019, 7),
        (2021, 6),
        True,
    )


# --- league table and ageing ------------------------------------------------------------------


def test_ageing_bands_edges() -> None:
    assert ageing([1, 30, 31, 60, 61, 90, 91, 400]) == [2, 2, 2, 2]
    assert ageing([]) == [0, 0, 0, 0]


def test_league_ranks_by_rate_equal_rates_share_a_rank() -> None:
    def group(key: str, rectified: int, counted: int) -> Group:
        specs = [done(f"{key}{n}", "2024-08-01") for n in range(rectified)]
        specs += [working(f"{key}w{n}", 10) for n in range(counted - rectified)]
        return Group(key, figures(items([ledger(key, specs)]), D(2024, 11, 30)))

    ranked = league([group("a", 1, 2), group("b", 2, 2), group("c", 2, 4), group("d", 0, 0),
                     group("e", 3, 3)])  # fmt: skip
    assert [(rank, g.key) for rank, g in ranked] == [
        (1, "e"),  # 3/3: more counted comes first within a tie, with the same rank
        (1, "b"),
        (3, "c"),
        (3, "a"),
        (None, "d"),
    ]


def test_latest_progress_as_of_a_date() -> None:
    issue = CITY.issues[4]
    assert latest_progress(issue, D(2024, 10, 31)) == (D(2024, 9, 30), "完成调研")
    assert latest_progress(issue, D(2024, 9, 1)) is None


# --- the monthly report ----------------------------------------------------------------------


def test_report_headline_paragraph_in_the_official_style() -> None:
    text = monthly_report(files_of(CITY), (2024, 11), D(2024, 11, 30), "zh")
    assert "# 整改情况月报（2024年11月）" in text
    assert "统计范围：台账 city（city）。" in text
    # October: C-1 rectified of 5 counted = 20.0 %; November: 2 of 5 = 40.0 %
    assert (
        "截至2024年11月30日，问题清单共6项，已整改2项，整改完成率40.0%，较上月提高20.0个百分点。"
        "不予整改1项，不计入完成率，完成率按5项计算。已销号0项，销号率0.0%。"
    ) in text
    assert (
        "本月整改完成1项，销号0项。尚未整改完成的3项中，整改中3项，未整改0项；逾期1项，14天内到期1项。"
        "其中红色预警1项、黄色预警0项、蓝色预警1项。"
        "计入问题平均完成进度80.4%；在原定时限内整改完成2项，按期整改率100.0%；累计调整整改时限0次。"
    ) in text


def test_report_in_english_and_a_fall_in_the_rate() -> None:
    # C-9 is assigned in November and not yet rectified: the rate falls from 2/5 to 2/6
    late = ledger("late", [working("L-1", 0, assigned_on="2024-11-05", deadline="2025-03-31")])
    text = monthly_report(files_of(CITY, late), (2024, 11), D(2024, 11, 30), "en")
    assert (
        "As of 30 November 2024, the list holds 7 problems; rectified: 2, a rectified rate of "
        "33.3%, up 13.3 percentage points on the previous month."
    ) in text
    text = monthly_report(files_of(CITY, late), (2024, 12), D(2024, 12, 31), "en")
    assert "a rectified rate of 33.3%, the same as the previous month." in text
    falling = ledger("f", [done("F-1", "2024-10-01"), working("F-2", 0, assigned_on="2024-11-03")])
    text = monthly_report(files_of(falling), (2024, 11), D(2024, 11, 30), "zh")
    assert "整改完成率50.0%，较上月下降50.0个百分点。" in text
    assert "本月新交办问题1项。" in text


def test_report_sections_pin_the_problems_of_the_month() -> None:
    text = monthly_report(files_of(CITY), (2024, 11), D(2024, 11, 30), "zh")
    assert "| C-2 | 问题 C-2 | 市民政局 | 2024-11-12 | — |" in text
    # C-3 is overdue (red); C-4 is due in 10 days and 8.4 points behind the pace line (blue)
    assert (
        "| 红 逾期 | C-3 | 问题 C-3 | 市民政局 | 2024-11-15 | 逾期15天 | 82.0% | 100.0% | 0 |"
        in text
    )
    assert (
        "| 蓝 临期 | C-4 | 问题 C-4 | 市卫健委 | 2024-12-10 | 还剩10天 | 85.0% | 93.4% | 0 |"
        in text
    )
    assert "红色预警1项、黄色预警0项、蓝色预警1项。\n\n| 预警 |" in text
    assert "| C-5 |" not in text.split("## 五、")[1].split("## 六、")[0]  # 35 % is ahead of pace
    assert (
        "| C-5 | 问题 C-5 | 市医保局 | 35.0% | 2024-11-29 研究报告报市政府 "
        "| 2026-06-30（整改时限） |"
    ) in text
    # league: 市民政局 2/3 first; 市卫健委 and 市医保局 0/1 share rank 2; 市财政局 counts nothing
    assert "| 1 | 市民政局 | 3 | 2 | 66.6% (2/3) | 1 | 1 | 0 | 0 | 0 |" in text
    assert "| 2 | 市卫健委 | 1 | 0 | 0.0% (0/1) | 0 | 0 | 0 | 0 | 0 |" in text
    assert "| 2 | 市医保局 | 1 | 0 | 0.0% (0/1) | 0 | 0 | 0 | 0 | 0 |" in text
    assert "| — | 市财政局 | 0 | 0 | — (0/0) | 0 | 0 | 0 | 0 | 0 |" in text
    assert "| 2024-11 | 0 | 6 | 1 | 2 | 40.0% (2/5) | +20.0 | 80.4% | 1 |" in text
    assert "    line [0.0, 20.0, 20.0, 20.0, 40.0]" in text


def test_report_counts_a_deadline_change_and_reads_the_deadline_then_in_force() -> None:
    text = monthly_report(files_of(PROVINCE), (2024, 11), D(2024, 11, 30), "en")
    assert "Deadline extensions: 1." in text
    assert "| 2024-11 | 0 | 3 | 0 | 2 | 66.6% (2/3) | 0.0 | 91.4% | 0 |" in text
    # on 2024-10-31 HN-003 was still due 2024-12-31; it was not yet extended
    october = monthly_report(files_of(PROVINCE), (2024, 10), D(2024, 10, 31), "en")
    assert "Deadline extensions: 0." in october
    assert "| HN-001 | 问题 HN-001 | 市自然资源和规划局 | 2024-10-28 | — |" in october
    assert "| HN-002 | 问题 HN-002 | 市民政局 | 2024-09-27 | 2024-10-25 |" in october


def test_report_while_the_month_runs_says_so() -> None:
    text = monthly_report(files_of(CITY), (2024, 11), D(2024, 11, 12), "zh")
    assert "本月尚未结束，以下数字截至2024年11月12日。" in text
    assert "截至2024年11月12日，问题清单共6项" in text
    assert "| 2024-11（截至 11-12） |" in text
    with pytest.raises(ValueError):
        monthly_report(files_of(CITY), (2024, 11), D(2024, 12, 1), "zh")


# --- three-colour warnings (三色预警) -------------------------------------------------------

# Assigned 2024-07-10; on 2024-11-30, 143 days in. B-1: 264 days to its deadline, the pace
# line at 54.1 %, 10 % done: yellow. B-2: due in 5 days and 46.6 points behind: yellow, not
# blue. B-3: 60 % is ahead of its 54.1 %: none. B-4: overdue since 2024-11-01: red.
BEHIND = ledger(
    "behind",
    [
        working("B-1", 10, deadline="2025-03-31", lead_unit="市医保局"),
        working("B-2", 50, deadline="2024-12-05"),
        working("B-3", 60, deadline="2025-03-31"),
        working("B-4", 0, deadline="2024-11-01"),
    ],
)

LEVEL_WORDS = {
    "zh": {"red": "红 逾期", "yellow": "黄 进度滞后", "blue": "蓝 临期"},
    "en": {"red": "red overdue", "yellow": "yellow behind pace", "blue": "blue due soon"},
}


def test_warning_counts_of_the_whole_and_of_each_group() -> None:
    pool = items([BEHIND])
    as_of = D(2024, 11, 30)
    assert view(pool, as_of).warnings == WarningCounts(red=1, yellow=2, blue=0)
    assert view(pool, as_of, "unit").by_group == {
        "市住建局": WarningCounts(1, 1, 0),
        "市医保局": WarningCounts(0, 1, 0),
    }
    # a wider margin: B-1 (44.1 behind) turns none, B-2 (46.6 behind, due soon) turns blue
    assert view(pool, as_of, margin=50).warnings == WarningCounts(1, 0, 1)
    # a shorter due-soon window leaves B-2 yellow all the same
    assert view(pool, as_of, due_soon_days=3).warnings == WarningCounts(1, 2, 0)
    assert WarningCounts(2, 0, 1).cell() == "2/0/1"


@pytest.mark.parametrize("by", ["unit", "co-unit", "source", "track", "ledger"])
def test_group_warnings_use_the_groups_of_the_figures(examples: Path, by: GroupBy) -> None:
    from rectify.ledger.load import load_valid

    as_of = D(2024, 11, 30)
    loaded = load_valid([examples / "sanmenxia" / "city-county"], as_of=as_of)
    pool = items(x.ledger for x in loaded)
    found = view(pool, as_of, by).by_group
    groups = group_figures(pool, as_of, by)
    assert set(found) <= {group.key for group in groups}
    if by != "co-unit":  # a problem counts under each of its co-units
        assert [sum(c.count(level) for c in found.values()) for level in LEVELS] == [2, 0, 1]
    for group in groups:  # red is exactly the overdue figure of each group
        assert found.get(group.key, WarningCounts()).red == group.figures.overdue


def test_headline_and_json_carry_the_warnings() -> None:
    pool = items([BEHIND])
    as_of = D(2024, 11, 30)
    counts = view(pool, as_of).warnings
    assert headline(figures(pool, as_of), "zh", counts) == (
        "4 个问题 · 已整改 0 个 · 整改完成率 0.0%（0/4）· 已销号 0 个 · 逾期 1 个 · "
        "红色预警 1 个 · 黄色预警 2 个 · 蓝色预警 0 个"
    )
    assert headline(figures(pool, as_of), "en", counts).endswith(
        "· 1 overdue · warnings: 1 red, 2 yellow, 0 blue"
    )
    data = status_json(
        figures(pool, as_of),
        group_figures(pool, as_of, "unit"),
        "unit",
        warnings=counts,
        by_group=view(pool, as_of, "unit").by_group,
    )
    assert data["warnings"] == {"red": 1, "yellow": 2, "blue": 0}
    assert [(g["key"], g["warnings"]) for g in data["groups"]] == [
        ("市住建局", {"red": 1, "yellow": 1, "blue": 0}),
        ("市医保局", {"red": 0, "yellow": 1, "blue": 0}),
    ]
    assert list(data)[-2:] == ["warnings", "groups"]  # every key of before is still there


def test_report_lists_behind_pace_problems_with_their_level() -> None:
    text = monthly_report(files_of(BEHIND), (2024, 11), D(2024, 11, 30), "zh")
    assert "逾期1项，14天内到期1项。其中红色预警1项、黄色预警2项、蓝色预警0项。" in text
    section = text.split("## 五、逾期、进度滞后和临期问题（三色预警）")[1].split("## 六、")[0]
    late = tables(parse(section))[0]
    assert [" | ".join(row) for row in late] == [
        "预警 | 编号 | 问题 | 牵头单位 | 整改时限 | 逾期/还剩 | 完成进度 | 序时进度 | 时限调整",
        "红 逾期 | B-4 | 问题 B-4 | 市住建局 | 2024-11-01 | 逾期29天 | 0.0% | 100.0% | 0",
        "黄 进度滞后 | B-2 | 问题 B-2 | 市住建局 | 2024-12-05 | 还剩5天 | 50.0% | 96.6% | 0",
        "黄 进度滞后 | B-1 | 问题 B-1 | 市医保局 | 2025-03-31 | 还剩121天 | 10.0% | 54.1% | 0",
    ]
    assert "黄色预警：完成进度低于序时进度20个百分点以上" in section
    english = monthly_report(files_of(BEHIND), (2024, 11), D(2024, 11, 30), "en", margin=50)
    assert "Among them, warnings: 1 red, 0 yellow, 1 blue." in english
    assert "| blue due soon | B-2 | 问题 B-2 | 市住建局 | 2024-12-05 | 5 days left |" in english
    assert "yellow: more than 50 points behind the pace line" in english


def test_report_with_no_warning_says_so() -> None:
    text = monthly_report(files_of(PROVINCE), (2024, 11), D(2024, 11, 30), "zh")
    assert "其中红色预警0项、黄色预警0项、蓝色预警0项。" in text
    assert (
        "## 五、逾期、进度滞后和临期问题（三色预警）\n\n没有逾期、进度滞后或14天内到期的问题。"
        in text
    )
    english = monthly_report(files_of(PROVINCE), (2024, 11), D(2024, 11, 30), "en")
    assert "No problem is overdue, behind pace or due within 14 days." in english


def test_report_of_an_empty_ledger() -> None:
    text = monthly_report(files_of(EMPTY), (2024, 11), D(2024, 11, 30), "en")
    assert "As of 30 November 2024, no problems yet." in text
    assert "## 2." not in text
    assert "| empty | 台账 empty | ledgers/empty.yaml |" in text


def test_report_footer_names_hash_commit_and_command() -> None:
    provenance = Provenance(
        commit="abc1234", modified=True, command="rectify report --month 2024-11"
    )
    text = monthly_report(files_of(CITY), (2024, 11), D(2024, 11, 30), "en", provenance=provenance)
    short = content_hash(b"city")[:12]
    assert f"| city | 台账 city | ledgers/city.yaml | `{short}` |" in text
    assert "Git commit: `abc1234` (the ledgers have uncommitted changes since" in text
    assert "To recompute: `rectify report --month 2024-11`" in text
    assert "Git commit" not in monthly_report(files_of(CITY), (2024, 11), D(2024, 11, 30), "en")


# --- the report read by a real Markdown parser -------------------------------------------------

NASTY = "A | B *强调* _斜_ <script>alert(1)</script> [链接](http://x) `码` \\| 换\n行"


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def cell_text(inline: Token) -> str:
    """What a reader sees in a cell: its text with the escapes resolved."""
    return "".join(child.content for child in inline.children or [] if child.type == "text")


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts (the header row first)."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(cell_text(tokens[index + 1]))
        elif token.type == "table_close":
            found.append(rows)
    return found


def inline_types(tokens: list[Token]) -> set[str]:
    return {child.type for token in tokens if token.children for child in token.children}


def assert_tables_sound(text: str, expected: list[int]) -> list[list[list[str]]]:
    tokens = parse(text)
    found = tables(tokens)
    assert [len(table[0]) for table in found] == expected
    for table in found:
        assert all(len(row) == len(table[0]) for row in table)
    assert not {"html_inline", "html_block"} & ({t.type for t in tokens} | inline_types(tokens))
    return found


def test_user_text_cannot_break_a_table_or_inject_html() -> None:
    nasty = ledger(
        "nasty",
        [
            working("N|1", 10, title=NASTY, lead_unit="市<b>局</b>|*甲*", deadline="2024-11-01"),
            working(
                "N-2",
                20,
                title=NASTY,
                track="long_term",
                lead_unit="乙_局_",
                deadline="2026-01-01",
                progress=[{"date": "2024-11-01", "completion": 20, "note": NASTY}],
            ),
            done("N-3", "2024-11-05", title=NASTY, lead_unit="`丙`"),
        ],
        title="标题 | <img src=x onerror=alert(1)>",
    )
    text = monthly_report(files_of(nasty), (2024, 11), D(2024, 11, 30), "zh")
    # by track, by unit, done, late, long-term, league, month by month, sources
    found = assert_tables_sound(text, [10, 10, 5, 9, 6, 10, 9, 4])
    done_table, late_table, long_table = found[2], found[3], found[4]
    assert done_table[1][1] == plain(NASTY)  # the cell holds the title, as typed, on one line
    assert late_table[1][:2] == ["红 逾期", "N|1"]
    assert late_table[1][3] == "市<b>局</b>|*甲*"
    assert long_table[1][4] == "2024-11-01 " + plain(NASTY)
    tokens = parse(text)
    assert not {"em_open", "link_open", "image"} & inline_types(tokens)
    codes = [c.content for t in tokens if t.children for c in t.children if c.type == "code_inline"]
    assert codes == [content_hash(b"nasty")[:12]]  # only the footer's hash is code
    # the only strong text is ours: the 'all' row of the two figures tables
    strong = [t for t in tokens if t.children for c in t.children if c.type == "strong_open"]
    assert len(strong) == 2


def test_example_report_tables_parse_with_the_expected_columns(
    examples: Path,
) -> None:
    from rectify.ledger.load import load_valid

    loaded = load_valid([examples / "sanmenxia" / "city-county"], as_of=D(2024, 11, 30))
    files = [LedgerFile(x.ledger, x.path.name, "0" * 64) for x in loaded]
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        text = monthly_report(files, (2024, 11), D(2024, 11, 30), lang)
        # track, unit, ledger, done, late, long-term, league, chasing, months, sources
        found = assert_tables_sound(text, [10, 10, 10, 5, 9, 6, 10, 8, 9, 4])
        assert found[-2][-1][5] == "73.1% (30/41)"
        assert [row[6] for row in found[1] if row[0] in ("市民政局", "灵宝市民政局")] == [
            "1/0/1",
            "1/0/0",
        ]
        late = found[4]
        assert [(row[0], row[1]) for row in late[1:]] == [
            (LEVEL_WORDS[lang]["red"], "SMX-014"),
            (LEVEL_WORDS[lang]["red"], "LB-003"),
            (LEVEL_WORDS[lang]["blue"], "SMX-012"),
        ]


# --- property: a past month's report depends only on the history dated by then ---------------


@PROPERTY_SETTINGS
@given(rollups(), st.integers(0, SPAN))
def test_a_past_months_report_is_the_same_from_the_ledger_as_it_stood_then(
    ledgers: list[Ledger], offset: int
) -> None:
    month = month_of(day(offset))
    cut = month_end(*month)
    full = monthly_report(files_of(*ledgers), month, cut, "zh")
    past = monthly_report(files_of(*truncate(ledgers, cut)), month, cut, "zh")
    assert full == past


@PROPERTY_SETTINGS
@given(rollups(), st.integers(0, SPAN))
def test_month_so_far_agrees_with_the_figures_of_the_day(
    ledgers: list[Ledger], offset: int
) -> None:
    pool = items(ledgers)
    as_of = day(offset)
    row = month_to_date(pool, as_of, None)
    assert row.figures == figures(pool, as_of)
    if as_of == month_end(*month_of(as_of)):
        series = monthly_series(pool, month_of(as_of), month_of(as_of))
        assert row == series[0]


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def fixed_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's footer names a fixed commit, so golden files do not change with every commit."""
    monkeypatch.setattr("rectify.io.git.git_commit", lambda files: ("abc1234", False))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_of_the_example_set_golden(
    run: RunCli, golden: Golden, fixed_commit: None, lang: str
) -> None:
    result = run(
        "report", "--month", "2024-11", "examples/sanmenxia/city-county", "--lang", lang, cwd=ROOT
    )
    assert result.exit_code == 0, result.stderr
    golden(f"report_sanmenxia_2024-11_{lang}.md", result.stdout)
    assert_tables_sound(result.stdout, [10, 10, 10, 5, 9, 6, 10, 8, 9, 4])
    assert "73.1% (30/41)" in result.stdout


def test_report_of_the_province_golden(run: RunCli, golden: Golden, fixed_commit: None) -> None:
    result = run(
        "report", "--month", "2024-11", "examples/sanmenxia/province", "--lang", "zh", cwd=ROOT
    )
    assert result.exit_code == 0, result.stderr
    golden("report_province_2024-11_zh.md", result.stdout)
    assert (
        "截至2024年11月30日，问题清单共3项，已整改2项，整改完成率66.6%，与上月持平。"
        in result.stdout
    )


def test_report_written_to_a_file(run: RunCli, tmp_path: Path, fixed_commit: None) -> None:
    target = tmp_path / "out" / "2024-11.md"
    target.parent.mkdir()
    source = str(ROOT / "examples" / "sanmenxia" / "province")
    written = run("report", "--month", "2024-11", source, "-o", str(target), "--lang", "en")
    assert written.exit_code == 0, written.stderr
    assert written.stdout == f"report written to {target}\n"
    printed = run("report", "--month", "2024-11", source, "--lang", "en")
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert [p.name for p in target.parent.iterdir()] == ["2024-11.md"]  # no temporary left


def test_report_of_a_month_not_begun_or_misspelt_is_a_usage_error(run: RunCli) -> None:
    source = str(ROOT / "examples" / "sanmenxia" / "province")
    future = run("report", "--month", "2024-12", source, "--lang", "en")
    assert future.exit_code == 2
    assert "2024-12 has not begun yet (today is 2024-11-30)" in future.stderr
    wrong = run("report", "--month", "2024-13", source, "--lang", "zh")
    assert wrong.exit_code == 2
    assert "--month 的月份 2024-13 无法识别" in wrong.stderr
    missing = run("report", source, "--lang", "en")
    assert missing.exit_code == 2
    assert "--month" in missing.stderr


def test_report_in_the_running_month_uses_today(run: RunCli, fixed_commit: None) -> None:
    source = str(ROOT / "examples" / "sanmenxia" / "province")
    result = run("report", "--month", "2024-11", source, "--lang", "en", today="2024-11-20")
    assert result.exit_code == 0, result.stderr
    assert "The month has not ended; the figures below are as of 20 November 2024." in result.stdout
    assert "| 2024-11 (to 11-20) |" in result.stdout


def test_git_commit_outside_a_repository_is_omitted(tmp_path: Path) -> None:
    from rectify.io.git import git_commit

    ledger_file = tmp_path / "a.yaml"
    ledger_file.write_text("schema: 1\n", encoding="utf-8")
    assert git_commit([ledger_file]) == (None, False)
    assert git_commit([]) == (None, False)


@pytest.mark.slow
def test_git_commit_inside_a_repository(tmp_path: Path) -> None:
    from rectify.io.git import git_commit

    git = shutil.which("git")
    assert git is not None, "git is needed for this test"
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    ledger_file = tmp_path / "a.yaml"
    ledger_file.write_text("schema: 1\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "a.yaml"], [*env, "commit", "-q", "-m", "x"]):
        subprocess.run([git, *args], cwd=tmp_path, check=True, capture_output=True)
    head = subprocess.run(
        [git, "rev-parse", "--short", "HEAD"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert git_commit([ledger_file]) == (head, False)
    ledger_file.write_text("schema: 1\n# changed\n", encoding="utf-8")
    assert git_commit([ledger_file]) == (head, True)


def test_the_scope_of_a_report_that_read_no_ledger_says_so() -> None:
    from rectify.output.monthly import _scope

    assert _scope([], "zh").text == "统计范围：没有读到任何台账。"
    assert _scope([], "en").text == "Ledgers: none could be read."
