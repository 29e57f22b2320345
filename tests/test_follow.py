"""Three-colour warnings, the chase list and carry-over, pinned on small hand-made ledgers."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest

from rectify.changes.carry import (
    CarryResult,
    carry_into,
    carry_over,
    dangling_carried_from,
    derive_prefix,
    note_carried,
    to_carry,
)
from rectify.changes.units import closest_unit
from rectify.dates import month_end
from rectify.errors import DataError, ExitCode, UsageError
from rectify.figures.chase import chase_list
from rectify.figures.months import months_between
from rectify.figures.state import Item, items
from rectify.figures.tally import figures
from rectify.figures.warnings import (
    WarningLevel,
    assess,
    expected_completion,
    is_silent,
    last_progress_on,
    level_label,
    level_meaning,
    month_before,
    warning_level,
)
from rectify.model import Ledger
from rectify.output.json import chase_json

D = dt.date

# Pace line of the default issue: assigned 2024-01-01, deadline 2024-04-10, exactly
# 100 days later, so on day N the line stands at N percent.
START = D(2024, 1, 1)
DEADLINE = D(2024, 4, 10)


def ledger(ledger_id: str, issues: list[dict[str, Any]], **meta: Any) -> Ledger:
    """A ledger built through the pydantic model, with defaults for required keys."""
    header = {"id": ledger_id, "title": f"台账 {ledger_id}", "supervisor": "市人大常委会", **meta}
    full = [
        {
            "title": f"问题 {spec['id']}",
            "lead_unit": "市住建局",
            "deadline": DEADLINE.isoformat(),
            **spec,
        }
        for spec in issues
    ]
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": full})


def one(**spec: Any) -> Item:
    """A single issue (id X unless given) in a ledger assigned on START."""
    return items([ledger("solo", [{"id": "X", **spec}], assigned_on=START.isoformat())])[0]


def level(as_of: dt.date, **spec: Any) -> WarningLevel:
    return warning_level(one(**spec), as_of)


def days(n: int) -> dt.date:
    """The date n days after START."""
    return START + dt.timedelta(days=n)


# --- the pace line ------------------------------------------------------------------


def test_pace_line_runs_from_assigned_to_deadline() -> None:
    item = one(status="in_progress", completion=10)
    assert expected_completion(item, START) == 0
    assert expected_completion(item, days(1)) == 1
    assert expected_completion(item, days(60)) == 60
    assert expected_completion(item, days(99)) == 99
    assert expected_completion(item, DEADLINE) == 100
    assert expected_completion(item, days(150)) == 100
    assert expected_completion(item, D(2023, 12, 1)) == 0


def test_pace_line_is_exact_not_rounded() -> None:
    item = one(deadline="2024-01-04")  # three days
    assert expected_completion(item, days(1)) == Fraction(100, 3)


def test_pace_line_follows_the_deadline_in_force() -> None:
    item = one(
        deadline="2024-07-19",  # moved on 2024-03-01 from 04-10: 200 days after START
        deadline_changes=[{"date": "2024-03-01", "from": "2024-04-10", "to": "2024-07-19"}],
    )
    assert expected_completion(item, days(50)) == 50  # before the change: 100-day line
    assert expected_completion(item, days(100)) == 50  # after it: 200-day line


def test_without_assigned_date_there_is_no_pace_line() -> None:
    item = items([ledger("L", [{"id": "X", "completion": 0}])])[0]
    assert expected_completion(item, days(90)) is None
    assert warning_level(item, days(90)) is WarningLevel.BLUE  # still due soon
    assert warning_level(item, days(50)) is WarningLevel.NONE  # never yellow


# --- yellow at its boundary: exactly on the pace line, exactly at the margin --------------


@pytest.mark.parametrize(
    ("completion", "expected"),
    [
        (60, WarningLevel.NONE),  # exactly on the pace line
        (75, WarningLevel.NONE),  # ahead of it
        (40.1, WarningLevel.NONE),  # 19.9 points behind
        (40, WarningLevel.NONE),  # exactly the margin behind: not more than it
        (39.9, WarningLevel.YELLOW),  # 20.1 points behind
        (0, WarningLevel.YELLOW),
    ],
)
def test_yellow_needs_more_than_the_margin_below_the_line(
    completion: float, expected: WarningLevel
) -> None:
    assert level(days(60), status="in_progress", completion=completion) is expected


def test_the_margin_is_a_parameter() -> None:
    item = one(status="in_progress", completion=50)
    assert warning_level(item, days(60), margin=10) is WarningLevel.NONE
    assert warning_level(item, days(60), margin=9) is WarningLevel.YELLOW
    assert warning_level(item, days(60), margin=Fraction(99, 10)) is WarningLevel.YELLOW


def test_yellow_reads_completion_from_the_dated_history() -> None:
    progress = [
        {"date": "2024-01-31", "completion": 10},
        {"date": "2024-03-01", "completion": 50},
    ]
    item = one(status="in_progress", completion=50, progress=progress)
    assert warning_level(item, days(59)) is WarningLevel.YELLOW  # 59 expected, 10 reported
    assert warning_level(item, days(60)) is WarningLevel.NONE  # 2024-03-01: 50 reported


# --- red and blue around the deadline -----------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (DEADLINE - dt.timedelta(days=15), WarningLevel.NONE),  # one day outside the window
        (DEADLINE - dt.timedelta(days=14), WarningLevel.BLUE),  # first day of the window
        (DEADLINE - dt.timedelta(days=1), WarningLevel.BLUE),  # the day before
        (DEADLINE, WarningLevel.BLUE),  # on the deadline: not overdue yet
        (DEADLINE + dt.timedelta(days=1), WarningLevel.RED),  # the day after
    ],
)
def test_levels_around_the_deadline(as_of: dt.date, expected: WarningLevel) -> None:
    assert level(as_of, status="in_progress", completion=95) is expected


def test_the_window_is_a_parameter() -> None:
    item = one(status="in_progress", completion=95)
    before = DEADLINE - dt.timedelta(days=3)
    assert warning_level(item, before, due_soon_days=3) is WarningLevel.BLUE
    assert warning_level(item, before, due_soon_days=2) is WarningLevel.NONE


def test_red_wins_over_yellow_and_yellow_over_blue() -> None:
    assert level(DEADLINE + dt.timedelta(days=1), completion=0) is WarningLevel.RED
    assert level(DEADLINE, status="in_progress", completion=79.9) is WarningLevel.YELLOW
    assert level(DEADLINE, status="in_progress", completion=80) is WarningLevel.BLUE


def test_an_extension_in_force_lifts_red() -> None:
    spec = {
        "status": "in_progress",
        "completion": 95,
        "deadline": "2024-05-10",
        "deadline_changes": [
            {"date": "2024-04-12", "from": "2024-04-10", "to": "2024-05-10"},
        ],
    }
    assert level(D(2024, 4, 11), **spec) is WarningLevel.RED  # extension not yet made
    assert level(D(2024, 4, 12), **spec) is WarningLevel.NONE  # 28 days left, on pace


def test_rectified_dismissed_and_unassigned_issues_carry_no_warning() -> None:
    late = DEADLINE + dt.timedelta(days=30)
    rectified = {"status": "rectified", "completion": 100, "rectified_on": "2024-04-20"}
    assert level(late, **rectified) is WarningLevel.NONE
    assert level(D(2024, 4, 15), **rectified) is WarningLevel.RED  # not rectified yet then
    dismissed = {"status": "dismissed", "reason": "无权调整", "dismissed_on": "2024-02-01"}
    assert level(late, **dismissed) is WarningLevel.NONE
    assert level(late, status="closed", completion=100, rectified_on="2024-04-01") is (
        WarningLevel.NONE
    )
    assert level(D(2023, 12, 31), completion=0) is WarningLevel.NONE  # not assigned yet


# --- long-term issues: against planned_on when they have one ------------------------------


LONG = {"track": "long_term", "status": "in_progress", "deadline": "2024-12-31"}


@pytest.mark.parametrize(
    ("completion", "expected"),
    [(50, WarningLevel.NONE), (30, WarningLevel.NONE), (29.9, WarningLevel.YELLOW)],
)
def test_long_term_with_a_planned_date_is_paced_to_it(
    completion: float, expected: WarningLevel
) -> None:
    # planned 50 days after START: on day 25 the line stands at 50 %
    spec = {**LONG, "planned_on": "2024-02-20", "completion": completion}
    assert expected_completion(one(**spec), days(25)) == 50
    assert level(days(25), **spec) is expected


def test_long_term_past_its_planned_date_is_yellow_until_done() -> None:
    spec = {**LONG, "planned_on": "2024-02-20"}
    assert level(D(2024, 3, 1), **spec, completion=79.9) is WarningLevel.YELLOW
    assert level(D(2024, 3, 1), **spec, completion=80) is WarningLevel.NONE


def test_long_term_without_a_planned_date_is_paced_to_its_deadline() -> None:
    spec = {**LONG, "completion": 0}
    assert expected_completion(one(**spec), days(25)) == Fraction(2500, 365)
    assert level(days(25), **spec) is WarningLevel.NONE
    # 20 points below the line on day 73 + 0.something: the line is at 20 % on day 73
    assert level(days(73), **spec) is WarningLevel.NONE
    assert level(days(74), **spec) is WarningLevel.YELLOW


def test_planned_date_of_other_tracks_does_not_move_the_line() -> None:
    spec = {"status": "in_progress", "completion": 30, "planned_on": "2024-02-20"}
    assert expected_completion(one(**spec), days(25)) == 25
    assert level(days(25), **spec) is WarningLevel.NONE


def test_red_and_blue_of_a_long_term_issue_follow_its_deadline() -> None:
    spec = {**LONG, "planned_on": "2024-02-20", "completion": 90, "deadline": "2024-03-10"}
    assert level(D(2024, 3, 1), **spec) is WarningLevel.BLUE
    assert level(D(2024, 3, 11), **spec) is WarningLevel.RED


# --- silence: no progress report for more than a month ------------------------------------


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (D(2024, 3, 31), D(2024, 2, 29)),
        (D(2024, 3, 15), D(2024, 2, 15)),
        (D(2024, 1, 15), D(2023, 12, 15)),
        (D(2023, 3, 30), D(2023, 2, 28)),
    ],
)
def test_month_before(day: dt.date, before: dt.date) -> None:
    assert month_before(day) == before


def test_silent_after_more_than_a_month_without_a_report() -> None:
    item = one(
        status="in_progress", completion=30, progress=[{"date": "2024-02-29", "completion": 30}]
    )
    assert last_progress_on(item.issue, D(2024, 3, 31)) == D(2024, 2, 29)
    assert last_progress_on(item.issue, D(2024, 2, 28)) is None
    assert not is_silent(item, D(2024, 3, 31))  # exactly a month
    assert is_silent(item, D(2024, 4, 1))


def test_never_reported_counts_from_the_assigned_date() -> None:
    item = one(completion=0, deadline="2024-12-31")
    assert not is_silent(item, D(2024, 2, 1))
    assert is_silent(item, D(2024, 2, 2))


def test_rectified_issues_are_never_silent() -> None:
    item = one(status="rectified", completion=100, rectified_on="2024-01-10")
    assert not is_silent(item, D(2024, 12, 1))


def test_assessment_gives_the_facts_behind_the_level() -> None:
    item = one(
        status="in_progress",
        completion=30,
        progress=[{"date": "2024-01-20", "completion": 30}],
    )
    found = assess(item, days(60))
    assert found.level is WarningLevel.YELLOW
    assert found.expected == 60
    assert found.behind == 30
    assert found.days_left == 40
    assert found.days_overdue == 0
    assert found.last_progress == D(2024, 1, 20)
    assert found.silent
    late = assess(item, DEADLINE + dt.timedelta(days=5))
    assert (late.level, late.days_overdue, late.days_left) == (WarningLevel.RED, 5, -5)


def test_labels_in_both_languages() -> None:
    assert [level_label(lv, "zh") for lv in WarningLevel] == ["红", "黄", "蓝", "—"]
    assert level_label(WarningLevel.RED, "en") == "red"
    assert level_meaning(WarningLevel.YELLOW, "zh") == "进度滞后"
    assert level_meaning(WarningLevel.BLUE, "en") == "due soon"


# --- the chase list -----------------------------------------------------------------------


AS_OF = D(2024, 4, 5)  # 95 days in: the line stands at 95 %

CHASE = ledger(
    "city",
    [
        # red, 5 days overdue
        {"id": "C-1", "lead_unit": "市民政局", "completion": 50, "deadline": "2024-03-31"},
        # blue, 7 days left; the line stands at 93.1 %, 3.1 points above it
        {"id": "C-2", "lead_unit": "市民政局", "completion": 90, "deadline": "2024-04-12"},
        # yellow: 10 % where the line is at 52.4 %
        {"id": "C-3", "lead_unit": "市住建局", "completion": 10, "deadline": "2024-06-30"},
        # no colour, but silent since 2024-01-31
        {
            "id": "C-4",
            "lead_unit": "市民政局",
            "completion": 70,
            "deadline": "2024-12-31",
            "progress": [{"date": "2024-01-31", "completion": 70}],
        },
        # nothing to chase
        {
            "id": "C-5",
            "lead_unit": "市财政局",
            "completion": 40,
            "deadline": "2024-12-31",
            "progress": [{"date": "2024-03-20", "completion": 40}],
        },
        # red, 16 days overdue
        {"id": "C-6", "lead_unit": "市民政局", "completion": 0, "deadline": "2024-03-20"},
        # rectified: nothing, though its deadline has passed
        {
            "id": "C-7",
            "lead_unit": "市住建局",
            "status": "rectified",
            "completion": 100,
            "rectified_on": "2024-03-01",
            "deadline": "2024-02-01",
        },
    ],
    assigned_on=START.isoformat(),
)


def test_chase_list_groups_by_unit_most_urgent_first() -> None:
    units = chase_list(items([CHASE]), AS_OF)
    assert [u.unit for u in units] == ["市民政局", "市住建局"]
    civil = units[0]
    assert [(e.item.issue.id, e.level.value, e.silent) for e in civil.entries] == [
        ("C-6", "red", True),
        ("C-1", "red", True),
        ("C-2", "blue", True),
        ("C-4", "none", True),
    ]
    assert (civil.count(WarningLevel.RED), civil.count(WarningLevel.BLUE), civil.silent) == (
        2,
        1,
        4,
    )
    assert [(e.item.issue.id, e.level.value) for e in units[1].entries] == [("C-3", "yellow")]


def test_chase_list_for_one_unit_and_with_a_window() -> None:
    units = chase_list(items([CHASE]), AS_OF, unit="市住建局")
    assert [e.item.issue.id for u in units for e in u.entries] == ["C-3"]
    assert chase_list(items([CHASE]), AS_OF, unit="市财政局") == []
    narrow = chase_list(items([CHASE]), AS_OF, due_soon_days=6, unit="市民政局")
    assert [e.level.value for e in narrow[0].entries] == ["red", "red", "none", "none"]


def test_chase_json_has_counts_and_plain_values() -> None:
    units = chase_list(items([CHASE]), AS_OF)
    data = chase_json(units, AS_OF, due_soon_days=14, margin=20)
    assert data["as_of"] == "2024-04-05"
    assert data["counts"] == {"red": 2, "yellow": 1, "blue": 1, "silent": 5}
    first = data["units"][0]["issues"][0]
    assert first == {
        "ledger": "city",
        "id": "C-6",
        "title": "问题 C-6",
        "lead_unit": "市民政局",
        "level": "red",
        "status": "open",
        "track": "scheduled",
        "deadline": "2024-03-20",
        "days_overdue": 16,
        "days_left": -16,
        "completion": 0.0,
        "expected": 100.0,
        "last_progress": None,
        "silent": True,
        "carried_from": None,
        "chased": 0,
        "last_chased": None,
        "replied": False,
        "reply_overdue": False,
    }


def test_closest_unit_for_a_did_you_mean() -> None:
    pool = items([CHASE])
    assert closest_unit(pool, "民政局") == "市民政局"
    assert closest_unit(pool, "市住建") == "市住建局"
    assert closest_unit(pool, "审计署") is None


# --- carried-over chains ------------------------------------------------------------------


def test_dangling_carried_from() -> None:
    old = ledger("city-2024", [{"id": "A"}], assigned_on="2024-01-01")
    new = ledger(
        "city-2025",
        [
            {"id": "N1", "carried_from": "city-2024/A"},  # fine
            {"id": "N2", "carried_from": "city-2024/Z"},  # no such issue
            {"id": "N3", "carried_from": "city-2023/B"},  # ledger not rolled up
            {"id": "N4", "carried_from": "city-2025/N4"},  # itself
        ],
        assigned_on="2025-01-01",
    )
    found = dangling_carried_from(items([old, new]))
    assert [(item.issue.id, target) for item, target in found] == [
        ("N2", "city-2024/Z"),
        ("N3", "city-2023/B"),
        ("N4", "city-2025/N4"),
    ]
    known = dangling_carried_from(items([old, new]), known_ledgers_only=True)
    assert [item.issue.id for item, _ in known] == ["N2", "N4"]


# --- carry-over ---------------------------------------------------------------------------


OLD = ledger(
    "city-2024",
    [
        {
            "id": "SMX-001",
            "status": "in_progress",
            "completion": 60,
            "co_units": ["市财政局"],
            "measures": "分批实施",
            "deadline": "2024-11-15",
            "progress": [
                {"date": "2024-08-31", "completion": 30, "note": "启动"},
                {"date": "2024-11-29", "completion": 60, "note": "完成一半"},
            ],
        },
        {"id": "SMX-002", "status": "rectified", "completion": 100, "rectified_on": "2024-09-01"},
        {
            "id": "SMX-003",
            "status": "dismissed",
            "reason": "无权调整",
            "dismissed_on": "2024-08-01",
        },
        {
            "id": "SMX-004",
            "track": "long_term",
            "deadline": "2026-06-30",
            "assigned_on": "2024-09-01",
            "deadline_changes": [{"date": "2024-10-01", "from": "2025-06-30", "to": "2026-06-30"}],
        },
        {
            "id": "SMX-005",
            "status": "closed",
            "completion": 100,
            "rectified_on": "2024-09-01",
            "verification": {"by": "市人大", "date": "2024-10-01"},
        },
        {"id": "SMX-006", "assigned_on": "2025-02-01", "deadline": "2025-06-30"},  # not yet
    ],
    assigned_on="2024-07-10",
    id_prefix="SMX",
)
ON = D(2024, 12, 31)


def carry(old: Ledger = OLD, new: Ledger | None = None, **options: Any) -> CarryResult:
    params: dict[str, Any] = {"ledger_id": "city-2025", "title": "2025年问题清单", **options}
    return carry_over(old, new, as_of=ON, **params)


def test_only_open_and_in_progress_issues_assigned_by_the_date_are_carried() -> None:
    assert [issue.id for issue in to_carry(OLD, ON)] == ["SMX-001", "SMX-004"]
    assert [issue.id for issue in to_carry(OLD, D(2024, 8, 1))] == ["SMX-001"]


def test_carry_over_starts_next_years_ledger() -> None:
    result = carry()
    meta = result.new.ledger
    assert (meta.id, meta.title, meta.supervisor, meta.assigned_on, meta.id_prefix) == (
        "city-2025",
        "2025年问题清单",
        "市人大常委会",
        ON,
        "SMX",
    )
    assert meta.parent is None
    assert [(c.old_id, c.new_id, c.fresh) for c in result.carried] == [
        ("SMX-001", "SMX-001", True),
        ("SMX-004", "SMX-004", True),  # a problem keeps its id across years
    ]
    first, second = result.new.issues
    old_first = OLD.issues[0]
    assert first.carried_from == "city-2024/SMX-001"
    assert first.assigned_on == D(2024, 7, 10)  # the ledger's date, now written out
    assert (first.status.value, first.completion, first.deadline) == (
        "in_progress",
        60,
        D(2024, 11, 15),
    )
    assert (first.lead_unit, first.co_units, first.measures, first.track.value) == (
        old_first.lead_unit,
        ["市财政局"],
        "分批实施",
        "scheduled",
    )
    assert first.progress == old_first.progress
    assert first.progress[-1].note == "完成一半"
    assert second.carried_from == "city-2024/SMX-004"
    assert second.assigned_on == D(2024, 9, 1)
    assert second.deadline_changes == OLD.issues[3].deadline_changes
    assert result.changed


def test_the_old_issue_is_kept_and_says_where_it_went() -> None:
    result = carry(lang="zh")
    assert len(result.old.issues) == len(OLD.issues)
    assert result.noted == ("SMX-001", "SMX-004")
    first = result.old.issues[0]
    assert first.status.value == "in_progress"
    assert first.progress[:-1] == OLD.issues[0].progress
    last = first.progress[-1]
    assert (last.date, last.completion) == (ON, 60)  # same completion: check stays content
    assert last.note == "已结转至 city-2025/SMX-001 继续整改（跨年再盯）"
    assert result.old.issues[3].progress[-1].note == (
        "已结转至 city-2025/SMX-004 继续整改（跨年再盯）"
    )
    assert result.old.issues[3].completion == 0
    english = carry(lang="en")
    assert english.old.issues[0].progress[-1].note == (
        "carried over to city-2025/SMX-001; followed up there"
    )
    assert OLD.issues[0].progress[-1].date == D(2024, 11, 29)  # the input is untouched


def test_carrying_twice_changes_nothing() -> None:
    first = carry()
    again = carry_over(first.old, first.new, as_of=ON)
    assert again.new == first.new
    assert again.old == first.old
    assert again.noted == ()
    assert [(c.old_id, c.new_id, c.fresh) for c in again.carried] == [
        ("SMX-001", "SMX-001", False),
        ("SMX-004", "SMX-004", False),
    ]
    assert not again.changed
    later = carry_over(first.old, first.new, as_of=D(2025, 1, 20))
    assert later.new == first.new and later.old == first.old


def test_appending_to_an_existing_ledger_keeps_free_ids_and_never_takes_a_used_one() -> None:
    existing = ledger(
        "city-2025",
        [{"id": "SMX-001"}],  # a new problem of next year, added before the carry-over
        assigned_on="2025-01-10",
        id_prefix="SMX",
    )
    result = carry_over(OLD, existing, as_of=ON)
    # last year's SMX-001 cannot take the id of another problem: it gets the next free one
    assert [issue.id for issue in result.new.issues] == ["SMX-001", "SMX-002", "SMX-004"]
    assert [i.carried_from for i in result.new.issues] == [
        None,
        "city-2024/SMX-001",
        "city-2024/SMX-004",
    ]
    other = ledger("city-2025", [], assigned_on="2025-01-10", id_prefix="SMX25")
    renamed = carry_over(OLD, other, as_of=ON)  # another prefix: numbered in its own
    assert [issue.id for issue in renamed.new.issues] == ["SMX25-001", "SMX25-002"]
    assert result.new.ledger == existing.ledger
    assert existing.issues == [existing.issues[0]] and len(existing.issues) == 1


def test_a_crash_between_the_two_writes_is_mended_by_a_rerun() -> None:
    new, _ = carry_into(OLD, carry().new.model_copy(update={"issues": []}), as_of=ON)
    # next year's file was written, last year's was not: the rerun adds the notes only
    again = carry_over(OLD, new, as_of=ON)
    assert again.new == new
    assert again.noted == ("SMX-001", "SMX-004")
    assert not any(c.fresh for c in again.carried)


def test_note_carried_leaves_unrelated_ledgers_alone() -> None:
    other = ledger("elsewhere", [{"id": "Q", "carried_from": "city-2023/SMX-001"}])
    same, noted = note_carried(OLD, other, as_of=ON, lang="zh")
    assert same is OLD and noted == []


def test_carry_over_refuses_what_would_break_the_ledgers() -> None:
    with pytest.raises(UsageError) as refused:  # exit 2, as the command line says it
        carry_over(OLD, None, as_of=ON)
    assert refused.value.key == "carry.needs_id_title"
    assert refused.value.exit_code == ExitCode.USAGE
    named = carry_over(OLD, None, as_of=ON, ledger_id="city-2025")  # the title is worked out
    assert named.new.ledger.title == "台账 city-2025"  # last year's, with the new year
    with pytest.raises(DataError) as wrong:
        carry(ledger_id="city-2024")
    assert wrong.value.key == "carry.same_ledger"
    with pytest.raises(DataError) as wrong:
        carry_over(
            OLD,
            None,
            as_of=D(2024, 11, 28),
            ledger_id="city-2025",
            title="T",
        )
    assert wrong.value.key == "carry.progress_after"
    assert wrong.value.params["id"] == "SMX-001"


def test_prefix_of_next_years_ledger() -> None:
    assert derive_prefix(OLD, "x-2025") == "SMX"
    bare = ledger("smx-city-2024", [])
    assert derive_prefix(bare, "smx-city-2025") == "SMX"
    assert carry(prefix="SM25").new.issues[0].id == "SM25-001"


def test_a_roll_up_of_both_years_counts_each_problem_once() -> None:
    result = carry()
    before = items([OLD])
    after = items([result.old, result.new])
    for month in months_between((2024, 7), (2025, 3)):
        day = month_end(*month)
        assert figures(after, day) == figures(before, day), day
    assert figures(after, ON).counted == 4
    assert figures(after, ON, dedupe=False).counted == 6


def test_chase_list_chases_a_carried_problem_once() -> None:
    result = carry()
    pool = items([result.old, result.new])
    units = chase_list(pool, D(2025, 1, 20))
    chased = [(e.item.ledger_id, e.item.issue.id) for u in units for e in u.entries]
    # last year's links are not chased; SMX-004 has never reported
    assert chased == [("city-2025", "SMX-001"), ("city-2025", "SMX-004")]
