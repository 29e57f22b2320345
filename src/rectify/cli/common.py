"""What every command shares: options, the environment, dates and error printing."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rectify.cli._compat import click, click_exceptions
from rectify.errors import UsageError
from rectify.i18n import Lang, UnknownLanguage, resolve_lang, t
from rectify.ledger import answers

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rectify.api.project import Project
    from rectify.io.config import Config

LangOption = Annotated[
    str | None,
    typer.Option("--lang", metavar="zh|en"),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
    ),
]
# Ledgers are named the same way in every command: as arguments, with -l, or both; a file,
# a folder, or a ledger id (smx-city-2024) of the project's ledgers folder.
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="[LEDGER]...",
        show_default=False,
    ),
]
LedgerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger",
        "-l",
        metavar="LEDGER",
        show_default=False,
    ),
]


def scope(paths: list[Path] | None, ledger: list[Path] | None) -> list[Path] | None:
    """The ledgers a command was given, as arguments and with -l; None when none."""
    return [*(paths or []), *(ledger or [])] or None


def early_lang(argv: list[str]) -> Lang:
    """The language asked for on the command line, else from the environment and config.

    Used before the command line is parsed, to print a usage error in the
    right language. Never raises: a language rectify does not speak is passed
    over here (`check_lang` refuses it).
    """
    option = lang_in_argv(argv)
    config = _config_lang()
    for given in (option, None):
        try:
            return resolve_lang(given, config)
        except UnknownLanguage:
            continue
    return resolve_lang(None, config, {k: v for k, v in os.environ.items() if k != "RECTIFY_LANG"})


def lang_in_argv(argv: list[str]) -> str | None:
    """The last ``--lang`` value of a command line, None when there is none."""
    option: str | None = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            option = argv[index + 1]
        elif arg.startswith("--lang="):
            option = arg.split("=", 1)[1]
    return option


def check_lang(argv: list[str]) -> None:
    """Refuse a --lang or RECTIFY_LANG that is not a language rectify speaks (exit 2)."""
    try:
        resolve_lang(lang_in_argv(argv), None)
    except UnknownLanguage as exc:
        raise UsageError("usage.bad_lang", value=exc.value, source=exc.source) from None


_UNDECODED = re.compile("[\udc80-\udcff]")


def check_argv_text(argv: list[str]) -> None:
    """Refuse an argument holding bytes that are not UTF-8 (GBK typed in a GBK terminal), exit 2.

    Python keeps such bytes as lone surrogates, which no file or YAML can hold.
    A name of an existing file is let through: a file unzipped from a zip
    made on Chinese Windows has such a name, and is read as it is.
    """
    for arg in argv:
        if not _UNDECODED.search(arg) or os.path.lexists(arg.split("=", 1)[-1]):
            continue
        raw = arg.encode("utf-8", "surrogateescape")
        raise UsageError(
            "usage.not_utf8",
            value=raw.decode("utf-8", "backslashreplace"),
            guess=raw.decode("gb18030", "replace"),
        )


def _config_lang() -> str | None:
    """The language set in the project's rectify.toml, if one is found and readable."""
    from rectify.io.config import asked_lang, load_config

    try:
        return load_config(Path.cwd()).lang
    except Exception:  # a broken config is reported by the command that reads it, in the
        try:  # language the file asks for where it can be read
            return asked_lang(Path.cwd())
        except Exception:
            return None


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


def usage_text(
    exc: click_exceptions.ClickException, lang: Lang, argv: list[str] | None = None
) -> str:
    """A click usage error in the user's language: what is wrong and what to do.

    Every kind click and typer raise is put in the catalogue's words; the
    English of click or pydantic is never shown in Chinese (in English it is
    kept only where no sentence of ours says more).
    """
    text = _usage_sentence(exc, lang, argv or [])
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else _command_in(argv or [])
    return f"{text}\n{t('usage.help', lang, command=command)}"


def _command_in(argv: list[str]) -> str:
    """``rectify NAME`` for the first word of ``argv`` that is not an option (or --lang's value)."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return f"rectify {word}"
    return "rectify"


# Chinese (and English) words accepted for the English values of choice options
# (`--by 单位`, `--format 表格`): set as the app's token_normalize_func, which click
# applies to a typed choice and to the choices alike. The first word is the one shown.
CHOICE_WORDS: dict[str, tuple[str, ...]] = {
    "unit": ("牵头单位", "单位", "按单位", "lead unit"),
    "co-unit": ("配合单位", "按配合单位", "co_unit", "co unit"),
    "source": ("问题来源", "来源", "按来源"),
    "track": ("整改类型", "类型", "按类型"),
    "ledger": ("台账", "按台账"),
    "table": ("表格",),
    "text": ("文本", "文字"),
    "satisfied": ("满意",),
    "basically_satisfied": ("基本满意", "basically satisfied"),
    "dissatisfied": ("不满意",),
}
_CHOICE_ALIASES: dict[str, str] = {
    word.casefold(): value for value, words in CHOICE_WORDS.items() for word in words
}


def normalize_token(token: str) -> str:
    """A typed choice word in the English the options declare (单位 -> unit), else unchanged."""
    return _CHOICE_ALIASES.get(token.strip().casefold(), token)


def choice_list(values: list[str], lang: Lang) -> str:
    """The accepted values of a choice, each with its Chinese name: ``unit（牵头单位）``."""
    if lang == "zh":
        return "、".join(f"{v}（{CHOICE_WORDS[v][0]}）" if v in CHOICE_WORDS else v for v in values)
    return ", ".join(f"{v} ({CHOICE_WORDS[v][0]})" if v in CHOICE_WORDS else v for v in values)


def param_name(param: Any, lang: Lang) -> str:
    """A parameter as the user types it: ``--completion/-c`` for an option, 编号 for an argument."""
    if param is None:
        return "?"
    if getattr(param, "param_type_name", "") == "option" and param.opts:
        return "/".join([*param.opts, *getattr(param, "secondary_opts", [])])
    from rectify.i18n import t_optional

    named = t_optional(f"arg.{param.name}", lang)
    return named or str(param.metavar or param.name or "?").upper()


def _choices_of(param: Any) -> list[str] | None:
    desc = getattr(param, "type_descriptor", None)
    choices = getattr(desc, "choices", None) if desc is not None else None
    if not choices:
        return None
    return [str(getattr(c, "value", c)) for c in choices]


def _range_of(param: Any) -> tuple[float | None, float | None]:
    info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
    return getattr(info, "min", None), getattr(info, "max", None)


def _option_names(ctx: Any) -> list[str]:
    if ctx is None:
        return []
    names: list[str] = []
    for param in ctx.command.get_params(ctx):
        names += [*param.opts, *getattr(param, "secondary_opts", [])]
    return [n for n in names if n.startswith("-")]


_EXTRA = re.compile(r"^Got unexpected extra arguments? ?\(s\)? \((?P<words>.*)\)$", re.S)
_NEEDS_VALUE = re.compile(
    r"^Option '(?P<name>[^']+)' requires (?:an argument|(?P<n>\d+) arguments)"
)
_TAKES_NO_VALUE = re.compile(r"^Option '(?P<name>[^']+)' does not take a value")
_ARG_VALUES = re.compile(r"^Argument '(?P<name>[^']+)' takes (?P<n>\d+) values")
_PATH = re.compile(
    r"^(?:File|Directory|Path) '(?P<path>.*)' "
    r"(?P<what>does not exist|is a file|is a directory|is not readable|is not writable)\.$",
    re.S,
)
_PATH_KEYS = {
    "does not exist": "usage.path_missing",
    "is a file": "usage.path_is_file",
    "is a directory": "usage.path_is_dir",
    "is not readable": "usage.path_unreadable",
    "is not writable": "usage.path_unwritable",
}


def _usage_sentence(exc: click_exceptions.ClickException, lang: Lang, argv: list[str]) -> str:
    from rectify.text import terminal

    ctx = getattr(exc, "ctx", None)
    message = str(getattr(exc, "message", "") or "")
    if isinstance(exc, NoSuchCommand):
        text = t("usage.no_such_command", lang, name=exc.name)
        if exc.possibilities:
            text += t("usage.did_you_mean", lang, names=", ".join(exc.possibilities))
        return text
    if isinstance(exc, click_exceptions.MissingParameter):
        param = exc.param
        name = param_name(param, lang)
        if getattr(param, "param_type_name", "") == "argument":
            return t("usage.missing_argument", lang, name=name)
        text = t("usage.missing_option", lang, name=name)
        choices = _choices_of(param)
        if choices:
            text += t("usage.choose_from", lang, choices=choice_list(choices, lang))
        return text
    if isinstance(exc, click_exceptions.NoSuchOption):
        from rectify.suggest import suggest

        text = t("usage.no_such_option", lang, name=exc.option_name)
        known = [*_option_names(ctx), *(ctx.help_option_names if ctx is not None else [])]
        guesses = suggest(exc.option_name, known) if known else list(exc.possibilities or [])
        if guesses:
            text += t("usage.did_you_mean", lang, names=", ".join(guesses))
        return text
    if isinstance(exc, click_exceptions.BadParameter):
        return _bad_value(exc, lang)
    if isinstance(exc, click_exceptions.BadOptionUsage):
        found = _NEEDS_VALUE.match(message)
        if found:
            return t("usage.needs_value", lang, name=found["name"], count=found["n"] or 1)
        found = _TAKES_NO_VALUE.match(message)
        if found:
            return t("usage.takes_no_value", lang, name=found["name"])
        return t("usage.bad_option", lang, name=exc.option_name)
    if isinstance(exc, click_exceptions.BadArgumentUsage):
        found = _ARG_VALUES.match(message)
        if found:
            return t("usage.arg_values", lang, name=found["name"], count=found["n"])
        return t("usage.bad_arguments", lang)
    if isinstance(exc, click_exceptions.FileError):
        return t("usage.cannot_open", lang, path=exc.ui_filename)
    if isinstance(exc, click_exceptions.UsageError):
        found = _EXTRA.match(message)
        if found:
            return _extra_words(found["words"], lang, argv)
        if message.startswith("Missing command"):
            return t("usage.missing_command", lang)
    text = t("usage.generic", lang)
    return text if lang == "zh" else f"{text}: {terminal(exc.format_message())}"


def _extra_words(words: str, lang: Lang, argv: list[str]) -> str:
    """Words the command has no place for: most often a note typed with a space, unquoted."""
    text = t("usage.extra", lang, words=words)
    return text + (
        quote_hint(words.split(" ", 1)[0], argv, lang)
        or t("usage.quote", lang, example='--note "累计 改造"')
    )


def quote_hint(word: str, argv: list[str], lang: Lang) -> str:
    """How to quote, when ``word`` of ``argv`` looks like the rest of an option's text.

    ``--note 累计 改造`` gives the note 累计 and an argument 改造 (taken for a
    ledger, or left over): the hint shows ``--note "累计 改造"``. Empty when
    ``word`` does not follow an option's value.
    """
    if word not in argv:
        return ""
    at = argv.index(word)
    if at < 2 or not argv[at - 2].startswith("--") or argv[at - 1].startswith("-"):
        return ""
    rest = []
    for later in argv[at:]:
        if later.startswith("-"):
            break
        rest.append(later)
    option, value = argv[at - 2], argv[at - 1]
    return t("usage.quote", lang, example=f'{option} "{" ".join([value, *rest])}"')


def _bad_value(exc: click_exceptions.BadParameter, lang: Lang) -> str:
    """An option or argument value its type refused: a number, a range, a choice, a path."""
    from rectify.text import terminal

    param = exc.param
    name = param_name(param, lang) if param is not None else "?"
    message = str(exc.message or "")
    cause = exc.__cause__
    error: dict[str, Any] = {}
    errors = getattr(cause, "errors", None)
    if callable(errors):
        with contextlib.suppress(Exception):
            found = errors()
            error = dict(found[0]) if found else {}
    kind = str(error.get("type", ""))
    value = error.get("input", "")
    shown = terminal(str(value))
    choices = _choices_of(param)
    if choices is not None and (not kind or kind == "value_error"):
        from rectify.suggest import suggest

        typed = str(value) if value != "" else message.split("'")[1] if "'" in message else ""
        text = t(
            "usage.bad_choice",
            lang,
            name=name,
            value=terminal(typed),
            choices=choice_list(choices, lang),
        )
        guesses = suggest(typed, choices)
        if guesses:
            text += t("usage.did_you_mean", lang, names=", ".join(guesses))
        return text
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return t("usage.not_a_whole_number", lang, name=name, value=shown)
    if kind in ("float_parsing", "float_type", "decimal_parsing", "finite_number"):
        return t("usage.not_a_number", lang, name=name, value=shown)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = _range_of(param)
        ctx = error.get("ctx") or {}
        low = low if low is not None else ctx.get("ge", ctx.get("gt"))
        high = high if high is not None else ctx.get("le", ctx.get("lt"))
        if low is not None and high is not None:
            return t("usage.out_of_range", lang, name=name, value=shown, low=low, high=high)
        if low is not None:
            return t("usage.too_small", lang, name=name, value=shown, low=low)
        return t("usage.too_large", lang, name=name, value=shown, high=high)
    if kind in ("date_parsing", "date_from_datetime_parsing", "datetime_parsing", "date_type"):
        from rectify.dates import ACCEPTED_FORMS

        return t("usage.bad_date", lang, option=name, value=shown, forms=ACCEPTED_FORMS)
    if kind in ("bool_parsing", "bool_type"):
        return t("usage.not_a_yes_no", lang, name=name, value=shown)
    found = _PATH.match(message)
    if found:
        return t(_PATH_KEYS[found["what"]], lang, name=name, path=terminal(found["path"]))
    if message.startswith("'") and "': " in message:  # a file typer could not open
        return t("usage.cannot_open", lang, path=terminal(message[1 : message.index("': ")]))
    if lang == "zh":
        return t("usage.bad_value_plain", lang, name=name)
    return t("usage.bad_value", lang, name=name, detail=terminal(message))


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
    # Output to a file or a pipe, no COLUMNS set: long lists as plain aligned lines, no
    # Rich table (`rectify list > 清单.txt`, `rectify due | grep 市民政局`).
    plain: bool = False

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
        echo(self.t(key, **params), err=True)

    def show(self, renderable: Any) -> None:
        """Print a Rich renderable at the screen's width, in colour only on a colour terminal."""
        from rectify.render import to_text

        out(to_text(renderable, width=self.width, color=self.color), nl=False)


def make_env(ctx: typer.Context, lang: str | None) -> Env:
    """The Env of a command: --lang of the command, else the global one, env, config, locale."""
    from rectify.api.project import Project

    root = ctx.find_root()
    cache = False if root.params.get("no_cache") else None
    if cache is None and ctx.command.name:
        answers.keep(ctx.command.name)
    project = Project.open(cache=cache)
    try:
        chosen = resolve_lang(lang or root.params.get("lang"), project.config.lang)
    except UnknownLanguage as exc:
        raise UsageError("usage.bad_lang", value=exc.value, source=exc.source) from None
    width = terminal_width(wide=bool(root.params.get("wide")))
    # A roll-up with sources missing or broken: said after the output, and a non-zero exit.
    ctx.call_on_close(lambda: _gaps(project))
    plain = width == UNLIMITED_WIDTH and not stdout_is_tty()
    return Env(lang=chosen, project=project, width=width, color=use_color(), plain=plain)


def _gaps(project: Project) -> None:
    if project.read:
        from rectify.api.rollup import raise_gaps

        raise_gaps(project)


def parse_date_option(text: str, option: str, today: dt.date) -> dt.date:
    """A date option's value, or a UsageError listing the accepted forms."""
    from rectify.dates import ACCEPTED_FORMS, FIRST_DAY, LAST_DAY, DateOutOfRange, parse_date

    try:
        return parse_date(text, today=today)
    except DateOutOfRange:
        raise UsageError(
            "usage.date_range", option=option, value=text, first=FIRST_DAY, last=LAST_DAY
        ) from None
    except ValueError:
        raise UsageError(
            "usage.bad_date", option=option, value=text, forms=ACCEPTED_FORMS
        ) from None


def out_json(data: object) -> None:
    """Print data for scripts: the JSON every `--format json` writes (UTF-8 text, indented)."""
    import json

    out(json.dumps(data, ensure_ascii=False, indent=2))


def out_lines(lines: Iterable[str]) -> None:
    """Write lines to stdout, each with its line end, in a few large writes."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= 1000:
            out("\n".join(chunk))
            chunk = []
    if chunk:
        out("\n".join(chunk))


def out(text: str = "", *, nl: bool = True) -> None:
    """Write to stdout (through click, so tests capture it); a name that is not UTF-8 as U+FFFD."""
    from rectify.text import displayable

    echo(displayable(text), nl=nl)


def echo(text: str, *, nl: bool = True, err: bool = False) -> None:
    """click.echo, and what it wrote told to the recorder of warm answers (ledger.answers)."""
    click.echo(text, nl=nl, err=err)
    if answers.recording():
        from rectify.cli._compat import resolve_color_default, should_strip_ansi, strip_ansi

        written = text + ("\n" if nl else "")
        # as click wrote it: without colour codes to a file or a pipe
        stream = sys.stderr if err else sys.stdout
        if should_strip_ansi(stream, resolve_color_default(None)):
            written = strip_ansi(written)
        answers.printed(written, err=err)


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()


#: The width of output to a file or a pipe: no limit, every table whole (render.table).
UNLIMITED_WIDTH = 1000


def terminal_width(*, wide: bool = False) -> int:
    """The width to lay output out in: COLUMNS when set, else the terminal's.

    Output to a file or a pipe has no width limit (every column, nothing wrapped),
    unless COLUMNS is set; `rectify --wide` (or RECTIFY_WIDE=1) asks for the same
    on a terminal, COLUMNS or not.
    """
    if wide or os.environ.get("RECTIFY_WIDE"):
        return UNLIMITED_WIDTH
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not stdout_is_tty():
        return UNLIMITED_WIDTH
    return shutil.get_terminal_size((80, 24)).columns


def use_color() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (no-color.org)."""
    return stdout_is_tty() and "NO_COLOR" not in os.environ


def option_value(value: Any) -> Any:
    """The plain value of an option that may be an Enum."""
    return getattr(value, "value", value)
