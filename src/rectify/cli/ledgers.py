"""Commands on ledger files themselves: check, fmt, schema."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import AsOfOption, LangOption, PathsArgument, make_env, out
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
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", help="text, or json for editors and scripts.")
    ] = CheckFormat.text,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Check ledgers against format v1; list every problem with file, line and a hint.

    Exit 0 when there is no error (warnings only count with --strict), 1 otherwise.
    Fit for a git pre-commit hook.
    """
    import json

    from rectify.ledger.load import load
    from rectify.output.diagnostics import format_problems
    from rectify.output.json import problems_json

    env = make_env(ctx, lang)
    loaded = load(env.paths(paths), as_of=env.as_of(as_of))
    docs = {doc.path: doc for doc in loaded.documents}
    problems = sorted(loaded.problems, key=lambda p: p.sort_key())
    if fmt is CheckFormat.json:
        out(json.dumps(problems_json(problems, env.lang), ensure_ascii=False, indent=2))
    else:
        if problems:
            out(format_problems(problems, env.lang, lambda p: _line_of(docs[p.path], p.line)))
            out()
            out(
                _t(
                    "check.summary",
                    env.lang,
                    files=len(loaded.files),
                    errors=len(loaded.errors),
                    warnings=len(loaded.warnings),
                )
            )
        else:
            out(_t("check.ok", env.lang, files=len(loaded.files), issues=loaded.issue_count()))
    failed = loaded.errors or (strict and loaded.warnings)
    raise typer.Exit(ExitCode.PROBLEMS if failed else ExitCode.OK)


@app.command("fmt")
def fmt_command(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    check_only: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; exit 1 and name the files not in canonical form."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Rewrite ledgers in canonical form, keeping every comment and x- key."""
    from rectify.ledger.check import check_document
    from rectify.ledger.files import atomic_write, ledger_files
    from rectify.ledger.fmt import format_document
    from rectify.ledger.yaml import encode, load_document

    env = make_env(ctx, lang)
    failed = 0
    unchanged = 0
    for path in ledger_files(env.paths(paths)):
        doc = load_document(path)
        ledger, _ = check_document(doc, as_of=env.today)
        if ledger is None:
            typer.echo(_t("fmt.has_errors", env.lang, path=path), err=True)
            failed += 1
            continue
        result = format_document(doc)
        for line in result.kept:
            typer.echo(_t("fmt.kept_block", env.lang, path=path, line=line), err=True)
        if result.text == doc.text:
            unchanged += 1
        elif check_only:
            out(_t("fmt.would_reformat", env.lang, path=path))
            failed += 1
        else:
            atomic_write(path, encode(doc, result.text))
            out(_t("fmt.reformatted", env.lang, path=path))
    if check_only and failed:
        typer.echo(_t("fmt.check_failed", env.lang, count=failed), err=True)
    elif unchanged and not failed:
        out(_t("fmt.unchanged", env.lang, count=unchanged))
    raise typer.Exit(ExitCode.PROBLEMS if failed else ExitCode.OK)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of ledger format v1 (for editors such as VS Code)."""
    import json

    from rectify.ledger.files import atomic_write
    from rectify.ledger.schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        out(text, nl=False)
    else:
        atomic_write(output, text.encode("utf-8"))


def _line_of(doc: Document, line: int) -> str | None:
    """The line to quote under a problem; None for a file with no text to show (binary, empty)."""
    return doc.line_text(line) if doc.text else None


def _t(key: str, lang: str, **params: object) -> str:
    from rectify.i18n import t

    return t(key, "zh" if lang == "zh" else "en", **params)
