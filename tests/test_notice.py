"""The reminder notice (督办提醒函) and the chase list as Markdown."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from conftest import Golden
from rectify.figures.chase import chase_list
from rectify.figures.state import Item, items
from rectify.ledger.load import load_valid
from rectify.model import Ledger
from rectify.numbers import percent
from rectify.output.notice import chase_markdown, make_notice, notice_markdown, notices
from rectify.output.words import long_date
from rectify.text import md_escape, safe_file_stem

D = dt.date
AS_OF = D(2024, 11, 30)


@pytest.fixture(scope="module")
def city_county() -> list[Item]:
    folder = Path(__file__).resolve().parent.parent / "examples/sanmenxia/city-county"
    return items(loaded.ledger for loaded in load_valid([folder], as_of=AS_OF))


def ledger(issues: list[dict[str, Any]], **meta: Any) -> Ledger:
    header = {
        "id": "city",
        "title": "市人大常委会问题清单",
        "supervisor": "市人大常委会",
        "assigned_on": "2024-01-01",
        **meta,
    }
    full = [{"title": f"问题 {spec['id']}", "lead_unit": "市住建局", **spec} for spec in issues]
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": full})


# --- the example set's notice, pinned ----------------------------------------------


def test_notice_to_the_civil_affairs_bureau_reads_like_a_letter(
    city_county: list[Item], golden: Golden
) -> None:
    found = make_notice(city_county, "市民政局", AS_OF)
    assert found is not None
    assert (found.total, found.dismissed, found.rectified) == (15, 1, 11)
    assert [e.item.issue.id for e in found.entries] == ["SMX-014", "SMX-012"]
    assert found.reply_by == D(2024, 12, 10)
    assert found.supervisors == ("三门峡市人大常委会",)
    text = notice_markdown(found, "zh")
    golden("notice_smx_civil_affairs_zh.md", text)
    # the parts of a letter, in order: title, salutation, body, asks, closing, signature
    lines = text.splitlines()
    # SMX-014 is overdue: the last step of the ladder, to the head of the unit (单位主要负责人)
    assert lines[0] == "# 关于逾期未整改问题的督办通知"
    assert lines[2] == "市民政局："
    assert (
        "截至2024年11月30日，你单位牵头的问题共15个（其中1个不予整改，不计入），已整改到位11个。"
        in text
    )
    assert "已逾期15天，目前完成进度为82%" in text
    assert "距到期还有10天，目前完成进度为85%" in text
    assert "请于2024年12月10日前" in text
    assert "请单位主要负责人专题研究" in text
    assert lines[-5:] == ["三门峡市人大常委会", "", "2024年11月30日", "", "抄送：经办人、分管领导"]


def test_notice_in_english(city_county: list[Item], golden: Golden) -> None:
    found = make_notice(city_county, "市民政局", AS_OF)
    assert found is not None
    text = notice_markdown(found, "en")
    golden("notice_smx_civil_affairs_en.md", text)
    assert text.startswith("# Notice of problems past their deadline")
    assert text.rstrip().endswith("Copied to: the officer handling it, the leader in charge")
    assert "To: 市民政局" in text
    assert "it is 15 days overdue and 82% complete." in text
    assert "by 10 December 2024." in text


def test_no_notice_for_a_unit_with_nothing_to_chase(city_county: list[Item]) -> None:
    assert make_notice(city_county, "市财政局", AS_OF) is None


def test_one_notice_per_unit_with_something_to_chase(city_county: list[Item]) -> None:
    made = notices(city_county, AS_OF)
    assert [(n.unit, [e.item.issue.id for e in n.entries]) for n in made] == [
        ("市民政局", ["SMX-014", "SMX-012"]),
        ("灵宝市民政局", ["LB-003"]),
    ]
    assert made[1].supervisors == ("灵宝市人大常委会",)
    assert made[1].lists == ("灵宝市人大常委会养老服务联动监督问题清单",)


# --- what a notice says about each kind of problem ---------------------------------------


def notice_for(issues: list[dict[str, Any]], as_of: dt.date, lang: str = "zh") -> str:
    found = make_notice(items([ledger(issues)]), "市住建局", as_of)
    assert found is not None
    return notice_markdown(found, "zh" if lang == "zh" else "en")


def test_lagging_problem_gives_the_pace_and_the_gap() -> None:
    text = notice_for(
        [
            {
                "id": "A-1",
                "deadline": "2024-04-10",  # 100 days: the line is at 60 % on day 60
                "status": "in_progress",
                "completion": 30,
                "progress": [{"date": "2024-02-25", "completion": 30, "note": "完成设计。"}],
            }
        ],
        D(2024, 3, 1),
    )
    assert "## 一、整改进度滞后的问题" in text
    assert (
        "1. **问题 A-1**（A-1）。整改时限为2024年4月10日，按序时进度应完成60%，"
        "目前完成进度为30%，滞后30个百分点。最近一次报送进展（2024年2月25日）：完成设计。"
    ) in text
    assert "1个问题整改进度明显滞后" in text
    assert "1. 对进度滞后的问题，制定赶进度措施，倒排工期，确保按期完成。" in text
    assert "逾期" not in text


def test_long_term_problem_is_measured_against_its_plan() -> None:
    text = notice_for(
        [
            {
                "id": "L-1",
                "track": "long_term",
                "deadline": "2025-12-31",
                "planned_on": "2024-04-10",
                "completion": 10,
                "progress": [{"date": "2024-02-25", "completion": 10}],
            }
        ],
        D(2024, 3, 1),
        "en",
    )
    assert (
        "It is planned to finish on 10 April 2024 (deadline 31 December 2025); on plan it "
        "would be 60% complete, but it is 10%, 50 points behind."
    ) in text
    assert "Last progress report on 25 February 2024." in text


def test_silent_problems_are_named_and_asked_to_report() -> None:
    text = notice_for(
        [
            {"id": "S-1", "deadline": "2024-12-31", "completion": 0},
            {
                "id": "S-2",
                "deadline": "2024-12-31",
                "status": "in_progress",
                "completion": 10,
                "progress": [{"date": "2024-01-20", "completion": 10, "note": "启动"}],
            },
        ],
        D(2024, 3, 1),
    )
    assert "其中，2个问题超过一个月未报送整改进展。" in text
    assert "## 一、未按月报送进展的问题" in text
    assert "交办以来未报送过整改进展。" in text
    assert "最近一次报送进展（2024年1月20日）：启动。已超过一个月未报送整改进展。" in text
    assert "1. 按月报送整改进展，不漏报、不迟报。" in text


def test_sections_are_numbered_in_order_of_urgency() -> None:
    text = notice_for(
        [
            {"id": "B-1", "deadline": "2024-03-05", "completion": 90},  # blue
            {"id": "R-1", "deadline": "2024-02-20", "completion": 90},  # red
            {"id": "T-1", "deadline": "2024-03-01", "completion": 90},  # blue, today
        ],
        D(2024, 3, 1),
    )
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## 一、逾期未完成整改的问题", "## 二、即将到期的问题"]
    assert "整改时限为2024年3月1日，今天到期，目前完成进度为90%。" in text
    assert text.index("T-1") < text.index("B-1")


def test_user_text_cannot_break_the_markdown() -> None:
    text = notice_for(
        [{"id": "X-1", "title": "**加粗** [链接](x) <b>", "deadline": "2024-02-20"}],
        D(2024, 3, 1),
    )
    assert r"**\*\*加粗\*\* \[链接\](x) \<b\>**（X-1）" in text


def test_unknown_supervisor_leaves_a_blank_to_fill() -> None:
    found = make_notice(
        items([ledger([{"id": "X-1", "deadline": "2024-02-20"}], supervisor=None)]),
        "市住建局",
        D(2024, 3, 1),
    )
    assert found is not None
    # overdue: the head of the unit is asked, the steps below copied in (抄送) after the date
    assert notice_markdown(found, "zh").splitlines()[-5:] == [
        "（监督机关）",
        "",
        "2024年3月1日",
        "",
        "抄送：经办人、分管领导",
    ]


# --- small pieces ------------------------------------------------------------------------


def test_letter_dates_and_percentages() -> None:
    assert long_date(D(2024, 12, 1), "zh") == "2024年12月1日"
    assert long_date(D(2024, 12, 1), "en") == "1 December 2024"
    assert percent(Fraction(82)) == "82%"
    assert percent(Fraction(744, 10)) == "74.4%"
    assert percent(Fraction(200, 3)) == "66.6%"  # cut, never rounded up


def test_user_text_in_the_letter_escapes_markup_and_joins_lines() -> None:
    assert md_escape("a*b_c\n  d|e") == r"a\*b\_c d\|e"
    assert md_escape("普通文字，（括号）") == "普通文字，（括号）"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("市民政局-督办提醒函-2024-11-30", "市民政局-督办提醒函-2024-11-30"),
        ('a/b\\c:d*e?f"g<h>i|j', "abcdefghij"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("单位。. ", "单位。"),
        ("///", "_"),
    ],
)
def test_safe_file_stem(name: str, safe: str) -> None:
    assert safe_file_stem(name) == safe


def test_chase_list_as_markdown(city_county: list[Item]) -> None:
    text = chase_markdown(chase_list(city_county, AS_OF), AS_OF, "zh")
    assert text.splitlines()[:5] == [
        "# 督办清单（截至2024-11-30）",
        "",
        "红：逾期；黄：完成进度低于序时进度20个百分点以上；蓝：14天内到期",
        "",
        "红色预警2个，黄色预警0个，蓝色预警1个；超过一个月未报送进展0个",
    ]
    assert (
        "| 红（逾期） | SMX-014 | 部分农村幸福院运营不正常，处于闲置状态 | 2024-11-15 "
        "| 逾期15天 | 82% | 100% | 2024-11-29 |"
    ) in text
    assert "## 灵宝市民政局" in text
    empty = chase_markdown([], AS_OF, "en")
    assert empty.splitlines()[-1] == "Nothing to chase as of 2024-11-30."
