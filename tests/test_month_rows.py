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
from rectify.figures.state import Item, items
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


def _update(run: RunCli, folder: Path, *words: str, today: str = "2024-11-30") -> None:
    done = run("update", *words, "-l", str(folder / "city-county"), today=today, env=CACHE_ON)
    assert done.exit_code == 0, done.stderr


@pytest.mark.parametrize(
    ("argv", "updates"),
    [
        (("progress", "--format", "json"), [("-c", "95", "--note", "推进中")]),
        (
            ("report", "--month", "2024-11"),
            [("-c", "95", "--note", "推进中"), ("-c", "97", "--note", "又推进了")],
        ),
    ],
    ids=["progress after one update", "report after two"],
)
def test_one_issue_updates_keep_the_rows_they_left_alone(
    run: RunCli,
    folder: Path,
    figured: list[object],
    argv: tuple[str, ...],
    updates: list[tuple[str, ...]],
) -> None:
    import datetime as dt

    words = (*argv, str(folder))
    run(*words, env=CACHE_ON)
    for update in updates:  # the rows of the bytes before every one of them are followed
        _update(run, folder, "LS-001", *update)
    figured.clear()
    after = run(*words, env=CACHE_ON)
    # each update is dated today: the ended months are the rows kept, only today's is figured
    assert figured == [dt.date(2024, 11, 30)]
    assert after.stdout == run(*words).stdout  # as a fresh run
    figured.clear()
    assert run(*words, env=CACHE_ON).stdout == after.stdout and figured == []


def test_rows_kept_across_one_change() -> None:
    import datetime as dt

    from rectify.changes import ops
    from rectify.figures.months import rows_kept_across

    folder = EXAMPLES / "city-county"
    loaded = load_valid([folder / "lushi-2024.yaml"], as_of=dt.date(2024, 11, 30))[0]
    ledger = loaded.ledger
    issue = ledger.issues[0]
    today = dt.date(2024, 11, 30)
    after = ops.update_progress(
        ledger, issue.id, on=today, completion=99, note=None, audit=ops.AuditFigures()
    )
    (before_item,) = [i for i in items([ledger]) if i.issue.id == issue.id]
    (after_item,) = [i for i in items([after]) if i.issue.id == issue.id]
    kept = rows_kept_across(before_item, after_item, today)
    assert dt.date(2024, 10, 31) in kept and dt.date(2023, 12, 31) in kept
    assert today not in kept
    assert rows_kept_across(before_item, before_item, today)[-1] == today
    # a change that reaches into the past (the day it was assigned, in June instead of March)
    moved = issue.model_copy(update={"assigned_on": dt.date(2024, 6, 3)})
    kept = rows_kept_across(before_item, Item(ledger, moved), today)
    assert dt.date(2023, 12, 31) not in kept and dt.date(2024, 7, 31) not in kept


@pytest.mark.parametrize(
    "argv",
    [
        ("progress",),
        ("progress", "--format", "json", "--from", "2024-03"),
        ("progress", "--to", "2024-09"),  # with a note on stderr
        ("progress", "--to", "2026-09", "--lang", "en"),  # cut at today's month
    ],
    ids=" ".join,
)
def test_a_progress_whose_rows_are_kept_reads_no_ledger(
    run: RunCli, folder: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    from rectify.api.project import Project

    fresh = run(*argv, str(folder))
    run(*argv, str(folder), env=CACHE_ON)  # the rows and the first month kept
    real, reads = Project.load, []

    def load(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Project, "load", load)
    kept = run(*argv, str(folder), env=CACHE_ON)
    assert reads == []  # no ledger read
    assert (kept.exit_code, kept.stdout, kept.stderr) == (
        fresh.exit_code,
        fresh.stdout,
        fresh.stderr,
    )
    ledger = folder / "city-county" / "lushi-2024.yaml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace("lead_unit: ", "lead_unit: 新", 1), encoding="utf-8")
    run(*argv, str(folder), env=CACHE_ON)
    assert reads  # new bytes: read
