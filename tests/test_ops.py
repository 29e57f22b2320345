"""Pure ledger changes (rectify.ops), without the command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import issue_fields as issue
from rectify.changes import ops, units
from rectify.errors import DataError, ExitCode, NotFound, UsageError
from rectify.i18n import t
from rectify.ledger import ids
from rectify.model import Ledger, Source, Status, Track

D = dt.date


def ledger(issues: list[dict[str, Any]] | None = None, **meta: Any) -> Ledger:
    header = {"id": "smx-2024", "title": "问题清单", "assigned_on": D(2024, 7, 10)}
    header.update(meta)
    if "id_prefix" not in meta:
        header["id_prefix"] = "SMX"
    header = {k: v for k, v in header.items() if v is not None}
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": issues or []})


def rectified(ident: str = "SMX-001") -> dict[str, Any]:
    return issue(
        ident,
        status="rectified",
        completion=100,
        rectified_on=D(2024, 10, 20),
        progress=[{"date": D(2024, 10, 20), "completion": 100}],
    )


# --- finding -------------------------------------------------------------------------------------


def test_find_issue_across_ledgers() -> None:
    a = ledger([issue("SMX-001"), issue("SMX-002")])
    b = ledger([issue("LB-001")], id="lingbao-2024", id_prefix="LB")
    found = ids.find_issue([a, b], "LB-001")
    assert (found.index, found.issue.id) == (1, "LB-001")
    assert ids.find_issue([a, b], "smx-002").issue.id == "SMX-002"


def test_ambiguous_id_lists_the_ledgers() -> None:
    a = ledger([issue("X-001")])
    b = ledger([issue("X-001")], id="other-2024")
    with pytest.raises(NotFound) as caught:
        ids.find_issue([a, b], "X-001")
    assert caught.value.key == "ops.ambiguous"
    assert caught.value.params["candidates"] == "smx-2024/X-001, other-2024/X-001"
    assert ids.find_issue([a, b], "other-2024/X-001").index == 1


def test_unknown_id_lists_candidates() -> None:
    a = ledger([issue("SMX-001"), issue("SMX-002"), issue("SMX-012")])
    with pytest.raises(NotFound) as caught:
        ids.find_issue([a], "SMX-12")
    assert caught.value.key == "ops.not_found.suggest"
    assert caught.value.params["candidates"].split(", ")[0] == "SMX-012"
    with pytest.raises(NotFound) as caught:
        ids.find_issue([a], "zzz")
    assert caught.value.key == "ops.not_found"
    assert caught.value.params["count"] == 3
    assert caught.value.exit_code is ExitCode.PROBLEMS


# --- units and values ----------------------------------------------------------------------------


def test_unknown_unit_suggests_the_closest() -> None:
    known = ["市民政局", "市住建局", "市卫健委"]
    units.check_unit("市民政局", known)
    units.check_unit("任何单位", [])
    with pytest.raises(UsageError) as caught:
        units.check_unit("市民证局", known)
    assert caught.value.params["suggestion"] == "市民政局"
    assert t(caught.value.key, "en", **caught.value.params).startswith(
        "市民证局 is not in the known units: did you mean 市民政局?"
    )
    with pytest.raises(UsageError) as caught:
        units.check_unit("民政局", known)
    assert caught.value.params["suggestion"].startswith("市民政局")
    with pytest.raises(UsageError) as caught:
        units.check_unit("国家航天局", known)
    assert caught.value.key == "ops.unknown_unit"


def test_new_units_keeps_order_and_drops_known() -> None:
    assert units.new_units(["乙", "甲", "乙", "丙"], ["甲"]) == ["乙", "丙"]


@pytest.mark.parametrize(
    ("text", "value"), [("40", 40.0), ("74.4", 74.4), ("74.4%", 74.4), ("100", 100.0), ("0", 0.0)]
)
def test_parse_completion(text: str, value: float) -> None:
    assert ops.parse_completion(text) == value


@pytest.mark.parametrize("text", ["101", "-1", "74.45", "abc", ""])
def test_parse_completion_refuses(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        ops.parse_completion(text)
    assert caught.value.exit_code is ExitCode.USAGE


def test_future_dates_are_refused() -> None:
    ops.check_not_future(D(2024, 11, 30), D(2024, 11, 30))
    with pytest.raises(UsageError):
        ops.check_not_future(D(2024, 12, 1), D(2024, 11, 30))


# --- adding --------------------------------------------------------------------------------------


def test_next_id_is_max_plus_one_with_width() -> None:
    assert ids.next_id(ledger()) == "SMX-001"
    assert ids.next_id(ledger([issue("SMX-002"), issue("SMX-009")])) == "SMX-010"
    assert ids.next_id(ledger([issue("SMX-7")]), width=4) == "SMX-0008"
    assert ids.next_id(ledger([issue("OTHER-050"), issue("SMX-003")])) == "SMX-004"


def test_next_id_without_prefix_uses_the_last_id() -> None:
    assert ids.next_id(ledger([issue("LB-004")], id_prefix=None)) == "LB-005"
    with pytest.raises(DataError) as caught:
        ids.next_id(ledger([issue("甲")], id_prefix=None))
    assert caught.value.key == "ops.no_prefix"


def test_add_issue_appends_an_open_issue() -> None:
    before = ledger([issue("SMX-001")])
    draft = ops.Draft(
        title="  养老机构消防隐患  ",
        lead_unit="市民政局",
        deadline=D(2025, 3, 31),
        co_units=("市消防救援支队", "市民政局", "市消防救援支队"),
        source=Source.INSPECTION,
        track=Track.IMMEDIATE,
        owner=" ",
    )
    after = ops.add_issue(before, draft)
    assert len(before.issues) == 1
    new = after.issues[-1]
    assert new.id == "SMX-002"
    assert new.title == "养老机构消防隐患"
    assert new.co_units == ["市消防救援支队"]
    assert (new.status, new.completion, new.owner) == (Status.OPEN, 0, None)
    assert (new.source, new.track) == (Source.INSPECTION, Track.IMMEDIATE)
    assert "owner" not in new.model_fields_set
    assert {"status", "completion", "source", "track"} <= new.model_fields_set


def test_add_issue_refuses_deadline_before_assignment_and_empty_title() -> None:
    with pytest.raises(DataError) as caught:
        ops.add_issue(ledger(), ops.Draft(title="x", lead_unit="u", deadline=D(2024, 7, 1)))
    assert caught.value.key == "ops.deadline_before_assigned"
    with pytest.raises(UsageError) as refused:
        ops.add_issue(ledger(), ops.Draft(title=" ", lead_unit="u", deadline=D(2025, 1, 1)))
    assert refused.value.params == {"name": "--title"}


# --- progress and transitions --------------------------------------------------------------------


def test_update_appends_progress_and_starts_the_issue() -> None:
    before = ledger([issue()])
    after = ops.update_progress(before, "SMX-001", on=D(2024, 8, 31), completion=40, note="已完成")
    got = after.issues[0]
    assert before.issues[0].status is Status.OPEN
    assert got.status is Status.IN_PROGRESS
    assert got.completion == 40
    assert [(p.date, p.completion, p.note) for p in got.progress] == [
        (D(2024, 8, 31), 40, "已完成")
    ]
    again = ops.update_progress(after, "SMX-001", on=D(2024, 8, 31), completion=45)
    assert [p.completion for p in again.issues[0].progress] == [40, 45]
    assert again.issues[0].progress[1].note is None


def test_update_refuses_a_date_before_the_last_entry() -> None:
    after = ops.update_progress(ledger([issue()]), "SMX-001", on=D(2024, 9, 30), completion=40)
    with pytest.raises(DataError) as caught:
        ops.update_progress(after, "SMX-001", on=D(2024, 9, 1), completion=50)
    assert caught.value.key == "ops.before_last_progress"
    assert caught.value.params["last"] == D(2024, 9, 30)
    with pytest.raises(DataError) as caught:
        ops.update_progress(after, "SMX-001", on=D(2024, 7, 1), completion=50)
    assert caught.value.key == "ops.before_assigned"


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        (rectified(), "ops.update.rectified"),
        (
            {
                **rectified(),
                "status": "closed",
                "verification": {"by": "委", "date": D(2024, 11, 1)},
            },
            "ops.update.closed",
        ),
        (
            issue(status="dismissed", reason="不属实", dismissed_on=D(2024, 8, 1)),
            "ops.update.dismissed",
        ),
    ],
)
def test_update_refuses_finished_issues(fields: dict[str, Any], key: str) -> None:
    with pytest.raises(DataError) as caught:
        ops.update_progress(ledger([fields]), "SMX-001", on=D(2024, 11, 1), completion=50)
    assert caught.value.key == key
    assert "rectify reopen SMX-001" in t(key, "en", **caught.value.params)


def test_done_sets_rectified_with_a_final_entry() -> None:
    started = ops.update_progress(ledger([issue()]), "SMX-001", on=D(2024, 8, 31), completion=40)
    after = ops.mark_done(started, "SMX-001", on=D(2024, 10, 20), note="全部完成")
    got = after.issues[0]
    assert (got.status, got.completion, got.rectified_on) == (
        Status.RECTIFIED,
        100,
        D(2024, 10, 20),
    )
    assert (got.progress[-1].date, got.progress[-1].completion, got.progress[-1].note) == (
        D(2024, 10, 20),
        100,
        "全部完成",
    )
    with pytest.raises(DataError) as caught:
        ops.mark_done(after, "SMX-001", on=D(2024, 10, 21))
    assert caught.value.key == "ops.done.rectified"


def test_close_only_from_rectified() -> None:
    with pytest.raises(DataError) as caught:
        ops.close(ledger([issue()]), "SMX-001", by="人大社会委", on=D(2024, 11, 1))
    assert caught.value.key == "ops.close.open"
    assert "rectify done SMX-001" in t(caught.value.key, "zh", **caught.value.params)
    after = ops.close(
        ledger([rectified()]), "SMX-001", by="人大社会委", on=D(2024, 11, 1), note="实地复核"
    )
    got = after.issues[0]
    assert got.status is Status.CLOSED
    assert got.verification is not None
    assert (got.verification.by, got.verification.date, got.verification.note) == (
        "人大社会委",
        D(2024, 11, 1),
        "实地复核",
    )
    with pytest.raises(DataError) as caught:
        ops.close(after, "SMX-001", by="x", on=D(2024, 11, 2))
    assert caught.value.key == "ops.close.closed"
    assert t(caught.value.key, "en", **caught.value.params) == (
        "SMX-001 was already signed off on 2024-11-01 by 人大社会委"
    )
    with pytest.raises(DataError) as caught:
        ops.close(ledger([rectified()]), "SMX-001", by="x", on=D(2024, 10, 1))
    assert caught.value.key == "ops.close.before_rectified"


def test_reopen_clears_rectification_and_records_why() -> None:
    closed = ops.close(ledger([rectified()]), "SMX-001", by="委", on=D(2024, 11, 1))
    after = ops.reopen(closed, "SMX-001", on=D(2024, 11, 20), note="问题反弹", completion=80)
    got = after.issues[0]
    assert (got.status, got.rectified_on, got.verification, got.completion) == (
        Status.IN_PROGRESS,
        None,
        None,
        80,
    )
    assert (got.progress[-1].date, got.progress[-1].note) == (D(2024, 11, 20), "问题反弹")
    kept = ops.reopen(ledger([rectified()]), "SMX-001", on=D(2024, 11, 20), note="复查")
    assert kept.issues[0].completion == 100
    with pytest.raises(DataError) as caught:
        ops.reopen(ledger([issue()]), "SMX-001", on=D(2024, 11, 20), note="x")
    assert caught.value.key == "ops.reopen.active"


def test_reopen_a_dismissed_issue_clears_the_reason() -> None:
    dismissed = ops.dismiss(ledger([issue()]), "SMX-001", on=D(2024, 8, 1), reason="不属实")
    after = ops.reopen(dismissed, "SMX-001", on=D(2024, 9, 1), note="复核属实")
    got = after.issues[0]
    assert (got.status, got.reason, got.dismissed_on, got.completion) == (
        Status.IN_PROGRESS,
        None,
        None,
        0,
    )


def test_extend_appends_a_deadline_change() -> None:
    once = ops.extend(
        ledger([issue()]), "SMX-001", on=D(2024, 12, 20), to=D(2025, 6, 30), reason="冬季停工"
    )
    twice = ops.extend(once, "SMX-001", on=D(2025, 1, 5), to=D(2025, 9, 30), reason="资金")
    got = twice.issues[0]
    assert got.deadline == D(2025, 9, 30)
    assert [(c.date, c.from_, c.to, c.reason) for c in got.deadline_changes] == [
        (D(2024, 12, 20), D(2024, 12, 31), D(2025, 6, 30), "冬季停工"),
        (D(2025, 1, 5), D(2025, 6, 30), D(2025, 9, 30), "资金"),
    ]
    assert got.original_deadline == D(2024, 12, 31)
    with pytest.raises(DataError) as caught:
        ops.extend(twice, "SMX-001", on=D(2025, 1, 1), to=D(2025, 12, 31), reason="x")
    assert caught.value.key == "ops.extend.before_last"
    with pytest.raises(DataError) as caught:
        ops.extend(twice, "SMX-001", on=D(2025, 2, 1), to=D(2025, 9, 30), reason="x")
    assert caught.value.key == "ops.extend.same"
    with pytest.raises(DataError) as caught:
        ops.extend(
            ledger([rectified()]), "SMX-001", on=D(2024, 11, 1), to=D(2025, 1, 1), reason="x"
        )
    assert caught.value.key == "ops.extend.rectified"


def test_dismiss_records_reason_and_date() -> None:
    after = ops.dismiss(ledger([issue()]), "SMX-001", on=D(2024, 9, 1), reason="经核实不属实")
    got = after.issues[0]
    assert (got.status, got.reason, got.dismissed_on) == (
        Status.DISMISSED,
        "经核实不属实",
        D(2024, 9, 1),
    )
    with pytest.raises(DataError) as caught:
        ops.dismiss(after, "SMX-001", on=D(2024, 9, 2), reason="x")
    assert caught.value.key == "ops.dismiss.dismissed"
    with pytest.raises(DataError) as caught:
        ops.dismiss(ledger([rectified()]), "SMX-001", on=D(2024, 11, 1), reason="x")
    assert caught.value.key == "ops.dismiss.rectified"


def test_changes_leave_other_issues_alone() -> None:
    before = ledger([issue("SMX-001"), issue("SMX-002")])
    after = ops.mark_done(before, "SMX-002", on=D(2024, 9, 1))
    assert after.issues[0] == before.issues[0]
    assert after.issues[1] != before.issues[1]


def test_every_ops_message_exists_in_both_languages() -> None:
    from rectify.i18n import CATALOGUE

    keys = [k for k in CATALOGUE if k.startswith("ops.")]
    for status in ("rectified", "closed", "dismissed"):
        for action in ("update", "done", "extend", "dismiss"):
            assert f"ops.{action}.{status}" in keys
    for status in ("open", "in_progress", "closed", "dismissed"):
        assert f"ops.close.{status}" in keys
    assert all(CATALOGUE[k][0] and CATALOGUE[k][1] for k in keys)
