"""Problems handed down (`handed_from`): a roll-up of the province and the city counts each
once, as the city's record, at every month end; a link to nothing is a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, RunCli

SANMENXIA = EXAMPLES / "sanmenxia"
CITY = SANMENXIA / "city-county"
MONTH_ENDS = ["2024-06-30", "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30"]
FIGURES = ("total", "counted", "rectified", "closed", "dismissed", "overdue", "due_soon")


def _status(run: RunCli, *args: str) -> dict[str, object]:
    result = run("status", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("as_of", MONTH_ENDS)
def test_province_and_city_together_count_each_problem_once(run: RunCli, as_of: str) -> None:
    both = _status(run, str(SANMENXIA), "--as-of", as_of)
    city = _status(run, str(CITY), "--as-of", as_of)
    province = _status(run, str(SANMENXIA / "province"), "--as-of", as_of)
    if as_of < "2024-07-10":  # before the city handed its list down, the province's stand
        assert [both[k] for k in FIGURES] == [province[k] for k in FIGURES]
    else:
        assert [both[k] for k in FIGURES] == [city[k] for k in FIGURES]
    if as_of == "2024-11-30":
        assert both["rectified_rate"] == city["rectified_rate"]
        assert (both["total"], both["rectified"]) == (42, 30)  # not 45 and 32


def test_the_report_and_progress_count_once_too(run: RunCli) -> None:
    both = run("progress", str(SANMENXIA), "--as-of", "2024-11-30", "--format", "json")
    city = run("progress", str(CITY), "--as-of", "2024-11-30", "--format", "json")
    rows = {row["month"]: row for row in json.loads(both.stdout)["months"]}
    city_rows = {row["month"]: row for row in json.loads(city.stdout)["months"]}
    for month in ("2024-08", "2024-09", "2024-10", "2024-11"):
        for key in ("counted", "rectified_to_date", "closed", "overdue", "rectified_rate"):
            assert rows[month][key] == city_rows[month][key], (month, key)
    # July: the city's 25 and the counties' 17, less the 3 the province had handed down in June
    assert (rows["2024-06"]["assigned_in_month"], rows["2024-07"]["assigned_in_month"]) == (3, 39)
    assert rows["2024-07"]["assigned_to_date"] == 42
    report = run("report", "--month", "2024-11", str(SANMENXIA), "--lang", "zh")
    assert "问题清单共42项，已整改30项，整改完成率73.1%" in report.stdout


def test_list_names_where_the_higher_levels_copy_is_worked_off(run: RunCli) -> None:
    result = run(
        "list", str(SANMENXIA), "--as-of", "2024-11-30", "--lang", "zh", "--format", "json"
    )
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["HN-003"]["handed_to"] == "smx-city-2024/SMX-003"
    assert rows["HN-003"]["warning"] in (None, "none")
    assert "handed_to" not in rows["SMX-003"]
    table = run("--wide", "list", str(SANMENXIA), "--as-of", "2024-11-30", "--lang", "zh")
    assert "由 smx-city-2024/SMX-003 承接" in table.stdout
    assert "另有 3 个问题已结转或由下级承接，不重复计算" in table.stdout


def test_a_link_to_an_issue_the_rollup_does_not_hold_is_a_warning(
    run: RunCli, tmp_path: Path
) -> None:
    shutil.copytree(SANMENXIA, tmp_path / "s")
    city = tmp_path / "s" / "city-county" / "smx-city-2024.yaml"
    text = city.read_text(encoding="utf-8")
    city.write_text(text.replace("hn-province-2024/HN-003", "hn-province-2024/HN-009"), "utf-8")
    result = run("check", str(tmp_path / "s"), "--as-of", "2024-11-30", "--lang", "zh")
    assert result.exit_code == 0  # a warning
    assert (
        "handed_from 写的 hn-province-2024/HN-009 不存在：台账 hn-province-2024 中没有这个问题"
        in (result.stdout + result.stderr)
    )
    alone = run("check", str(tmp_path / "s" / "city-county"), "--as-of", "2024-11-30")
    assert "R404" not in alone.stdout + alone.stderr  # the province is not in this roll-up
