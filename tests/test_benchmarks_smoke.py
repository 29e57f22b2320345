"""The benchmark runner in its smoke mode: it runs end to end and reports numbers (not timed)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


ROWS = (
    "bare parse",
    "status cold",
    "status warm",
    "update cold",
    "update warm",
    "status after update",
    "report cold",
    "report warm",
    "status warm, no answer",
    "status warm --by unit",
    "status warm --format json",
    "progress warm",
)
RATIOS = {
    "status cold / bare parse": "≤ 1.2",
    "status cold / status warm": "≥ 10",
    "update cold / status cold": "≤ 1.3",
    "update warm / status warm": "≤ 1.5",
    "report warm / status warm": "≤ 2",
    "progress warm / status warm": "≤ 1.5",
}


@pytest.mark.slow  # about 14 s: the whole benchmark matrix, each measurement in a new process
def test_smoke_run_reports_every_measurement_and_ratio(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--smoke",
            "--json",
            "--write-doc",
            str(doc),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert [row["size"] for row in report["rows"]] == [20, 50]
    for row in report["rows"]:
        for name in ROWS:
            assert row[name]["seconds"] > 0, name
            assert row[name]["peak_mb"] > 1, name
    assert set(report["startup"]) == {"import typer", "rectify --version"}
    assert "Python 3." in report["machine"]

    ratios = {(r["issues"], r["name"]): r for r in report["ratios"]}
    for row in report["rows"]:
        size = f"{row['size']:,}"
        expected = dict(RATIOS)
        if "task summary" in row:  # only where Taskwarrior is installed
            expected["status warm --by unit / task summary"] = "≤ 1.5"
        for name, target in expected.items():
            top, bottom = name.split(" / ")
            ratio = ratios[(size, name)]
            assert ratio["target"] == target
            assert ratio["value"] == row[top]["seconds"] / row[bottom]["seconds"]
    typer = report["startup"]["import typer"]["seconds"]
    version = ratios[("–", "rectify --version / import typer")]
    assert version["value"] == report["startup"]["rectify --version"]["seconds"] / typer
    assert version["target"] == "≤ 1.5"

    text = doc.read_text(encoding="utf-8")
    assert "| issues | file MB | measurement | seconds | × bare parse | peak MB |" in text
    assert "| 50 | 0.0 | update warm | " in text
    assert "| 20 | 0.0 | status after update | " in text
    assert text.index("| peak MB |") < text.index("| issues | ratio | value | target |")
    value = ratios[("50", "update cold / status cold")]["value"]
    assert f"| 50 | update cold / status cold | {value:.2f} | ≤ 1.3 |" in text


def test_generated_ledger_is_deterministic_and_checks_clean(tmp_path: Path) -> None:
    # benchmarks/ is found from the project root, where pytest runs; mypy runs in tests/.
    from benchmarks.generate import ledger_text  # type: ignore[import-not-found,unused-ignore]

    text = ledger_text(30)
    assert text == ledger_text(30)
    assert text != ledger_text(30, seed=9)
    assert text.count("\n  - id: BM-") == 30
    path = tmp_path / "ledger.yaml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rectify",
            "--lang",
            "en",
            "check",
            str(path),
            "--as-of",
            "2025-02-01",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert " 0 error(s)" in result.stdout, result.stdout[-2000:]


@pytest.mark.slow  # about 30 s: four generated repositories, each measurement a new process
def test_the_rollup_case_runs_end_to_end(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    script = str(ROOT / "benchmarks" / "run.py")
    out = ["--write-doc", str(doc), "--out", str(tmp_path / "bench")]
    result = subprocess.run(
        [sys.executable, script, "--case", "rollup", "--smoke", *out],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    text = doc.read_text(encoding="utf-8")
    assert "Roll-up: 4 repositories x 20 issues (80), 12 monthly commits each" in text
    for name in ("sync, nothing new", "status cold", "status warm", "report warm"):
        assert re.search(rf"^\| {name} \| \d+\.\d\d \| \d+ \|$", text, re.M), name
    assert "| status warm (manifest) / status warm (one ledger) | " in text
    repos = sorted((tmp_path / "bench" / "repos").iterdir())
    assert len(repos) == 4
    log = subprocess.run(
        ["git", "rev-list", "--count", "main"], cwd=repos[0], capture_output=True, text=True
    )
    assert log.stdout.strip() == "12"  # a year of monthly commits


def test_taskwarrior_gets_one_task_per_generated_issue() -> None:
    from benchmarks.generate import ledger_text  # type: ignore[import-not-found,unused-ignore]
    from benchmarks.targets import task_json  # type: ignore[import-not-found,unused-ignore]

    text = ledger_text(40)
    tasks = task_json(text)
    assert len(tasks) == 40
    first = text.split("\n  - id: ")[1]
    assert tasks[0]["description"] in first and tasks[0]["project"] in first
    assert tasks[0]["due"].endswith("T000000Z") and len(tasks[0]["due"]) == 16
    finished = ("closed", "rectified", "dismissed")
    blocks = text.split("\n  - id: ")[1:]
    done = sum(any(f"\n    status: {word}\n" in b for word in finished) for b in blocks)
    assert sum(task["status"] == "completed" for task in tasks) == done
    assert {task["status"] for task in tasks} == {"completed", "pending"}


def test_targets_table_says_pass_fail_and_not_measured() -> None:
    from benchmarks.targets import Target, table  # type: ignore[import-not-found,unused-ignore]

    text = table(
        [
            Target(10_000, "warm list (piped) / warm status", 2.5, 3.0, "×", "2.0 s vs 0.8 s"),
            Target(10_000, "warm export -o x.xlsx, CPU", 7.0, 3.0, "s"),
            Target(10_000, "warm status --by unit / task summary", None, 1.0, "×", "task missing"),
        ]
    )
    lines = text.splitlines()
    assert lines[2] == (
        "| 10,000 | warm list (piped) / warm status | 2.50 × | ≤ 3 × | pass | 2.0 s vs 0.8 s |"
    )
    assert lines[3] == "| 10,000 | warm export -o x.xlsx, CPU | 7.00 s | ≤ 3 s | **fail** |  |"
    assert "| not measured | ≤ 1 × | – | task missing |" in lines[4]
