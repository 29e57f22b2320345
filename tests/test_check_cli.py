"""`rectify check` against every kind of bad input: the code, the place, the exit status.

Each case writes a file, runs the command as a user would, and checks that the
file was left byte for byte as it was and that no traceback was printed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Golden, RunCli, issue_text, ledger_text
from rectify import __version__
from rectify.errors import ExitCode

AS_OF = "2024-11-30"

# Lines 1-6; the first issue starts on line 7.
HEADER = ledger_text()

ISSUE = issue_text()

GOOD = HEADER + ISSUE


@dataclass
class Checked:
    """The outcome of `rectify check --format json` on one file."""

    exit_code: int
    problems: list[dict[str, Any]]
    stderr: str

    @property
    def found(self) -> list[tuple[str, int, int]]:
        return [(p["code"], p["line"], p["column"]) for p in self.problems]

    def only(self) -> dict[str, Any]:
        assert len(self.problems) == 1, self.problems
        return self.problems[0]


def check_files(run: RunCli, folder: Path, files: dict[str, bytes], *args: str) -> Checked:
    """Write ``files`` in ``folder``, run check on them as JSON, and prove none was touched."""
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = run("check", *files, "--as-of", AS_OF, "--format", "json", *args, cwd=folder)
    for name, data in files.items():
        assert (folder / name).read_bytes() == data, f"{name} was changed"
    assert "Traceback" not in result.stdout + result.stderr
    return Checked(result.exit_code, json.loads(result.stdout), result.stderr)


def check_text(run: RunCli, folder: Path, text: str, *args: str) -> Checked:
    return check_files(run, folder, {"ledger.yaml": text.encode("utf-8")}, *args)


# --- the table: one bad input, the codes and places it must give ------------------------

CASES = [
    pytest.param(HEADER.replace("\n  title", "\n\ttitle"), [("R103", 4, 1)], id="tab-indent"),
    pytest.param(
        GOOD.replace("  title: 测试台账", "  title: [测试台账"),
        [("R102", 5, 14)],
        id="syntax-open-bracket",
    ),
    pytest.param(
        GOOD.replace("    lead_unit: 市住建局", "    lead_unit: 市住建局: 民政局"),
        [("R102", 9, 20)],
        id="syntax-colon-in-value",
    ),
    pytest.param("", [("R104", 1, 1)], id="empty"),
    pytest.param("  \n\n   \n", [("R104", 1, 1)], id="whitespace-only"),
    pytest.param("# 只有注释\n", [("R104", 1, 1)], id="comment-only"),
    pytest.param("- schema: 1\n- ledger: x\n", [("R105", 1, 1)], id="top-level-list"),
    pytest.param("三门峡市整改台账\n", [("R105", 1, 1)], id="top-level-string"),
    pytest.param(GOOD.replace("schema: 1", "schema: 2"), [("R106", 1, 9)], id="schema-2"),
    pytest.param(GOOD.replace("schema: 1\n", ""), [("R106", 1, 1)], id="no-schema"),
    pytest.param(GOOD.replace("schema: 1", 'schema: "1"'), [("R106", 1, 9)], id="schema-text"),
    pytest.param(
        GOOD.replace("  assigned_on: 2024-07-10\n", "  assigned_on: 2024-07-10\n  id: t-2025\n"),
        [("R107", 6, 3)],
        id="duplicate-key-header",
    ),
    pytest.param(
        GOOD.replace("    status: in_progress\n", "    status: in_progress\n    title: 重复\n"),
        [("R107", 12, 5)],
        id="duplicate-key-issue",
    ),
    pytest.param(GOOD + ISSUE, [("R301", 17, 9)], id="duplicate-issue-id"),
    pytest.param(
        GOOD.replace("    deadline:", "    deadlin:"),
        [("R201", 10, 5), ("R202", 7, 5)],
        id="unknown-key-deadlin",
    ),
    pytest.param(
        GOOD.replace("    lead_unit:", "    牵头单位:"),
        [("R201", 9, 5), ("R202", 7, 5)],
        id="chinese-key",
    ),
    pytest.param(
        GOOD.replace("    lead_unit: 市住建局\n", ""), [("R202", 7, 5)], id="missing-lead-unit"
    ),
    pytest.param(
        GOOD.replace("  title: 测试台账\n", ""), [("R202", 2, 1)], id="missing-ledger-title"
    ),
    pytest.param("schema: 1\nissues: []\n", [("R202", 1, 1)], id="missing-ledger"),
    pytest.param(
        GOOD.replace("    title: 老旧小区适老化改造推进缓慢", "    title: yes"),
        [("R203", 8, 12)],
        id="title-yes",
    ),
    pytest.param(GOOD.replace("  - id: T-001", "  - id: 007"), [("R203", 7, 9)], id="id-007"),
    pytest.param(
        GOOD.replace("    completion: 40\n    progress", "    completion: [40]\n    progress"),
        [("R206", 12, 17)],
        id="completion-list",
    ),
    pytest.param(
        GOOD.replace("deadline: 2024-12-31", "deadline: 2024-02-30"),
        [("R204", 10, 15)],
        id="february-30",
    ),
    pytest.param(
        GOOD.replace("deadline: 2024-12-31", "deadline: 2024/12/31"),
        [("R204", 10, 15)],
        id="date-with-slashes",
    ),
    pytest.param(
        GOOD.replace("    completion: 40\n    progress", "    completion: 120\n    progress"),
        [("R206", 12, 17)],
        id="completion-120",
    ),
    pytest.param(
        GOOD.replace("    completion: 40\n    progress", "    completion: -1\n    progress"),
        [("R206", 12, 17)],
        id="completion-minus-1",
    ),
    pytest.param(
        GOOD.replace("    completion: 40\n    progress", '    completion: "74.4%"\n    progress'),
        [("R206", 12, 17)],
        id="completion-percent-text",
    ),
    pytest.param(
        GOOD.replace("completion: 40", "completion: 74.45"),
        [("R207", 12, 17), ("R207", 15, 21)],
        id="completion-two-decimals",
    ),
    pytest.param(
        GOOD.replace("status: in_progress", "status: done"), [("R205", 11, 13)], id="status-done"
    ),
    pytest.param(
        GOOD.replace("status: in_progress", "status: 已整改"),
        [("R205", 11, 13)],
        id="status-chinese",
    ),
    pytest.param(
        GOOD.replace("    title: 老旧小区适老化改造推进缓慢", '    title: ""'),
        [("R208", 8, 12)],
        id="empty-title",
    ),
    pytest.param(
        GOOD.replace("  id: t-2024", "  id: !!binary dC0yMDI0"), [("R108", 3, 7)], id="binary-tag"
    ),
    pytest.param(
        GOOD.replace("  title: 测试台账", "  title: !foo 测试台账"),
        [("R108", 4, 10)],
        id="local-tag",
    ),
    pytest.param(
        GOOD.replace("ledger:\n", "ledger: !!python/object:dict\n"),
        [("R108", 2, 9)],
        id="python-object-tag",
    ),
    pytest.param(
        GOOD.replace("  - id: T-001", "  - &first\n    id: T-001"), [("R109", 7, 5)], id="anchor"
    ),
    pytest.param(
        GOOD.replace("    lead_unit: 市住建局", "    lead_unit: &u 市住建局")
        + "  - id: T-002\n    title: t\n    lead_unit: *u\n    deadline: 2024-12-31\n",
        [("R109", 9, 16)],
        id="alias",
    ),
    pytest.param(
        GOOD.replace("ledger:", "? [a, b]\n: 1\nledger:"), [("R110", 2, 3)], id="list-key"
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_bad_input_gives_code_and_place(
    run: RunCli, tmp_path: Path, text: str, expected: list[tuple[str, int, int]]
) -> None:
    checked = check_text(run, tmp_path, text)
    assert sorted(checked.found) == sorted(expected)
    assert checked.exit_code == ExitCode.PROBLEMS
    assert all(p["severity"] == "error" and p["path"] == "ledger.yaml" for p in checked.problems)


def test_good_ledger_passes(run: RunCli, tmp_path: Path) -> None:
    checked = check_text(run, tmp_path, GOOD)
    assert (checked.exit_code, checked.problems) == (0, [])
    text = run("check", "ledger.yaml", "--as-of", AS_OF, cwd=tmp_path)
    assert text.stdout == "1 ledger file(s), 1 issue(s), no problems found\n"


# --- messages that must say the right thing -----------------------------------------------


def test_gbk_file_is_named_with_how_to_fix(run: RunCli, tmp_path: Path) -> None:
    checked = check_files(run, tmp_path, {"ledger.yaml": GOOD.encode("gb18030")})
    problem = checked.only()
    assert (problem["code"], problem["line"], problem["column"]) == ("R101", 4, 10)
    assert checked.exit_code == ExitCode.PROBLEMS
    assert problem["message"] == (
        "the file is saved as GBK/GB18030 (as Chinese Windows editors often do); "
        "rectify reads UTF-8 only"
    )
    assert "'Save as' with encoding UTF-8" in problem["hint"]
    assert "iconv -f GB18030 -t UTF-8" in problem["hint"]
    zh = run("check", "ledger.yaml", "--lang", "zh", cwd=tmp_path)
    assert zh.exit_code == ExitCode.PROBLEMS
    # The excerpt shows the line as the user sees it in their editor, caret under the text.
    assert zh.stdout.splitlines()[:5] == [
        "ledger.yaml:4:10: error[R101]: 文件是 GBK/GB18030 编码"
        "（中文 Windows 记事本、WPS 的常见保存方式），rectify 只读 UTF-8",
        "  |",
        "4 |   title: 测试台账",
        "  |          ^^^^^^^^",
        "  = 提示：用记事本打开，“另存为”时把“编码”选为 UTF-8；"
        "或运行 iconv -f GB18030 -t UTF-8 旧文件 > 新文件",
    ]


def test_other_encodings_and_binary_files(run: RunCli, tmp_path: Path) -> None:
    latin = check_files(run, tmp_path, {"ledger.yaml": b"schema: 1\nledger:\n  id: caf\xe9\xff\n"})
    assert latin.found == [("R101", 3, 10)]
    assert latin.only()["message"] == "the file is not UTF-8 text"
    utf16 = check_files(run, tmp_path, {"ledger.yaml": GOOD.encode("utf-16")})
    assert utf16.found == [("R101", 1, 1)]
    assert "UTF-16" in utf16.only()["message"]
    xlsx = check_files(run, tmp_path, {"ledger.yaml": b"PK\x03\x04\x14\x00\x06\x00" + bytes(64)})
    assert "Excel" in xlsx.only()["message"]
    # No excerpt is printed for a binary file: there is no line to show.
    text = run("check", "ledger.yaml", cwd=tmp_path)
    assert text.stdout.splitlines()[1] == "  = hint: import spreadsheets with rectify import; " + (
        "save text files as UTF-8"
    )


def test_bom_and_crlf_read_as_the_same_data(run: RunCli, tmp_path: Path) -> None:
    from rectify.ledger.load import load_one

    windows = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    checked = check_files(run, tmp_path, {"ledger.yaml": windows})
    assert (checked.exit_code, checked.problems) == (0, [])
    (tmp_path / "plain.yaml").write_text(GOOD, encoding="utf-8", newline="\n")
    as_of = dt.date(2024, 11, 30)
    crlf = load_one(tmp_path / "ledger.yaml", as_of=as_of)
    plain = load_one(tmp_path / "plain.yaml", as_of=as_of)
    assert crlf.ledger.model_dump() == plain.ledger.model_dump()
    assert crlf.ledger.ledger.title == "测试台账"
    assert (crlf.doc.bom, crlf.doc.newline, plain.doc.bom, plain.doc.newline) == (
        True,
        "\r\n",
        False,
        "\n",
    )


def test_bom_and_crlf_keep_line_numbers(run: RunCli, tmp_path: Path) -> None:
    bad = GOOD.replace("deadline: 2024-12-31", "deadline: 2024-02-30")
    windows = b"\xef\xbb\xbf" + bad.replace("\n", "\r\n").encode("utf-8")
    assert check_files(run, tmp_path, {"ledger.yaml": windows}).found == [("R204", 10, 15)]


def test_syntax_error_names_the_line(run: RunCli, tmp_path: Path) -> None:
    checked = check_text(run, tmp_path, GOOD.replace("  title: 测试台账", '  title: "测试台账'))
    problem = checked.only()
    # An unclosed quote runs to the end of the file; the message points at where it opened.
    assert (problem["code"], problem["line"], problem["column"]) == ("R102", 4, 10)
    assert problem["message"] == "a quote opened here is not closed"


def test_unclosed_bracket_says_where_it_opened(run: RunCli, tmp_path: Path) -> None:
    problem = check_text(
        run, tmp_path, GOOD.replace("  title: 测试台账", "  title: [测试台账")
    ).only()
    assert problem["message"] == "the [ opened on line 4 is not closed with ]"


def test_tabs_say_spaces_only(run: RunCli, tmp_path: Path) -> None:
    checked = check_text(run, tmp_path, GOOD.replace("    title: 老旧", "\t  title: 老旧"))
    assert checked.found == [("R103", 8, 1)]
    assert checked.only()["message"] == "a tab is used for indentation; YAML allows spaces only"


def test_newer_schema_says_upgrade(run: RunCli, tmp_path: Path) -> None:
    problem = check_text(run, tmp_path, GOOD.replace("schema: 1", "schema: 2")).only()
    assert problem["message"] == (
        "this ledger is format version 2; this rectify reads format 1 only"
    )
    assert problem["hint"] == "upgrade rectify: pip install -U rectify"
    missing = check_text(run, tmp_path, GOOD.replace("schema: 1\n", "")).only()
    assert missing["message"] == "the format version schema: 1 is missing"


def test_duplicate_keys_name_both_lines(run: RunCli, tmp_path: Path) -> None:
    text = GOOD.replace("  assigned_on: 2024-07-10\n", "  assigned_on: 2024-07-10\n  id: t-2025\n")
    text = text.replace("    status: in_progress\n", "    status: in_progress\n    title: 重复\n")
    checked = check_text(run, tmp_path, text)
    assert [(p["line"], p["message"]) for p in checked.problems] == [
        (6, "key id appears twice (first on line 3); YAML would silently drop one"),
        (13, "key title appears twice (first on line 9); YAML would silently drop one"),
    ]


def test_duplicate_issue_id_names_the_first(run: RunCli, tmp_path: Path) -> None:
    problem = check_text(run, tmp_path, GOOD + ISSUE).only()
    assert problem["message"] == "issue id T-001 is used twice (first on line 7)"
    assert problem["issue_id"] == "T-001"


def test_duplicate_ledger_ids_across_files(run: RunCli, tmp_path: Path) -> None:
    other = GOOD.replace("T-001", "U-001")
    checked = check_files(
        run, tmp_path, {"a.yaml": GOOD.encode("utf-8"), "b.yaml": other.encode("utf-8")}
    )
    assert checked.exit_code == ExitCode.PROBLEMS
    problem = checked.only()
    assert (problem["path"], problem["code"], problem["line"], problem["column"]) == (
        "b.yaml",
        "R302",
        3,
        7,
    )
    assert problem["message"] == "ledger id t-2024 is also used by a.yaml"


def test_unknown_keys_suggest_the_known_one(run: RunCli, tmp_path: Path) -> None:
    typo = check_text(run, tmp_path, GOOD.replace("    deadline:", "    deadlin:"))
    messages = {p["code"]: p["message"] for p in typo.problems}
    assert messages["R201"] == "unknown key deadlin: did you mean deadline?"
    assert messages["R202"] == "required key deadline is missing"
    chinese = check_text(run, tmp_path, GOOD.replace("    lead_unit:", "    牵头单位:"))
    r201 = next(p for p in chinese.problems if p["code"] == "R201")
    assert r201["message"] == "unknown key 牵头单位: did you mean lead_unit?"
    assert r201["hint"] == "rename 牵头单位 to lead_unit"
    assert r201["issue_id"] == "T-001"
    header = check_text(run, tmp_path, GOOD.replace("  title: 测试台账", "  titel: 测试台账"))
    assert [p["message"] for p in header.problems if p["code"] == "R201"] == [
        "unknown key titel: did you mean title?"
    ]


def test_extension_keys_are_accepted_at_every_level(run: RunCli, tmp_path: Path) -> None:
    text = (
        "x-说明: 顶层\nschema: 1\nledger:\n  id: t-2024\n  title: 测试台账\n"
        "  assigned_on: 2024-07-10\n  x-联系人: {姓名: 张某, 电话: [1, 2]}\nissues:\n"
        "  - id: T-001\n    title: t\n    lead_unit: u\n    deadline: 2024-12-31\n"
        "    status: closed\n    completion: 100\n    rectified_on: 2024-10-31\n"
        "    x-备注: 任意内容\n    x-nested: {deadlin: 1, anything: [yes, 007]}\n"
        "    progress:\n      - date: 2024-10-31\n        completion: 100\n"
        "        x-来源: 月报\n"
        "    deadline_changes:\n      - date: 2024-09-01\n        from: 2024-10-31\n"
        "        to: 2024-12-31\n        x-批准: 主任会议\n"
        "    verification:\n      by: 市人大\n      date: 2024-11-10\n      x-附件: a.pdf\n"
    )
    checked = check_text(run, tmp_path, text)
    assert (checked.exit_code, checked.problems) == (0, [])


def test_unquoted_values_say_quote_the_value(run: RunCli, tmp_path: Path) -> None:
    title = check_text(
        run, tmp_path, GOOD.replace("    title: 老旧小区适老化改造推进缓慢", "    title: yes")
    )
    assert title.only()["message"] == (
        "title should be text, but YAML reads yes as a number or a yes/no value"
    )
    assert title.only()["hint"] == 'put the value in quotes: title: "yes"'
    ident = check_text(run, tmp_path, GOOD.replace("  - id: T-001", "  - id: 007  # 编号"))
    assert ident.only()["message"] == (
        "id should be text, but YAML reads 007 as a number or a yes/no value"
    )
    assert ident.only()["hint"] == 'put the value in quotes: id: "007"'


def test_bad_values_messages(run: RunCli, tmp_path: Path) -> None:
    def message(old: str, new: str) -> str:
        return str(check_text(run, tmp_path, GOOD.replace(old, new)).only()["message"])

    assert message("deadline: 2024-12-31", "deadline: 2024-02-30") == (
        "deadline is not a real date: 2024-02-30"
    )
    assert message("completion: 40\n    progress", "completion: 120\n    progress") == (
        "completion should be a number from 0 to 100, not 120"
    )
    assert message("completion: 40\n    progress", 'completion: "74.4%"\n    progress') == (
        "completion should be a number from 0 to 100, not 74.4%"
    )
    assert message("completion: 40\n    progress", "completion: 74.45\n    progress") == (
        "completion has at most one decimal: 74.45"
    )
    assert message("status: in_progress", "status: done") == (
        "done is not a valid status: did you mean rectified?"
    )
    assert message("status: in_progress", "status: 已整改") == (
        "已整改 is not a valid status: did you mean rectified?"
    )
    assert message("status: in_progress", "status: in-progress") == (
        "in-progress is not a valid status: did you mean in_progress?"
    )


def test_python_tag_is_refused_and_never_run(run: RunCli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    command = f"echo pwned > {marker}"
    text = GOOD.replace(
        "  title: 测试台账", f'  title: !!python/object/apply:os.system ["{command}"]'
    )
    checked = check_text(run, tmp_path, text)
    problem = checked.only()
    assert (problem["code"], problem["line"], problem["column"]) == ("R108", 4, 10)
    assert problem["message"] == (
        "YAML tag !!python/object/apply:os.system is not allowed: a ledger is data, never code"
    )
    assert not marker.exists()
    # Nor through the other commands that read ledgers.
    due = run("due", "ledger.yaml", "--as-of", AS_OF, cwd=tmp_path)
    assert due.exit_code == ExitCode.PROBLEMS
    assert "run rectify check to see and fix them" in due.stderr
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(run: RunCli, tmp_path: Path) -> None:
    levels = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "schema: 1\n" + "\n".join(levels) + "\n"
    started = time.process_time()
    checked = check_text(run, tmp_path, text)
    elapsed = time.process_time() - started
    assert checked.found == [("R109", 2, 4)]
    assert elapsed < 1.0


def test_nesting_too_deep_is_a_syntax_error(run: RunCli, tmp_path: Path) -> None:
    deep = check_text(run, tmp_path, "schema: 1\nx: " + "[" * 400 + "]" * 400 + "\n")
    assert deep.found == [("R102", 2, 36)]
    assert deep.only()["message"] == "nested far too deep to be a ledger"
    deeper = check_text(run, tmp_path, "schema: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [code for code, _, _ in deeper.found] == ["R102"]


# --- rules of the contract ---------------------------------------------------------------

ISSUE_HEAD = "  - id: T-001\n    title: t\n    lead_unit: u\n"  # lines 7-9

RULES = [
    pytest.param(
        "schema: 1\nledger:\n  id: t\n  title: t\nissues:\n"
        "  - id: T-001\n    title: t\n    lead_unit: u\n    deadline: 2024-12-31\n",
        [("R312", 6, 9)],
        id="R312-no-assigned-date",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: rectified\n    completion: 90\n"
        "    rectified_on: 2024-11-01\n",
        [("R303", 12, 17)],
        id="R303-rectified-not-100",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: closed\n    completion: 100\n"
        "    verification: {by: 市人大, date: 2024-11-10}\n",
        [("R304", 11, 13)],
        id="R304-no-rectified-on",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: closed\n    completion: 100\n"
        "    rectified_on: 2024-11-01\n    verification:\n      by: 市人大\n",
        [("R305", 15, 7)],
        id="R305-verification-without-date",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: closed\n    completion: 100\n"
        "    rectified_on: 2024-11-01\n",
        [("R305", 11, 13)],
        id="R305-no-verification",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: dismissed\n    dismissed_on: 2024-09-01\n",
        [("R306", 11, 13)],
        id="R306-dismissed-without-reason",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: rectified\n    completion: 100\n"
        "    rectified_on: 2024-07-01\n",
        [("R307", 13, 19)],
        id="R307-rectified-before-assigned",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: in_progress\n    completion: 50\n"
        "    progress:\n      - date: 2024-07-01\n        completion: 50\n",
        [("R307", 14, 15)],
        id="R307-progress-before-assigned",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: closed\n    completion: 100\n"
        "    rectified_on: 2024-10-01\n    verification: {by: 市人大, date: 2024-07-01}\n",
        [("R307", 14, 35)],
        id="R307-verified-before-assigned",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: dismissed\n    reason: 不属于本级事权\n"
        "    dismissed_on: 2024-07-01\n",
        [("R307", 13, 19)],
        id="R307-dismissed-before-assigned",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: in_progress\n    completion: 50\n"
        "    progress:\n      - date: 2024-11-20\n        completion: 40\n"
        "      - date: 2024-11-10\n        completion: 50\n",
        [("R308", 16, 15)],
        id="R308-progress-out-of-order",
    ),
    pytest.param(
        "    deadline: 2024-12-31\n    status: in_progress\n    completion: 60\n"
        "    progress:\n      - date: 2024-11-20\n        completion: 50\n",
        [("R309", 12, 17)],
        id="R309-completion-not-last-entry",
    ),
    pytest.param(
        "    deadline: 2025-03-31\n    deadline_changes:\n"
        "      - date: 2024-10-01\n        from: 2024-09-30\n        to: 2024-12-31\n"
        "      - date: 2024-11-01\n        from: 2024-11-30\n        to: 2025-03-31\n",
        [("R310", 16, 15)],
        id="R310-from-is-not-previous-to",
    ),
    pytest.param(
        "    deadline: 2025-03-31\n    deadline_changes:\n"
        "      - date: 2024-10-01\n        from: 2024-09-30\n        to: 2024-12-31\n"
        "      - date: 2024-09-01\n        from: 2024-12-31\n        to: 2025-03-31\n",
        [("R310", 15, 15)],
        id="R310-changes-out-of-order",
    ),
    pytest.param(
        "    deadline: 2025-06-30\n    deadline_changes:\n"
        "      - date: 2024-10-01\n        from: 2024-09-30\n        to: 2024-12-31\n",
        [("R311", 10, 15)],
        id="R311-deadline-is-not-last-to",
    ),
    pytest.param(
        "    deadline: 2024-07-01\n", [("R313", 10, 15)], id="R313-deadline-before-assigned"
    ),
]


@pytest.mark.parametrize(("body", "expected"), RULES)
def test_contract_rules(
    run: RunCli, tmp_path: Path, body: str, expected: list[tuple[str, int, int]]
) -> None:
    text = body if body.startswith("schema") else HEADER + ISSUE_HEAD + body
    checked = check_text(run, tmp_path, text)
    errors = [p for p in checked.problems if p["severity"] == "error"]
    assert [(p["code"], p["line"], p["column"]) for p in errors] == expected
    assert checked.exit_code == ExitCode.PROBLEMS
    assert errors[0]["issue_id"] == "T-001"


WARNINGS = [
    pytest.param(
        "    deadline: 2025-06-30\n    status: in_progress\n    completion: 30\n"
        "    progress:\n      - date: 2024-11-01\n        completion: 40\n"
        "      - date: 2024-11-20\n        completion: 30\n",
        [("R401", 17, 21)],
        "completion on 2024-11-20 (30) is lower than the entry before (40)",
        id="R401-completion-goes-down",
    ),
    pytest.param(
        "    deadline: 2025-06-30\n    status: in_progress\n    completion: 40\n"
        "    progress:\n      - date: 2024-10-29\n        completion: 40\n",
        [("R402", 14, 15)],
        "the last progress report was on 2024-10-29, more than a month ago",
        id="R402-no-progress-for-a-month",
    ),
    pytest.param(
        "    deadline: 2025-06-30\n    status: open\n",
        [("R402", 11, 13)],
        "assigned on 2024-07-10 and no progress reported for more than a month",
        id="R402-never-reported",
    ),
    pytest.param(
        "    deadline: 2025-06-30\n    status: in_progress\n    completion: 40\n"
        "    rectified_on: 2024-11-01\n    progress:\n      - date: 2024-11-20\n"
        "        completion: 40\n",
        [("R403", 13, 19)],
        "status is in_progress but rectified_on is set",
        id="R403-rectified-on-while-in-progress",
    ),
]


@pytest.mark.parametrize(("body", "expected", "message"), WARNINGS)
def test_warnings_pass_unless_strict(
    run: RunCli, tmp_path: Path, body: str, expected: list[tuple[str, int, int]], message: str
) -> None:
    checked = check_text(run, tmp_path, HEADER + ISSUE_HEAD + body)
    assert checked.found == expected
    assert checked.problems[0]["severity"] == "warning"
    assert checked.problems[0]["message"] == message
    assert checked.exit_code == ExitCode.OK
    strict = check_text(run, tmp_path, HEADER + ISSUE_HEAD + body, "--strict")
    assert strict.exit_code == ExitCode.PROBLEMS


def test_no_progress_warning_follows_as_of(run: RunCli, tmp_path: Path) -> None:
    body = (
        "    deadline: 2025-06-30\n    status: in_progress\n    completion: 40\n"
        "    progress:\n      - date: 2024-10-30\n        completion: 40\n"
    )
    (tmp_path / "ledger.yaml").write_text(HEADER + ISSUE_HEAD + body, encoding="utf-8")

    def codes(as_of: str) -> list[str]:
        result = run("check", "ledger.yaml", "--as-of", as_of, "--format", "json", cwd=tmp_path)
        return [p["code"] for p in json.loads(result.stdout)]

    assert codes("2024-11-30") == []  # exactly a month
    assert codes("2024-12-01") == ["R402"]
    assert codes("2024-11-15") == []


# --- many files, many problems --------------------------------------------------------------


def test_all_problems_of_all_files_together_in_order(run: RunCli, tmp_path: Path) -> None:
    first = GOOD.replace("deadline: 2024-12-31", "deadline: 2024-02-30").replace(
        "status: in_progress", "status: doing"
    )
    second = GOOD.replace("  id: t-2024", "  id: t-2").replace("    lead_unit:", "    leadunit:")
    checked = check_files(
        run,
        tmp_path,
        {"b.yaml": second.encode("utf-8"), "a.yaml": first.encode("utf-8")},
    )
    assert [(p["path"], p["line"], p["code"]) for p in checked.problems] == [
        ("a.yaml", 10, "R204"),
        ("a.yaml", 11, "R205"),
        ("b.yaml", 7, "R202"),
        ("b.yaml", 9, "R201"),
    ]
    text = run("check", "b.yaml", "a.yaml", "--as-of", AS_OF, cwd=tmp_path)
    assert text.stdout.endswith("\n\n2 ledger file(s): 4 error(s), 0 warning(s)\n")
    assert text.exit_code == ExitCode.PROBLEMS


def test_folder_is_searched_recursively(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "books" / "county").mkdir(parents=True)
    (tmp_path / "books" / ".hidden").mkdir()
    (tmp_path / "books" / "city.yaml").write_text(GOOD, encoding="utf-8")
    county = GOOD.replace("t-2024", "t-county").replace("status: in_progress", "status: x")
    (tmp_path / "books" / "county" / "a.yml").write_text(county, encoding="utf-8")
    (tmp_path / "books" / ".hidden" / "junk.yaml").write_text("[", encoding="utf-8")
    (tmp_path / "books" / "notes.txt").write_text("[", encoding="utf-8")
    result = run("check", "books", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    problems = json.loads(result.stdout)
    assert [(p["path"], p["code"]) for p in problems] == [
        (os.path.join("books", "county", "a.yml"), "R205")
    ]


def test_examples_pass(run: RunCli, examples: Path) -> None:
    result = run("check", str(examples), "--as-of", AS_OF, "--strict")
    assert result.exit_code == ExitCode.OK, result.stdout
    assert result.stdout == "5 ledger file(s), 45 issue(s), no problems found\n"


# --- where check looks -----------------------------------------------------------------------


def test_default_path_is_the_projects_ledgers_folder(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "rectify.toml").write_text('ledgers = "台账"\n', encoding="utf-8")
    (tmp_path / "台账").mkdir()
    (tmp_path / "台账" / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ledgers").mkdir()
    (tmp_path / "ledgers" / "bad.yaml").write_text("[", encoding="utf-8")
    deep = tmp_path / "sub" / "deeper"
    deep.mkdir(parents=True)
    result = run("check", "--as-of", AS_OF, cwd=deep)
    assert (result.exit_code, result.stdout) == (
        0,
        "1 ledger file(s), 1 issue(s), no problems found\n",
    )


def test_default_path_without_config_is_ledgers(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "ledgers").mkdir()
    (tmp_path / "ledgers" / "a.yaml").write_text(GOOD + ISSUE, encoding="utf-8")
    result = run("check", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    problems = json.loads(result.stdout)
    assert [(p["path"], p["code"]) for p in problems] == [
        (str(tmp_path / "ledgers" / "a.yaml"), "R301")
    ]
    assert result.exit_code == ExitCode.PROBLEMS


def test_missing_path_is_one_sentence_and_exit_3(run: RunCli, tmp_path: Path) -> None:
    result = run("check", "nothere.yaml", cwd=tmp_path)
    assert result.exit_code == ExitCode.IO
    assert (result.stdout, result.stderr) == ("", "error: no such file or folder: nothere.yaml\n")
    zh = run("check", "nothere.yaml", "--lang", "zh", cwd=tmp_path)
    assert zh.stderr == "错误：找不到文件或文件夹：nothere.yaml\n"
    none = run("check", cwd=tmp_path)
    assert none.exit_code == ExitCode.IO
    assert none.stderr == f"error: no such file or folder: {tmp_path / 'ledgers'}\n"
    (tmp_path / "empty").mkdir()
    empty = run("check", "empty", cwd=tmp_path)
    assert (empty.exit_code, empty.stderr) == (
        ExitCode.IO,
        "error: no ledger files (*.yaml, *.yml) in empty\n",
    )


def test_bad_as_of_is_a_usage_error(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = run("check", "a.yaml", "--as-of", "someday", cwd=tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("error: --as-of: cannot read the date someday")
    assert "Traceback" not in result.stderr


# --- the output format, pinned ----------------------------------------------------------------

BAD = """\
schema: 1
ledger:
  id: smx-2024
  title: 三门峡市问题清单
  assigned_on: 2024-07-10
  assigned_on: 2024-07-11
issues:
  - id: SMX-001
    title: 老旧小区适老化改造推进缓慢
    牵头单位: 市住建局
    deadline: 2024-12-31
    status: 已整改
    completion: 120
  - id: 007
    title: yes
    lead_unit: 市民政局
    deadline: 2024-02-30
  - id: SMX-003
    title: 养老机构消防设施老化
    lead_unit: 市应急管理局
    deadline: 2025-06-30
    status: in_progress
    completion: 35
    progress:
      - date: 2024-10-10
        completion: 40
      - date: 2024-10-20
        completion: 35
"""


def test_text_output_golden(run: RunCli, tmp_path: Path, golden: Golden) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = run("check", "bad.yaml", "--as-of", AS_OF, "--lang", "en", cwd=tmp_path)
    assert result.exit_code == ExitCode.PROBLEMS
    golden("check_bad.txt", result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "bad.yaml:6:3: error[R107]: key assigned_on appears twice (first on line 5); "
        "YAML would silently drop one"
    )
    # The caret sits under the Chinese key, two columns per character.
    at = lines.index("10 |     牵头单位: 市住建局")
    assert lines[at + 1] == "   |     ^^^^^^^^"
    assert lines[-1] == "1 ledger file(s): 8 error(s), 2 warning(s)"


def test_text_output_golden_in_chinese(run: RunCli, tmp_path: Path, golden: Golden) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = run("check", "bad.yaml", "--as-of", AS_OF, "--lang", "zh", cwd=tmp_path)
    assert result.exit_code == ExitCode.PROBLEMS
    golden("check_bad_zh.txt", result.stdout)
    assert (
        "bad.yaml:12:13: error[R205]: status 的值 已整改 无效：是不是 rectified？" in result.stdout
    )
    assert result.stdout.endswith("1 个台账文件：8 个错误，2 个警告\n")


def test_json_output_golden(run: RunCli, tmp_path: Path, golden: Golden) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = run("check", "bad.yaml", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    assert result.exit_code == ExitCode.PROBLEMS
    golden("check_bad.json", result.stdout)
    problems = json.loads(result.stdout)
    assert all(
        list(p)
        == [
            "path",
            "line",
            "column",
            "code",
            "severity",
            "issue_id",
            "message",
            "hint",
        ]
        for p in problems
    )
    assert [(p["code"], p["line"], p["column"], p["issue_id"]) for p in problems] == [
        ("R107", 6, 3, None),
        ("R202", 8, 5, "SMX-001"),
        ("R201", 10, 5, "SMX-001"),
        ("R205", 12, 13, "SMX-001"),
        ("R206", 13, 17, "SMX-001"),
        ("R203", 14, 9, None),
        ("R203", 15, 12, None),
        ("R204", 17, 15, None),
        ("R402", 27, 15, "SMX-003"),
        ("R401", 28, 21, "SMX-003"),
    ]
    assert [p["severity"] for p in problems].count("warning") == 2
    assert problems[0]["path"] == "bad.yaml"
    assert problems[3]["hint"] == "choose one of: open, in_progress, rectified, closed, dismissed"


def test_json_warnings_golden(run: RunCli, examples: Path, tmp_path: Path, golden: Golden) -> None:
    """The examples in January: no errors, a warning for every issue silent since November."""
    shutil.copytree(examples / "sanmenxia" / "city-county", tmp_path / "city-county")
    result = run("check", "city-county", "--as-of", "2025-01-20", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    golden("check_city-county_2025-01-20.json", result.stdout)


def test_json_with_no_problems_is_an_empty_list(run: RunCli, examples: Path) -> None:
    result = run("check", str(examples), "--as-of", AS_OF, "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


# --- huge input ---------------------------------------------------------------------------------

MB = 1024 * 1024


def test_50mb_description_is_read(run: RunCli, tmp_path: Path) -> None:
    description = "多层住宅缺少无障碍设施，" * (50 * MB // 36)
    text = GOOD.replace("    lead_unit:", f"    description: {description}\n    lead_unit:")
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 50 * MB
    started = time.process_time()
    result = run("check", "big.yaml", "--as-of", AS_OF, cwd=tmp_path)
    elapsed = time.process_time() - started
    assert (result.exit_code, result.stdout) == (
        0,
        "1 ledger file(s), 1 issue(s), no problems found\n",
    )
    assert elapsed < 10, f"50 MB ledger took {elapsed:.1f} s"
    assert path.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize(
    "size",
    [pytest.param(2 * MB, id="2MB"), pytest.param(50 * MB, id="50MB", marks=pytest.mark.slow)],
)
def test_megabytes_of_junk_are_refused_briefly(run: RunCli, tmp_path: Path, size: int) -> None:
    noise = os.urandom(size)
    # Random bytes without NUL: not UTF-8, one enormous line.
    junk_bytes = noise.replace(b"\0", b"a").replace(b"\n", b"b")
    (tmp_path / "binary.yaml").write_bytes(noise)
    (tmp_path / "junk.yaml").write_bytes(junk_bytes)
    started = time.process_time()
    result = run("check", "binary.yaml", "junk.yaml", "--as-of", AS_OF, cwd=tmp_path)
    elapsed = time.process_time() - started
    assert result.exit_code == ExitCode.PROBLEMS
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("binary.yaml:1:1: error[R101]: this is not a text ledger")
    junk = next(line for line in lines if line.startswith("junk.yaml:"))
    assert junk.startswith("junk.yaml:1:") and "error[R101]: the file is not UTF-8 text" in junk
    # The excerpt of a 50 MB line is cut to a window.
    assert max(len(line) for line in lines) < 200
    assert elapsed < 10, f"{size // MB} MB of junk took {elapsed:.1f} s"
    assert (tmp_path / "binary.yaml").read_bytes() == noise
    assert (tmp_path / "junk.yaml").read_bytes() == junk_bytes


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (wall time where rusage is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.slow
def test_50mb_of_issues_is_read(tmp_path: Path) -> None:
    """About 143,000 issues in one file, checked in a separate process to measure it.

    Measured on 2 cores (2026-11-29): about 15 s and 2.7 GB of memory, against
    ~1 s for a 50 MB file of few issues; real ledgers hold tens to hundreds of issues.
    """
    issue = (
        "  - id: T-{n:06d}\n    title: 问题{n}\n"
        "    description: 多层住宅缺少无障碍设施，老旧小区适老化改造推进缓慢，需要协调多个部门。\n"
        "    lead_unit: 市住建局\n    deadline: 2024-12-31\n    status: in_progress\n"
        "    completion: 40\n    progress:\n      - date: 2024-11-15\n"
        "        completion: 40\n        note: 进展\n"
    )
    parts = [HEADER]
    size, n = len(HEADER.encode("utf-8")), 0
    while size < 50 * MB:
        part = issue.format(n=n)
        parts.append(part)
        size += len(part.encode("utf-8"))
        n += 1
    (tmp_path / "big.yaml").write_text("".join(parts), encoding="utf-8")
    before = _children_cpu()
    result = subprocess.run(
        [sys.executable, "-m", "rectify", "check", "big.yaml", "--as-of", AS_OF],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "RECTIFY_LANG": "en"},
        timeout=300,
    )
    cpu = _children_cpu() - before
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"1 ledger file(s), {n} issue(s), no problems found\n"
    # CPU time, not wall time: a busy CI machine must not fail this.
    assert cpu < 120, f"{n} issues took {cpu:.1f} s of CPU"


# --- the program itself -------------------------------------------------------------------------


def test_version_of_module_and_console_script() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "rectify", "--version"], capture_output=True, text=True, check=True
    )
    assert module.stdout == f"rectify {__version__}\n"
    script = shutil.which("rectify", path=str(Path(sys.executable).parent))
    assert script is not None, "the rectify console script is not installed"
    console = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert console.stdout == f"rectify {__version__}\n"
    assert (ROOT / "src" / "rectify" / "__init__.py").is_file()
