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
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Ledger files or folders (default: the project's ledgers folder).",
        show_default=False,
    ),
]


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


@dataclass
class Env:
    """What a command runs with: its language, its config and today's date."""

    lang: Lang
    config: Config
    today: dt.date

    def as_of(self, text: str | None) -> dt.date:
        """The --as-of date, today when not given."""
        return parse_date_option(text, "--as-of", self.today) if text else self.today

    def paths(self, given: list[Path] | None) -> list[Path]:
        """The ledger paths given, else the project's ledgers folder."""
        return list(given) if given else [self.config.ledgers_dir]


def make_env(ctx: typer.Context, lang: str | None) -> Env:
    """The Env of a command: --lang of the command, else the global one, env, config, locale."""
    from rectify.io.config import load_config

    config = load_config(Path.cwd())
    global_lang = ctx.find_root().params.get("lang") if ctx.find_root() else None
    today_text = os.environ.get("RECTIFY_TODAY")
    today = dt.date.fromisoformat(today_text) if today_text else dt.date.today()
    return Env(lang=resolve_lang(lang or global_lang, config.lang), config=config, today=today)


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


#: The width of output to a file or a pipe: no limit, every table whole (render.table).
UNLIMITED_WIDTH = 1000


def terminal_width() -> int:
    """The width to lay output out in: COLUMNS when set, else the terminal's.

    Output to a file or a pipe has no width limit (every column, nothing wrapped),
    unless COLUMNS is set; RECTIFY_WIDE=1 asks for the same on a terminal.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if os.environ.get("RECTIFY_WIDE") or not stdout_is_tty():
        return UNLIMITED_WIDTH
    return shutil.get_terminal_size((80, 24)).columns


def use_color() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (no-color.org)."""
    return stdout_is_tty() and "NO_COLOR" not in os.environ


def show(renderable: Any) -> None:
    """Print a Rich renderable to stdout at the terminal's width."""
    from rectify.render import to_text

    out(to_text(renderable, width=terminal_width(), color=use_color()), nl=False)


def option_value(value: Any) -> Any:
    """The plain value of an option that may be an Enum."""
    return getattr(value, "value", value)
