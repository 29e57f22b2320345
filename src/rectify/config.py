"""rectify.toml: the project's settings, found by walking up from the current folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rectify.errors import FileError

CONFIG_NAME = "rectify.toml"
DEFAULT_LEDGERS = "ledgers"


@dataclass
class Config:
    """The settings of one rectify project (all optional in the file)."""

    path: Path | None = None  # the rectify.toml it was read from, None for defaults
    ledgers: str = DEFAULT_LEDGERS  # the ledgers folder, relative to the config's folder
    lang: str | None = None  # "zh" or "en"; None: from the environment
    due_soon_days: int = 14
    units: list[str] = field(default_factory=list)  # known units (单位名录)
    id_width: int = 3  # SMX-001

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
            "id_width": self.id_width,
            "units": list(self.units),
        }
        if self.lang:
            data["lang"] = self.lang
        return data


def find_config(start: Path) -> Path | None:
    """The nearest rectify.toml in ``start`` or a folder above it, as git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path) -> Config:
    """Read one rectify.toml; a broken file is a FileError naming it and the line."""
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
        "units": list,
        "id_width": int,
    }
    for key, value in data.items():
        kind = expected.get(key)
        if kind is None:
            raise FileError("config.unknown_key", path=path, key=key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise FileError("config.bad_value", path=path, key=key, value=value)
        setattr(config, key, value)
    if not all(isinstance(unit, str) for unit in config.units):
        raise FileError("config.bad_value", path=path, key="units", value=config.units)
    if config.lang is not None and config.lang not in ("zh", "en"):
        raise FileError("config.bad_value", path=path, key="lang", value=config.lang)
    return config


def load_config(start: Path) -> Config:
    """The config of the project ``start`` is in, or the defaults when there is none."""
    found = find_config(start)
    return read_config(found) if found is not None else Config()
