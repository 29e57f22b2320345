"""What every command shares: options, the environment, dates and error printing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rectify.cli._compat import click, click_exceptions
from rectify.errors import UsageError
from rectify.i18n import Lang, resolve_lang, t

if TYPE_CHECKING:
    from rectify.api.project import Project
    from rectify.io.config import Config

LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of messages and output: zh or en.", metavar="zh|en"),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Compute as of this date (2024-10-31, 2024-10, 2024年10月31日; default today).",
        metavar="DATE",
    ),
]
# Ledgers are named the same way in every command: as arguments, with -l, or both; a file,
# a folder, or a ledger id (smx-city-2024) of the project's ledgers folder.
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="[LEDGER]...",
        help="Ledger files or folders, or ledger ids (default: the project's ledgers folder).",
        show_default=False,
    ),
]
LedgerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger",
        "-l",
        metavar="LEDGER",
        help="A ledger file, folder or id, as the arguments (repeatable).",
        show_default=False,
    ),
]


def scope(paths: list[Path] | None, ledger: list[Path] | None) -> list[Path] | None:
    """The ledgers a command was given, as arguments and with -l; None when none."""
    return [*(paths or []), *(ledger or [])] or None


def early_lang(argv: list[str]) -> Lang:
    """The language asked for on the command line, else from the environment and config.

    Used before the command line is parsed, to print a usage error in the
    right language.
    """
    option: str | None = None
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            option = argv[index + 1]
        elif arg.startswith("--lang="):
            option = arg.split("=", 1)[1]
    return resolve_lang(option, _config_lang())


def _config_lang() -> str | None:
    """The language set in the project's rectify.toml, if one is found and readable."""
    try:
        from rectify.io.config import load_config

        return load_config(Path.cwd()).lang
    except Exception:  # a broken config is reported by the command that reads it
        return None


# Control characters but newline and tab, and the bidirectional overrides: the same set


def print_error(message: str, lang: Lang) -> None:
    """Print one error sentence to stderr: ``错误：…`` or ``error: …``.

    The message may quote what the user typed (an id, a path): its control
    characters are escaped so that it cannot drive the terminal.
    """
    sep = "：" if lang == "zh" else ": "
    from rectify.text import terminal

    click.echo(f"{t('error.prefix', lang)}{sep}{terminal(message, multiline=True)}", err=True)


class NoSuchCommand(click_exceptions.UsageError):
    """A command name rectify does not know, with the names it may have meant."""

    def __init__(self, name: str, possibilities: list[str], ctx: Any = None) -> None:
        super().__init__(f"No such command {name!r}.", ctx=ctx)
        self.name = name
        self.possibilities = possibilities


def usage_text(exc: click_exceptions.ClickException, lang: Lang) -> str:
    """A click usage error in the user's language, naming the option at fault."""
    name = ""
    if isinstance(exc, click_exceptions.BadParameter) and exc.param is not None:
        name = "/".join(exc.param.opts) if exc.param.opts else str(exc.param.name)
    if isinstance(exc, click_exceptions.MissingParameter):
        text = t("usage.missing", lang, name=name or "?")
    elif isinstance(exc, click_exceptions.NoSuchOption):
        text = t("usage.no_such_option", lang, name=exc.option_name)
        if exc.possibilities:
            text += t("usage.did_you_mean", lang, names=", ".join(sorted(exc.possibilities)))
    elif isinstance(exc, NoSuchCommand):
        text = t("usage.no_such_command", lang, name=exc.name)
        if exc.possibilities:
            text += t("usage.did_you_mean", lang, names=", ".join(exc.possibilities))
    elif isinstance(exc, click_exceptions.BadParameter):
        text = t("usage.bad_value", lang, name=name, detail=exc.format_message())
    else:
        text = exc.format_message()
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "rectify"
    return f"{text}\n{t('usage.help', lang, command=command)}"


@dataclass(frozen=True)
class Env:
    """What a command runs with, built once per run by `make_env`.

    The language of its words, the project (config, today, the cache switch),
    and the screen: its width and whether to colour. Commands speak through
    it (`t`, `say`, `note`, `show`), so no command works these out again.
    """

    lang: Lang
    project: Project
    width: int
    color: bool

    @property
    def config(self) -> Config:
        return self.project.config

    @property
    def today(self) -> dt.date:
        return self.project.today

    def as_of(self, text: str | None) -> dt.date:
        """The --as-of date, today when not given."""
        return parse_date_option(text, "--as-of", self.today) if text else self.today

    def date(self, text: str | None, option: str) -> dt.date | None:
        """A date option's value, None when not given."""
        return parse_date_option(text, option, self.today) if text else None

    def paths(self, given: list[Path] | None) -> list[Path]:
        """The ledger paths given, else the project's ledgers folder."""
        return self.project.paths(given)

    def t(self, key: str, /, **params: object) -> str:
        """One sentence of the catalogue in the run's language."""
        return t(key, self.lang, **params)

    def say(self, key: str, /, **params: object) -> None:
        """Print one sentence; user text in it cannot drive the terminal."""
        from rectify.text import terminal

        out(self.t(key, **{name: terminal(str(value)) for name, value in params.items()}))

    def note(self, key: str, /, **params: object) -> None:
        """One sentence to stderr: what the person should know beside the output."""
        click.echo(self.t(key, **params), err=True)

    def show(self, renderable: Any) -> None:
        """Print a Rich renderable at the screen's width, in colour only on a colour terminal."""
        from rectify.render import to_text

        out(to_text(renderable, width=self.width, color=self.color), nl=False)


def make_env(ctx: typer.Context, lang: str | None) -> Env:
    """The Env of a command: --lang of the command, else the global one, env, config, locale."""
    from rectify.api.project import Project

    root = ctx.find_root()
    cache = False if root.params.get("no_cache") else None
    project = Project.open(cache=cache)
    chosen = resolve_lang(lang or root.params.get("lang"), project.config.lang)
    return Env(lang=chosen, project=project, width=terminal_width(), color=use_color())


def parse_date_option(text: str, option: str, today: dt.date) -> dt.date:
    """A date option's value, or a UsageError listing the accepted forms."""
    from rectify.dates import ACCEPTED_FORMS, parse_date

    try:
        return parse_date(text, today=today)
    except ValueError:
        raise UsageError(
            "usage.bad_date", option=option, value=text, forms=ACCEPTED_FORMS
        ) from None


def out(text: str = "", *, nl: bool = True) -> None:
    """Write to stdout (through click, so tests capture it)."""
    click.echo(text, nl=nl)


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def terminal_width() -> int:
    """The terminal's width; 100 columns when output goes to a file or a pipe."""
    return shutil.get_terminal_size((100, 24)).columns


def use_color() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (no-color.org)."""
    return stdout_is_tty() and "NO_COLOR" not in os.environ


def option_value(value: Any) -> Any:
    """The plain value of an option that may be an Enum."""
    return getattr(value, "value", value)
