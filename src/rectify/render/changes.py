"""What changed (`rectify diff`) and one issue's history (`rectify log`) as terminal tables.

User text goes in as rich.text.Text, never as markup, so a title such as
``[red]x[/]`` prints as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table

from rectify.figures.diff import LEDGER_KINDS, Change, Kind, LogEntry
from rectify.i18n import Lang, t
from rectify.output.changes import describe, summary_text
from rectify.render import to_text, user_text

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


def _table(headers: Sequence[str], *, wrap: Sequence[int]) -> Table:
    """A borderless table; only the columns in ``wrap`` (titles, changes) wrap."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for index, header in enumerate(headers):
        table.add_column(header, overflow="fold", no_wrap=index not in wrap)
    return table


def changes_renderable(changes: Sequence[Change], lang: Lang, *, since: str) -> RenderableType:
    """The changes since a revision: a heading, the totals, the ledger files, a row per change."""
    parts: list[RenderableType] = [user_text(t("diff.title", lang, since=since), style="bold")]
    if not changes:
        parts.append(user_text(t("diff.none", lang, since=since)))
        return Group(*parts)
    parts.append(user_text(summary_text(changes, lang), style="dim"))
    files = [c for c in changes if c.kind in LEDGER_KINDS]
    issues = [c for c in changes if c.kind not in LEDGER_KINDS]
    parts += [user_text(f"- {describe(c, lang)}") for c in files]
    if not issues:
        return Group(*parts)
    several = len({c.ledger for c in issues}) > 1
    headers = [t("diff.col.id", lang), t("diff.col.title", lang), t("diff.col.change", lang)]
    if several:
        headers.insert(0, t("diff.col.ledger", lang))
    table = _table(headers, wrap=(len(headers) - 2, len(headers) - 1))
    previous: tuple[str, str] | None = None
    for change in issues:
        key = (change.ledger, change.issue)
        same = key == previous
        previous = key
        cells = [
            user_text("" if same else change.issue),
            user_text("" if same else change.title),
            user_text(describe(change, lang), style=KIND_STYLES.get(change.kind, "")),
        ]
        if several:
            cells.insert(0, user_text("" if same else change.ledger))
        table.add_row(*cells)
    parts += [user_text(""), table]
    return Group(*parts)


def log_renderable(
    entries: Sequence[LogEntry], issue_id: str, title: str, lang: Lang
) -> RenderableType:
    """One issue's history: a row per change, with the commit's date, author and hash."""
    parts: list[RenderableType] = [
        user_text(t("log.title", lang, id=issue_id, title=title), style="bold")
    ]
    if not entries:
        parts.append(user_text(t("log.none", lang, id=issue_id)))
        return Group(*parts)
    committed = sum(entry.commit is not None for entry in entries)
    parts.append(user_text(t("log.count", lang, count=committed), style="dim"))
    table = _table(
        [
            t("log.col.date", lang),
            t("log.col.author", lang),
            t("log.col.commit", lang),
            t("log.col.change", lang),
        ],
        wrap=(3,),
    )
    for entry in entries:
        commit = entry.commit
        head = (
            [
                user_text(commit.date),
                user_text(commit.author),
                user_text(commit.short, style="cyan"),
            ]
            if commit is not None
            else [
                user_text(""),
                user_text(""),
                user_text(t("log.working_tree", lang), style="bold cyan"),
            ]
        )
        lines = [describe(c, lang) for c in entry.changes] or [t("log.invalid", lang)]
        if entry.carried_from:
            lines[0] = t("log.carried_from", lang, key=entry.carried_from) + lines[0]
        for index, line in enumerate(lines):
            style = KIND_STYLES.get(entry.changes[index].kind, "") if entry.changes else "dim"
            cells = head if index == 0 else [user_text(""), user_text(""), user_text("")]
            table.add_row(*cells, user_text(line, style=style))
    parts += [user_text(""), table]
    return Group(*parts)


def render_changes(
    changes: Sequence[Change], lang: Lang, *, since: str, width: int, color: bool
) -> str:
    """The changes since a revision as terminal text."""
    return to_text(changes_renderable(changes, lang, since=since), width=width, color=color)


def render_log(
    entries: Sequence[LogEntry], issue_id: str, title: str, lang: Lang, *, width: int, color: bool
) -> str:
    """One issue's history as terminal text."""
    return to_text(log_renderable(entries, issue_id, title, lang), width=width, color=color)


__all__ = ["changes_renderable", "log_renderable", "render_changes", "render_log", "to_text"]
