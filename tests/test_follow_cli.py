"""`rectify due`, `rectify notice` and `rectify carry-over` as a user runs them."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import pytest

from conftest import Golden, RunCli
from rectify.dates import month_end
from rectify.figures.months import months_between
from rectify.figures.state import items
from rectify.figures.tally import figures
from rectify.ledger.load import load_valid

D = dt.date


@pytest.fixture
def city(examples: Path) -> str:
    return str(examples / "sanmenxia" / "city-county")


@pytest.fixture
def copied(examples: Path, tmp_path: Path) -> Path:
    """A writable copy of the city-county example set."""
    target = tmp_path / "city-county"
    shutil.copytree(examples / "sanmenxia" / "city-county", target)
    return target


# --- rectify due --------------------------------------------------------------------


def test_due_table_in_chinese(run: RunCli, city: str, golden: Golden) -> None:
    result = run("due", city, "--as-of", "2024-11-30", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    golden("due_city_county_zh.txt", result.stdout)
    assert "红色预警2个，黄色预警0个，蓝色预警1个" in result.stdout
    assert "SMX-014" in result.stdout and "逾期15天" in result.stdout
    assert "LB-003" in result.stdout and "逾期10天" in result.stdout
    assert "SMX-012" in result.stdout and "还剩10天" in result.stdout


def test_due_table_in_english_flags_silent_issues(run: RunCli, city: str, golden: Golden) -> None:
    result = run("due", city, "--as-of", "2025-01-20", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    golden("due_city_county_en.txt", result.stdout)
    assert "4 red, 0 yellow, 0 blue; 11 with no progress report for over a month" in result.stdout
    assert "2024-11-29 silent" in result.stdout


def test_due_as_json(run: RunCli, city: str) -> None:
    result = run("due", city, "--as-of", "2024-11-30", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"] == {"red": 2, "yellow": 0, "blue": 1, "silent": 0}
    assert [unit["unit"] for unit in data["units"]] == ["市民政局", "灵宝市民政局"]
    first = data["units"][0]["issues"][0]
    assert (first["id"], first["level"], first["days_overdue"], first["completion"]) == (
        "SMX-014",
        "red",
        15,
        82.0,
    )
    assert first["last_progress"] == "2024-11-29"


def test_due_as_markdown(run: RunCli, city: str) -> None:
    result = run("due", city, "--as-of", "2024-11-30", "--format", "markdown", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Chase list (as of 2024-11-30)\n")
    assert "| red (overdue) | LB-003 |" in result.stdout


def test_due_window_and_unit(run: RunCli, city: str) -> None:
    narrow = run("due", city, "--as-of", "2024-11-30", "--within", "5", "--format", "json")
    assert json.loads(narrow.stdout)["counts"]["blue"] == 0
    one = run("due", city, "--as-of", "2024-11-30", "--unit", "灵宝市民政局", "--format", "json")
    units = json.loads(one.stdout)["units"]
    assert [(u["unit"], [i["id"] for i in u["issues"]]) for u in units] == [
        ("灵宝市民政局", ["LB-003"])
    ]


def test_due_names_the_unit_meant(run: RunCli, city: str) -> None:
    result = run("due", city, "--unit", "市民政", "--lang", "zh")
    assert result.exit_code == 1
    assert "台账中没有单位为“市民政”的问题；是不是 市民政局、灵宝市民政局？" in result.stderr


def test_due_rejects_a_negative_window(run: RunCli, city: str) -> None:
    result = run("due", city, "--within", "-1")
    assert result.exit_code == 2


def test_due_with_nothing_to_chase(run: RunCli, city: str) -> None:
    result = run("due", city, "--as-of", "2024-11-30", "--lang", "en", "--unit", "市财政局")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Nothing to chase as of 2024-11-30."


# --- rectify notice -----------------------------------------------------------------


def test_notice_for_one_unit(run: RunCli, city: str, golden: Golden) -> None:
    result = run("notice", "市民政局", city, "--month", "2024-11", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    golden("notice_smx_civil_affairs_zh.md", result.stdout)


def test_notice_with_the_unit_forgotten_says_so(run: RunCli, city: str) -> None:
    result = run("notice", city, "--month", "2024-11", "--lang", "zh")
    assert result.exit_code == 2
    assert f"{city} 是台账文件或文件夹，不是单位名称：先写单位，再写台账" in result.stderr
    english = run("notice", "smx-city-2024.yaml", city, "--lang", "en")
    assert english.exit_code == 2
    assert "smx-city-2024.yaml is a ledger file or folder, not a unit" in english.stderr


def test_notice_to_a_file(run: RunCli, city: str, tmp_path: Path) -> None:
    target = tmp_path / "提醒函.md"
    result = run(
        "notice", "市民政局", city, "--month", "2024-11", "-o", str(target), "--lang", "zh"
    )
    assert result.exit_code == 0, result.stderr
    golden_text = (Path(__file__).parent / "golden" / "notice_smx_civil_affairs_zh.md").read_text(
        encoding="utf-8"
    )
    assert target.read_text(encoding="utf-8") == golden_text


def test_notice_dated_today_without_a_month(run: RunCli, city: str) -> None:
    result = run("notice", "灵宝市民政局", city, "--lang", "zh", today="2024-12-05")
    assert result.exit_code == 0, result.stderr
    assert "截至2024年12月5日" in result.stdout
    assert "已逾期15天" in result.stdout
    tail = "灵宝市人大常委会\n\n2024年12月5日\n\n抄送：经办人、分管领导"
    assert result.stdout.rstrip().endswith(tail)


def test_notice_for_every_unit(run: RunCli, city: str, tmp_path: Path) -> None:
    folder = tmp_path / "提醒函"
    result = run("notice", "--all", city, "--month", "2024-11", "-o", str(folder), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    names = sorted(path.name for path in folder.iterdir())
    # each file named as its letter is titled: both are past a deadline, step 3 (督办通知)
    assert names == ["市民政局-督办通知-2024-11-30.md", "灵宝市民政局-督办通知-2024-11-30.md"]
    letter = (folder / "灵宝市民政局-督办通知-2024-11-30.md").read_text(encoding="utf-8")
    assert letter.startswith("# 关于逾期未整改问题的督办通知\n\n灵宝市民政局：\n")
    assert "共生成2份督办文书" in result.stdout
    early = tmp_path / "十月"  # due within 60 days in October, none overdue yet: reminders
    words = ("--month", "2024-10", "--within", "60", "-o", str(early), "--lang", "zh")
    made = run("notice", "--all", city, *words)
    assert made.exit_code == 0, made.stderr
    early_names = [path.name for path in early.iterdir()]
    assert len(early_names) == 5 and "市卫健委-督办提醒函-2024-10-31.md" in early_names
    assert all(name.endswith("-督办提醒函-2024-10-31.md") for name in early_names)


def test_notice_when_nothing_is_due(run: RunCli, city: str) -> None:
    result = run("notice", "市财政局", city, "--month", "2024-11", "--lang", "zh")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "截至2024-11-30，市财政局没有需要督办的问题，未生成提醒函" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "请给出单位名称"),
        (("--all",), "--all 需要用 -o 指定"),
        (("市民政局", "--month", "2024-13"), "不是月份"),
        (("市民政局", "--month", "2024-11", "--as-of", "2024-11-30"), "只能用一个"),
    ],
)
def test_notice_usage_errors(run: RunCli, args: tuple[str, ...], message: str) -> None:
    result = run("notice", *args, "--lang", "zh")
    assert result.exit_code == 2
    assert message in result.stderr


# --- rectify carry-over -------------------------------------------------------------

ON = "2024-12-31"
CARRIED = ["SMX-003", "SMX-005", "SMX-006", "SMX-010", "SMX-012", "SMX-014", "SMX-016"]


def carry(run: RunCli, folder: Path, *extra: str) -> tuple[int, str, str]:
    result = run(
        "carry-over",
        str(folder / "smx-city-2024.yaml"),
        "--to",
        str(folder / "smx-city-2025.yaml"),
        "--id",
        "smx-city-2025",
        "--title",
        "三门峡市人大常委会2025年联动监督问题清单",
        "--on",
        ON,
        "--lang",
        "zh",
        *extra,
    )
    return result.exit_code, result.stdout, result.stderr


def test_carry_over_end_to_end(run: RunCli, copied: Path) -> None:
    old_path = copied / "smx-city-2024.yaml"
    new_path = copied / "smx-city-2025.yaml"
    day = D(2024, 12, 31)
    before = items(loaded.ledger for loaded in load_valid([copied], as_of=day))

    code, stdout, stderr = carry(run, copied)
    assert code == 0, stderr
    assert f"新建台账 {new_path}（smx-city-2025）" in stdout
    assert "  SMX-014 → SMX-014  部分农村幸福院运营不正常，处于闲置状态（82%）" in stdout
    assert f"结转7个问题，此前已结转0个；原台账 {old_path} 中加注去向7个" in stdout

    assert new_path.read_text(encoding="utf-8").startswith(
        "# 由 rectify carry-over 于 2024-12-31 从 smx-city-2024 结转未完成整改的问题后生成\n"
        "schema: 1\nledger:\n  id: smx-city-2025\n"
    )

    # both files pass check, alone and rolled up with the counties
    for target in (new_path, old_path, copied):
        checked = run("check", str(target), "--as-of", ON)
        assert checked.exit_code == 0, checked.stdout

    ledgers = {loaded.ledger.ledger.id: loaded.ledger for loaded in load_valid([copied], as_of=day)}
    new = ledgers["smx-city-2025"]
    assert [issue.carried_from for issue in new.issues] == [
        f"smx-city-2024/{old}" for old in CARRIED
    ]
    assert [issue.id for issue in new.issues] == CARRIED  # each problem keeps its id
    old = ledgers["smx-city-2024"]
    assert len(old.issues) == 25
    noted = old.issues[13]
    assert noted.id == "SMX-014"
    assert noted.progress[-1].note == "已结转至 smx-city-2025/SMX-014 继续整改（跨年再盯）"
    assert noted.completion == 82

    # a roll-up of both years counts each problem once, at every month end and later
    after = items(ledgers.values())
    for month in months_between((2024, 7), (2025, 2)):
        as_of = month_end(*month)
        assert figures(after, as_of) == figures(before, as_of), as_of
    assert figures(after, day).counted == 41

    # running it again changes nothing, byte for byte
    new_bytes, old_bytes = new_path.read_bytes(), old_path.read_bytes()
    code, stdout, stderr = carry(run, copied)
    assert code == 0, stderr
    assert (new_path.read_bytes(), old_path.read_bytes()) == (new_bytes, old_bytes)
    assert "结转0个问题，此前已结转7个；原台账" in stdout
    assert "（此前已结转）" in stdout


def test_carry_over_keeps_the_rest_of_last_years_file(run: RunCli, copied: Path) -> None:
    old_path = copied / "smx-city-2024.yaml"
    text = old_path.read_text(encoding="utf-8")
    assert carry(run, copied)[0] == 0
    after = old_path.read_text(encoding="utf-8")
    # comments and untouched issues stay; only notes are added
    assert after.startswith(text.split("issues:")[0])
    assert "  # 代表建议，经研究不予整改，不计入整改完成率\n" in after
    assert after.count("已结转至 smx-city-2025/") == 7
    assert len(after.splitlines()) > len(text.splitlines())


def test_carry_over_appends_to_an_existing_ledger(run: RunCli, copied: Path) -> None:
    assert carry(run, copied)[0] == 0
    result = run(
        "carry-over",
        str(copied / "lingbao-2024.yaml"),
        "--to",
        str(copied / "smx-city-2025.yaml"),
        "--on",
        ON,
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.stderr
    assert "added to" in result.stdout
    # another prefix: numbered after the highest SMX id, never taking a used one
    assert "LB-003 → SMX-017" in result.stdout
    assert "LB-007 → SMX-018" in result.stdout
    assert run("check", str(copied), "--as-of", ON).exit_code == 0


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (("--on", "2024-11-01"), 1, "晚于结转日期 2024-11-01"),
    ],
)
def test_carry_over_refusals(
    run: RunCli, copied: Path, extra: tuple[str, ...], code: int, message: str
) -> None:
    old_bytes = (copied / "smx-city-2024.yaml").read_bytes()
    result_code, _, stderr = carry(run, copied, *extra)
    assert result_code == code
    assert message in stderr
    assert not (copied / "smx-city-2025.yaml").exists()
    assert (copied / "smx-city-2024.yaml").read_bytes() == old_bytes


def test_carry_over_names_next_years_ledger_after_its_file(run: RunCli, copied: Path) -> None:
    old = copied / "lingbao-2024.yaml"
    made = run("carry-over", str(old), "--to", str(copied / "lingbao-2025.yaml"), "--on", ON)
    assert made.exit_code == 0, made.stderr
    new = load_valid([copied / "lingbao-2025.yaml"], as_of=D(2024, 12, 31))[0].ledger
    assert (new.ledger.id, new.ledger.title) == (
        "lingbao-2025",
        "2025年灵宝市人大常委会养老服务联动监督问题清单",
    )
    # no year in the file name: the title cannot be worked out, and nothing is written
    before = old.read_bytes()
    unnamed = run(
        "carry-over", str(old), "--to", str(copied / "next.yaml"), "--on", ON, "--lang", "zh"
    )
    assert unnamed.exit_code == 2 and "请用 --id 和 --title" in unnamed.stderr
    assert not (copied / "next.yaml").exists() and old.read_bytes() == before


def test_update_of_a_carried_problem_finds_this_years(run: RunCli, copied: Path) -> None:
    """Both years in scope: SMX-003 is this year's SMX-003, the continuation, never ambiguous."""
    assert carry(run, copied)[0] == 0
    added = run(
        "add", "-l", str(copied / "smx-city-2025.yaml"), "--title", "新问题", "--unit", "市民政局",
        "--deadline", "2025-06-30", "--new-unit", today=ON,
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert "SMX-017" in added.stdout  # after every carried id: a new problem never takes one
    updated = run("update", "SMX-003", "--completion", "90", "-l", str(copied), today="2025-01-05")
    assert updated.exit_code == 0, updated.stderr
    ledgers = {x.ledger.ledger.id: x.ledger for x in load_valid([copied], as_of=D(2025, 1, 5))}
    this_year = next(i for i in ledgers["smx-city-2025"].issues if i.id == "SMX-003")
    assert this_year.completion == 90 and this_year.carried_from == "smx-city-2024/SMX-003"
    last_year = next(i for i in ledgers["smx-city-2024"].issues if i.id == "SMX-003")
    assert last_year.completion != 90
    cache_on = {"RECTIFY_NO_CACHE": ""}  # the cache's index knows no carried_from: same answer
    for completion in ("92", "95"):  # the first run warms the cache, the second uses it
        again = run(
            "update",
            "SMX-003",
            "-c",
            completion,
            "-l",
            str(copied),
            env=cache_on,
            today="2025-01-06",
        )
        assert again.exit_code == 0, again.stderr
    text = (copied / "smx-city-2025.yaml").read_text(encoding="utf-8")
    assert "completion: 95" in text


def test_list_shows_a_carried_problem_once(run: RunCli, copied: Path) -> None:
    """Last year's copy is marked carried, without a warning, and not counted or chased again."""
    assert carry(run, copied)[0] == 0
    both = ["-l", str(copied / "smx-city-2024.yaml"), "-l", str(copied / "smx-city-2025.yaml")]
    day = ("--as-of", "2025-01-10", "--lang", "zh")
    table = run("list", *both, *day, env={"COLUMNS": "160"})
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    old_row = next(ln for ln in lines if ln.startswith("smx-city-2024") and " SMX-014 " in ln)
    new_row = next(ln for ln in lines if ln.startswith("smx-city-2025") and " SMX-014 " in ln)
    assert "已结转至 smx-city-2025/SMX-014" in old_row and "红" not in old_row
    assert "红" in new_row and "逾期 56 天" in new_row
    assert table.stdout.rstrip().endswith("另有 7 个问题已结转或由下级承接，不重复计算")
    assert "共 25 个问题" in table.stdout  # 25 of last year, the 7 carried counted once
    overdue = run("list", *both, "--overdue", "--format", "json", *day)
    chased = [(i["ledger"], i["id"]) for i in json.loads(overdue.stdout)]
    assert ("smx-city-2025", "SMX-014") in chased and ("smx-city-2024", "SMX-014") not in chased
    listed = json.loads(run("list", *both, "--format", "json", *day).stdout)
    marks = {i["id"]: i.get("carried_to") for i in listed if i["ledger"] == "smx-city-2024"}
    assert marks["SMX-014"] == "smx-city-2025/SMX-014" and marks["SMX-001"] is None


def test_carry_over_into_itself_is_refused(run: RunCli, copied: Path) -> None:
    path = str(copied / "smx-city-2024.yaml")
    result = run("carry-over", path, "--to", path, "--lang", "en")
    assert result.exit_code == 2
    assert "--to names the ledger being carried over" in result.stderr


def test_carry_over_checks_the_id_of_an_existing_ledger(run: RunCli, copied: Path) -> None:
    assert carry(run, copied)[0] == 0
    result = run(
        "carry-over",
        str(copied / "lushi-2024.yaml"),
        "--to",
        str(copied / "smx-city-2025.yaml"),
        "--id",
        "lushi-2025",
        "--on",
        ON,
        "--lang",
        "en",
    )
    assert result.exit_code == 2
    assert "has the ledger id smx-city-2025, not lushi-2025" in result.stderr


# --- goldens ---------------------------------------------------------------------------------


def test_due_json_golden(run: RunCli, city: str, golden: Golden) -> None:
    """After New Year: red and blue issues, and the ones silent for over a month."""
    result = run("due", city, "--as-of", "2025-01-20", "--format", "json")
    assert result.exit_code == 0, result.stderr
    golden("due_city_county_2025-01-20.json", result.stdout)


def test_carry_over_golden(run: RunCli, copied: Path, tmp_path: Path, golden: Golden) -> None:
    """The report, next year's new file, and the lines added to this year's file (on today)."""
    old_path = copied / "smx-city-2024.yaml"
    before = old_path.read_text(encoding="utf-8")
    result = run(
        "carry-over",
        "city-county/smx-city-2024.yaml",
        "--to",
        "city-county/smx-city-2025.yaml",
        "--id",
        "smx-city-2025",
        "--title",
        "三门峡市人大常委会2025年联动监督问题清单",
        "--lang",
        "zh",
        cwd=tmp_path,
        today=ON,
    )
    assert result.exit_code == 0, result.stderr
    golden("carry_over_smx-city_zh.txt", result.stdout)
    golden("carry_over_smx-city-2025.yaml", (copied / "smx-city-2025.yaml").read_text("utf-8"))
    after = old_path.read_text(encoding="utf-8")
    diff = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        "a/smx-city-2024.yaml",
        "b/smx-city-2024.yaml",
        n=1,
    )
    golden("carry_over_smx-city-2024.diff", "".join(diff))

    more = run(
        "carry-over",
        "city-county/lingbao-2024.yaml",
        "--to",
        "city-county/smx-city-2025.yaml",
        "--lang",
        "en",
        cwd=tmp_path,
        today=ON,
    )
    assert more.exit_code == 0, more.stderr
    golden("carry_over_lingbao_into_smx-city-2025_en.txt", more.stdout)
