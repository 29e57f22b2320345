"""What an attacker or an accident can put in front of rectify: each a clear sentence, no harm."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, RunCli
from gitrepo import OCTOBER, make_repo
from rectify.ledger import cache
from rectify.text import _MARKDOWN_SPECIAL

# --- git plumbing: a committed path holding a line break ------------------------------------------


def test_a_committed_path_with_a_line_break_shifts_no_blob(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: RunCli
) -> None:
    repo = make_repo(tmp_path / "repo", monkeypatch)
    shutil.copytree(EXAMPLES / "sanmenxia" / "city-county", repo.path / "ledgers")
    odd = repo.path / "ledgers" / "a\nlingbao-2024.yaml"
    (repo.path / "ledgers" / "lingbao-2024.yaml").rename(odd)
    repo.commit("2024年10月台账", date=OCTOBER)
    args = ("status", "ledgers", "--format", "json", "--as-of", "2024-10-31")
    now = json.loads(run(*args, cwd=repo.path).stdout)
    then = run(*args, "--at", "HEAD", cwd=repo.path)
    assert then.exit_code == 0, then.stderr
    assert json.loads(then.stdout) == now
    assert now["counted"] == 41
    diff = run("diff", "HEAD", "ledgers", "--format", "json", cwd=repo.path)
    assert diff.exit_code == 0, diff.stderr
    changes = json.loads(diff.stdout)
    assert (changes["issues_changed"], changes["changes"]) == (0, [])


# --- the parse cache: an entry is believed only under the user's own key ---------------------


def _warm_status(run: RunCli, path: Path) -> dict[str, object]:
    env = {"RECTIFY_NO_CACHE": ""}
    done = run("status", str(path), "--format", "json", "--as-of", "2024-11-30", env=env)
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert isinstance(data, dict)
    return data


def test_a_tampered_cache_entry_is_not_believed(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "smx-city-2024.yaml"
    shutil.copyfile(EXAMPLES / "sanmenxia/city-county/smx-city-2024.yaml", path)
    truth = _warm_status(run, path)
    folder = tmp_path / ".rectify-cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "key").stat().st_mode) == 0o600
    (entry,) = folder.glob("*.json")
    assert _warm_status(run, path) == truth  # read from the entry
    # every issue rectified in the entry's rows and models, the header (the key) untouched
    lines = entry.read_bytes().split(b"\n")
    forged = [line.replace(b'"status":"in_progress"', b'"status":"rectified"') for line in lines]
    assert forged != lines
    entry.write_bytes(b"\n".join(forged))
    assert _warm_status(run, path) == truth
    # a one-issue change after a forged entry: still the file's own figures
    entry.write_bytes(b"\n".join(forged))
    done = run("update", "SMX-003", str(path), "-c", "80", env={"RECTIFY_NO_CACHE": ""})
    assert done.exit_code == 0, done.stderr
    cold = json.loads(run("status", str(path), "--format", "json", "--as-of", "2024-11-30").stdout)
    assert _warm_status(run, path) == cold


def test_an_entry_sealed_under_another_key_is_not_believed(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "smx-city-2024.yaml"
    shutil.copyfile(EXAMPLES / "sanmenxia/city-county/smx-city-2024.yaml", path)
    truth = _warm_status(run, path)
    folder = tmp_path / ".rectify-cache"
    (entry,) = folder.glob("*.json")
    good = entry.read_bytes()
    # someone who knows the format but not the key seals a forged entry
    body = good.split(b"\n", 1)[1].replace(b'"status":"in_progress"', b'"status":"closed"')
    cache._secrets.clear()
    (folder / "key").unlink()
    (folder / "key").write_bytes(b"k" * 32)
    os.chmod(folder / "key", 0o600)
    forged = cache._seal(b"k" * 32, body)
    cache._secrets.clear()
    (folder / "key").unlink()
    (folder / "key").write_bytes(b"s" * 32)  # the user's own key, which the forger lacks
    os.chmod(folder / "key", 0o600)
    entry.write_bytes(forged)
    assert _warm_status(run, path) == truth


def test_a_cache_key_open_to_others_is_not_trusted(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "smx-city-2024.yaml"
    shutil.copyfile(EXAMPLES / "sanmenxia/city-county/smx-city-2024.yaml", path)
    _warm_status(run, path)
    folder = tmp_path / ".rectify-cache"
    cache._secrets.clear()
    os.chmod(folder / "key", 0o644)
    assert cache._secret() is None
    os.chmod(folder, 0o755)  # opened by mistake: closed again on the next run
    cache._secrets.clear()
    os.chmod(folder / "key", 0o600)
    assert cache._secret() is not None
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


# --- user text at the terminal --------------------------------------------------------------------

ESC = "\x1b[1A\x1b[2K"  # cursor up, erase the line: would wipe the red overdue line above
YESC = "\\e[1A\\e[2K"  # the same, as a YAML escape
HOSTILE_LEDGER = f"""schema: 1
ledger:
  id: t-2024
  title: "台账{YESC}"
  assigned_on: 2024-07-10
issues:
  - id: T-001
    title: "标题{YESC}抹掉\\u202e倒序"
    lead_unit: "单位\\x1b]0;改标题\\x07\\x9b2J"
    deadline: 2024-12-31
    status: in_progress
    completion: 40
    progress:
      - date: 2024-11-15
        completion: 40
        note: "备注{YESC}"
  - id: T-002
    title: "=HYPERLINK(\\"http://x\\",\\"点我\\")"
    lead_unit: "+单位"
    deadline: 2024-12-01
    status: open
    completion: 0
    reason: "-理由"
"""


def _no_controls(text: str) -> None:
    assert not [ch for ch in text if ch in "\x1b\x07\x9b\u202e"], repr(text)


def test_user_text_never_drives_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: RunCli
) -> None:
    repo = make_repo(tmp_path / "repo", monkeypatch)
    repo.write("ledgers/t.yaml", HOSTILE_LEDGER)
    repo.commit("十月", author=f"张三{ESC}")
    day = "2024-12-20"
    due = run("due", "ledgers", "--lang", "en", today=day, cwd=repo.path)
    _no_controls(due.stdout)
    assert "单位\\x1b]0;改标题\\x07\\x9b2J  red 0 · yellow 1" in due.stdout  # the unit's heading
    done = run(
        "update",
        "T-001",
        "ledgers/t.yaml",
        "-c",
        "50",
        "--note",
        f"再{ESC}",
        today=day,
        cwd=repo.path,
    )
    assert done.exit_code == 0, done.stderr
    _no_controls(done.stdout + done.stderr)
    done = run(
        "extend",
        "T-001",
        "ledgers/t.yaml",
        "--to",
        "2025-03-01",
        "--reason",
        f"延期{ESC}",
        today=day,
        cwd=repo.path,
    )
    assert done.exit_code == 0, done.stderr
    repo.commit("十一月", author=f"李四{ESC}")
    sheet = repo.path / "s.csv"
    sheet.write_text(
        f"编号,问题,牵头单位,整改时限,整改状态\nT-001,标题{ESC},单位{ESC},2025-03-01,整改中\n"
        f",新问题{ESC},单位{ESC},2025-06-30,未整改\n",
        encoding="utf-8",
    )
    commands = [
        ("due", "ledgers"),
        ("log", "T-001", "ledgers"),
        ("diff", "HEAD~1", "ledgers"),
        ("show", "T-001", "ledgers"),
        ("list", "ledgers"),
        ("status", "ledgers"),
        ("import", str(sheet), "-l", "ledgers/t.yaml", "--update", "--dry-run"),
    ]
    for args in commands:
        for lang in ("zh", "en"):
            shown = run(*args, "--lang", lang, today=day, cwd=repo.path)
            assert shown.exit_code == 0, (args, shown.stderr)
            _no_controls(shown.stdout + shown.stderr)
    shown_issue = run("show", "T-001", "ledgers", "--lang", "en", today=day, cwd=repo.path).stdout
    assert "单位\\x1b]0;改标题\\x07\\x9b2J" in shown_issue  # shown as typed, visible
    log = run("log", "T-001", "ledgers", "--lang", "en", today=day, cwd=repo.path).stdout
    assert "李四\\x1b[1A\\x1b[2K" in log


def test_list_csv_protects_formula_looking_text_as_export_does(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(HOSTILE_LEDGER, encoding="utf-8")
    listed = run("list", str(path), "--format", "csv", "--lang", "en")
    assert listed.exit_code == 0, listed.stderr
    import csv as csv_module
    import io

    rows = list(csv_module.DictReader(io.StringIO(listed.stdout)))
    second = next(row for row in rows if row["id"] == "T-002")
    assert second["title"] == '\'=HYPERLINK("http://x","点我")'
    assert second["lead_unit"] == "'+单位"
    assert second["deadline"] == "2024-12-01"
    exported = tmp_path / "t.csv"
    assert run("export", str(path), "-o", str(exported), "--lang", "en").exit_code == 0
    assert "'=HYPERLINK" in exported.read_text(encoding="utf-8-sig")


# --- paths and names ------------------------------------------------------------------------------

CITY = EXAMPLES / "sanmenxia/city-county/smx-city-2024.yaml"


@pytest.mark.parametrize(
    "command",
    [
        ("export", "{ledger}", "-o", "{out}"),
        ("report", "{ledger}", "--month", "2024-11", "-o", "{out}"),
    ],
)
def test_an_output_file_that_is_a_ledger_is_refused(
    run: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    ledger = tmp_path / "l.yaml"
    shutil.copyfile(CITY, ledger)
    other = tmp_path / "other.yml"
    other.write_text("schema: 1\n", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(ledger)
    before = ledger.read_bytes()
    for target in (ledger, other, link):
        args = [a.replace("{out}", str(target)).replace("{ledger}", str(ledger)) for a in command]
        done = run(*args, "--lang", "en")
        assert done.exit_code == 2, done.stdout
        # a .yaml name is no format the command writes; a link with a fitting name is a ledger
        assert done.stderr in (
            f"error: the output file {target} is a ledger and is not overwritten; "
            "name another file with -o\n",
            f"error: {target}: {command[0]} cannot write {target.suffix} files; it writes "
            + (
                ".csv, .xlsx, .json\n"
                if command[0] == "export"
                else ".md, .markdown, .txt, .docx, .pdf\n"
            ),
        ), done.stderr
    assert ledger.read_bytes() == before
    assert other.read_text(encoding="utf-8") == "schema: 1\n"


def test_a_file_name_that_is_not_utf8_is_read_and_shown(run: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "unzipped"
    folder.mkdir()
    name = os.fsdecode(b"\xd5\xfb\xb8\xc4.yaml")  # 整改.yaml in GBK, as unzip leaves it
    shutil.copyfile(CITY, folder / name)
    for args in (
        ("check", "unzipped"),
        ("status", "unzipped"),
        ("list", "unzipped"),
        ("due", "unzipped"),
        ("check", "unzipped", "--format", "json"),
        ("report", "--month", "2024-11", "unzipped"),
    ):
        done = run(*args, "--lang", "en")
        assert done.exit_code in (0, 1), (args, done.stderr)
        assert "internal error" not in done.stderr
    assert "1 ledger file(s), 25 issue(s)" in run("check", "unzipped", "--lang", "en").stdout
    done = run("update", "SMX-003", "unzipped", "-c", "80", "--lang", "en")
    assert done.exit_code == 0, done.stderr
    assert "completion: 80" in (folder / name).read_text(encoding="utf-8")
    report = run("report", "--month", "2024-11", "unzipped", "--lang", "en").stdout
    assert "unzipped/\ufffd\ufffd\ufffd\ufffd.yaml" in report  # shown replacement-safe
    # and with the parse cache on: kept and used, the name as the bytes it is
    warm = {"RECTIFY_NO_CACHE": ""}
    cold = run("status", "unzipped", "--format", "json", env=warm).stdout
    assert run("status", "unzipped", "--format", "json", env=warm).stdout == cold
    assert len(list((tmp_path / ".rectify-cache").glob("*.json"))) == 1
    done = run("update", "SMX-003", "unzipped", "-c", "85", env=warm)
    assert done.exit_code == 0, done.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gbk_bytes_in_an_argument_are_one_clear_sentence(
    run: RunCli, tmp_path: Path, lang: str
) -> None:
    ledger = tmp_path / "l.yaml"
    shutil.copyfile(CITY, ledger)
    before = ledger.read_bytes()
    note = os.fsdecode("整改".encode("gbk"))
    done = run("update", "SMX-003", str(ledger), "-c", "80", "--note", note, "--lang", lang)
    assert done.exit_code == 2
    expected = {
        "en": "error: the argument \\xd5\\xfb\\xb8\\xc4 is not UTF-8 text (read as GBK it says "
        "“整改”); set the terminal or script to UTF-8 (Windows: chcp 65001; Linux: "
        "LANG=zh_CN.UTF-8) and try again\n",
        "zh": "错误：参数 \\xd5\\xfb\\xb8\\xc4 不是 UTF-8 文本（按 GBK 读是“整改”）。"
        "请把终端或脚本设为 UTF-8（Windows：chcp 65001；Linux：LANG=zh_CN.UTF-8）后重试\n",
    }
    assert done.stderr == expected[lang]
    assert ledger.read_bytes() == before


def test_notice_all_writes_a_letter_for_a_unit_whose_name_is_too_long_for_a_file(
    run: RunCli, tmp_path: Path
) -> None:
    long_unit = "市" + "住房和城乡建设" * 40 + "局"  # 843 bytes in UTF-8
    ledger = tmp_path / "l.yaml"
    ledger.write_text(
        "schema: 1\nledger:\n  id: t-2024\n  title: 测试台账\n  assigned_on: 2024-07-10\n"
        "issues:\n"
        f"  - id: T-001\n    title: 问题一\n    lead_unit: {long_unit}\n    deadline: 2024-12-01\n"
        f"  - id: T-002\n    title: 问题二\n    lead_unit: {long_unit}甲\n"
        "    deadline: 2024-12-01\n"
        "  - id: T-003\n    title: 问题三\n    lead_unit: 乙局\n    deadline: 2024-12-01\n",
        encoding="utf-8",
    )
    done = run("notice", "--all", str(ledger), "-o", str(tmp_path / "out"), today="2024-12-20")
    assert done.exit_code == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 3  # every unit gets a letter, the two long names two files
    assert all(len(n.encode("utf-8")) <= 255 for n in names)
    long_ones = [n for n in names if n.startswith("市住房和城乡建设")]
    assert len(long_ones) == 2
    texts = [(tmp_path / "out" / n).read_text(encoding="utf-8") for n in long_ones]
    assert sum("问题一" in text for text in texts) == 1
    assert sum("问题二" in text for text in texts) == 1


# --- limits: each a clear sentence in seconds ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("status", "--as-of", "0001-01-01"),
            "--as-of 0001-01-01 is outside the dates rectify works with (1900-01-01 to 2199-12-31)",
        ),
        (
            ("list", "--as-of", "1899-12-31"),
            "--as-of 1899-12-31 is outside the dates rectify works with (1900-01-01 to 2199-12-31)",
        ),
        (
            ("report", "--month", "9999-12"),
            "--month 9999-12 is outside the dates rectify works with (1900-01-01 to 2199-12-31)",
        ),
        (
            ("report", "--month", "0001-01"),
            "--month 0001-01 is outside the dates rectify works with (1900-01-01 to 2199-12-31)",
        ),
        (
            ("export", "--as-of", "9999-12-31", "-o", "x.csv"),
            "--as-of 9999-12-31 is outside the dates rectify works with (1900-01-01 to 2199-12-31)",
        ),
        (("due", "--within", "999999999"), "--within must be from 0 to 366, not 999999999"),
    ],
)
def test_dates_and_windows_out_of_range_are_one_sentence(
    run: RunCli, tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    shutil.copyfile(CITY, tmp_path / "l.yaml")
    done = run(args[0], "l.yaml", *args[1:], "--lang", "en")
    assert done.exit_code == 2
    assert done.stderr.splitlines()[0] == f"error: {expected}"
    assert not (tmp_path / "x.csv").exists()


def test_a_huge_due_soon_window_in_the_config_is_one_sentence(run: RunCli, tmp_path: Path) -> None:
    shutil.copyfile(CITY, tmp_path / "l.yaml")
    (tmp_path / "rectify.toml").write_text("due_soon_days = 999999999\n", encoding="utf-8")
    done = run("due", "l.yaml", "--lang", "en")
    assert done.exit_code == 3
    assert done.stderr == (
        f"error: {tmp_path / 'rectify.toml'}: due_soon_days is 999999999, outside the values "
        "it may take (0 to 366)\n"
    )


def test_a_title_of_a_million_characters_is_listed_in_seconds(run: RunCli, tmp_path: Path) -> None:
    import time

    ledger = tmp_path / "l.yaml"
    title = "问" * 1_000_000
    ledger.write_text(
        "schema: 1\nledger:\n  id: t-2024\n  title: 测试台账\n  assigned_on: 2024-07-10\n"
        f"issues:\n  - id: T-001\n    title: {title}\n    lead_unit: 乙局\n"
        "    deadline: 2024-12-01\n",
        encoding="utf-8",
    )
    # A title so long is a mistake (R209, ledger.check): every command says so in seconds.
    for command in ("list", "status", "due", "show"):
        args = (command, "T-001", str(ledger)) if command == "show" else (command, str(ledger))
        started = time.monotonic()
        done = run(*args, "--lang", "en", today="2024-12-20")
        assert done.exit_code == 1, done.stderr
        assert "rectify check" in done.stderr
        assert time.monotonic() - started < 10, command
    checked = run("check", str(ledger), "--lang", "en", today="2024-12-20")
    assert checked.exit_code == 1 and "R209" in checked.stdout + checked.stderr
    assert ledger.read_text(encoding="utf-8").count("问") == 1_000_000  # nothing written


def test_terminal_text_is_cut_at_4000_characters() -> None:
    from rectify.text import terminal

    shown = terminal("问" * 10_000)
    assert shown.startswith("问" * 4000) and shown.endswith(f"…(+{10_000 - 4000})")


@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_plain_text_is_the_full_cleaning_whatever_the_characters(text: str) -> None:
    from rectify.text import _BREAKS, _CONTROL, displayable, md_escape, plain

    full = _CONTROL.sub("", _BREAKS.sub(" ", displayable(text).strip()))
    assert plain(text) == full
    assert md_escape(text) == _MARKDOWN_SPECIAL.sub(r"\\\1", full)


def test_plain_text_of_printable_titles_and_of_hostile_ones() -> None:
    from rectify.text import plain

    assert plain("  资金不到位（第1号） ") == "资金不到位（第1号）"
    assert plain("标题\u202e倒\n  第二行\x1b[2K") == "标题倒 第二行[2K"
    assert plain("名\udcb5称") == "名\ufffd称"


def test_the_long_texts_of_a_field_with_their_places() -> None:
    from rectify.ledger.check import _SHORT_TEXT, _long_texts

    long, short = "长" * (_SHORT_TEXT + 1), "短"
    base = ("issues", 3)
    assert _long_texts((*base, "title"), long) == [((*base, "title"), long)]
    assert _long_texts((*base, "title"), short) == []
    assert _long_texts((*base, "completion"), 40) == []
    listed = [short, long, {"by": long, "note": short}, {"to": short}, long]
    assert _long_texts((*base, "co_units"), listed) == [
        ((*base, "co_units", 1), long),
        ((*base, "co_units", 4), long),
        ((*base, "co_units", 2, "by"), long),
    ]
    assert _long_texts((*base, "x-extra"), {"a": long, "b": short}) == [
        ((*base, "x-extra", "a"), long)
    ]
