"""The figures of past month ends as plain JSON, so a rebuild of a site need not work them out.

A month that has ended gives the same figures for the same ledger bytes and
settings (the figures come from the dated history alone), so `rectify site`
keeps each ended month's status views and progress row beside the pages and
reads them back when the ledgers are byte for byte the same
(rectify.api.site). Only plain JSON: lists, numbers, strings; a Fraction as
[numerator, denominator]. Anything that does not read back exactly is a
ValueError, and the month is worked out again. Pure: no file is read here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

from rectify.figures.months import MonthRow
from rectify.figures.tally import Audit, Figures, Group, GroupBy, Review
from rectify.figures.view import StatusView, WarningCounts
from rectify.site.pages import MonthView

_FIGURES = [f.name for f in dataclasses.fields(Figures)]
_ROW = [f.name for f in dataclasses.fields(MonthRow) if f.name not in ("figures", "change_pp")]


def month_to_json(view: MonthView, row: MonthRow) -> list[Any]:
    """An ended month's views and row (its change from the month before is worked out anew)."""
    values = [_value(getattr(row, name)) for name in _ROW]
    return [_view(view.units), _view(view.ledgers), values, _figures(row.figures)]


def month_from_json(data: Any, previous_rate: Fraction | None) -> tuple[MonthView, MonthRow]:
    """What `month_to_json` wrote; ValueError when it is not that."""
    try:
        units, ledgers, values, figures = data
        figs = _read_figures(figures)
        fields = {name: _read(name, value) for name, value in zip(_ROW, values, strict=True)}
        rate = fields["rectified_rate"]
        change = None
        if previous_rate is not None and rate is not None:
            change = (rate - previous_rate) * 100
        row = MonthRow(**fields, change_pp=change, figures=figs)
        view = MonthView(row.as_of, _read_view(units, "unit"), _read_view(ledgers, "ledger"))
    except (TypeError, ValueError, KeyError, ArithmeticError) as error:
        raise ValueError(f"not a month kept by rectify site: {error}") from None
    if view.units.overall.as_of != row.as_of or figs.as_of != row.as_of:
        raise ValueError("not a month kept by rectify site: its dates disagree")
    return view, row


def _value(value: object) -> Any:
    if isinstance(value, Fraction):
        return [value.numerator, value.denominator]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _read(name: str, value: Any) -> Any:
    if name == "as_of":
        return dt.date.fromisoformat(cast(str, value))
    if name in ("completion_sum", "rectified_rate", "closed_rate", "mean_completion"):
        if value is None and name != "completion_sum":
            return None
        numerator, denominator = value
        return Fraction(_int(numerator), _int(denominator))
    if name == "on_time_rate":
        return None if value is None else _read("rectified_rate", value)
    return _int(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"{value!r} is no whole number")
    return value


def _figures(figs: Figures) -> list[Any]:
    return [_value(getattr(figs, name)) for name in _FIGURES]


def _read_figures(data: Any) -> Figures:
    values = {name: _read(name, value) for name, value in zip(_FIGURES, data, strict=True)}
    return Figures(**values)


def _counts(counts: WarningCounts) -> list[int]:
    return [counts.red, counts.yellow, counts.blue]


def _read_counts(data: Any) -> WarningCounts:
    red, yellow, blue = data
    return WarningCounts(_int(red), _int(yellow), _int(blue))


def _view(view: StatusView) -> list[Any]:
    """A status view without its pending list (the site shows none; rectify.api.site)."""
    groups = [[g.key, _figures(g.figures), g.parent] for g in view.groups]
    by_group = [[key, _counts(counts)] for key, counts in view.by_group.items()]
    review = [view.review.pending, view.review.returned, view.review.approved]
    audit = view.audit
    money = [str(audit.involved), str(audit.rectified), audit.rules, audit.people, audit.issues]
    return [_figures(view.overall), groups, _counts(view.warnings), by_group, review, money]


def _read_view(data: Any, by: GroupBy) -> StatusView:
    overall, groups, warnings, by_group, review, audit = data
    involved, rectified, rules, people, issues = audit
    return StatusView(
        by=by,
        overall=_read_figures(overall),
        groups=[
            Group(_text(key), _read_figures(figs), None if parent is None else _text(parent))
            for key, figs, parent in groups
        ],
        warnings=_read_counts(warnings),
        by_group={_text(key): _read_counts(counts) for key, counts in by_group},
        pending=[],
        review=Review(*(_int(n) for n in review)),
        audit=Audit(
            Decimal(_text(involved)),
            Decimal(_text(rectified)),
            _int(rules),
            _int(people),
            _int(issues),
        ),
    )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is no text")
    return value
