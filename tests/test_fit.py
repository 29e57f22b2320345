"""Tables that fit the screen: goldens at 60/80/100/160 columns, no figure cut, line breaking."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from rich.cells import cell_len

from conftest import EXAMPLES, RunCli
from rectify.render.table import NO_LINE_END, NO_LINE_START, break_lines

CITY = str(EXAMPLES / "sanmenxia" / "city-county")
WIDTHS = (60, 80, 100, 160)
COMMANDS = {
    "list": ("list", "-l", CITY),
    "status": ("status", CITY),
    "progress": ("progress", CITY),
    "due": ("due", CITY),
    "show": ("show", "SMX-014", "-l", CITY),
}


def _run(run: RunCli, name: str, width: int, lang: str, *extra: str) -> str:
    result = run(
        *COMMANDS[name],
        "--as-of",
        "2024-11-30",
        "--lang",
        lang,
        *extra,
        env={"COLUMNS": str(width)},
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_tables_fit(
    run: RunCli, golden: Callable[[str, str], None], name: str, width: int, lang: str
) -> None:
    text = _run(run, name, width, lang)
    golden(f"fit/{name}_{width}_{lang}.txt", text)
    widest = max(cell_len(line) for line in text.splitlines())
    assert widest <= width, f"{name} at {width}: a line of {widest} cells"


_CUT = re.compile(r"[\w%/().-]…|…[\w%/().-]")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_figure_id_or_date_is_cut(run: RunCli, width: int, lang: str) -> None:
    listing = _run(run, "list", width, lang)
    status = _run(run, "status", width, lang)
    progress = _run(run, "progress", width, lang)
    for text in (listing, status, progress):
        assert not _CUT.search(text), text
    data = json.loads(_run(run, "list", width, lang, "--format", "json"))
    for issue in data:
        assert issue["id"] in listing
        assert issue["deadline"] in listing
    rates = re.findall(r"(\d+\.\d)% \((\d+)/(\d+)\)", status + progress)
    assert len(rates) >= 20
    for shown, done, total in rates:  # each rate whole and agreeing with its counts (cut down)
        assert Decimal(shown) == (Decimal(1000 * int(done)) // int(total)) / 10, (shown, done)
    assert re.search(r"73\.1% \(30/41\)", status)
    assert re.search(r"31\.7% \(13/41\)", progress)


def test_line_breaking_rules() -> None:
    lines = break_lines("陕州区民政局（调整前）的问题，共 31.7% (13/41) 于 2024-11-30 SMX-014", 10)
    for line in lines:
        assert line[0] not in NO_LINE_START
        assert line[-1] not in NO_LINE_END
    joined = " ".join(lines)
    for token in ("31.7%", "(13/41)", "2024-11-30", "SMX-014"):
        assert token in joined.split() or any(token in line for line in lines)
    assert "（调整前）" in "".join(lines)
    assert break_lines("市自然资源和规划局（调整前）", 8) == [
        "市自然资",
        "源和规划",
        "局（调整",
        "前）",
    ]
    assert break_lines("Old people homes", 10) == ["Old people", "homes"]
    # no Chinese character alone on the last line
    assert break_lines("老旧小区适老化改造推进缓慢", 24) == ["老旧小区适老化改造推进", "缓慢"]
