"""The hooks of .pre-commit-hooks.yaml, run by the real `pre-commit` tool on real commits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from gitrepo import Repo, make_repo, three_issues

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXAMPLE = ROOT / "examples" / "sanmenxia" / "city-county" / "lushi-2024.yaml"
BROKEN = three_issues().replace("    deadline: 2025-06-30\n", "    deadlin: 2025-06-30\n", 1)


def hook_definitions() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    found = make_repo(tmp_path / "repo", monkeypatch)
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found.env.update(
        PATH=path,
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        RECTIFY_TODAY="2024-11-30",
        RECTIFY_LANG="en",
    )
    return found


def pre_commit(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo.path,
        env=repo.env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def commit(repo: Repo, message: str) -> tuple[bool, str]:
    """`git commit` with the hooks installed: whether it went through, and what was printed."""
    repo.git("add", "-A")
    done = subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo.path,
        env=repo.env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return done.returncode == 0, done.stdout + done.stderr


def test_hook_definitions() -> None:
    hooks = hook_definitions()
    assert set(hooks) == {"rectify-check", "rectify-fmt"}
    assert hooks["rectify-check"]["entry"] == "rectify check"
    assert hooks["rectify-fmt"]["entry"] == "rectify fmt --check"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["files"] == r"\.ya?ml$"
        # The whole ledgers folder is checked (ledger ids are unique across it), and
        # other YAML files of the repository are never handed to rectify.
        assert hook["pass_filenames"] is False


def local_config(*ids: str) -> str:
    """Our hook definitions as `repo: local` hooks run from this Python's environment."""
    hooks = []
    for hook_id in ids:
        hook = dict(hook_definitions()[hook_id])
        hook["language"] = "system"
        hook.pop("minimum_pre_commit_version", None)
        hooks.append(hook)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True)


def test_check_hook_refuses_a_broken_ledger_and_lets_a_good_one_through(repo: Repo) -> None:
    repo.write(".pre-commit-config.yaml", local_config("rectify-check"))
    (repo.path / "ledgers").mkdir()
    shutil.copy(EXAMPLE, repo.path / "ledgers" / "lushi-2024.yaml")
    installed = pre_commit(repo, "install")
    assert installed.returncode == 0, installed.stderr
    ok, output = commit(repo, "卢氏台账")
    assert ok, output
    assert "rectify check (整改台账检查)" in output and "Passed" in output

    repo.write("ledgers/city.yaml", BROKEN)
    ok, output = commit(repo, "市台账")
    assert not ok
    assert "Failed" in output
    assert "ledgers/city.yaml:15:5: error[R201]: unknown key deadlin: did you mean deadline?" in (
        output
    )
    assert repo.git("log", "--format=%s").splitlines() == ["卢氏台账"]

    repo.write("ledgers/city.yaml", three_issues())
    repo.write("notes.md", "会议纪要\n")
    ok, output = commit(repo, "市台账")
    assert ok, output


def test_check_hook_does_not_run_without_yaml_in_the_commit(repo: Repo) -> None:
    repo.write(".pre-commit-config.yaml", local_config("rectify-check"))
    repo.write("ledgers/city.yaml", BROKEN)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "坏台账（未装钩子时提交）")
    assert pre_commit(repo, "install").returncode == 0
    repo.write("notes.md", "会议纪要\n")
    ok, output = commit(repo, "纪要")
    assert ok, output
    assert "(no files to check)Skipped" in output


def test_check_hook_with_another_folder_in_args(repo: Repo) -> None:
    config = yaml.safe_load(local_config("rectify-check"))
    config["repos"][0]["hooks"][0]["args"] = ["台账"]
    repo.write(".pre-commit-config.yaml", yaml.safe_dump(config, allow_unicode=True))
    repo.write("台账/city.yaml", BROKEN)
    repo.git("add", "-A")
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 1
    assert "台账/city.yaml:15:5: error[R201]" in result.stdout


def test_fmt_hook_refuses_a_ledger_not_in_canonical_form(repo: Repo) -> None:
    repo.write(".pre-commit-config.yaml", local_config("rectify-fmt"))
    (repo.path / "ledgers").mkdir()
    shutil.copy(EXAMPLE, repo.path / "ledgers" / "lushi-2024.yaml")
    repo.git("add", "-A")
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    text = EXAMPLE.read_text(encoding="utf-8")
    # The same data with two keys swapped: valid, but not in canonical order.
    swapped = text.replace(
        "    source: inspection\n    track: long_term\n",
        "    track: long_term\n    source: inspection\n",
        1,
    )
    assert swapped != text
    repo.write("ledgers/lushi-2024.yaml", swapped)
    repo.git("add", "-A")
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 1
    assert "rectify fmt --check (台账格式规范)" in result.stdout and "Failed" in result.stdout


@pytest.mark.slow
def test_hooks_install_from_a_clone_of_this_project(repo: Repo, tmp_path: Path) -> None:
    """What users get: pre-commit clones the project and installs it in its own environment.

    Downloads rectify's dependencies from the package index (about 20 seconds).
    """
    source = tmp_path / "rectify-hooks"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src" / "rectify",
        source / "src" / "rectify",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    hooks = Repo(source, repo.env)
    hooks.git("init", "-q", "-b", "main")
    rev = hooks.commit("rectify")
    config = {"repos": [{"repo": str(source), "rev": rev, "hooks": [{"id": "rectify-check"}]}]}
    repo.write(".pre-commit-config.yaml", yaml.safe_dump(config))
    repo.write("ledgers/city.yaml", BROKEN)
    repo.git("add", "-A")
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error[R201]: unknown key deadlin: did you mean deadline?" in result.stdout
    repo.write("ledgers/city.yaml", three_issues())
    repo.git("add", "-A")
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
