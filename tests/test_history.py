"""History that never changes: a month already reported keeps its figures, whatever happens later.

The three stories of issue 13, as a new user tried them, each run on the command line.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import RunCli, ok

LIST_DATE = "2024-07-10"


@pytest.fixture
def project(run: RunCli, tmp_path: Path) -> Path:
    """A project with one list handed down on 2024-07-10 and its two problems, T-001 and T-002."""
    assert run("init", "--lang", "zh", "--unit", "民政局").exit_code == 0
    made = run(
        "new", "--id", "t-2024", "--title", "测试清单", "--supervisor", "委员会",
        "--prefix", "T", "--assigned-on", LIST_DATE,
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    for title in ("问题一", "问题二"):
        added = run(
            "add", "--title", title, "--unit", "民政局", "--deadline", "2024-12-31",
            "--assigned-on", LIST_DATE, today="2024-07-10",
        )  # fmt: skip
        assert added.exit_code == 0, added.stderr
    return tmp_path


def report(run: RunCli, month: str, today: str) -> str:
    """The monthly report without its footer of file hashes (the file has changed, of course)."""
    text = ok(run, "report", "--month", month, today=today)
    return "\n".join(line for line in text.splitlines() if "`" not in line)


def issues(project: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((project / "ledgers" / "t-2024.yaml").read_text(encoding="utf-8"))
    return {issue["id"]: issue for issue in data["issues"]}


# --- 1. reopening keeps what it undid --------------------------------------------------------


def test_reopening_does_not_rewrite_october(run: RunCli, project: Path) -> None:
    ok(run, "done", "T-001", "--on", "2024-10-15", today="2024-11-01")
    ok(run, "close", "T-001", "--by", "委员会", "--on", "2024-10-25", today="2024-11-01")
    october = report(run, "2024-10", today="2024-11-01")
    assert "已整改1项，整改完成率50.0%" in october
    assert "本月整改完成1项，销号1项" in october
    assert "| T-001 | 问题一 | 民政局 | 2024-10-15 | 2024-10-25 |" in october

    said = ok(
        run, "reopen", "T-001", "--on", "2024-11-10", "--note", "复查发现反弹", today="2024-11-10"
    )
    assert "T-001 已重新打开" in said
    kept = issues(project)["T-001"]
    assert kept["status"] == "in_progress" and "rectified_on" not in kept
    assert kept["reopened"] == [
        {
            "date": dt.date(2024, 11, 10),
            "note": "复查发现反弹",
            "rectified_on": dt.date(2024, 10, 15),
            "verification": {"by": "委员会", "date": dt.date(2024, 10, 25)},
        }
    ]
    assert report(run, "2024-10", today="2024-12-01") == october  # October, regenerated later
    november = report(run, "2024-11", today="2024-12-01")
    assert "已整改0项，整改完成率0.0%" in november
    assert "1 个台账文件：0 个错误" in ok(run, "check", today="2024-12-01")

    timeline = ok(run, "show", "T-001", today="2024-12-01")
    events = [line.split()[1] for line in timeline.splitlines() if line.startswith("2024-")]
    assert events == ["交办", "进展", "整改完成", "验收销号", "重新整改"]
    assert "复查发现反弹" in timeline
    then = ok(run, "show", "T-001", "--as-of", "2024-10-31", today="2024-12-01")
    assert (
        "已销号" in then and "重新整改" not in then and "验收销号      委员会，2024-10-25" in then
    )


# --- 2. dates a command cannot know are not invented ------------------------------------------


def test_a_problem_added_in_december_is_not_counted_in_earlier_months(
    run: RunCli, project: Path
) -> None:
    november = report(run, "2024-11", today="2024-12-01")
    assert "问题清单共2项" in november
    said = ok(
        run, "add", "--title", "新发现的问题", "--unit", "民政局", "--deadline", "2025-03-31",
        today="2024-12-05",
    )  # fmt: skip
    assert "交办日期 2024-12-05" in said
    assert issues(project)["T-003"]["assigned_on"].isoformat() == "2024-12-05"
    assert report(run, "2024-11", today="2024-12-05") == november
    assert "问题清单共3项" in report(run, "2024-12", today="2024-12-05")
    # just handed down: nothing is behind its pace yet (no yellow warning)
    shown = json.loads(ok(run, "show", "T-003", "--format", "json", today="2024-12-05"))
    assert shown["warning"] is None and shown["status"] == "open"


def test_an_import_dates_what_the_sheet_reports_by_the_sheet(
    run: RunCli, project: Path, tmp_path: Path
) -> None:
    november = report(run, "2024-11", today="2024-12-01")
    assert "已整改0项" in november
    sheet = tmp_path / "11月报送.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["民生实事整改进展表（截至2024年11月30日）"])
        writer.writerow(["编号", "问题", "牵头单位", "整改时限", "整改状态"])
        writer.writerow(["T-001", "问题一", "民政局", "2024-12-31", "已整改"])
        writer.writerow(["T-002", "问题二", "民政局", "2024-12-31", "已整改"])
        writer.writerow(["", "十二月新增问题", "民政局", "2025-06-30", "未整改"])
    args = ("import", str(sheet), "-l", "ledgers/t-2024.yaml", "--update")
    plan = ok(run, *args, "--dry-run", today="2024-12-05")
    assert "表中报告的进展和整改记为 2024-11-30（表头“截至2024年11月30日”）" in plan
    assert "没有交办日期的新问题记为导入之日 2024-12-05 交办" in plan
    ok(run, *args, today="2024-12-05")
    found = issues(project)
    assert [found[i]["rectified_on"].isoformat() for i in ("T-001", "T-002")] == ["2024-11-30"] * 2
    assert found["T-003"]["assigned_on"].isoformat() == "2024-12-05"
    after = report(run, "2024-11", today="2024-12-05")
    # the sheet said both were done by 30 November, and the new problem came in December
    assert "问题清单共2项，已整改2项，整改完成率100.0%" in after


# --- 3. one status on a date, everywhere --------------------------------------------------------


def statuses(run: RunCli, day: str, today: str) -> dict[str, set[str]]:
    """Each issue's status on ``day`` as list, show, export and status --by ledger give it."""
    seen: dict[str, set[str]] = {}
    listed = json.loads(ok(run, "list", "--as-of", day, "--format", "json", today=today))
    exported = json.loads(ok(run, "export", "--as-of", day, "--format", "json", today=today))
    for entry in [*listed, *exported["issues"]]:
        seen.setdefault(entry["id"], set()).add(entry["status"])
    for ident in seen:
        shown = ok(run, "show", ident, "--as-of", day, "--format", "json", today=today)
        seen[ident].add(json.loads(shown)["status"])
    return seen


def test_every_output_gives_the_same_status_and_deadline_on_a_date(
    run: RunCli, project: Path
) -> None:
    ok(run, "update", "T-001", "--completion", "40", "--on", "2024-09-30", today="2024-10-01")
    ok(run, "done", "T-001", "--on", "2024-10-15", today="2024-10-15")
    ok(run, "reopen", "T-001", "--on", "2024-11-10", "--note", "反弹", today="2024-11-10")
    ok(
        run, "extend", "T-002", "--to", "2025-03-31", "--reason", "资金未到位",
        "--on", "2024-11-20", today="2024-11-20",
    )  # fmt: skip
    today = "2024-12-01"
    expected = {
        "2024-08-31": {"T-001": "open", "T-002": "open"},
        "2024-09-30": {"T-001": "in_progress", "T-002": "open"},
        "2024-10-31": {"T-001": "rectified", "T-002": "open"},
        "2024-11-30": {"T-001": "in_progress", "T-002": "open"},
    }
    for day, wanted in expected.items():
        assert statuses(run, day, today) == {k: {v} for k, v in wanted.items()}, day
    october = ok(run, "show", "T-002", "--as-of", "2024-10-31", today=today)
    assert "整改时限  2024-12-31" in october  # the deadline in force then
    assert "时限调整" not in october and "2025-03-31" not in october
    later = ok(run, "show", "T-002", today=today)
    assert "2025-03-31" in later and "时限调整 2024-12-31 → 2025-03-31" in later
