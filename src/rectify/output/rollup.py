"""Why a source of a roll-up is missing, in words (docs/rollup.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rectify.errors import Problem, RectifyError
from rectify.i18n import Lang, t


def gap_reason(key: str, params: Mapping[str, Any], lang: Lang) -> str:
    """Why a source is missing, in one sentence: a problem or error among the values worded."""
    return t(key, lang, **{name: _worded(value, lang) for name, value in params.items()})


def source_line(name: str, where: str, key: str, params: Mapping[str, Any], lang: Lang) -> str:
    """``来源 city（…）：why``: which source is missing or broken, and why."""
    return t("rollup.gap", lang, name=name, where=where, why=gap_reason(key, params, lang))


def _worded(value: Any, lang: Lang) -> Any:
    if isinstance(value, Problem):
        where = f"{value.path}:{value.line}" if value.line else str(value.path)
        return f"{where}: {value.message(lang)}"
    if isinstance(value, RectifyError):
        return value.message(lang)
    return value
