"""A bug inside a command: one sentence in the user's language, unless --traceback asks for more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, RunCli
from rectify.errors import ExitCode

SRC = Path(__file__).resolve().parent.parent / "src"
PROVINCE = str(EXAMPLES / "sanmenxia" / "province")


def _broken(*args: object, **kwargs: object) -> object:
    raise RuntimeError("figures went missing")


@pytest.fixture
def broken_status(monkeypatch: pytest.MonkeyPatch) -> None:
    """`rectify status` fails inside the library it calls, as a bug would."""
    import rectify.figures.view

    monkeypatch.setattr(rectify.figures.view, "status_view", _broken)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "error: internal error: RuntimeError: figures went missing. "
            "Run again with --traceback and report the output",
        ),
        (
            "zh",
            "错误：内部错误：RuntimeError: figures went missing。"
            "请加 --traceback 重新运行，并把输出报告给维护者",
        ),
    ],
)
def test_an_unexpected_error_is_one_line_without_a_traceback(
    run: RunCli, broken_status: None, lang: str, expected: str
) -> None:
    result = run("--lang", lang, "status", PROVINCE, "--as-of", "2024-11-30")
    assert result.exit_code == ExitCode.PROBLEMS
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


def test_the_language_of_an_internal_error_comes_from_rectify_toml(
    run: RunCli, broken_status: None, tmp_path: Path
) -> None:
    (tmp_path / "rectify.toml").write_text('lang = "zh"\n', encoding="utf-8")
    result = run("status", PROVINCE, "--as-of", "2024-11-30")
    assert result.exit_code == ExitCode.PROBLEMS
    assert result.stderr.startswith("错误：内部错误：RuntimeError: figures went missing。")
    assert len(result.stderr.splitlines()) == 1


def test_traceback_before_the_command_lets_the_exception_through(
    run: RunCli, broken_status: None
) -> None:
    with pytest.raises(RuntimeError, match="figures went missing"):
        run("--traceback", "status", PROVINCE, "--as-of", "2024-11-30")


# The console script, with status_view broken before main() runs.
BROKEN_MAIN = """
import sys
import rectify.figures.view
from rectify.__main__ import main

def broken(*args, **kwargs):
    raise RuntimeError("figures went missing")

rectify.figures.view.status_view = broken
sys.argv = ["rectify", *sys.argv[1:]]
main()
"""


def _console(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "RECTIFY_LANG": "en", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", BROKEN_MAIN, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_a_real_run_prints_the_traceback_only_when_asked(tmp_path: Path) -> None:
    plain = _console(tmp_path, "status", PROVINCE, "--as-of", "2024-11-30")
    assert plain.returncode == ExitCode.PROBLEMS
    assert plain.stderr.startswith("error: internal error: RuntimeError: figures went missing.")
    assert "Traceback" not in plain.stderr and len(plain.stderr.splitlines()) == 1

    traced = _console(tmp_path, "--traceback", "status", PROVINCE, "--as-of", "2024-11-30")
    assert traced.returncode != 0
    assert "Traceback (most recent call last):" in traced.stderr
    assert "in status" in traced.stderr  # the command's own frame is in it
    assert traced.stderr.rstrip().endswith("RuntimeError: figures went missing")
    assert "internal error" not in traced.stderr
