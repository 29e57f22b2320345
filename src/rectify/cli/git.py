"""Commands of the git part: diff, log, fix-ids, git-setup, merge-driver (see rectify.cli)."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    LangOption,
    LedgerOption,
    PathsArgument,
    make_env,
    out,
    out_json,
    scope,
)
from rectify.errors import ExitCode

if TYPE_CHECKING:
    from rectify.cli.common import Env
    from rectify.io.history import FileMerge


class ChangesFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class LogFormat(enum.StrEnum):
    table = "table"
    json = "json"


@app.command()
def diff(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REV] [PATH]...",
            show_default=False,
        ),
    ] = None,
    *,
    fmt: Annotated[
        ChangesFormat,
        typer.Option("--format"),
    ] = ChangesFormat.table,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """What changed in the ledgers since REV, issue by issue: new, rectified, signed off, progress.

    Compares the ledgers as committed at REV with the files as they are now
    (committed or not). A ledger moved or renamed is followed.
    """
    from rectify import api

    env = make_env(ctx, lang)
    rev, paths = _rev_and_paths(list(args or []))
    result = api.diff(env.project, rev, scope(paths, ledger))
    since = result.revision.label(env.lang)
    if fmt is ChangesFormat.json:
        from rectify.figures.diff import counts, issues_changed
        from rectify.output.json import diff_json

        found = result.changes
        out_json(
            diff_json(result.revision, found, counts=counts(found), issues=issues_changed(found))
        )
    elif fmt is ChangesFormat.markdown:
        from rectify.output.changes import changes_markdown

        out(changes_markdown(result.changes, env.lang, since=since), nl=False)
    else:
        from rectify.render.changes import render_changes

        text = render_changes(
            result.changes, env.lang, since=since, width=env.width, color=env.color
        )
        out(text, nl=False)


def _rev_and_paths(args: list[str]) -> tuple[str | None, list[Path] | None]:
    """The first argument is the revision unless it names a file or folder that exists."""
    if not args:
        return None, None
    first = args[0]
    named_file = first.lower().endswith((".yaml", ".yml")) or os.sep in first or "/" in first
    if (Path(first).exists() or named_file) and not _looks_like_rev(first):
        return None, [Path(a) for a in args]
    return first, [Path(a) for a in args[1:]] or None


def _looks_like_rev(text: str) -> bool:
    return text.upper().startswith("HEAD") or "~" in text or "^" in text or "@{" in text


@app.command()
def log(
    ctx: typer.Context,
    issue: Annotated[
        str,
        typer.Argument(metavar="ID"),
    ],
    paths: PathsArgument = None,
    *,
    fmt: Annotated[LogFormat, typer.Option("--format")] = LogFormat.table,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """The history of one issue through the commits: when, who, what changed from what to what."""
    from rectify import api

    env = make_env(ctx, lang)
    found = api.log(env.project, issue, scope(paths, ledger))
    if fmt is LogFormat.json:
        from rectify.output.json import log_json

        out_json(log_json(found.issue, found.entries))
    else:
        from rectify.render.changes import render_log

        text = render_log(
            found.entries, found.issue, found.title, env.lang, width=env.width, color=env.color
        )
        out(text, nl=False)


@app.command("fix-ids")
def fix_ids(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Give each later issue that shares an id the next free id (after a merge of two branches).

    The first issue with an id keeps it; only the id lines change.
    """
    from rectify.api.git import fix_ids as renumber

    env = make_env(ctx, lang)
    done = renumber(env.project, scope(paths, ledger), dry_run=dry_run)
    for path, item in done.renumbered:
        fields = {"line": item.line, "old": item.old, "new": item.new, "first": item.first}
        env.say("fixids.renumbered", path=path, **fields)
    for key, params in done.problems:
        env.note(key, **params)
    count = len(done.renumbered)
    if not count:
        env.say("fixids.none", files=done.files)
    else:
        env.say("fixids.dry_run" if dry_run else "fixids.done", count=count, files=done.changed)
    raise typer.Exit(ExitCode.PROBLEMS if done.problems else ExitCode.OK)


@app.command("git-setup")
def git_setup(
    ctx: typer.Context,
    *,
    lang: LangOption = None,
) -> None:
    """Make git merge ledgers issue by issue: two people adding issues no longer conflict.

    Writes `*.yaml merge=rectify` into .gitattributes (commit it) and sets
    merge.rectify.driver in this clone's git config (run once per clone).
    """
    from rectify.api.git import DRIVER
    from rectify.api.git import git_setup as set_up

    env = make_env(ctx, lang)
    attributes, missing = set_up()
    if missing:
        env.say("git.setup.attributes", path=attributes, patterns=", ".join(missing))
    else:
        env.say("git.setup.attributes_ok", path=attributes)
    env.say("git.setup.config", driver=DRIVER)
    env.say("git.setup.done")


@app.command("merge-driver", hidden=True)
def merge_driver(
    ctx: typer.Context,
    base: Annotated[Path, typer.Argument()],
    ours: Annotated[Path, typer.Argument()],
    theirs: Annotated[Path, typer.Argument()],
    name: Annotated[str | None, typer.Argument()] = None,
    *,
    lang: LangOption = None,
) -> None:
    """git's merge driver for ledgers (set up by `rectify git-setup`): merge issue by issue.

    Exit 0 when merged cleanly, 1 when conflicts are left for a person.
    """
    from rectify.io.history import merge_ledger_files

    env = make_env(ctx, lang)
    shown = name or str(ours)
    result = merge_ledger_files(base, ours, theirs, name=shown, as_of=env.today)
    _merge_notes(env, result, shown)
    clean = not result.conflicts and not result.problems
    raise typer.Exit(ExitCode.OK if clean else ExitCode.PROBLEMS)


def _merge_notes(env: Env, result: FileMerge, shown: str) -> None:
    """What the merge driver tells the person running `git merge` (on stderr)."""
    for old, new in result.renumbered:
        env.note("git.merge.renumbered", path=shown, old=old, new=new)
    for issue, problem in result.broken:
        env.note(
            "git.merge.issue_conflict", path=shown, issue=issue, problem=problem.message(env.lang)
        )
    for issue, key in result.fields:
        if key != "*":
            env.note("git.merge.field_conflict", path=shown, issue=issue, field=key)
    if result.issue_level and result.conflicts:
        env.note("git.merge.conflicts", path=shown, count=result.conflicts)
    if result.problems:
        first = result.problems[0]
        message = f"{first.line}: {first.message(env.lang)}"
        env.note("git.merge.invalid", path=shown, count=len(result.problems), first=message)
