"""Files rectify writes get the user's umask; a replaced file keeps its mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import RunCli
from rectify.ledger.files import atomic_write, current_umask

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_umask(tmp_path: Path, umask: None, mask: int, expected: int) -> None:
    os.umask(mask)
    assert current_umask() == mask
    path = tmp_path / "new.yaml"
    atomic_write(path, b"schema: 1\n")
    assert mode(path) == expected
    assert path.read_bytes() == b"schema: 1\n"


def test_a_replaced_file_keeps_its_mode_whatever_the_umask(tmp_path: Path, umask: None) -> None:
    path = tmp_path / "shared.yaml"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o664)
    os.umask(0o077)
    atomic_write(path, b"new\n")
    assert mode(path) == 0o664
    assert path.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["shared.yaml"]  # no temporary file left


def test_files_written_by_commands_can_be_read_by_colleagues(
    run: RunCli, examples: Path, tmp_path: Path, umask: None
) -> None:
    os.umask(0o002)  # a shared folder's group may read and write
    ledger = str(examples / "sanmenxia" / "city-county" / "smx-city-2024.yaml")
    made = {
        "export.csv": run("export", ledger, "--format", "csv", "-o", str(tmp_path / "export.csv")),
        "report.md": run("report", ledger, "--month", "2024-10", "-o", str(tmp_path / "report.md")),
    }
    for name, result in made.items():
        assert result.exit_code == 0, (name, result.stderr)
        assert mode(tmp_path / name) == 0o664, name
