"""The sign-off review (销号审核): apply, return, approve; evidence with its SHA-256.

A month already reported keeps its figures at every step: applied in October,
returned in November, rectified and applied again, approved in December.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import RunCli, ledger_text, ok
from conftest import issue_fields as issue
from rectify.changes import ops
from rectify.errors import DataError
from rectify.figures.diff import Kind, diff_issue
from rectify.figures.state import Item, issue_as_of, review_on
from rectify.figures.tally import figures
from rectify.ledger.check import check_document
from rectify.ledger.yaml import parse_text
from rectify.model import Evidence, Ledger, Status, Step
from rectify.output.timeline import timeline

D = dt.date
LIST_DATE = "2024-07-10"


def ledger(*issues: dict[str, Any]) -> Ledger:
    header = {"id": "t-2024", "title": "清单", "assigned_on": D(2024, 7, 10)}
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": list(issues)})


def rectified() -> dict[str, Any]:
    return issue(
        "T-001",
        status="rectified",
        completion=100,
        rectified_on=D(2024, 10, 15),
        progress=[{"date": D(2024, 10, 15), "completion": 100}],
    )


def the_cycle() -> list[Ledger]:
    """The ledger after each step: applied 10-20, returned 11-10, rectified again 12-02,
    applied again 12-03, approved 12-10."""
    steps = [ledger(rectified())]
    steps.append(ops.apply_signoff(steps[-1], "T-001", on=D(2024, 10, 20), note="已整改"))
    steps.append(
        ops.return_application(steps[-1], "T-001", on=D(2024, 11, 10), reason="佐证不全", by="委")
    )
    steps.append(ops.mark_done(steps[-1], "T-001", on=D(2024, 12, 2)))
    steps.append(ops.apply_signoff(steps[-1], "T-001", on=D(2024, 12, 3)))
    steps.append(ops.close(steps[-1], "T-001", by="委", on=D(2024, 12, 10)))
    return steps


MONTH_ENDS = [D(2024, 9, 30), D(2024, 10, 31), D(2024, 11, 30), D(2024, 12, 31)]


def _month(book: Ledger, day: dt.date) -> tuple[int, int, Step | None]:
    figs = figures([Item(book, book.issues[0])], day)
    return figs.rectified, figs.closed, review_on(book.issues[0], day)


# --- the pure steps -------------------------------------------------------------------------


def test_the_cycle_as_the_file_keeps_it() -> None:
    last = the_cycle()[-1].issues[0]
    assert [(s.date, s.step, s.by) for s in last.signoff] == [
        (D(2024, 10, 20), Step.APPLIED, "市住建局"),  # the lead unit by default
        (D(2024, 11, 10), Step.RETURNED, "委"),
        (D(2024, 12, 3), Step.APPLIED, "市住建局"),
        (D(2024, 12, 10), Step.APPROVED, "委"),
    ]
    assert last.signoff[1].reason == "佐证不全"
    assert (last.status, last.rectified_on) == (Status.CLOSED, D(2024, 12, 2))
    assert last.verification is not None and last.verification.date == D(2024, 12, 10)
    # the return is a reopening: the rectification it did not accept is kept, with its day
    assert [(r.date, r.note, r.rectified_on) for r in last.reopened] == [
        (D(2024, 11, 10), "佐证不全", D(2024, 10, 15))
    ]


def test_each_step_at_every_month_end_and_months_past_never_change() -> None:
    """Each month end as it was reported then, and as it is worked out again in January."""
    steps = the_cycle()
    expected = {
        D(2024, 9, 30): (0, 0, None),
        D(2024, 10, 31): (1, 0, Step.APPLIED),  # applied: still rectified, awaiting a decision
        D(2024, 11, 30): (0, 0, Step.RETURNED),  # returned: not rectified from 11-10 on
        D(2024, 12, 31): (1, 1, Step.APPROVED),
    }
    final = steps[-1]
    for day, wanted in expected.items():
        assert _month(final, day) == wanted, day
    # whatever step came later, no month ended before it moved
    taken = [D(2024, 10, 20), D(2024, 11, 10), D(2024, 12, 2), D(2024, 12, 3), D(2024, 12, 10)]
    for index, book in enumerate(steps[:-1]):
        for day in (day for day in MONTH_ENDS if day < taken[index]):
            assert all(_month(later, day) == _month(book, day) for later in steps[index:]), day
    assert _month(steps[2], D(2024, 10, 31)) == (1, 0, Step.APPLIED)  # after the return
    assert _month(steps[2], D(2024, 11, 30)) == (0, 0, Step.RETURNED)


def test_show_as_of_leaves_out_later_steps() -> None:
    final = the_cycle()[-1]
    shown = issue_as_of(Item(final, final.issues[0]), D(2024, 11, 30))
    assert [s.step for s in shown.signoff] == [Step.APPLIED, Step.RETURNED]
    assert shown.status is Status.IN_PROGRESS and shown.rectified_on is None


def test_refusals() -> None:
    book = ledger(issue("T-001", status="in_progress", completion=40))
    with pytest.raises(DataError) as caught:
        ops.apply_signoff(book, "T-001", on=D(2024, 11, 1))
    assert caught.value.key == "ops.apply.in_progress"
    with pytest.raises(DataError) as caught:
        ops.return_application(book, "T-001", on=D(2024, 11, 1), reason="x")
    assert caught.value.key == "ops.return.none"
    applied = ops.apply_signoff(ledger(rectified()), "T-001", on=D(2024, 10, 20))
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: ops.apply_signoff(applied, "T-001", on=D(2024, 10, 21)), "ops.apply.pending"),
        (lambda: ops.reopen(applied, "T-001", on=D(2024, 10, 21), note="x"), "ops.reopen.pending"),
        (
            lambda: ops.return_application(applied, "T-001", on=D(2024, 10, 19), reason="x"),
            "ops.signoff.before_last",
        ),
        (
            lambda: ops.apply_signoff(ledger(rectified()), "T-001", on=D(2024, 10, 1)),
            "ops.apply.before_rectified",
        ),
    ]
    for call, key in cases:
        with pytest.raises(DataError) as caught:
            call()
        assert caught.value.key == key
    # a sign-off without an application is as it always was: no step is written
    closed = ops.close(ledger(rectified()), "T-001", by="委", on=D(2024, 10, 30))
    assert closed.issues[0].signoff == [] and closed.issues[0].status is Status.CLOSED


def test_timeline_and_diff_show_each_step_once() -> None:
    steps = the_cycle()
    events = [(e.date, e.what) for e in timeline(D(2024, 7, 10), steps[-1].issues[0], "zh")]
    assert [what for day, what in events if day >= D(2024, 10, 15)] == [
        "进展",
        "整改完成",
        "申请销号",
        "退回",  # the return, not also 重新整改
        "进展",
        "整改完成",
        "申请销号",
        "验收销号",
    ]
    kinds = [
        [c.kind for c in diff_issue("t-2024", a.issues[0], b.issues[0])]
        for a, b in itertools.pairwise(steps)
    ]
    assert kinds == [
        [Kind.APPLIED],
        [Kind.RETURNED],
        [Kind.PROGRESS, Kind.RECTIFIED],
        [Kind.APPLIED],
        [Kind.CLOSED],
    ]


def test_a_whole_cycle_on_one_day_reads_in_the_order_it_happened() -> None:
    day = D(2024, 10, 15)
    book = ops.apply_signoff(ledger(rectified()), "T-001", on=day)
    book = ops.return_application(book, "T-001", on=day, reason="佐证不全", by="委")
    book = ops.mark_done(book, "T-001", on=day)
    book = ops.apply_signoff(book, "T-001", on=day)
    book = ops.close(book, "T-001", by="委", on=day)
    events = [(e.what, e.completion) for e in timeline(D(2024, 7, 10), book.issues[0], "zh")]
    assert events[1:] == [
        ("进展", "100.0%"),
        ("整改完成", ""),
        ("申请销号", ""),
        ("退回", ""),
        ("进展", "100.0%"),
        ("整改完成", ""),
        ("申请销号", ""),
        ("验收销号", ""),
    ]


def test_two_reports_at_100_then_done_on_one_day_stay_before_the_rectification() -> None:
    day = D(2024, 10, 15)
    book = ledger(issue("T-001", status="in_progress", completion=50))
    book = ops.update_progress(
        book, "T-001", on=day, completion=100, note=None, audit=ops.AuditFigures()
    )
    book = ops.mark_done(book, "T-001", on=day)  # no reopening that day: one cycle
    events = [(e.what, e.completion) for e in timeline(D(2024, 7, 10), book.issues[0], "zh")]
    assert events[1:] == [("进展", "100.0%"), ("进展", "100.0%"), ("整改完成", "")]


# --- the rules of the file ------------------------------------------------------------------


def problems(block: str) -> list[tuple[str, int]]:
    text = ledger_text(
        "  - id: T-001\n"
        "    title: 问题\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
        "    status: rectified\n"
        "    completion: 100\n"
        "    rectified_on: 2024-10-15\n" + block
    )
    _, found = check_document(parse_text(Path("t.yaml"), text), as_of=D(2024, 10, 31))
    return [(p.code, p.line) for p in found]


def test_rules_of_the_review() -> None:
    good = "    signoff:\n      - {date: 2024-10-20, step: applied}\n"
    assert problems(good) == []
    assert problems(
        "    signoff:\n"
        "      - {date: 2024-10-20, step: applied}\n"  # line 15
        "      - {date: 2024-10-19, step: returned}\n"  # 16: before the one before, no reason
        "      - {date: 2024-10-21, step: approved}\n"  # 17: answers no application
        "      - {date: 2024-10-22, step: applied}\n"
        "      - {date: 2024-10-23, step: applied}\n"  # 19: applied again while pending
    ) == [("R318", 16), ("R320", 16), ("R319", 17), ("R319", 19)]
    assert problems("    signoff:\n      - {date: 2024-10-20, step: finished}\n")[0][0] == "R205"
    closed_by_hand = problems(
        "    verification: {by: 委, date: 2024-10-25}\n"
        "    signoff:\n      - {date: 2024-10-20, step: applied}\n"
    ).copy()
    assert closed_by_hand == []  # status rectified here: the application awaits a decision
    wrong_status = ledger_text(
        "  - id: T-001\n    title: 问题\n    lead_unit: 市住建局\n    deadline: 2024-12-31\n"
        "    status: in_progress\n    completion: 50\n"
        "    signoff:\n      - {date: 2024-10-20, step: applied}\n"
    )
    _, found = check_document(parse_text(Path("t.yaml"), wrong_status), as_of=D(2024, 10, 31))
    assert [(p.code, p.message("en")) for p in found if p.code == "R321"] == [
        ("R321", "an application for sign-off awaits a decision, but the status is in_progress")
    ]


# --- on the command line, with evidence -----------------------------------------------------


@pytest.fixture
def project(run: RunCli, tmp_path: Path) -> Path:
    assert run("init", "--lang", "zh", "--unit", "民政局").exit_code == 0
    made = run(
        "new", "--id", "t-2024", "--title", "测试清单", "--supervisor", "委员会",
        "--prefix", "T", "--assigned-on", LIST_DATE,
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    added = run(
        "add", "--title", "问题一", "--unit", "民政局", "--deadline", "2024-12-31",
        "--assigned-on", LIST_DATE, today=LIST_DATE,
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    return tmp_path


def stored(project: Path) -> dict[str, Any]:
    data = yaml.safe_load((project / "ledgers" / "t-2024.yaml").read_text(encoding="utf-8"))
    found: dict[str, Any] = data["issues"][0]
    return found


def report(run: RunCli, month: str, today: str) -> str:
    text = ok(run, "report", "--month", month, today=today)
    return "\n".join(line for line in text.splitlines() if "`" not in line)


def test_the_cycle_on_the_command_line(run: RunCli, project: Path) -> None:
    (project / "docs").mkdir()
    proof = project / "docs" / "验收报告.pdf"
    proof.write_bytes(b"%PDF-1.4 acceptance")
    first = ok(run, "done", "T-001", "--on", "2024-10-15", today="2024-10-15")
    assert "验收后运行 rectify close T-001" in first  # no review yet: sign it off
    said = ok(run, "apply", "T-001", "--on", "2024-10-20", "--evidence", str(proof),
              "--note", "已整改到位", today="2024-10-20")  # fmt: skip
    assert "已申请销号（民政局，2024-10-20），待审核" in said
    october = report(run, "2024-10", today="2024-10-31")
    assert "截至月末，待审核1项" in october
    running = report(run, "2024-10", today="2024-10-25")  # the month not over: where it stands
    assert "截至2024年10月25日，待审核1项" in running and "截至月末" not in running
    entry = stored(project)["signoff"][0]
    assert entry["evidence"] == [
        {"path": "docs/验收报告.pdf", "sha256": hashlib.sha256(proof.read_bytes()).hexdigest()}
    ]
    ok(run, "return", "T-001", "--reason", "佐证不全", "--on", "2024-11-10", today="2024-11-10")
    november = report(run, "2024-11", today="2024-11-30")
    assert "退回1次" in november and "退回后待重新申请1项" in november
    again = ok(run, "done", "T-001", "--on", "2024-12-02", today="2024-12-02")
    assert "再次申请销号请运行 rectify apply T-001" in again  # returned: apply again
    ok(run, "apply", "T-001", "--on", "2024-12-03", today="2024-12-03")
    ok(run, "close", "T-001", "--by", "委员会", "--on", "2024-12-10", today="2024-12-10")
    # January: October and November made again give what they gave then
    assert report(run, "2024-10", today="2025-01-05") == october
    assert report(run, "2024-11", today="2025-01-05") == november
    status = run("status", "--format", "json", "--as-of", "2024-11-30", today="2025-01-05")
    data = json.loads(status.stdout)
    assert (data["rectified"], data["review"]) == (
        0,
        {"pending": 0, "returned": 1, "approved": 0},
    )
    shown = ok(run, "show", "T-001", today="2025-01-05")
    assert "申请销号" in shown and "退回" in shown and "佐证不全" in shown
    assert [s["step"] for s in stored(project)["signoff"]] == [
        "applied",
        "returned",
        "applied",
        "approved",
    ]
    assert ok(run, "check", today="2025-01-05").count("warning") == 0


def test_mistakes_say_what_to_do(run: RunCli, project: Path) -> None:
    early = run("apply", "T-001", "--lang", "en", today="2024-10-20")
    assert early.exit_code == 1
    assert "first run rectify done T-001" in early.stderr
    ok(run, "done", "T-001", "--on", "2024-10-15", today="2024-10-15")
    missing = run("apply", "T-001", "--evidence", "nope.pdf", "--lang", "en", today="2024-10-20")
    assert missing.exit_code == 3 and "the evidence file nope.pdf does not exist" in missing.stderr
    assert "signoff" not in stored(project)  # nothing half-written
    nothing = run("return", "T-001", "--reason", "x", today="2024-10-20")
    assert nothing.exit_code == 1 and "没有待审核的销号申请" in nothing.stderr


def test_check_finds_evidence_missing_or_changed(run: RunCli, project: Path) -> None:
    proof = project / "proof.pdf"
    proof.write_bytes(b"one")
    ok(run, "done", "T-001", "--on", "2024-10-15", today="2024-10-15")
    ok(run, "close", "T-001", "--by", "委员会", "--evidence", "proof.pdf", today="2024-10-20")
    assert stored(project)["evidence"] == [
        {"path": "proof.pdf", "sha256": hashlib.sha256(b"one").hexdigest()}
    ]
    assert run("check", "--lang", "en", today="2024-10-20").stdout.count("R40") == 0
    proof.write_bytes(b"two")
    changed = run("check", "--lang", "en", today="2024-10-20")
    assert changed.exit_code == 0
    assert "warning[R406]: the evidence file proof.pdf has changed since it was recorded" in (
        changed.stdout
    )
    proof.unlink()
    gone = run("check", "--strict", "--format", "json", today="2024-10-20")
    assert gone.exit_code == 1
    found = [(p["code"], p["severity"], p["issue_id"]) for p in json.loads(gone.stdout)]
    assert found == [("R405", "warning", "T-001")]


def test_plain_evidence_paths_stay_valid_and_are_not_looked_for() -> None:
    book = ledger(issue("T-001", evidence=["docs/paper-archive.pdf", {"path": "a.pdf"}]))
    assert book.issues[0].evidence == ["docs/paper-archive.pdf", Evidence(path="a.pdf")]


def test_diff_over_several_steps_says_the_return_once() -> None:
    """From a version in progress to one returned again: progress, applied, returned; the
    reopening the return is recorded as is no edit of its own."""
    before = ledger(issue("T-001", status="in_progress", completion=50))
    after = ops.mark_done(before, "T-001", on=D(2024, 12, 1))
    after = ops.apply_signoff(after, "T-001", on=D(2024, 12, 2))
    after = ops.return_application(after, "T-001", on=D(2024, 12, 5), reason="数据未核实")
    found = diff_issue("t-2024", before.issues[0], after.issues[0])
    assert [(c.kind, c.note) for c in found] == [
        (Kind.PROGRESS, None),
        (Kind.APPLIED, None),
        (Kind.RETURNED, "数据未核实"),
    ]
