"""Usage errors in the user's language: click's, typer's and the language itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RunCli
from rectify.i18n import UnknownLanguage, parse_lang, resolve_lang

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
