"""The command of the roll-up across repositories: sync (see rectify.cli, docs/rollup.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rectify.cli import app
from rectify.cli.common import LangOption, make_env

ManifestArgument = Annotated[
    Path | None,
    typer.Argument(metavar="[MANIFEST]", show_default=False),
]


@app.command()
def sync(ctx: typer.Context, manifest: ManifestArgument = None, lang: LangOption = None) -> None:
    """Fetch every git source of a roll-up manifest (rollup.yaml) with plain git, several at once.

    Each source is kept as a bare mirror in the manifest's cache folder; nothing
    is checked out. A source that cannot be fetched is named; the others are
    fetched all the same, and the command exits non-zero.
    """
    from rectify import api
    from rectify.render.rollup import progress_bar, sync_table

    env = make_env(ctx, lang)
    given = [manifest] if manifest is not None else None
    with progress_bar(len(api.the_manifest(given).sources), env.lang) as tick:
        results = api.sync(env.project, given, on_done=tick)
    env.show(sync_table(results, env.lang))
