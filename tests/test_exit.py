"""The console script ends without interpreter shutdown (rectify.__main__.leave): output and
exit codes must come through whole all the same."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from conftest import EXAMPLES

CITY = str(EXAMPLES / "sanmenxia" / "city-county")


def _rectify(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECTIFY_LANG": "zh", "RECTIFY_TODAY": "2024-11-30", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "rectify", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def test_every_line_is_written_before_the_process_ends() -> None:
    listing = _rectify("list", CITY, "--format", "csv")
    assert listing.returncode == 0, listing.stderr
    rows = list(csv.reader(io.StringIO(listing.stdout.lstrip("\ufeff"))))
    assert len(rows) == 43  # the header and 42 issues: nothing lost in a buffer
    assert len(rows[-1]) == len(rows[0])


def test_exit_codes_come_through() -> None:
    missing = _rectify("status", "没有这个文件夹")
    assert missing.returncode == 3
    assert missing.stderr.startswith("错误：找不到文件或文件夹：没有这个文件夹")
    usage = _rectify("status", "--by", "颜色", CITY)
    assert usage.returncode == 2
    assert "--by" in usage.stderr
