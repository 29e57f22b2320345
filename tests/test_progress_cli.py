"""`rectify progress`: one row per month end, flows and stocks side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, Golden, RunCli

CITY_COUNTY = "examples/sanmenxia/city-county"
PROVINCE = "examples/sanmenxia/province"


def progress(run: RunCli, *args: str) -> str:
    result = run("progress", *args, cwd=ROOT)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    return result.stdout


def test_month_ends_of_the_example_match_its_readme(run: RunCli) -> None:
    data = json.loads(progress(run, CITY_COUNTY, "--format", "json"))
    assert data["as_of"] == "2024-11-30"
    months = data["months"]
    assert [m["month"] for m in months] == ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11"]
    assert [m["rectified_rate"]["text"] for m in months] == [
        "14.2%",
        "31.7%",
        "48.7%",
        "58.5%",
        "73.1%",
    ]
    assert [(m["rectified_to_date"], m["counted"], m["closed"]) for m in months] == [
        (6, 42, 0),
        (13, 41, 1),
        (20, 41, 3),
        (24, 41, 5),
        (30, 41, 7),
    ]
    assert [m["assigned_in_month"] for m in months] == [42, 0, 0, 0, 0]
    assert [m["rectified_in_month"] for m in months] == [6, 7, 7, 4, 6]
    assert months[0]["change_pp"] is None
    assert months[-1]["change_pp"]["numerator"] == 600  # (30 - 24) / 41 * 100 = 600/41
    assert months[-1]["change_pp"]["denominator"] == 41
    assert months[-1]["change_pp"]["text"] == "+14.6"
    assert months[-1]["overdue"] == 2
    assert all(m["month_ended"] for m in months)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_table_golden(run: RunCli, golden: Golden, lang: str) -> None:
    text = progress(run, CITY_COUNTY, "--lang", lang)
    golden(f"progress_city-county_{lang}.txt", text)
    assert "73.1% (30/41)" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_markdown_golden(run: RunCli, golden: Golden, lang: str) -> None:
    text = progress(run, CITY_COUNTY, "--format", "markdown", "--lang", lang)
    golden(f"progress_city-county_{lang}.md", text)
    assert "| 2024-11 | 0 | 42 | 6 | 30 | 73.1% (30/41) | +14.6 | 89.8% | 2 |" in text


def test_progress_json_golden(run: RunCli, golden: Golden) -> None:
    golden("progress_city-county.json", progress(run, CITY_COUNTY, "--format", "json"))


def test_from_and_to_choose_the_months(run: RunCli) -> None:
    data = json.loads(
        progress(run, PROVINCE, "--from", "2024-09", "--to", "2024年10月", "--format", "json")
    )
    assert [(m["month"], m["rectified_rate"]["text"]) for m in data["months"]] == [
        ("2024-09", "33.3%"),
        ("2024-10", "66.6%"),
    ]
    assert data["months"][0]["change_pp"] is None


def test_the_running_month_shows_the_figures_so_far(run: RunCli) -> None:
    text = progress(run, PROVINCE, "--as-of", "2024-11-20", "--lang", "en")
    last = text.splitlines()[-1].split()
    assert last[:4] == ["2024-11", "(to", "11-20)", "0"]


def test_months_not_yet_come_are_left_out_with_a_note(run: RunCli) -> None:
    result = run(
        "progress", PROVINCE, "--to", "2025-02", "--format", "json", "--lang", "en", cwd=ROOT
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["months"][-1]["month"] == "2024-11"
    assert "months after 2024-11 have not come yet and are left out" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2024-10", "--to", "2024-08"], "--from 2024-10 is after --to 2024-08"),
        (["--from", "2024-13"], "--from: cannot read the month 2024-13"),
        (["--from", "0000-01"], "--from 0000-01 is outside the dates rectify works with"),
        (["--from", "2025-01", "--to", "2025-03"], "2025-01 has not begun yet"),
        (["--from", "2010-01", "--to", "2024-11"], "at most 120 months at a time"),
    ],
)
def test_bad_ranges_are_usage_errors(run: RunCli, args: list[str], message: str) -> None:
    result = run("progress", PROVINCE, *args, "--lang", "en", cwd=ROOT)
    assert result.exit_code == 2
    assert message in result.stderr


LONG_AGO = """schema: 1
ledger:
  id: old
  title: 多年的台账
  assigned_on: 2019-03-01
issues:
  - id: O-1
    title: 老问题
    lead_unit: 市局
    deadline: 2030-12-31
    status: in_progress
    completion: 10
"""


def test_default_range_is_capped_at_24_months(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(LONG_AGO, encoding="utf-8")
    result = run("progress", str(path), "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    months = json.loads(result.stdout)["months"]
    assert (len(months), months[0]["month"], months[-1]["month"]) == (24, "2022-12", "2024-11")
    assert "showing the last 24 months" in result.stderr
    explicit = run("progress", str(path), "--from", "2019-03", "--format", "json")
    assert len(json.loads(explicit.stdout)["months"]) == 69
    assert explicit.stderr == ""


def test_empty_ledger_says_no_problems_yet(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(
        "schema: 1\nledger:\n  id: e\n  title: 空\n  assigned_on: 2024-07-01\nissues: []\n",
        encoding="utf-8",
    )
    for fmt in ("table", "markdown"):
        result = run("progress", str(path), "--format", fmt, "--lang", "zh")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == "暂无问题\n"
