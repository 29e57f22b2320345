"""Merging ledgers edited on two branches: plain git, fix-ids, and the issue-level merge driver.

Real repositories, real branches, real `git merge`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import RunCli
from gitrepo import (
    NOVEMBER,
    Repo,
    add_progress,
    append_issue,
    issue_text,
    ledger_text,
    make_repo,
    set_field,
    three_issues,
)
from rectify.changes import ops
from rectify.io import git, history
from rectify.ledger.load import load_valid, transact
from rectify.ledger.merge import merge, split

D = dt.date

CITY = "ledgers/city.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    found = make_repo(tmp_path / "repo", monkeypatch)
    # git runs the merge driver as `rectify ...`: the one of this Python.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    monkeypatch.setenv("PATH", path)
    found.env["PATH"] = path
    return found


def branches(repo: Repo, base: str, ours: str, theirs: str) -> tuple[bool, str]:
    """Commit ``base`` on main, ``theirs`` on branch `li`, ``ours`` on main; merge li into main."""
    repo.write(CITY, base)
    repo.commit("十月进展")
    repo.git("checkout", "-q", "-b", "li")
    repo.write(CITY, theirs)
    repo.commit("李四：更新", author="李四", date=NOVEMBER)
    repo.git("checkout", "-q", "main")
    repo.write(CITY, ours)
    repo.commit("王五：更新", author="王五", date=NOVEMBER)
    return repo.merge("li")


def check_passes(run: RunCli, repo: Repo) -> None:
    result = run("check", "ledgers", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 0, result.stdout + result.stderr


def setup_driver(run: RunCli, repo: Repo) -> None:
    result = run("git-setup", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    repo.commit("rectify git-setup")


# --- plain git: no driver --------------------------------------------------------------------


def test_different_issues_merge_with_plain_git(run: RunCli, repo: Repo) -> None:
    base = three_issues()
    theirs = add_progress(base, "CT-001", "2024-11-25", "60", "李：完成补建")
    ours = add_progress(base, "CT-003", "2024-11-26", "45", "王：完成改造")
    merged, output = branches(repo, base, ours, theirs)
    assert merged, output
    assert repo.read(CITY) == add_progress(theirs, "CT-003", "2024-11-26", "45", "王：完成改造")
    check_passes(run, repo)


@pytest.mark.parametrize("blank_lines", [True, False], ids=["blank-between", "compact"])
def test_adjacent_issues_merge_with_plain_git(run: RunCli, repo: Repo, blank_lines: bool) -> None:
    """The end of CT-001 and the head of CT-002 are one `- id:` line apart: enough for git."""
    issues = [
        issue_text("CT-001", "养老服务设施配建移交不到位"),
        issue_text("CT-002", "乡镇敬老院闲置率高"),
    ]
    base = ledger_text(*issues) if blank_lines else ledger_text("".join(issues))
    theirs = add_progress(base, "CT-001", "2024-11-25", "60", "李：CT-001 的最后一行之后")
    ours = set_field(base, "CT-002", "title", "乡镇敬老院闲置率高、转型滞后")
    ours = set_field(ours, "CT-002", "status", "rectified")
    ours = set_field(ours, "CT-002", "completion", "100")
    ours = set_field(ours, "CT-002", "rectified_on", "2024-11-20")
    merged, output = branches(repo, base, ours, theirs)
    assert merged, output
    text = repo.read(CITY)
    assert "李：CT-001 的最后一行之后" in text and "转型滞后" in text
    check_passes(run, repo)


def test_both_adding_an_issue_conflicts_in_plain_git_then_fix_ids(run: RunCli, repo: Repo) -> None:
    base = three_issues()
    theirs_issue = issue_text("CT-004", "李：助餐点覆盖不足", unit="市商务局")
    ours = append_issue(base, issue_text("CT-004", "王：护理员流失严重"))
    theirs = append_issue(base, theirs_issue)
    merged, output = branches(repo, base, ours, theirs)
    assert not merged
    assert "CONFLICT (content): Merge conflict in ledgers/city.yaml" in output
    # git interleaves the two new issues line by line; the person keeps both whole.
    conflicted = repo.read(CITY)
    assert "<<<<<<< HEAD\n" in conflicted and conflicted.count("- id: CT-004\n") == 1
    repo.write(CITY, append_issue(ours, theirs_issue))
    result = run("check", "ledgers", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 1
    assert "error[R301]: issue id CT-004 is used twice (first on line 49)" in result.stdout
    fixed = run("fix-ids", "ledgers", "--lang", "en", cwd=repo.path)
    assert fixed.exit_code == 0, fixed.stderr
    assert fixed.stdout.splitlines() == [
        "ledgers/city.yaml:62: CT-004 → CT-005 (the id is also on line 49)",
        "1 id(s) renumbered in 1 file(s). Review, then commit.",
    ]
    assert repo.read(CITY) == append_issue(ours, theirs_issue.replace("CT-004", "CT-005"))
    check_passes(run, repo)


def test_a_merge_in_conflict_is_redone_issue_by_issue_after_git_setup(
    run: RunCli, repo: Repo
) -> None:
    """The way out for a repository without the driver: set it up, then `git checkout -m`."""
    base = three_issues()
    ours = append_issue(base, issue_text("CT-004", "王：护理员流失严重"))
    theirs = append_issue(base, issue_text("CT-004", "李：助餐点覆盖不足"))
    merged, _ = branches(repo, base, ours, theirs)
    assert not merged
    assert run("git-setup", cwd=repo.path).exit_code == 0
    repo.git("checkout", "-m", "--", CITY)
    assert repo.read(CITY) == append_issue(ours, issue_text("CT-005", "李：助餐点覆盖不足"))
    check_passes(run, repo)


def test_a_reopening_on_one_branch_merges_with_work_on_another(run: RunCli, repo: Repo) -> None:
    """The reopened entry is lines of its own issue: it merges like any one-issue change."""
    path = repo.path / CITY
    repo.write(CITY, three_issues())
    repo.commit("十月进展")
    day = D(2024, 11, 30)
    transact(path, lambda lg: ops.mark_done(lg, "CT-001", on=D(2024, 10, 20)), as_of=day)
    repo.commit("整改完成")
    repo.git("checkout", "-q", "-b", "li")
    reopen = lambda lg: ops.reopen(lg, "CT-001", on=D(2024, 11, 10), note="复查反弹")  # noqa: E731
    transact(path, reopen, as_of=day)
    repo.commit("李四：重新整改", author="李四", date=NOVEMBER)
    repo.git("checkout", "-q", "main")
    update = lambda lg: ops.update_progress(lg, "CT-002", on=D(2024, 11, 25), completion=50)  # noqa: E731
    transact(path, update, as_of=day)
    repo.commit("王五：更新", author="王五", date=NOVEMBER)
    merged, output = repo.merge("li")
    assert merged, output
    check_passes(run, repo)
    final = {i.id: i for i in load_valid([path], as_of=day)[0].ledger.issues}
    assert final["CT-001"].status.value == "in_progress"
    assert [(r.date, r.rectified_on) for r in final["CT-001"].reopened] == [
        (D(2024, 11, 10), D(2024, 10, 20))
    ]
    assert final["CT-002"].completion == 50


def test_rectify_own_writes_on_two_branches_merge_with_plain_git(run: RunCli, repo: Repo) -> None:
    """The real writer (loader.transact) changes only the lines of the issue it touches."""
    path = repo.path / CITY
    repo.write(CITY, three_issues())
    repo.commit("十月进展")
    repo.git("checkout", "-q", "-b", "li")
    transact(
        path,
        lambda ledger: ops.update_progress(
            ledger, "CT-001", on=D(2024, 11, 25), completion=60, note="李"
        ),
        as_of=D(2024, 11, 30),
    )
    transact(
        path,
        lambda ledger: ops.mark_done(ledger, "CT-003", on=D(2024, 11, 26)),
        as_of=D(2024, 11, 30),
    )
    repo.commit("李四：更新", author="李四", date=NOVEMBER)
    repo.git("checkout", "-q", "main")
    transact(
        path,
        lambda ledger: ops.mark_done(ledger, "CT-002", on=D(2024, 11, 27)),
        as_of=D(2024, 11, 30),
    )
    repo.commit("王五：更新", author="王五", date=NOVEMBER)
    merged, output = repo.merge("li")
    assert merged, output
    check_passes(run, repo)
    final = load_valid([path], as_of=D(2024, 11, 30))[0].ledger
    assert [(i.id, i.status.value, i.completion) for i in final.issues] == [
        ("CT-001", "in_progress", 60),
        ("CT-002", "rectified", 100),
        ("CT-003", "rectified", 100),
    ]


def test_rectify_adding_an_issue_on_two_branches_needs_the_driver(run: RunCli, repo: Repo) -> None:
    setup_driver(run, repo)
    path = repo.path / CITY
    repo.write(CITY, three_issues())
    repo.commit("十月进展")

    def add(title: str) -> None:
        draft = ops.Draft(title=title, lead_unit="市民政局", deadline=D(2025, 6, 30))
        transact(path, lambda ledger: ops.add_issue(ledger, draft), as_of=D(2024, 11, 30))

    repo.git("checkout", "-q", "-b", "li")
    add("李：助餐点覆盖不足")
    repo.commit("李四：新增", author="李四", date=NOVEMBER)
    repo.git("checkout", "-q", "main")
    add("王：护理员流失严重")
    repo.commit("王五：新增", author="王五", date=NOVEMBER)
    merged, output = repo.merge("li")
    assert merged, output
    check_passes(run, repo)
    final = load_valid([path], as_of=D(2024, 11, 30))[0].ledger
    assert [(i.id, i.title) for i in final.issues[3:]] == [
        ("CT-004", "王：护理员流失严重"),
        ("CT-005", "李：助餐点覆盖不足"),
    ]


def test_without_the_config_the_attribute_falls_back_to_plain_git(repo: Repo) -> None:
    """A clone that has .gitattributes but never ran git-setup merges as git always did."""
    repo.write(".gitattributes", "*.yaml merge=rectify\n")
    base = three_issues()
    ours = append_issue(base, issue_text("CT-004", "王"))
    theirs = append_issue(base, issue_text("CT-004", "李"))
    merged, output = branches(repo, base, ours, theirs)
    assert not merged
    assert "CONFLICT (content)" in output


# --- the merge driver -------------------------------------------------------------------------


def test_git_setup_writes_attributes_and_config(run: RunCli, repo: Repo) -> None:
    repo.write(".gitattributes", "*.png binary")
    result = run("git-setup", "--lang", "en", cwd=repo.path)
    assert result.exit_code == 0
    assert repo.read(".gitattributes") == (
        "*.png binary\n*.yaml merge=rectify\n*.yml merge=rectify\n"
    )
    assert git.get_config(repo.path, "merge.rectify.driver") == ("rectify merge-driver %O %A %B %P")
    again = run("git-setup", "--lang", "en", cwd=repo.path)
    assert again.exit_code == 0
    assert "already registers them; unchanged" in again.stdout
    assert repo.read(".gitattributes").count("merge=rectify") == 2


def test_driver_merges_two_new_issues_and_renumbers_theirs(run: RunCli, repo: Repo) -> None:
    setup_driver(run, repo)
    base = three_issues()
    ours = append_issue(base, issue_text("CT-004", "王：护理员流失严重"))
    theirs = append_issue(base, issue_text("CT-004", "李：助餐点覆盖不足"))
    merged, output = branches(repo, base, ours, theirs)
    assert merged, output
    assert (
        "rectify: merging ledgers/city.yaml, their new issue CT-004 has an id already taken "
        "here; it is now CT-005"
    ) in output
    assert repo.read(CITY) == append_issue(ours, issue_text("CT-005", "李：助餐点覆盖不足"))
    check_passes(run, repo)
    log = run("log", "CT-005", "ledgers", "--lang", "en", cwd=repo.path)
    assert log.exit_code == 0
    assert "合并人" in log.stdout and "new issue; lead unit 市民政局" in log.stdout


@pytest.mark.parametrize("driver", [False, True], ids=["plain-git", "driver"])
def test_progress_on_the_last_issue_and_a_new_issue(run: RunCli, repo: Repo, driver: bool) -> None:
    """Plain git conflicts here (both sides add lines at the end of the file); the driver not."""
    if driver:
        setup_driver(run, repo)
    base = three_issues()
    ours = add_progress(base, "CT-003", "2024-11-26", "45", "王：最后一个问题的进展")
    theirs = append_issue(base, issue_text("CT-004", "李：新问题"))
    merged, output = branches(repo, base, ours, theirs)
    assert merged is driver, output
    if driver:
        assert repo.read(CITY) == append_issue(ours, issue_text("CT-004", "李：新问题"))
        check_passes(run, repo)


def test_driver_merges_two_edits_of_one_issue_on_different_lines(run: RunCli, repo: Repo) -> None:
    setup_driver(run, repo)
    base = three_issues()
    ours = set_field(base, "CT-002", "owner", "王某")
    theirs = add_progress(base, "CT-002", "2024-11-25", "60", "李：推进")
    merged, output = branches(repo, base, ours, theirs)
    assert merged, output
    assert repo.read(CITY) == add_progress(ours, "CT-002", "2024-11-25", "60", "李：推进")
    check_passes(run, repo)


def test_driver_leaves_a_real_conflict_inside_the_one_issue(run: RunCli, repo: Repo) -> None:
    setup_driver(run, repo)
    base = three_issues()
    ours = set_field(base, "CT-002", "lead_unit", "市民政局")
    ours = set_field(ours, "CT-001", "owner", "王某")
    theirs = set_field(base, "CT-002", "lead_unit", "市卫健委")
    theirs = append_issue(theirs, issue_text("CT-004", "李：新问题"))
    ours = set_field(ours, "CT-002", "lead_unit", "市养老服务中心")
    merged, output = branches(repo, base, ours, theirs)
    assert not merged
    assert "rectify: ledgers/city.yaml has 1 conflict(s)" in output
    text = repo.read(CITY)
    assert (
        "    lead_unit: 市财政局\n" not in text
        and "<<<<<<< ours:ledgers/city.yaml\n    lead_unit: 市养老服务中心\n=======\n"
        "    lead_unit: 市卫健委\n>>>>>>> theirs:ledgers/city.yaml\n"
        in text
    )
    # Everything else came through: ours' owner, theirs' new issue.
    assert "    owner: 王某\n" in text and "李：新问题" in text


def test_driver_falls_back_to_git_for_other_yaml(repo: Repo, run: RunCli) -> None:
    setup_driver(run, repo)
    repo.write("ci.yaml", "a: 1\nb: 2\nc: 3\nd: 4\n")
    repo.commit("ci")
    repo.git("checkout", "-q", "-b", "li")
    repo.write("ci.yaml", "a: 1\nb: 2\nc: 3\nd: 5\n")
    repo.commit("li")
    repo.git("checkout", "-q", "main")
    repo.write("ci.yaml", "a: 0\nb: 2\nc: 3\nd: 4\n")
    repo.commit("main")
    merged, output = repo.merge("li")
    assert merged, output
    assert repo.read("ci.yaml") == "a: 0\nb: 2\nc: 3\nd: 5\n"


# --- the issue-level merge itself ---------------------------------------------------------------


def lines(ours: str, base: str, theirs: str) -> tuple[str, int]:
    return git.merge_text(ours, base, theirs, labels=("ours", "base", "theirs"))


def test_split_cuts_header_blocks_and_tail() -> None:
    text = three_issues() + "\nx-notes: 尾注\n"
    found = split(text)
    assert found is not None
    assert found.ids() == ["CT-001", "CT-002", "CT-003"]
    assert found.prefix.endswith("issues:\n")
    assert found.suffix == "x-notes: 尾注\n"
    assert [b.gap for b in found.blocks] == ["\n", "\n", "\n"]
    assert found.blocks[0].body.startswith("  - id: CT-001\n")
    assert found.prefix + "".join(b.body + b.gap for b in found.blocks) + found.suffix == text


def test_split_refuses_what_is_not_a_ledger_list() -> None:
    assert split("a: 1\n") is None
    assert split("issues: []\n") is None
    assert split("issues: [{id: A-1}, {id: A-2}]\n") is None  # flow style
    dup = ledger_text(issue_text("CT-001", "甲"), issue_text("CT-001", "乙"))
    assert split(dup) is None
    assert split("issues:\n  - id: [\n") is None


def test_merge_deleted_on_one_side_untouched_on_the_other() -> None:
    base = three_issues()
    ours = base.replace(issue_text("CT-002", "乡镇敬老院闲置率高", unit="市财政局") + "\n", "")
    theirs = add_progress(base, "CT-001", "2024-11-25", "60", "李")
    result = merge(base, ours, theirs, lines)
    assert result is not None and result.conflicts == 0
    assert result.text == add_progress(ours, "CT-001", "2024-11-25", "60", "李")


def test_merge_keeps_a_file_without_final_newline_whole() -> None:
    base = three_issues().rstrip("\n")
    ours = append_issue(base, issue_text("CT-004", "王")).rstrip("\n")
    theirs = append_issue(base, issue_text("CT-004", "李")).rstrip("\n")
    result = merge(base, ours, theirs, lines)
    assert result is not None
    assert result.renumbered == [("CT-004", "CT-005")]
    assert result.text == ours + "\n\n" + issue_text("CT-005", "李").rstrip("\n")


def test_merge_of_the_same_new_issue_on_both_sides_keeps_one() -> None:
    base = three_issues()
    both = append_issue(base, issue_text("CT-004", "同一个问题"))
    result = merge(base, both, both, lines)
    assert result is not None and result.text == both and result.renumbered == []


def test_merge_with_crlf_line_ends() -> None:
    base = three_issues().replace("\n", "\r\n")
    ours = append_issue(three_issues(), issue_text("CT-004", "王")).replace("\n", "\r\n")
    theirs = append_issue(three_issues(), issue_text("CT-004", "李")).replace("\n", "\r\n")
    result = merge(base, ours, theirs, lines)
    assert result is not None
    assert result.text == ours + "\r\n" + issue_text("CT-005", "李").replace("\n", "\r\n")


def write_three(tmp_path: Path, base: bytes, ours: bytes, theirs: bytes) -> list[Path]:
    paths = []
    for name, data in (("base", base), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_driver_core_falls_back_to_git_when_the_issue_merge_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = three_issues()
    ours = add_progress(base, "CT-001", "2024-11-25", "60", "王")
    theirs = add_progress(base, "CT-003", "2024-11-25", "60", "李")
    paths = write_three(tmp_path, base.encode(), ours.encode(), theirs.encode())

    def broken(*args: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(history, "merge", broken)
    result = history.merge_ledger_files(*paths, name=CITY, as_of=D(2024, 11, 30))
    assert (result.issue_level, result.conflicts) == (False, 0)
    assert paths[1].read_text(encoding="utf-8") == add_progress(
        ours, "CT-003", "2024-11-25", "60", "李"
    )


def test_driver_core_merges_other_encodings_as_bytes(tmp_path: Path) -> None:
    base, ours, theirs = ("甲\n乙\n丙\n丁\n", "甲改\n乙\n丙\n丁\n", "甲\n乙\n丙\n丁改\n")
    paths = write_three(tmp_path, base.encode("gbk"), ours.encode("gbk"), theirs.encode("gbk"))
    result = history.merge_ledger_files(*paths, name="x.yaml", as_of=D(2024, 11, 30))
    assert (result.issue_level, result.conflicts) == (False, 0)
    assert paths[1].read_bytes() == "甲改\n乙\n丙\n丁改\n".encode("gbk")


def test_driver_core_reports_a_merge_that_breaks_a_rule(tmp_path: Path) -> None:
    """Each side is valid; together the header and an issue disagree: a person must look."""
    base = three_issues()
    ours = base.replace("  assigned_on: 2024-07-10\n", "  assigned_on: 2024-08-20\n")
    theirs = base.replace("      - date: 2024-08-31\n", "      - date: 2024-08-15\n", 1)
    paths = write_three(tmp_path, base.encode(), ours.encode(), theirs.encode())
    result = history.merge_ledger_files(*paths, name=CITY, as_of=D(2024, 11, 30))
    assert result.issue_level and result.conflicts == 0
    assert [p.code for p in result.problems][:1] == ["R307"]


def test_merge_driver_command_says_why_a_person_must_look(run: RunCli, tmp_path: Path) -> None:
    base = three_issues()
    ours = base.replace("  assigned_on: 2024-07-10\n", "  assigned_on: 2024-08-20\n")
    theirs = base.replace("      - date: 2024-08-31\n", "      - date: 2024-08-15\n", 1)
    paths = write_three(tmp_path, base.encode(), ours.encode(), theirs.encode())
    args = [str(p) for p in paths]
    result = run("merge-driver", *args, "ledgers/city.yaml", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "rectify: the merged ledgers/city.yaml fails the checks (1 error(s); the first is 19: "
    )
    assert paths[1].read_text(encoding="utf-8") == theirs.replace(
        "  assigned_on: 2024-07-10\n", "  assigned_on: 2024-08-20\n"
    )


# --- field by field: one issue changed on both sides ---------------------------------------------

MC = "ledgers/mc.yaml"


def mc_ledger() -> str:
    """Ledger mc-2024, MC-001 to MC-003, with comments the merge must keep."""
    text = ledger_text(
        issue_text("MC-001", "养老服务设施配建移交不到位"),
        issue_text("MC-002", "乡镇敬老院闲置率高", unit="市财政局"),
        issue_text(
            "MC-003",
            "老旧小区适老化改造推进缓慢",
            unit="市住建局",
            deadline="2024-12-31",
            completion="40",
            progress=(("2024-09-30", "30", "完成摸底排查"), ("2024-10-31", "40", "完成设计")),
        ),
        ledger_id="mc-2024",
        prefix="MC",
    )
    return text.replace(
        "    lead_unit: 市住建局\n", "    lead_unit: 市住建局  # 牵头：城建科\n"
    ).replace("issues:\n", "issues:\n  # 每月底前更新进展\n")


def on_branches(
    run: RunCli,
    repo: Repo,
    base: str,
    ours: list[str],
    theirs: list[str],
    path: str = MC,
) -> tuple[bool, str]:
    """Commit ``base``; 李四 runs ``theirs`` on branch li, 王五 ``ours`` on main; merge li."""
    repo.write(path, base)
    repo.commit("十月进展")
    repo.git("checkout", "-q", "-b", "li")
    done = run(*theirs, "-l", path, "--lang", "en", cwd=repo.path)
    assert done.exit_code == 0, done.stderr
    repo.commit("李四：更新", author="李四", date=NOVEMBER)
    repo.git("checkout", "-q", "main")
    done = run(*ours, "-l", path, "--lang", "en", cwd=repo.path)
    assert done.exit_code == 0, done.stderr
    repo.commit("王五：更新", author="王五", date=NOVEMBER)
    return repo.merge("li")


def one_after_the_other(run: RunCli, tmp: Path, base: str, *commands: list[str]) -> str:
    """The ledger ``base`` after ``commands`` run one after the other on one copy."""
    path = tmp / "seq" / "mc.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(base, encoding="utf-8")
    for args in commands:
        assert run(*args, "-l", str(path), "--lang", "en").exit_code == 0
    return path.read_text(encoding="utf-8")


PROGRESS = ["update", "MC-003", "-c", "60", "--note", "王：十一月完成8个小区", "--on", "2024-11-25"]
EXTEND = ["extend", "MC-003", "--to", "2025-03", "--reason", "李：冬季停工", "--on", "2024-11-20"]


def test_progress_and_a_deadline_change_on_one_issue_merge_cleanly(
    run: RunCli, repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two-person story of issue 17: once git-setup is done, no conflict."""
    setup_driver(run, repo)
    base = mc_ledger()
    merged, output = on_branches(run, repo, base, PROGRESS, EXTEND)
    assert merged, output
    text = repo.read(MC)
    # exactly both changes, every other line (and comment) as it was
    assert text == one_after_the_other(run, tmp_path, base, PROGRESS, EXTEND)
    assert "  # 每月底前更新进展\n" in text and "市住建局  # 牵头：城建科\n" in text
    check_passes(run, repo)
    (ledger,) = load_valid([repo.path / MC], as_of=D(2024, 11, 30))
    issue = ledger.ledger.issues[2]
    assert issue.completion == issue.progress[-1].completion == 60
    assert issue.deadline == issue.deadline_changes[-1].to == D(2025, 3, 31)
    assert issue.status.value == "in_progress"
    # plain git, without the driver, conflicts on the same two changes
    plain = make_repo(tmp_path / "plain", monkeypatch)
    assert not on_branches(run, plain, base, PROGRESS, EXTEND)[0]


def test_progress_on_both_sides_is_the_union_in_date_order(
    run: RunCli, repo: Repo, tmp_path: Path
) -> None:
    setup_driver(run, repo)
    base = mc_ledger()
    later = ["update", "MC-003", "-c", "60", "--note", "王：十一月底", "--on", "2024-11-28"]
    earlier = ["update", "MC-003", "-c", "50", "--note", "李：十一月中", "--on", "2024-11-15"]
    merged, output = on_branches(run, repo, base, later, earlier)
    assert merged, output
    assert repo.read(MC) == one_after_the_other(run, tmp_path, base, earlier, later)
    (ledger,) = load_valid([repo.path / MC], as_of=D(2024, 11, 30))
    issue = ledger.ledger.issues[2]
    assert [(p.date.day, p.completion) for p in issue.progress] == [
        (30, 30),
        (31, 40),
        (15, 50),
        (28, 60),
    ]
    assert issue.completion == 60  # the last entry's, though theirs wrote 50
    check_passes(run, repo)


def test_the_same_entry_added_on_both_sides_is_kept_once(run: RunCli, repo: Repo) -> None:
    setup_driver(run, repo)
    base = mc_ledger()
    same = ["update", "MC-003", "-c", "55", "--note", "同一次进展", "--on", "2024-11-20"]
    merged, output = on_branches(run, repo, base, [*same], [*same])
    assert merged, output
    assert repo.read(MC).count("同一次进展") == 1


def test_the_same_field_changed_differently_is_a_conflict_named_by_issue_and_field(
    run: RunCli, repo: Repo
) -> None:
    setup_driver(run, repo)
    base = mc_ledger()
    ours = ["dismiss", "MC-003", "--reason", "王：经核实不属实", "--on", "2024-11-20"]
    theirs = ["dismiss", "MC-003", "--reason", "李：已由区里整改", "--on", "2024-11-20"]
    merged, output = on_branches(run, repo, base, ours, theirs)
    assert not merged
    assert (
        "rectify: merging ledgers/mc.yaml, MC-003's reason was changed on both sides to different "
        "values; only that field is marked as a conflict"
    ) in output
    text = repo.read(MC)
    assert (
        "<<<<<<< ours:ledgers/mc.yaml\n    reason: 王：经核实不属实\n=======\n"
        "    reason: 李：已由区里整改\n>>>>>>> theirs:ledgers/mc.yaml\n"
    ) in text
    assert text.count("<<<<<<<") == 1  # status and dismissed_on agree: not in conflict
    assert "    status: dismissed\n" in text and "    dismissed_on: 2024-11-20\n" in text
    checked = run("check", MC, "--lang", "en", cwd=repo.path)
    assert checked.exit_code == 1
    assert [line for line in checked.stdout.splitlines() if "error[" in line] == [
        f"{MC}:{n}:1: error[R111]: this line is a git conflict marker {m}: a merge was left "
        "unfinished"
        for n, m in zip(
            [text.split("\n").index(m) + 1 for m in marker_lines(text)],
            marker_lines(text),
            strict=True,
        )
    ]


def marker_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line[:7] in ("<<<<<<<", "=======", ">>>>>>>")]


def test_two_deadline_changes_that_do_not_chain_are_a_conflict_of_the_issue(
    run: RunCli, repo: Repo
) -> None:
    """Each side moved the deadline from the same old one: together the history breaks R310."""
    setup_driver(run, repo)
    base = mc_ledger()
    ours = ["extend", "MC-003", "--to", "2025-02", "--reason", "王", "--on", "2024-11-20"]
    theirs = ["extend", "MC-003", "--to", "2025-03", "--reason", "李", "--on", "2024-11-21"]
    merged, output = on_branches(run, repo, base, ours, theirs)
    assert not merged
    assert (
        "rectify: merging ledgers/mc.yaml, the changes both sides made to MC-003 do not fit"
        in output
    )
    text = repo.read(MC)
    assert marker_lines(text) == [
        "<<<<<<< ours:ledgers/mc.yaml",
        "=======",
        ">>>>>>> theirs:ledgers/mc.yaml",
    ]
    assert text.index("<<<<<<<") > text.index("- id: MC-002")  # around MC-003 only


def test_merge_issue_takes_each_field_from_the_side_that_changed_it() -> None:
    base = three_issues()
    ours = set_field(base, "CT-002", "owner", "王某")
    ours = set_field(ours, "CT-002", "deadline", "2025-09-30")
    theirs = add_progress(base, "CT-002", "2024-11-25", "60", "李：推进")
    theirs = set_field(theirs, "CT-002", "title", "乡镇敬老院闲置率仍然偏高")
    result = merge(base, ours, theirs, lines)
    assert result is not None and (result.conflicts, result.fields) == (0, [])
    expected = add_progress(ours, "CT-002", "2024-11-25", "60", "李：推进")
    assert result.text == set_field(expected, "CT-002", "title", "乡镇敬老院闲置率仍然偏高")


def test_merge_issue_marks_only_the_clashing_field_and_keeps_the_rest() -> None:
    base = three_issues()
    ours = set_field(base, "CT-002", "owner", "王某")
    ours = add_progress(ours, "CT-002", "2024-11-25", "60", "王：推进")
    theirs = set_field(base, "CT-002", "owner", "李某")
    theirs = set_field(theirs, "CT-002", "measures", "建立闲置床位调剂机制")
    result = merge(base, ours, theirs, lines, labels=("ours:x", "theirs:x"))
    assert result is not None
    assert (result.conflicts, result.fields) == (1, [("CT-002", "owner")])
    assert (
        "<<<<<<< ours\n    owner: 王某\n=======\n    owner: 李某\n>>>>>>> theirs\n" in result.text
    )
    assert "    measures: 建立闲置床位调剂机制\n" in result.text and "王：推进" in result.text


def test_merge_issue_with_crlf_and_without_a_final_line_end() -> None:
    full = three_issues()
    base = full.rstrip("\n")
    ours = add_progress(full, "CT-003", "2024-11-25", "60", "王").rstrip("\n")
    theirs = set_field(full, "CT-003", "owner", "李某").rstrip("\n")
    expected = set_field(ours + "\n", "CT-003", "owner", "李某").rstrip("\n")
    crlf = [t.replace("\n", "\r\n") for t in (base, ours, theirs)]
    for texts, want in (((base, ours, theirs), expected), (crlf, expected.replace("\n", "\r\n"))):
        result = merge(texts[0], texts[1], texts[2], lines)
        assert result is not None and result.conflicts == 0
        assert result.text == want


def _random_change(rng: random.Random, ledger: Any, ident: str) -> Any:
    """One change a person makes with rectify on ``ident``, in December or January."""
    day = D(2024, 12, 1) + dt.timedelta(days=rng.randint(0, 58))
    issue = next(i for i in ledger.issues if i.id == ident)
    kind = rng.choice(["update", "update", "extend", "done", "dismiss", "close", "reopen"])
    if kind == "update":
        done = min(100.0, issue.completion + rng.choice((0, 5, 10, 30)))
        return ops.update_progress(ledger, ident, on=day, completion=done, note=rng.choice("甲乙"))
    if kind == "extend":
        to = issue.deadline + dt.timedelta(days=rng.choice((30, 61, 92)))
        return ops.extend(ledger, ident, on=day, to=to, reason=rng.choice("甲乙"))
    if kind == "done":
        return ops.mark_done(ledger, ident, on=day)
    if kind == "dismiss":
        return ops.dismiss(ledger, ident, on=day, reason=rng.choice("甲乙"))
    if kind == "close":
        return ops.close(ledger, ident, by=rng.choice("甲乙"), on=day)
    return ops.reopen(ledger, ident, on=day, note=rng.choice("甲乙"))


@pytest.mark.parametrize(
    ("trials", "seed"),
    [(12, 17), pytest.param(200, 5, marks=pytest.mark.slow)],
    ids=["few", "many"],
)
def test_random_changes_on_both_sides_merge_to_a_valid_ledger_or_a_named_conflict(
    trials: int, seed: int
) -> None:
    """Two people each make one or two changes with rectify to the city ledger: the merge
    is clean and passes check, with completion and deadline as the history says, or every
    conflict is named by issue and field."""
    from rectify.errors import RectifyError, Severity
    from rectify.ledger.check import check_document
    from rectify.ledger.edit import apply
    from rectify.ledger.yaml import parse_text

    path = (
        Path(__file__).resolve().parent.parent / "examples/sanmenxia/city-county/smx-city-2024.yaml"
    )
    base = path.read_text(encoding="utf-8")
    doc = parse_text(path, base)
    start, _ = check_document(doc, as_of=D(2025, 1, 31))
    assert start is not None
    ids = [i.id for i in start.issues]
    rng = random.Random(seed)
    clean = conflicted = 0
    for _ in range(trials):
        texts = []
        for _side in range(2):
            ledger = start
            for ident in rng.sample(ids[:5], rng.choice((1, 2))):
                try:
                    ledger = _random_change(rng, ledger, ident)
                except RectifyError:
                    continue  # rectify refuses it: no change made
            texts.append(apply(doc, start, ledger))
        result = merge(base, texts[0], texts[1], lines)
        assert result is not None
        if result.conflicts:
            conflicted += 1
            assert result.fields and all(f[0] in ids for f in result.fields)
            assert result.text.count("<<<<<<< ") == result.conflicts
            continue
        clean += 1
        merged, problems = check_document(parse_text(path, result.text), as_of=D(2025, 1, 31))
        errors = [p for p in problems if p.severity is Severity.ERROR]
        assert merged is not None and not errors, (texts, result.text, errors)
        for issue in merged.issues:
            if issue.progress and issue.status.active:
                assert issue.completion == issue.progress[-1].completion
            if issue.deadline_changes:
                assert issue.deadline == issue.deadline_changes[-1].to
    assert clean > trials // 2  # most pairs of changes merge cleanly
    if trials > 100:
        assert conflicted >= 1  # and a clash was tried too
