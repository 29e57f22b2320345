"""Every user-facing label and message, in Chinese (zh) and English (en).

One catalogue: ``CATALOGUE[key] = (zh, en)``. Texts are ``str.format``
templates; ``t(key, lang, **params)`` fills them in. The texts are kept in
``rectify.messages``, one module per part of the tool, merged here; a test
checks that no key is defined twice and every template has both languages.
"""

from __future__ import annotations

import locale
import os
from typing import Any, Literal

from rectify.messages import PARTS

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    key: texts for part in PARTS for key, texts in part.items()
}


def t(key: str, lang: Lang, /, **params: Any) -> str:
    """The text of ``key`` in ``lang``, with ``params`` filled in.

    An unknown key returns the key itself, so a missing text shows up plainly
    (and tests catch it) instead of raising in front of a user.
    """
    texts = CATALOGUE.get(key)
    if texts is None:
        return key
    template = texts[0] if lang == "zh" else texts[1]
    return template.format(**params) if params else template


def t_optional(key: str, lang: Lang, /, **params: Any) -> str | None:
    """Like :func:`t`, but ``None`` when the catalogue has no such key."""
    return t(key, lang, **params) if key in CATALOGUE else None


def label(kind: str, value: str, lang: Lang) -> str:
    """The name shown to people for an enum value: ``label("status", "open", "zh")``."""
    return t(f"{kind}.{value}", lang)


def resolve_lang(
    option: str | None = None,
    config: str | None = None,
    environ: dict[str, str] | None = None,
) -> Lang:
    """Pick the language: --lang, else RECTIFY_LANG, else the config, else the locale.

    A ``zh*`` locale gives Chinese; anything else gives English.
    """
    env = os.environ if environ is None else environ
    for candidate in (option, env.get("RECTIFY_LANG"), config):
        if candidate:
            return "zh" if candidate.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None:
        try:
            code = locale.getlocale()[0] or ""
        except ValueError:
            code = ""
        if code.lower().startswith(("zh", "chinese")):
            return "zh"
    return "en"
