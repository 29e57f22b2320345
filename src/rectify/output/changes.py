"""What changed, in words and as Markdown (`rectify diff`, the monthly report's section).

Pure text from rectify.figures.diff's change records; user text is escaped for
Markdown by rectify.text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rectify.figures.diff import (
    _ENUM_FIELDS,
    ISSUE_KINDS,
    LEDGER_KINDS,
    Change,
    Kind,
    Value,
    counts,
    issues_changed,
)
from rectify.i18n import Lang, t
from rectify.numbers import stored_number
from rectify.text import md_escape


def kind_label(kind: Kind, lang: Lang) -> str:
    """The short name of a kind of change: 已整改, 时限调整; rectified, deadline."""
    return t(f"diff.kind.{kind.value}", lang)


def field_label(name: str, lang: Lang, *, of_ledger: bool = False) -> str:
    """The name people use for a field."""
    if of_ledger and name in ("id", "title"):
        return t(f"diff.ledger_field.{name}", lang)
    return t(f"field.{name}", lang)


def value_text(name: str | None, value: Value, lang: Lang) -> str:
    """A field's value as people read it: labels for statuses, lists joined, a dash for none."""
    if value is None or value == [] or value == "":
        return t("diff.empty", lang)
    if isinstance(value, list):
        return t("diff.list_sep", lang).join(value)
    if isinstance(value, float):
        return f"{stored_number(value)}%" if name == "completion" else stored_number(value)
    if name in _ENUM_FIELDS:
        return t(f"{name}.{value}", lang)
    return value


def describe(change: Change, lang: Lang) -> str:
    """The change in one sentence, without the issue's id and title (shown beside it)."""
    kind = change.kind
    date = change.date.isoformat() if change.date else ""
    if kind is Kind.ADDED:
        return t("diff.says.added", lang, unit=change.unit, deadline=change.after)
    if kind is Kind.REMOVED:
        return t("diff.says.removed", lang, status=value_text("status", change.before, lang))
    if kind is Kind.PROGRESS:
        text = t(
            "diff.says.progress", lang, date=date, completion=stored_number(change.completion or 0)
        )
        return text + (t("diff.says.note", lang, note=change.note) if change.note else "")
    if kind is Kind.DEADLINE:
        text = t("diff.says.deadline", lang, before=change.before, after=change.after)
        return text + _when_why(date, change.note, lang)
    if kind is Kind.RECTIFIED:
        return t("diff.says.rectified", lang, date=date or "—")
    if kind is Kind.CLOSED:
        by = change.after if isinstance(change.after, str) else "—"
        return t("diff.says.closed", lang, date=date or "—", by=by)
    if kind is Kind.DISMISSED:
        return t("diff.says.dismissed", lang, date=date or "—") + _when_why("", change.note, lang)
    if kind is Kind.REOPENED:
        said = t(
            "diff.says.reopened",
            lang,
            before=value_text("status", change.before, lang),
            after=value_text("status", change.after, lang),
        )
        return said + _when_why(date or "", change.note, lang)
    if kind is Kind.APPLIED:
        by = change.after if isinstance(change.after, str) else "—"
        return t("diff.says.applied", lang, date=date or "—", by=by) + _when_why(
            "", change.note, lang
        )
    if kind is Kind.RETURNED:
        return t("diff.says.returned", lang, date=date or "—") + _when_why("", change.note, lang)
    if kind is Kind.CHASED:
        colour = t(f"follow.level.{change.before or 'none'}", lang)
        return t("diff.says.chased", lang, date=date, to=change.after or "—", colour=colour)
    if kind is Kind.REPLIED:
        return t("diff.says.replied", lang, date=date, letter=change.after or "—")
    if kind is Kind.VOTED:
        result = t(f"result.{change.after}", lang)
        return t("diff.says.voted", lang, date=date, meeting=change.note or "—", result=result)
    if kind is Kind.EDITED:
        return _edited(change, lang, of_ledger=False)
    if kind is Kind.LEDGER_ADDED:
        return t("diff.says.ledger_added", lang, path=change.after, title=change.title)
    if kind is Kind.LEDGER_REMOVED:
        return t("diff.says.ledger_removed", lang, path=change.before, title=change.title)
    if kind is Kind.LEDGER_MOVED:
        return t("diff.says.ledger_moved", lang, before=change.before, after=change.after)
    return _edited(change, lang, of_ledger=True)


def _edited(change: Change, lang: Lang, *, of_ledger: bool) -> str:
    name = change.field or ""
    return t(
        "diff.says.edited",
        lang,
        field=field_label(name, lang, of_ledger=of_ledger),
        before=value_text(name, change.before, lang),
        after=value_text(name, change.after, lang),
    )


def _when_why(date: str, reason: str | None, lang: Lang) -> str:
    if date and reason:
        return t("diff.says.when_why", lang, date=date, reason=reason)
    if reason:
        return t("diff.says.why", lang, reason=reason)
    if date:
        return t("diff.says.when", lang, date=date)
    return ""


def summary_text(changes: Sequence[Change], lang: Lang) -> str:
    """One sentence of totals: ``4 个问题有变化：整改完成 1 个，报送进展 3 条``."""
    found = counts(changes)
    parts = [
        t(f"diff.count.{kind.value}", lang, n=found[kind])
        for kind in (*ISSUE_KINDS, *LEDGER_KINDS)
        if found.get(kind)
    ]
    sep = t("diff.list_sep_long", lang)
    return t("diff.summary", lang, issues=issues_changed(changes), parts=sep.join(parts))


# The order of the sections: what a report leads with first.
_SECTIONS: tuple[Kind, ...] = (
    Kind.RECTIFIED,
    Kind.CLOSED,
    Kind.ADDED,
    Kind.DEADLINE,
    Kind.PROGRESS,
    Kind.DISMISSED,
    Kind.REOPENED,
    Kind.APPLIED,
    Kind.RETURNED,
    Kind.CHASED,
    Kind.REPLIED,
    Kind.EDITED,
    Kind.REMOVED,
)
assert set(_SECTIONS) == set(ISSUE_KINDS)

Column = tuple[str, Callable[[Change, Lang], str]]


def _date(change: Change, lang: Lang) -> str:
    return change.date.isoformat() if change.date else "—"


_COLUMNS: dict[Kind, list[Column]] = {
    Kind.RECTIFIED: [("diff.col.unit", lambda c, _: c.unit), ("diff.col.rectified_on", _date)],
    Kind.CLOSED: [
        ("diff.col.unit", lambda c, _: c.unit),
        ("diff.col.by", lambda c, _: str(c.after or "—")),
        ("diff.col.closed_on", _date),
    ],
    Kind.ADDED: [
        ("diff.col.unit", lambda c, _: c.unit),
        ("diff.col.deadline", lambda c, _: str(c.after or "—")),
    ],
    Kind.DEADLINE: [
        ("diff.col.old_deadline", lambda c, _: str(c.before)),
        ("diff.col.new_deadline", lambda c, _: str(c.after)),
        ("diff.col.changed_on", _date),
        ("diff.col.reason", lambda c, _: c.note or "—"),
    ],
    Kind.PROGRESS: [
        ("diff.col.date", _date),
        ("diff.col.completion", lambda c, _: f"{stored_number(c.completion or 0)}%"),
        ("diff.col.note", lambda c, _: c.note or "—"),
    ],
    Kind.DISMISSED: [("diff.col.date", _date), ("diff.col.reason", lambda c, _: c.note or "—")],
    Kind.REOPENED: [
        ("diff.col.before", lambda c, lang: value_text("status", c.before, lang)),
        ("diff.col.after", lambda c, lang: value_text("status", c.after, lang)),
    ],
    Kind.APPLIED: [
        ("diff.col.applicant", lambda c, _: str(c.after or "—")),
        ("diff.col.date", _date),
        ("diff.col.note", lambda c, _: c.note or "—"),
    ],
    Kind.RETURNED: [("diff.col.date", _date), ("diff.col.reason", lambda c, _: c.note or "—")],
    Kind.CHASED: [
        ("diff.col.date", _date),
        ("diff.col.colour", lambda c, lang: t(f"follow.level.{c.before or 'none'}", lang)),
        ("diff.col.to", lambda c, _: str(c.after or "—")),
    ],
    Kind.REPLIED: [
        ("diff.col.replied_on", _date),
        ("diff.col.letter", lambda c, _: str(c.after or "—")),
    ],
    Kind.EDITED: [("diff.col.change", describe)],
    Kind.REMOVED: [("diff.col.before", lambda c, lang: value_text("status", c.before, lang))],
}


def changes_markdown(
    changes: Sequence[Change], lang: Lang, *, since: str | None = None, level: int = 2
) -> str:
    """The changes as a Markdown section: heading, totals, a table per kind of change.

    ``since`` names where the comparison starts (``Revision.label``); ``level`` is
    the heading level of the section (its tables get subheadings one below).
    """
    head = "#" * level
    sub = "#" * (level + 1)
    since_text = md_escape(since) or "—"
    lines = [f"{head} {t('diff.title', lang, since=since_text)}", ""]
    if not changes:
        lines.append(t("diff.none", lang, since=since_text))
        return "\n".join(lines) + "\n"
    lines += [summary_text(changes, lang), ""]
    several = len({c.ledger for c in changes}) > 1
    for kind in _SECTIONS:
        found = [c for c in changes if c.kind is kind]
        if not found:
            continue
        issues = (
            len({(c.ledger, c.issue) for c in found}) if kind is not Kind.PROGRESS else len(found)
        )
        lines += [f"{sub} {t(f'diff.section.{kind.value}', lang, n=issues)}", ""]
        lines += _table(found, _COLUMNS[kind], lang, several=several)
        lines.append("")
    ledger_changes = [c for c in changes if c.kind in LEDGER_KINDS]
    if ledger_changes:
        lines += [f"{sub} {t('diff.section.ledgers', lang)}", ""]
        lines += [f"- {md_escape(describe(c, lang))}" for c in ledger_changes]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(found: list[Change], columns: list[Column], lang: Lang, *, several: bool) -> list[str]:
    names = ["diff.col.id", "diff.col.title", *(name for name, _ in columns)]
    if several:
        names.insert(0, "diff.col.ledger")
    rows = [
        "| " + " | ".join(t(name, lang) for name in names) + " |",
        "|" + "---|" * len(names),
    ]
    for change in found:
        values = [change.issue, change.title, *(get(change, lang) for _, get in columns)]
        if several:
            values.insert(0, change.ledger)
        rows.append("| " + " | ".join(md_escape(v) for v in values) + " |")
    return rows
