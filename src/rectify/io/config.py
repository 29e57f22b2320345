"""rectify.toml: the project's settings, found by walking up from the current folder."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from rectify.errors import FileError
from rectify.i18n import Lang, t
from rectify.ledger import answers
from rectify.ledger.files import atomic_write

if TYPE_CHECKING:
    from rectify.figures.ladder import Rung

CONFIG_NAME = "rectify.toml"
DEFAULT_LEDGERS = "ledgers"
# The fonts of a Word document a rectify.toml may name, under [fonts.zh] or [fonts.en]
# (the same roles as rectify.output.docx.FONT_ROLES; a test holds them equal).
FONT_ROLES = ("title", "body", "heading1", "heading2", "page_number", "latin", "chinese")


@dataclass
class Config:
    """The settings of one rectify project (all optional in the file)."""

    path: Path | None = None  # the rectify.toml it was read from, None for defaults
    ledgers: str = DEFAULT_LEDGERS  # the ledgers folder, relative to the config's folder
    lang: str | None = None  # "zh" or "en"; None: from the environment
    due_soon_days: int = 14
    pace_margin: int = 20  # yellow warning: points below the pace line (see rectify.follow)
    units: list[str] = field(default_factory=list)  # known units (单位名录)
    id_width: int = 3  # SMX-001
    fonts: dict[str, dict[str, str]] = field(default_factory=dict)  # Word fonts, by language
    immediate_days: int = 0  # 立行立改 imported: due this many days after the hand-over
    # who a reminder notice goes to, step by step ([[chase.escalation]], 督办升级)
    # (empty: the default ladder, rectify.figures.ladder.DEFAULT_ESCALATION)
    escalation: tuple[Rung, ...] = ()

    @property
    def root(self) -> Path:
        """The project folder: where rectify.toml stands (the current folder without one)."""
        return self.path.parent if self.path is not None else Path.cwd()

    @property
    def ledgers_dir(self) -> Path:
        return self.root / self.ledgers

    def to_toml_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "ledgers": self.ledgers,
            "due_soon_days": self.due_soon_days,
            "pace_margin": self.pace_margin,
            "id_width": self.id_width,
            "immediate_days": self.immediate_days,
            "units": list(self.units),
        }
        if self.lang:
            data["lang"] = self.lang
        return data


# The order of the settings in a written file, each with its comment (config.comment.KEY).
KEYS: tuple[str, ...] = (
    "ledgers",
    "lang",
    "due_soon_days",
    "pace_margin",
    "id_width",
    "immediate_days",
    "units",
)


def config_text(config: Config, lang: Lang) -> str:
    """The text of a rectify.toml: every setting under a comment saying what it does."""
    data = config.to_toml_data()
    parts = [f"# {t('config.comment.header', lang)}\n"]
    for key in KEYS:
        parts.append(f"\n# {t(f'config.comment.{key}', lang)}\n")
        if key in data:
            parts.append(tomli_w.dumps({key: data[key]}))
        else:  # unset: shown commented out, so the user sees how to set it
            parts.append(f"# {tomli_w.dumps({key: lang})}")
    if config.fonts:  # tables come after every key
        parts.append(f"\n# {t('config.comment.fonts', lang)}\n")
        parts.append(tomli_w.dumps({"fonts": config.fonts}))
    return "".join(parts)


def create_config(path: Path, config: Config, lang: Lang) -> None:
    """Write a new rectify.toml at ``path``; never replaces one that exists (FileError then)."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(config_text(config, lang))
    except FileExistsError:
        raise FileError("config.exists", path=path) from None
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None


_UNITS = re.compile(r"^units[ \t]*=[ \t]*\[.*?\][ \t]*$", re.MULTILINE | re.DOTALL)


#: The first table header of a TOML file (`[fonts]`, `[[chase.escalation]]`).
_FIRST_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def with_units(text: str, units: list[str]) -> str:
    """The text of a rectify.toml with its units list replaced, every other line kept as it was."""
    block = tomli_w.dumps({"units": units}).rstrip("\n")
    if _UNITS.search(text):
        return _UNITS.sub(lambda _: block, text, count=1)
    table = _FIRST_TABLE.search(text)
    if table:  # a top-level key goes before the first [table], or it would land inside it
        return text[: table.start()] + block + "\n\n" + text[table.start() :]
    return text + ("" if text.endswith("\n") or not text else "\n") + block + "\n"


def add_units(path: Path, units: Iterable[str]) -> list[str]:
    """Add units to the known units (单位名录) of the rectify.toml at ``path``.

    Only the units list changes; comments and other settings stay as written.
    Returns the units that were new.
    """
    config = read_config(path)
    added = [u for u in dict.fromkeys(units) if u not in config.units]
    if not added:
        return []
    text = path.read_text(encoding="utf-8-sig")
    wanted = [*config.units, *added]
    new_text = with_units(text, wanted)
    try:
        edited_ok = tomllib.loads(new_text).get("units") == wanted
    except tomllib.TOMLDecodeError:
        edited_ok = False
    if not edited_ok:  # a units list the pattern cannot see through: write the file afresh
        config.units = wanted
        new_text = config_text(config, "en" if config.lang == "en" else "zh")
    atomic_write(path, new_text.encode("utf-8"))
    return added


def find_config(start: Path) -> Path | None:
    """The nearest rectify.toml in ``start`` or a folder above it, as git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        answers.probe(candidate)
        if candidate.is_file():
            return candidate
    return None


#: The values a number in rectify.toml may take: a deadline "due soon" a year ahead at most.
LIMITS: dict[str, tuple[int, int]] = {
    "id_width": (1, 9),
    "due_soon_days": (0, 366),
    "pace_margin": (0, 100),
    "immediate_days": (0, 366),
}


def read_config(path: Path) -> Config:
    """Read one rectify.toml; a broken file is a FileError naming it and the line."""
    answers.read_file(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise FileError("config.not_utf8", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise FileError("config.invalid", path=path, detail=str(exc)) from None
    config = Config(path=path)
    expected: dict[str, type] = {
        "ledgers": str,
        "lang": str,
        "due_soon_days": int,
        "pace_margin": int,
        "units": list,
        "id_width": int,
        "fonts": dict,
        "immediate_days": int,
        "chase": dict,
    }
    for key, value in data.items():
        kind = expected.get(key)
        if kind is None:
            raise FileError("config.unknown_key", path=path, key=key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise FileError("config.bad_value", path=path, key=key, value=value)
        if key == "chase":
            config.escalation = _escalation(path, data["chase"])
        else:
            setattr(config, key, value)
    if not all(isinstance(unit, str) for unit in config.units):
        raise FileError("config.bad_value", path=path, key="units", value=config.units)
    _check_fonts(path, config.fonts)
    if config.lang is not None and config.lang not in ("zh", "en"):
        raise FileError("config.bad_value", path=path, key="lang", value=config.lang)
    for key, (low, high) in LIMITS.items():
        value = getattr(config, key)
        if not low <= value <= high:
            raise FileError(
                "config.out_of_range", path=path, key=key, value=value, low=low, high=high
            )
    return config


_ESCALATION = "[[chase.escalation]]"
_RUNG_KEYS = frozenset({"days_left", "overdue", "to"})


def _escalation(path: Path, chase: dict[str, Any]) -> tuple[Rung, ...]:
    """[[chase.escalation]]: each step a `days_left` (0-366) or `overdue = true`, and a `to`.

    The steps go from the first letter to the last: days_left falling, the overdue step last.
    """
    from rectify.figures.ladder import Rung

    for key in chase:
        if key != "escalation":
            raise FileError("config.unknown_key", path=path, key=f"chase.{key}")
    steps = chase.get("escalation", [])
    if not isinstance(steps, list) or not steps:
        raise FileError("config.bad_value", path=path, key=_ESCALATION, value=steps)
    ladder: list[Rung] = []
    for number, step in enumerate(steps, 1):
        if not isinstance(step, dict):
            raise FileError("config.bad_rung", path=path, number=number)
        for key in sorted(set(step) - _RUNG_KEYS):
            raise FileError("config.unknown_key", path=path, key=f"chase.escalation.{key}")
        days, overdue, to = step.get("days_left"), step.get("overdue", False), step.get("to")
        good = (
            (days is None or (type(days) is int and 0 <= days <= 366))
            and type(overdue) is bool
            and (days is not None) != overdue
            and (to is None or (isinstance(to, str) and to.strip() != ""))
        )
        if not good:
            raise FileError("config.bad_rung", path=path, number=number)
        ladder.append(Rung(days_left=days, overdue=overdue, to=to.strip() if to else None))
    days_order = [rung.days_left for rung in ladder if rung.days_left is not None]
    overdue_last = all(not rung.overdue for rung in ladder[:-1])
    if days_order != sorted(days_order, reverse=True) or not overdue_last:
        raise FileError("config.escalation_order", path=path)
    return tuple(ladder)


def _check_fonts(path: Path, fonts: dict[str, Any]) -> None:
    """[fonts.zh] and [fonts.en]: a font name (text) for each role named."""
    for lang, names in fonts.items():
        if lang not in ("zh", "en") or not isinstance(names, dict):
            raise FileError("config.bad_value", path=path, key="fonts", value=lang)
        for role, name in names.items():
            if role not in FONT_ROLES:
                raise FileError(
                    "config.unknown_font",
                    path=path,
                    key=f"fonts.{lang}.{role}",
                    roles=", ".join(FONT_ROLES),
                )
            if not isinstance(name, str) or not name.strip():
                raise FileError(
                    "config.bad_value", path=path, key=f"fonts.{lang}.{role}", value=name
                )


_LANG_LINE = re.compile(r"""^\s*lang\s*=\s*["'](zh|en)["']\s*(#.*)?$""", re.MULTILINE)


def asked_lang(start: Path) -> str | None:
    """The language the nearest rectify.toml asks for, read even where the rest of it is
    broken (a bad value, a line that is not TOML): its error is then said in that language."""
    path = find_config(start)
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        found = tomllib.loads(text).get("lang")
    except tomllib.TOMLDecodeError:
        line = _LANG_LINE.search(text)
        found = line.group(1) if line else None
    return found if found in ("zh", "en") else None


def load_config(start: Path) -> Config:
    """The config of the project ``start`` is in, or the defaults when there is none."""
    found = find_config(start)
    return read_config(found) if found is not None else Config()
