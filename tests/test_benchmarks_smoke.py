"""The benchmark runner in its smoke mode: it runs end to end and reports numbers (not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_smoke_run_reports_every_measurement() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout)
    assert [row["size"] for row in report["rows"]] == [20, 50]
    for row in report["rows"]:
        for name in ("bare parse", "status cold", "status warm", "update one", "report cold"):
            assert row[name]["seconds"] > 0, name
            assert row[name]["peak_mb"] > 1, name
    assert set(report["startup"]) == {"import typer", "rectify --version"}
    assert "Python 3." in report["machine"]


def test_generated_ledger_is_deterministic_and_checks_clean(tmp_path: Path) -> None:
    from benchmarks.generate import ledger_text

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
