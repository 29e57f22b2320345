"""--help in the user's language: every command, both languages, from the catalogue (issue 14)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import typer.main

from conftest import RunCli
from rectify.cli import app, register
from rectify.cli._compat import click
from rectify.cli.help import choices, param_key
from rectify.i18n import CATALOGUE, t
from rectify.model import Source, Status, Track


def root() -> click.Command:
    register()
    return typer.main.get_command(app)


def commands() -> dict[str, click.Command]:
    """Every command of the app, hidden ones too, by name; "" is the app itself."""
    group = root()
    return {"": group, **getattr(group, "commands", {})}


NAMES = sorted(commands())

# ASCII words Chinese help may contain besides command names, option names, the values an
# option takes, ids, paths and examples (anything with a digit, a dot, a slash...).
ALLOWED = {
    "zh",
    "en",
    "json",
    "csv",
    "xlsx",
    "markdown",
    "Markdown",
    "Word",  # the names of programs, as Chinese help writes them too
    "LibreOffice",
    "docx",
    "pdf",
    "PDF",
    "git",
    "YAML",
    "JSON",
    "Schema",
    "CSV",
    "Excel",
    "WPS",
    "VS",
    "Code",
    "Python",
    "rectify",
    "REV",
    "SMX",  # the example id prefix
}
TYPE_NAMES = ("list[", "Path", "<str>", "<int", "<", "{", "[required]", "[default")


def help_of(run: RunCli, name: str, lang: str, columns: int = 120) -> str:
    args = [name, "--help"] if name else ["--help"]
    result = run(*args, env={"RECTIFY_LANG": lang, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def typed_words() -> set[str]:
    """Command names and the values options take: a person types these as they are."""
    words = {name for name in NAMES if name} | {"red", "yellow", "blue"}
    words |= {str(m.value) for enum in (Source, Status, Track) for m in enum}
    for command in commands().values():
        for param in command.params:
            words.update(choices(param))
            if isinstance(param.default, str):
                words.add(param.default)  # shown as 默认：ledgers
    return words


def english_in(text: str, allowed: set[str]) -> list[str]:
    """The ASCII words of ``text`` that are not names, values, ids, paths or allowed words."""
    found = []
    for run in re.findall(r"[\x21-\x7e]+", text):
        for token in run.split("|"):
            token = token.strip("()[]<>,;:'\"`").rstrip(".")
            if not token or token.startswith("-") or re.search(r"[\d./_=%*~@$]", token):
                continue
            words = re.findall(r"[A-Za-z]{2,}", token)
            if words and token not in allowed and token not in ALLOWED:
                found.append(token)
    return found


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("name", NAMES)
def test_chinese_help_has_no_english(run: RunCli, name: str) -> None:
    text = help_of(run, name, "zh")
    assert "用法：" in text
    assert english_in(text, typed_words()) == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_shows_no_python_types(run: RunCli, name: str, lang: str) -> None:
    text = help_of(run, name, lang)
    assert [bad for bad in TYPE_NAMES if bad in text] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_command_summaries_fit_80_columns(run: RunCli, lang: str) -> None:
    text = help_of(run, "", lang, columns=80)
    lines = text.splitlines()
    visible = [name for name, command in commands().items() if name and not command.hidden]
    for name in visible:
        row = next(i for i, line in enumerate(lines) if line.startswith(f"  {name} "))
        assert "..." not in lines[row]
        assert not lines[row + 1].startswith("    "), f"{name}: summary wraps: {lines[row]}"
    assert max(map(columns, lines)) <= 80


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_fits_the_screen(run: RunCli, name: str, lang: str) -> None:
    for width in (60, 80):
        text = help_of(run, name, lang, columns=width)
        wide = [line for line in text.splitlines() if columns(line) > width]
        assert wide == []
        # Chinese lines never start with closing punctuation.
        assert [line for line in text.splitlines() if line.strip()[:1] in set("，。、；：）")] == []


def test_every_command_and_parameter_has_its_catalogue_text() -> None:
    missing = []
    for name, command in commands().items():
        key = name or "rectify"
        missing += [k for k in (f"help.{key}", f"help.{key}.short") if k not in CATALOGUE]
        if not name:
            missing = [k for k in missing if k != "help.rectify.short"]
        for param in command.params:
            if param_key(command, param) is None:
                missing.append(f"help.{key}.{param.name}")
    assert missing == []


def test_each_choice_is_explained_in_both_languages() -> None:
    unexplained = []
    for command in commands().values():
        for param in command.params:
            key = param_key(command, param)
            for value in choices(param):
                for lang in ("zh", "en"):
                    if key is None or value not in t(key, lang):
                        unexplained.append(f"{command.name} --{param.name} {value} ({lang})")
    assert unexplained == []


def test_language_from_the_command_line_and_the_config(run: RunCli, tmp_path: Path) -> None:
    assert "用法：rectify status" in run("status", "--help", "--lang", "zh").stdout
    assert "Usage: rectify status" in run("status", "--help", "--lang", "en").stdout
    assert "选项：" in run("--lang", "zh", "--help").stdout
    (tmp_path / "rectify.toml").write_text('lang = "zh"\n', encoding="utf-8")
    assert "（必填）" in run("update", "--help", cwd=tmp_path).stdout


def test_help_reads_as_help(run: RunCli) -> None:
    text = help_of(run, "status", "zh")
    assert "用法：rectify status [选项] [台账]…" in text
    assert "--as-of 日期" in text and "（默认：unit）" in text
    assert "用法：rectify notice [选项] [单位 路径…]" in help_of(run, "notice", "zh")
    update = help_of(run, "update", "zh")
    assert "\n  -c, --completion 百分比    当前完成进度" in update  # the columns line up
    assert "\n  编号     问题编号" in update and "\n  [台账]…  台账文件" in update
    english = help_of(run, "update", "en")
    assert "Usage: rectify update [OPTIONS] ID" in english
    assert "-c, --completion PERCENT" in english and "(required)" in english
    assert "Commands:" in help_of(run, "", "en") and "命令：" in help_of(run, "", "zh")


def test_the_english_finder_finds_english() -> None:
    assert english_in("按这一天计算 default today", set()) == ["default", "today"]
    assert english_in("--as-of 2024-10-31 SMX-001 rectify.toml json", set()) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("rectify st", '"status":"整改进度统计：各项数量和比率，按单位等分组"'),
        ("rectify status --", '"--by":"分组方式：unit（牵头单位）'),
        ("rectify --l", '"--lang":"提示信息和报告所用的语言'),
    ],
)
def test_shell_completion_describes_in_the_users_language(
    run: RunCli, words: str, expected: str
) -> None:
    """zsh shows a description beside each command and option: from the catalogue, one line."""
    result = run(
        env={
            "_RECTIFY_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": words,
            "RECTIFY_LANG": "zh",
        }
    )
    assert expected in result.stdout, result.stdout
    for line in result.stdout.splitlines()[1:]:
        assert line.startswith('"'), f"a description broke over lines: {line!r}"
