"""`status --at`, `report --at` and `report --since` on a real repository of the example set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLES, RunCli
from gitrepo import OCTOBER, Repo, make_repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """The city-county ledgers committed in October, then one issue updated in November."""
    repo = make_repo(tmp_path / "repo", monkeypatch)
    shutil.copytree(EXAMPLES / "sanmenxia" / "city-county", repo.path / "ledgers")
    repo.commit("2024年10月台账", date=OCTOBER)
    return repo


def _json(text: str) -> dict[str, object]:
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def test_status_at_a_commit_reads_the_committed_ledgers_as_of_that_day(
    repo: Repo, run: RunCli
) -> None:
    update = run(
        "update",
        "SMX-014",
        "-l",
        "ledgers",
        "--completion",
        "90",
        "--note",
        "新增盘活5个",
        "--on",
        "2024-11-30",
        cwd=repo.path,
    )
    assert update.exit_code == 0, update.stderr
    now = _json(run("status", "ledgers", "--format", "json", cwd=repo.path).stdout)
    then = _json(run("status", "ledgers", "--at", "HEAD", "--format", "json", cwd=repo.path).stdout)
    # The commit is dated 2024-10-31: the figures are October's month end.
    assert then["as_of"] == "2024-10-31"
    assert then["rectified"] == 24 and then["counted"] == 41
    assert now["as_of"] == "2024-11-30"
    assert now["rectified"] == 30
    # --as-of still wins over the commit's day.
    later = _json(
        run(
            "status",
            "ledgers",
            "--at",
            "HEAD",
            "--as-of",
            "2024-11-30",
            "--format",
            "json",
            cwd=repo.path,
        ).stdout
    )
    assert later["as_of"] == "2024-11-30" and later["rectified"] == 30


def test_report_since_adds_what_changed_and_stays_valid_markdown(repo: Repo, run: RunCli) -> None:
    run(
        "update",
        "SMX-014",
        "-l",
        "ledgers",
        "--completion",
        "90",
        "--note",
        "新增盘活5个",
        "--on",
        "2024-11-30",
        cwd=repo.path,
    )
    done = run(
        "report",
        "--month",
        "2024-11",
        "ledgers",
        "--since",
        "HEAD",
        "--lang",
        "zh",
        cwd=repo.path,
    )
    assert done.exit_code == 0, done.stderr
    text = done.stdout
    head = text.index("以来的变化")
    assert text.index("## 数据来源") > head > text.index("## 一、总体情况")
    assert (
        "| SMX-014 | 部分农村幸福院运营不正常，处于闲置状态 | 2024-11-30 | 90% | 新增盘活5个 |"
        in text
    )
    assert "--since HEAD" in text  # the command to recompute it names the option
    tokens = MarkdownIt().enable("table").parse(text)
    assert sum(1 for tok in tokens if tok.type == "table_open") >= 5


def test_report_at_names_the_commit_and_gives_its_figures(repo: Repo, run: RunCli) -> None:
    commit = repo.git("rev-parse", "--short", "HEAD").strip()
    done = run("report", "--month", "2024-10", "ledgers", "--at", "HEAD", cwd=repo.path)
    assert done.exit_code == 0, done.stderr
    assert "58.5%" in done.stdout
    assert commit in done.stdout


def test_a_revision_that_does_not_exist_is_a_usage_error(repo: Repo, run: RunCli) -> None:
    done = run("status", "ledgers", "--at", "no-such-rev", cwd=repo.path)
    assert done.exit_code == 2
    assert "no-such-rev" in done.stderr and "Traceback" not in done.stderr


def test_at_outside_a_repository_is_an_io_error(tmp_path: Path, run: RunCli) -> None:
    shutil.copytree(EXAMPLES / "sanmenxia" / "city-county", tmp_path / "ledgers")
    done = run("status", "ledgers", "--at", "HEAD", cwd=tmp_path)
    assert done.exit_code == 3
    assert "git" in done.stderr and "Traceback" not in done.stderr
