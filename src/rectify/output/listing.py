"""The `list` command's plain forms: CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rectify.figures.select import Row
from rectify.figures.warnings import level_label
from rectify.i18n import Lang, label, t
from rectify.output.json import issue_data, warning_value
from rectify.text import csv_cell

CSV_KEYS: tuple[str, ...] = (
    "ledger",
    "id",
    "title",
    "source",
    "track",
    "lead_unit",
    "co_units",
    "owner",
    "assigned_on",
    "deadline",
    "planned_on",
    "status",
    "completion",
    "rectified_on",
    "verification.by",
    "verification.date",
    "reason",
    "dismissed_on",
    "description",
    "measures",
    "carried_from",
    "warning",
)


# The Chinese header of each column: the words of the exported sheet, where it has the column.
_SHEET_COLUMN = {"verification.by": "verified_by", "verification.date": "verified_on"}
_NAMED = {"status": "status", "source": "source", "track": "track"}


def csv_header(key: str, lang: Lang) -> str:
    """A column's header: the format's key name in English (for scripts), 牵头单位 in Chinese."""
    if lang != "zh":
        return key
    return t(f"export.col.{_SHEET_COLUMN.get(key, key)}", lang)


def issues_csv(rows: Sequence[Row], lang: Lang = "en") -> str:
    """The issues as CSV, lists joined with '; '.

    In English the headers are the format's key names and the values are the
    format's (in_progress, red); in Chinese both are the words of the exported
    sheet (整改状态: 整改中, 预警: 红色预警), for a person opening it in Excel.
    A cell a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``)
    starts with ``'``, by the rule `export` follows (rectify.text.csv_cell).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_header(key, lang) for key in CSV_KEYS])
    for row in rows:
        data = issue_data(row.item.ledger, row.item.issue)
        check = data.get("verification") or {}
        cells: list[str] = []
        for key in CSV_KEYS:
            if key.startswith("verification."):
                value = check.get(key.split(".", 1)[1])
            elif key == "warning":
                value = warning_value(row.warning)
            elif key == "assigned_on":
                assigned = row.item.assigned_on
                value = assigned.isoformat() if assigned else None
            else:
                value = data.get(key)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            elif lang == "zh" and value is not None and key in _NAMED:
                value = label(_NAMED[key], str(value), lang)
            elif lang == "zh" and key == "warning" and value is not None:
                value = level_label(row.warning, lang)
            cells.append("" if value is None else csv_cell(str(value)))
        writer.writerow(cells)
    return buffer.getvalue()
