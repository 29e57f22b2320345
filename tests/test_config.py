"""rectify.toml: found by walking up, read strictly, written with comments, units added in place."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import RunCli
from rectify.errors import ExitCode, FileError
from rectify.io.config import (
    Config,
    add_units,
    config_text,
    create_config,
    find_config,
    load_config,
    read_config,
    with_units,
)


def test_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "rectify.toml").write_text('lang = "zh"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "rectify.toml").resolve()
    config = load_config(deep)
    assert config.lang == "zh"
    assert config.ledgers_dir == tmp_path.resolve() / "ledgers"


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert (config.path, config.ledgers, config.due_soon_days, config.id_width, config.units) == (
        None,
        "ledgers",
        14,
        3,
        [],
    )


def test_written_text_reads_back_with_every_setting(tmp_path: Path) -> None:
    config = Config(lang="zh", due_soon_days=10, units=["市民政局", '带"引号"的单位'], id_width=4)
    path = tmp_path / "rectify.toml"
    create_config(path, config, "zh")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# rectify 项目设置")
    assert "# 单位名录" in text
    again = read_config(path)
    assert (again.lang, again.due_soon_days, again.units, again.id_width) == (
        "zh",
        10,
        ["市民政局", '带"引号"的单位'],
        4,
    )


def test_unset_language_is_written_commented_out(tmp_path: Path) -> None:
    text = config_text(Config(), "en")
    assert '# lang = "en"\n' in text
    assert "lang" not in tomllib.loads(text)


def test_create_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "rectify.toml"
    path.write_text("# mine\n", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        create_config(path, Config(), "en")
    assert caught.value.key == "config.exists"
    assert caught.value.exit_code is ExitCode.IO
    assert path.read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("units = 3\n", "units"),
        ('lang = "fr"\n', "lang"),
        ("id_width = 0\n", "id_width"),
        ("due_soon_days = -1\n", "due_soon_days"),
        ("due_soon_days = true\n", "due_soon_days"),
        ("pace_margin = -1\n", "pace_margin"),
        ("pace_margin = 101\n", "pace_margin"),
        ('pace_margin = "20"\n', "pace_margin"),
        ("pace_margin = 12.5\n", "pace_margin"),
        ("pace_margin = false\n", "pace_margin"),
    ],
)
def test_bad_values_are_refused_naming_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "rectify.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileError) as caught:
        read_config(path)
    assert caught.value.params["key"] == key


def test_unknown_key_and_broken_toml(tmp_path: Path) -> None:
    path = tmp_path / "rectify.toml"
    path.write_text("ledger = 'x'\n", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        read_config(path)
    assert caught.value.key == "config.unknown_key"
    path.write_text("units = [\n", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        read_config(path)
    assert caught.value.key == "config.invalid"


def test_add_units_changes_only_the_units_lines(tmp_path: Path) -> None:
    path = tmp_path / "rectify.toml"
    create_config(path, Config(lang="zh", units=["市民政局"]), "zh")
    path.write_text("# 我的注释\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_text(encoding="utf-8").splitlines()
    assert add_units(path, ["市住建局", "市民政局", "市住建局"]) == ["市住建局"]
    after = path.read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line not in before] == ['    "市住建局",']
    assert after[0] == "# 我的注释"
    assert read_config(path).units == ["市民政局", "市住建局"]
    assert add_units(path, ["市住建局"]) == []


def test_add_units_to_a_file_without_the_key(tmp_path: Path) -> None:
    path = tmp_path / "rectify.toml"
    path.write_text('lang = "zh"', encoding="utf-8")
    assert add_units(path, ["甲"]) == ["甲"]
    assert path.read_text(encoding="utf-8") == 'lang = "zh"\nunits = [\n    "甲",\n]\n'


def test_add_units_to_a_file_with_tables_goes_before_the_first_table(tmp_path: Path) -> None:
    """A top-level key after `[fonts.zh]` would belong to that table: it goes above it."""
    path = tmp_path / "rectify.toml"
    text = '# 我的注释\nlang = "zh"\n\n[fonts.zh]  # 公文字体\nbody = "仿宋_GB2312"\n'
    path.write_text(text, encoding="utf-8")
    assert add_units(path, ["甲"]) == ["甲"]
    assert path.read_text(encoding="utf-8") == (
        '# 我的注释\nlang = "zh"\n\nunits = [\n    "甲",\n]\n\n'
        '[fonts.zh]  # 公文字体\nbody = "仿宋_GB2312"\n'
    )
    assert read_config(path).units == ["甲"]


def test_add_units_falls_back_to_a_fresh_file_when_the_list_is_unusual(tmp_path: Path) -> None:
    path = tmp_path / "rectify.toml"
    path.write_text('units = ["a]", "b"]  # inline\nlang = "en"\n', encoding="utf-8")
    assert add_units(path, ["c"]) == ["c"]
    config = read_config(path)
    assert (config.units, config.lang) == (["a]", "b", "c"], "en")


def test_with_units_replaces_a_multiline_list() -> None:
    text = 'x = 1\nunits = [\n  "a",\n  "b",\n]\ny = 2\n'
    assert with_units(text, ["a", "b", "c"]) == (
        'x = 1\nunits = [\n    "a",\n    "b",\n    "c",\n]\ny = 2\n'
    )


def test_pace_margin_defaults_to_20_and_reads_its_bounds(tmp_path: Path) -> None:
    assert load_config(tmp_path).pace_margin == 20
    path = tmp_path / "rectify.toml"
    for value in (0, 35, 100):
        path.write_text(f"pace_margin = {value}\n", encoding="utf-8")
        assert read_config(path).pace_margin == value


@pytest.mark.parametrize(
    ("lang", "comment"),
    [
        ("zh", "# 黄色预警：完成进度低于序时进度超过这么多个百分点（0–100）\npace_margin = 20\n"),
        (
            "en",
            "# yellow warning: completion more than this many points below the pace line (0–100)"
            "\npace_margin = 20\n",
        ),
    ],
)
def test_written_file_explains_pace_margin(tmp_path: Path, lang: str, comment: str) -> None:
    path = tmp_path / "rectify.toml"
    create_config(path, Config(pace_margin=20), "zh" if lang == "zh" else "en")
    text = path.read_text(encoding="utf-8")
    assert comment in text
    assert text.index("due_soon_days =") < text.index("pace_margin =") < text.index("id_width =")
    path.write_text(text.replace("pace_margin = 20", "pace_margin = 5"), encoding="utf-8")
    assert read_config(path).pace_margin == 5


def test_fonts_are_kept_when_the_file_is_written_afresh(tmp_path: Path) -> None:
    path = tmp_path / "rectify.toml"
    path.write_text('[fonts.zh]\nbody = "仿宋"\n', encoding="utf-8")
    assert add_units(path, ["市民政局"]) == ["市民政局"]
    config = read_config(path)
    assert config.units == ["市民政局"]
    assert config.fonts == {"zh": {"body": "仿宋"}}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('lang = "zh"\ndue_soon_days = "abc"\n', "中 due_soon_days 的值无效：abc"),
        ('lang = "zh"  # 中文\n[bad\n', "不是有效的 TOML"),
    ],
)
def test_a_broken_config_is_reported_in_the_language_it_asks_for(
    run: RunCli, tmp_path: Path, text: str, words: str
) -> None:
    (tmp_path / "rectify.toml").write_text(text, encoding="utf-8")
    done = run("status", env={"LANG": "C.UTF-8", "RECTIFY_LANG": ""})
    assert done.exit_code == 3
    assert done.stderr.startswith("错误：") and words in done.stderr


def test_the_language_of_a_broken_config(tmp_path: Path) -> None:
    from rectify.io.config import asked_lang

    path = tmp_path / "rectify.toml"
    assert asked_lang(tmp_path) is None
    for text, lang in (
        ('lang = "en"\nx = [\n', "en"),
        ("lang = 'zh'\n", "zh"),
        ('lang = "fr"\n', None),
    ):
        path.write_text(text, encoding="utf-8")
        assert asked_lang(tmp_path) == lang, text
