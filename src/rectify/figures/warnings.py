"""Three-colour warnings (三色预警) as of a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from rectify.dates import month_end
from rectify.figures.state import (
    DUE_SOON_DAYS,
    ChaseRecord,
    IssueState,
    Item,
    chase_record,
    deadline_on,
    issue_state,
)
from rectify.i18n import Lang, t
from rectify.model import Issue, Track

PACE_MARGIN = 20  # percentage points below the pace line before an issue turns yellow

# --- three-colour warnings (三色预警) -------------------------------------------------------


class WarningLevel(StrEnum):
    """The warning an unrectified issue carries on a date: red, yellow, blue or none."""

    RED = "red"  # overdue (逾期)
    YELLOW = "yellow"  # behind pace (进度滞后)
    BLUE = "blue"  # due within the due-soon window (临期)
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for the most urgent (red) to 3 for none; sorts a chase list."""
        return _RANK[self]


_RANK = {WarningLevel.RED: 0, WarningLevel.YELLOW: 1, WarningLevel.BLUE: 2, WarningLevel.NONE: 3}
LEVELS: tuple[WarningLevel, ...] = (WarningLevel.RED, WarningLevel.YELLOW, WarningLevel.BLUE)


def level_label(level: WarningLevel, lang: Lang) -> str:
    """The short name of a level: 红 / 黄 / 蓝 (red / yellow / blue); '—' for none."""
    return t(f"follow.level.{level.value}", lang)


def level_meaning(level: WarningLevel, lang: Lang) -> str:
    """What a level means: 逾期 / 进度滞后 / 临期 (overdue / behind pace / due soon)."""
    return t(f"follow.level.{level.value}.meaning", lang)


def pace_target(item: Item, as_of: dt.date) -> dt.date:
    """The date the pace line reaches 100 %: a long-term issue's planned date, else its deadline."""
    issue = item.issue
    if issue.track is Track.LONG_TERM and issue.planned_on is not None:
        return issue.planned_on
    return deadline_on(issue, as_of)


def expected_completion(item: Item, as_of: dt.date) -> Fraction | None:
    """Where the pace line stands on a date, in percent; None when the issue has no assigned date.

    The line runs straight from 0 % on `assigned_on` to 100 % on the pace
    target (see `pace_target`), and stays at 100 % after it.
    """
    start = item.assigned_on
    if start is None:
        return None
    end = pace_target(item, as_of)
    if as_of <= start:
        return Fraction(0)
    if as_of >= end:
        return Fraction(100)
    return Fraction(100 * (as_of - start).days, (end - start).days)


@dataclass(frozen=True, slots=True)
class Assessment:
    """The warning of one issue on a date, with the facts it was read from."""

    item: Item
    level: WarningLevel
    state: IssueState
    expected: Fraction | None  # the pace line on that date, percent
    last_progress: dt.date | None  # the latest progress report dated on or before as_of
    silent: bool  # pending and no progress report for more than a month
    chases: ChaseRecord  # the letters that had chased it by that date (督办)

    @property
    def pending(self) -> bool:
        """Whether the issue is counted and not rectified on that date."""
        return self.state.counted and not self.state.rectified

    @property
    def days_overdue(self) -> int:
        """Days past the deadline in force; 0 when not overdue."""
        return (self.state.as_of - self.state.deadline).days if self.state.overdue else 0

    @property
    def days_left(self) -> int:
        """Days from the date to the deadline in force (negative once passed)."""
        return (self.state.deadline - self.state.as_of).days

    @property
    def behind(self) -> Fraction | None:
        """Points below the pace line (negative when ahead); None without a pace line."""
        return None if self.expected is None else self.expected - self.state.completion


def month_before(day: dt.date) -> dt.date:
    """The same day a month earlier; the last day of that month when it is shorter."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return min(dt.date(year, month, 1) + dt.timedelta(days=day.day - 1), month_end(year, month))


def last_progress_on(issue: Issue, as_of: dt.date) -> dt.date | None:
    """The date of the latest progress report on or before a date, None when there is none."""
    dates = [entry.date for entry in issue.progress if entry.date <= as_of]
    return max(dates) if dates else None


def is_silent(item: Item, as_of: dt.date) -> bool:
    """Whether a pending issue has had no progress report for more than a month (as `check` R402).

    An issue never reported on counts from its assigned date.
    """
    return _silent(item, issue_state(item, as_of))


def _silent(item: Item, state: IssueState) -> bool:
    if not state.counted or state.rectified:
        return False
    since = last_progress_on(item.issue, state.as_of) or item.assigned_on
    return since is not None and since < month_before(state.as_of)


def assess(
    item: Item,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> Assessment:
    """The warning of one issue on a date and why (see `warning_level`)."""
    state = issue_state(item, as_of, due_soon_days=due_soon_days)
    pending = state.counted and not state.rectified
    expected = expected_completion(item, as_of) if pending else None
    if not pending:
        level = WarningLevel.NONE
    elif state.overdue:
        level = WarningLevel.RED
    elif expected is not None and expected - state.completion > margin:
        level = WarningLevel.YELLOW
    elif state.due_soon:
        level = WarningLevel.BLUE
    else:
        level = WarningLevel.NONE
    return Assessment(
        item=item,
        level=level,
        state=state,
        expected=expected,
        last_progress=last_progress_on(item.issue, as_of),
        silent=_silent(item, state),
        chases=chase_record(item.issue, as_of),
    )


def warning_level(
    item: Item,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
) -> WarningLevel:
    """The three-colour warning (三色预警) of an issue on a date.

    - red: overdue, i.e. counted, not rectified, deadline in force before the date;
    - yellow: its completion is more than `margin` points below the pace line
      (see `expected_completion`; long-term issues run to `planned_on` when set);
    - blue: the deadline in force falls from the date to `due_soon_days` days after;
    - none otherwise, and always for issues rectified, dismissed or not yet assigned.

    The first that applies wins: an overdue issue is red however far along it is.
    """
    return assess(item, as_of, due_soon_days=due_soon_days, margin=margin).level
