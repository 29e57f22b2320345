"""`rectify status`: the headline, the few left by name, a table per group, JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Golden, RunCli

PROVINCE = "examples/sanmenxia/province"
CITY_COUNTY = "examples/sanmenxia/city-county"


def status(run: RunCli, *args: str, **kwargs: Any) -> str:
    result = run("status", *args, cwd=ROOT, **kwargs)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout  # no colour or cursor codes when not a terminal
    return result.stdout


# --- the main job: the example set ---------------------------------------------------------


def test_province_reads_two_of_three_and_the_third_at_74_4(run: RunCli) -> None:
    text = status(run, PROVINCE, "--lang", "en")
    lines = text.splitlines()
    assert lines[0] == (
        "3 problems · 2 rectified · rectified rate 66.6% (2/3) · 1 closed · 0 overdue · "
        "warnings: 0 red, 0 yellow, 0 blue"
    )
    assert lines[1] == (
        "3 problems, 2 rectified (66.6%); HN-003 老旧小区适老化改造推进缓慢 74.4% complete, "
        "planned 2025-06-30"
    )


def test_city_and_county_roll_up_reads_73_1_of_41(run: RunCli) -> None:
    text = status(run, CITY_COUNTY, "--lang", "zh")
    # at 120 columns the headline breaks between two parts, never inside one
    assert text.splitlines()[:2] == [
        "42 个问题 · 计入 41 个 · 已整改 30 个 · 整改完成率 73.1%（30/41，1 个不予整改不计入）"
        "· 已销号 7 个 · 逾期 2 个 ·",
        "红色预警 2 个 · 黄色预警 0 个 · 蓝色预警 1 个",
    ]
    total = next(line for line in text.splitlines() if line.startswith("合计"))
    assert total.split()[:5] == ["合计", "42", "73.1%", "(30/41)", "17.0%"]


def test_by_ledger_nests_the_counties_under_the_city(run: RunCli) -> None:
    text = status(run, CITY_COUNTY, "--by", "ledger", "--lang", "en")
    rows = [line.split()[:4] for line in text.splitlines() if "-2024" in line]
    assert rows == [
        ["smx-city-2024", "25", "70.8%", "(17/24)"],
        ["├─", "lingbao-2024", "7", "71.4%"],
        ["├─", "lushi-2024", "4", "75.0%"],
        ["└─", "shanzhou-2024", "6", "83.3%"],
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("by", ["unit", "ledger"])
def test_status_table_golden(run: RunCli, golden: Golden, lang: str, by: str) -> None:
    text = status(run, CITY_COUNTY, "--by", by, "--lang", lang)
    golden(f"status_city-county_{by}_{lang}.txt", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_province_golden(run: RunCli, golden: Golden, lang: str) -> None:
    golden(f"status_province_{lang}.txt", status(run, PROVINCE, "--lang", lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("by", ["unit", "ledger"])
def test_status_markdown_golden(run: RunCli, golden: Golden, lang: str, by: str) -> None:
    text = status(run, CITY_COUNTY, "--by", by, "--format", "markdown", "--lang", lang)
    golden(f"status_city-county_{by}_{lang}.md", text)


@pytest.mark.parametrize("by", ["unit", "ledger"])
def test_status_json_golden(run: RunCli, golden: Golden, by: str) -> None:
    text = status(run, CITY_COUNTY, "--by", by, "--format", "json")
    golden(f"status_city-county_{by}.json", text)
    data = json.loads(text)
    assert data["rectified_rate"] == {
        "numerator": 30,
        "denominator": 41,
        "value": 30 / 41,
        "text": "73.1%",
    }
    assert (data["total"], data["counted"], data["dismissed"], data["closed"]) == (42, 41, 1, 7)
    assert (data["overdue"], data["due_soon"], data["in_progress"], data["open"]) == (2, 1, 11, 0)
    assert data["mean_completion"]["numerator"] / data["mean_completion"]["denominator"] == (
        pytest.approx(89.814, abs=1e-3)
    )
    assert sum(group["total"] for group in data["groups"]) == 42
    # 三色预警 on 2024-11-30 (as `rectify due`): red SMX-014 and LB-003, blue SMX-012
    assert data["warnings"] == {"red": 2, "yellow": 0, "blue": 1}
    for level in ("red", "yellow", "blue"):
        assert sum(group["warnings"][level] for group in data["groups"]) == data["warnings"][level]


def test_status_json_by_ledger_gives_each_parent(run: RunCli) -> None:
    data = json.loads(status(run, CITY_COUNTY, "--by", "ledger", "--format", "json"))
    assert {g["key"]: g["parent"] for g in data["groups"]} == {
        "lingbao-2024": "smx-city-2024",
        "lushi-2024": "smx-city-2024",
        "shanzhou-2024": "smx-city-2024",
        "smx-city-2024": None,
    }


@pytest.mark.parametrize(
    ("by", "first_column"),
    [("track", ["立行立改", "限期整改", "持续推进"]), ("source", ["上级交办", "调研检查发现"])],
)
def test_status_by_enum_shows_the_names_people_use(
    run: RunCli, by: str, first_column: list[str]
) -> None:
    text = status(run, CITY_COUNTY, "--by", by, "--lang", "zh")
    lines = text.splitlines()
    below_rule = lines[next(i for i, line in enumerate(lines) if line.startswith("─")) + 1 :]
    starts = [line.split()[0] for line in below_rule if line.strip()]
    assert starts[: len(first_column)] == first_column


def test_status_by_co_unit_and_as_of_a_past_date(run: RunCli) -> None:
    text = status(run, CITY_COUNTY, "--by", "co-unit", "--as-of", "2024-09-30", "--lang", "en")
    assert text.splitlines()[0].startswith("42 problems · 41 counted · 20 rectified")
    assert "As of 2024-09-30, by co-unit" in text


def warnings_of(data: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {g["key"]: g["warnings"] for g in data["groups"] if any(g["warnings"].values())}


def test_status_json_warnings_by_unit_and_on_a_day_with_yellow(run: RunCli) -> None:
    data = json.loads(status(run, CITY_COUNTY, "--format", "json"))
    assert warnings_of(data) == {
        "市民政局": {"red": 1, "yellow": 0, "blue": 1},
        "灵宝市民政局": {"red": 1, "yellow": 0, "blue": 0},
    }
    # On 2024-11-15 SMX-014 (due that day, 75 % done) and LB-003 (due 11-20, 70 %) are
    # behind a pace line standing at 100 % and 97.1 %: yellow, not blue.
    data = json.loads(status(run, CITY_COUNTY, "--format", "json", "--as-of", "2024-11-15"))
    assert data["warnings"] == {"red": 0, "yellow": 2, "blue": 0}
    assert warnings_of(data) == {
        "市民政局": {"red": 0, "yellow": 1, "blue": 0},
        "灵宝市民政局": {"red": 0, "yellow": 1, "blue": 0},
    }
    data = json.loads(status(run, CITY_COUNTY, "--by", "track", "--format", "json"))
    assert warnings_of(data) == {"scheduled": {"red": 2, "yellow": 0, "blue": 1}}


@pytest.mark.parametrize(
    ("lang", "words", "header"),
    [
        ("zh", "红色预警 0 个 · 黄色预警 2 个 · 蓝色预警 0 个", "预警 红/黄/蓝"),
        ("en", "warnings: 0 red, 2 yellow, 0 blue", "Warnings R/Y/B"),
    ],
)
def test_status_markdown_shows_the_warnings(
    run: RunCli, lang: str, words: str, header: str
) -> None:
    text = status(run, CITY_COUNTY, "--format", "markdown", "--as-of", "2024-11-15", "--lang", lang)
    assert text.splitlines()[0].endswith(f" · {words}**")
    from test_report import assert_tables_sound

    table = assert_tables_sound(text, [10])[0]
    assert table[0][6] == header
    assert {row[0]: row[6] for row in table[1:] if row[6] != "0/0/0"} == {
        "市民政局": "0/1/0",
        "灵宝市民政局": "0/1/0",
        "合计" if lang == "zh" else "All": "0/2/0",
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_100_column_terminal_keeps_every_name_whole(run: RunCli, lang: str) -> None:
    text = status(run, CITY_COUNTY, "--lang", lang, env={"COLUMNS": "100"})
    lines = text.splitlines()
    assert all(len(line) <= 100 for line in lines)
    rows = {line.split()[0]: line.split() for line in lines if line.startswith(("市", "灵宝"))}
    names = "".join(line.split()[0] for line in lines if line.strip())
    assert "市自然资源和规划局" in names  # whole, wrapped inside its cell if need be
    assert rows["市民政局"][:2] == ["市民政局", "15"]
    assert "1/0/1" in rows["市民政局"] and "1/0/0" in rows["灵宝市民政局"]
    total = next(line for line in lines if line.startswith(("合计", "All")))
    assert "2/0/1" in total.split()


def test_a_long_name_wraps_in_its_cell_never_cut(run: RunCli, tmp_path: Path) -> None:
    long_unit = "某某市某某区某某街道办事处社区服务中心"  # 40 cells
    path = write(tmp_path, "long.yaml", ODD.replace("[bold]市局[/bold]", long_unit))
    result = run("status", str(path), "--lang", "zh", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("某某")]
    # O-1 is 50 % done against a pace line at 83.0 %: yellow; O-2 is overdue: red
    assert "…" not in result.stdout and "1/1/0" in rows[0]
    lines = result.stdout.splitlines()
    at = lines.index(rows[0])
    cells = "".join(line.split()[0] for line in lines[at : at + 6] if line.strip())
    assert cells.startswith(long_unit)


def test_narrow_terminal_keeps_names_and_rates(run: RunCli) -> None:
    text = status(run, CITY_COUNTY, "--lang", "zh", env={"COLUMNS": "60"})
    assert all(len(line) <= 60 for line in text.splitlines()[4:-3])
    # the long name wraps inside its cell (市自然资 / 源和规划局), the rates stay whole
    first = "".join(line.split()[0] for line in text.splitlines() if line.strip())
    assert "市自然资源和规划局" in first
    assert "73.1% (30/41)" in text
    assert "█" not in text  # the bars go first


# --- odd ledgers -------------------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


EMPTY_LEDGER = (
    "schema: 1\nledger:\n  id: empty\n  title: 空台账\n  assigned_on: 2024-07-01\nissues: []\n"
)


@pytest.mark.parametrize(("lang", "words"), [("en", "no problems yet"), ("zh", "暂无问题")])
def test_empty_ledger_says_no_problems_yet(
    run: RunCli, tmp_path: Path, lang: str, words: str
) -> None:
    path = write(tmp_path, "empty.yaml", EMPTY_LEDGER)
    for fmt in ("table", "markdown"):
        result = run("status", str(path), "--format", fmt, "--lang", lang)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == words + "\n"
    data = json.loads(run("status", str(path), "--format", "json").stdout)
    assert data["total"] == 0 and data["groups"] == []
    assert data["rectified_rate"]["value"] is None and data["mean_completion"] is None


ODD = """schema: 1
ledger:
  id: odd
  title: 奇怪的台账
  assigned_on: 2024-07-01
issues:
  - id: O-1
    title: "[red]红字[/] | 竖线 *星*"
    lead_unit: "[bold]市局[/bold]"
    deadline: 2024-12-31
    status: in_progress
    completion: 50
  - id: O-2
    title: 正常
    lead_unit: "[bold]市局[/bold]"
    deadline: 2024-08-31
    status: open
"""


def test_user_text_prints_as_typed_never_as_markup(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "odd.yaml", ODD)
    result = run("status", str(path), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "[bold]市局[/bold]" in result.stdout
    flowing = " ".join(result.stdout.split())  # the summary may wrap
    assert "O-1 [red]红字[/] | 竖线 *星* 50.0% complete, deadline 2024-12-31" in flowing
    assert "O-2 正常 0.0% complete, deadline 2024-08-31, 91 days overdue" in flowing
    markdown = run("status", str(path), "--format", "markdown", "--lang", "en").stdout
    assert r"\[red\]红字\[/\] \| 竖线 \*星\*" in markdown
    assert r"| \[bold\]市局\[/bold\] | 2 |" in markdown


def test_a_ledger_with_errors_is_refused(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", ODD.replace("deadline: 2024-08-31", "deadlin: 2024-08-31"))
    result = run("status", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert "run rectify check" in result.stderr
