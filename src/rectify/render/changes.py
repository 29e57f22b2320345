"""What changed (`rectify diff`) and one issue's history (`rectify log`) as terminal tables.

User text goes in as rich.text.Text, never as markup, so a title such as
``[red]x[/]`` prints as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from rectify.figures.diff import LEDGER_KINDS, Change, Kind, LogEntry
from rectify.i18n import Lang, t
from rectify.output.changes import describe, summary_text
from rectify.render import to_text, user_text
from rectify.render.table import Column, Fitted, fitted_table, hidden_note, paragraph

# Red, yellow and blue are the warning colours (render.warnings.LEVEL_COLORS) and mean
# nothing else: a change or a commit is never painted in them.
KIND_STYLES = {
    Kind.RECTIFIED: "green",
    Kind.CLOSED: "bold green",
    Kind.ADDED: "cyan",
    Kind.DEADLINE: "magenta",
    Kind.DISMISSED: "dim",
    Kind.REOPENED: "bold magenta",
    Kind.REMOVED: "dim",
}


def _note_under(
    table: RenderableType, laid: Fitted, lang: Lang, width: int, command: str
) -> list[RenderableType]:
    note = hidden_note(laid, lang, width, command=command)
    return [table] if note is None else [table, note]


def changes_renderable(
    changes: Sequence[Change], lang: Lang, *, since: str, width: int
) -> RenderableType:
    """The changes since a revision: a heading, the totals, the ledger files, a row per change.

    The table is laid out by render.table's rules: ids never cut, titles and
    changes wrapped; on a narrow screen the title goes before the change.
    """
    parts: list[RenderableType] = [user_text(t("diff.title", lang, since=since), style="bold")]
    if not changes:
        parts.append(user_text(t("diff.none", lang, since=since)))
        return Group(*parts)
    parts.append(paragraph(summary_text(changes, lang), width, "dim"))
    files = [c for c in changes if c.kind in LEDGER_KINDS]
    issues = [c for c in changes if c.kind not in LEDGER_KINDS]
    parts += [paragraph(f"- {describe(c, lang)}", width) for c in files]
    if not issues:
        return Group(*parts)
    firsts = [
        (c.ledger, c.issue) != ((p.ledger, p.issue) if p else None)
        for c, p in zip(issues, [None, *issues[:-1]], strict=True)
    ]
    columns = [
        Column(
            "id",
            t("diff.col.id", lang),
            [user_text(c.issue if first else "") for c, first in zip(issues, firsts, strict=True)],
            keep=True,
        ),
        Column(
            "title",
            t("diff.col.title", lang),
            [user_text(c.title if first else "") for c, first in zip(issues, firsts, strict=True)],
            wrap=True,
            min_width=10,
        ),
        Column(
            "change",
            t("diff.col.change", lang),
            [user_text(describe(c, lang), style=KIND_STYLES.get(c.kind, "")) for c in issues],
            wrap=True,
            min_width=16,
            keep=True,
        ),
    ]
    if len({c.ledger for c in issues}) > 1:
        cells = [
            user_text(c.ledger if first else "") for c, first in zip(issues, firsts, strict=True)
        ]
        columns.insert(
            0, Column("ledger", t("diff.col.ledger", lang), cells, wrap=True, min_width=8)
        )
    table, laid = fitted_table(columns, ["id", "change", "ledger", "title"], width)
    parts += [user_text(""), *_note_under(table, laid, lang, width, "diff")]
    return Group(*parts)


def log_renderable(
    entries: Sequence[LogEntry], issue_id: str, title: str, lang: Lang, *, width: int
) -> RenderableType:
    """One issue's history: a row per change, with the commit's date, author and hash.

    Laid out by render.table's rules: dates and hashes never cut, authors and
    changes wrapped; on a narrow screen the author goes first, then the hash.
    """
    parts: list[RenderableType] = [
        paragraph(t("log.title", lang, id=issue_id, title=title), width, "bold")
    ]
    if not entries:
        parts.append(user_text(t("log.none", lang, id=issue_id)))
        return Group(*parts)
    committed = sum(entry.commit is not None for entry in entries)
    parts.append(user_text(t("log.count", lang, count=committed), style="dim"))
    dates: list[Text] = []
    authors: list[Text] = []
    hashes: list[Text] = []
    lines: list[Text] = []
    for entry in entries:
        commit = entry.commit
        said = [describe(c, lang) for c in entry.changes] or [t("log.invalid", lang)]
        if entry.carried_from:
            said[0] = t("log.carried_from", lang, key=entry.carried_from) + said[0]
        for index, line in enumerate(said):
            first = index == 0
            dates.append(user_text(commit.date if commit and first else ""))
            authors.append(user_text(commit.author if commit and first else ""))
            if commit is None:
                hashes.append(user_text(t("log.working_tree", lang) if first else "", "bold cyan"))
            else:
                hashes.append(user_text(commit.short if first else "", "cyan"))
            style = KIND_STYLES.get(entry.changes[index].kind, "") if entry.changes else "dim"
            lines.append(user_text(line, style=style))
    columns = [
        Column("date", t("log.col.date", lang), dates, keep=True),
        Column("author", t("log.col.author", lang), authors, wrap=True, min_width=8),
        Column("commit", t("log.col.commit", lang), hashes),
        Column("change", t("log.col.change", lang), lines, wrap=True, min_width=16, keep=True),
    ]
    table, laid = fitted_table(columns, ["date", "change", "commit", "author"], width)
    parts += [user_text(""), *_note_under(table, laid, lang, width, "log")]
    return Group(*parts)


def render_changes(
    changes: Sequence[Change], lang: Lang, *, since: str, width: int, color: bool
) -> str:
    """The changes since a revision as terminal text."""
    return to_text(
        changes_renderable(changes, lang, since=since, width=width), width=width, color=color
    )


def render_log(
    entries: Sequence[LogEntry], issue_id: str, title: str, lang: Lang, *, width: int, color: bool
) -> str:
    """One issue's history as terminal text."""
    return to_text(
        log_renderable(entries, issue_id, title, lang, width=width), width=width, color=color
    )


__all__ = ["changes_renderable", "log_renderable", "render_changes", "render_log", "to_text"]
