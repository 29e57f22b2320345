"""The `list` command's plain forms: CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rectify.figures.select import Row
from rectify.output.json import issue_data, warning_value

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


def issues_csv(rows: Sequence[Row]) -> str:
    """The issues as CSV with the format's key names as headers; lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_KEYS)
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
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    return buffer.getvalue()
