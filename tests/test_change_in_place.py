"""One-issue changes with a warm parse cache: only the issue's lines are parsed and rewritten.

Every change is made twice, through the cache and through the whole file, and
the two files must be byte for byte the same; the cache entry written after
the change must equal one built from scratch for the new bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from conftest import RunCli, issue_text, ledger_text
from rectify.changes.ops import dismiss, extend, mark_done, update_progress
from rectify.errors import RectifyError
from rectify.figures.facts import FactRows, facts_of
from rectify.figures.state import items
from rectify.ledger import cache
from rectify.ledger.load import change_issue, load, load_derived
from rectify.model import Ledger, Status
from test_cache import resealed

TODAY = dt.date(2024, 12, 20)
STATUS_DAY = dt.date(2024, 11, 30)

Change = Callable[[Ledger, str], Ledger]


def _update(ledger: Ledger, ident: str) -> Ledger:
    return update_progress(ledger, ident, on=TODAY, completion=88.8, note="现场核查，进度过半")


def _done(ledger: Ledger, ident: str) -> Ledger:
    return mark_done(ledger, ident, on=TODAY, note="已完成")


def _extend(ledger: Ledger, ident: str) -> Ledger:
    return extend(ledger, ident, on=TODAY, to=dt.date(2025, 6, 30), reason="资金未到位\n需延期")


def _dismiss(ledger: Ledger, ident: str) -> Ledger:
    return dismiss(ledger, ident, on=TODAY, reason="不属于本级事权")


CHANGES = {"update": _update, "done": _done, "extend": _extend, "dismiss": _dismiss}


@pytest.fixture
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECTIFY_NO_CACHE", "")


def _both_ways(path: Path, ident: str, change: Change, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Change the issue through the cache (in ``path``) and through the whole file (a copy).

    Returns the new bytes, after checking both ways wrote the same and raised the same.
    """
    copy = path.with_name("whole-" + path.name)
    shutil.copyfile(path, copy)
    # warms the entry, with the status figures' rows, as `rectify status` does
    load_derived([path], FactRows(14, Fraction(20)), as_of=STATUS_DAY)
    outcome: list[object] = []
    for target, use_cache in ((path, "1"), (copy, "")):
        monkeypatch.setenv("RECTIFY_NO_CACHE", "" if use_cache else "1")
        try:
            before, after = change_issue([target], ident, change, as_of=TODAY, derived=FactRows())
            outcome.append((before.id, after))
        except RectifyError as exc:
            outcome.append(exc.key)
    monkeypatch.setenv("RECTIFY_NO_CACHE", "")
    assert outcome[0] == outcome[1]
    assert path.read_bytes() == copy.read_bytes()
    copy.unlink()
    return path.read_bytes()


def _assert_entry_is_fresh(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry for the file's bytes holds what a fresh parse of them gives."""
    data = path.read_bytes()
    key = cache.key_for(path, data, STATUS_DAY)
    assert key is not None
    kept = cache.lookup(key, path)
    assert kept is not None, "the change did not leave the cache warm"
    monkeypatch.setenv("RECTIFY_NO_CACHE", "1")
    fresh = load([path], as_of=STATUS_DAY)
    monkeypatch.setenv("RECTIFY_NO_CACHE", "")
    assert kept.ledger == fresh.ledgers[0].ledger
    id_pos = fresh.documents[0].value_pos(("ledger", "id"))
    assert kept.id_pos == (id_pos.line, id_pos.column)
    assert sorted(kept.problems, key=lambda p: p.sort_key()) == sorted(
        fresh.problems, key=lambda p: p.sort_key()
    )
    found = cache.lookup_rows(key, FactRows(14, Fraction(20)).settings)
    assert found is not None, "the change dropped the status figures' rows"
    assert FactRows().from_rows(found.rows, STATUS_DAY) == facts_of(
        items([kept.ledger]), STATUS_DAY
    )
    entry = cache.lookup_edit(path, data)
    assert entry is not None
    text = data.decode("utf-8-sig")
    for (start, end), ident in zip(entry.spans.issues, entry.spans.ids, strict=True):
        assert text[start:end].lstrip(" -").startswith(f"id: {ident}")


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_every_example_issue_changed_through_the_cache_as_through_the_file(
    examples: Path, tmp_path: Path, cache_on: None, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    changed_in_place = 0
    for source in sorted(examples.rglob("*.yaml")):
        if source.name == "rollup.yaml":
            continue  # a roll-up manifest, no ledger
        path = tmp_path / source.name
        shutil.copyfile(source, path)
        # a status run first: its entry holds the facts as well
        load_derived([path], FactRows(14, Fraction(20)), as_of=STATUS_DAY)
        ids = [issue.id for issue in load([path], as_of=STATUS_DAY).ledgers[0].ledger.issues]
        for ident in ids:
            before = path.read_bytes()
            warm = cache.lookup_edit(path, before) is not None
            after = _both_ways(path, ident, CHANGES[name], monkeypatch)
            if warm and after != before:
                _assert_entry_is_fresh(path, monkeypatch)
                changed_in_place += 1
    assert changed_in_place >= 5


LEDGER = ledger_text(
    issue_text(reported_on="2024-09-15"),
    """
  # 第二个问题前的注释
  - id: T-002
    title: 养老机构消防设施不达标
    lead_unit: 市民政局
    deadline: 2025-03-31
    status: open
    completion: 0
  - id: T-003
    title: 社区食堂覆盖率低
    lead_unit: 市民政局
    deadline: 2025-06-30
    status: open
    completion: 0
# 文件末尾的注释
""",
    comment="台账头部的注释",
)
HEAD = """\
ledger:
  id: t-2024
  title: 测试台账
  assigned_on: 2024-07-10
"""


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param((lambda text: text, True), id="plain"),
        pytest.param((lambda text: text.replace("\n", "\r\n"), True), id="crlf"),
        pytest.param((lambda text: "\ufeff" + text, True), id="bom"),
        pytest.param((lambda text: text.replace(HEAD, "") + HEAD, True), id="ledger-after"),
        # no line end after the last issue: no spans, the whole file is read
        pytest.param(
            (lambda text: text.replace("# 文件末尾的注释", "").rstrip("\n"), False), id="no-eol"
        ),
        pytest.param((lambda text: text + "x-备注: 尾部扩展键\n", True), id="extension-after"),
        pytest.param(
            (
                lambda text: text.replace(
                    "    deadline:", "    x-备注: {日期: 2024-08-01}\n    deadline:"
                ),
                True,
            ),
            id="extension-in-issues",
        ),
        pytest.param(
            (
                lambda text: text.replace(
                    "    completion: 0\n  - id: T-003", "    completion: 0\n\n\n  - id: T-003"
                ),
                True,
            ),
            id="blank-lines",
        ),
    ],
)
@pytest.mark.parametrize("ident", ["T-001", "T-002", "T-003"])
def test_layouts_of_a_file(
    tmp_path: Path,
    cache_on: None,
    monkeypatch: pytest.MonkeyPatch,
    variant: tuple[Callable[[str], str], bool],
    ident: str,
) -> None:
    layout, in_place = variant
    path = tmp_path / "ledger.yaml"
    path.write_bytes(layout(LEDGER).encode("utf-8"))
    for change in (_update, _extend, _done):
        _both_ways(path, ident, change, monkeypatch)
        key = cache.key_for(path, path.read_bytes(), STATUS_DAY)
        assert key is not None
        # (a file written by rectify ends with a line end: later changes may be in place)
        if change is _update:
            assert (cache.lookup(key, path) is not None) is in_place
        if in_place:
            _assert_entry_is_fresh(path, monkeypatch)
    text = path.read_bytes().decode("utf-8")
    assert "# 第二个问题前的注释" in text and "# 台账头部的注释" in text
    issue = next(i for i in load([path], as_of=TODAY).ledgers[0].ledger.issues if i.id == ident)
    assert issue.status is Status.RECTIFIED and issue.deadline == dt.date(2025, 6, 30)


def test_a_hand_edit_after_the_cache_was_warmed_is_seen(
    tmp_path: Path, cache_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    load([path], as_of=STATUS_DAY)
    path.write_text(LEDGER.replace("社区食堂覆盖率低", "社区食堂覆盖率偏低"), encoding="utf-8")
    change_issue([path], "T-003", _update, as_of=TODAY)
    text = path.read_text(encoding="utf-8")
    assert "社区食堂覆盖率偏低" in text and "completion: 88.8" in text


def test_the_entry_of_another_day_is_kept_for_that_day(
    tmp_path: Path, cache_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    load_derived([path], FactRows(14, Fraction(20)), as_of=STATUS_DAY)
    # any case finds the id
    change_issue([path], "t-002", _update, as_of=TODAY, derived=FactRows())
    _assert_entry_is_fresh(path, monkeypatch)


def test_update_and_status_on_the_command_line_stay_warm(
    run: RunCli, examples: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "city"
    shutil.copytree(examples / "sanmenxia" / "city-county", folder)
    ledger = folder / "lingbao-2024.yaml"
    warm = {"RECTIFY_NO_CACHE": ""}
    args = ("status", "city", "--as-of", "2024-12-20", "--format", "json")
    assert run(*args, env=warm).exit_code == 0
    changed = run(
        "update",
        "lb-003",
        "-c",
        "66.6",
        "-l",
        "city/lingbao-2024.yaml",
        today="2024-12-20",
        env=warm,
    )
    assert changed.exit_code == 0, changed.stderr
    assert "LB-003" in changed.stdout and "66.6" in changed.stdout
    entry = cache.lookup_edit(ledger, ledger.read_bytes())  # the entry follows the new bytes
    assert entry is not None and entry.key.as_of == "2024-12-20"
    assert run(*args, env=warm).stdout == run(*args).stdout
    # an unknown id is still told with its candidates
    missing = run("update", "LB-0003", "-c", "5", "-l", "city", today="2024-12-20", env=warm)
    assert missing.exit_code != 0 and "LB-003" in missing.stderr


def _swap_first_ids(spans: dict[str, Any]) -> None:
    spans["ids"][0], spans["ids"][1] = spans["ids"][1], spans["ids"][0]


def _end_mid_issue(spans: dict[str, Any]) -> None:
    spans["issues"][0][1] = LEDGER.index("    progress:")  # still in order, but mid-issue


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(_swap_first_ids, id="naming-the-wrong-issue"),
        pytest.param(_end_mid_issue, id="cutting-an-issue-short"),
    ],
)
def test_spans_not_of_this_text_are_not_trusted_for_a_write(
    tmp_path: Path,
    cache_on: None,
    monkeypatch: pytest.MonkeyPatch,
    tamper: Callable[[dict[str, Any]], None],
) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    load([path], as_of=STATUS_DAY)
    key = cache.key_for(path, path.read_bytes(), STATUS_DAY)
    assert key is not None
    entry = cache.entry_path(key)
    lines = entry.read_bytes().split(b"\n")
    spans = json.loads(lines[4])  # seal, header, warnings, facts, spans, ...
    tamper(spans)
    lines[4] = json.dumps(spans).encode("utf-8")
    entry.write_bytes(resealed(b"\n".join(lines)))  # sealed: the checks after the seal catch it
    copy = tmp_path / "whole.yaml"
    copy.write_text(LEDGER, encoding="utf-8")
    change_issue([path], "T-001", _update, as_of=TODAY)
    monkeypatch.setenv("RECTIFY_NO_CACHE", "1")
    change_issue([copy], "T-001", _update, as_of=TODAY)
    assert path.read_bytes() == copy.read_bytes()
    text = path.read_text(encoding="utf-8")
    assert "completion: 88.8" in text.split("- id: T-002")[0]
    assert text.count("progress:") == 1
