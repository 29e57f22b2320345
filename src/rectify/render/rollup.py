"""`rectify sync` at the terminal: a progress bar while sources are fetched, then a table."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table

from rectify.i18n import Lang, t
from rectify.render import user_text


@contextmanager
def progress_bar(
    total: int, lang: Lang, *, on: bool | None = None
) -> Iterator[Callable[[Any], None]]:
    """A Rich progress bar on stderr while ``total`` sources are fetched (only on a terminal);
    yields what to call as each one is done (from any thread)."""
    shown = sys.stderr.isatty() if on is None else on
    if not shown or total < 1:
        yield lambda _done: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(t("sync.title", lang), total=total)
        yield lambda _done: bar.advance(task)


def sync_table(results: Sequence[Any], lang: Lang) -> RenderableType:
    """One row per source: its name, what sync did, its commit; a failure says why."""
    from rectify.output.rollup import gap_reason

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("source", "state", "commit"):
        table.add_column(t(f"sync.col.{name}", lang))
    for done in results:
        state = t(f"sync.state.{done.state}", lang)
        if done.gap is not None:
            state = t("sync.failed_why", lang, why=gap_reason(done.gap.key, done.gap.params, lang))
        style = "red" if done.state == "failed" else ""
        table.add_row(
            user_text(done.source.name),
            user_text(state, style=style),
            user_text(done.commit or "-"),
        )
    kinds = ("fetched", "current", "local", "failed")
    counts = {kind: sum(1 for r in results if r.state == kind) for kind in kinds}

    return Group(table, user_text(t("sync.done", lang, count=len(results), **counts)))
