"""Properties of the figures that must hold for any ledger (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify.dates import month_end
from rectify.figures.months import month_of, monthly_series
from rectify.figures.state import items
from rectify.figures.tally import GROUP_BY, Figures, figures, group_figures
from rectify.model import Issue, Ledger, Status

BASE = dt.date(2023, 1, 1)
SPAN = 730  # days of history the generated ledgers cover
FIRST_MONTH = (2022, 12)
LAST_MONTH = (2025, 1)

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None)


def day(offset: int) -> dt.date:
    return BASE + dt.timedelta(days=offset)


def iso(offset: int) -> str:
    return day(offset).isoformat()


MONTH_END_OFFSETS = [
    (month_end(year, month) - BASE).days for year in (2023, 2024, 2025) for month in range(1, 13)
]


def offsets(low: int, high: int) -> st.SearchStrategy[int]:
    """Day offsets from BASE, often a month end, where a cut-off makes a difference."""
    ends = [offset for offset in MONTH_END_OFFSETS if low <= offset <= high]
    return st.integers(low, high) | st.sampled_from(ends) if ends else st.integers(low, high)


@st.composite
def issue_specs(draw: st.DrawFn, issue_id: str, ledger_start: int | None) -> dict[str, Any]:
    """One issue with a coherent dated history, as a ledger file would hold it."""
    own_start = draw(st.none() | offsets(0, SPAN // 2))
    start = own_start if own_start is not None else (ledger_start or 0)
    spec: dict[str, Any] = {
        "id": issue_id,
        "title": f"问题 {issue_id}",
        "lead_unit": draw(st.sampled_from(["市住建局", "市民政局", "市财政局"])),
        "co_units": draw(st.lists(st.sampled_from(["市民政局", "市卫健委"]), max_size=2)),
        "source": draw(st.sampled_from(["province", "inspection", "deliberation", "other"])),
        "track": draw(st.sampled_from(["immediate", "scheduled", "long_term"])),
    }
    if own_start is not None:
        spec["assigned_on"] = iso(own_start)

    status = draw(st.sampled_from(list(Status)))
    spec["status"] = status.value
    done = status in (Status.RECTIFIED, Status.CLOSED)
    # a rectified issue reports progress up to its rectification date, then 100
    rectified = draw(offsets(start, SPAN)) if done else SPAN
    progress_days = sorted(draw(st.lists(offsets(start, rectified), max_size=4)))
    progress = [
        {"date": iso(d), "completion": draw(st.integers(0, 1000)) / 10} for d in progress_days
    ]
    spec["progress"] = progress
    spec["completion"] = progress[-1]["completion"] if progress else draw(st.integers(0, 1000)) / 10

    deadlines = [draw(offsets(start, SPAN + 60))]
    change_days = sorted(draw(st.lists(offsets(start, SPAN), max_size=3)))
    changes = []
    for when in change_days:
        new = draw(offsets(start, SPAN + 120))
        changes.append({"date": iso(when), "from": iso(deadlines[-1]), "to": iso(new)})
        deadlines.append(new)
    spec["deadline_changes"] = changes
    spec["deadline"] = iso(deadlines[-1])

    if done:
        spec["rectified_on"] = iso(rectified)
        spec["completion"] = 100
        if progress:
            progress.append({"date": iso(rectified), "completion": 100})
        if status is Status.CLOSED:
            verified = draw(offsets(rectified, SPAN + 30))
            spec["verification"] = {"by": "委员会", "date": iso(verified)}
    elif status is Status.DISMISSED:
        spec["reason"] = "不属于本级事权"
        spec["dismissed_on"] = iso(draw(offsets(start, SPAN)))
    return spec


@st.composite
def rollups(draw: st.DrawFn) -> list[Ledger]:
    """One or two ledgers; the second may carry problems over from the first."""
    ledgers: list[Ledger] = []
    previous_ids: list[str] = []
    for number in range(draw(st.integers(1, 2))):
        ledger_id = f"l{number}"
        start = draw(st.none() | offsets(0, SPAN // 3))
        specs = [
            draw(issue_specs(f"{ledger_id.upper()}-{n}", start))
            for n in range(draw(st.integers(0, 6)))
        ]
        for spec in specs:
            carried = draw(st.booleans())
            if previous_ids and carried:
                spec["carried_from"] = f"l{number - 1}/{draw(st.sampled_from(previous_ids))}"
        meta: dict[str, Any] = {"id": ledger_id, "title": f"台账 {ledger_id}"}
        if start is not None:
            meta["assigned_on"] = iso(start)
        if number:
            meta["parent"] = "l0"
        ledgers.append(Ledger.model_validate({"ledger": meta, "issues": specs}))
        previous_ids = [spec["id"] for spec in specs]
    return ledgers


# --- truncation: the ledger as it stood at the end of a month ---------------------------


def truncate_issue(issue: Issue, assigned: dt.date | None, cut: dt.date) -> Issue | None:
    """The issue as it was recorded on `cut`: later history dropped; None if not yet assigned."""
    if assigned is not None and assigned > cut:
        return None
    update: dict[str, Any] = {}
    if issue.progress:
        kept = [entry for entry in issue.progress if entry.date <= cut]
        update["progress"] = kept
        update["completion"] = kept[-1].completion if kept else 0.0
    kept_changes = [change for change in issue.deadline_changes if change.date <= cut]
    if len(kept_changes) < len(issue.deadline_changes):
        update["deadline"] = issue.deadline_changes[len(kept_changes)].from_
    update["deadline_changes"] = kept_changes
    status = issue.status
    if status in (Status.RECTIFIED, Status.CLOSED) and not (
        issue.rectified_on and issue.rectified_on <= cut
    ):
        status = Status.IN_PROGRESS
        update["rectified_on"] = None
        update["verification"] = None
    if status is Status.CLOSED:
        verified = issue.verification.date if issue.verification else None
        if verified is None or verified > cut:
            status = Status.RECTIFIED
            update["verification"] = None
    if issue.dismissed_on is not None and issue.dismissed_on > cut:
        status = Status.IN_PROGRESS
        update["dismissed_on"] = None
        update["reason"] = None
    update["status"] = status
    return issue.model_copy(update=update)


def truncate(ledgers: list[Ledger], cut: dt.date) -> list[Ledger]:
    """Every ledger as it was recorded on `cut`."""
    result = []
    for ledger in ledgers:
        kept = [
            issue
            for issue in (truncate_issue(i, ledger.assigned_on(i), cut) for i in ledger.issues)
            if issue is not None
        ]
        result.append(ledger.model_copy(update={"issues": kept}))
    return result


# --- properties -----------------------------------------------------------------------


def assert_within_bounds(figs: Figures) -> None:
    for value in (figs.rectified_rate, figs.closed_rate, figs.on_time_rate):
        assert value is None or 0 <= value <= 1
    assert figs.mean_completion is None or 0 <= figs.mean_completion <= 100
    assert figs.counted + figs.dismissed == figs.total
    assert figs.open + figs.in_progress + figs.rectified == figs.counted
    assert figs.within_period + figs.overdue + figs.rectified == figs.counted
    assert figs.closed <= figs.rectified
    assert figs.on_time <= figs.rectified
    assert figs.due_soon <= figs.within_period
    assert (figs.rectified_rate is None) == (figs.counted == 0)


@PROPERTY_SETTINGS
@given(rollups(), st.integers(-30, SPAN + 90), st.integers(0, 60))
def test_rates_stay_in_bounds_and_counts_add_up(
    ledgers: list[Ledger], offset: int, window: int
) -> None:
    as_of = day(offset)
    pool = items(ledgers)
    assert_within_bounds(figures(pool, as_of, due_soon_days=window))
    assert_within_bounds(figures(pool, as_of, due_soon_days=window, dedupe=False))
    for by in GROUP_BY:
        for group in group_figures(pool, as_of, by, due_soon_days=window):
            assert_within_bounds(group.figures)
            assert group.figures.total > 0


@PROPERTY_SETTINGS
@given(rollups(), st.integers(-30, SPAN + 30))
def test_groups_partition_the_total(ledgers: list[Ledger], offset: int) -> None:
    as_of = day(offset)
    pool = items(ledgers)
    whole = figures(pool, as_of)
    for by in ("unit", "source", "track", "ledger"):
        groups = group_figures(pool, as_of, by)
        assert sum(g.figures.total for g in groups) == whole.total
        assert sum(g.figures.rectified for g in groups) == whole.rectified
        assert sum(g.figures.completion_sum for g in groups) == whole.completion_sum


@PROPERTY_SETTINGS
@given(rollups(), st.integers(-30, SPAN))
def test_past_month_figures_depend_only_on_history_dated_by_then(
    ledgers: list[Ledger], offset: int
) -> None:
    month = month_of(day(offset))
    cut = month_end(*month)
    full, past = items(ledgers), items(truncate(ledgers, cut))
    assert figures(full, cut) == figures(past, cut)
    assert figures(full, cut, due_soon_days=3) == figures(past, cut, due_soon_days=3)
    for by in GROUP_BY:
        assert group_figures(full, cut, by) == group_figures(past, cut, by)
    assert monthly_series(full, FIRST_MONTH, month) == monthly_series(past, FIRST_MONTH, month)


@PROPERTY_SETTINGS
@given(rollups())
def test_monthly_flows_add_up_to_stocks(ledgers: list[Ledger]) -> None:
    pool = items(ledgers)
    rows = monthly_series(pool, FIRST_MONTH, LAST_MONTH)
    for row in rows:
        assert row.figures == figures(pool, row.as_of)
    # a single ledger with dated issues: every issue is assigned in exactly one month
    if len(ledgers) == 1 and all(i.assigned_on for i in pool):
        assert sum(row.assigned_in_month for row in rows) == rows[-1].assigned_to_date
        assert sum(row.rectified_in_month for row in rows) == rows[-1].rectified_to_date
