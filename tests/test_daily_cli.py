"""The daily workflow through the command line: init, new, add, the changes, list and show."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import itertools
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import Golden, Run, RunCli
from rectify.dates import ACCEPTED_FORMS

UNITS = ("市民政局", "市住建局", "市财政局")


@pytest.fixture
def project(run: RunCli, tmp_path: Path) -> Path:
    """An initialised project with known units and one empty ledger, smx-city-2024 (SMX-)."""
    units = [arg for unit in UNITS for arg in ("--unit", unit)]
    assert run("init", "--lang", "zh", *units).exit_code == 0
    result = run(
        "new",
        "--id",
        "smx-city-2024",
        "--title",
        "三门峡市人大常委会联动监督问题清单",
        "--supervisor",
        "三门峡市人大常委会",
        "--prefix",
        "SMX",
        "--assigned-on",
        "2024-07-10",
    )
    assert result.exit_code == 0, result.stderr
    return tmp_path


def ledger_path(project: Path) -> Path:
    return project / "ledgers" / "smx-city-2024.yaml"


def read(project: Path) -> dict[str, object]:
    data = yaml.safe_load(ledger_path(project).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def issue(project: Path, ident: str) -> dict[str, object]:
    issues = read(project)["issues"]
    assert isinstance(issues, list)
    return next(i for i in issues if i["id"] == ident)


def add(run: RunCli, title: str, unit: str = "市民政局", deadline: str = "2024-12-31") -> str:
    """Add a problem of the list as handed down on 2024-07-10; its id."""
    args = ["--title", title, "--unit", unit, "--deadline", deadline, "--assigned-on", "2024-07-10"]
    result = run("add", *args, "-q")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def checked(run: RunCli) -> None:
    """`rectify check` passes on the project's ledgers after a write."""
    result = run("check")
    assert result.exit_code == 0, result.stdout + result.stderr


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a change removed (-) and added (+), as `git diff` would show them."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def issue_span(lines: list[str], ident: str) -> range:
    """The line numbers (0-based) of one issue's block in a ledger's lines."""
    start = lines.index(f"  - id: {ident}")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: ")), len(lines)
    )
    return range(start, end)


def only_touched(before: str, after: str, ident: str) -> None:
    """Assert that a write changed the lines of issue ``ident`` and no other line of the file."""
    old, new = before.splitlines(), after.splitlines()
    old_span, new_span = issue_span(old, ident), issue_span(new, ident)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert changes, "nothing changed"
    for _, i1, i2, j1, j2 in changes:
        assert set(range(i1, i2)) <= set(old_span), (ident, old[i1:i2])
        assert set(range(j1, j2)) <= set(new_span) | {new_span.stop}, (ident, new[j1:j2])
    assert old[: old_span.start] == new[: new_span.start]
    assert old[old_span.stop :] == new[new_span.stop :]


def write(run: RunCli, project: Path, ident: str, *args: str) -> Run:
    """Run a command that changes issue ``ident``: it succeeds, changes only that issue's
    lines, and `rectify check` still passes."""
    before = ledger_path(project).read_text(encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    only_touched(before, ledger_path(project).read_text(encoding="utf-8"), ident)
    checked(run)
    return result


def refused(run: RunCli, project: Path, code: int, *args: str) -> Run:
    """Run a command that must be refused with ``code``, leaving the ledger as it was."""
    before = ledger_path(project).read_text(encoding="utf-8")
    result = run(*args)
    assert result.exit_code == code, result.stdout + result.stderr
    assert ledger_path(project).read_text(encoding="utf-8") == before
    return result


@pytest.fixture
def three(run: RunCli, project: Path) -> Path:
    """The project with three issues: SMX-001 (民政), SMX-002 (住建), SMX-003 (财政)."""
    assert add(run, "养老机构消防隐患整治不彻底") == "SMX-001"
    assert add(run, "老旧小区适老化改造推进缓慢", "市住建局", "2025-06-30") == "SMX-002"
    assert add(run, "福彩公益金用于养老服务比例偏低", "市财政局", "2024-10-31") == "SMX-003"
    return project


# --- init ----------------------------------------------------------------------------------------


def test_init_writes_config_and_ledgers_folder(run: RunCli, tmp_path: Path) -> None:
    result = run("init", "--lang", "zh", "--unit", "市民政局", "--due-soon-days", "10")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "已建立项目：rectify.toml 和台账文件夹 ledgers/"
    assert "rectify new --id" in result.stdout
    config = tomllib.loads((tmp_path / "rectify.toml").read_text(encoding="utf-8"))
    assert config == {
        "ledgers": "ledgers",
        "lang": "zh",
        "due_soon_days": 10,
        "pace_margin": 20,
        "id_width": 3,
        "immediate_days": 0,
        "units": ["市民政局"],
    }
    assert (tmp_path / "ledgers").is_dir()


def test_init_in_a_folder_without_a_terminal_takes_defaults(run: RunCli, tmp_path: Path) -> None:
    result = run("init", "proj", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "created proj/rectify.toml and the ledgers folder proj/ledgers/"
    )
    text = (tmp_path / "proj" / "rectify.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["units"] == []
    plain = run("init", "other")
    assert plain.exit_code == 0
    assert "lang" not in tomllib.loads((tmp_path / "other" / "rectify.toml").read_text("utf-8"))


def test_init_never_overwrites(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "rectify.toml").write_text("# 我的设置\n", encoding="utf-8")
    result = run("init", "--lang", "zh")
    assert result.exit_code == 3
    assert result.stderr == (
        "错误：rectify.toml 已存在，未做任何改动；如需修改设置，请直接编辑这个文件\n"
    )
    assert (tmp_path / "rectify.toml").read_text(encoding="utf-8") == "# 我的设置\n"
    assert run("init", "--lang", "en").stderr.startswith("error: rectify.toml already exists")


# --- new -----------------------------------------------------------------------------------------


def test_new_creates_a_valid_empty_ledger(run: RunCli, project: Path) -> None:
    data = read(project)
    assert data["schema"] == 1
    assert data["ledger"] == {
        "id": "smx-city-2024",
        "title": "三门峡市人大常委会联动监督问题清单",
        "supervisor": "三门峡市人大常委会",
        "assigned_on": dt.date(2024, 7, 10),
        "id_prefix": "SMX",
    }
    assert not data.get("issues")
    checked(run)


def test_new_says_where_and_what_next(run: RunCli, tmp_path: Path) -> None:
    run("init", "--lang", "en")
    result = run("new", "--id", "c-2024", "--title", "T", "--supervisor", "S", "--prefix", "C")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "created the ledger ledgers/c-2024.yaml"
        " (ledger id c-2024; issues will be numbered from C-001)"
    )
    data = yaml.safe_load((tmp_path / "ledgers" / "c-2024.yaml").read_text(encoding="utf-8"))
    assert str(data["ledger"]["assigned_on"]) == "2024-11-30"  # today by default


def test_new_refusals(run: RunCli, project: Path) -> None:
    again = run(
        "new", "--id", "smx-city-2024", "--title", "T", "--supervisor", "S", "--prefix", "S"
    )
    assert again.exit_code == 2
    assert "smx-city-2024" in again.stderr and "已被" in again.stderr
    missing = run("new", "--id", "x-2024")
    assert missing.exit_code == 2
    assert "缺少选项 --title, --supervisor, --prefix" in missing.stderr
    bad = run("new", "--id", "a/b", "--title", "T", "--supervisor", "S", "--prefix", "P")
    assert bad.exit_code == 2
    assert "台账编号 a/b 无效" in bad.stderr
    for option in ("--id", "--title", "--supervisor", "--prefix"):  # given, but blank
        values = {"--id": "y-2024", "--title": "T", "--supervisor": "S", "--prefix": "Y"}
        values[option] = "  "
        blank = run("new", *(word for pair in values.items() for word in pair))
        assert (blank.exit_code, blank.stderr) == (2, f"错误：{option} 不能为空\n")
    assert not (project / "ledgers" / "y-2024.yaml").exists()


# --- add -----------------------------------------------------------------------------------------


def test_add_appends_an_issue_and_prints_it(run: RunCli, project: Path) -> None:
    before = ledger_path(project).read_text(encoding="utf-8")
    result = run(
        "add",
        "--title",
        "养老机构消防隐患整治不彻底",
        "--unit",
        "市民政局",
        "--co-unit",
        "市住建局",
        "--deadline",
        "2024年12月",
        "--source",
        "调研检查发现",
        "--track",
        "immediate",
        "--owner",
        "王某",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "已添加 SMX-001：养老机构消防隐患整治不彻底"
        "（牵头单位 市民政局，交办日期 2024-11-30，整改时限 2024-12-31）"
        "→ ledgers/smx-city-2024.yaml\n"
    )
    got = issue(project, "SMX-001")
    # No --assigned-on: the day of the command, never the list's own date (2024-07-10).
    assert got["assigned_on"] == dt.date(2024, 11, 30)
    assert got["co_units"] == ["市住建局"]
    assert (got["source"], got["track"], got["status"], got["completion"]) == (
        "inspection",
        "immediate",
        "open",
        0,
    )
    after = ledger_path(project).read_text(encoding="utf-8")
    assert all(
        line.startswith("+") for line in changed_lines(before, after) if "issues" not in line
    )
    checked(run)


def test_add_numbers_issues_and_quiet_prints_only_the_id(run: RunCli, three: Path) -> None:
    issues = read(three)["issues"]
    assert isinstance(issues, list)
    assert [i["id"] for i in issues] == ["SMX-001", "SMX-002", "SMX-003"]
    result = run("add", "--title", "x", "--unit", "市民政局", "--deadline", "2025-01-31", "--quiet")
    assert result.stdout == "SMX-004\n"
    checked(run)


def test_add_in_english(run: RunCli, project: Path) -> None:
    result = run(
        "add",
        "--title",
        "Fire safety",
        "--unit",
        "市民政局",
        "--deadline",
        "2025-01-31",
        "--lang",
        "en",
    )
    assert result.stdout.startswith(
        "added SMX-001: Fire safety (lead unit 市民政局, assigned 2024-11-30, deadline 2025-01-31)"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "错误：缺少选项 --unit, --deadline\n"),
        ("en", "error: missing option --unit, --deadline\n"),
    ],
)
def test_add_without_a_terminal_names_missing_options(
    run: RunCli, project: Path, lang: str, expected: str
) -> None:
    result = run("add", "--title", "x", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == expected


def test_add_refuses_an_unknown_unit_with_did_you_mean(run: RunCli, project: Path) -> None:
    before = ledger_path(project).read_text(encoding="utf-8")
    zh = run("add", "--title", "x", "--unit", "市民证局", "--deadline", "2025-01-31")
    assert zh.exit_code == 2
    assert zh.stderr == (
        "错误：单位名录中没有 市民证局，是不是 市民政局？确属新单位请加 --new-unit\n"
    )
    en = run("add", "--title", "x", "--unit", "民政局", "--deadline", "2025-01-31", "--lang", "en")
    assert en.exit_code == 2
    assert "民政局 is not in the known units: did you mean 市民政局?" in en.stderr
    co = run(
        "add",
        "--title",
        "x",
        "--unit",
        "市民政局",
        "--co-unit",
        "市财务局",
        "--deadline",
        "2025-01",
    )
    assert co.exit_code == 2
    assert "是不是 市财政局" in co.stderr
    assert ledger_path(project).read_text(encoding="utf-8") == before


def test_new_unit_is_accepted_and_remembered(run: RunCli, project: Path) -> None:
    config = project / "rectify.toml"
    before = config.read_text(encoding="utf-8").splitlines()
    result = run(
        "add",
        "--title",
        "x",
        "--unit",
        "市消防救援支队",
        "--co-unit",
        "市民政局",
        "--deadline",
        "2025-01-31",
        "--new-unit",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "已将 市消防救援支队 加入单位名录（rectify.toml）"
    after = config.read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line not in before] == ['    "市消防救援支队",']
    assert tomllib.loads("\n".join(after))["units"] == [*UNITS, "市消防救援支队"]
    again = run("add", "--title", "y", "--unit", "市消防救援支队", "--deadline", "2025-01-31")
    assert again.exit_code == 0, again.stderr


def test_any_unit_when_the_list_is_empty(run: RunCli, tmp_path: Path) -> None:
    run("init", "--lang", "zh")
    run("new", "--id", "a-2024", "--title", "T", "--supervisor", "S", "--prefix", "A")
    assert add(run, "x", unit="随便什么单位") == "A-001"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_dates_exit_2_with_the_accepted_forms(run: RunCli, project: Path, lang: str) -> None:
    result = run("add", "--title", "x", "--unit", "市民政局", "--deadline", "明年", "--lang", lang)
    assert result.exit_code == 2
    assert ACCEPTED_FORMS in result.stderr
    assert "--deadline" in result.stderr and "明年" in result.stderr


def test_add_refuses_a_bad_choice_listing_the_choices(run: RunCli, project: Path) -> None:
    result = run(
        "add", "--title", "x", "--unit", "市民政局", "--deadline", "2025-01", "--track", "fast"
    )
    assert result.exit_code == 2
    assert "immediate (立行立改), scheduled (限期整改), long_term (持续推进)" in result.stderr


def test_add_with_several_ledgers_needs_l(run: RunCli, project: Path) -> None:
    run("new", "--id", "lingbao-2024", "--title", "T", "--supervisor", "S", "--prefix", "LB")
    result = run("add", "--title", "x", "--unit", "市民政局", "--deadline", "2025-01")
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：有 2 个台账，请用 -l 指定要写入哪一个：\n")
    assert "ledgers/lingbao-2024.yaml" in result.stderr
    assert "ledgers/smx-city-2024.yaml" in result.stderr
    chosen = run(
        "add",
        "-l",
        "ledgers/lingbao-2024.yaml",
        "--title",
        "x",
        "--unit",
        "市民政局",
        "--deadline",
        "2025-01",
        "-q",
    )
    assert chosen.stdout == "LB-001\n"


def test_commands_before_init_say_how_to_start(run: RunCli, tmp_path: Path) -> None:
    result = run("add", "--title", "x", "--unit", "u", "--deadline", "2025-01")
    assert result.exit_code == 3
    assert "rectify init" in result.stderr and "rectify new" in result.stderr
    listed = run("list", "--lang", "en")
    assert listed.exit_code == 3
    assert "there are no ledgers in ledgers yet" in listed.stderr


# --- update, done, close, reopen, extend, dismiss ------------------------------------------------


def test_update_records_progress_and_touches_only_that_issue(run: RunCli, three: Path) -> None:
    before = ledger_path(three).read_text(encoding="utf-8")
    result = run(
        "update",
        "SMX-002",
        "--completion",
        "40",
        "--note",
        "完成改造12个小区",
        "--on",
        "2024-08-31",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "SMX-002：完成进度 0.0% → 40.0%（2024-08-31），状态：整改中\n"
    got = issue(three, "SMX-002")
    assert got["status"] == "in_progress"
    assert got["completion"] == 40
    assert got["progress"] == [
        {"date": dt.date(2024, 8, 31), "completion": 40, "note": "完成改造12个小区"}
    ]
    after = ledger_path(three).read_text(encoding="utf-8")
    only_touched(before, after, "SMX-002")
    changed = changed_lines(before, after)
    assert "-    status: open" in changed and "+    status: in_progress" in changed
    assert not any("SMX-001" in line or "SMX-003" in line for line in changed)
    assert after.count("\n") > before.count("\n")
    checked(run)


def test_update_in_english_with_today_by_default(run: RunCli, three: Path) -> None:
    result = run("update", "smx-001", "-c", "74.4%", "--lang", "en")
    assert result.stdout == "SMX-001: completion 0.0% → 74.4% (2024-11-30), status: in progress\n"


def test_update_refuses_a_date_before_the_last_entry(run: RunCli, three: Path) -> None:
    run("update", "SMX-001", "--completion", "40", "--on", "2024-09-30")
    before = ledger_path(three).read_text(encoding="utf-8")
    result = refused(run, three, 1, "update", "SMX-001", "--completion", "50", "--on", "2024-09-01")
    assert result.exit_code == 1
    assert "早于最近一条进展的日期 2024-09-30" in result.stderr
    assert "--on 2024-09-30" in result.stderr
    en = run("update", "SMX-001", "--completion", "50", "--on", "2024-09-01", "--lang", "en")
    assert "is before the last progress entry (2024-09-30)" in en.stderr
    assert ledger_path(three).read_text(encoding="utf-8") == before


def test_update_refuses_bad_values(run: RunCli, three: Path) -> None:
    bad = refused(run, three, 2, "update", "SMX-001", "--completion", "120")
    assert bad.exit_code == 2
    assert "完成进度 120 无效" in bad.stderr
    future = refused(run, three, 2, "update", "SMX-001", "--completion", "10", "--on", "2024-12-05")
    assert future.exit_code == 2
    assert "晚于今天" in future.stderr
    missing = run("update", "SMX-001", "--lang", "en")
    assert missing.exit_code == 2
    assert "missing option --completion" in missing.stderr


def test_done_close_and_the_refusals_on_the_way(run: RunCli, three: Path) -> None:
    early = refused(run, three, 1, "close", "SMX-001", "--by", "市人大社会委")
    assert early.exit_code == 1
    assert early.stderr == (
        "错误：SMX-001 尚未整改，不能销号；整改完成后先运行 rectify done SMX-001，再销号\n"
    )
    early_en = run("close", "SMX-001", "--by", "x", "--lang", "en")
    assert "first run rectify done SMX-001" in early_en.stderr
    done = write(
        run, three, "SMX-001", "done", "SMX-001", "--on", "2024-11-20", "--note", "整改到位"
    )
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("SMX-001 已整改（2024-11-20）")
    got = issue(three, "SMX-001")
    assert (got["status"], got["completion"], str(got["rectified_on"])) == (
        "rectified",
        100,
        "2024-11-20",
    )
    checked(run)
    update = refused(run, three, 1, "update", "SMX-001", "--completion", "90")
    assert update.exit_code == 1
    assert "rectify reopen SMX-001" in update.stderr
    closed = write(
        run,
        three,
        "SMX-001",
        "close",
        "SMX-001",
        "--by",
        "市人大社会建设委员会",
        "--note",
        "实地复核",
    )
    assert closed.exit_code == 0, closed.stderr
    assert closed.stdout == "SMX-001 已销号（市人大社会建设委员会，2024-11-30）\n"
    got = issue(three, "SMX-001")
    assert got["status"] == "closed"
    assert got["verification"] == {
        "by": "市人大社会建设委员会",
        "date": dt.date(2024, 11, 30),
        "note": "实地复核",
    }
    checked(run)
    updated_closed = run("update", "SMX-001", "--completion", "90", "--lang", "en")
    assert updated_closed.stderr == (
        "error: SMX-001 is closed (signed off); if the problem is back, "
        "first run rectify reopen SMX-001 --note WHY\n"
    )


def test_reopen_puts_it_back_in_progress(run: RunCli, three: Path) -> None:
    run("done", "SMX-001", "--on", "2024-11-20")
    run("close", "SMX-001", "--by", "委", "--on", "2024-11-25")
    result = write(
        run,
        three,
        "SMX-001",
        "reopen",
        "SMX-001",
        "--note",
        "复查发现问题反弹",
        "--completion",
        "80",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "SMX-001 已重新打开：状态 整改中，完成进度 80.0%；"
        "原整改和销号记录保留在 reopened 中，已报告的月份数字不变\n"
    )
    got = issue(three, "SMX-001")
    assert (got["status"], got["completion"]) == ("in_progress", 80)
    assert "rectified_on" not in got and "verification" not in got
    assert got["progress"][-1]["note"] == "复查发现问题反弹"  # type: ignore[index]
    checked(run)
    again = refused(run, three, 1, "reopen", "SMX-001", "--note", "x")
    assert again.exit_code == 1
    assert "无需重新打开" in again.stderr
    assert run("reopen", "SMX-001").exit_code == 2


def test_extend_keeps_the_original_deadline(run: RunCli, three: Path) -> None:
    result = write(
        run,
        three,
        "SMX-002",
        "extend",
        "SMX-002",
        "--to",
        "2025-09",
        "--reason",
        "冬季停工",
        "--on",
        "2024-11-20",
    )
    assert result.stdout == "SMX-002：整改时限 2025-06-30 → 2025-09-30（第 1 次调整）\n"
    got = issue(three, "SMX-002")
    assert str(got["deadline"]) == "2025-09-30"
    assert got["deadline_changes"] == [
        {
            "date": dt.date(2024, 11, 20),
            "from": dt.date(2025, 6, 30),
            "to": dt.date(2025, 9, 30),
            "reason": "冬季停工",
        }
    ]
    checked(run)
    bad = run("extend", "SMX-002", "--to", "下个月", "--reason", "x")
    assert bad.exit_code == 2
    assert "--to" in bad.stderr
    run("done", "SMX-003")
    finished = refused(
        run, three, 1, "extend", "SMX-003", "--to", "2025-01", "--reason", "x", "--lang", "en"
    )
    assert finished.exit_code == 1
    assert "was rectified on 2024-11-30; its deadline no longer matters" in finished.stderr


def test_dismiss_records_the_reason(run: RunCli, three: Path) -> None:
    result = write(
        run,
        three,
        "SMX-003",
        "dismiss",
        "SMX-003",
        "--reason",
        "经核实不属实",
        "--on",
        "2024-09-01",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("SMX-003 已列为不予整改（2024-09-01）")
    got = issue(three, "SMX-003")
    assert (got["status"], got["reason"], str(got["dismissed_on"])) == (
        "dismissed",
        "经核实不属实",
        "2024-09-01",
    )
    checked(run)
    again = refused(run, three, 1, "dismiss", "SMX-003", "--reason", "x", "--lang", "en")
    assert again.exit_code == 1
    assert "was already dismissed on 2024-09-01" in again.stderr
    assert run("dismiss", "SMX-002").exit_code == 2


def test_concurrent_adds_never_share_an_id(project: Path) -> None:
    """Writers serialise on the ledger's lock: each gets the next free id, none is lost."""
    from concurrent.futures import ThreadPoolExecutor

    from rectify.changes import ops
    from rectify.ledger.load import load_one, transact

    path = ledger_path(project)
    today = dt.date(2024, 11, 30)

    def add_one(n: int) -> str:
        draft = ops.Draft(title=f"问题{n}", lead_unit="市民政局", deadline=dt.date(2025, 1, 31))
        return transact(path, lambda lg: ops.add_issue(lg, draft), as_of=today).issues[-1].id

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(add_one, range(12)))
    assert sorted(ids) == [f"SMX-{n:03d}" for n in range(1, 13)]
    ledger = load_one(path, as_of=today).ledger
    assert sorted(i.title for i in ledger.issues) == sorted(f"问题{n}" for n in range(12))


def test_unknown_and_ambiguous_ids_list_candidates(run: RunCli, three: Path) -> None:
    unknown = run("update", "SMX-01", "-c", "10")
    assert unknown.exit_code == 1
    assert unknown.stderr == "错误：没有编号为 SMX-01 的问题；是不是：SMX-001, SMX-002, SMX-003？\n"
    run("new", "--id", "other-2024", "--title", "T", "--supervisor", "S", "--prefix", "SMX")
    run(
        "add",
        "-l",
        "ledgers/other-2024.yaml",
        "--title",
        "x",
        "--unit",
        "市民政局",
        "--deadline",
        "2025-01",
    )
    ambiguous = run("show", "SMX-001", "--lang", "en")
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr == (
        "error: SMX-001 is in several ledgers: other-2024/SMX-001, smx-city-2024/SMX-001; "
        "write LEDGER-ID/ISSUE-ID, or name the ledger file with -l\n"
    )
    ambiguous_zh = refused(run, three, 1, "done", "SMX-001")
    assert ambiguous_zh.stderr.startswith(
        "错误：编号 SMX-001 在多个台账中都有：other-2024/SMX-001, smx-city-2024/SMX-001；"
    )
    unknown_en = run("show", "ZZZ-9", "--lang", "en")
    assert unknown_en.exit_code == 1
    assert unknown_en.stderr == (
        "error: no issue ZZZ-9 (searched 4 issues); rectify list shows every id\n"
    )
    qualified = run("update", "smx-city-2024/SMX-001", "-c", "10")
    assert qualified.exit_code == 0, qualified.stderr
    assert issue(three, "SMX-001")["completion"] == 10
    by_file = run("update", "SMX-001", "-c", "20", "-l", "ledgers/other-2024.yaml")
    assert by_file.exit_code == 0


# --- list and show -------------------------------------------------------------------------------


@pytest.fixture
def city(tmp_path: Path, examples: Path) -> Path:
    """A copy of the Sanmenxia city and county ledgers."""
    target = tmp_path / "city-county"
    shutil.copytree(examples / "sanmenxia" / "city-county", target)
    return target


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_list_golden(run: RunCli, city: Path, golden: Golden, lang: str) -> None:
    result = run("list", "-l", str(city), "--as-of", "2024-11-30", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    golden(f"list_{lang}.txt", result.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_golden(run: RunCli, city: Path, golden: Golden, lang: str) -> None:
    result = run("show", "SMX-003", "-l", str(city), "--as-of", "2024-11-30", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    golden(f"show_{lang}.txt", result.stdout)


def test_list_and_show_json_golden(run: RunCli, city: Path, golden: Golden) -> None:
    """What scripts read: every issue as it stood on 30 November, and one issue in full."""
    listed = run("list", "-l", "city-county", "--as-of", "2024-11-30", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    golden("list_city-county.json", listed.stdout)
    shown = run("show", "SMX-014", "-l", "city-county", "--as-of", "2024-11-30", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    golden("show_smx-014.json", shown.stdout)


def test_list_is_sorted_by_deadline_with_overdue_marked(run: RunCli, city: Path) -> None:
    data = json.loads(run("list", "-l", str(city), "--format", "json").stdout)
    deadlines = [row["deadline"] for row in data]
    assert deadlines == sorted(deadlines)
    text = run("list", "-l", str(city), "--overdue", "--as-of", "2024-11-30", "--lang", "zh").stdout
    assert "逾期 10 天" in text
    overdue = json.loads(
        run(
            "list", "-l", str(city), "--overdue", "--as-of", "2024-11-30", "--format", "json"
        ).stdout
    )
    assert overdue and all(row["status"] in ("open", "in_progress") for row in overdue)
    assert all(row["deadline"] < "2024-11-30" or row.get("deadline_changes") for row in overdue)


def test_list_fits_a_narrow_terminal(run: RunCli, city: Path) -> None:
    from rich.cells import cell_len

    result = run(
        "list", "-l", str(city), "--as-of", "2024-11-30", "--lang", "zh", env={"COLUMNS": "80"}
    )
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "逾期 15 天" in result.stdout and "临期，还剩 10 天" in result.stdout
    header = " ".join(lines[0].split() + lines[1].split())
    for name in ("预警", "编号", "问题", "牵头单位", "整改时限", "时限情况"):
        assert name in header  # 整改时限, the column the list is sorted by, stays
    at = next(n for n, line in enumerate(lines) if line.startswith("未显示："))
    note = "".join(lines[at : at + 2])  # the note, wrapped at 80 columns
    assert "整改状态" in note and "rectify --wide list" in note
    assert [line.split()[:2] for line in lines if line.startswith(("红", "黄", "蓝"))] == [
        ["红", "SMX-014"],
        ["红", "LB-003"],
        ["蓝", "SMX-012"],
    ]


def test_list_filters(run: RunCli, city: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = run("list", "-l", str(city), "--format", "json", "--as-of", "2024-11-30", *args)
        assert result.exit_code == 0, result.stderr
        return [row["id"] for row in json.loads(result.stdout)]

    every = ids()
    assert len(every) == 42
    rectified = ids("--status", "已整改")
    assert rectified == ids("--status", "rectified")
    assert rectified and set(rectified) < set(every)
    province = ids("--source", "province")
    assert sorted(province) == ["SMX-001", "SMX-002", "SMX-003"]
    lead = ids("--unit", "市财政局")  # the lead unit, as status and due count
    assert "SMX-004" in lead and "SMX-002" not in lead
    co = ids("--co-unit", "市财政局")
    assert "SMX-002" in co and "SMX-004" not in co  # 市财政局 is a co-unit of SMX-002
    either = ids("--unit", "市财政局", "--co-unit", "市财政局")
    assert set(either) == set(lead) | set(co)
    assert set(ids("--track", "立行立改")) == set(ids("--track", "immediate"))
    soon = ids("--due-within", "31")
    assert soon and not set(soon) & set(rectified)
    both = ids("--due-within", "31", "--overdue")
    assert set(soon) | set(ids("--overdue")) == set(both)


def test_list_as_of_a_past_day_reads_the_history(run: RunCli, city: Path) -> None:
    def ids(day: str, *args: str) -> list[str]:
        result = run("list", "-l", str(city), "--format", "json", "--as-of", day, *args)
        return [row["id"] for row in json.loads(result.stdout)]

    assert "SMX-002" in ids("2024-10-01", "--status", "rectified")  # signed off 2024-10-25
    assert "SMX-002" in ids("2024-11-30", "--status", "closed")
    assert "SMX-002" in ids("2024-09-01", "--status", "in_progress")
    assert not [i for i in ids("2024-07-12") if i.startswith("LB-")]  # assigned 2024-07-15
    shown = run("show", "SMX-002", "-l", str(city), "--as-of", "2024-10-01", "--lang", "en")
    status = next(line for line in shown.stdout.splitlines() if line.startswith("status "))
    assert status.split() == ["status", "rectified"]


def test_list_refusals(run: RunCli, city: Path) -> None:
    unit = run("list", "-l", str(city), "--unit", "市财务局", "--lang", "zh")
    assert unit.exit_code == 1
    assert "是不是 市财政局" in unit.stderr
    status = run("list", "-l", str(city), "--status", "done", "--lang", "en")
    assert status.exit_code == 2
    assert "open (not started), in_progress (in progress)" in status.stderr
    fmt = run("list", "-l", str(city), "--format", "xml")
    assert fmt.exit_code == 2


def test_list_json_and_csv_use_the_format_keys(run: RunCli, city: Path) -> None:
    data = json.loads(
        run("list", "-l", str(city / "smx-city-2024.yaml"), "--format", "json").stdout
    )
    first = next(row for row in data if row["id"] == "SMX-003")
    assert list(first)[:4] == ["ledger", "id", "title", "description"]
    assert first["ledger"] == "smx-city-2024"
    assert first["deadline_changes"][0]["from"] == "2024-12-31"
    assert first["completion"] == 74.4
    text = run("list", "-l", str(city / "smx-city-2024.yaml"), "--format", "csv").stdout
    import csv

    rows = list(csv.DictReader(text.splitlines()))
    smx3 = next(row for row in rows if row["id"] == "SMX-003")
    assert smx3["co_units"] == "市民政局; 市财政局"
    assert smx3["assigned_on"] == "2024-07-10"
    assert smx3["status"] == "in_progress"


def test_show_json(run: RunCli, city: Path) -> None:
    result = run("show", "LB-002", "-l", str(city), "--format", "json")
    data = json.loads(result.stdout)
    assert data["ledger"] == "lingbao-2024"
    assert data["verification"] == {
        "by": "灵宝市人大常委会社会建设工作委员会",
        "date": "2024-09-10",
        "note": "查阅监管档案，同意销号",
    }
    missing = run("show", "LB-099", "-l", str(city), "--lang", "en")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("error: no issue LB-099")


def test_list_with_nothing_matching(run: RunCli, three: Path) -> None:
    result = run("list", "--status", "closed", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == "as of 2024-11-30, no issue matches\n"


# --- user text is data ---------------------------------------------------------------------------


def test_markup_and_escape_sequences_print_as_typed(run: RunCli, project: Path) -> None:
    add(run, "[red]x[/]")
    add(run, "\x1b[31m红色\x1b[0m标题")
    listed = run("list").stdout
    shown = run("show", "SMX-002").stdout
    for text in (listed, shown):
        assert "\x1b" not in text
    assert "[red]x[/]" in listed
    assert "\\x1b[31m红色\\x1b[0m标题" in listed
    assert "\\x1b[31m红色\\x1b[0m标题" in shown
    added = run("add", "--title", "\x1b]0;pwned\x07", "--unit", "市民政局", "--deadline", "2025-01")
    assert "\x1b" not in added.stdout and "\x07" not in added.stdout
    checked(run)


# --- completion and help -------------------------------------------------------------------------


def test_shell_completion_offers_ids_and_units(run: RunCli, three: Path) -> None:
    ids = run(
        env={"_RECTIFY_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "rectify show SMX-00"}
    )
    assert "SMX-001" in ids.stdout and "SMX-003" in ids.stdout
    units = run(
        env={"_RECTIFY_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "rectify add --unit 市"}
    )
    for unit in UNITS:
        assert unit in units.stdout


@pytest.mark.parametrize(
    "command",
    ["add", "update", "done", "close", "reopen", "extend", "dismiss", "list", "show", "new"],
)
def test_every_ledger_command_takes_ledger(run: RunCli, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "--ledger" in result.stdout and "-l" in result.stdout


# --- the Chinese quick start, as a new user follows it ------------------------------------------

README_ZH = Path(__file__).resolve().parent.parent / "README.zh-CN.md"
INTERACTIVE_ADD = "rectify add"


def readme_steps() -> list[tuple[str, list[str]]]:
    """Every `$ command` of README.zh-CN.md's plain code blocks, with the output shown under it."""
    steps: list[tuple[str, list[str]]] = []
    block: str | None = None  # the language of the code block we are in, "" for a plain one
    for line in README_ZH.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            block = line[3:] if block is None else None
            continue
        if block != "":
            continue
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def readme_answers() -> tuple[list[tuple[str, str]], str]:
    """The prompts and answers of the quick start's `rectify add` session, and its last line."""
    shown = dict(readme_steps())[INTERACTIVE_ADD]
    # Headings of numbered lists end in a colon too, but show no answer and no [default].
    asked = [
        line.split("：", 1)
        for line in shown[:-1]
        if "：" in line and (not line.endswith("：") or "[" in line)
    ]
    return [(prompt + "：", answer) for prompt, answer in asked], shown[-1]


def test_readme_quick_start_gives_the_outputs_it_shows(run: RunCli, tmp_path: Path) -> None:
    import shlex

    folder = tmp_path / "整改台账"
    folder.mkdir()
    ran = 0
    for command, shown in readme_steps():
        words = shlex.split(command)
        if words[0] != "rectify" or words[1:] in (["--version"], []):
            continue
        if command == INTERACTIVE_ADD:  # driven in a terminal by tests/test_pty.py
            answers, last = readme_answers()
            words = [
                "rectify",
                "add",
                "--title",
                answers[0][1],
                "--unit",
                "市财政局",
                "--deadline",
                answers[2][1],
                "--source",
                "审议意见提出",
                "--assigned-on",
                answers[-1][1],
            ]
            shown = [last]
        result = run(*words[1:], cwd=folder)
        assert (result.stdout + result.stderr).splitlines() == shown, command
        ran += 1
    assert ran >= 15
    data = yaml.safe_load((folder / "ledgers" / "smx-city-2024.yaml").read_text(encoding="utf-8"))
    assert [(i["id"], i["status"]) for i in data["issues"]] == [
        ("SMX-001", "in_progress"),
        ("SMX-002", "closed"),
        ("SMX-003", "open"),
    ]
    shown_yaml = README_ZH.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    assert (folder / "ledgers" / "smx-city-2024.yaml").read_text(encoding="utf-8") == shown_yaml


DAILY_COMMANDS = (
    "init",
    "new",
    "add",
    "update",
    "done",
    "apply",
    "return",
    "close",
    "reopen",
    "extend",
    "dismiss",
    "list",
    "show",
)


def test_the_daily_commands_come_first_in_the_commands_page() -> None:
    """docs/commands.md opens with the daily round, in the order staff use it (test_docs_commands
    checks that every command and option is there)."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "commands.md").read_text("utf-8")
    headings = [line.split()[2] for line in doc.splitlines() if line.startswith("## rectify ")]
    assert headings[: len(DAILY_COMMANDS)] == list(DAILY_COMMANDS)


# --- three-colour warnings (三色预警) in list and show -------------------------------------------


def _field(stdout: str, name: str) -> str | None:
    """The value of one field of `show`: the text after its label, None when it is absent."""
    for line in stdout.splitlines():
        parts = re.split(r"\s{2,}", line, maxsplit=1)
        if len(parts) == 2 and parts[0] == name:
            return parts[1]
    return None


def _warned(stdout: str, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, id) of the table rows that carry a warning label (after the ledger, if shown)."""
    found = []
    for line in stdout.splitlines():
        words = line.split()[:3]
        for label, issue in itertools.pairwise(words):
            if label in labels:
                found.append((label, issue))
    return found


@pytest.mark.parametrize(
    ("lang", "labels", "header"),
    [("zh", ("红", "黄", "蓝"), "预警"), ("en", ("red", "yellow", "blue"), "warning")],
)
def test_list_shows_the_warning_of_each_issue(
    run: RunCli, city: Path, lang: str, labels: tuple[str, ...], header: str
) -> None:
    result = run("list", "-l", str(city), "--as-of", "2024-11-30", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert header in " ".join(result.stdout.splitlines()[:2]).split()
    red, _, blue = labels
    assert _warned(result.stdout, labels) == [(red, "SMX-014"), (red, "LB-003"), (blue, "SMX-012")]


def test_list_warning_filter_is_repeatable_and_takes_chinese_names(run: RunCli, city: Path) -> None:
    def ids(*options: str) -> list[str]:
        result = run("list", "-l", str(city), "--as-of", "2024-11-30", "--format", "json", *options)
        assert result.exit_code == 0, result.stderr
        return [row["id"] for row in json.loads(result.stdout)]

    assert ids("--warning", "red") == ["SMX-014", "LB-003"]
    assert ids("--warning", "蓝") == ["SMX-012"]
    assert ids("--warning", "red", "--warning", "blue") == ["SMX-014", "LB-003", "SMX-012"]
    assert ids("--warning", "黄色预警") == []
    assert ids("--warning", "blue", "--unit", "灵宝市民政局") == []
    bad = run("list", "-l", str(city), "--warning", "purple", "--lang", "en")
    assert bad.exit_code == 2
    assert "--warning: purple is not valid; choose one of: red (red), yellow (yellow), blue" in (
        bad.stderr
    )


def test_list_json_and_csv_carry_the_warning(run: RunCli, city: Path) -> None:
    result = run("list", "-l", str(city), "--as-of", "2024-11-30", "--format", "json")
    rows = {row["id"]: row["warning"] for row in json.loads(result.stdout)}
    assert len(rows) == 42
    assert {key: value for key, value in rows.items() if value is not None} == {
        "SMX-014": "red",
        "LB-003": "red",
        "SMX-012": "blue",
    }
    assert rows["SMX-003"] is None and rows["SMX-015"] is None
    table = run("list", "-l", str(city), "--as-of", "2024-11-30", "--format", "csv").stdout
    records = list(csv.DictReader(io.StringIO(table)))
    assert list(records[0])[-1] == "warning"
    assert {r["id"]: r["warning"] for r in records if r["warning"]} == {
        "SMX-014": "red",
        "LB-003": "red",
        "SMX-012": "blue",
    }


@pytest.mark.parametrize(
    ("issue", "lang", "line"),
    [
        (
            "SMX-014",
            "zh",
            "红色预警（逾期）：整改时限 2024-11-15，已超过 15 天，完成进度 82%",
        ),
        (
            "LB-003",
            "zh",
            "红色预警（逾期）：整改时限 2024-11-20，已超过 10 天，完成进度 80%",
        ),
        (
            "SMX-012",
            "zh",
            "蓝色预警（临期）：整改时限 2024-12-10，还剩 10 天，完成进度 85%",
        ),
        (
            "SMX-014",
            "en",
            "red warning (overdue): deadline 2024-11-15, 15 days past, 82% complete",
        ),
        (
            "SMX-012",
            "en",
            "blue warning (due soon): deadline 2024-12-10, 10 days left, 85% complete",
        ),
    ],
)
def test_show_says_the_warning_and_its_figures(
    run: RunCli, city: Path, issue: str, lang: str, line: str
) -> None:
    result = run("show", issue, "-l", str(city), "--as-of", "2024-11-30", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert _field(result.stdout, "预警" if lang == "zh" else "warning") == line


def test_show_has_no_warning_line_once_rectified(run: RunCli, city: Path) -> None:
    result = run("show", "SMX-015", "-l", str(city), "--as-of", "2024-11-30", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert _field(result.stdout, "完成进度") == "100.0%"
    assert _field(result.stdout, "预警") is None


def test_show_json_carries_the_warning(run: RunCli, city: Path) -> None:
    def warning(issue: str) -> object:
        result = run("show", issue, "-l", str(city), "--as-of", "2024-11-30", "--format", "json")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["id"] == issue
        return data["warning"]

    assert [warning(i) for i in ("SMX-014", "SMX-012", "SMX-003", "SMX-015")] == [
        "red",
        "blue",
        None,
        None,
    ]


def test_pace_margin_from_rectify_toml_turns_lagging_issues_yellow(
    run: RunCli, city: Path, tmp_path: Path
) -> None:
    # SMX-012 stands at 85 % against 93.4 % on the pace line: 8.4 points behind.
    (tmp_path / "rectify.toml").write_text("pace_margin = 5\n", encoding="utf-8")
    listed = run("list", "-l", str(city), "--as-of", "2024-11-30", "--lang", "zh")
    assert _warned(listed.stdout, ("红", "黄", "蓝")) == [
        ("红", "SMX-014"),
        ("红", "LB-003"),
        ("黄", "SMX-012"),
    ]
    shown = run("show", "SMX-012", "-l", str(city), "--as-of", "2024-11-30", "--lang", "zh")
    assert (
        _field(shown.stdout, "预警")
        == "黄色预警（进度滞后）：完成进度 85%，序时进度 93.4%，落后 8.4 个百分点"
    )
    english = run("show", "SMX-012", "-l", str(city), "--as-of", "2024-11-30", "--lang", "en")
    assert (
        _field(english.stdout, "warning")
        == "yellow warning (behind pace): 85% complete against 93.4% on the "
        "pace line, 8.4 points behind"
    )

    def due_levels(*options: str) -> dict[str, str]:
        result = run("due", str(city), "--as-of", "2024-11-30", "--format", "json", *options)
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        return {e["id"]: e["level"] for unit in data["units"] for e in unit["issues"]}

    assert due_levels()["SMX-012"] == "yellow"
    assert due_levels("--margin", "10")["SMX-012"] == "blue"  # the option overrides the file
    notice = run("notice", "市民政局", str(city), "--as-of", "2024-11-30", "--lang", "zh")
    assert notice.exit_code == 0, notice.stderr
    assert "滞后8.4个百分点" in notice.stdout


def test_show_no_warning_line_gives_the_pace(run: RunCli, city: Path) -> None:
    result = run("show", "SMX-003", "-l", str(city), "--as-of", "2024-11-30", "--lang", "en")
    assert _field(result.stdout, "warning") == "no warning: 74.4% complete, 40.2% on the pace line"


def test_an_id_with_an_escape_code_cannot_drive_the_terminal(run: RunCli, city: Path) -> None:
    result = run("show", "SMX-\x1b[2J\x07", "-l", str(city), "--lang", "en")
    assert result.exit_code != 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "SMX-\\x1b[2J\\x07" in result.stderr


def test_pace_margin_from_rectify_toml_also_sets_status_and_the_report(
    run: RunCli, city: Path, tmp_path: Path
) -> None:
    def warnings() -> dict[str, int]:
        result = run("status", str(city), "--as-of", "2024-11-30", "--format", "json")
        assert result.exit_code == 0, result.stderr
        return dict(json.loads(result.stdout)["warnings"])

    assert warnings() == {"red": 2, "yellow": 0, "blue": 1}
    (tmp_path / "rectify.toml").write_text("pace_margin = 5\n", encoding="utf-8")
    assert warnings() == {"red": 2, "yellow": 1, "blue": 0}  # SMX-012, 8.4 points behind
    report = run("report", "--month", "2024-11", str(city), "--lang", "en", today="2024-11-30")
    assert report.exit_code == 0, report.stderr
    assert "more than 5 points behind the pace line" in report.stdout
