"""Conflict markers left by an unfinished merge: `check` names each line, every command refuses.

Left in the file, the markers used to give a bare "could not find expected ':'",
and inside a quoted value of several lines they passed `check` altogether and
became part of the problem's text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import RunCli

HINT_EN = (
    "keep the right lines between <<<<<<< and >>>>>>> and delete the three marker lines; "
    "to merge again, run git checkout -m l.yaml; run rectify git-setup once so that git "
    "merges ledgers issue by issue and field by field"
)


@pytest.fixture
def lushi(examples: Path) -> str:
    return (examples / "sanmenxia/city-county/lushi-2024.yaml").read_text(encoding="utf-8")


def conflicted(lushi: str) -> str:
    """LS-001's deadline changed on both sides, left as git leaves it."""
    return lushi.replace(
        "    deadline: 2026-06-30\n",
        "<<<<<<< ours:l.yaml\n"
        "    deadline: 2026-06-30\n"
        "=======\n"
        "    deadline: 2026-12-31\n"
        ">>>>>>> theirs:l.yaml\n",
        1,
    )


def in_a_value(lushi: str) -> str:
    """Markers inside a double-quoted title of several lines: valid YAML, and silent before."""
    return lushi.replace(
        "    title: 部分敬老院冬季取暖设施不足\n",
        '    title: "部分敬老院冬季取暖设施不足\n'
        "<<<<<<< ours\n"
        "    （一）\n"
        "=======\n"
        "    （二）\n"
        '>>>>>>> theirs"\n',
        1,
    )


def test_check_names_each_marker_line(run: RunCli, tmp_path: Path, lushi: str) -> None:
    text = conflicted(lushi)
    (tmp_path / "l.yaml").write_text(text, encoding="utf-8")
    result = run("check", "l.yaml", "--lang", "en")
    assert result.exit_code == 1
    lines = text.split("\n")
    markers = ["<<<<<<< ours:l.yaml", "=======", ">>>>>>> theirs:l.yaml"]
    numbers = [n for n, line in enumerate(lines, 1) if line in markers]
    for number, marker in zip(numbers, markers, strict=True):
        assert (
            f"l.yaml:{number}:1: error[R111]: this line is a git conflict marker {marker}: "
            "a merge was left unfinished\n"
        ) in result.stdout
    assert result.stdout.count(f"= hint: {HINT_EN}\n") == 3
    assert "could not find expected" not in result.stdout
    assert result.stdout.endswith("1 ledger file(s): 3 error(s), 0 warning(s)\n")
    as_json = json.loads(run("check", "l.yaml", "--format", "json").stdout)
    assert [(p["code"], p["line"]) for p in as_json] == [("R111", n) for n in numbers]
    zh = run("check", "l.yaml", "--lang", "zh")
    assert "这一行是 git 合并冲突标记 =======：合并还没有完成" in zh.stdout
    assert "运行 git checkout -m l.yaml" in zh.stdout


def test_markers_inside_a_value_are_found_too(run: RunCli, tmp_path: Path, lushi: str) -> None:
    import yaml

    text = in_a_value(lushi)
    assert yaml.safe_load(text)  # valid YAML: the markers would be part of the title
    (tmp_path / "l.yaml").write_text(text, encoding="utf-8")
    result = run("check", "l.yaml", "--lang", "en", "--format", "json")
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)] == ["R111"] * 3


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["list"],
        ["show", "LS-001"],
        ["due"],
        ["fmt", "--check"],
        ["fmt"],
        ["fix-ids"],
        ["update", "LS-001", "-c", "50"],
        ["export", "--format", "csv"],
    ],
)
def test_every_other_command_refuses_with_the_same_sentence(
    run: RunCli, tmp_path: Path, lushi: str, args: list[str]
) -> None:
    text = conflicted(lushi)
    path = tmp_path / "l.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index("<<<<<<< ours:l.yaml") + 1
    result = run(*args, "-l", "l.yaml", "--lang", "en")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert (
        f"l.yaml:{line}: this line is a git conflict marker <<<<<<< ours:l.yaml: "
        f"a merge was left unfinished. K{HINT_EN[1:]}"
    ) in result.stderr
    assert path.read_text(encoding="utf-8") == text
