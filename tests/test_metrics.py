"""Figures of the contract, pinned on small hand-made ledgers."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest

from rectify.dates import month_end
from rectify.figures.months import monthly_series, months_between
from rectify.figures.state import (
    Item,
    completion_on,
    days_left,
    days_overdue,
    deadline_on,
    dedupe_carried,
    is_closed,
    is_overdue,
    is_rectified,
    issue_state,
    items,
)
from rectify.figures.tally import figures, group_figures
from rectify.model import Ledger
from rectify.numbers import format_completion, format_percent, format_points

D = dt.date


def ledger(ledger_id: str, issues: list[dict[str, Any]], **meta: Any) -> Ledger:
    """A ledger built through the pydantic model, with defaults for required keys."""
    header = {"id": ledger_id, "title": f"台账 {ledger_id}", **meta}
    full = [
        {"title": f"问题 {spec['id']}", "lead_unit": "市住建局", "deadline": "2024-12-31", **spec}
        for spec in issues
    ]
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": full})


def one(spec: dict[str, Any], assigned_on: str = "2024-07-10") -> Item:
    """A single issue in a ledger of its own."""
    return items([ledger("solo", [spec], assigned_on=assigned_on)])[0]


# A: in progress, deadline extended on 2024-12-20 from 2024-12-31 to 2025-06-30.
# B: rectified on time. C: closed (rectified 08-20, verified 10-10). D: dismissed 09-10.
# E: not started, assigned later. F: rectified late, after its deadline.
CITY = ledger(
    "smx-city-2024",
    [
        {
            "id": "A",
            "source": "province",
            "lead_unit": "市住建局",
            "co_units": ["市民政局"],
            "deadline": "2025-06-30",
            "status": "in_progress",
            "completion": 74.4,
            "progress": [
                {"date": "2024-08-31", "completion": 40},
                {"date": "2024-10-31", "completion": 74.4},
            ],
            "deadline_changes": [
                {"date": "2024-12-20", "from": "2024-12-31", "to": "2025-06-30"},
            ],
        },
        {
            "id": "B",
            "source": "province",
            "lead_unit": "市民政局",
            "deadline": "2024-09-30",
            "status": "rectified",
            "completion": 100,
            "rectified_on": "2024-09-15",
            "progress": [
                {"date": "2024-08-31", "completion": 50},
                {"date": "2024-09-15", "completion": 100},
            ],
        },
        {
            "id": "C",
            "source": "inspection",
            "lead_unit": "市住建局",
            "co_units": ["市民政局", "市财政局", "市民政局"],
            "deadline": "2024-08-31",
            "status": "closed",
            "completion": 100,
            "rectified_on": "2024-08-20",
            "progress": [{"date": "2024-08-20", "completion": 100}],
            "verification": {"by": "市人大社会建设委员会", "date": "2024-10-10"},
        },
        {
            "id": "D",
            "source": "deliberation",
            "lead_unit": "市财政局",
            "deadline": "2024-12-31",
            "status": "dismissed",
            "reason": "不属于本级事权",
            "dismissed_on": "2024-09-10",
        },
        {
            "id": "E",
            "source": "deliberation",
            "lead_unit": "市民政局",
            "assigned_on": "2024-08-15",
            "deadline": "2024-10-31",
        },
        {
            "id": "F",
            "source": "province",
            "track": "immediate",
            "lead_unit": "市住建局",
            "deadline": "2024-09-30",
            "status": "rectified",
            "completion": 100,
            "rectified_on": "2024-11-05",
            "progress": [
                {"date": "2024-10-31", "completion": 60},
                {"date": "2024-11-05", "completion": 100},
            ],
        },
    ],
    assigned_on="2024-07-10",
    parent="hn-province-2024",
)


def city() -> list[Item]:
    return items([CITY])


def by_id(issue_id: str) -> Item:
    return next(item for item in city() if item.issue.id == issue_id)


# --- the whole ledger on a date ----------------------------------------------------


def test_figures_on_2024_10_31_pins_every_figure() -> None:
    figs = figures(city(), D(2024, 10, 31))
    assert figs.as_of == D(2024, 10, 31)
    assert figs.due_soon_days == 14
    assert figs.total == 6
    assert figs.dismissed == 1
    assert figs.counted == 5
    assert figs.rectified == 2  # B and C; F is rectified only on 11-05
    assert figs.closed == 1  # C, verified 10-10
    assert (figs.open, figs.in_progress) == (1, 2)  # E; A and F
    assert figs.overdue == 1  # F, deadline 09-30
    assert figs.due_soon == 1  # E, deadline on the day itself
    assert figs.within_period == 2  # A and E
    assert figs.on_time == 2
    assert figs.extensions == 0  # A's change is dated 12-20
    assert figs.rectified_rate == Fraction(2, 5)
    assert figs.closed_rate == Fraction(1, 5)
    assert figs.completion_sum == Fraction("334.4")
    assert figs.mean_completion == Fraction(1672, 25)
    assert figs.on_time_rate == 1
    assert format_percent(figs.rectified_rate) == "40.0%"
    assert format_completion(figs.mean_completion) == "66.8%"


def test_figures_on_2025_01_31_after_the_extension_and_late_rectification() -> None:
    figs = figures(city(), D(2025, 1, 31))
    assert (figs.total, figs.counted, figs.dismissed) == (6, 5, 1)
    assert (figs.rectified, figs.closed) == (3, 1)
    assert (figs.open, figs.in_progress) == (1, 1)
    assert figs.overdue == 1  # E; A's deadline in force is now 2025-06-30
    assert figs.due_soon == 0
    assert figs.within_period == 1
    assert figs.extensions == 1
    assert figs.mean_completion == Fraction(1872, 25)
    assert figs.on_time == 2  # F came after its original deadline
    assert figs.on_time_rate == Fraction(2, 3)
    assert format_percent(figs.on_time_rate) == "66.6%"
    assert figs.rectified_rate == Fraction(3, 5)
    assert figs.closed_rate == Fraction(1, 5)


def test_before_the_ledger_was_assigned_nothing_exists() -> None:
    figs = figures(city(), D(2024, 7, 9))
    assert (figs.total, figs.counted, figs.rectified) == (0, 0, 0)
    assert figs.rectified_rate is None
    assert figs.mean_completion is None


def test_dismissed_issue_is_counted_until_its_dismissal_date() -> None:
    item = by_id("D")
    before, on = issue_state(item, D(2024, 9, 9)), issue_state(item, D(2024, 9, 10))
    assert (before.counted, before.dismissed, before.open) == (True, False, True)
    assert (on.counted, on.dismissed, on.open, on.within_period) == (False, True, False, False)
    assert figures(city(), D(2024, 9, 9)).counted == 6
    assert figures(city(), D(2024, 9, 10)).counted == 5
    assert figures(city(), D(2024, 9, 10)).total == 6


def test_issue_exists_from_its_own_assigned_date() -> None:
    item = by_id("E")
    assert item.assigned_on == D(2024, 8, 15)
    assert not issue_state(item, D(2024, 8, 14)).exists
    assert issue_state(item, D(2024, 8, 15)).exists
    assert figures(city(), D(2024, 8, 14)).total == 5
    assert figures(city(), D(2024, 8, 15)).total == 6


def test_issue_without_any_assigned_date_always_exists() -> None:
    item = items([ledger("x", [{"id": "X-1"}])])[0]
    assert item.assigned_on is None
    assert issue_state(item, D(2000, 1, 1)).exists


# --- one issue on a date -------------------------------------------------------------


def test_completion_follows_progress_entries_on_past_dates() -> None:
    issue = by_id("A").issue
    assert completion_on(issue, D(2024, 8, 30)) == 0  # entries exist, none dated yet
    assert completion_on(issue, D(2024, 8, 31)) == 40
    assert completion_on(issue, D(2024, 10, 30)) == 40
    assert completion_on(issue, D(2024, 10, 31)) == Fraction(744, 10)
    assert completion_on(issue, D(2030, 1, 1)) == Fraction(744, 10)


def test_completion_is_100_from_the_rectification_date() -> None:
    issue = by_id("F").issue
    assert completion_on(issue, D(2024, 11, 4)) == 60
    assert completion_on(issue, D(2024, 11, 5)) == 100


def test_completion_field_is_used_when_there_is_no_progress() -> None:
    item = one({"id": "X", "status": "in_progress", "completion": 33.3})
    assert completion_on(item.issue, D(2024, 7, 10)) == Fraction(333, 10)
    assert issue_state(item, D(2024, 7, 10)).in_progress


def test_rectified_issue_completion_counts_as_100_even_if_field_disagrees() -> None:
    item = one({"id": "X", "status": "rectified", "completion": 90, "rectified_on": "2024-08-01"})
    assert completion_on(item.issue, D(2024, 8, 1)) == 100
    assert completion_on(item.issue, D(2024, 7, 31)) == 90


def test_closed_versus_rectified_by_verification_date() -> None:
    issue = by_id("C").issue
    assert not is_rectified(issue, D(2024, 8, 19))
    assert is_rectified(issue, D(2024, 8, 20))
    assert not is_closed(issue, D(2024, 10, 9))
    assert is_closed(issue, D(2024, 10, 10))
    assert figures(city(), D(2024, 10, 9)).closed == 0
    assert figures(city(), D(2024, 10, 10)).closed == 1
    assert figures(city(), D(2024, 10, 10)).rectified == 2


def test_rectified_status_without_date_is_not_rectified() -> None:
    item = one({"id": "X", "status": "rectified", "completion": 100})
    assert not issue_state(item, D(2025, 1, 1)).rectified


def test_closed_without_verification_date_is_rectified_but_not_closed() -> None:
    item = one(
        {
            "id": "X",
            "status": "closed",
            "completion": 100,
            "rectified_on": "2024-08-01",
            "verification": {"by": "委员会"},
        }
    )
    state = issue_state(item, D(2025, 1, 1))
    assert (state.rectified, state.closed) == (True, False)


def test_deadline_in_force_before_and_after_a_change() -> None:
    issue = by_id("A").issue
    assert deadline_on(issue, D(2024, 12, 19)) == D(2024, 12, 31)
    assert deadline_on(issue, D(2024, 12, 20)) == D(2025, 6, 30)
    assert issue.original_deadline == D(2024, 12, 31)


def test_deadline_in_force_with_two_changes() -> None:
    item = one(
        {
            "id": "X",
            "deadline": "2025-09-30",
            "deadline_changes": [
                {"date": "2024-10-01", "from": "2024-10-31", "to": "2025-03-31"},
                {"date": "2025-03-01", "from": "2025-03-31", "to": "2025-09-30"},
            ],
        }
    )
    assert deadline_on(item.issue, D(2024, 9, 30)) == D(2024, 10, 31)
    assert deadline_on(item.issue, D(2024, 10, 1)) == D(2025, 3, 31)
    assert deadline_on(item.issue, D(2025, 2, 28)) == D(2025, 3, 31)
    assert deadline_on(item.issue, D(2025, 3, 1)) == D(2025, 9, 30)
    assert issue_state(item, D(2025, 2, 28)).extensions == 1
    assert issue_state(item, D(2025, 3, 1)).extensions == 2
    assert figures([item], D(2025, 3, 1)).extensions == 2


def test_overdue_switches_off_when_the_deadline_is_extended() -> None:
    item = one(
        {
            "id": "X",
            "status": "in_progress",
            "completion": 50,
            "deadline": "2025-03-31",
            "deadline_changes": [{"date": "2025-01-10", "from": "2024-12-31", "to": "2025-03-31"}],
        }
    )
    assert not is_overdue(item, D(2024, 12, 31))
    assert is_overdue(item, D(2025, 1, 1))
    assert days_overdue(item, D(2025, 1, 5)) == 5
    assert days_left(item, D(2025, 1, 5)) == -5
    assert not is_overdue(item, D(2025, 1, 10))
    assert days_overdue(item, D(2025, 1, 10)) == 0
    assert days_left(item, D(2025, 1, 10)) == 80
    assert figures([item], D(2025, 1, 9)).overdue == 1
    assert figures([item], D(2025, 1, 10)).overdue == 0
    assert figures([item], D(2025, 1, 10)).within_period == 1


def test_rectified_or_dismissed_issue_is_never_overdue() -> None:
    assert not is_overdue(by_id("F"), D(2024, 11, 5))
    assert is_overdue(by_id("F"), D(2024, 11, 4))
    assert days_overdue(by_id("F"), D(2024, 11, 4)) == 35
    assert not is_overdue(by_id("D"), D(2025, 6, 1))  # dismissed, deadline long past


@pytest.mark.parametrize(
    ("as_of", "window", "due_soon", "overdue"),
    [
        (D(2024, 10, 30), 14, False, False),  # deadline is D + 15
        (D(2024, 10, 31), 14, True, False),  # deadline is D + 14: included
        (D(2024, 11, 14), 14, True, False),  # deadline is D itself: included
        (D(2024, 11, 15), 14, False, True),  # one day late
        (D(2024, 11, 13), 0, False, False),
        (D(2024, 11, 14), 0, True, False),
        (D(2024, 11, 4), 10, True, False),
        (D(2024, 11, 3), 10, False, False),
    ],
)
def test_due_soon_window_boundaries(
    as_of: dt.date, window: int, due_soon: bool, overdue: bool
) -> None:
    item = one({"id": "X", "deadline": "2024-11-14"})
    state = issue_state(item, as_of, due_soon_days=window)
    assert (state.due_soon, state.overdue) == (due_soon, overdue)
    figs = figures([item], as_of, due_soon_days=window)
    assert (figs.due_soon, figs.overdue, figs.due_soon_days) == (
        int(due_soon),
        int(overdue),
        window,
    )


def test_rectified_issue_is_not_due_soon() -> None:
    item = one(
        {
            "id": "X",
            "deadline": "2024-11-14",
            "status": "rectified",
            "completion": 100,
            "rectified_on": "2024-11-01",
        }
    )
    assert issue_state(item, D(2024, 11, 1)).due_soon is False
    assert issue_state(item, D(2024, 10, 31)).due_soon is True


def test_on_time_is_judged_against_the_original_deadline() -> None:
    late_but_extended = one(
        {
            "id": "X",
            "deadline": "2025-03-31",
            "status": "rectified",
            "completion": 100,
            "rectified_on": "2025-02-01",
            "deadline_changes": [{"date": "2024-12-01", "from": "2024-12-31", "to": "2025-03-31"}],
        }
    )
    on_the_day = one(
        {
            "id": "Y",
            "deadline": "2024-12-31",
            "status": "rectified",
            "completion": 100,
            "rectified_on": "2024-12-31",
        }
    )
    figs = figures([late_but_extended, on_the_day], D(2025, 3, 1))
    assert (figs.rectified, figs.on_time, figs.on_time_rate) == (2, 1, Fraction(1, 2))
    assert figs.extensions == 1


def test_state_of_a_not_yet_existing_issue_has_no_flags() -> None:
    state = issue_state(by_id("E"), D(2024, 8, 1))
    assert not any(
        (
            state.exists,
            state.counted,
            state.dismissed,
            state.rectified,
            state.overdue,
            state.due_soon,
            state.within_period,
            state.open,
            state.in_progress,
        )
    )


# --- empty and degenerate sets --------------------------------------------------------


def test_empty_ledger_has_no_rates_and_never_divides_by_zero() -> None:
    figs = figures(items([ledger("empty", [], assigned_on="2024-07-10")]), D(2024, 12, 31))
    assert (figs.total, figs.counted, figs.rectified, figs.closed, figs.dismissed) == (0,) * 5
    assert figs.rectified_rate is None
    assert figs.closed_rate is None
    assert figs.mean_completion is None
    assert figs.on_time_rate is None
    assert figs.completion_sum == 0
    assert format_percent(figs.rectified_rate) == "—"
    assert format_completion(figs.mean_completion) == "—"
    assert group_figures([], D(2024, 12, 31), "unit") == []
    rows = monthly_series([], (2024, 1), (2024, 2))
    assert [(row.counted, row.rectified_rate, row.change_pp) for row in rows] == [
        (0, None, None),
        (0, None, None),
    ]


def test_only_dismissed_issues_leave_rates_undefined() -> None:
    item = one({"id": "X", "status": "dismissed", "reason": "重复", "dismissed_on": "2024-08-01"})
    figs = figures([item], D(2024, 9, 1))
    assert (figs.total, figs.counted, figs.dismissed) == (1, 0, 1)
    assert (figs.rectified_rate, figs.mean_completion, figs.on_time_rate) == (None, None, None)


def test_no_rectified_issue_gives_no_on_time_rate() -> None:
    figs = figures([by_id("E")], D(2024, 9, 1))
    assert (figs.rectified_rate, figs.on_time_rate) == (Fraction(0), None)


# --- carried-over problems ------------------------------------------------------------


def chain() -> list[Item]:
    """A problem carried over twice (2022 -> 2023 -> 2024), plus an unrelated one."""
    y2022 = ledger(
        "city-2022",
        [{"id": "P-007"}, {"id": "P-008", "lead_unit": "市民政局"}],
        assigned_on="2022-03-01",
    )
    y2023 = ledger(
        "city-2023", [{"id": "P-001", "carried_from": "city-2022/P-007"}], assigned_on="2023-03-01"
    )
    y2024 = ledger(
        "city-2024", [{"id": "P-001", "carried_from": "city-2023/P-001"}], assigned_on="2024-03-01"
    )
    return items([y2022, y2023, y2024])


def test_dedupe_keeps_only_the_last_link_of_a_chain_of_three() -> None:
    kept = dedupe_carried(chain())
    assert [item.key for item in kept] == ["city-2022/P-008", "city-2024/P-001"]


def test_dedupe_on_a_date_keeps_the_newest_link_existing_then() -> None:
    assert [item.key for item in dedupe_carried(chain(), D(2022, 12, 31))] == [
        "city-2022/P-007",
        "city-2022/P-008",
        "city-2023/P-001",
        "city-2024/P-001",
    ]
    assert [item.key for item in dedupe_carried(chain(), D(2023, 12, 31))] == [
        "city-2022/P-008",
        "city-2023/P-001",
        "city-2024/P-001",
    ]
    assert [item.key for item in dedupe_carried(chain(), D(2024, 3, 1))] == [
        "city-2022/P-008",
        "city-2024/P-001",
    ]


def test_roll_up_counts_a_carried_problem_once_on_every_date() -> None:
    assert figures(chain(), D(2022, 12, 31)).total == 2
    assert figures(chain(), D(2023, 12, 31)).total == 2
    assert figures(chain(), D(2024, 12, 31)).total == 2
    assert figures(chain(), D(2024, 12, 31), dedupe=False).total == 4
    rows = monthly_series(chain(), (2023, 2), (2023, 3))
    assert [row.assigned_to_date for row in rows] == [2, 2]
    assert [row.assigned_in_month for row in rows] == [0, 1]


def test_dedupe_ignores_a_self_reference_and_links_to_ledgers_not_rolled_up() -> None:
    pool = items(
        [
            ledger(
                "a",
                [
                    {"id": "A-1", "carried_from": "a/A-1"},
                    {"id": "A-2", "carried_from": "elsewhere/Z-9"},
                ],
            )
        ]
    )
    assert [item.key for item in dedupe_carried(pool)] == ["a/A-1", "a/A-2"]


# --- groups ---------------------------------------------------------------------------


def summary(groups: list[Any]) -> list[tuple[str, int, int, int]]:
    return [(g.key, g.figures.total, g.figures.counted, g.figures.rectified) for g in groups]


def test_group_by_lead_unit() -> None:
    groups = group_figures(city(), D(2024, 10, 31), "unit")
    assert summary(groups) == [
        ("市住建局", 3, 3, 1),  # A, C, F
        ("市民政局", 2, 2, 1),  # B, E
        ("市财政局", 1, 0, 0),  # D, dismissed
    ]
    by_key = {g.key: g.figures for g in groups}
    assert (by_key["市住建局"].total, by_key["市住建局"].rectified, by_key["市住建局"].overdue) == (
        3,
        1,
        1,
    )
    assert by_key["市住建局"].mean_completion == Fraction("234.4") / 3
    assert (by_key["市民政局"].total, by_key["市民政局"].rectified) == (2, 1)
    assert by_key["市民政局"].rectified_rate == Fraction(1, 2)
    assert (by_key["市财政局"].total, by_key["市财政局"].counted) == (1, 0)
    assert by_key["市财政局"].rectified_rate is None
    assert all(g.parent is None for g in groups)


def test_group_by_co_unit_counts_an_issue_once_in_each_and_skips_issues_without() -> None:
    groups = group_figures(city(), D(2024, 10, 31), "co-unit")
    assert summary(groups) == [
        ("市民政局", 2, 2, 1),  # A and C (C names it twice, counted once)
        ("市财政局", 1, 1, 1),  # C
    ]


def test_group_by_source_in_declared_order() -> None:
    groups = group_figures(city(), D(2024, 10, 31), "source")
    assert summary(groups) == [
        ("province", 3, 3, 1),  # A, B, F
        ("inspection", 1, 1, 1),  # C
        ("deliberation", 2, 1, 0),  # D dismissed, E
    ]


def test_group_by_track_in_declared_order() -> None:
    groups = group_figures(city(), D(2024, 11, 30), "track")
    assert summary(groups) == [
        ("immediate", 1, 1, 1),  # F
        ("scheduled", 5, 4, 2),
    ]


def test_group_by_ledger_carries_the_parent_id_and_drops_superseded_links() -> None:
    county = ledger(
        "lingbao-2024",
        [
            {
                "id": "LB-1",
                "status": "rectified",
                "completion": 100,
                "rectified_on": "2024-09-01",
            },
            {"id": "LB-2"},
        ],
        assigned_on="2024-07-15",
        parent="smx-city-2024",
    )
    groups = group_figures(items([CITY, county]), D(2024, 10, 31), "ledger")
    assert [(g.key, g.parent, g.figures.counted, g.figures.rectified) for g in groups] == [
        ("lingbao-2024", "smx-city-2024", 2, 1),
        ("smx-city-2024", "hn-province-2024", 5, 2),
    ]
    carried = group_figures(chain(), D(2024, 12, 31), "ledger")
    assert [(g.key, g.figures.total) for g in carried] == [("city-2022", 1), ("city-2024", 1)]


def test_groups_with_no_issue_existing_on_the_date_are_left_out() -> None:
    groups = group_figures(city(), D(2024, 8, 1), "source")
    assert [g.key for g in groups] == ["province", "inspection", "deliberation"]
    assert [g.figures.total for g in groups] == [3, 1, 1]  # E not assigned yet
    only_e = [by_id("E")]
    assert group_figures(only_e, D(2024, 8, 1), "unit") == []


def test_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown grouping 'owner'"):
        group_figures(city(), D(2024, 10, 31), "owner")  # type: ignore[arg-type]


# --- month ends -----------------------------------------------------------------------


def test_month_end_and_months_between() -> None:
    assert month_end(2024, 2) == D(2024, 2, 29)
    assert month_end(2023, 2) == D(2023, 2, 28)
    assert month_end(2024, 12) == D(2024, 12, 31)
    assert month_end(2024, 9) == D(2024, 9, 30)
    assert months_between((2024, 11), (2025, 2)) == [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    assert months_between((2024, 5), (2024, 5)) == [(2024, 5)]
    assert months_between((2024, 6), (2024, 5)) == []


def test_monthly_series_flows_stocks_and_change_in_points() -> None:
    rows = monthly_series(city(), (2024, 7), (2024, 11))
    assert [(row.year, row.month, row.as_of) for row in rows] == [
        (2024, 7, D(2024, 7, 31)),
        (2024, 8, D(2024, 8, 31)),
        (2024, 9, D(2024, 9, 30)),
        (2024, 10, D(2024, 10, 31)),
        (2024, 11, D(2024, 11, 30)),
    ]
    assert [(row.assigned_in_month, row.assigned_to_date) for row in rows] == [
        (5, 5),
        (1, 6),
        (0, 6),
        (0, 6),
        (0, 6),
    ]
    assert [(row.rectified_in_month, row.rectified_to_date) for row in rows] == [
        (0, 0),
        (1, 1),
        (1, 2),
        (0, 2),
        (1, 3),
    ]
    assert [row.counted for row in rows] == [5, 6, 5, 5, 5]
    assert [row.rectified_rate for row in rows] == [
        Fraction(0),
        Fraction(1, 6),
        Fraction(2, 5),
        Fraction(2, 5),
        Fraction(3, 5),
    ]
    assert [row.change_pp for row in rows] == [
        None,
        Fraction(50, 3),
        Fraction(70, 3),
        Fraction(0),
        Fraction(20),
    ]
    assert [format_points(row.change_pp) for row in rows] == ["—", "16.6", "23.3", "0.0", "20.0"]
    assert [row.mean_completion for row in rows] == [
        Fraction(0),
        Fraction(95, 3),
        Fraction(48),
        Fraction(1672, 25),
        Fraction(1872, 25),
    ]
    assert [row.overdue for row in rows] == [0, 0, 0, 1, 1]
    assert [row.closed for row in rows] == [0, 0, 0, 1, 1]
    assert rows[3].figures == figures(city(), D(2024, 10, 31))


def test_monthly_change_is_none_next_to_an_undefined_rate() -> None:
    rows = monthly_series(items([CITY]), (2024, 6), (2024, 8))
    assert [row.rectified_rate for row in rows] == [None, Fraction(0), Fraction(1, 6)]
    assert [row.change_pp for row in rows] == [None, None, Fraction(50, 3)]


def test_monthly_change_can_be_negative() -> None:
    # The rate falls when new issues arrive faster than old ones are fixed.
    pool = items(
        [
            ledger(
                "x",
                [
                    {
                        "id": "X-1",
                        "status": "rectified",
                        "completion": 100,
                        "rectified_on": "2024-01-10",
                    },
                    {"id": "X-2"},
                    {"id": "X-3", "assigned_on": "2024-02-05"},
                ],
                assigned_on="2024-01-02",
            )
        ]
    )
    rows = monthly_series(pool, (2024, 1), (2024, 2))
    assert [row.change_pp for row in rows] == [None, Fraction(-50, 3)]
    assert format_points(rows[1].change_pp) == "-16.6"


# --- printing numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(2, 3), "66.6%"),
        (Fraction(19, 26), "73.0%"),
        (Fraction(29, 100), "29.0%"),
        (Fraction(30, 41), "73.1%"),
        (Fraction(1), "100.0%"),
        (1, "100.0%"),
        (Fraction(0), "0.0%"),
        (Fraction(1, 1000), "0.1%"),
        (Fraction(999, 1000), "99.9%"),
        (Fraction(9999, 10000), "99.9%"),
        (Fraction(1, 3), "33.3%"),
        (None, "—"),
    ],
)
def test_format_percent_cuts_toward_zero(value: Fraction | int | None, text: str) -> None:
    assert format_percent(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(8), "8.0"),
        (Fraction(-23, 10), "-2.3"),
        (Fraction(-70, 3), "-23.3"),
        (Fraction(70, 3), "23.3"),
        (Fraction(-1, 30), "0.0"),
        (Fraction(0), "0.0"),
        (Fraction(100), "100.0"),
        (None, "—"),
    ],
)
def test_format_points_cuts_toward_zero(value: Fraction | None, text: str) -> None:
    assert format_points(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(744, 10), "74.4%"),
        (Fraction(1672, 25), "66.8%"),
        (Fraction(200, 3), "66.6%"),
        (Fraction(100), "100.0%"),
        (Fraction(0), "0.0%"),
        (None, "—"),
    ],
)
def test_format_completion_cuts_toward_zero(value: Fraction | None, text: str) -> None:
    assert format_completion(value) == text


def test_completion_floats_become_exact_fractions() -> None:
    item = one({"id": "X", "status": "in_progress", "completion": 0.1})
    assert completion_on(item.issue, D(2024, 8, 1)) == Fraction(1, 10)
    # three issues at 0.1 % must add up to exactly 0.3, which floats do not
    pool = items([ledger("x", [{"id": f"X-{n}", "completion": 0.1} for n in range(3)])])
    assert figures(pool, D(2024, 8, 1)).completion_sum == Fraction(3, 10)


def test_one_cut_for_every_output() -> None:
    """cut_tenths is exact; sheet cells and CSV text come from it, never from a float round."""
    from rectify.io.sheets.cells import Percent
    from rectify.io.sheets.files import csv_field
    from rectify.numbers import cut_rate, cut_tenths, stored_number

    assert cut_tenths(Fraction(223, 3)) == Fraction(743, 10)
    assert cut_tenths(Fraction(-7, 3)) == Fraction(-23, 10)
    assert cut_rate(Fraction(29, 100)) == Fraction(29, 100)
    assert cut_rate(Fraction(2, 3)) == Fraction(666, 1000)
    assert csv_field(Percent(float(cut_rate(Fraction(2, 3))))) == "66.6%"
    assert csv_field(Percent(0.29)) == "29.0%"
    assert (stored_number(100.0), stored_number(74.4), stored_number(Fraction(1, 2))) == (
        "100",
        "74.4",
        "0.5",
    )
