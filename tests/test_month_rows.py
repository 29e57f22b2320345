"""Month rows kept per ledger bytes: a warm `report` or `progress` figures no month again.

A month's row on a date depends only on the ledgers' bytes and the due-soon
window (past months never change), so the parse cache keeps every row worked
out (rectify.api.figures.kept_rows); the figures must be exactly those worked
out afresh.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import RunCli
from rectify.figures import months
from rectify.figures.months import month_of, monthly_series, row_from_json, row_json
from rectify.figures.state import items
from rectify.ledger.load import load_valid

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "sanmenxia"
CACHE_ON = {"RECTIFY_NO_CACHE": ""}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "sanmenxia"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture
def figured(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every month row figured from the issues (not taken from the cache), as it happens."""
    seen: list[object] = []
    real = months.month_row

    def counted(*args: object, **kwargs: object) -> months.MonthRow:
        row = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(row.as_of)
        return row

    monkeypatch.setattr(months, "month_row", counted)
    return seen


def test_rows_round_trip_through_json(folder: Path) -> None:
    import datetime as dt

    pool = items(item.ledger for item in load_valid([folder], as_of=dt.date(2024, 11, 30)))
    rows = monthly_series(pool, (2024, 1), (2024, 11))
    assert rows and any(row.figures.rectified for row in rows)
    for row in rows:
        back = row_from_json(row_json(row))
        assert row_json(back) == row_json(row)
        assert back.figures == row.figures and back.rectified_rate == row.rectified_rate
    assert month_of(rows[-1].as_of) == (2024, 11)
    wrong: list[object] = [{}, {"figures": {}}, {**row_json(rows[0]), "counted": "3"}]
    for bad in wrong:
        with pytest.raises((ValueError, KeyError, TypeError)):
            row_from_json(bad)


@pytest.mark.parametrize(
    "argv",
    [
        ("report", "--month", "2024-10"),
        ("report", "--month", "2024-11", "--lang", "en"),
        ("progress",),
        ("progress", "--format", "json"),
        ("progress", "--from", "2024-02", "--to", "2024-08", "--format", "markdown"),
    ],
    ids=" ".join,
)
def test_warm_rows_are_the_fresh_rows(
    run: RunCli, folder: Path, figured: list[object], argv: tuple[str, ...]
) -> None:
    fresh = run(*argv, str(folder))
    assert fresh.exit_code == 0 and figured
    figured.clear()
    first = run(*argv, str(folder), env=CACHE_ON)
    assert figured  # worked out, then kept
    figured.clear()
    again = run(*argv, str(folder), env=CACHE_ON)
    assert figured == []  # every row from the cache
    assert (first.exit_code, first.stdout, first.stderr) == (
        fresh.exit_code,
        fresh.stdout,
        fresh.stderr,
    )
    assert (again.exit_code, again.stdout, again.stderr) == (
        fresh.exit_code,
        fresh.stdout,
        fresh.stderr,
    )


def test_the_report_figures_last_month_once(
    run: RunCli, folder: Path, figured: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectify.output import monthly

    def no_second_pass(*args: object, **kwargs: object) -> object:
        raise AssertionError("last month figured again")

    monkeypatch.setattr(monthly, "figures", no_second_pass)
    assert run("report", "--month", "2024-10", str(folder)).exit_code == 0


def test_new_bytes_or_settings_are_figured_again(
    run: RunCli, folder: Path, figured: list[object]
) -> None:
    argv = ("progress", "--format", "json", str(folder))
    run(*argv, env=CACHE_ON)
    ledger = folder / "city-county" / "lushi-2024.yaml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text, encoding="utf-8")  # a new time, the same bytes
    figured.clear()
    run(*argv, env=CACHE_ON)
    assert figured == []  # the same bytes
    ledger.write_text(text.replace("lead_unit: ", "lead_unit: 新", 1), encoding="utf-8")
    changed = run(*argv, env=CACHE_ON)
    assert figured
    assert changed.stdout == run(*argv).stdout  # as fresh
    figured.clear()
    (folder / "rectify.toml").write_text("due_soon_days = 40\n", encoding="utf-8")
    other = run(*argv, cwd=folder, env=CACHE_ON)
    assert figured
    assert other.stdout == run(*argv, cwd=folder).stdout


def test_a_tampered_value_is_ignored(
    run: RunCli, folder: Path, tmp_path: Path, figured: list[object]
) -> None:
    argv = ("progress", "--format", "json", str(folder))
    fresh = run(*argv)
    run(*argv, env=CACHE_ON)
    (value,) = (tmp_path / ".rectify-cache").glob("value-months-*.json")
    value.write_bytes(value.read_bytes().replace(b'"counted":', b'"counted": 1 + '))
    figured.clear()
    assert run(*argv, env=CACHE_ON).stdout == fresh.stdout
    assert figured


def _sheets(path: Path) -> dict[str, bytes]:
    """Every part of a workbook but its properties (which hold the time it was written)."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist() if name != "docProps/core.xml"}


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_a_second_export_figures_no_month(
    run: RunCli, folder: Path, tmp_path: Path, figured: list[object], fmt: str
) -> None:
    def export(name: str, env: dict[str, str] | None = None) -> Path:
        out = tmp_path / f"{name}.{fmt}"
        done = run("export", str(folder), "-o", str(out), env=env)
        assert done.exit_code == 0, done.stdout + done.stderr
        return out

    def read(path: Path) -> object:
        return _sheets(path) if fmt == "xlsx" else path.read_bytes()

    fresh = export("fresh")
    assert len(figured) == 6 and str(figured[-1]) == "2024-11-30"  # June to November
    figured.clear()
    first = export("first", CACHE_ON)
    assert figured  # worked out, then kept
    figured.clear()
    again = export("again", CACHE_ON)
    assert figured == []  # every month row from the cache
    assert read(first) == read(fresh) and read(again) == read(fresh)
    progress = run("progress", "--format", "json", str(folder), env=CACHE_ON)
    assert progress.exit_code == 0 and figured == []  # the rows the export kept


def test_an_export_takes_the_rows_progress_kept(
    run: RunCli, folder: Path, tmp_path: Path, figured: list[object]
) -> None:
    assert run("progress", str(folder), env=CACHE_ON).exit_code == 0
    figured.clear()
    out = tmp_path / "x.xlsx"
    assert run("export", str(folder), "-o", str(out), env=CACHE_ON).exit_code == 0
    assert figured == []
    fresh = tmp_path / "fresh.xlsx"
    assert run("export", str(folder), "-o", str(fresh)).exit_code == 0
    assert _sheets(out) == _sheets(fresh)
