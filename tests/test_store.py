"""rectify.store: decoding, safe parsing with positions, finding files, atomic and locked writes."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import stat
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from conftest import ledger_text
from rectify.errors import ExitCode, FileError
from rectify.ledger.files import atomic_write, ledger_files, locked
from rectify.ledger.yaml import MAX_DEPTH, Document, Pos, decode, encode, load_document, parse_text

LEDGER = ledger_text(
    """\
  - id: T-001
    title: 问题
    co_units: [市民政局, 市财政局]
    completion: 74.4
    progress:
      - date: 2024-11-15
        note: 进展  # 注释
"""
)


def parse(text: str) -> Document:
    return parse_text(Path("t.yaml"), text)


def problems(doc: Document) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in doc.problems]


# --- decoding ------------------------------------------------------------------------------


def test_utf8_with_bom_and_crlf() -> None:
    raw = b"\xef\xbb\xbf" + LEDGER.replace("\n", "\r\n").encode("utf-8")
    doc = decode(Path("t.yaml"), raw)
    assert (doc.problems, doc.bom, doc.newline) == ([], True, "\r\n")
    assert doc.text == LEDGER.replace("\n", "\r\n")
    plain = decode(Path("t.yaml"), LEDGER.encode("utf-8"))
    assert (plain.bom, plain.newline) == (False, "\n")
    assert encode(doc, "a") == b"\xef\xbb\xbfa"
    assert encode(plain, "a") == b"a"


def test_gbk_is_recognised_and_placed_in_characters() -> None:
    raw = "schema: 1\nledger:\n  id: 测试 台账\n".encode("gb18030")
    doc = decode(Path("t.yaml"), raw)
    assert [(p.code, p.key, p.line, p.column) for p in doc.problems] == [("R101", "R101.gbk", 3, 7)]
    # The text is kept, decoded as GB18030, only so the excerpt shows the line.
    assert doc.line_text(3) == "  id: 测试 台账"


def test_valid_utf8_before_the_bad_byte_counts_as_characters() -> None:
    raw = "ledger:\n  title: 台账\xe9".encode() + b"\xff\n"
    doc = decode(Path("t.yaml"), raw)
    assert [(p.key, p.line, p.column) for p in doc.problems] == [("R101", 2, 13)]


@pytest.mark.parametrize(
    "raw",
    [
        "schema: 1\n".encode("utf-16-le"),
        "schema: 1\n".encode("utf-16"),
        "schema: 1\n".encode("utf-16-be"),
        b"PK\x03\x04" + bytes(30),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(30),  # an old .xls/.doc
    ],
)
def test_binary_and_utf16_files(raw: bytes) -> None:
    doc = decode(Path("t.yaml"), raw)
    assert [(p.code, p.key, p.line, p.column) for p in doc.problems] == [
        ("R101", "R101.binary", 1, 1)
    ]
    assert doc.text == ""


def test_unreadable_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileError) as missing:
        load_document(tmp_path / "nope.yaml")
    assert missing.value.exit_code is ExitCode.IO
    assert missing.value.message("en") == f"no such file or folder: {tmp_path / 'nope.yaml'}"
    with pytest.raises(FileError) as folder:
        load_document(tmp_path)
    assert folder.value.key == "error.read_failed"


# --- parsing: values and where they stand -----------------------------------------------------


def test_values_and_positions() -> None:
    doc = parse(LEDGER)
    assert doc.problems == []
    assert doc.data["ledger"]["assigned_on"] == dt.date(2024, 7, 10)
    issue = doc.data["issues"][0]
    assert issue["completion"] == 74.4
    assert issue["co_units"] == ["市民政局", "市财政局"]
    assert issue["progress"][0] == {"date": dt.date(2024, 11, 15), "note": "进展"}
    assert doc.keys[("ledger", "title")] == Pos(4, 3)
    assert doc.values[("ledger", "title")] == Pos(4, 10)
    assert doc.keys[("issues", 0)] == Pos(7, 5)
    assert doc.values[("issues", 0, "co_units", 1)] == Pos(9, 22)
    assert doc.values[("issues", 0, "progress", 0, "note")] == Pos(13, 15)
    # Unknown places fall back to the nearest parent.
    assert doc.key_pos(("issues", 0, "deadline")) == Pos(7, 5)
    assert doc.value_pos(("issues", 0, "deadline")) == Pos(7, 5)
    assert doc.key_pos(()) == Pos(1, 1)
    assert (doc.line_text(4), doc.line_text(0), doc.line_text(99)) == ("  title: 测试台账", "", "")


def test_scalars_keep_yaml_types_and_impossible_dates_stay_text() -> None:
    doc = parse("a: 2024-02-30\nb: 2024-02-29\nc: 007\nd: ~\ne: yes\nf: '1'\ng: !!str 5\nh: 1.50\n")
    assert doc.problems == []
    assert doc.data == {
        "a": "2024-02-30",
        "b": dt.date(2024, 2, 29),
        "c": 7,
        "d": None,
        "e": True,
        "f": "1",
        "g": "5",
        "h": 1.5,
    }


def test_empty_documents() -> None:
    for text in ("", " \n\t\n", "# 注释\n", "---\n", "~\n", "null\n", "--- \n...\n"):
        assert problems(parse(text)) == [("R104", 1, 1)], repr(text)


def test_two_documents_are_a_syntax_error() -> None:
    doc = parse("schema: 1\n---\nschema: 1\n")
    assert problems(doc) == [("R102", 2, 1)]
    assert doc.problems[0].params == {
        "detail": "expected a single document in the stream, but found another document"
    }


def test_duplicate_keys_keep_the_first_and_name_both_lines() -> None:
    doc = parse("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert [(p.code, p.line, p.params) for p in doc.problems] == [
        ("R107", 4, {"name": "c", "first": 3}),
        ("R107", 5, {"name": "a", "first": 1}),
    ]


def test_non_text_keys() -> None:
    doc = parse("? [a]\n: 1\n? {b: 1}\n: 2\n1: ok\n")
    assert problems(doc) == [("R110", 1, 3), ("R110", 3, 3)]
    assert doc.data == {"1": "ok"}


# --- parsing: nothing but data ----------------------------------------------------------------


def test_python_tags_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
        f"b: !!python/object/new:subprocess.check_output [[touch, {marker}]]\n"
        "c: !!python/name:os.system\n"
        f"d: !!python/object/apply:subprocess.call\n  args: [[touch, {marker}]]\n"
    )
    doc = parse(text)
    assert [(p.code, p.line, p.params["tag"]) for p in doc.problems] == [
        ("R108", 1, "!!python/object/apply:os.system"),
        ("R108", 2, "!!python/object/new:subprocess.check_output"),
        ("R108", 3, "!!python/name:os.system"),
        ("R108", 4, "!!python/object/apply:subprocess.call"),
    ]
    assert doc.data == {"a": [], "b": [], "c": None, "d": {}}
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !foo x\n", "!foo"),
        ("a: !<tag:example.com,2024:x> 1\n", "tag:example.com,2024:x"),
        ("a: !!set {x}\n", "!!set"),
        ("a: !!omap [x: 1]\n", "!!omap"),
        ("%TAG !e! tag:example.com,2024:\n---\na: !e!x 1\n", "tag:example.com,2024:x"),
    ],
)
def test_other_tags_are_refused(text: str, tag: str) -> None:
    doc = parse(text)
    assert [(p.code, p.params) for p in doc.problems] == [("R108", {"tag": tag})]


def test_anchors_and_aliases_are_refused_but_text_with_ampersands_is_not() -> None:
    assert problems(parse("a: &x 1\nb: *x\n")) == [("R109", 1, 4)]
    assert problems(parse("a:\n  - 1\n  - &y [2]\n")) == [("R109", 3, 5)]
    plain = parse("a: R&D 与 *号\nb: '&x'\nc: \"*y\"\nd: a*b\n")
    assert plain.problems == []
    assert plain.data == {"a": "R&D 与 *号", "b": "&x", "c": "*y", "d": "a*b"}


def _alias_bomb(levels: int = 12) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * 10) + "]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    return "schema: 1\n" + "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_fast_and_flat() -> None:
    text = _alias_bomb()  # 10**12 strings if it were ever expanded
    started = time.process_time()
    doc = parse(text)
    elapsed = time.process_time() - started
    assert problems(doc) == [("R109", 2, 5)]
    assert doc.data is None and doc.root is None
    assert elapsed < 0.5
    tracemalloc.start()
    try:
        parse(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_alias_bomb_late_in_a_long_file_is_still_flat() -> None:
    filler = "".join(f"k{n}: 第{n}行\n" for n in range(20000))
    text = filler + _alias_bomb().removeprefix("schema: 1\n")
    tracemalloc.start()
    try:
        doc = parse(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problems(doc) == [("R109", 20001, 5)]
    assert peak < 20 * 1024 * 1024


def test_deep_nesting_is_refused_not_a_crash() -> None:
    ok = parse("x-deep: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert ok.problems == []
    deep = parse("x: " + "[" * 500 + "]" * 500 + "\n")
    assert [(p.code, p.params) for p in deep.problems] == [
        ("R102", {"detail": "exceeded maximum nesting depth"})
    ]
    mapping = parse("".join("  " * n + f"k{n}:\n" for n in range(100)))
    assert [p.code for p in mapping.problems] == ["R102"]


def test_tabs_and_syntax_errors() -> None:
    tab = parse("a:\n\tb: 1\n")
    assert problems(tab) == [("R103", 2, 1)]
    colon = parse("a:\n  b: c: d\n")
    assert problems(colon) == [("R102", 2, 7)]
    assert colon.problems[0].params == {"detail": "mapping values are not allowed in this context"}
    quote = parse("a: 'x\nb: 1\n")
    assert problems(quote) == [("R102", 1, 4)]


# --- finding ledger files ---------------------------------------------------------------------


def test_ledger_files(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.YML", "sub/c.yml", ".git/x.yaml", "sub/.hidden/d.yaml", "e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = ledger_files([tmp_path, tmp_path / "b.yaml", tmp_path / "e.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.YML",
        "b.yaml",
        "sub/c.yml",
        "e.txt",  # a file named outright is read, whatever its name
    ]
    with pytest.raises(FileError) as missing:
        ledger_files([tmp_path / "nope"])
    assert missing.value.key == "error.no_such_path"
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileError) as empty:
        ledger_files([tmp_path / "empty"])
    assert (empty.value.key, empty.value.exit_code) == ("error.no_ledgers", ExitCode.IO)


# --- writing ----------------------------------------------------------------------------------


def test_atomic_write_creates_and_replaces_keeping_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    atomic_write(path, "第一版\n".encode())
    assert path.read_text(encoding="utf-8") == "第一版\n"
    os.chmod(path, 0o640)
    atomic_write(path, "第二版\n".encode())
    assert path.read_text(encoding="utf-8") == "第二版\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_failed_replace_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old\n")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(FileError) as caught:
        atomic_write(path, b"new\n")
    assert caught.value.message("en") == f"cannot write {path}: No space left on device"
    assert path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old\n")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_atomic_write_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileError) as caught:
        atomic_write(tmp_path / "no" / "a.yaml", b"x")
    assert caught.value.key == "error.write_failed"


def test_lock_serialises_threads(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("0", encoding="utf-8")
    spans: list[tuple[float, float]] = []

    def bump() -> None:
        with locked(path):
            start = time.monotonic()
            value = int(path.read_text(encoding="utf-8"))
            time.sleep(0.01)
            path.write_text(str(value + 1), encoding="utf-8")
            spans.append((start, time.monotonic()))

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert path.read_text(encoding="utf-8") == "8"
    spans.sort()
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


def test_lock_times_out_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with locked(path):
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(5)
        with pytest.raises(FileError) as caught, locked(path, timeout=0.1):
            pass
        assert caught.value.message("en") == (
            f"{path} is being changed by another rectify process; try again in a moment"
        )
    finally:
        release.set()
        holder.join()
    with locked(path, timeout=0.1):  # free again
        pass


_WORKER = """
import sys, time
from pathlib import Path
from rectify.ledger.files import locked
path, log, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
with locked(path):
    with log.open("a", encoding="utf-8") as f:
        f.write(f"start {name}\\n")
    time.sleep(0.2)
    with log.open("a", encoding="utf-8") as f:
        f.write(f"end {name}\\n")
"""


def test_lock_serialises_processes(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    log = tmp_path / "log.txt"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(path), str(log), str(n)],
            env=env,
        )
        for n in range(4)
    ]
    assert [w.wait(timeout=60) for w in workers] == [0, 0, 0, 0]
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8
    # Every start is followed by the end of the same process: no two held the lock at once.
    pairs = [(lines[i], lines[i + 1]) for i in range(0, 8, 2)]
    assert all(a == "start " + b.split()[1] and b.startswith("end ") for a, b in pairs)
    assert sorted(a.split()[1] for a, _ in pairs) == ["0", "1", "2", "3"]
