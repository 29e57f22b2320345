"""Usage errors in the user's language: click's, typer's and the language itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import RunCli
from rectify.cli._compat import click, click_exceptions
from rectify.cli.common import usage_text
from rectify.i18n import CATALOGUE, UnknownLanguage, parse_lang, resolve_lang

LEDGER = "sanmenxia/city-county/smx-city-2024.yaml"


# --- the language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("zh", "zh"),
        ("ZH", "zh"),
        ("zh-CN", "zh"),
        ("zh_CN.UTF-8", "zh"),
        ("en", "en"),
        ("en-US", "en"),
        ("fr", None),
        ("", None),
        ("zhx", None),
        ("english", "en"),
    ],
)
def test_parse_lang(value: str, lang: str | None) -> None:
    assert parse_lang(value) == lang


def test_an_unknown_language_is_refused_not_english() -> None:
    with pytest.raises(UnknownLanguage) as raised:
        resolve_lang("fr", None, {})
    assert (raised.value.value, raised.value.source) == ("fr", "--lang")
    with pytest.raises(UnknownLanguage):
        resolve_lang(None, None, {"RECTIFY_LANG": "fr"})
    assert resolve_lang("zh", None, {"RECTIFY_LANG": "fr"}) == "zh"  # the option wins
    assert resolve_lang(None, None, {"LANG": "fr_FR.UTF-8"}) == "en"  # a locale only picks


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "fr", "status"],
        ["status", "--lang", "fr"],
        ["--lang=fr", "status"],
        ["check", "--lang", "fr", "nowhere.yaml"],
    ],
)
def test_lang_fr_is_refused_with_the_choices(run: RunCli, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "fr" in result.stderr and "zh" in result.stderr and "en" in result.stderr
    assert result.stdout == ""


def test_rectify_lang_fr_is_refused_in_the_locale_language(run: RunCli) -> None:
    result = run("status", env={"RECTIFY_LANG": "fr", "LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "错误：RECTIFY_LANG 的语言 fr 不支持；可用：zh（中文）、en（英文）"
    )
    assert run("status", "--lang", "en", env={"RECTIFY_LANG": "fr"}).exit_code != 2


def test_regional_forms_of_zh_and_en_work(run: RunCli, examples: Path) -> None:
    result = run("status", "--lang", "zh-CN", str(examples / LEDGER))
    assert result.exit_code == 0, result.stderr
    assert "牵头单位" in result.stdout


# --- click's and typer's usage errors -------------------------------------------------------------

# What may stand in a Chinese sentence in Latin letters: what the user types or sees as a name.
_TYPED = re.compile(
    r"--?[\w-]+"  # options
    r"|[\w.-]*[/\\][\w./\\-]*|[\w-]+\.(?:yaml|yml|csv|xlsx|json|md|toml)"  # paths
    r"|[A-Z][A-Z0-9]*-\d+|[A-Za-z]+-\d{4}"  # ids: SMX-001, smx-2024
    r"|\brectify(?: [a-z-]+)?"  # command names
    r"|\b[a-z]+(?:-[a-z]+)+\b"  # choice values: co-unit
)


def english_in(text: str, allowed: set[str]) -> list[str]:
    """The Latin words of ``text`` that are not options, paths, ids, commands or ``allowed``."""
    rest = _TYPED.sub(" ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", rest) if w not in allowed]


def test_english_in_finds_what_it_should() -> None:
    assert english_in("错误：Got unexpected extra argument(s) (改造)", set()) == [
        "Got",
        "unexpected",
        "extra",
        "argument",
    ]
    assert english_in("运行 rectify add --help 查看 a/b.yaml SMX-001 smx-2024 的用法", set()) == []
    assert english_in("可用：unit（牵头单位）", {"unit"}) == []


@pytest.fixture(scope="module")
def command() -> Any:
    from rectify.cli import app, register

    register()
    return typer.main.get_command(app)


def every_param(command: Any) -> Iterator[tuple[Any, Any]]:
    """(context, parameter) of every command's options and arguments."""
    root = click.Context(command, info_name="rectify")
    for name in command.list_commands(root):
        sub = command.get_command(root, name)
        ctx = click.Context(sub, info_name=name, parent=root)
        for param in sub.params:
            yield ctx, param


def allowed_words(command: Any) -> set[str]:
    words = {"true", "false", "today", "json", "markdown", "csv", "xlsx", "text", "table"}
    for _, param in every_param(command):
        choices = getattr(param.type_descriptor, "choices", None) or ()
        words |= {str(getattr(c, "value", c)) for c in choices}
        # a choice such as basically_satisfied is quoted back whole: its words are typed values
        words |= {part for c in choices for part in str(getattr(c, "value", c)).split("_")}
    return words


BAD_VALUES = ["abc", "-5", "1000", "1.5", "x" * 3, "nowhere/at/all.yaml", ""]


def made_errors(command: Any) -> Iterator[tuple[str, click_exceptions.ClickException]]:
    """Every kind of usage error click and typer raise, made the way they make them."""
    ctx, param = next((c, p) for c, p in every_param(command) if p.opts == ["--margin"])
    arg_ctx, arg = next((c, p) for c, p in every_param(command) if p.name == "issue_id")
    yield "UsageError", click_exceptions.UsageError("Something went wrong.", ctx=ctx)
    yield "extra", click_exceptions.UsageError("Got unexpected extra argument(s) (改造)", ctx=ctx)
    yield "missing command", click_exceptions.UsageError("Missing command.", ctx=ctx)
    yield "BadParameter", click_exceptions.BadParameter("Not good.", ctx=ctx, param=param)
    yield "BadParameter bare", click_exceptions.BadParameter("Not good.")
    yield "MissingParameter option", click_exceptions.MissingParameter(ctx=ctx, param=param)
    yield "MissingParameter argument", click_exceptions.MissingParameter(ctx=arg_ctx, param=arg)
    yield "NoSuchOption", click_exceptions.NoSuchOption("--marign", possibilities=["--margin"])
    yield "NoSuchOption ctx", click_exceptions.NoSuchOption("--marign", ctx=ctx)
    yield (
        "BadOptionUsage",
        click_exceptions.BadOptionUsage("--on", "Option '--on' requires an argument."),
    )
    yield (
        "BadOptionUsage 2",
        click_exceptions.BadOptionUsage("--on", "Option '--on' requires 2 arguments."),
    )
    yield (
        "BadOptionUsage flag",
        click_exceptions.BadOptionUsage("--wide", "Option '--wide' does not take a value."),
    )
    yield "BadOptionUsage other", click_exceptions.BadOptionUsage("--on", "Strange use.")
    yield "BadArgumentUsage", click_exceptions.BadArgumentUsage("Argument 'x' takes 2 values.")
    yield "BadArgumentUsage other", click_exceptions.BadArgumentUsage("Strange arguments.")
    yield "FileError", click_exceptions.FileError("out.csv", "Permission denied")
    for what in (
        "does not exist",
        "is a file",
        "is a directory",
        "is not readable",
        "is not writable",
    ):
        for label in ("File", "Directory", "Path"):
            yield (
                f"path {what}",
                click_exceptions.BadParameter(f"{label} 'a/b.yaml' {what}.", ctx=ctx, param=param),
            )
    yield (
        "cannot open",
        click_exceptions.BadParameter("'a/b.csv': Permission denied", ctx=ctx, param=param),
    )
    # What every option and argument of the app says to bad values, as typer coerces them.
    for each_ctx, each in every_param(command):
        for value in BAD_VALUES:
            try:
                each.process_value(each_ctx, value if each.nargs == 1 else [value])
            except click_exceptions.ClickException as exc:
                yield f"{each_ctx.info_name} {each.name}={value!r}", exc


def test_every_kind_of_usage_error_is_chinese_in_chinese(command: Any) -> None:
    allowed = allowed_words(command) | {"abc", "xxx"}  # the values typed are quoted back
    kinds: set[str] = set()
    english = {}
    for name, exc in made_errors(command):
        kinds.add(type(exc).__name__)
        zh = usage_text(exc, "zh", ["update", "SMX-001", "--note", "累计", "改造"])
        en = usage_text(exc, "en", [])
        found = english_in(zh, allowed)
        if found:
            english[name] = (zh, found)
        assert en and not re.search("[\u4e00-\u9fff]{4}", en.split("(")[0]), (name, en)
    assert english == {}
    assert kinds >= {
        "UsageError",
        "BadParameter",
        "MissingParameter",
        "NoSuchOption",
        "BadOptionUsage",
        "BadArgumentUsage",
        "FileError",
    }


def test_every_argument_has_a_name_for_people(command: Any) -> None:
    unnamed = sorted(
        {p.name for _, p in every_param(command) if p.param_type_name == "argument"}
        - {key.removeprefix("arg.") for key in CATALOGUE if key.startswith("arg.")}
    )
    assert unnamed == []


L = "sanmenxia/city-county/smx-city-2024.yaml"

# (command line, what the Chinese error must say)
CASES = [
    (
        ["update", "SMX-003", "-c", "50", "--note", "累计", "改造", "-l", L],
        ['--note "累计 改造"', "引号"],
    ),
    (["init", "x", "y"], ["多出了参数 y"]),
    (["update", "SMX-003", "-c", "50", "--on"], ["选项 --on 后面缺少值", "rectify update --help"]),
    (["update", "-l", L], ["缺少问题编号"]),
    (["show"], ["缺少问题编号"]),
    (["carry-over", L], ["缺少选项 --to"]),
    (
        ["status", "--by", "部门", L],
        ["--by 的值 部门 无效", "unit（牵头单位）", "co-unit（配合单位）", "ledger（台账）"],
    ),
    (["status", "--by", "unti", L], ["是不是 unit"]),
    (["status", "--format", "xx", L], ["table（表格）、json、markdown"]),
    (["list", "--due-within", "abc", "-l", L], ["--due-within 要写整数，abc 不是整数"]),
    (["list", "--due-within", "-3", "-l", L], ["不能小于 0"]),
    (["due", "--margin", "300", L], ["应在 0 到 100 之间"]),
    (["init", "--id-width", "12"], ["应在 1 到 9 之间"]),
    (["add", "--titel", "x", "-l", L], ["是不是 --title"]),
    (["status", "--as-of", "2024-13-45", L], ["--as-of 的日期 2024-13-45 无法识别"]),
    (["frobnicate"], ["没有 frobnicate 这个命令"]),
]


@pytest.mark.parametrize(("args", "says"), CASES, ids=[" ".join(a[:3]) for a, _ in CASES])
def test_usage_errors_through_the_app(
    run: RunCli, examples: Path, command: Any, args: list[str], says: list[str]
) -> None:
    argv = [str(examples / a) if a == L else a for a in args]
    zh = run("--lang", "zh", *argv)
    assert zh.exit_code in (2, 3), zh
    assert zh.stderr.startswith("错误：")
    for part in says:
        assert part in zh.stderr
    assert english_in(zh.stderr, allowed_words(command) | set(args)) == []
    en = run("--lang", "en", *argv)
    assert en.exit_code == zh.exit_code
    assert en.stderr.startswith("error: ")


def test_add_titel_suggests_title_first(run: RunCli) -> None:
    result = run("add", "--titel", "x", "--lang", "en")
    assert "did you mean --title" in result.stderr


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("单位", "unit"),
        ("牵头单位", "unit"),
        ("配合单位", "co-unit"),
        ("来源", "source"),
        ("整改类型", "track"),
        ("台账", "ledger"),
    ],
)
def test_by_takes_its_chinese_names(run: RunCli, examples: Path, word: str, value: str) -> None:
    ledger = str(examples / L)
    chinese = run("status", "--by", word, ledger, "--lang", "zh")
    assert chinese.exit_code == 0, chinese.stderr
    assert chinese.stdout == run("status", "--by", value, ledger, "--lang", "zh").stdout


def test_no_command_says_so_once(run: RunCli) -> None:
    result = run("--lang", "zh")
    assert result.exit_code == 2
    assert result.stderr == "错误：缺少命令名，例如 rectify status\n运行 rectify --help 查看用法\n"
