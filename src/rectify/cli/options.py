"""Options the daily commands share, with their shell completion, and enum values as typed."""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from rectify.errors import UsageError
from rectify.i18n import Lang, t

if TYPE_CHECKING:
    from rectify.figures.warnings import WarningLevel

E = TypeVar("E", bound=enum.Enum)


# --- shell completion: cheap, plain reads, never an error ----------------------------------------


def _plain_ledgers(ctx: typer.Context | None) -> list[dict[str, Any]]:
    """The ledgers in scope, read as plain YAML for completion; empty on any trouble."""
    try:
        import yaml

        from rectify.io.config import load_config
        from rectify.ledger.files import ledger_files

        given = ctx.params.get("ledger") if ctx is not None else None
        paths = list(given) if given else [load_config(Path.cwd()).ledgers_dir]
        found = []
        for path in ledger_files(paths):
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
            if isinstance(data, dict):
                found.append(data)
        return found
    except Exception:  # completion must never fail in the user's shell
        return []


def complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Issue ids starting with what is typed, with their titles as help."""
    wanted = incomplete.casefold()
    found: list[tuple[str, str]] = []
    for data in _plain_ledgers(ctx):
        for issue in data.get("issues") or []:
            if isinstance(issue, dict) and str(issue.get("id", "")).casefold().startswith(wanted):
                found.append((str(issue["id"]), str(issue.get("title", ""))))
    return found


def complete_units(ctx: typer.Context, incomplete: str) -> list[str]:
    """Unit names starting with what is typed: the known units, then those in the ledgers."""
    names: list[str] = []
    try:
        from rectify.io.config import load_config

        names += load_config(Path.cwd()).units
    except Exception:  # a broken config is reported by the command itself
        pass
    for data in _plain_ledgers(ctx):
        for issue in data.get("issues") or []:
            if isinstance(issue, dict):
                names += [str(issue.get("lead_unit", "")), *map(str, issue.get("co_units") or [])]
    return [n for n in dict.fromkeys(names) if n and n.startswith(incomplete)]


def complete_enum(kind: str, values: list[str]) -> Callable[[str], list[tuple[str, str]]]:
    def complete(incomplete: str) -> list[tuple[str, str]]:
        from rectify.cli.common import early_lang
        from rectify.i18n import label

        lang = early_lang([])  # RECTIFY_LANG, the project's setting, the locale
        return [(v, label(kind, v, lang)) for v in values if v.startswith(incomplete)]

    return complete


# --- options -------------------------------------------------------------------------------------

IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        autocompletion=complete_ids,
        show_default=False,
    ),
]
OnOption = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", show_default=False),
]
NoteOption = Annotated[str | None, typer.Option("--note", metavar="TEXT")]
UnitOption = Annotated[
    str | None,
    typer.Option("--unit", metavar="UNIT", autocompletion=complete_units),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="SOURCE",
        autocompletion=complete_enum(
            "source", ["province", "inspection", "deliberation", "deputy", "other"]
        ),
    ),
]
TrackOption = Annotated[
    str | None,
    typer.Option(
        "--track",
        metavar="TRACK",
        autocompletion=complete_enum("track", ["immediate", "scheduled", "long_term"]),
    ),
]


# --- enum values as typed --------------------------------------------------------------------


def enum_value(cls: type[E], text: str, option: str, lang: Lang) -> E:
    """An enum value typed as its key or its Chinese or English name (已整改, rectified)."""
    from rectify.i18n import label

    kind = option.lstrip("-")
    wanted = text.strip().casefold()
    for member in cls:
        value = str(member.value)
        names = {value, label(kind, value, "zh"), label(kind, value, "en")}
        if wanted in {n.casefold() for n in names}:
            return member
    choices = ", ".join(f"{m.value} ({label(kind, str(m.value), lang)})" for m in cls)
    raise UsageError("list.bad_choice", option=option, value=text, choices=choices)


def warning_value(text: str, lang: Lang) -> WarningLevel:
    """A warning level typed as red/yellow/blue, 红/黄/蓝 or 红色预警 (any case)."""
    from rectify.figures.warnings import LEVELS, level_label

    wanted = text.strip().casefold()
    for level in LEVELS:
        names = {
            level.value,
            *(level_label(level, each) for each in ("zh", "en")),
            *(t(f"follow.level.{level.value}.name", each) for each in ("zh", "en")),
        }
        if wanted in {name.casefold() for name in names}:
            return level
    choices = ", ".join(f"{level.value} ({level_label(level, lang)})" for level in LEVELS)
    raise UsageError("list.bad_choice", option="--warning", value=text, choices=choices)
