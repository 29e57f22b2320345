"""The command of the website: site (see rectify.cli)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import AsOfOption, LangOption, LedgerOption, PathsArgument, make_env, scope

if TYPE_CHECKING:
    from rectify.api.site import Built


@app.command()
def site(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("site"),
    as_of: AsOfOption = None,
    serve: Annotated[bool, typer.Option("--serve")] = False,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, metavar="PORT")] = 8000,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Write a static website of the ledgers: open its index.html, no server needed.

    The overview (figures with their denominators, the trend, the warnings, the
    units ranked), a page per ledger, lead unit and problem, the lists to work
    from, and the figures of every month end. --serve previews it on 127.0.0.1
    and builds it again when a ledger changes.
    """
    from rectify import api
    from rectify.api.project import shown

    env = make_env(ctx, lang)
    day, ledgers = env.date(as_of, "--as-of"), scope(paths, ledger)

    def written(built: Built | None, error: str | None = None) -> None:
        if built is None:
            env.note("site.rebuild_failed", error=error)
        else:
            env.note("site.rebuilt", pages=built.pages)

    if serve:
        ready = lambda url, built: env.say("site.serving", url=url)  # noqa: E731
        api.serve_site(
            env.project,
            ledgers,
            out=output,
            as_of=day,
            lang=env.lang,
            port=port,
            ready=ready,
            rebuilt=written,
        )
        return
    built = api.build_site(env.project, ledgers, out=output, as_of=day, lang=env.lang)
    env.say("site.written", path=shown(built.path).as_posix(), pages=built.pages)
