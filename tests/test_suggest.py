"""The one did-you-mean (rectify.suggest), and the commands that share it."""

from __future__ import annotations

from conftest import EXAMPLES, RunCli
from rectify.suggest import closest, suggest

UNITS = ["市民政局", "市住建局", "市卫健委", "陕州区民政局"]


def test_close_spellings_first_then_names_holding_the_word() -> None:
    assert suggest("市民证局", UNITS) == ["市民政局"]
    assert suggest("民政", UNITS) == ["市民政局", "陕州区民政局"]
    assert suggest("smx-01", ["SMX-001", "SMX-002", "SMX-003"]) == ["SMX-001", "SMX-002", "SMX-003"]
    assert suggest("deadlin", ["deadline", "planned_on"], n=1) == ["deadline"]
    assert suggest("", UNITS) == [] and suggest("x", []) == []
    assert closest("完全不同的词", UNITS) is None


def test_list_and_due_suggest_the_same_unit_for_the_same_typo(run: RunCli) -> None:
    folder = str(EXAMPLES / "sanmenxia" / "city-county")
    listed = run(
        "list", "--unit", "市民证局", "-l", folder, "--lang", "en", "--as-of", "2024-11-30"
    )
    due = run("due", folder, "--unit", "市民证局", "--lang", "en", "--as-of", "2024-11-30")
    assert listed.exit_code != 0 and due.exit_code != 0
    assert "市民政局" in listed.stderr and "市民政局" in due.stderr
