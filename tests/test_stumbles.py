"""Small stumbles a new user meets, each answered with a sentence instead of silence."""

from __future__ import annotations

from pathlib import Path

from conftest import RunCli

NEW = ("new", "--id", "a-2024", "--title", "清单", "--supervisor", "人大", "--prefix", "A")


def test_new_without_a_config_says_how_to_set_one_up(run: RunCli, tmp_path: Path) -> None:
    result = run(*NEW, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("提示：这里还没有 rectify.toml")
    assert (tmp_path / "ledgers" / "a-2024.yaml").is_file()
    (tmp_path / "other").mkdir()
    run("init", "--lang", "zh", "--yes", cwd=tmp_path / "other")
    again = run(*NEW, "--lang", "zh", cwd=tmp_path / "other")
    assert again.exit_code == 0 and again.stderr == ""


def test_a_completion_that_falls_and_a_deadline_already_past_are_pointed_out(
    run: RunCli, tmp_path: Path
) -> None:
    assert run(*NEW, "--assigned-on", "2024-07-01").exit_code == 0
    added = run(
        "add",
        "--title",
        "问题",
        "--unit",
        "某局",
        "--deadline",
        "2024-12-31",
        "--assigned-on",
        "2024-07-01",
    )
    assert added.exit_code == 0, added.stderr
    assert run("update", "A-001", "-c", "60", "--on", "2024-10-31").stderr == ""
    fell = run("update", "A-001", "-c", "30", "--lang", "zh")
    assert fell.exit_code == 0
    assert fell.stderr == (
        "注意：A-001 的完成进度比上次（60.0%）低了；如是填错，可再运行一次 rectify update 更正\n"
    )
    past = run("extend", "A-001", "--to", "2024-11-15", "--reason", "调整", "--lang", "en")
    assert past.exit_code == 0
    expected = (
        "note: the new deadline 2024-11-15 is before 2024-11-30, so the problem is still overdue\n"
    )
    assert past.stderr == expected
    later = run("extend", "A-001", "--to", "2025-03-31", "--reason", "调整")
    assert (later.exit_code, later.stderr) == (0, "")


def test_list_as_csv_in_chinese_is_a_sheet_excel_opens(run: RunCli, examples: Path) -> None:
    ledger = str(examples / "sanmenxia" / "city-county" / "lingbao-2024.yaml")
    text = run("list", ledger, "--format", "csv", "--lang", "zh", "--as-of", "2024-11-30").stdout
    assert text.startswith("\ufeff台账,编号,问题,问题来源,整改类型,牵头单位,")
    assert text.splitlines()[0].endswith(",结转自,预警")
    assert ",已销号,100," in text.splitlines()[1]
    english = run("list", ledger, "--format", "csv", "--lang", "en", "--as-of", "2024-11-30")
    assert english.stdout.startswith("\ufeffledger,id,title,source,track,lead_unit,")


def test_schema_takes_lang_as_every_command_does(run: RunCli, tmp_path: Path) -> None:
    result = run("schema", "--lang", "zh", "-o", str(tmp_path / "no" / "such" / "dir" / "s.json"))
    assert result.exit_code == 3
    assert result.stderr.startswith("错误：")


def test_a_value_of_the_wrong_kind_is_named_in_the_readers_words(
    run: RunCli, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    header = "schema: 1\nledger:\n  id: x\n  title: t\n  supervisor: s\n  id_prefix: X\n"
    bad.write_text(header + "issues: 5\n", encoding="utf-8")
    zh = run("check", str(bad), "--lang", "zh").stdout
    assert "issues 应为列表（每项以 - 开头），这里是数字" in zh
    en = run("check", str(bad), "--lang", "en").stdout
    assert "issues should be a list (each item starting with -), not a number" in en


def test_wide_shows_every_column_however_narrow_the_screen(run: RunCli, examples: Path) -> None:
    folder = str(examples / "sanmenxia" / "city-county")
    narrow = run("status", folder, "--as-of", "2024-11-30", "--lang", "zh", env={"COLUMNS": "60"})
    assert "未显示：" in narrow.stdout and "rectify --wide" in narrow.stdout
    wide = run("--wide", "status", folder, "--as-of", "2024-11-30", "--lang", "zh",
               env={"COLUMNS": "60"})  # fmt: skip
    assert wide.exit_code == 0 and "未显示" not in wide.stdout
    assert "按期整改率" in wide.stdout and "时限调整" in wide.stdout


def test_an_unknown_unit_gets_the_same_sentence_from_every_command(run: RunCli) -> None:
    """list, due and notice select by unit; a name no issue has is refused alike, never an
    empty table (list showed nothing when no name was close)."""
    from conftest import EXAMPLES

    city = str(EXAMPLES / "sanmenxia" / "city-county")
    for typed, sentence in [
        (
            "民政局",
            "错误：台账中没有单位为“民政局”的问题；是不是 市民政局、卢氏县民政局、灵宝市民政局？",
        ),
        ("审计署", "错误：台账中没有单位为“审计署”的问题；rectify status --by unit 可看全部单位"),
    ]:
        for command in (("list", "--unit", typed), ("due", "--unit", typed), ("notice", typed)):
            result = run(*command, city, "--lang", "zh")
            assert result.exit_code == 1, (command, result.stdout)
            assert result.stderr.strip() == sentence, command
