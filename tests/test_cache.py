"""The parse cache: hits only on the very same bytes, and never trusts or executes an entry."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import sys
from pathlib import Path

import pytest

from conftest import RunCli, issue_text, ledger_text
from rectify.ledger import cache
from rectify.ledger.load import load

LEDGER = ledger_text(issue_text())
AS_OF = dt.date(2025, 2, 1)  # late enough for a "no progress for a month" warning


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECTIFY_NO_CACHE", "")
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def _entry(path: Path) -> Path:
    key = cache.key_for(path, path.read_bytes(), AS_OF)
    assert key is not None
    return cache.entry_path(key)


def resealed(data: bytes) -> bytes:
    """An entry's lines (its seal line replaced) sealed under this user's key, as rectify would.

    What only the user (or a program running as the user) can do: a test of what
    the checks after the seal catch.
    """
    secret = cache._secret()
    assert secret is not None
    return cache._seal(secret, data.split(b"\n", 1)[1])


def _plant_title(entry: Path, title: str, *, seal: bool = True) -> None:
    """Rewrite the first issue's cached title, leaving the header (and so the key) as it is."""
    lines = entry.read_bytes().split(b"\n")
    # seal, header, warnings, facts, spans, the ledger's head, its x- keys, then one line an issue
    data = json.loads(lines[7])
    data["title"] = title
    lines[7] = json.dumps(data, ensure_ascii=False).encode("utf-8")
    planted = b"\n".join(lines)
    entry.write_bytes(resealed(planted) if seal else planted)


def _title(path: Path) -> str:
    loaded = load([path], as_of=AS_OF)
    return loaded.ledgers[0].ledger.issues[0].title


def test_second_load_reads_the_entry_with_its_warnings(ledger: Path, tmp_path: Path) -> None:
    first = load([ledger], as_of=AS_OF)
    entry = _entry(ledger)
    assert entry.parent == tmp_path / ".rectify-cache"
    seal, header = entry.read_bytes().split(b"\n")[:2]
    assert header.startswith(b'{"format": "rectify-cache", "version": %d' % cache.VERSION)
    assert [len(part) for part in seal.split(b" ")] == [64, 64]  # two keyed digests
    second = load([ledger], as_of=AS_OF)
    assert second.ledgers[0].ledger == first.ledgers[0].ledger
    assert [(p.code, p.line, p.column, p.params) for p in second.problems] == [
        ("R402", 14, 15, {"date": dt.date(2024, 11, 15)})
    ]
    assert second.problems == first.problems
    # Proof that the entry, not the YAML, was read: a planted title shows.
    _plant_title(entry, "从缓存读取")
    assert _title(ledger) == "从缓存读取"


def test_an_entry_written_a_line_at_a_time_is_sealed_as_one_piece(ledger: Path) -> None:
    text = LEDGER.replace("issues:\n", "issues:\n" + issue_text().replace("T-001", "T-002"))
    ledger.write_text(text, encoding="utf-8")
    load([ledger], as_of=AS_OF)
    written = _entry(ledger).read_bytes()
    lines = written.split(b"\n")
    # the seal, the top lines, the ledger's head and its x- keys, the issues; then the last line end
    assert len(lines) == 1 + cache.TOP_LINES + 2 + 2 + 1 and lines[-1] == b""
    assert b'"id":"T-002"' in lines[7] and b'"id":"T-001"' in lines[8]
    assert resealed(written) == written  # the seal of the whole, as one piece, is the same
    assert not list(_entry(ledger).parent.glob(".entry.*"))  # no temporary file left


def test_one_character_edited_is_seen_with_size_and_time_unchanged(ledger: Path) -> None:
    load([ledger], as_of=AS_OF)
    stat = ledger.stat()
    ledger.write_text(LEDGER.replace("推进缓慢", "推进迟缓"), encoding="utf-8")
    os.utime(ledger, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert ledger.stat().st_size == stat.st_size
    assert ledger.stat().st_mtime_ns == stat.st_mtime_ns
    assert _title(ledger) == "老旧小区适老化改造推进迟缓"
    # ... and the entry was rebuilt for the new bytes.
    _plant_title(_entry(ledger), "新条目")
    assert _title(ledger) == "新条目"


def test_another_as_of_date_is_a_miss_with_its_own_entry(ledger: Path, tmp_path: Path) -> None:
    load([ledger], as_of=AS_OF)
    _plant_title(_entry(ledger), "旧日期")
    earlier = load([ledger], as_of=dt.date(2024, 11, 20))
    assert earlier.ledgers[0].ledger.issues[0].title == "老旧小区适老化改造推进缓慢"
    assert earlier.problems == []
    # The first date's entry is still there: commands with different dates do not thrash.
    assert _title(ledger) == "旧日期"
    for day in range(1, 8):
        load([ledger], as_of=dt.date(2025, 3, day))
    assert len(list((tmp_path / ".rectify-cache").glob("*.json"))) == cache.KEEP_DATES


def _changed(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[: data.rindex(b"\n", 0, -1) + 1], id="last-line-cut"),
        pytest.param(lambda data: b"\x00\xff garbage \n{{{", id="corrupt"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(
            lambda data: _changed(data, b'"version": %d' % cache.VERSION, b'"version": 99'),
            id="foreign-version",
        ),
        pytest.param(lambda data: _changed(data, b'"line":14', b'"line":"14"'), id="bad-shape"),
        pytest.param(
            lambda data: _changed(data, b'"completion":40.0', b'"completion":"x"'), id="bad-model"
        ),
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(ledger: Path, damage: object) -> None:
    expected = load([ledger], as_of=AS_OF, cache=False)
    load([ledger], as_of=AS_OF)
    entry = _entry(ledger)
    good = entry.read_bytes()
    damaged = damage(good)  # type: ignore[operator]
    try:
        sealed = [damaged, resealed(damaged)]  # caught by the seal, and by the checks after it
    except (ValueError, IndexError):
        sealed = [damaged]  # too short to seal
    for data in sealed:
        entry.write_bytes(data)
        again = load([ledger], as_of=AS_OF)
        assert again.ledgers[0].ledger == expected.ledgers[0].ledger
        assert again.problems == expected.problems
        assert entry.read_bytes() == good


def test_an_unreadable_cache_folder_is_no_error(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(blocker / "cache"))
    assert _title(ledger) == "老旧小区适老化改造推进缓慢"
    assert _title(ledger) == "老旧小区适老化改造推进缓慢"


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch PWNED",))


def test_a_planted_entry_never_runs_code(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    load([ledger], as_of=AS_OF)
    entry = _entry(ledger)
    head = entry.read_bytes().split(b"\n", 1)[0]
    # A pickle payload, with and without the right header: it is never unpickled.
    for data in (pickle.dumps(_Boom()), head + b"\n" + pickle.dumps(_Boom())):
        entry.write_bytes(data)
        assert _title(ledger) == "老旧小区适老化改造推进缓慢"
    # JSON that would only be harmful if evaluated stays text.
    _plant_title(entry, "__import__('os').system('touch PWNED')")
    assert _title(ledger) == "__import__('os').system('touch PWNED')"
    assert not (tmp_path / "PWNED").exists()


EXTENDED = (
    LEDGER.replace("  assigned_on: 2024-07-10\n", "  assigned_on: 2024-07-10\n  x-批次: 第一批\n")
    .replace(
        "    lead_unit:",
        "    x-备注: {督办: [2024-08-01, 2024-09-01T08:30:00+08:00], 次数: 2}\n    lead_unit:",
    )
    .replace(
        "        note: 已完成12个小区改造\n",
        "        note: 已完成12个小区改造\n        x-核查: true\n",
    )
    + "x-说明:\n  - 1.5\n  - null\n  - 'text'\n"
)


def test_extension_keys_are_cached_with_their_types(ledger: Path) -> None:
    ledger.write_text(EXTENDED, encoding="utf-8")
    fresh = load([ledger], as_of=AS_OF, cache=False).ledgers[0].ledger
    load([ledger], as_of=AS_OF)
    assert _entry(ledger).exists()
    kept = load([ledger], as_of=AS_OF).ledgers[0].ledger
    assert kept == fresh
    issue = kept.issues[0]
    assert issue.extensions == {
        "x-备注": {
            "督办": [
                dt.date(2024, 8, 1),
                dt.datetime(2024, 9, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
            ],
            "次数": 2,
        }
    }
    assert issue.progress[0].extensions == {"x-核查": True}
    assert kept.ledger.extensions == {"x-批次": "第一批"}
    assert kept.extensions == {"x-说明": [1.5, None, "text"]}
    # ... and the entry was read, not the YAML: a planted title shows
    _plant_title(_entry(ledger), "从缓存读取")
    assert _title(ledger) == "从缓存读取"


def test_a_value_json_cannot_hold_is_not_cached(ledger: Path) -> None:
    ledger.write_text(EXTENDED.replace("  - 1.5\n", "  - .nan\n"), encoding="utf-8")
    assert load([ledger], as_of=AS_OF).ledgers[0].ledger.extensions["x-说明"][1:] == [None, "text"]
    assert not _entry(ledger).exists()


def test_no_cache_option_and_cache_dir_variable(run: RunCli, ledger: Path, tmp_path: Path) -> None:
    folder = tmp_path / "my-cache"
    env = {"RECTIFY_NO_CACHE": "", "RECTIFY_CACHE_DIR": str(folder), "RECTIFY_LANG": "en"}
    off = run("--no-cache", "status", "ledger.yaml", "--as-of", "2025-02-01", env=env)
    assert off.exit_code == 0
    assert not folder.exists()
    on = run("status", "ledger.yaml", "--as-of", "2025-02-01", env=env)
    assert on.stdout == off.stdout
    assert sorted(p.name.endswith("-2025-02-01.json") for p in folder.iterdir()) == [False, True]
    assert (folder / "key").is_file()  # the folder's secret, beside the one entry
    off_by_variable = run(
        "status",
        "ledger.yaml",
        "--as-of",
        "2025-02-01",
        env={**env, "RECTIFY_NO_CACHE": "1", "RECTIFY_CACHE_DIR": str(tmp_path / "other")},
    )
    assert off_by_variable.stdout == off.stdout
    assert not (tmp_path / "other").exists()


def test_default_cache_folder_by_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("RECTIFY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    assert cache.cache_dir() == tmp_path / "xdg" / "rectify"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cache.cache_dir() == Path.home() / "Library" / "Caches" / "rectify"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert cache.cache_dir() == tmp_path / "local" / "rectify" / "Cache"
