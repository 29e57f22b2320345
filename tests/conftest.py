"""Shared fixtures: run the CLI as a user would, compare with golden files, find the examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from rectify.cli._compat import click

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


# --- a small ledger as YAML text ----------------------------------------------------------------


def ledger_text(*issues: str, comment: str = "", title: str = "测试台账") -> str:
    """Ledger t-2024 (handed down 2024-07-10) with these issue blocks after ``issues:``.

    Without ``comment`` the header is lines 1-6, so the first issue starts on line 7.
    """
    head = f"# {comment}\n" if comment else ""
    return (
        f"{head}schema: 1\n"
        "ledger:\n"
        "  id: t-2024\n"
        f"  title: {title}\n"
        "  assigned_on: 2024-07-10\n"
        "issues:\n" + "".join(issues)
    )


def issue_text(*, reported_on: str = "2024-11-15") -> str:
    """Issue T-001, 40 % done, with one progress entry on ``reported_on``."""
    return (
        "  - id: T-001\n"
        "    title: 老旧小区适老化改造推进缓慢\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
        "    status: in_progress\n"
        "    completion: 40\n"
        "    progress:\n"
        f"      - date: {reported_on}\n"
        "        completion: 40\n"
        "        note: 已完成12个小区改造\n"
    )


def issue_fields(ident: str = "SMX-001", **fields: Any) -> dict[str, Any]:
    """One issue's fields for ``Ledger.model_validate``: the four it must have, then ``fields``."""
    base: dict[str, Any] = {
        "id": ident,
        "title": "老旧小区适老化改造推进缓慢",
        "lead_unit": "市住建局",
        "deadline": dt.date(2024, 12, 31),
    }
    base.update(fields)
    return base


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/* from the current output (then review the git diff).",
    )


@dataclass
class Run:
    """The outcome of one command: its exit code and what it printed."""

    exit_code: int
    stdout: str
    stderr: str


# The ``golden`` fixture: ``golden(name, text)`` compares text with tests/golden/NAME.
Golden = Callable[[str, str], None]


class RunCli(Protocol):
    """The ``run`` fixture: ``run("check", "--lang", "en", env={...})``."""

    def __call__(
        self,
        *args: str,
        input: str | None = None,
        cwd: Path | None = None,
        today: str = "2024-11-30",
        env: dict[str, str] | None = None,
    ) -> Run: ...


_built: dict[tuple[int, int, int], click.Command] = {}


def _built_once(app: typer.Typer) -> click.Command:
    """The click command typer builds from ``app``, built once per session, not per invoke.

    typer's CliRunner rebuilds every command's options from its signature on each
    invoke (about 0.15 s with 27 commands, most of the suite's time); a real run
    builds them once per process, so building them once per test session is the same.
    """
    key = (id(app), len(app.registered_commands), len(app.registered_groups))
    if key not in _built:
        _built[key] = typer.main.get_command(app)
    return _built[key]


@pytest.fixture(autouse=True)
def _no_parse_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the parse cache off, and out of the user's cache folder, unless a test turns it on."""
    monkeypatch.setenv("RECTIFY_NO_CACHE", "1")
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / ".rectify-cache"))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> RunCli:
    """Run `rectify ARGS...` in-process, with a fixed 'today', no colour and a fixed width.

    The working folder is ``tmp_path`` unless ``cwd`` is given, so a test never
    picks up a rectify.toml from the developer's machine.
    """
    from rectify.cli import app, register

    register()  # every command, as `rectify --help` has them
    monkeypatch.setattr(typer.testing, "_get_command", _built_once)

    def invoke(
        *args: str,
        input: str | None = None,
        cwd: Path | None = None,
        today: str = "2024-11-30",
        env: dict[str, str] | None = None,
    ) -> Run:
        monkeypatch.chdir(cwd or tmp_path)
        environ = {
            "RECTIFY_TODAY": today,
            "RECTIFY_NO_CACHE": "1",  # the parse cache is off unless a test turns it on
            "RECTIFY_CACHE_DIR": str(tmp_path / ".rectify-cache"),
            "RECTIFY_LANG": "",
            "LANG": "C.UTF-8",
            "LC_ALL": "",
            "COLUMNS": "120",
            "NO_COLOR": "1",
            "TERM": "dumb",
            **(env or {}),
        }
        result = CliRunner().invoke(app, list(args), input=input, env=environ)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


def ok(run: RunCli, *args: str, today: str) -> str:
    """Run a command in Chinese on ``today`` and return what it printed; it must succeed."""
    result = run(*args, "--lang", "zh", today=today)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text with tests/golden/NAME; --update-goldens rewrites the file instead.

    A missing golden file fails: it is written only with --update-goldens, for review.
    """
    update = request.config.getoption("--update-goldens")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        assert path.exists(), f"no golden file {path}; run with --update-goldens and review it"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"output differs from {path}; rerun with --update-goldens to accept"
        )

    return check


@pytest.fixture
def examples() -> Path:
    """The bundled example ledgers (read only: copy them before changing anything)."""
    return EXAMPLES
