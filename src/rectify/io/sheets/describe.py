"""An import plan in the user's words: what `rectify import` will add and change, and why."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rectify.i18n import Lang, label, t
from rectify.io.sheets.export import column_label
from rectify.io.sheets.plan import (
    CLAIMED,
    IMMEDIATE_DEADLINE,
    LONG_TERM_DEADLINE,
    NO_PERCENT,
    BookPlan,
    Default,
    ImportPlan,
    Matched,
    _show,
)

# --- describing a plan --------------------------------------------------------------------------


def describe_plan(plan: ImportPlan, lang: Lang, *, update: bool) -> list[str]:
    """The lines telling a user what an import adds, matches, skips and cannot read."""
    lines = [
        t(
            "import.read",
            lang,
            sheet=plan.sheet,
            row=plan.header.row,
            columns=len(plan.header.keys),
        )
    ]
    if plan.header.ignored:
        lines.append(t("import.ignored_columns", lang, columns=_join(plan.header.ignored, lang)))
    if plan.header.unit is not None:
        lines.append(t("import.unit_from_sheet", lang, sheet=plan.sheet, unit=plan.header.unit))
    if plan.labels:
        column, example = plan.labels
        lines.append(t("import.row_labels", lang, column=column, example=example))
    for skipped in plan.skipped:
        lines.append(t("import.skipped", lang, row=skipped.row, text=_short(skipped.text)))
    if (plan.added or plan.bad) and "assigned_on" not in plan.header.keys.values():
        given = "option" if plan.assigned_given else "today"
        lines.append(t(f"import.assigned.{given}", lang, date=plan.assigned_on))
    lines.append(
        t(
            f"import.dated.{plan.reported_from}",
            lang,
            date=plan.reported_on,
            text=plan.reported_text,
        )
    )
    if plan.added:
        lines.append(t("import.will_add", lang, count=len(plan.added)))
        for added in plan.added:
            issue = added.issue
            lines.append(
                t(
                    "import.added_row",
                    lang,
                    row=added.row,
                    id=issue.id,
                    title=_short(issue.title),
                    unit=issue.lead_unit,
                    deadline=issue.deadline,
                    status=label("status", issue.status, lang),
                    completion=_show(issue.completion),
                )
            )
    for row, more in plan.measure_rows.items():
        shown = _rows_text([row, *more], lang)
        lines.append(t("import.measure_rows", lang, row=row, count=len(more) + 1, rows=shown))
    if plan.matched:
        lines.append(t("import.matched" if update else "import.matched_no_update", lang))
        for match in plan.matched:
            lines.append(_match_line(match, lang, update=update))
    for (name, value), rows in _grouped_defaults(plan.defaults).items():
        key = {
            LONG_TERM_DEADLINE: "import.defaulted_long_term",
            IMMEDIATE_DEADLINE: "import.defaulted_immediate",
            CLAIMED: "import.defaulted_claimed",
            NO_PERCENT: "import.defaulted_no_percent",
            "assigned_on": "import.defaulted"
            if plan.assigned_given
            else "import.defaulted_assigned",
        }.get(name, "import.defaulted")
        field_name = column_label(_DEFAULT_COLUMN.get(name, name), lang)
        lines.append(
            t(
                key,
                lang,
                count=len(rows),
                field=field_name,
                value=value,
                rows=_rows_text(rows, lang),
            )
        )
    if plan.bad:
        lines.append(t("import.bad_rows", lang, count=len(plan.bad)))
        for row, reasons in plan.bad.items():
            text = t("import.reason_sep", lang).join(r.text(lang) for r in reasons)
            lines.append(t("import.bad_row", lang, row=row, reason=text))
    return lines


_DEFAULT_COLUMN = {
    LONG_TERM_DEADLINE: "deadline",
    IMMEDIATE_DEADLINE: "deadline",
    CLAIMED: "status",
    NO_PERCENT: "completion",
}


def _match_line(match: Matched, lang: Lang, *, update: bool) -> str:
    """One matching row: the issue it names, what differs, and any conflict."""
    if match.earlier_row is not None:
        return t(
            "import.repeat_row", lang, row=match.row, earlier=match.earlier_row, id=match.issue_id
        )
    if match.changes:
        fields = _join([column_label(k, lang) for k in match.changes], lang)
        key = "import.match_updated" if update else "import.match_differs"
        text = t(key, lang, row=match.row, id=match.issue_id, fields=fields)
    else:
        text = t("import.match_same", lang, row=match.row, id=match.issue_id)
    if match.conflict is not None:
        text += t("import.reason_sep", lang) + match.conflict.text(lang)
    return text


def _grouped_defaults(defaults: Iterable[Default]) -> dict[tuple[str, str], list[int]]:
    """The rows of each default filled in, by field and value."""
    grouped: dict[tuple[str, str], list[int]] = {}
    for default in defaults:
        grouped.setdefault((default.field, default.value), []).append(default.row)
    return grouped


def _join(words: Sequence[str], lang: Lang) -> str:
    """Words as a list in running text: 甲、乙 / a, b."""
    return ("、" if lang == "zh" else ", ").join(words)


def _rows_text(rows: Sequence[int], lang: Lang, limit: int = 10) -> str:
    """Row numbers, the first ``limit`` of them."""
    shown = _join([str(r) for r in rows[:limit]], lang)
    return shown + ("…" if len(rows) > limit else "")


def _short(text: str, limit: int = 30) -> str:
    """Text on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def describe_book(book: BookPlan, lang: Lang, *, update: bool) -> list[str]:
    """The lines telling a user what importing a workbook does, sheet by sheet."""
    lines: list[str] = []
    if len(book.plans) > 1:
        names = _join([p.sheet for p in book.plans], lang)
        lines.append(t("import.sheets_read", lang, count=len(book.plans), sheets=names))
    if book.hidden:
        lines.append(t("import.sheet_hidden", lang, sheets=_join(book.hidden, lang)))
    if book.unread:  # why each one: --sheet NAME reads it alone and says so
        names = _join([name for name, _ in book.unread], lang)
        lines.append(t("import.sheet_unread", lang, sheets=names))
    for plan in book.plans:
        lines.extend(describe_plan(plan, lang, update=update))
    return lines


def summary(plan: ImportPlan | BookPlan, lang: Lang, *, dry_run: bool) -> str:
    """The last line of an import: how many rows were added, matched, updated, bad."""
    key = "import.summary_dry" if dry_run else "import.summary"
    bad = plan.bad_count if isinstance(plan, BookPlan) else len(plan.bad)
    return t(
        key,
        lang,
        added=len(plan.added),
        matched=len(plan.matched),
        updated=len(plan.updated),
        bad=bad,
    )
