"""``--help`` in the user's language, from the catalogue (rectify.messages.help).

Every command and the app render their help here: the language is looked up
when help is shown, the same way errors do (`early_lang`: ``--lang``,
``RECTIFY_LANG``, rectify.toml, the locale); the texts are the catalogue's
``help.<command>`` (description), ``help.<command>.short`` (the line in the
app's command list), ``help.<command>.<param>`` or the shared
``help.opt.<param>``; metavars are ``help.metavar.*``. Layout is click's
`HelpFormatter` and `wrap_text`, told that a Chinese character takes two
columns.

Light on purpose: `rectify --help` imports this, so no core, no rich.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand

from rectify.cli._compat import click
from rectify.i18n import Lang, t, t_optional
from rectify.text import is_wide

#: The widest help is drawn (a wider terminal gets lines no longer than this).
MAX_WIDTH = 100
#: The app's own name, the catalogue's key of its help (``help.rectify``).
APP = "rectify"

# --- which language, how wide ------------------------------------------------------------


def help_lang(ctx: click.Context) -> Lang:
    """The language of help: the command line the app was given, then env, config, locale."""
    from rectify.cli.common import early_lang

    argv = getattr(ctx.find_root().command, "argv", None)
    return early_lang(list(sys.argv[1:] if argv is None else argv))


def help_width() -> int:
    """The width of help text: the terminal's, capped at MAX_WIDTH, less click's margin of 2."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(min(columns, MAX_WIDTH) - 2, 40)


# --- a HelpFormatter that counts a Chinese character as two columns ----------------------------

# click measures and wraps text by len(); a wide character is given a second character,
# so that len() counts its columns. Where a line may break, the second one is a space
# (textwrap breaks there): between two wide characters, and after closing punctuation
# (，。、；）...); getvalue takes such spaces out again, so a Chinese line never shows
# one. Elsewhere it is a private-use character that does not break: after opening
# punctuation, before closing punctuation (no line starts with "，" or "）" nor ends
# with "（"), and before a Latin letter.
_GLUE = "\ue000"
_OPENING = frozenset("（【「『“‘《〈〔")
_CLOSING = frozenset("，。、；：！？）】」』”’》〉〕")
_WIDE = r"[\u2e80-\u9fff\uff00-\uffef]"
_EXTRA_SPACE = re.compile(rf"(?<={_WIDE}) (?={_WIDE})|(?<=[{''.join(sorted(_CLOSING))}]) ")
# A space the text has between two wide characters (单位 路径) is doubled, to survive;
# the padding after a column's last wide character follows a glue, so it stays.
_KEPT_SPACE = re.compile(rf"(?<={_WIDE})  (?={_WIDE})")


def _widen(text: str) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        out.append(char)
        if not is_wide(char):
            continue
        after, then = text[index + 1 : index + 2], text[index + 2 : index + 3]
        if after == " " and then and is_wide(then):
            out.append(" ")  # 单位 路径: the text's own space, doubled to survive
            continue
        breaks = bool(after) and (is_wide(after) or char in _CLOSING) and not after.isspace()
        breaks = breaks and char not in _OPENING and after not in _CLOSING
        out.append(" " if breaks else _GLUE)
    return "".join(out)


def _narrow(text: str) -> str:
    return _KEPT_SPACE.sub(" ", _EXTRA_SPACE.sub("", text)).replace(_GLUE, "")


class Formatter(click.HelpFormatter):
    """click's HelpFormatter, with headings and wide characters in the user's language."""

    def __init__(self, lang: Lang, width: int | None = None) -> None:
        super().__init__(width=help_width() if width is None else width)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = _widen(prefix if prefix is not None else heading("usage", self.lang))
        super().write_usage(_widen(prog), _widen(args), head)

    def write_heading(self, heading: str) -> None:
        colon = "：" if self.lang == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{_widen(heading)}{colon}\n")

    def write_text(self, text: str) -> None:
        super().write_text(_widen(text))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(_widen(a), _widen(b)) for a, b in rows], col_max, col_spacing)

    def getvalue(self) -> str:
        return _narrow(super().getvalue())


def heading(name: str, lang: Lang) -> str:
    """A heading of help: usage, arguments, options, commands (``用法：`` ...)."""
    text = t(f"help.section.{name}", lang)
    return text + ("：" if lang == "zh" else ": ") if name == "usage" else text


# --- the words: descriptions, parameters, metavars ------------------------------------------


def command_key(command: click.Command) -> str:
    """The catalogue name of a command: its name, ``rectify`` for the app."""
    return command.name if command.name and command.name != APP else APP


def description(command: click.Command, lang: Lang) -> str:
    """``help.<command>``: what the command does (paragraphs)."""
    return t_optional(f"help.{command_key(command)}", lang) or command.help or ""


def summary(command: click.Command, lang: Lang) -> str:
    """``help.<command>.short``: the command's line in the app's command list."""
    text = t_optional(f"help.{command_key(command)}.short", lang)
    return text if text is not None else command.get_short_help_str(limit=200)


def param_key(command: click.Command, param: click.Parameter) -> str | None:
    """The catalogue key of a parameter's help, None when the catalogue has none."""
    from rectify.i18n import CATALOGUE

    for key in (f"help.{command_key(command)}.{param.name}", f"help.opt.{param.name}"):
        if key in CATALOGUE:
            return key
    return None


def param_help(command: click.Command, param: click.Parameter, lang: Lang) -> str:
    key = param_key(command, param)
    return t(key, lang) if key else str(getattr(param, "help", None) or "")


def is_flag(param: click.Parameter) -> bool:
    return bool(getattr(param, "is_flag", False)) and not getattr(param, "count", False)


def choices(param: click.Parameter) -> list[str]:
    """The values a parameter accepts when it has a fixed list (an enum's values)."""
    descriptor = getattr(param, "type_descriptor", None)
    found = getattr(descriptor, "choices", None) or ()
    return [str(getattr(choice, "value", choice)) for choice in found]


_TOKEN = re.compile(r"[A-Z](?:[A-Z_-]*[A-Z])?")


def metavar(param: click.Parameter, lang: Lang) -> str:
    """What stands for a parameter's value: ``日期`` / ``DATE``, ``路径…`` / ``PATH...``."""
    if is_flag(param):
        return ""
    if param.metavar:
        text = _TOKEN.sub(
            lambda m: t_optional(f"help.metavar.{m[0].lower()}", lang) or m[0], param.metavar
        )
    elif choices(param):
        return "|".join(choices(param))
    else:
        text = t(f"help.metavar.{_kind(param)}", lang)
    more = param.nargs == -1 and not text.endswith("...")
    text += "..." if more else ""
    return text.replace("...", "…") if lang == "zh" else text


def _kind(param: click.Parameter) -> str:
    from rectify.i18n import CATALOGUE

    if f"help.metavar.{param.name}" in CATALOGUE:
        return str(param.name)
    from pathlib import Path
    from typing import get_args

    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    inner = get_args(annotation)[0] if get_args(annotation) else annotation
    if inner is Path:
        return "path"
    return "number" if inner in (int, float) else "text"


def default_text(param: click.Parameter) -> str:
    """The default shown in help, "" when there is none to show."""
    if is_flag(param) or getattr(param, "show_default", True) is False:
        return ""
    value = param.default
    if value is None or callable(value) or value in ((), [], ""):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(getattr(v, "value", v)) for v in value)
    return str(getattr(value, "value", value))


def record(command: click.Command, param: click.Parameter, lang: Lang) -> tuple[str, str] | None:
    """One row of the arguments or options list: the name and its help."""
    if getattr(param, "hidden", False):
        return None
    value = metavar(param, lang)
    if param.param_type_name == "argument":
        name = value
    else:
        name = click.formatting.join_options(param.opts)[0]
        if param.secondary_opts:
            name += " / " + click.formatting.join_options(param.secondary_opts)[0]
        name += f" {value}" if value else ""
    text = param_help(command, param, lang)
    extras = []
    if param.required:
        extras.append(t("help.required", lang))
    default = default_text(param)
    if default:
        extras.append(t("help.default", lang, value=default))
    if extras:
        joined = ("；" if lang == "zh" else "; ").join(extras)
        text += f"（{joined}）" if lang == "zh" else f" ({joined})"
    return name, text


def usage_pieces(command: click.Command, ctx: click.Context, lang: Lang) -> list[str]:
    """The usage line after the command's name: ``[选项] [路径…]``."""
    pieces = [f"[{t('help.metavar.options', lang)}]"] if command.get_params(ctx) else []
    for param in command.get_params(ctx):
        if param.param_type_name != "argument":
            continue
        value = metavar(param, lang)
        bracketed = value.startswith("[") or param.required
        pieces.append(value if bracketed else f"[{value}]")
    if hasattr(command, "commands"):
        pieces.append(t("help.metavar.command", lang))
    return pieces


# --- the page ------------------------------------------------------------------------------


def format_help(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The whole help of a command or of the app, in the language of ``formatter``."""
    lang: Lang = getattr(formatter, "lang", None) or help_lang(ctx)
    formatter.write_usage(
        ctx.command_path, " ".join(usage_pieces(command, ctx, lang)), heading("usage", lang)
    )
    text = description(command, lang)
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)
    rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        row = record(command, param, lang)
        if row is not None:
            rows.setdefault(param.param_type_name, []).append(row)
    subcommands = getattr(command, "commands", None)
    if subcommands:
        order = {name: index for index, name in enumerate(getattr(command, "help_order", ()))}
        names = sorted(subcommands, key=lambda name: order.get(name, len(order)))
        listed = [(name, summary(subcommands[name], lang)) for name in names]
        listed = [row for row in listed if not subcommands[row[0]].hidden]
        with formatter.section(t("help.section.commands", lang)):
            formatter.write_dl(listed)
    for kind, section in (("argument", "arguments"), ("option", "options")):
        if rows[kind]:
            with formatter.section(t(f"help.section.{section}", lang)):
                formatter.write_dl(rows[kind])
    epilog = t_optional(f"help.{command_key(command)}.epilog", lang)
    if epilog:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(epilog)


def get_help(command: click.Command, ctx: click.Context) -> str:
    """The help page of ``command``, as ``--help`` prints it."""
    formatter = Formatter(help_lang(ctx))
    format_help(command, ctx, formatter)
    return formatter.getvalue().rstrip("\n")


def completions(command: click.Command, ctx: click.Context, items: list[Any]) -> list[Any]:
    """Shell completion's descriptions (zsh, fish) in the user's language.

    click describes an option by its ``help`` and a command by its short help;
    both come from the catalogue here, like ``--help``.
    """
    lang = help_lang(ctx)
    options = {
        name: param
        for param in command.get_params(ctx)
        for name in (*param.opts, *param.secondary_opts)
    }
    subcommands = getattr(command, "commands", {})
    joiner = "" if lang == "zh" else " "  # a description is one line in a shell's menu
    for item in items:
        if item.value in options:
            item.help = joiner.join(param_help(command, options[item.value], lang).split("\n"))
        elif item.value in subcommands:
            item.help = joiner.join(summary(subcommands[item.value], lang).split("\n"))
    return items


class HelpCommand(TyperCommand):
    """A typer command whose ``--help`` speaks the user's language (see this module)."""

    def get_help(self, ctx: click.Context) -> str:
        return get_help(self, ctx)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        return completions(self, ctx, super().shell_complete(ctx, incomplete))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        format_help(self, ctx, formatter)


class HelpTyper(typer.Typer):
    """A Typer whose commands are HelpCommands unless a command asks for another class."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[Any], Any]:
        return super().command(name, cls=cls or HelpCommand, **kwargs)
