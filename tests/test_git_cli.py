"""`rectify diff`, `rectify log` and `rectify fix-ids` as a user runs them, in real repositories."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Golden, RunCli
from gitrepo import (
    NOVEMBER,
    OCTOBER,
    Repo,
    add_progress,
    append_issue,
    issue_text,
    make_repo,
    set_field,
    three_issues,
)
from rectify.figures.diff import Change, Kind
from rectify.ledger.check import check_document
from rectify.ledger.load import load_valid
from rectify.ledger.yaml import parse_text
from rectify.model import Ledger, Status
from rectify.output.changes import changes_markdown
from rectify.render.changes import render_changes
from rectify.text import md_escape

D = dt.date
CITY = "ledgers/city.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return make_repo(tmp_path / "repo", monkeypatch)


def november(repo: Repo) -> None:
    """October's ledger committed; November's work done on top, partly committed."""
    repo.write(CITY, three_issues())
    repo.commit("十月进展", date=OCTOBER)
    text = add_progress(three_issues(), "CT-001", "2024-11-22", "100", "41个小区全部补建移交")
    text = set_field(text, "CT-001", "status", "rectified")
    text = set_field(text, "CT-001", "rectified_on", "2024-11-22")
    text = add_progress(text, "CT-002", "2024-11-28", "55", "完成4家敬老院转型")
    repo.write(CITY, text)
    repo.commit("十一月进展", date=NOVEMBER, author="李四")
    text = set_field(text, "CT-003", "deadline", "2025-12-31")
    text = set_field(
        text,
        "CT-003",
        "deadline_changes",
        "\n      - date: 2024-11-25\n        from: 2025-06-30\n        to: 2025-12-31\n"
        "        reason: 冬季停工",
    )
    text = append_issue(text, issue_text("CT-004", "护理员队伍不稳定", deadline="2025-03-31"))
    repo.write(CITY, text)  # not committed yet


# --- rectify diff -------------------------------------------------------------------------------


def test_diff_table_in_chinese(run: RunCli, repo: Repo, golden: Golden) -> None:
    november(repo)
    result = run("diff", "ledgers", "--lang", "zh", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    golden("diff_table_zh.txt", result.stdout)
    assert (
        "4 个问题有变化：新增问题 1 个，整改完成 1 个，调整时限 1 个，报送进展 2 条。"
        in result.stdout
    )
    assert "已整改（2024-11-22）" in result.stdout


def test_diff_table_in_english(run: RunCli, repo: Repo, golden: Golden) -> None:
    november(repo)
    result = run("diff", "--lang", "en", cwd=repo.path)  # the default ledgers folder
    assert result.exit_code == 0, result.stderr
    golden("diff_table_en.txt", result.stdout)
    assert "deadline 2025-06-30 → 2025-12-31 (2024-11-25: 冬季停工)" in result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80])
def test_diff_and_log_fit_a_narrow_screen(run: RunCli, repo: Repo, width: int, lang: str) -> None:
    """Ids, dates and hashes stay whole; titles and changes wrap inside their cells."""
    november(repo)
    env = {"COLUMNS": str(width)}
    diff = run("diff", "ledgers", "--lang", lang, cwd=repo.path, env=env)
    log = run("log", "CT-003", "-l", CITY, "--lang", lang, cwd=repo.path, env=env)
    for result in (diff, log):
        assert result.exit_code == 0, result.stderr
        assert all(_cells(line) <= width for line in result.stdout.splitlines()), result.stdout
    for token in ("CT-001", "CT-002", "CT-003", "CT-004"):
        assert token in diff.stdout
    assert "2024-10-31 18:20" in log.stdout
    # the change, wrapped, still reads whole once the lines are joined
    assert "2025-06-30→2025-12-31" in "".join(log.stdout.split())


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def test_diff_markdown_and_json_from_a_named_revision(
    run: RunCli, repo: Repo, golden: Golden
) -> None:
    november(repo)
    result = run("diff", "HEAD", CITY, "--format", "markdown", "--lang", "zh", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    golden("diff_since_head_zh.md", result.stdout)
    as_json = run("diff", "HEAD", CITY, "--format", "json", cwd=repo.path)
    data = json.loads(as_json.stdout)
    assert data["from"]["subject"] == "十一月进展"
    assert data["to"] == "working tree"
    assert (data["issues_changed"], data["counts"]) == (2, {"deadline": 1, "added": 1})
    assert [(c["kind"], c["issue"]) for c in data["changes"]] == [
        ("deadline", "CT-003"),
        ("added", "CT-004"),
    ]


def test_diff_when_nothing_changed(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues())
    sha = repo.commit("十月进展")
    result = run("diff", "HEAD", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 0
    assert result.stdout == (
        f"Changes since the version of 2024-10-31 18:20 ({sha[:7]}, 十月进展)\n"
        f"No change to the ledgers since the version of 2024-10-31 18:20 ({sha[:7]}, 十月进展).\n"
    )


def test_diff_follows_a_renamed_ledger(run: RunCli, repo: Repo) -> None:
    repo.write("ledgers/city-2024.yaml", three_issues())
    repo.commit("十月进展")
    repo.git("mv", "ledgers/city-2024.yaml", "ledgers/市本级.yaml")
    repo.commit("改名", date=NOVEMBER)
    result = run("diff", "HEAD~1", "--format", "json", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert changes == [
        {
            "kind": "ledger_moved",
            "ledger": "city-2024",
            "title": "市人大常委会问题清单",
            "before": "ledgers/city-2024.yaml",
            "after": "ledgers/市本级.yaml",
        }
    ]


def test_diff_outside_a_repository(run: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    (folder / "ledgers").mkdir(parents=True)
    (folder / "ledgers" / "city.yaml").write_text(three_issues(), encoding="utf-8")
    result = run("diff", "--lang", "en", cwd=folder)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {folder / 'ledgers'} is not in a git repository: this command reads the "
        "ledgers' commit history; run it inside one (or git init and commit the ledgers first)\n"
    )


def test_diff_with_git_missing(run: RunCli, repo: Repo, tmp_path: Path) -> None:
    repo.write(CITY, three_issues())
    empty = tmp_path / "nobin"
    empty.mkdir()
    result = run("diff", "--lang", "zh", cwd=repo.path, env={"PATH": str(empty)})
    assert result.exit_code == 3
    assert result.stderr.startswith("错误：找不到 git 命令：请安装 git（https://git-scm.com）")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_diff_with_a_bad_revision(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues())
    repo.commit("十月进展")
    result = run("diff", "v2024-13", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no revision v2024-13 in git: give a commit id (a1b2c3d), a branch, a tag or "
        "HEAD~1; git log --oneline lists the commits\n"
    )


def test_diff_without_a_commit_before_this_month(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues())
    repo.commit("十一月建账", date=NOVEMBER)
    result = run("diff", "--lang", "zh", cwd=repo.path)
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：2024-11-01 之前没有提交，找不到上月报告时的版本："
        "请指定版本，例如 rectify diff HEAD~1\n"
    )


def test_diff_names_errors_in_the_committed_version(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues().replace("deadline: 2025-06-30", "deadline: 2025-02-30", 1))
    sha = repo.commit("错的日期")
    repo.write(CITY, three_issues())
    result = run("diff", "HEAD", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: the ledgers as committed at HEAD have 1 error(s); the first is "
        f"{sha[:7]}:ledgers/city.yaml:15: "
    )


# --- the example set: what moved in November ------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def rewind(ledger: Ledger, day: dt.date) -> str:
    """The ledger as it stood on ``day``, from its own dated history, as YAML text."""
    issues = []
    for issue in ledger.issues:
        assigned = ledger.assigned_on(issue)
        if assigned is not None and assigned > day:
            continue
        old = issue.model_copy(deep=True)
        old.progress = [e for e in issue.progress if e.date <= day]
        kept = [c for c in issue.deadline_changes if c.date <= day]
        if len(kept) < len(issue.deadline_changes):
            old.deadline = issue.deadline_changes[len(kept)].from_
        old.deadline_changes = kept
        last = old.progress[-1].completion if old.progress else 0
        if issue.rectified_on is not None and issue.rectified_on > day:
            old.status = Status.IN_PROGRESS if last else Status.OPEN
            old.rectified_on = old.verification = None
        elif issue.verification and issue.verification.date and issue.verification.date > day:
            old.status = Status.RECTIFIED
            old.verification = None
        if issue.dismissed_on is not None and issue.dismissed_on > day:
            old.status, old.reason, old.dismissed_on = Status.IN_PROGRESS, None, None
        if old.status in (Status.OPEN, Status.IN_PROGRESS) and old.progress:
            old.completion = last
        issues.append(_plain(old.model_dump(by_alias=True)))
    data = {
        "schema": 1,
        "ledger": _plain(ledger.ledger.model_dump(by_alias=True)),
        "issues": issues,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_example_set_changes_in_november_for_the_monthly_report(
    run: RunCli, repo: Repo, examples: Path, golden: Golden
) -> None:
    source = examples / "sanmenxia" / "city-county"
    for loaded in load_valid([source], as_of=D(2024, 11, 30)):
        october = rewind(loaded.ledger, D(2024, 10, 31))
        found, problems = check_document(parse_text(loaded.path, october), as_of=D(2024, 10, 31))
        assert found is not None, problems
        repo.write(f"ledgers/{loaded.path.name}", october)
    repo.commit("2024年10月台账", date=OCTOBER)
    shutil.rmtree(repo.path / "ledgers")
    shutil.copytree(source, repo.path / "ledgers")
    repo.commit("2024年11月台账", date="2024-11-30T17:30:00+08:00", author="李四")
    result = run("diff", "--format", "markdown", "--lang", "zh", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    golden("diff_examples_november_zh.md", result.stdout)
    assert "### 整改完成（6 个）" in result.stdout
    english = run("diff", "--format", "markdown", "--lang", "en", cwd=repo.path)
    golden("diff_examples_november_en.md", english.stdout)


# --- rectify log ----------------------------------------------------------------------------------


def test_log_of_one_issue(run: RunCli, repo: Repo, golden: Golden) -> None:
    november(repo)
    result = run("log", "CT-003", "--lang", "zh", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    golden("log_ct003_zh.txt", result.stdout)
    assert "（未提交）" in result.stdout and "整改时限 2025-06-30 → 2025-12-31" in result.stdout
    done = run("log", "CT-001", "--format", "json", cwd=repo.path)
    history = json.loads(done.stdout)["history"]
    assert [(h["author"], [c["kind"] for c in h["changes"]]) for h in history] == [
        ("张三", ["added"]),
        ("李四", ["progress", "rectified"]),
    ]
    assert history[1]["date"] == "2024-11-20 10:00"


def test_log_with_a_ledger_qualified_id(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues())
    repo.write("ledgers/county.yaml", three_issues().replace("id: city-2024", "id: county-2024"))
    repo.commit("两个台账")
    both = run("log", "CT-002", "--lang", "en", cwd=repo.path)
    assert both.exit_code == 1
    assert both.stderr == (
        "error: issue id CT-002 is in several ledgers (city-2024, county-2024): write LEDGER/ID, "
        "e.g. city-2024/CT-002\n"
    )
    one = run("log", "county-2024/CT-002", "--format", "json", cwd=repo.path)
    assert one.exit_code == 0, one.stderr
    assert len(json.loads(one.stdout)["history"]) == 1


def test_log_of_an_unknown_issue_suggests_one(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues())
    repo.commit("建账")
    result = run("log", "CT-0003", "--lang", "zh", cwd=repo.path)
    assert result.exit_code == 1
    assert result.stderr == "错误：台账及其历史中都没有问题 CT-0003，是不是 CT-003？\n"


def test_log_of_a_removed_issue_is_found_in_history(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, append_issue(three_issues(), issue_text("CT-004", "重复录入")))
    repo.commit("建账")
    repo.write(CITY, three_issues())
    repo.commit("删除重复", date=NOVEMBER, author="李四")
    result = run("log", "CT-004", "--format", "json", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    kinds = [c["kind"] for h in json.loads(result.stdout)["history"] for c in h["changes"]]
    assert kinds == ["added", "removed"]


def test_log_follows_a_carried_problem_back_to_last_year(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues())
    repo.commit("建账")
    carried = run(
        "carry-over", CITY, "--to", "ledgers/city-2025.yaml", "--on", "2024-11-30", cwd=repo.path
    )
    assert carried.exit_code == 0, carried.stderr
    repo.commit("结转", date=NOVEMBER, author="李四")
    assert run("update", "CT-002", "-c", "60", cwd=repo.path).exit_code == 0
    result = run("log", "CT-002", "--format", "json", cwd=repo.path)  # both years in scope
    assert result.exit_code == 0, result.stderr
    history = json.loads(result.stdout)["history"]
    assert [(h["carried_from"], [c["kind"] for c in h["changes"]]) for h in history] == [
        ("city-2024/CT-002", ["added"]),  # last year's, first
        ("city-2024/CT-002", ["progress"]),  # its note saying where it went
        (None, ["added"]),  # this year's, carried in (git may take the file for a copy)
        (None, ["progress"]),  # not committed yet
    ]
    table = run("log", "CT-002", "--lang", "zh", cwd=repo.path)
    assert "（结转前 city-2024/CT-002）" in table.stdout


# --- rectify fix-ids ----------------------------------------------------------------------------


def duplicated() -> str:
    text = append_issue(three_issues(), issue_text("CT-004", "王"))
    return append_issue(text, issue_text("CT-004", "李"))


def test_fix_ids_dry_run_changes_nothing(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "ledgers" / "city.yaml"
    path.parent.mkdir()
    path.write_text(duplicated(), encoding="utf-8")
    result = run("fix-ids", "--dry-run", "--lang", "zh", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:62: CT-004 → CT-005（与第 49 行的问题编号重复）",
        "试运行：将改 1 个编号，涉及 1 个文件；未修改任何文件。",
    ]
    assert path.read_text(encoding="utf-8") == duplicated()


def test_fix_ids_keeps_quoting_and_everything_else(run: RunCli, tmp_path: Path) -> None:
    text = duplicated().replace(
        "  - id: CT-004\n    title: 李", "  - id: 'CT-004'  # 李的\n    title: 李"
    )
    path = tmp_path / "city.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("fix-ids", str(path), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == text.replace("'CT-004'  # 李的", "'CT-005'  # 李的")
    again = run("fix-ids", str(path), "--lang", "en")
    assert again.stdout == "no duplicate issue ids (1 file(s) checked).\n"


def test_fix_ids_without_a_prefix(run: RunCli, tmp_path: Path) -> None:
    text = duplicated().replace("  id_prefix: CT\n", "").replace("CT-00", "第")
    path = tmp_path / "city.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("fix-ids", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}: cannot tell the prefix for a new id (no ledger.id_prefix, and no id of the "
        "form PREFIX-NUMBER); change the duplicate id 第4 by hand\n"
    )
    assert path.read_text(encoding="utf-8") == text


def test_fix_ids_on_a_broken_file(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text("issues: [\n", encoding="utf-8")
    result = run("fix-ids", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == f"{path}: cannot be parsed, skipped; run rectify check first\n"


# --- the Markdown and the table themselves -------------------------------------------------------


def test_markdown_escapes_user_text_in_tables() -> None:
    change = Change(
        Kind.PROGRESS,
        "city-2024",
        "CT-001",
        "标题|带竖线 *星号* [red]x[/]",
        "市民政局",
        date=D(2024, 11, 28),
        completion=45.0,
        note="第一行\n第二行 <b>粗</b>",
    )
    text = changes_markdown([change], "zh", since="abc1234（2024-10-31，十月_进展）", level=3)
    assert text.splitlines() == [
        "### 自 abc1234（2024-10-31，十月\\_进展）以来的变化",
        "",
        "1 个问题有变化：报送进展 1 条。",
        "",
        "#### 报送进展（1 条）",
        "",
        "| 编号 | 问题 | 日期 | 完成进度 | 进展情况 |",
        "|---|---|---|---|---|",
        "| CT-001 | 标题\\|带竖线 \\*星号\\* \\[red\\]x\\[/\\] | 2024-11-28 | 45% | "
        "第一行 第二行 \\<b\\>粗\\</b\\> |",
    ]
    assert md_escape(None) == ""
    # A terminal escape in a title never reaches a report (it did via diff --format markdown).
    assert md_escape("标题\x1b[2K") == "标题\\[2K"


def test_markdown_without_changes() -> None:
    assert changes_markdown([], "en", since="abc1234") == (
        "## Changes since abc1234\n\nNo change to the ledgers since abc1234.\n"
    )


def test_table_prints_markup_as_typed() -> None:
    change = Change(Kind.RECTIFIED, "c", "CT-001", "[red]x[/]", "单位", date=D(2024, 11, 1))
    text = render_changes([change], "en", since="[bold]s[/]", width=80, color=False)
    assert "[red]x[/]" in text and "[bold]s[/]" in text


def test_diff_of_a_file_that_does_not_exist_says_so(run: RunCli, repo: Repo) -> None:
    repo.write(CITY, three_issues())
    repo.commit("十月进展")
    result = run("diff", "ledgers/citty.yaml", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 3
    assert result.stderr == "error: no such file or folder: ledgers/citty.yaml\n"


# --- goldens -------------------------------------------------------------------------------------


def test_diff_and_log_json_golden(run: RunCli, repo: Repo, golden: Golden) -> None:
    """What scripts read: the changes since the last commit of last month, and one issue's story."""
    november(repo)
    diff = run("diff", "--format", "json", cwd=repo.path)
    assert diff.exit_code == 0, diff.stderr
    golden("diff_city_november.json", diff.stdout)
    log = run("log", "CT-003", "--format", "json", cwd=repo.path)
    assert log.exit_code == 0, log.stderr
    golden("log_ct003.json", log.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fix_ids_golden(run: RunCli, tmp_path: Path, golden: Golden, lang: str) -> None:
    """Two ledgers, a duplicate in each: what a dry run says, what a run says, what it changes."""
    (tmp_path / "ledgers").mkdir()
    city = tmp_path / "ledgers" / "city.yaml"
    county = tmp_path / "ledgers" / "county.yaml"
    city.write_text(duplicated(), encoding="utf-8")
    county_text = append_issue(
        three_issues().replace("id: city-2024", "id: county-2024"), issue_text("CT-002", "赵")
    )
    county.write_text(county_text, encoding="utf-8")
    dry = run("fix-ids", "ledgers", "--dry-run", "--lang", lang, cwd=tmp_path)
    assert dry.exit_code == 0, dry.stderr
    done = run("fix-ids", "ledgers", "--lang", lang, cwd=tmp_path)
    assert done.exit_code == 0, done.stderr
    golden(
        f"fix_ids_{lang}.txt",
        f"$ rectify fix-ids --dry-run\n{dry.stdout}$ rectify fix-ids\n{done.stdout}",
    )
    changed = [
        line
        for before, path in ((duplicated(), city), (county_text, county))
        for line in difflib.unified_diff(
            before.splitlines(keepends=True),
            path.read_text(encoding="utf-8").splitlines(keepends=True),
            f"a/{path.name}",
            f"b/{path.name}",
            n=1,
        )
    ]
    golden("fix_ids.diff", "".join(changed))
