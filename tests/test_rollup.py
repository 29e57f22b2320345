"""A province's view across repositories: the manifest, sync, figures counted once, gaps."""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import RunCli
from rollup_repos import commit_all, git, make_rollup


@pytest.fixture
def rollup(tmp_path: Path, run: RunCli) -> Path:
    """The example roll-up (province, city, three counties as five repositories), synced."""
    manifest = make_rollup(tmp_path / "province-view")
    done = run("sync", str(manifest), "--lang", "en")
    assert done.exit_code == 0, done.stderr
    return manifest


def overall(run: RunCli, *args: str) -> tuple[int, dict[str, object], str]:
    done = run("status", *args, "--as-of", "2024-11-30", "--format", "json", "--lang", "en")
    data = json.loads(done.stdout) if done.stdout.strip() else {}
    return done.exit_code, data, done.stderr


def test_the_example_manifest_gives_the_bulletins_figures(
    rollup: Path, run: RunCli, examples: Path
) -> None:
    code, figures, _ = overall(run, str(rollup))
    assert code == 0
    # the province's three problems are the city's SMX-001..003 (handed_from): counted once
    plain = overall(run, str(examples / "sanmenxia"))[1]
    assert (figures["total"], figures["counted"], figures["rectified"]) == (42, 41, 30)
    assert figures["rectified_rate"] == plain["rectified_rate"]
    city = overall(run, str(examples / "sanmenxia" / "city-county"))[1]
    assert (city["counted"], city["rectified"]) == (41, 30)
    table = run("status", str(rollup.parent), "--as-of", "2024-11-30", "--lang", "en")
    assert "73.1% (30/41)" in table.stdout


def test_sync_twice_finds_nothing_new_and_a_new_commit_is_read(rollup: Path, run: RunCli) -> None:
    again = run("sync", str(rollup), "--lang", "en")
    assert again.exit_code == 0
    assert len(re.findall(r"^\w+ +up to date ", again.stdout, re.M)) == 5
    repo = rollup.parent / "repos" / "lushi"
    ledger = repo / "lushi-2024.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("卢氏县", "卢氏"), "utf-8")
    commit = commit_all(repo, "改标题")
    assert run("status", str(rollup), "--lang", "en").exit_code == 0  # still the old commit
    report = run("report", "--month", "2024-11", str(rollup), "--lang", "en").stdout
    assert commit[:7] not in report
    assert "fetched new commits" in run("sync", str(rollup), "--lang", "en").stdout
    report = run("report", "--month", "2024-11", str(rollup), "--lang", "en").stdout
    # the provenance footer names each source's commit
    assert f"Source lushi at commit `{commit[:7]}`" in report
    assert len(re.findall(r"Source \w+ at commit `[0-9a-f]{7,}`", report)) == 5
    assert "lushi@" in report


def test_the_reading_commands_take_the_manifest(rollup: Path, run: RunCli, tmp_path: Path) -> None:
    for args in (
        ("progress", str(rollup)),
        ("due", str(rollup)),
        ("export", str(rollup), "-o", str(tmp_path / "all.csv")),
        ("check", str(rollup)),
    ):
        done = run(*args, "--lang", "en")
        assert done.exit_code == 0, (args, done.stderr)
    assert "45 issue(s), no problems found" in run("check", str(rollup), "--lang", "en").stdout
    assert run("progress", str(rollup), "--lang", "en").stdout.count("73.1% (30/41)") == 1
    at = run("status", str(rollup), "--at", "HEAD", "--lang", "en")
    assert at.exit_code == 2 and "change the revision there" in at.stderr
    refused = run("add", "--title", "x", "--unit", "市民政局", "-l", str(rollup), "--lang", "en")
    assert refused.exit_code == 2
    assert "read-only" in refused.stderr


def _edit_manifest(manifest: Path, old: str, new: str, *, after: str = "") -> None:
    text = manifest.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    manifest.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")


def test_an_unreachable_source_is_named_and_the_rest_still_count(rollup: Path, run: RunCli) -> None:
    _edit_manifest(rollup, "url: repos/lushi", "url: repos/gone")
    synced = run("sync", str(rollup), "--lang", "en")
    assert synced.exit_code == 3
    assert re.search(r"lushi +failed: cannot be fetched: git fetch --prune failed: ", synced.stdout)
    assert len(re.findall(r"^\w+ +up to date ", synced.stdout, re.M)) == 4  # the others too
    code, figures, stderr = overall(run, str(rollup))
    assert code == 3
    assert (figures["total"], figures["counted"]) == (38, 37)  # lushi's 4 left out
    # why, as the sync said it, not "not fetched yet": the person just ran sync
    assert "source lushi" in stderr and "not fetched yet" not in stderr
    assert "rectify sync could not fetch it on 2024-11-30: git fetch --prune failed" in stderr
    zh = run("status", str(rollup), "--lang", "zh")
    assert "来源 lushi" in zh.stderr and "上面的数字不含它们" in zh.stderr
    assert "2024-11-30 的 rectify sync 没能取回" in zh.stderr
    checked = run("check", str(rollup), "--lang", "en")
    assert checked.exit_code == 3
    assert "1 source(s) could not be read and were not checked" in checked.stdout
    assert "no problems found in the" in checked.stdout
    # a workbook is sent on without the terminal's message: it says so above every sheet
    book = rollup.parent / "汇总.xlsx"
    exported = run("export", str(rollup), "-o", str(book), "--lang", "zh")
    assert exported.exit_code == 3 and book.is_file()
    from openpyxl import load_workbook

    for sheet in load_workbook(book).worksheets:
        above = [str(row[0]) for row in sheet.iter_rows(max_row=5, max_col=1, values_only=True)]
        assert "注意：汇总缺少1个来源，本表的数字不含它们：" in above, sheet.title
        assert any(line.startswith("来源 lushi（") for line in above), sheet.title
    _edit_manifest(rollup, "url: repos/gone", "url: repos/lushi")
    assert run("sync", str(rollup), "--lang", "en").exit_code == 0
    assert overall(run, str(rollup))[0] == 0  # the failure is no longer news


def test_a_revision_that_does_not_exist(rollup: Path, run: RunCli) -> None:
    _edit_manifest(rollup, "revision: main", "revision: v2099", after="name: shanzhou")
    code, figures, stderr = overall(run, str(rollup))
    assert code == 1
    assert figures["total"] == 36  # shanzhou's 6 left out
    assert "source shanzhou" in stderr and "has no revision v2099" in stderr
    assert run("sync", str(rollup), "--lang", "en").exit_code == 1
    # a report written to a file says so itself: whoever it is sent to reads it there
    written = rollup.parent / "月报.md"
    made = run("report", str(rollup), "--month", "2024-11", "--lang", "zh", "-o", str(written))
    assert made.exit_code == 1
    text = written.read_text(encoding="utf-8")
    head = text.split("## ", 1)[0]  # above the first section, under the scope
    assert "注意：汇总缺少1个来源，本报告的数字不含它们：" in head
    assert "来源 shanzhou" in head and "没有版本 v2099" in head


def test_a_broken_ledger_in_one_of_three_sources(tmp_path: Path, run: RunCli) -> None:
    manifest = make_rollup(tmp_path / "three")
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text[: text.index("  - name: shanzhou")], encoding="utf-8")
    repo = manifest.parent / "repos" / "lingbao"
    ledger = repo / "lingbao-2024.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "  - just text\n", "utf-8")
    commit_all(repo, "坏了")
    assert run("sync", str(manifest)).exit_code == 0
    code, figures, stderr = overall(run, str(manifest))
    assert code == 1
    # province + city: the handed-down three still counted once
    assert (figures["total"], figures["counted"], figures["rectified"]) == (25, 24, 17)
    assert re.search(
        r"source lingbao .*1 error\(s\).*lingbao@[0-9a-f]+:lingbao-2024\.yaml:\d+", stderr
    )
    checked = run("check", str(manifest), "--lang", "en")
    assert checked.exit_code == 1
    assert re.search(r"lingbao@[0-9a-f]+:lingbao-2024\.yaml:\d+", checked.stdout + checked.stderr)


def test_check_names_a_ledger_id_in_two_sources_and_a_link_to_nothing(
    rollup: Path, run: RunCli
) -> None:
    text = rollup.read_text(encoding="utf-8")
    rollup.write_text(
        text + "  - name: city-copy\n    url: repos/city\n    revision: main\n", encoding="utf-8"
    )
    run("sync", str(rollup))
    checked = run("check", str(rollup), "--lang", "en")
    assert checked.exit_code == 1
    assert re.search(r"city-copy@[0-9a-f]+:smx-city-2024\.yaml:\d+.*R302", checked.stdout)
    code, figures, stderr = overall(run, str(rollup))
    assert code == 1 and figures["total"] == 42  # the copy is left out, not counted twice
    assert "ledger id smx-city-2024 is also in source city" in stderr


def test_a_handed_from_to_a_ledger_not_in_the_rollup(tmp_path: Path, run: RunCli) -> None:
    manifest = make_rollup(tmp_path / "no-province")
    manifest.write_text(
        "sources:\n"
        + "".join(f"  - name: {n}\n    url: repos/{n}\n" for n in ("city", "lingbao", "lushi")),
        encoding="utf-8",
    )
    run("sync", str(manifest))
    checked = run("check", str(manifest), "--lang", "en")
    assert checked.exit_code == 0  # a warning
    assert checked.stdout.count("R404") == 3
    assert "no ledger hn-province-2024 in the roll-up" in checked.stdout


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("sources:\n  - name: a\n    url: x\n  - name: a\n    url: y\n", 4, "used twice"),
        ("sources:\n  - name: a\n", 2, "url: (a git URL) or path:"),
        ("sources:\n  - name: a\n    url: x\n    parent: b\n", 4, "no source of the manifest"),
        ("sources:\n  - name: a b\n    url: x\n", 2, "invalid source name"),
        ("sources:\n  - name: a\n    url: x\n    branch: main\n", 4, "unknown key branch"),
        ("sources:\n  - name: a\n    url: x\n    revison: main\n", 4, "did you mean revision?"),
        ("title: [\n", 2, "not valid YAML"),
        ("title: t\n", 1, "needs a sources: list"),
        (
            "title: t\nsource:\n  - name: a\n    url: x\n",
            2,
            "key source in the roll-up manifest; did you mean sources?",
        ),
    ],
)
def test_a_bad_manifest_names_its_line(
    tmp_path: Path, run: RunCli, text: str, line: int, words: str
) -> None:
    manifest = tmp_path / "rollup.yaml"
    manifest.write_text(text, encoding="utf-8")
    done = run("status", str(manifest), "--lang", "en")
    assert done.exit_code == 3
    assert f"rollup.yaml:{line}: " in done.stderr
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_a_local_path_source_read_at_a_revision_and_on_disk(tmp_path: Path, run: RunCli) -> None:
    manifest = make_rollup(tmp_path / "local")
    repos = manifest.parent / "repos"
    manifest.write_text(
        "sources:\n"
        "  - name: province\n    path: repos/province\n    revision: main\n"
        "  - name: city\n    path: repos/city\n",
        encoding="utf-8",
    )
    (repos / "city" / "smx-city-2024.yaml").write_text("not: a ledger\n", encoding="utf-8")
    synced = run("sync", str(manifest), "--lang", "en")
    assert "a folder on this computer" in synced.stdout
    code, figures, stderr = overall(run, str(manifest))
    assert code == 1 and figures["total"] == 3  # the city, on disk, is broken now
    assert "source city" in stderr and "smx-city-2024.yaml" in stderr
    git(repos / "city", "checkout", "--", ".")
    assert overall(run, str(manifest))[1]["total"] == 25


def test_cold_in_processes_then_warm_without_reading_a_blob(
    rollup: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rectify.io.rollup as reading

    cache_on = {"RECTIFY_NO_CACHE": "0"}
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)  # the example is small: pool it anyway
    monkeypatch.setattr(reading, "PARALLEL_SOURCES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pooled: list[int] = []
    real_pool = ProcessPoolExecutor

    def counting_pool(max_workers: int) -> object:
        pooled.append(max_workers)
        return real_pool(max_workers=max_workers)

    monkeypatch.setattr(reading, "ProcessPoolExecutor", counting_pool)
    cold = run("status", str(rollup), "--format", "json", env=cache_on)
    assert cold.exit_code == 0, cold.stderr
    assert pooled == [2]
    assert json.loads(cold.stdout)["rectified"] == 30

    def no_blobs(*_args: object) -> list[bytes | None]:
        raise AssertionError("a warm roll-up reads no blob")

    monkeypatch.setattr(reading, "read_blobs", no_blobs)
    warm = run("status", str(rollup), "--format", "json", env=cache_on)
    assert warm.exit_code == 0, warm.stderr
    assert warm.stdout == cold.stdout
    assert pooled == [2]  # every source warm: nothing for the pool


def test_the_site_of_a_rollup_is_served(rollup: Path, tmp_path: Path) -> None:
    import datetime as dt
    import urllib.request

    from rectify import api

    project = api.Project.open(tmp_path, today=dt.date(2024, 11, 30))
    pages: list[str] = []
    polls: list[str] = []
    rebuilt: list[object] = []

    def ready(url: str, built: object) -> None:
        with urllib.request.urlopen(url) as page:
            pages.append(page.read().decode("utf-8"))

    def stop() -> bool:
        polls.append("poll")
        return len(polls) > 5  # five polls: time enough to notice any change

    api.serve_site(
        project,
        [rollup],
        out=tmp_path / "site",
        port=0,
        ready=ready,
        rebuilt=lambda built, error: rebuilt.append(error or built),
        poll=0.01,
        stop=stop,
    )
    assert "73.1%" in pages[0]
    assert rebuilt == []  # a roll-up changes by sync, not by a file: built once
    assert project.read and all(state.gap is None for state in project.read)
