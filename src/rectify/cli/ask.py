"""Asking the person at the terminal for what a command was not given."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from typing import TypeVar

import typer

from rectify.cli.common import Env, out
from rectify.cli.options import enum_value
from rectify.errors import UsageError
from rectify.i18n import t

E = TypeVar("E", bound=enum.Enum)


def interactive() -> bool:
    """Whether a person can answer questions: stdin is a terminal (never in scripts, CI, cron)."""
    return sys.stdin.isatty()


def require(values: dict[str, object | None]) -> bool:
    """Whether to ask for missing values: yes in a terminal; without one, exit 2 naming them."""
    missing = [option for option, value in values.items() if value is None]
    if missing and not interactive():
        raise UsageError("usage.missing", name=", ".join(missing))
    return bool(missing)


def prompt(env: Env, text: str, *, default: str | None = None, show_default: bool = True) -> str:
    """One question to the person at the terminal, ending in the language's colon."""
    suffix = "：" if env.lang == "zh" else ": "
    answer = typer.prompt(text, default=default, show_default=show_default, prompt_suffix=suffix)
    return str(answer)


def ask_text(env: Env, key: str) -> str:
    """Ask until the answer is not blank."""
    while True:
        value = prompt(env, t(key, env.lang)).strip()
        if value:
            return value


def ask_date(env: Env, option: str, *, blank: dt.date | None = None, **params: object) -> dt.date:
    """Ask for a date until it is one of the accepted forms; with ``blank``, Enter gives it."""
    from rectify.dates import ACCEPTED_FORMS, parse_date

    question = t(f"ask.{option.lstrip('-')}", env.lang, **params)
    while True:
        if blank is None:
            text = prompt(env, question)
        else:
            text = prompt(env, question, default="", show_default=False)
            if not text.strip():
                return blank
        try:
            return parse_date(text, today=env.today)
        except ValueError:
            forms = ACCEPTED_FORMS
            typer.echo(
                t("usage.bad_date", env.lang, option=option, value=text, forms=forms), err=True
            )


def choice(env: Env, cls: type[E], given: str | None, kind: str, default: E, ask: bool) -> E:
    """An enum option: as given, else asked for when asking, else its default."""
    if given:
        return enum_value(cls, given, f"--{kind}", env.lang)
    return ask_choice(env, cls, kind, default) if ask else default


def ask_choice(env: Env, cls: type[E], kind: str, default: E) -> E:
    """Ask for an enum value as a numbered list, shown by its names in the user's language."""
    from rectify.i18n import label

    members = list(cls)
    out(t(f"ask.{kind}", env.lang) + ("：" if env.lang == "zh" else ":"))
    for number, member in enumerate(members, 1):
        name = label(kind, str(member.value), env.lang)
        out(f"  {number}. {name}" + ("" if env.lang == "zh" else f" ({member.value})"))
    while True:
        text = prompt(env, t("ask.choose", env.lang), default=str(members.index(default) + 1))
        if text.strip().isdigit() and 1 <= int(text) <= len(members):
            return members[int(text) - 1]
        try:
            return enum_value(cls, text, f"--{kind}", env.lang)
        except UsageError:
            typer.echo(t("ask.bad_choice", env.lang, count=len(members)), err=True)


def ask_unit(env: Env, new_unit: bool) -> str:
    """Ask for the lead unit: by name or by its number in the known units; check the name."""
    from rectify.suggest import suggest
    from rectify.text import terminal

    known = env.config.units
    if not known:
        return ask_text(env, "ask.unit")
    out(t("ask.units_known", env.lang))
    for number, name in enumerate(known, 1):
        out(f"  {number}. {terminal(name)}")
    while True:
        text = ask_text(env, "ask.unit_or_number")
        if text.isdigit():
            if 1 <= int(text) <= len(known):
                return known[int(text) - 1]
            typer.echo(t("ask.bad_choice", env.lang, count=len(known)), err=True)
            continue
        if new_unit or text in known:
            return text
        close = suggest(text, known)
        key = "ask.unknown_unit.suggest" if close else "ask.unknown_unit"
        typer.echo(t(key, env.lang, unit=terminal(text), suggestion="、".join(close)), err=True)
