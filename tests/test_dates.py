"""Dates as typed on the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from rectify.dates import ACCEPTED_FORMS, month_end, parse_date, parse_month

TODAY = dt.date(2024, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-31", dt.date(2024, 12, 31)),
        ("2024/12/31", dt.date(2024, 12, 31)),
        ("2024.12.31", dt.date(2024, 12, 31)),
        ("2024-1-5", dt.date(2024, 1, 5)),
        ("2024年12月31日", dt.date(2024, 12, 31)),
        ("2024年2月", dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 28)),
        ("2024-12", dt.date(2024, 12, 31)),
        ("2024/06", dt.date(2024, 6, 30)),
        (" 2024年12月 ", dt.date(2024, 12, 31)),
        ("today", TODAY),
        ("Today", TODAY),
        ("今天", TODAY),
        # Everything an import accepts, the command line accepts too.
        ("2024年12月底", dt.date(2024, 12, 31)),
        ("２０２４－１２－３１", dt.date(2024, 12, 31)),
        ("２０２４年１２月", dt.date(2024, 12, 31)),
        ("20241231", dt.date(2024, 12, 31)),
        ("2024年底", dt.date(2024, 12, 31)),
        ("2025年上半年", dt.date(2025, 6, 30)),
        ("2025年三季度", dt.date(2025, 9, 30)),
        ("12月底前", dt.date(2024, 12, 31)),
        ("12月31日", dt.date(2024, 12, 31)),
        ("2024年12月中旬", dt.date(2024, 12, 20)),
        ("截至2024年11月30日", dt.date(2024, 11, 30)),
    ],
)
def test_accepted_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "31/12/2024", "2024-13", "2024-02-30", "tomorrow", "2024", "2024-12-31x", "13月"],
)
def test_other_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, today=TODAY)


def test_month_helpers() -> None:
    assert month_end(2024, 2) == dt.date(2024, 2, 29)
    assert parse_month("2024年10月") == (2024, 10)
    assert parse_month("２０２４－１０") == (2024, 10)
    with pytest.raises(ValueError):
        parse_month("10月")
    with pytest.raises(ValueError):
        parse_month("2024-00")


def test_accepted_forms_are_listed_for_users() -> None:
    for form in ("2024-12-31", "2024/12/31", "2024.12.31", "2024-12", "2024年12月", "today"):
        assert form in ACCEPTED_FORMS
