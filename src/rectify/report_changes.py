"""What changed since a revision, as Markdown for the monthly report (`diff --format markdown`).

Pure text: one heading, a sentence of totals, then one table per kind of
change in the order a report discusses them (rectified, signed off, new,
deadlines moved, progress reported, ...). User text is escaped for tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rectify.i18n import Lang, t
from rectify.ledgerdiff import (
    ISSUE_KINDS,
    LEDGER_KINDS,
    Change,
    Kind,
    describe,
    num,
    summary_text,
    value_text,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")

# The order of the sections: what a report leads with first.
_SECTIONS: tuple[Kind, ...] = (
    Kind.RECTIFIED,
    Kind.CLOSED,
    Kind.ADDED,
    Kind.DEADLINE,
    Kind.PROGRESS,
    Kind.DISMISSED,
    Kind.REOPENED,
    Kind.EDITED,
    Kind.REMOVED,
)
assert set(_SECTIONS) == set(ISSUE_KINDS)

Column = tuple[str, Callable[[Change, Lang], str]]


def cell(text: str | None) -> str:
    """User text for a Markdown table cell: one line, markup characters and pipes escaped."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


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
        ("diff.col.completion", lambda c, _: f"{num(c.completion or 0)}%"),
        ("diff.col.note", lambda c, _: c.note or "—"),
    ],
    Kind.DISMISSED: [("diff.col.date", _date), ("diff.col.reason", lambda c, _: c.note or "—")],
    Kind.REOPENED: [
        ("diff.col.before", lambda c, lang: value_text("status", c.before, lang)),
        ("diff.col.after", lambda c, lang: value_text("status", c.after, lang)),
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
    since_text = cell(since) or "—"
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
        lines += [f"- {cell(describe(c, lang))}" for c in ledger_changes]
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
        rows.append("| " + " | ".join(cell(v) for v in values) + " |")
    return rows


__all__ = ["cell", "changes_markdown"]
