"""The rows of an export: each issue as it stood on a date, figures by unit and by month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from rectify.dates import month_end
from rectify.figures.months import Known, MonthRow, month_of, monthly_series
from rectify.figures.state import (
    DUE_SOON_DAYS,
    Item,
    days_overdue,
    issue_as_of,
    issue_state,
    items,
)
from rectify.figures.tally import Figures, Group, figures, group_figures
from rectify.i18n import Lang, label, t
from rectify.io.sheets.cells import Percent, Row, Table, Value
from rectify.model import Ledger, Status
from rectify.numbers import cut_rate, cut_tenths

# --- export -------------------------------------------------------------------------------

# Column keys of the issue sheet, in export order; import reads the same keys.
COLUMNS: tuple[str, ...] = (
    "id",
    "ledger",
    "title",
    "description",
    "source",
    "track",
    "lead_unit",
    "co_units",
    "owner",
    "assigned_on",
    "deadline",
    "planned_on",
    "measures",
    "status",
    "completion",
    "rectified_on",
    "progress",
    "progress_date",
    "overdue",
    "days_overdue",
    "verified_by",
    "verified_on",
    "reason",
    "dismissed_on",
    "note",
)
WRAP_COLUMNS = frozenset({"title", "description", "measures", "progress", "reason", "note"})
NOTE_KEY = "x-note"  # where a sheet's 备注 is kept in the ledger (a user extension key)
UNIT_SEPARATOR = "、"


def column_label(key: str, lang: Lang) -> str:
    """The header of an exported column: ``column_label("lead_unit", "zh")`` is 牵头单位."""
    return t(f"export.col.{key}", lang)


def _number(value: Fraction) -> int | float:
    """An exact completion as the plain number a sheet holds: 100 or 74.4."""
    return value.numerator if value.denominator == 1 else float(value)


def issue_record(item: Item, as_of: dt.date) -> dict[str, Any]:
    """One issue as it stood on a date, keyed by COLUMNS, with codes rather than labels."""
    issue = issue_as_of(item, as_of)
    state = issue_state(item, as_of)
    status = state.status
    latest = issue.progress[-1] if issue.progress else None
    verified = issue.verification if status is Status.CLOSED else None
    note = issue.extensions.get(NOTE_KEY)
    overdue = state.overdue
    return {
        "id": issue.id,
        "ledger": item.ledger_id,
        "title": issue.title,
        "description": issue.description,
        "source": issue.source.value,
        "track": issue.track.value,
        "lead_unit": issue.lead_unit,
        "co_units": list(issue.co_units),
        "owner": issue.owner,
        "assigned_on": item.assigned_on,
        "deadline": state.deadline,
        "planned_on": issue.planned_on,
        "measures": issue.measures,
        "status": status.value,
        "completion": _number(state.completion),
        "rectified_on": issue.rectified_on if status.done else None,
        "progress": latest.note if latest else None,
        "progress_date": latest.date if latest else None,
        "overdue": overdue,
        "days_overdue": days_overdue(item, as_of) if overdue else None,
        "verified_by": verified.by if verified else None,
        "verified_on": verified.date if verified else None,
        "reason": issue.reason if status is Status.DISMISSED else None,
        "dismissed_on": issue.dismissed_on if status is Status.DISMISSED else None,
        "note": note if isinstance(note, str) else None,
    }


def _cell(key: str, value: Any, lang: Lang) -> Value:
    """A record's value as a sheet cell: labels for codes, lists joined, outer blanks cut."""
    if value is None:
        return None
    if key in ("source", "track", "status"):
        return label(key, str(value), lang)
    if key == "co_units":
        return UNIT_SEPARATOR.join(value) or None
    if key == "overdue":
        return t("export.yes" if value else "export.no", lang)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float | dt.date):
        return value
    return str(value)


def issue_rows(pool: Iterable[Item], as_of: dt.date, lang: Lang) -> list[Row]:
    """One row per issue that existed on the date, in file order."""
    rows: list[Row] = []
    for item in pool:
        if not issue_state(item, as_of).exists:
            continue
        record = issue_record(item, as_of)
        rows.append([_cell(key, record[key], lang) for key in COLUMNS])
    return rows


def issues_table(pool: Iterable[Item], as_of: dt.date, lang: Lang) -> Table:
    """The issue sheet: one row per issue, headers in the chosen language."""
    return Table(
        name=t("export.sheet.issues", lang),
        header=[column_label(key, lang) for key in COLUMNS],
        rows=issue_rows(pool, as_of, lang),
        wrap=frozenset(i for i, key in enumerate(COLUMNS) if key in WRAP_COLUMNS),
    )


def percent_cell(value: Fraction | None) -> Percent | None:
    """A rate cut toward zero to a tenth of a percent, as a percent cell: 19/26 -> 73.0%."""
    if value is None:
        return None
    return Percent(float(cut_rate(value)))


def tenths_cell(value: Fraction | None) -> float | None:
    """A number cut toward zero to one decimal, as a number cell: 223/3 -> 74.3."""
    if value is None:
        return None
    return float(cut_tenths(value))


FIGURE_COLUMNS: tuple[str, ...] = (
    "total",
    "counted",
    "rectified",
    "rectified_rate",
    "closed",
    "closed_rate",
    "mean_completion",
    "overdue",
    "due_soon",
    "dismissed",
)


def _figure_cells(figs: Figures) -> Row:
    return [
        figs.total,
        figs.counted,
        figs.rectified,
        percent_cell(figs.rectified_rate),
        figs.closed,
        percent_cell(figs.closed_rate),
        tenths_cell(figs.mean_completion),
        figs.overdue,
        figs.due_soon,
        figs.dismissed,
    ]


def units_table(
    pool: Sequence[Item], as_of: dt.date, lang: Lang, *, due_soon_days: int = DUE_SOON_DAYS
) -> Table:
    """The figures by lead unit on a date, with a total row; rates cut toward zero."""
    rows: list[Row] = [
        [group.key, *_figure_cells(group.figures)]
        for group in group_figures(pool, as_of, "unit", due_soon_days=due_soon_days)
    ]
    total = figures(pool, as_of, due_soon_days=due_soon_days)
    rows.append([t("export.total", lang), *_figure_cells(total)])
    header = [t("export.fig.unit", lang), *(t(f"export.fig.{k}", lang) for k in FIGURE_COLUMNS)]
    return Table(name=t("export.sheet.units", lang), header=header, rows=rows)


MONTH_COLUMNS: tuple[str, ...] = (
    "month",
    "assigned_in_month",
    "assigned_to_date",
    "rectified_in_month",
    "rectified_to_date",
    "counted",
    "rectified_rate",
    "change_pp",
    "mean_completion",
    "overdue",
    "closed",
)


def report_months(pool: Sequence[Item], as_of: dt.date) -> tuple[tuple[int, int], tuple[int, int]]:
    """The months of the month-by-month table: from the first assignment to the last month ended.

    The month of ``as_of`` counts only when ``as_of`` is its last day, so no
    row uses a date after ``as_of``.
    """
    end = month_of(as_of)
    if as_of != month_end(*end):
        end = (end[0] - 1, 12) if end[1] == 1 else (end[0], end[1] - 1)
    dates = [item.assigned_on for item in pool if item.assigned_on is not None]
    start = month_of(min(dates)) if dates else end
    return start, end


def month_rows(
    pool: Sequence[Item],
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    known: Known | None = None,
) -> list[MonthRow]:
    """The rows of the month-by-month table (`report_months`); ``known`` rows are not figured
    again (rectify.api.figures.kept_rows keeps them per ledger bytes)."""
    start, end = report_months(pool, as_of)
    return monthly_series(pool, start, end, due_soon_days=due_soon_days, known=known)


def months_table(
    pool: Sequence[Item],
    as_of: dt.date,
    lang: Lang,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    months: Sequence[MonthRow] | None = None,
) -> Table:
    """The month-by-month table: flows in each month and stocks at each month end.

    ``months``: its rows already worked out (`month_rows`), else worked out here.
    """
    if months is None:
        months = month_rows(pool, as_of, due_soon_days=due_soon_days)
    rows: list[Row] = []
    for row in months:
        rows.append(
            [
                t("export.month", lang, year=row.year, month=row.month),
                row.assigned_in_month,
                row.assigned_to_date,
                row.rectified_in_month,
                row.rectified_to_date,
                row.counted,
                percent_cell(row.rectified_rate),
                tenths_cell(row.change_pp),
                tenths_cell(row.mean_completion),
                row.overdue,
                row.closed,
            ]
        )
    header = [t(f"export.mon.{key}", lang) for key in MONTH_COLUMNS]
    return Table(name=t("export.sheet.months", lang), header=header, rows=rows)


def export_tables(
    ledgers: Sequence[Ledger],
    as_of: dt.date,
    lang: Lang,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    months: Sequence[MonthRow] | None = None,
) -> list[Table]:
    """The three sheets of an export: issues, figures by lead unit, month by month.

    ``months``: the month rows already worked out (`month_rows`), else worked out here.
    """
    pool = items(ledgers)
    return [
        issues_table(pool, as_of, lang),
        units_table(pool, as_of, lang, due_soon_days=due_soon_days),
        months_table(pool, as_of, lang, due_soon_days=due_soon_days, months=months),
    ]


def export_parts(
    ledgers: Sequence[Ledger],
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    months: Sequence[MonthRow] | None = None,
) -> tuple[list[dict[str, Any]], list[Group], Figures, list[MonthRow]]:
    """What an export holds: each issue as it stood, the units, the total and the months.

    ``months``: the month rows already worked out (`month_rows`), else worked out here.
    """
    pool = items(ledgers)
    if months is None:
        months = month_rows(pool, as_of, due_soon_days=due_soon_days)
    return (
        [issue_record(item, as_of) for item in pool if issue_state(item, as_of).exists],
        group_figures(pool, as_of, "unit", due_soon_days=due_soon_days),
        figures(pool, as_of, due_soon_days=due_soon_days),
        list(months),
    )
