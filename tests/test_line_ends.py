"""Files whose lines end in a lone CR, U+0085 or U+2028: read right, written back whole.

Such a file used to pass `check`, and every one-issue change then rewrote it
as just the changed issue's block (header, other issues and comments gone),
reporting success. Each command here runs on an LF copy and on the odd copy:
the odd result, read with LF, must be exactly the LF result.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import RunCli
from rectify.ledger import edit
from rectify.ledger.yaml import Document

BREAKS = {"cr": "\r", "nel": "\x85", "ls": "\u2028"}

# One-issue changes on the Lushi ledger (LS-001 in progress, LS-002..004 rectified).
COMMANDS: dict[str, list[str]] = {
    "update": ["update", "LS-001", "-c", "50", "--note", "十二月进展", "--on", "2024-11-30"],
    "done": ["done", "LS-001", "--on", "2024-11-30"],
    "close": ["close", "LS-002", "--by", "县人大社会委", "--on", "2024-11-30"],
    "extend": ["extend", "LS-001", "--to", "2026-12", "--reason", "资金未到位"],
    "dismiss": ["dismiss", "LS-001", "--reason", "经核实不属实", "--on", "2024-11-30"],
    "reopen": ["reopen", "LS-004", "--note", "复查发现反弹"],
}


@pytest.fixture
def lushi(examples: Path) -> str:
    return (examples / "sanmenxia/city-county/lushi-2024.yaml").read_text(encoding="utf-8")


def written(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def both(run: RunCli, tmp_path: Path, text: str, brk: str, args: list[str]) -> tuple[str, str]:
    """Run ``args`` on an LF copy and on a copy with ``brk`` line ends; both results, as LF."""
    results = []
    for name, line_end in (("lf", "\n"), ("odd", brk)):
        folder = tmp_path / name
        path = written(folder / "lushi-2024.yaml", text.replace("\n", line_end))
        where = [str(path)] if args[0] == "carry-over" else ["-l", str(path)]
        done = run(*args, *where, "--lang", "en", cwd=folder)
        assert done.exit_code == 0, (name, done.stderr)
        raw = path.read_bytes().decode("utf-8")
        if line_end != "\n":
            assert "\n" not in raw  # written back with the file's own line end
        results.append(raw.replace(line_end, "\n"))
    return results[0], results[1]


@pytest.mark.parametrize("kind", sorted(BREAKS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_one_issue_changes_keep_the_whole_file(
    run: RunCli, tmp_path: Path, lushi: str, kind: str, command: str
) -> None:
    lf, odd = both(run, tmp_path, lushi, BREAKS[kind], COMMANDS[command])
    assert odd == lf
    assert lf != lushi
    assert odd.startswith(lushi.split("issues:")[0])  # header and comments kept
    assert odd.count("- id: LS-") == 4


@pytest.mark.parametrize("kind", ["cr", "ls"])
def test_check_reads_the_lines_as_lines(run: RunCli, tmp_path: Path, lushi: str, kind: str) -> None:
    path = written(tmp_path / "l.yaml", lushi.replace("\n", BREAKS[kind]))
    assert run("check", str(path), "--lang", "en").exit_code == 0
    broken = lushi.replace("    lead_unit: 卢氏县民政局\n", "    lead_unit: [\n", 1)
    said = []
    for name, line_end in (("lf", "\n"), ("odd", BREAKS[kind])):
        bad = written(tmp_path / name / "bad.yaml", broken.replace("\n", line_end))
        result = run("check", "bad.yaml", "--lang", "en", cwd=bad.parent)
        assert result.exit_code == 1
        said.append(result.stdout)
    assert said[1] == said[0]  # the same lines and columns an editor shows
    assert "bad.yaml:20:5: error[R102]: the [ opened on line 18" in said[0]


def test_carry_over_and_import_update_keep_a_cr_file(
    run: RunCli, tmp_path: Path, lushi: str
) -> None:
    carried = both(
        run,
        tmp_path / "carry",
        lushi,
        "\r",
        ["carry-over", "--to", "next.yaml", "--id", "lushi-2025", "--title", "明年", "--on",
         "2024-12-31"],
    )  # fmt: skip
    assert carried[0] == carried[1]
    assert carried[0] != lushi  # each carried issue got its dated note

    exported = run(
        "export",
        str(written(tmp_path / "e" / "l.yaml", lushi)),
        "--format",
        "csv",
        "--lang",
        "zh",
        "--as-of",
        "2024-11-30",
    )
    assert exported.exit_code == 0, exported.stderr
    sheet_rows = list(csv.reader(io.StringIO(exported.stdout.lstrip("\ufeff"))))
    head = sheet_rows[0]
    row = next(r for r in sheet_rows if "LS-001" in r)
    row[head.index("完成进度（%）")] = "55"
    row[head.index("最新进展")] = "第二个片区中心开工"
    row[head.index("进展日期")] = "2024-11-30"
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(sheet_rows)
    sheet = tmp_path / "十一月.csv"
    sheet.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    results = []
    for name, line_end in (("lf", "\n"), ("cr", "\r")):
        path = written(tmp_path / "imp" / name / "l.yaml", lushi.replace("\n", line_end))
        done = run("import", str(sheet), "-l", str(path), "--update", "--lang", "en")
        assert done.exit_code == 0, done.stderr
        results.append(path.read_bytes().decode("utf-8").replace(line_end, "\n"))
    assert results[0] == results[1]
    assert "第二个片区中心开工" in results[0]


def test_a_lone_cr_among_lf_lines_is_refused(run: RunCli, tmp_path: Path, lushi: str) -> None:
    lines = lushi.split("\n")
    mixed = "\n".join(lines[:20]) + "\r" + "\n".join(lines[20:])
    path = written(tmp_path / "m.yaml", mixed)
    checked = run("check", str(path), "--lang", "en")
    assert checked.exit_code == 1
    assert "m.yaml:20:" in checked.stdout
    assert "error[R112]: this line ends in a lone carriage return (CR)" in checked.stdout
    update = run("update", "LS-001", str(path), "-c", "50", "--lang", "en")
    assert update.exit_code == 1
    assert update.stderr == (
        "error: the ledgers have 1 error(s); run rectify check to see and fix them\n"
    )
    assert path.read_bytes() == mixed.encode("utf-8")


def test_a_write_that_does_not_read_back_is_refused(
    run: RunCli, tmp_path: Path, lushi: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the editor produces, a text that is not the old ledger plus the change is
    never written: here an editor that keeps only the changed issue's block."""
    path = written(tmp_path / "l.yaml", lushi)
    real = edit.apply

    def only_the_block(doc: Document, old: object, new: object) -> str:
        text = real(doc, old, new)  # type: ignore[arg-type]
        return text[text.index("  - id: LS-001") : text.index("  - id: LS-002")]

    monkeypatch.setattr(edit, "apply", only_the_block)
    result = run("update", "LS-001", str(path), "-c", "50", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path} was not changed: the new text does not read back as the intended "
        f"ledger, so the file is left as it was. Run rectify check {path}, and report the "
        "file to rectify's maintainers\n"
    )
    assert path.read_text(encoding="utf-8") == lushi


def test_reopen_the_last_issue_of_a_file_without_a_final_line_end(
    run: RunCli, tmp_path: Path, lushi: str
) -> None:
    # rectified_on as the file's very last line: reopen deletes it and appends `reopened`
    text = lushi.rstrip("\n").replace("    rectified_on: 2024-08-16\n", "")
    text += "\n    rectified_on: 2024-08-16"
    path = written(tmp_path / "l.yaml", text)
    result = run("reopen", "LS-004", str(path), "--note", "复查发现反弹", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert not after.endswith("\n")  # still no final line end
    assert after.endswith(
        "    reopened:\n"
        "      - date: 2024-11-30\n"
        "        note: 复查发现反弹\n"
        "        rectified_on: 2024-08-16"
    )
    assert after.startswith(text[: text.index("  - id: LS-004")])
    assert run("check", str(path), "--lang", "en").exit_code == 0


@pytest.mark.parametrize("char", ["\u2028", "\x85", "\u2029"])
def test_a_line_break_character_pasted_into_a_value_is_named(
    run: RunCli, tmp_path: Path, lushi: str, char: str
) -> None:
    text = lushi.replace("部分敬老院冬季", f"部分敬老院{char}冬季", 1)
    path = written(tmp_path / "l.yaml", text)
    line = text.split("\n").index(f"    title: 部分敬老院{char}冬季取暖设施不足") + 1
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"l.yaml:{line}:17: error[R112]: this line holds the character U+{ord(char):04X}, "
        "which YAML reads as a line end and editors do not\n"
    ) in result.stdout
    assert run("update", "LS-001", "-l", str(path), "-c", "50").exit_code == 1
    assert path.read_text(encoding="utf-8") == text
