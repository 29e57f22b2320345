"""Commands of the git part: diff, log, fix-ids, git-setup, merge-driver (see rectify.cli)."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    Env,
    LangOption,
    PathsArgument,
    make_env,
    out,
    terminal_width,
    use_color,
)
from rectify.errors import ExitCode


class ChangesFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class LogFormat(enum.StrEnum):
    table = "table"
    json = "json"


def _t(key: str, env: Env, **params: object) -> str:
    from rectify.i18n import t

    return t(key, env.lang, **params)


@app.command()
def diff(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REV] [PATH]...",
            help="The version to compare with (a commit, branch, tag, HEAD~1; default: the "
            "last commit before this month began), then ledger files or folders.",
            show_default=False,
        ),
    ] = None,
    *,
    fmt: Annotated[
        ChangesFormat,
        typer.Option("--format", help="table, json (for scripts) or markdown (for the report)."),
    ] = ChangesFormat.table,
    lang: LangOption = None,
) -> None:
    """What changed in the ledgers since REV, issue by issue: new, rectified, signed off, progress.

    Compares the ledgers as committed at REV with the files as they are now
    (committed or not). A ledger moved or renamed is followed.
    """
    import json

    from rectify.figures.diff import counts, issues_changed
    from rectify.io.history import diff_since

    env = make_env(ctx, lang)
    rev, paths = _rev_and_paths(list(args or []))
    result = diff_since(rev, env.paths(paths), as_of=env.today, today=env.today)
    since = result.revision.label(env.lang)
    if fmt is ChangesFormat.json:
        from rectify.output.json import diff_json

        data = diff_json(
            result.revision,
            result.changes,
            counts=counts(result.changes),
            issues=issues_changed(result.changes),
        )
        out(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt is ChangesFormat.markdown:
        from rectify.output.changes import changes_markdown

        out(changes_markdown(result.changes, env.lang, since=since), nl=False)
    else:
        from rectify.render.changes import render_changes

        out(
            render_changes(
                result.changes, env.lang, since=since, width=terminal_width(), color=use_color()
            ),
            nl=False,
        )


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
        typer.Argument(metavar="ID", help="The issue: SMX-003, or LEDGER/ID when ids repeat."),
    ],
    paths: PathsArgument = None,
    *,
    fmt: Annotated[
        LogFormat, typer.Option("--format", help="table, or json for scripts.")
    ] = LogFormat.table,
    lang: LangOption = None,
) -> None:
    """The history of one issue through the commits: when, who, what changed from what to what."""
    import json

    from rectify.io.history import issue_history

    env = make_env(ctx, lang)
    found = issue_history(issue, env.paths(paths), as_of=env.today)
    if fmt is LogFormat.json:
        from rectify.output.json import log_json

        data = log_json(found.issue, found.entries)
        out(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rectify.render.changes import render_log

    text = render_log(
        found.entries, found.issue, found.title, env.lang, width=terminal_width(), color=use_color()
    )
    out(text, nl=False)


@app.command("fix-ids")
def fix_ids(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only say what would be renumbered.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Give each later issue that shares an id the next free id (after a merge of two branches).

    The first issue with an id keeps it; only the id lines change.
    """
    from rectify.errors import DataError, Severity
    from rectify.ledger.check import check_document
    from rectify.ledger.files import atomic_write, ledger_files, locked
    from rectify.ledger.ids import fix_document
    from rectify.ledger.yaml import encode, load_document, parse_text

    env = make_env(ctx, lang)
    files = ledger_files(env.paths(paths))
    count = changed = 0
    failed = False
    for path in files:
        with locked(path):
            doc = load_document(path)
            if doc.problems:
                typer.echo(_t("fixids.unreadable", env, path=path), err=True)
                failed = True
                continue
            try:
                text, renumbered = fix_document(doc)
            except DataError as exc:
                typer.echo(exc.message(env.lang), err=True)
                failed = True
                continue
            if not renumbered:
                continue
            for item in renumbered:
                out(
                    _t(
                        "fixids.renumbered",
                        env,
                        path=path,
                        line=item.line,
                        old=item.old,
                        new=item.new,
                        first=item.first,
                    )
                )
            count += len(renumbered)
            changed += 1
            if not dry_run:
                atomic_write(path, encode(doc, text))
        _, problems = check_document(parse_text(path, text), as_of=env.today)
        if any(p.severity is Severity.ERROR for p in problems):
            typer.echo(_t("fixids.still_problems", env, path=path), err=True)
            failed = True
    if not count:
        out(_t("fixids.none", env, files=len(files)))
    elif dry_run:
        out(_t("fixids.dry_run", env, count=count, files=changed))
    else:
        out(_t("fixids.done", env, count=count, files=changed))
    raise typer.Exit(ExitCode.PROBLEMS if failed else ExitCode.OK)


DRIVER = "rectify merge-driver %O %A %B %P"
ATTRIBUTES = ("*.yaml merge=rectify", "*.yml merge=rectify")


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
    from rectify.io.git import repo_root, set_config
    from rectify.ledger.files import atomic_write

    env = make_env(ctx, lang)
    root = repo_root(Path.cwd())
    attributes = root / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in ATTRIBUTES if line not in have]
    if missing:
        if text and not text.endswith("\n"):
            text += "\n"
        atomic_write(attributes, (text + "".join(f"{m}\n" for m in missing)).encode("utf-8"))
        out(_t("git.setup.attributes", env, path=attributes, patterns=", ".join(missing)))
    else:
        out(_t("git.setup.attributes_ok", env, path=attributes))
    set_config(root, "merge.rectify.name", "rectify: merge ledgers issue by issue")
    set_config(root, "merge.rectify.driver", DRIVER)
    out(_t("git.setup.config", env, driver=DRIVER))
    out(_t("git.setup.done", env))


@app.command("merge-driver", hidden=True)
def merge_driver(
    ctx: typer.Context,
    base: Annotated[Path, typer.Argument(help="%O: the common ancestor's version.")],
    ours: Annotated[Path, typer.Argument(help="%A: our version; the result is written here.")],
    theirs: Annotated[Path, typer.Argument(help="%B: their version.")],
    name: Annotated[
        str | None, typer.Argument(help="%P: the file's name in the repository.")
    ] = None,
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
    for old, new in result.renumbered:
        typer.echo(_t("git.merge.renumbered", env, path=shown, old=old, new=new), err=True)
    if result.issue_level and result.conflicts:
        typer.echo(_t("git.merge.conflicts", env, path=shown, count=result.conflicts), err=True)
    if result.problems:
        first = result.problems[0]
        typer.echo(
            _t(
                "git.merge.invalid",
                env,
                path=shown,
                count=len(result.problems),
                first=f"{first.line}: {first.message(env.lang)}",
            ),
            err=True,
        )
    clean = not result.conflicts and not result.problems
    raise typer.Exit(ExitCode.OK if clean else ExitCode.PROBLEMS)
