"""`list` and `due` into a file or a pipe (plain aligned lines), and long lists at a terminal."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import RunCli
from rectify.api.project import Project
from rectify.figures.select import Filters, select
from rectify.ledger.load import load_valid
from rectify.render import to_text
from rectify.render.issues import list_view
from rectify.render.table import plain_lines
from rectify.render.warnings import chase_renderable

D = dt.date
PIPED = {"COLUMNS": ""}  # the run fixture's output is no terminal; without COLUMNS it is a pipe


@pytest.fixture
def city(tmp_path: Path, examples: Path) -> Path:
    target = tmp_path / "city-county"
    shutil.copytree(examples / "sanmenxia" / "city-county", target)
    return target


def _column_at(lines: list[str], text: str) -> int:
    """The display column where ``text`` starts in the first line holding it."""
    line = next(line for line in lines if text in line)
    return cell_len(line[: line.index(text)])


def test_plain_lines_align_chinese_and_right_justify() -> None:
    lines = plain_lines(
        ["编号", "问题", "进度"],
        [["A-1", "老旧小区改造", "5.0%"], ["B-22", "x", "100.0%"]],
        [False, False, True],
    )
    assert lines == [
        "编号  问题            进度",
        "A-1   老旧小区改造    5.0%",
        "B-22  x             100.0%",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_list_into_a_pipe_is_plain_lines_with_the_tables_words(
    run: RunCli, city: Path, lang: str
) -> None:
    piped = run("list", "-l", str(city), "--as-of", "2024-11-30", "--lang", lang, env=PIPED)
    shown = run("list", "-l", str(city), "--as-of", "2024-11-30", "--lang", lang)
    assert piped.exit_code == 0, piped.stderr
    lines = piped.stdout.splitlines()
    header = lines[0].split()
    if lang == "zh":
        zh = "台账 预警 编号 问题 牵头单位 整改时限 整改状态 完成进度 时限情况"
        assert header == zh.split()
    else:
        assert header[:4] == ["ledger", "warning", "id", "title"]
    assert "─" not in piped.stdout  # no rule, nothing wrapped
    # One line per issue, in the table's order, then a blank line and the same summary.
    ids = re.findall(r"\b(?:SMX|LB|LS|SZ|HB|MC|YM|YY|CT)-\d{3}\b", piped.stdout)
    assert ids == re.findall(r"\b(?:SMX|LB|LS|SZ|HB|MC|YM|YY|CT)-\d{3}\b", shown.stdout)
    assert lines[-2] == "" and lines[-1] == shown.stdout.splitlines()[-1]
    rows = lines[1:-2]
    assert len(rows) == len(ids)
    # Every issue's line holds its whole title and lead unit; the columns line up.
    sm015 = next(line for line in rows if "SMX-015" in line)
    assert "部分民办养老机构消防安全隐患整治不彻底" in sm015 and "市民政局" in sm015
    assert "2024-07-31" in sm015
    deadline = _column_at(rows, "2024-07-31")
    assert all(cell_len(re.split(r"\d{4}-\d{2}-\d{2}", row)[0]) == deadline for row in rows)
    assert all(row == row.rstrip() for row in lines)


def test_list_into_a_pipe_nothing_matches(run: RunCli, city: Path) -> None:
    result = run(
        "list", "-l", str(city), "--as-of", "2024-11-30", "--status", "closed",
        "--overdue", "--lang", "en", env=PIPED,
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == "as of 2024-11-30, no issue matches\n"


def test_list_json_and_csv_into_a_pipe_unchanged(run: RunCli, city: Path) -> None:
    for fmt in ("json", "csv"):
        args = ("list", "-l", str(city), "--as-of", "2024-11-30", "--format", fmt)
        assert run(*args, env=PIPED).stdout == run(*args).stdout


def test_due_into_a_pipe_is_plain_lines(run: RunCli, city: Path) -> None:
    args = ("due", str(city), "--as-of", "2024-11-30", "--lang", "zh")
    piped = run(*args, env=PIPED)
    assert piped.exit_code == 0, piped.stderr
    lines = piped.stdout.splitlines()
    assert lines[:3] == [
        "督办清单（截至2024-11-30）",
        "红：逾期；黄：完成进度低于序时进度20个百分点以上；蓝：14天内到期",
        "红色预警2个，黄色预警0个，蓝色预警1个；超过一个月未报送进展0个",
    ]
    assert lines[3:6] == [
        "",
        "市民政局  红1 黄0 蓝1 未报送0",
        "预警  编号     问题                                    整改时限    逾期/还剩  "
        "完成进度  序时进度  最近进展    督办",
    ]
    assert lines[6].split() == [
        "红", "SMX-014", "部分农村幸福院运营不正常，处于闲置状态", "2024-11-15", "逾期15天",
        "82.0%", "100.0%", "2024-11-29", "2次，待复函",
    ]  # fmt: skip
    assert "灵宝市民政局  红1 黄0 蓝0 未报送0" in lines
    lb = next(line for line in lines if "LB-003" in line)
    # Every unit's columns line up alike.
    assert _column_at([lb], "2024-11-20") == _column_at(lines, "2024-11-15")
    assert "─" not in piped.stdout


def test_due_markdown_and_json_into_a_pipe_unchanged(run: RunCli, city: Path) -> None:
    for fmt in ("json", "markdown"):
        args = ("due", str(city), "--as-of", "2024-11-30", "--format", fmt)
        assert run(*args, env=PIPED).stdout == run(*args).stdout


def test_a_long_list_at_a_terminal_shows_the_first_rows_and_says_how_to_see_all(
    city: Path,
) -> None:
    day = D(2024, 11, 30)
    ledgers = [loaded.ledger for loaded in load_valid(sorted(city.glob("*.yaml")), as_of=day)]
    rows = select(ledgers, Filters(), as_of=day)
    text = to_text(
        list_view(rows, "en", as_of=day, due_soon_days=14, width=200, limit=3), width=200,
        color=False,
    )  # fmt: skip
    shown = [row.item.issue.id for row in rows if row.item.issue.id in text]
    assert shown == [row.item.issue.id for row in rows[:3]]
    rest = len(rows) - 3
    assert f"showing the first 3 issues; {rest} more are not shown ({len(rows)} in all)" in text
    assert text.rstrip().endswith(f"as of 2024-11-30: {len(rows)} issues, 2 overdue, 1 due soon")


def test_a_long_chase_list_at_a_terminal_shows_each_units_most_urgent(city: Path) -> None:
    from rectify import api

    found = api.due(Project.open(cache=False), [city], as_of=D(2025, 1, 20))
    unit = max(found.units, key=lambda u: len(u.entries))
    assert len(unit.entries) >= 2
    view = chase_renderable(found.units, D(2025, 1, 20), "en", width=200, limit=1)
    text = to_text(view, width=200, color=False)
    assert unit.entries[0].item.issue.id in text
    assert unit.entries[1].item.issue.id not in text
    assert f"{len(unit.entries) - 1} more of {unit.unit} are not shown" in text
    assert "each unit shows its 1 most urgent problems" in text
