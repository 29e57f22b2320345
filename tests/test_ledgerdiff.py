"""ledgerdiff: what changed between two versions of ledgers, issue by issue (pure)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gitrepo import add_progress, append_issue, issue_text, ledger_text, set_field, three_issues
from rectify.figures.diff import (
    Change,
    Kind,
    Version,
    counts,
    diff_issue,
    diff_issues,
    diff_ledgers,
    issues_changed,
)
from rectify.ledger.check import check_document
from rectify.ledger.yaml import parse_text
from rectify.model import Ledger
from rectify.output.changes import describe, summary_text
from rectify.output.json import change_json

D = dt.date


def ledger(text: str) -> Ledger:
    found, problems = check_document(parse_text(Path("x.yaml"), text), as_of=D(2024, 11, 30))
    assert found is not None, problems
    return found


def changes(before: str, after: str) -> list[Change]:
    return diff_ledgers([Version("a.yaml", ledger(before))], [Version("a.yaml", ledger(after))])


def test_nothing_changed_gives_no_record() -> None:
    text = three_issues()
    assert changes(text, text) == []


def test_comments_and_layout_are_not_changes() -> None:
    text = three_issues()
    moved = text.replace("# 市人大常委会问题清单（测试）", "# 另一条注释").replace(
        "  - id: CT-002", "  # 注释\n  - id: CT-002"
    )
    assert changes(text, moved) == []


def test_progress_entry_added_with_its_note() -> None:
    before = three_issues()
    after = add_progress(before, "CT-002", "2024-11-28", "55", "完成4家敬老院转型")
    found = changes(before, after)
    assert found == [
        Change(
            Kind.PROGRESS,
            "city-2024",
            "CT-002",
            "乡镇敬老院闲置率高",
            "市财政局",
            date=D(2024, 11, 28),
            completion=55.0,
            note="完成4家敬老院转型",
        )
    ]
    assert describe(found[0], "zh") == "报送进展 2024-11-28：完成 55%，完成4家敬老院转型"
    assert describe(found[0], "en") == "progress 2024-11-28: 55% done; 完成4家敬老院转型"


def test_rectified_with_its_date_and_no_separate_completion_edit() -> None:
    before = three_issues()
    after = add_progress(before, "CT-001", "2024-11-22", "100", "全部移交")
    after = set_field(after, "CT-001", "status", "rectified")
    after = set_field(after, "CT-001", "rectified_on", "2024-11-22")
    found = changes(before, after)
    assert [c.kind for c in found] == [Kind.PROGRESS, Kind.RECTIFIED]
    assert found[1].date == D(2024, 11, 22)
    assert describe(found[1], "zh") == "已整改（2024-11-22）"


def test_closed_from_in_progress_counts_as_rectified_and_signed_off() -> None:
    before = three_issues()
    after = add_progress(before, "CT-003", "2024-11-10", "100", "完成")
    after = set_field(after, "CT-003", "status", "closed")
    after = set_field(after, "CT-003", "rectified_on", "2024-11-10")
    after = set_field(
        after, "CT-003", "verification", "\n      by: 市人大社会建设委员会\n      date: 2024-11-26"
    )
    found = changes(before, after)
    assert [c.kind for c in found] == [Kind.PROGRESS, Kind.RECTIFIED, Kind.CLOSED]
    closed = found[2]
    assert (closed.date, closed.after) == (D(2024, 11, 26), "市人大社会建设委员会")
    assert describe(closed, "zh") == "已销号（2024-11-26，市人大社会建设委员会验收）"
    assert describe(closed, "en") == "signed off (2024-11-26, verified by 市人大社会建设委员会)"


def test_deadline_change_with_reason_and_no_edit_of_the_list() -> None:
    before = three_issues()
    after = set_field(before, "CT-003", "deadline", "2025-12-31")
    after = set_field(
        after,
        "CT-003",
        "deadline_changes",
        "\n      - date: 2024-11-20\n        from: 2025-06-30\n        to: 2025-12-31\n"
        "        reason: 冬季停工",
    )
    found = changes(before, after)
    assert found == [
        Change(
            Kind.DEADLINE,
            "city-2024",
            "CT-003",
            "老旧小区适老化改造推进缓慢",
            "市住建局",
            before="2025-06-30",
            after="2025-12-31",
            date=D(2024, 11, 20),
            note="冬季停工",
        )
    ]
    assert describe(found[0], "zh") == "整改时限 2025-06-30 → 2025-12-31（2024-11-20：冬季停工）"


def test_dismissed_and_reopened() -> None:
    before = three_issues()
    dismissed = set_field(before, "CT-002", "status", "dismissed")
    dismissed = set_field(dismissed, "CT-002", "reason", "已纳入省级统筹")
    dismissed = set_field(dismissed, "CT-002", "dismissed_on", "2024-11-05")
    found = changes(before, dismissed)
    assert [(c.kind, c.date, c.note) for c in found] == [
        (Kind.DISMISSED, D(2024, 11, 5), "已纳入省级统筹")
    ]
    reopened = changes(dismissed, before)
    assert [(c.kind, c.before, c.after) for c in reopened] == [
        (Kind.REOPENED, "dismissed", "in_progress")
    ]
    assert describe(reopened[0], "zh") == "重新整改：不予整改 → 整改中"


def test_added_and_removed_issues() -> None:
    before = three_issues()
    after = append_issue(before, issue_text("CT-004", "护理员队伍不稳定", deadline="2025-03-31"))
    found = changes(before, after)
    assert [(c.kind, c.issue, c.after, c.date) for c in found] == [
        (Kind.ADDED, "CT-004", "2025-03-31", D(2024, 7, 10))
    ]
    assert describe(found[0], "zh") == "新增问题，牵头单位 市民政局，整改时限 2025-03-31"
    gone = changes(after, before)
    assert [(c.kind, c.issue, c.before) for c in gone] == [(Kind.REMOVED, "CT-004", "in_progress")]


def test_other_fields_are_edits_from_what_to_what() -> None:
    before = three_issues()
    after = set_field(before, "CT-001", "owner", "李某")
    after = set_field(after, "CT-001", "lead_unit", "市自然资源和规划局")
    after = set_field(after, "CT-001", "track", "immediate")
    found = changes(before, after)
    edits = {c.field: (c.before, c.after) for c in found}
    assert edits == {
        "owner": (None, "李某"),
        "lead_unit": ("市民政局", "市自然资源和规划局"),
        "track": ("scheduled", "immediate"),
    }
    said = [describe(c, "zh") for c in found]
    assert "整改类型：限期整改 → 立行立改" in said
    assert "责任人：（空） → 李某" in said
    assert "牵头单位：市民政局 → 市自然资源和规划局" in said


def test_status_open_to_in_progress_is_explained_by_the_progress() -> None:
    before = ledger_text(issue_text("CT-001", "甲", status="open", completion="0", progress=()))
    after = set_field(before, "CT-001", "status", "in_progress")
    after = set_field(after, "CT-001", "progress", "")
    after = add_progress(after, "CT-001", "2024-11-15", "20", "启动")
    assert [c.kind for c in changes(before, after)] == [Kind.PROGRESS]


def test_a_changed_progress_entry_is_reported_as_an_edit() -> None:
    before = three_issues()
    after = before.replace("note: 完成摸底排查", "note: 完成摸底排查工作", 1)
    found = changes(before, after)
    assert len(found) == 2
    assert found[0].kind is Kind.PROGRESS and found[0].note == "完成摸底排查工作"
    assert found[1].kind is Kind.EDITED and found[1].field == "progress"
    assert found[1].before == ["2024-08-31 30% 完成摸底排查"]


def test_moved_ledger_is_followed_by_its_id() -> None:
    text = three_issues()
    after = add_progress(text, "CT-001", "2024-11-28", "45", "推进")
    found = diff_ledgers(
        [Version("ledgers/old.yaml", ledger(text))],
        [Version("ledgers/2024/city.yaml", ledger(after))],
    )
    assert [c.kind for c in found] == [Kind.LEDGER_MOVED, Kind.PROGRESS]
    assert (found[0].before, found[0].after) == ("ledgers/old.yaml", "ledgers/2024/city.yaml")
    assert describe(found[0], "en") == (
        "ledger file moved from ledgers/old.yaml to ledgers/2024/city.yaml"
    )


def test_ledger_whose_id_changed_is_followed_through_a_rename() -> None:
    text = three_issues()
    renamed = text.replace("id: city-2024", "id: city-2025")
    found = diff_ledgers(
        [Version("a.yaml", ledger(text))],
        [Version("b.yaml", ledger(renamed))],
        renames={"a.yaml": "b.yaml"},
    )
    assert [(c.kind, c.field, c.before, c.after) for c in found] == [
        (Kind.LEDGER_MOVED, None, "a.yaml", "b.yaml"),
        (Kind.LEDGER_EDITED, "id", "city-2024", "city-2025"),
    ]
    assert describe(found[1], "zh") == "台账编号：city-2024 → city-2025"


def test_without_the_rename_a_new_id_is_a_new_ledger() -> None:
    text = three_issues()
    renamed = text.replace("id: city-2024", "id: city-2025")
    found = diff_ledgers([Version("a.yaml", ledger(text))], [Version("b.yaml", ledger(renamed))])
    kinds = counts(found)
    assert kinds[Kind.LEDGER_ADDED] == 1 and kinds[Kind.LEDGER_REMOVED] == 1
    assert kinds[Kind.ADDED] == 3 and kinds[Kind.REMOVED] == 3


def test_summary_counts_issues_and_records() -> None:
    before = three_issues()
    after = add_progress(before, "CT-001", "2024-11-28", "45", "推进")
    after = add_progress(after, "CT-001", "2024-11-29", "50", "推进")
    after = add_progress(after, "CT-002", "2024-11-28", "60", "推进")
    found = changes(before, after)
    assert issues_changed(found) == 2
    assert summary_text(found, "zh") == "2 个问题有变化：报送进展 3 条。"
    assert summary_text(found, "en") == "2 issue(s) changed: 3 progress report(s)."


def test_json_record_is_plain() -> None:
    before = three_issues()
    after = add_progress(before, "CT-001", "2024-11-28", "45", "推进")
    assert change_json(changes(before, after)[0]) == {
        "kind": "progress",
        "ledger": "city-2024",
        "issue": "CT-001",
        "title": "养老服务设施配建移交不到位",
        "unit": "市民政局",
        "completion": 45.0,
        "note": "推进",
        "date": "2024-11-28",
    }


def test_diff_issue_of_nothing_is_nothing() -> None:
    assert diff_issue("x", None, None) == []


def test_a_reopening_is_one_change_with_its_date_and_reason() -> None:
    from rectify.changes import ops

    before = ops.mark_done(ledger(three_issues()), "CT-001", on=dt.date(2024, 10, 15))
    after = ops.reopen(before, "CT-001", on=dt.date(2024, 11, 10), note="复查发现反弹")
    (change,) = diff_issues("city-2024", before, after)
    assert (change.kind, change.before, change.after) == (Kind.REOPENED, "rectified", "in_progress")
    assert (change.date, change.note) == (dt.date(2024, 11, 10), "复查发现反弹")
    assert describe(change, "zh") == "重新整改：已整改 → 整改中（2024-11-10：复查发现反弹）"
    assert change_json(change)["date"] == "2024-11-10"
