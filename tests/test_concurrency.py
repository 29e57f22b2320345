"""Ten processes change one ledger at the same moment: every change lands, the file stays valid."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ledger_text
from rectify.errors import Severity
from rectify.ledger.check import check_document
from rectify.ledger.load import load_one
from rectify.ledger.yaml import load_document
from rectify.model import Status

SRC = Path(__file__).resolve().parent.parent / "src"
AS_OF = dt.date(2024, 11, 30)
WRITERS = 10

HEADER = ledger_text(comment="并发写入测试台账：这行注释必须保留", title="并发测试")

ISSUE = """\
  - id: T-{n:03d}
    title: 问题{n}
    lead_unit: 市住建局
    deadline: 2025-06-30
    status: in_progress
    completion: 40
    progress:
      - date: 2024-11-10
        completion: 40
        note: 第一次报告  # 原有注释
"""

# Each writer waits for the start signal, then, through loader.transact, either appends a
# progress entry to its own issue (even numbers) or adds a new issue (odd numbers).
WRITER = """
import datetime as dt, sys, time
from pathlib import Path
from rectify.ledger.load import transact
from rectify.model import Issue, Ledger, ProgressEntry, Status

path, n, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
Path(sys.argv[4]).touch()
while not go.exists():
    time.sleep(0.005)

def change(ledger: Ledger) -> Ledger:
    if n % 2 == 0:
        issues = []
        for issue in ledger.issues:
            if issue.id == f"T-{n:03d}":
                entry = ProgressEntry(
                    date=dt.date(2024, 11, 20), completion=50 + n, note=f"进程{n}"
                )
                issue = issue.model_copy(
                    update={"progress": [*issue.progress, entry], "completion": 50 + n}
                )
            issues.append(issue)
    else:
        new = Issue(
            id=f"N-{n:03d}",
            title=f"新问题{n}",
            lead_unit="市民政局",
            deadline=dt.date(2025, 6, 30),
            status=Status.OPEN,
        )
        issues = [*ledger.issues, new]
    return ledger.model_copy(update={"issues": issues})

transact(path, change, as_of=dt.date(2024, 11, 30))
"""


@pytest.mark.slow  # ten Python processes at once; test_store's lock test stands in the default run
def test_ten_writer_processes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(HEADER + "".join(ISSUE.format(n=n) for n in range(WRITERS)), encoding="utf-8")
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(n), str(go), str(tmp_path / f"r{n}")],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"r{n}").exists() for n in range(WRITERS)):
        assert time.monotonic() < deadline, "writers did not start"
        assert all(w.poll() is None for w in writers), [
            w.stderr.read() for w in writers if w.stderr
        ]
        time.sleep(0.01)
    go.touch()  # all ten are waiting: let them race
    errors = [w.communicate(timeout=60)[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, errors

    loaded = load_one(path, as_of=AS_OF)
    issues = {issue.id: issue for issue in loaded.ledger.issues}
    for n in range(0, WRITERS, 2):
        issue = issues[f"T-{n:03d}"]
        assert [(e.date, e.completion, e.note) for e in issue.progress] == [
            (dt.date(2024, 11, 10), 40, "第一次报告"),
            (dt.date(2024, 11, 20), 50 + n, f"进程{n}"),
        ]
        assert issue.completion == 50 + n
    for n in range(1, WRITERS, 2):
        assert issues[f"N-{n:03d}"].title == f"新问题{n}"
        assert issues[f"N-{n:03d}"].status is Status.OPEN
        assert issues[f"T-{n:03d}"].progress[-1].date == dt.date(2024, 11, 10)
    assert len(issues) == WRITERS + WRITERS // 2
    assert [i.id for i in loaded.ledger.issues][:WRITERS] == [f"T-{n:03d}" for n in range(10)]

    # The file passes check (no errors) and kept its comments.
    _, problems = check_document(load_document(path), as_of=AS_OF)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 并发写入测试台账：这行注释必须保留\n")
    assert text.count("  # 原有注释") == WRITERS
    # no temporary or lock file left beside the ledger (the tests' cache folder lives here too)
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert [name for name in left if name != ".rectify-cache"] == []
