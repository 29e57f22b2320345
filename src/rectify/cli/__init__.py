"""The `rectify` command line: parse, call the core, render, exit. Nothing else.

Command modules import only the standard library, typer, and the light
modules (errors, i18n) at the top; the core is imported inside each command,
so that `rectify --version` and `rectify --help` start fast.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from rectify import __version__
from rectify.cli._compat import click, click_exceptions
from rectify.cli.common import check_argv_text, check_lang, early_lang, normalize_token, print_error
from rectify.cli.help import HelpTyper, completions, format_help, get_help
from rectify.errors import ExitCode, RectifyError
from rectify.i18n import t


class RectifyGroup(TyperGroup):
    """Turns every error into one sentence in the user's language and an exit code.

    Its help, and every command's (they are `rectify.cli.help.HelpCommand`s), is in
    the user's language: `rectify.cli.help`.
    """

    #: The command line of this run, for the language of help (set by `main`).
    argv: list[str] | None = None

    def get_help(self, ctx: click.Context) -> str:
        return get_help(self, ctx)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        return completions(self, ctx, super().shell_complete(ctx, incomplete))

    @property
    def help_order(self) -> list[str]:
        """The order of the command list in help: daily work first, as docs/commands.md."""
        return list(COMMANDS)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        format_help(self, ctx, formatter)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Find the command ``args`` names; an unknown name is a NoSuchCommand with suggestions."""
        name = args[0] if args else ""
        unknown = name and not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:
            from rectify.cli.common import NoSuchCommand
            from rectify.suggest import suggest

            known = self.list_commands(ctx)
            raise NoSuchCommand(name, suggest(name, known), ctx=ctx)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        self.argv = argv
        traceback = "--traceback" in argv
        # The language (which may mean reading rectify.toml) is looked up only when
        # there is an error to print: --help and --version must start fast.
        try:
            check_lang(argv)
            check_argv_text(argv)
            rv = super().main(
                argv, prog_name or "rectify", complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
        except RectifyError as exc:
            if traceback:
                raise
            lang = early_lang(argv)
            message = exc.message(lang)
            if exc.key == "error.no_such_path" and exc.path is not None:
                # `--note 累计 改造`: 改造 was taken for a ledger; say how to quote the note.
                from rectify.cli.common import quote_hint

                message += quote_hint(str(exc.path), argv, lang)
            print_error(message, lang)
            code = exc.exit_code
        except typer.Exit as exc:
            code = exc.exit_code
        except click_exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
            code = ExitCode.USAGE
        except click_exceptions.ClickException as exc:
            lang = early_lang(argv)
            print_error(usage_message(exc, lang, argv), lang)
            code = ExitCode.USAGE
        except (KeyboardInterrupt, typer.Abort):
            lang = early_lang(argv)
            # Ctrl-C (or Ctrl-D) in a prompt leaves the cursor after the question, and the
            # terminal's ^C after whatever was printed: the sentence starts a line of its own.
            click.echo("", err=True)
            print_error(t("error.interrupted", lang), lang)
            code = ExitCode.INTERRUPTED
        except Exception as exc:
            if traceback:
                raise
            lang = early_lang(argv)
            print_error(t("error.unexpected", lang, error=f"{type(exc).__name__}: {exc}"), lang)
            code = ExitCode.PROBLEMS
        if standalone_mode:
            sys.exit(int(code))
        return int(code)


def usage_message(
    exc: click_exceptions.ClickException, lang: str, argv: list[str] | None = None
) -> str:
    """A usage error in the user's language, with how to get help."""
    from rectify.cli.common import usage_text

    return usage_text(exc, "zh" if lang == "zh" else "en", argv)


app = HelpTyper(
    cls=RectifyGroup,
    name="rectify",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # normalize_token: choice options take their Chinese names too (--by 单位, --format 表格).
    context_settings={
        "help_option_names": ["-h", "--help"],
        "token_normalize_func": normalize_token,
    },
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rectify {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True),
    lang: str | None = typer.Option(None, "--lang", metavar="zh|en"),
    traceback: bool = typer.Option(False, "--traceback"),
    no_cache: bool = typer.Option(False, "--no-cache"),
    wide: bool = typer.Option(False, "--wide"),
) -> None:
    """整改台账 rectification ledgers: problem lists, progress, figures and monthly reports."""
    # --lang, --no-cache and --wide are read from this context by rectify.cli.common.make_env.


#: The module that adds each command to `app` when imported (tests/test_layers.py checks it).
COMMANDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "init",
            "new",
            "add",
            "update",
            "done",
            "apply",
            "return",
            "close",
            "reopen",
            "extend",
            "dismiss",
        ),
        "daily",
    ),
    **dict.fromkeys(("list", "show"), "lookup"),
    **dict.fromkeys(("status", "progress", "report"), "figures"),
    **dict.fromkeys(("due", "notice", "reply", "vote", "carry-over"), "follow"),
    **dict.fromkeys(("diff", "log", "fix-ids", "git-setup", "merge-driver"), "git"),
    **dict.fromkeys(("check", "fmt", "schema"), "ledgers"),
    **dict.fromkeys(("export", "import"), "sheets"),
    **dict.fromkeys(("site",), "site"),
    **dict.fromkeys(("sync",), "rollup"),
}
_GLOBAL_FLAGS = frozenset({"--traceback", "--no-cache", "--wide"})
#: The command modules whose commands only read ledgers (status, progress, report).
READ_ONLY = frozenset({"figures"})


def register(module: str | None = None) -> None:
    """Add commands to `app`: those of one command module, or (None) all of them."""
    import importlib

    for name in sorted(set(COMMANDS.values())) if module is None else [module]:
        importlib.import_module(f"rectify.cli.{name}")


def module_named(argv: list[str]) -> str | None:
    """The module of the command a command line names; None when it is not certain (help...)."""
    import os

    if any(name.endswith("_COMPLETE") for name in os.environ):
        return None  # shell completion lists every command
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif word not in _GLOBAL_FLAGS and not word.startswith("--lang="):
            return COMMANDS.get(word)
    return None


def main() -> None:
    """The console script's entry point.

    Only the module of the command being run is imported (building every
    command's options is a good part of the start-up); help, completion and
    anything unrecognised get them all.
    """
    module = module_named(sys.argv[1:])
    register(module)
    # What is imported by now lives until the end: the cyclic collector need not walk it.
    gc.freeze()
    if module in READ_ONLY:
        # A read makes many objects and few cycles, and the process ends with it (os._exit).
        gc.disable()
    app()
