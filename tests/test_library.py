"""The library the commands call: the Python in docs/ runs as written; its names are all there."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pytest

import rectify.api

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("page", "least"), [("library.md", 20), ("reports.md", 6)])
def test_the_python_on_a_page_runs_as_written(
    page: str, least: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    result = doctest.testfile(
        str(ROOT / "docs" / page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        verbose=False,
    )
    assert result.attempted >= least
    assert result.failed == 0


def test_every_name_the_library_lists_is_there() -> None:
    assert rectify.api.__all__ == sorted(rectify.api.WHERE)
    for name in rectify.api.__all__:
        assert getattr(rectify.api, name) is not None, name
    with pytest.raises(AttributeError):
        rectify.api.no_such_function  # noqa: B018


def test_the_commands_are_glue() -> None:
    """No command body of the command line has more than 15 statements, imports aside."""
    import ast

    long = []
    for path in sorted((ROOT / "src" / "rectify" / "cli").glob("*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            if not any("command" in ast.unparse(d) for d in node.decorator_list):
                continue
            body = node.body[1:] if isinstance(node.body[0], ast.Expr) else node.body
            count = sum(
                isinstance(s, ast.stmt) and not isinstance(s, ast.Import | ast.ImportFrom)
                for s in ast.walk(ast.Module(body, []))
            )
            if count > LIMIT:
                long.append(f"{path.name}:{node.name} {count}")
    assert long == []


LIMIT = 15
