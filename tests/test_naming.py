"""One way to name ledgers: as arguments, with -l, or both; a file, a folder or a ledger id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import RunCli


@pytest.fixture
def project(tmp_path: Path, examples: Path) -> Path:
    """A project whose ledgers folder holds the city's and Lingbao's ledgers."""
    (tmp_path / "rectify.toml").write_text('ledgers = "ledgers"\n', encoding="utf-8")
    shutil.copytree(examples / "sanmenxia" / "city-county", tmp_path / "ledgers")
    return tmp_path


def _total(run: RunCli, *args: str) -> int:
    result = run("status", *args, "--format", "json", "--as-of", "2024-11-30")
    assert result.exit_code == 0, result.stderr
    return int(json.loads(result.stdout)["total"])


def test_status_takes_arguments_and_l_alike(run: RunCli, project: Path) -> None:
    city = "ledgers/smx-city-2024.yaml"
    alone = _total(run, city)
    assert alone == _total(run, "-l", city) == _total(run, "smx-city-2024")
    everything = _total(run)
    assert alone < everything == _total(run, "ledgers") == _total(run, "-l", "ledgers")
    two = _total(run, city, "-l", "ledgers/lingbao-2024.yaml")
    assert alone < two == _total(run, "smx-city-2024", "lingbao-2024") < everything


@pytest.mark.parametrize("how", [["ledgers/lingbao-2024.yaml"], ["-l", "lingbao-2024"]])
def test_list_and_show_take_arguments_and_ids(run: RunCli, project: Path, how: list[str]) -> None:
    listed = run("list", *how, "--format", "json", "--as-of", "2024-11-30")
    assert listed.exit_code == 0, listed.stderr
    assert {row["ledger"] for row in json.loads(listed.stdout)} == {"lingbao-2024"}
    shown = run("show", "LB-003", *how, "--format", "json", "--as-of", "2024-11-30")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "LB-003"


def test_a_change_names_its_ledger_by_id(run: RunCli, project: Path) -> None:
    result = run("update", "LB-003", "lingbao-2024", "-c", "85", "--lang", "en", today="2024-12-05")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("LB-003: completion 80.0% → 85.0% (2024-12-05)")
    assert "completion: 85" in (project / "ledgers" / "lingbao-2024.yaml").read_text("utf-8")


def test_a_mistyped_ledger_id_names_the_close_ones(run: RunCli, project: Path) -> None:
    result = run("status", "lingbao-2025", "--lang", "zh")
    assert result.exit_code == 1
    expected = "错误：没有叫 lingbao-2025 的文件或台账；台账编号相近的有：lingbao-2024\n"
    assert result.stderr == expected
    far = run("status", "nothing-like-it", "--lang", "en")
    assert (far.exit_code, far.stderr) == (3, "error: no such file or folder: nothing-like-it\n")


def test_without_a_project_an_id_names_a_ledger_of_the_current_folder(
    run: RunCli, tmp_path: Path, examples: Path
) -> None:
    folder = tmp_path / "plain"
    shutil.copytree(examples / "sanmenxia" / "city-county", folder)  # no rectify.toml here
    shown = run("show", "LB-003", "-l", "lingbao-2024", "--format", "json", cwd=folder)
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "LB-003"
    mistyped = run("show", "LB-003", "-l", "lingbao-2025", "--lang", "zh", cwd=folder)
    assert mistyped.exit_code == 1 and "台账编号相近的有：lingbao-2024" in mistyped.stderr
