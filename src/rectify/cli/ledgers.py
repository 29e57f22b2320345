"""Commands on ledger files themselves: check, fmt, schema."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    AsOfOption,
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
    from rectify.ledger.yaml import Document


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def check(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    fmt: Annotated[CheckFormat, typer.Option("--format")] = CheckFormat.text,
    as_of: AsOfOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Check ledgers against format v1; list every problem with file, line and a hint.

    Exit 0 when there is no error (warnings only count with --strict), 1 otherwise.
    Fit for a git pre-commit hook.
    """
    from rectify import api

    env = make_env(ctx, lang)
    loaded = api.check(env.project, scope(paths, ledger), as_of=env.date(as_of, "--as-of"))
    if fmt is CheckFormat.json:
        from rectify.output.json import problems_json

        out_json(problems_json(loaded.problems, env.lang))
    elif loaded.problems:
        from rectify.output.diagnostics import format_problems

        docs = {doc.path: doc for doc in loaded.documents}
        quoted = format_problems(
            loaded.problems, env.lang, lambda p: _line_of(docs[p.path], p.line)
        )
        out(f"{quoted}\n")
        counts = {"errors": len(loaded.errors), "warnings": len(loaded.warnings)}
        env.say("check.summary", files=len(loaded.files), **counts)
    else:
        missing = sum(1 for state in env.project.read if state.gap is not None)
        key = "check.ok_partial" if missing else "check.ok"
        env.say(key, files=len(loaded.files), issues=loaded.issue_count(), missing=missing)
    failed = loaded.errors or (strict and loaded.warnings)
    raise typer.Exit(ExitCode.PROBLEMS if failed else ExitCode.OK)


@app.command("fmt")
def fmt_command(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    check_only: Annotated[
        bool,
        typer.Option("--check"),
    ] = False,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Rewrite ledgers in canonical form, keeping every comment and x- key."""
    from rectify import api

    env = make_env(ctx, lang)
    done = api.fmt(env.project, scope(paths, ledger), check_only=check_only)
    for path in done.refused:
        env.note("fmt.has_errors", path=path)
    for key, params in done.notes:
        env.note(key, **params)
    for path in done.reformatted:
        env.say("fmt.would_reformat" if check_only else "fmt.reformatted", path=path)
    failed = len(done.refused) + (len(done.reformatted) if check_only else 0)
    if check_only and failed:
        env.note("fmt.check_failed", count=failed)
    elif done.unchanged and not failed:
        env.say("fmt.unchanged", count=done.unchanged)
    raise typer.Exit(ExitCode.PROBLEMS if failed else ExitCode.OK)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    lang: LangOption = None,  # the language of its errors, as for every command
) -> None:
    """Print the JSON Schema of ledger format v1 (for editors such as VS Code)."""
    import json

    from rectify.ledger.files import write_output
    from rectify.ledger.schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        out(text, nl=False)
    else:
        write_output(output, text.encode("utf-8"))


def _line_of(doc: Document, line: int) -> str | None:
    """The line to quote under a problem; None for a file with no text to show (binary, empty)."""
    return doc.line_text(line) if doc.text else None
