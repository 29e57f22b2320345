"""A big ledger composed one issue at a time gives what the whole parse gives, problems too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from rectify.ledger.check import check_document
from rectify.ledger.yaml import Document, issue_spans, parse_into, parse_streamed, parse_text

DAY = dt.date(2025, 2, 1)


def _ledger(count: int = 120) -> str:
    from benchmarks.generate import ledger_text  # type: ignore[import-not-found,unused-ignore]

    return str(ledger_text(count))


def _both(text: str) -> tuple[Document, Document, object]:
    whole = parse_text(Path("big.yaml"), text)
    streamed = Document(path=Path("big.yaml"), text=text)
    spans = parse_streamed(streamed)
    return whole, streamed, spans


def _problems(doc: Document) -> list[tuple[int, int, str, str]]:
    _, found = check_document(doc, as_of=DAY)
    return [(p.line, p.column, p.code, p.key) for p in found]


def test_streamed_matches_the_whole_parse_data_spans_and_every_problems_place() -> None:
    text = _ledger()
    # A comment between two issues, a problem deep in one (a progress entry's completion)
    # and one at an issue's top (an unknown key).
    text = text.replace("  - id: BM-000050\n", "  # 第二批\n  - id: BM-000050\n    colour: red\n")
    text = text.replace("        completion: 10\n", "        completion: 十\n", 1)
    whole, streamed, spans = _both(text)
    assert spans is not None
    assert streamed.data == whole.data
    assert spans == issue_spans(whole)
    found = _problems(streamed)
    assert found == _problems(whole)
    codes = {code for _, _, code, _ in found}
    assert {"R402", "R201"} <= codes  # silence warnings and the unknown key
    line = text.split("\n").index("    colour: red") + 1
    assert (line, 5) in {(a, b) for a, b, code, _ in found if code == "R201"}


@pytest.mark.parametrize(
    "change",
    [
        # a quoted title running on to a line that looks like the next issue
        ("    title: 社区", '    title: "社区\n  - 养老"\n    x-note: 社区'),
        ("    owner: 张", "    owner: 李\n    owner: 张"),  # a key twice
        ("issues:\n", "issues: &a\n"),  # an anchor
        ("    source:", "  source:"),  # not the plain layout
    ],
)
def test_anything_unusual_is_left_to_the_whole_parse(change: tuple[str, str]) -> None:
    text = _ledger(5).replace(*change, 1)
    streamed = Document(path=Path("big.yaml"), text=text)
    assert parse_streamed(streamed) is None
    assert streamed.data is None and streamed.problems == []


def test_load_reads_a_big_file_one_issue_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectify.ledger import load, yaml

    path = tmp_path / "big.yaml"
    path.write_text(_ledger(), encoding="utf-8")
    calls: list[int] = []
    real = yaml.stream_issues

    def spy(doc: Document) -> object:
        calls.append(1)
        return real(doc)

    monkeypatch.setattr(load, "STREAM_AT", 1000)
    monkeypatch.setattr(load, "stream_issues", spy)
    small = load.load([path], as_of=DAY, cache=False)
    monkeypatch.setattr(load, "STREAM_AT", 10**9)
    whole = load.load([path], as_of=DAY, cache=False)
    assert calls == [1]
    assert small.ledgers[0].ledger == whole.ledgers[0].ledger
    assert [(p.line, p.column, p.code) for p in small.problems] == [
        (p.line, p.column, p.code) for p in whole.problems
    ]
    assert len(small.problems) > 10


def test_parse_into_is_unchanged_for_the_edit_path() -> None:
    doc = Document(path=Path("a.yaml"), text=_ledger(3))
    parse_into(doc)
    assert doc.root is not None


def _dash_at_left_edge(text: str) -> str:
    head, body = text.split("issues:\n", 1)
    return head + "issues:\n" + "".join(line[2:] + "\n" for line in body.split("\n")[:-1])


@pytest.mark.parametrize(
    "layout",
    [
        lambda text: text.replace("\n", "\r\n"),  # Windows line ends
        lambda text: text + "x-meta: 1\n# end\n",  # keys and a comment after the list
        lambda text: text + "...\n",  # the end of the document written out
        lambda text: _dash_at_left_edge(text) + "x-end: 1\n",  # items at the left edge
        lambda text: text.replace(  # one issue written as a flow mapping
            "  - id: BM-000003\n",
            "  - {id: BM-X, title: 标题, lead_unit: 市民政局, deadline: 2024-12-31}\n"
            "  - id: BM-000003\n",
        ),
    ],
)
def test_other_plain_layouts_stream_alike(layout: Any) -> None:
    text = layout(_ledger(30))
    whole, streamed, spans = _both(text)
    assert spans is not None
    assert streamed.data == whole.data
    assert spans == issue_spans(whole)
    assert _problems(streamed) == _problems(whole)


def _read_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, list[int]]:
    """``path`` loaded batch-wise (200 issues a batch, each let go once checked) and whole;
    and how many issues' values were held at once, at each batch of the first."""
    from rectify.ledger import load, yaml

    held: list[int] = []
    real = yaml.IssueStream.batches

    def spy(self: yaml.IssueStream, *, keep: bool = False) -> Any:
        for batch in real(self, keep=keep):
            held.append(sum(issue is not None for issue in self.issues))
            yield batch

    monkeypatch.setattr(yaml.IssueStream, "batches", spy)
    monkeypatch.setattr(load, "STREAM_AT", 1000)
    batched = load.load([path], as_of=DAY, cache=False)
    monkeypatch.setattr(load, "STREAM_AT", 10**9)
    whole = load.load([path], as_of=DAY, cache=False)
    return batched, whole, held


def _every_detail(loaded: Any) -> list[tuple[Any, ...]]:
    return [
        (str(p.path), p.line, p.column, p.code, p.key, p.params, p.severity, p.issue_id)
        for p in loaded.problems
    ]


def test_a_ledger_checked_batch_wise_reports_every_problem_of_the_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _ledger(450)  # batches of 200, 200 and 50 issues
    # An id of the first batch again in the last, and problems in the first and the last:
    # an unknown key, a date that is no date, a number where text belongs (quoting hint).
    text = text.replace("  - id: BM-000420\n", "  - id: BM-000007\n")
    text = text.replace("  - id: BM-000003\n", "  - id: BM-000003\n    colour: red\n")
    text = text.replace("  - id: BM-000445\n", "  - id: BM-000445\n    planned_on: 2024-02-30\n")
    text = text.replace("  - id: BM-000450\n", "  - id: BM-000450\n    category: 007\n")
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    batched, whole, held = _read_both_ways(path, monkeypatch)
    assert held == [200, 200, 50]  # never more than one batch's values at a time
    assert _every_detail(batched) == _every_detail(whole)
    lines = text.split("\n")
    found = {(p.code, p.line, p.column): p for p in batched.problems}
    first = lines.index("  - id: BM-000007") + 1
    again = lines.index("  - id: BM-000007", first) + 1
    assert found[("R301", again, 9)].params["first"] == first
    assert ("R201", lines.index("    colour: red") + 1, 5) in found
    assert ("R204", lines.index("    planned_on: 2024-02-30") + 1, 17) in found
    quoted = found[("R203", lines.index("    category: 007") + 1, 15)]
    assert (quoted.key, quoted.params["raw"]) == ("R203.quote", "007")
    assert batched.ledgers == []


def test_a_ledger_read_batch_wise_gives_the_whole_reads_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Any
) -> None:
    from rectify.ledger import load

    text = _ledger(450).replace("  - id: BM-000449\n", "  - id: BM-000449\n    x-note: 末批\n")
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    batched, whole, held = _read_both_ways(path, monkeypatch)
    assert held == [200, 200, 50]
    assert batched.ledgers[0].ledger == whole.ledgers[0].ledger
    assert batched.ledgers[0].ledger.issues[448].extensions == {"x-note": "末批"}
    # Texts written often are one object each; written back by PyYAML they are no aliases.
    import yaml as pyyaml

    values = [
        [issue.lead_unit, issue.owner, issue.assigned_on, *(e.date for e in issue.progress)]
        for issue in batched.ledgers[0].ledger.issues
    ]
    dumped = pyyaml.safe_dump(values, allow_unicode=True)
    assert "&id" not in dumped and "*id" not in dumped
    assert _every_detail(batched) == _every_detail(whole)
    assert len(batched.problems) > 100  # the silence warnings of the last batch too
    assert max(p.line for p in batched.problems) > text[: text.index("BM-000401")].count("\n")
    shown = []
    for stream_at in (1000, 10**9):
        monkeypatch.setattr(load, "STREAM_AT", stream_at)
        result = run("status", str(path), "--as-of", DAY.isoformat(), "--format", "json")
        assert result.exit_code == 0, result.stdout + result.stderr
        shown.append(result.stdout)
    assert shown[0] == shown[1]
    figures = json.loads(shown[0])
    assert (figures["total"], figures["overdue"] > 0) == (450, True)


def test_a_key_twice_in_the_last_batch_leaves_the_file_to_the_whole_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _ledger(450).replace("  - id: BM-000449\n", "  - id: BM-000449\n    owner: 李\n")
    text = text.replace("  - id: BM-000003\n", "  - id: BM-000003\n    colour: red\n")
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    batched, whole, held = _read_both_ways(path, monkeypatch)
    assert held == [200, 200]  # the third batch found the key twice: read whole instead
    assert _every_detail(batched) == _every_detail(whole)
    codes = [p.code for p in batched.problems]
    assert codes.count("R107") == 1 and "R201" in codes
