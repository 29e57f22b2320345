"""Figures over a set of issues: tallies and groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from rectify.dates import month_end as month_end  # re-exported: one definition
from rectify.figures.state import (
    DUE_SOON_DAYS,
    AuditValues,
    IssueState,
    Item,
    dedupe_carried,
    issue_state,
)
from rectify.model import Issue, Source, Step, Track

GroupBy = Literal["unit", "co-unit", "source", "track", "ledger"]
GROUP_BY: tuple[GroupBy, ...] = ("unit", "co-unit", "source", "track", "ledger")


# --- figures over a set of issues --------------------------------------------------------


def rate(numerator: int, denominator: int) -> Fraction | None:
    """An exact ratio, or None when there is nothing to divide by."""
    return Fraction(numerator, denominator) if denominator else None


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of a set of issues on a date; counts are the numerators and denominators.

    rectified_rate = rectified / counted, closed_rate = closed / counted,
    on_time_rate = on_time / rectified, mean_completion = completion_sum / counted
    (in percent units). A rate is None when its denominator is 0.
    """

    as_of: dt.date
    due_soon_days: int
    total: int
    counted: int
    open: int
    in_progress: int
    rectified: int
    closed: int
    dismissed: int
    overdue: int
    due_soon: int
    within_period: int
    on_time: int
    extensions: int
    completion_sum: Fraction
    rectified_rate: Fraction | None
    closed_rate: Fraction | None
    mean_completion: Fraction | None
    on_time_rate: Fraction | None


def tally(states: Iterable[IssueState], as_of: dt.date, *, due_soon_days: int) -> Figures:
    """Add up issue states of one date into figures (one pass: a roll-up has many issues)."""
    total = dismissed = counted = 0
    opened = in_progress = rectified = closed = overdue = due_soon = within = on_time = 0
    extensions = 0
    # Completions summed per denominator, then as fractions: exact, without a Fraction per add.
    parts: dict[int, int] = {}
    for state in states:
        if not state.exists:
            continue
        total += 1
        if not state.counted:
            dismissed += state.dismissed
            continue
        counted += 1
        opened += state.open
        in_progress += state.in_progress
        rectified += state.rectified
        closed += state.closed
        overdue += state.overdue
        due_soon += state.due_soon
        within += state.within_period
        on_time += state.on_time
        extensions += state.extensions
        share = state.completion
        parts[share.denominator] = parts.get(share.denominator, 0) + share.numerator
    completion_sum = sum((Fraction(n, d) for d, n in parts.items()), Fraction(0))
    return Figures(
        as_of=as_of,
        due_soon_days=due_soon_days,
        total=total,
        counted=counted,
        open=opened,
        in_progress=in_progress,
        rectified=rectified,
        closed=closed,
        dismissed=dismissed,
        overdue=overdue,
        due_soon=due_soon,
        within_period=within,
        on_time=on_time,
        extensions=extensions,
        completion_sum=completion_sum,
        rectified_rate=rate(rectified, counted),
        closed_rate=rate(closed, counted),
        mean_completion=completion_sum / counted if counted else None,
        on_time_rate=rate(on_time, rectified),
    )


@dataclass(frozen=True, slots=True)
class Review:
    """The sign-off review (销号审核) of a set of issues on a date, over the counted ones.

    ``pending``: an application awaits a decision; ``returned``: the last step
    was a return (not applied for again yet); ``approved``: the last step was
    the approval. Each issue counts once, by its last step on the date.
    """

    pending: int = 0
    returned: int = 0
    approved: int = 0

    @property
    def any(self) -> bool:
        """Whether any counted issue had a step of the review by the date."""
        return bool(self.pending or self.returned or self.approved)


def review_of(entries: Iterable[tuple[IssueState, str | None]]) -> Review:
    """The review of (state, last step of the review on the state's date) of each issue."""
    found = {step.value: 0 for step in Step}
    for state, step in entries:
        if state.counted and step is not None:
            found[step] += 1
    return Review(found[Step.APPLIED], found[Step.RETURNED], found[Step.APPROVED])


@dataclass(frozen=True, slots=True)
class Audit:
    """The audit figures (审计整改) of the counted issues on a date, summed exactly.

    涉及金额 and 已整改金额 in 万元, 制定完善制度 (rules), 追责问责 (people);
    ``issues``: how many counted issues record any of them.
    """

    involved: Decimal = Decimal(0)
    rectified: Decimal = Decimal(0)
    rules: int = 0
    people: int = 0
    issues: int = 0

    @property
    def any(self) -> bool:
        """Whether any counted issue records an audit figure by the date."""
        return self.issues > 0


def audit_of(entries: Iterable[tuple[IssueState, AuditValues | None]]) -> Audit:
    """The audit figures of (state, audit_on of the state's date) of each issue."""
    involved = rectified = Decimal(0)
    rules = people = issues = 0
    for state, values in entries:
        if not state.counted or values is None:
            continue
        issues += 1
        involved += Decimal(values[0] or 0)
        rectified += Decimal(values[1] or 0)
        rules += values[2] or 0
        people += values[3] or 0
    return Audit(involved, rectified, rules, people, issues)


def steps_between(issues: Iterable[Issue], first: dt.date, last: dt.date) -> dict[Step, int]:
    """How many steps of each kind the review took from ``first`` to ``last`` (both included)."""
    found = dict.fromkeys(Step, 0)
    for issue in issues:
        for entry in issue.signoff:
            if first <= entry.date <= last:
                found[entry.step] += 1
    return found


def _chosen(pool: Iterable[Item], as_of: dt.date, dedupe: bool) -> list[Item]:
    return dedupe_carried(pool, as_of) if dedupe else list(pool)


def figures(
    pool: Iterable[Item],
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    dedupe: bool = True,
) -> Figures:
    """The figures of a set of issues as of a date.

    Args:
        pool: the issues, usually `items(ledgers)`.
        as_of: the date D the figures are for.
        due_soon_days: N, the due-soon window is D to D + N days, both included.
        dedupe: count a carried-over problem once (see `dedupe_carried`).
    """
    chosen = _chosen(pool, as_of, dedupe)
    states = [issue_state(item, as_of, due_soon_days=due_soon_days) for item in chosen]
    return tally(states, as_of, due_soon_days=due_soon_days)


# --- groups ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """The figures of the issues sharing one key (a unit, a source, a ledger...)."""

    key: str
    figures: Figures
    parent: str | None = None  # for ledger groups: the ledger this one rolls up into


def group_keys(
    by: GroupBy,
    lead_unit: str,
    co_units: Sequence[str],
    source: str,
    track: str,
    ledger_id: str,
) -> list[str]:
    """The groups an issue falls in: its lead unit, each co-unit once, source, track or ledger."""
    if by == "unit":
        return [lead_unit]
    if by == "co-unit":
        return list(dict.fromkeys(co_units))
    if by == "source":
        return [source]
    if by == "track":
        return [track]
    if by == "ledger":
        return [ledger_id]
    raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUP_BY)}")


def item_groups(item: Item, by: GroupBy) -> list[str]:
    """The groups one issue falls in (see `group_keys`)."""
    issue = item.issue
    return group_keys(
        by, issue.lead_unit, issue.co_units, issue.source.value, issue.track.value, item.ledger_id
    )


def _order(by: GroupBy, keys: Iterable[str]) -> list[str]:
    """Keys in their display order: enums as declared, the rest sorted."""
    declared: Sequence[str] = ()
    if by == "source":
        declared = [member.value for member in Source]
    elif by == "track":
        declared = [member.value for member in Track]
    if declared:
        return sorted(keys, key=declared.index)
    return sorted(keys)


def group_figures(
    pool: Iterable[Item],
    as_of: dt.date,
    by: GroupBy,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    dedupe: bool = True,
) -> list[Group]:
    """Figures per lead unit, co-unit, source, track or ledger, as of a date.

    An issue counts once in each of its co-units; issues without one are left
    out of co-unit groups. Groups with no issue existing on the date are left out.
    """
    if by not in GROUP_BY:
        raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUP_BY)}")
    entries = (
        (
            item_groups(item, by),
            issue_state(item, as_of, due_soon_days=due_soon_days),
            item.ledger_id,
            item.ledger.ledger.parent,
        )
        for item in _chosen(pool, as_of, dedupe)
    )
    return group_states(entries, as_of, by, due_soon_days=due_soon_days)


def group_states(
    entries: Iterable[tuple[Sequence[str], IssueState, str, str | None]],
    as_of: dt.date,
    by: GroupBy,
    *,
    due_soon_days: int,
) -> list[Group]:
    """Figures per group from (group keys, state, ledger id, that ledger's parent) of each issue."""
    buckets: dict[str, list[IssueState]] = {}
    parents: dict[str, str | None] = {}
    for keys, state, ledger_id, parent in entries:
        if not state.exists:
            continue
        for key in keys:
            buckets.setdefault(key, []).append(state)
        parents.setdefault(ledger_id, parent)
    return [
        Group(
            key=key,
            figures=tally(buckets[key], as_of, due_soon_days=due_soon_days),
            parent=parents.get(key) if by == "ledger" else None,
        )
        for key in _order(by, buckets)
    ]
