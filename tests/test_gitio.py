"""gitio: reading ledgers and their history from real git repositories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

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
from rectify.errors import ExitCode, FileError, UsageError
from rectify.figures.diff import Kind
from rectify.figures.state import items
from rectify.figures.tally import figures
from rectify.io import git, history

D = dt.date


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return make_repo(tmp_path / "repo", monkeypatch)


def test_repo_root_from_a_subfolder(repo: Repo) -> None:
    repo.write("ledgers/city.yaml", three_issues())
    assert git.repo_root(repo.path / "ledgers") == repo.path.resolve()
    assert git.repo_root(repo.path / "ledgers" / "city.yaml") == repo.path.resolve()
    assert git.rel_path(repo.path, repo.path / "ledgers" / "city.yaml") == "ledgers/city.yaml"
    assert git.rel_path(repo.path, repo.path) == "."


def test_outside_a_repository_is_one_sentence_exit_3(tmp_path: Path) -> None:
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    with pytest.raises(FileError) as caught:
        git.repo_root(lonely)
    assert caught.value.exit_code == ExitCode.IO
    assert caught.value.message("en") == (
        f"{lonely} is not in a git repository: this command reads the ledgers' commit history; "
        "run it inside one (or git init and commit the ledgers first)"
    )


def test_git_missing_is_one_sentence_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(FileError) as caught:
        git.repo_root(tmp_path)
    assert caught.value.exit_code == ExitCode.IO
    assert caught.value.message("zh").startswith("找不到 git 命令：请安装 git")


def test_a_revision_that_does_not_exist_is_a_usage_error(repo: Repo) -> None:
    repo.write("ledgers/city.yaml", three_issues())
    repo.commit("九月")
    for bad in ("nosuchbranch", "HEAD~5", "-p", "deadbeef"):
        with pytest.raises(UsageError) as caught:
            git.resolve(repo.path, bad)
        assert caught.value.exit_code == ExitCode.USAGE
        assert caught.value.params["rev"] == bad


def test_resolve_names_the_commit(repo: Repo) -> None:
    repo.write("ledgers/city.yaml", three_issues())
    sha = repo.commit("十月进展", date=OCTOBER)
    found = git.resolve(repo.path, "main")
    assert (found.commit, found.short, found.date, found.subject) == (
        sha,
        sha[:7],
        "2024-10-31 18:20",
        "十月进展",
    )
    assert found.label("zh") == f"2024-10-31 18:20 的版本（{sha[:7]}，十月进展）"
    assert found.day == D(2024, 10, 31)
    assert git.find_revision(None, [repo.path / "ledgers"], D(2024, 11, 5)).commit == sha


def test_default_revision_is_the_last_commit_before_the_month(repo: Repo) -> None:
    repo.write("ledgers/city.yaml", three_issues())
    repo.commit("九月", date="2024-09-30T17:00:00+08:00")
    repo.write("ledgers/city.yaml", add_progress(three_issues(), "CT-001", "2024-10-31", "40", "x"))
    october = repo.commit("十月", date=OCTOBER)
    repo.write(
        "ledgers/city.yaml",
        add_progress(repo.read("ledgers/city.yaml"), "CT-001", "2024-11-20", "50", "y"),
    )
    repo.commit("十一月", date=NOVEMBER)
    assert git.default_revision(repo.path, D(2024, 11, 30)).commit == october
    with pytest.raises(UsageError) as caught:
        git.default_revision(repo.path, D(2024, 9, 15))
    assert caught.value.key == "git.none_before"
    assert caught.value.message("en").startswith("no commit before 2024-09-01")


def test_default_revision_in_an_empty_repository(repo: Repo) -> None:
    with pytest.raises(UsageError) as caught:
        git.default_revision(repo.path, D(2024, 11, 30))
    assert caught.value.key == "git.no_commits"


def test_ledger_names_keep_chinese_and_skip_hidden_folders(repo: Repo) -> None:
    repo.write("ledgers/市本级.yaml", three_issues())
    repo.write("ledgers/县区/灵宝.yml", three_issues().replace("city-2024", "lb-2024"))
    repo.write("ledgers/.drafts/草稿.yaml", "x: 1\n")
    repo.write("ledgers/notes.txt", "不是台账\n")
    sha = repo.commit("台账")
    assert git.ledger_names(repo.path, sha, ["ledgers"]) == [
        "ledgers/县区/灵宝.yml",
        "ledgers/市本级.yaml",
    ]
    assert git.show(repo.path, sha, "ledgers/市本级.yaml") == three_issues()


def test_read_blobs_says_which_are_missing(repo: Repo) -> None:
    repo.write("a.yaml", "甲\n")
    sha = repo.commit("a")
    assert git.read_blobs(repo.path, [f"{sha}:a.yaml", f"{sha}:b.yaml", f"{sha}:a.yaml"]) == [
        "甲\n".encode(),
        None,
        "甲\n".encode(),
    ]


def test_load_at_reads_the_ledgers_as_committed(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("ledgers/city.yaml", three_issues())
    october = repo.commit("十月", date=OCTOBER)
    done = add_progress(three_issues(), "CT-001", "2024-11-10", "100", "完成")
    done = set_field(done, "CT-001", "status", "rectified")
    done = set_field(done, "CT-001", "rectified_on", "2024-11-10")
    repo.write("ledgers/city.yaml", done)
    repo.commit("十一月", date=NOVEMBER)
    repo.write("ledgers/city.yaml", "schema: 1\n")  # the working tree is broken: not read
    monkeypatch.chdir(repo.path)
    loaded = history.load_at(october[:8], [Path("ledgers")], D(2024, 11, 30))
    assert [str(item.path) for item in loaded] == [f"{october[:7]}:ledgers/city.yaml"]
    assert [i.status.value for i in loaded[0].ledger.issues] == ["in_progress"] * 3
    now = history.load_at("HEAD", [repo.path / "ledgers"], D(2024, 11, 30))
    assert now[0].ledger.issues[0].status.value == "rectified"
    stats = figures(items(item.ledger for item in now), D(2024, 11, 30))
    assert (stats.rectified, stats.counted) == (1, 3)


def test_load_at_names_problems_by_revision_and_line(repo: Repo) -> None:
    bad = three_issues().replace("completion: 30\n", "completion: 130\n", 1)
    repo.write("ledgers/city.yaml", bad)
    sha = repo.commit("坏")
    with pytest.raises(history.RevisionProblems) as caught:
        history.load_at("HEAD", [repo.path / "ledgers"], D(2024, 11, 30))
    message = caught.value.message("en")
    assert message.startswith(
        "the ledgers as committed at HEAD have 1 error(s); "
        f"the first is {sha[:7]}:ledgers/city.yaml:"
    )
    assert "completion should be a number from 0 to 100, not 130" in message
    assert caught.value.exit_code == ExitCode.PROBLEMS


def test_load_at_without_ledgers_there(repo: Repo) -> None:
    repo.write("README.md", "x\n")
    repo.commit("init")
    (repo.path / "ledgers").mkdir()
    with pytest.raises(FileError) as caught:
        history.load_at("HEAD", [repo.path / "ledgers"], D(2024, 11, 30))
    assert caught.value.key == "git.no_ledgers_at"


def test_renames_since_a_revision(repo: Repo) -> None:
    repo.write("ledgers/old.yaml", three_issues())
    sha = repo.commit("init")
    repo.git("mv", "ledgers/old.yaml", "ledgers/市本级.yaml")
    assert git.renames(repo.path, sha) == {"ledgers/old.yaml": "ledgers/市本级.yaml"}


def test_diff_since_follows_a_ledger_moved_into_the_folder(repo: Repo) -> None:
    repo.write("drafts/city.yaml", three_issues())
    sha = repo.commit("草稿")
    (repo.path / "ledgers").mkdir()
    repo.git("mv", "drafts/city.yaml", "ledgers/city.yaml")
    repo.write(
        "ledgers/city.yaml",
        add_progress(repo.read("ledgers/city.yaml"), "CT-002", "2024-11-28", "50", "推进"),
    )
    result = history.diff_since(
        sha, [repo.path / "ledgers"], as_of=D(2024, 11, 30), today=D(2024, 11, 30)
    )
    assert [(c.kind, c.issue, c.before, c.after) for c in result.changes] == [
        (Kind.LEDGER_MOVED, "", "drafts/city.yaml", "ledgers/city.yaml"),
        (Kind.PROGRESS, "CT-002", None, None),
    ]
    assert result.revision.commit == sha


def test_file_history_follows_renames(repo: Repo) -> None:
    repo.write("ledgers/a.yaml", three_issues())
    first = repo.commit("一", date="2024-08-31T12:00:00+08:00")
    repo.git("mv", "ledgers/a.yaml", "ledgers/b.yaml")
    second = repo.commit("二", date="2024-09-30T12:00:00+08:00", author="李四")
    history = git.file_history(repo.path, "ledgers/b.yaml")
    assert [(c.commit, c.author, c.path, c.parent_paths) for c in history] == [
        (second, "李四", "ledgers/b.yaml", ("ledgers/a.yaml",)),
        (first, "张三", "ledgers/a.yaml", ()),
    ]
    assert git.file_names(repo.path, "ledgers/b.yaml") == ["ledgers/b.yaml", "ledgers/a.yaml"]
    assert history[1].parents == ()


def test_issue_log_credits_each_branch_with_its_own_change(repo: Repo) -> None:
    repo.write("ledgers/city.yaml", three_issues())
    repo.commit("建账", date="2024-07-31T12:00:00+08:00")
    repo.git("checkout", "-q", "-b", "wang")
    repo.write(
        "ledgers/city.yaml", set_field(repo.read("ledgers/city.yaml"), "CT-002", "owner", "王某")
    )
    repo.commit("王：责任人", date="2024-08-10T12:00:00+08:00", author="王五")
    repo.git("checkout", "-q", "main")
    repo.write(
        "ledgers/city.yaml",
        add_progress(repo.read("ledgers/city.yaml"), "CT-002", "2024-08-31", "45", "推进"),
    )
    repo.commit("李：进展", date="2024-08-31T12:00:00+08:00", author="李四")
    merged, output = repo.merge("wang", date="2024-09-01T09:00:00+08:00")
    assert merged, output
    entries = history.issue_log(repo.path, "ledgers/city.yaml", "CT-002", as_of=D(2024, 11, 30))
    said = [
        (e.commit.author if e.commit else None, [(c.kind, c.field) for c in e.changes])
        for e in entries
    ]
    assert said == [
        ("张三", [(Kind.ADDED, None)]),
        ("王五", [(Kind.EDITED, "owner")]),
        ("李四", [(Kind.PROGRESS, None)]),
    ]


def test_issue_log_includes_uncommitted_changes(repo: Repo) -> None:
    repo.write("ledgers/city.yaml", three_issues())
    repo.commit("建账")
    repo.write(
        "ledgers/city.yaml", set_field(repo.read("ledgers/city.yaml"), "CT-003", "owner", "赵某")
    )
    entries = history.issue_log(repo.path, "ledgers/city.yaml", "CT-003", as_of=D(2024, 11, 30))
    assert [e.commit is None for e in entries] == [False, True]
    assert entries[1].changes[0].after == "赵某"


def test_issue_log_of_a_removed_issue(repo: Repo) -> None:
    text = append_issue(three_issues(), issue_text("CT-004", "重复录入的问题"))
    repo.write("ledgers/city.yaml", text)
    repo.commit("建账")
    repo.write("ledgers/city.yaml", three_issues())
    repo.commit("删除重复", author="李四")
    entries = history.issue_log(repo.path, "ledgers/city.yaml", "CT-004", as_of=D(2024, 11, 30))
    assert [(e.commit.author if e.commit else "", e.changes[0].kind) for e in entries] == [
        ("张三", Kind.ADDED),
        ("李四", Kind.REMOVED),
    ]


def test_merge_text_counts_conflicts() -> None:
    text, conflicts = git.merge_text("a\nB\nc\n", "a\nb\nc\n", "a\nb\nc\n", labels=("o", "b", "t"))
    assert (text, conflicts) == ("a\nB\nc\n", 0)
    text, conflicts = git.merge_text("a\nX\nc\n", "a\nb\nc\n", "a\nY\nc\n", labels=("o", "b", "t"))
    assert conflicts == 1
    assert text == "a\n<<<<<<< o\nX\n=======\nY\n>>>>>>> t\nc\n"


def test_git_config_of_the_repository(repo: Repo) -> None:
    assert git.get_config(repo.path, "merge.rectify.driver") is None
    git.set_config(repo.path, "merge.rectify.driver", "rectify merge-driver %O %A %B %P")
    assert git.get_config(repo.path, "merge.rectify.driver") == "rectify merge-driver %O %A %B %P"
