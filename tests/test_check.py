"""The rules of format v1 without the command line: check_document, check_rollup, the loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ledger_text
from rectify.errors import LedgerProblems, Problem, Severity
from rectify.ledger.check import CODES, check_document, check_rollup
from rectify.ledger.load import load, load_one, load_valid
from rectify.ledger.yaml import parse_text
from rectify.model import Status
from rectify.suggest import closest

AS_OF = dt.date(2024, 11, 30)

HEADER = ledger_text()
ISSUE_HEAD = "  - id: T-001\n    title: t\n    lead_unit: u\n"  # lines 7-9


def check(text: str, as_of: dt.date = AS_OF) -> tuple[object, list[Problem]]:
    return check_document(parse_text(Path("t.yaml"), text), as_of=as_of)


def found(text: str, as_of: dt.date = AS_OF) -> list[tuple[str, int, int]]:
    """The errors found (an issue with no progress also gets the R402 warning; not news here)."""
    _, problems = check(text, as_of)
    return [(p.code, p.line, p.column) for p in problems if p.severity is Severity.ERROR]


def issue(body: str) -> str:
    return HEADER + ISSUE_HEAD + body


def test_a_good_ledger_gives_its_model() -> None:
    ledger, problems = check(
        issue(
            "    deadline: 2024-12-31\n    status: in_progress\n    completion: 74.4\n"
            "    progress:\n      - date: 2024-11-20\n        completion: 74.4\n"
            "    x-备注: 保留\n"
        )
    )
    assert problems == []
    assert ledger is not None
    item = ledger.issues[0]  # type: ignore[attr-defined]
    assert (item.id, item.status, item.completion, item.deadline) == (
        "T-001",
        Status.IN_PROGRESS,
        74.4,
        dt.date(2024, 12, 31),
    )
    assert item.extensions == {"x-备注": "保留"}


def test_problem_carries_place_key_params_and_both_languages() -> None:
    ledger, problems = check(
        issue("    deadline: 2024-12-31\n    status: rectified\n    completion: 90\n")
    )
    assert ledger is None
    r303, r304 = sorted(problems, key=lambda p: p.code)
    assert (r303.path, r303.line, r303.column, r303.code, r303.issue_id) == (
        Path("t.yaml"),
        12,
        17,
        "R303",
        "T-001",
    )
    assert r303.severity is Severity.ERROR
    assert r303.params == {"status": "rectified", "completion": "90"}
    assert r303.message("en") == "an issue with status rectified must have completion 100, not 90"
    assert r303.message("zh") == "状态为 rectified 的问题完成进度应为 100，这里是 90"
    assert r303.hint("zh") == "用 rectify done 标记整改完成，或把状态改回 in_progress"
    assert r304.message("en") == "an issue with status rectified needs rectified_on"


def test_closed_and_dismissed_need_their_records() -> None:
    _, closed = check(
        issue(
            "    deadline: 2024-12-31\n    status: closed\n    completion: 100\n"
            "    rectified_on: 2024-11-01\n    verification: {by: 市人大}\n"
        )
    )
    assert [(p.code, p.message("zh")) for p in closed] == [
        ("R305", "已销号（closed）的问题需要验收信息 verification.by 和 verification.date")
    ]
    _, dismissed = check(issue("    deadline: 2024-12-31\n    status: dismissed\n"))
    assert [(p.code, p.message("en")) for p in dismissed] == [
        ("R306", "a dismissed issue needs reason and dismissed_on")
    ]
    ok, none = check(
        issue(
            "    deadline: 2024-12-31\n    status: dismissed\n    reason: 不属于本级事权\n"
            "    dismissed_on: 2024-08-01\n"
        )
    )
    assert (ok is not None, none) == (True, [])


def test_issue_assigned_on_overrides_the_header() -> None:
    body = "    assigned_on: 2024-09-01\n    deadline: 2024-08-31\n"
    assert found(issue(body)) == [("R313", 11, 15)]
    _, problems = check(issue(body))
    assert problems[-1].message("en") == (
        "the deadline 2024-08-31 is before the assignment date 2024-09-01"
    )
    # With a deadline change the deadline may move anywhere the changes say.
    moved = (
        "    deadline: 2024-08-31\n    deadline_changes:\n"
        "      - date: 2024-07-20\n        from: 2024-12-31\n        to: 2024-08-31\n"
    )
    assert found(issue(moved), dt.date(2024, 8, 1)) == []


def test_no_assignment_date_anywhere() -> None:
    text = "schema: 1\nledger:\n  id: t\n  title: t\nissues:\n" + ISSUE_HEAD.replace("T-001", "T-9")
    text += "    deadline: 2024-12-31\n    status: rectified\n    completion: 100\n"
    text += "    rectified_on: 2024-10-01\n"
    _, problems = check(text)
    assert [(p.code, p.line, p.message("en")) for p in problems] == [
        (
            "R312",
            6,
            "no assignment date: set assigned_on on the issue or in the ledger header",
        )
    ]


def test_a_broken_header_still_lends_its_date_to_the_issues() -> None:
    text = HEADER.replace("  title: 测试台账\n", "") + ISSUE_HEAD + "    deadline: 2024-07-01\n"
    assert found(text) == [("R202", 2, 1), ("R313", 9, 15)]


def test_completion_must_match_the_last_entry_while_pending() -> None:
    body = (
        "    deadline: 2024-12-31\n    status: {status}\n    completion: {completion}\n"
        "{extra}    progress:\n      - date: 2024-11-20\n        completion: 80\n"
    )
    pending = body.format(status="in_progress", completion=60, extra="")
    assert found(issue(pending)) == [("R309", 12, 17)]
    _, problems = check(issue(pending))
    assert problems[0].message("en") == "completion is 60 but the last progress entry says 80"
    done = body.format(status="rectified", completion=100, extra="    rectified_on: 2024-11-25\n")
    assert found(issue(done)) == []


def test_deadline_changes_chain() -> None:
    chained = (
        "    deadline: 2025-06-30\n    deadline_changes:\n"
        "      - date: 2024-10-01\n        from: 2024-09-30\n        to: 2024-12-31\n"
        "      - date: 2024-11-01\n        from: 2024-12-31\n        to: 2025-06-30\n"
        "    status: in_progress\n    completion: 10\n"
        "    progress:\n      - date: 2024-11-20\n        completion: 10\n"
    )
    assert found(issue(chained)) == []
    broken = chained.replace("from: 2024-12-31", "from: 2024-12-30")
    _, problems = check(issue(broken))
    assert [(p.code, p.line, p.message("en")) for p in problems] == [
        (
            "R310",
            16,
            "this deadline change's from 2024-12-30 should be the previous change's to 2024-12-31",
        )
    ]


def test_dates_before_assignment_are_named() -> None:
    body = (
        "    deadline: 2024-12-31\n    status: closed\n    completion: 100\n"
        "    rectified_on: 2024-07-05\n"
        "    verification: {by: 市人大, date: 2024-07-06}\n"
    )
    _, problems = check(issue(body))
    assert [(p.code, p.line, p.message("en")) for p in problems] == [
        ("R307", 13, "rectified_on 2024-07-05 is before the assignment date 2024-07-10"),
        ("R307", 14, "verification.date 2024-07-06 is before the assignment date 2024-07-10"),
    ]


def test_progress_going_down_is_a_warning() -> None:
    body = (
        "    deadline: 2025-06-30\n    status: in_progress\n    completion: 30\n"
        "    progress:\n      - date: 2024-11-01\n        completion: 40\n"
        "      - date: 2024-11-20\n        completion: 30\n"
    )
    ledger, problems = check(issue(body))
    assert ledger is not None  # warnings do not stop the ledger from loading
    assert [(p.code, p.severity) for p in problems] == [("R401", Severity.WARNING)]


@pytest.mark.parametrize(
    ("last", "as_of", "silent"),
    [
        ("2024-10-30", "2024-11-30", False),  # exactly a month
        ("2024-10-29", "2024-11-30", True),
        ("2024-02-29", "2024-03-31", False),  # a month before March 31 is February 29
        ("2024-02-28", "2024-03-31", True),
        ("2023-12-15", "2024-01-15", False),
        ("2023-12-14", "2024-01-15", True),
    ],
)
def test_no_progress_for_a_month(last: str, as_of: str, silent: bool) -> None:
    body = (
        "    assigned_on: 2023-07-01\n    deadline: 2025-06-30\n    status: in_progress\n"
        f"    completion: 40\n    progress:\n      - date: {last}\n        completion: 40\n"
    )
    codes = [p.code for p in check(issue(body), dt.date.fromisoformat(as_of))[1]]
    assert codes == (["R402"] if silent else [])


def test_no_progress_counts_from_the_last_entry_before_as_of() -> None:
    body = (
        "    deadline: 2025-06-30\n    status: in_progress\n    completion: 50\n"
        "    progress:\n      - date: 2024-08-01\n        completion: 20\n"
        "      - date: 2024-11-20\n        completion: 50\n"
    )
    _, problems = check(issue(body), dt.date(2024, 9, 15))
    assert [(p.code, p.line, p.params) for p in problems] == [
        ("R402", 14, {"date": dt.date(2024, 8, 1)})
    ]
    assert check(issue(body), AS_OF)[1] == []


def test_never_reported_counts_from_assignment() -> None:
    body = "    deadline: 2025-06-30\n"
    _, problems = check(issue(body))
    assert [(p.code, p.key, p.line, p.column) for p in problems] == [("R402", "R402.none", 7, 9)]
    assert problems[0].message("zh") == "交办日期是 2024-07-10，已超过一个月没有报告进展"
    assert check(issue(body), dt.date(2024, 8, 10))[1] == []
    closed = (
        "    deadline: 2025-06-30\n    status: rectified\n    completion: 100\n"
        "    rectified_on: 2024-08-01\n"
    )
    assert check(issue(closed))[1] == []


def test_rectified_on_while_pending_is_a_warning() -> None:
    body = (
        "    deadline: 2025-06-30\n    status: in_progress\n    completion: 40\n"
        "    rectified_on: 2024-11-01\n    progress:\n      - date: 2024-11-20\n"
        "        completion: 40\n"
    )
    _, problems = check(issue(body))
    assert [(p.code, p.severity, p.message("en")) for p in problems] == [
        ("R403", Severity.WARNING, "status is in_progress but rectified_on is set")
    ]


def test_duplicate_key_still_runs_the_rules_but_gives_no_ledger() -> None:
    text = issue("    deadline: 2024-12-31\n    deadline: 2025-01-31\n    status: finished\n")
    ledger, problems = check(text)
    assert ledger is None
    assert [(p.code, p.line) for p in problems] == [("R107", 11), ("R205", 12)]
    assert problems[1].message("en") == "finished is not a valid status: did you mean rectified?"


def test_unknown_keys_by_english_and_chinese_name() -> None:
    _, problems = check(issue("    整改时限: 2024-12-31\n    deadline: 2024-12-31\n"))
    assert [(p.code, p.key, p.params) for p in problems if p.code == "R201"] == [
        ("R201", "R201.suggest", {"name": "整改时限", "suggestion": "deadline"}),
    ]
    _, others = check(HEADER.replace("schema: 1\n", "schema: 1\nfoo: 1\n") + ISSUE_HEAD)
    assert [(p.line, p.key, p.message("en")) for p in others if p.code == "R201"] == [
        (2, "R201", "unknown key foo")
    ]


def test_closest() -> None:
    assert closest("deadlin", ["deadline", "title"]) == "deadline"
    assert closest("lead-unit", ["lead_unit", "co_units"]) == "lead_unit"
    assert closest("zzz", ["deadline", "title"]) is None


def test_codes_and_their_severity() -> None:
    assert [c for c, s in CODES.items() if s is Severity.WARNING] == [
        "R401",
        "R402",
        "R403",
        "R404",
        "R405",
        "R406",
        "R410",
    ]
    assert all(code[1] in "123" for code, s in CODES.items() if s is Severity.ERROR)
    contract = [f"R3{n:02d}" for n in range(1, 14)]
    assert all(code in CODES for code in contract)


def test_rollup_names_the_other_file() -> None:
    docs = [parse_text(Path(name), HEADER) for name in ("a.yaml", "b.yaml", "c.yaml")]
    pairs = []
    for doc in docs:
        ledger, problems = check_document(doc, as_of=AS_OF)
        assert problems == [] and ledger is not None
        pairs.append((doc, ledger.ledger.id))
    problems = check_rollup(pairs)
    assert [(str(p.path), p.line, p.column, p.params["other"]) for p in problems] == [
        ("b.yaml", 3, 7, "a.yaml"),
        ("c.yaml", 3, 7, "a.yaml"),
    ]


# --- the loader -------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    good = HEADER + ISSUE_HEAD + "    deadline: 2024-12-31\n    status: rectified\n"
    good += "    completion: 100\n    rectified_on: 2024-11-01\n"
    (tmp_path / "a-good.yaml").write_text(good, encoding="utf-8")
    warned = good.replace("t-2024", "t-warned").replace(
        "    rectified_on: 2024-11-01\n", "    rectified_on: 2024-11-01\n    x-ok: 1\n"
    )
    warned = warned.replace("status: rectified", "status: in_progress").replace(
        "completion: 100", "completion: 0"
    )
    (tmp_path / "b-warned.yml").write_text(warned, encoding="utf-8")
    (tmp_path / "c-bad.yaml").write_text(good.replace("t-2024", "t-bad") + "  - 1\n", "utf-8")
    return tmp_path


def test_load_collects_everything(folder: Path) -> None:
    loaded = load([folder], as_of=AS_OF)
    assert [p.name for p in loaded.files] == ["a-good.yaml", "b-warned.yml", "c-bad.yaml"]
    assert [item.ledger.ledger.id for item in loaded.ledgers] == ["t-2024", "t-warned"]
    assert [(p.path.name, p.code) for p in loaded.errors] == [("c-bad.yaml", "R203")]
    assert sorted((p.path.name, p.code) for p in loaded.warnings) == [
        ("b-warned.yml", "R402"),
        ("b-warned.yml", "R403"),
    ]
    assert loaded.issue_count() == 2


def test_load_valid_raises_on_errors_only(folder: Path) -> None:
    with pytest.raises(LedgerProblems) as caught:
        load_valid([folder], as_of=AS_OF)
    assert [p.code for p in caught.value.problems] == ["R203"]
    assert caught.value.message("en") == (
        "the ledgers have 1 error(s); run rectify check to see and fix them"
    )
    (folder / "c-bad.yaml").unlink()
    assert [item.path.name for item in load_valid([folder], as_of=AS_OF)] == [
        "a-good.yaml",
        "b-warned.yml",
    ]


def test_load_one(folder: Path) -> None:
    assert load_one(folder / "b-warned.yml", as_of=AS_OF).ledger.ledger.id == "t-warned"
    with pytest.raises(LedgerProblems) as caught:
        load_one(folder / "c-bad.yaml", as_of=AS_OF)
    assert [(p.code, p.line) for p in caught.value.problems] == [("R203", 14)]
    (folder / "d.yaml").write_bytes("schema: 1\nledger: 台账\n".encode("gb18030"))
    with pytest.raises(LedgerProblems) as encoded:
        load_one(folder / "d.yaml", as_of=AS_OF)
    assert [p.key for p in encoded.value.problems] == ["R101.gbk"]
