"""Every user-facing label and message, in Chinese (zh) and English (en).

One catalogue: ``CATALOGUE[key] = (zh, en)``. Texts are ``str.format``
templates; ``t(key, lang, **params)`` fills them in. The texts are kept in
``rectify.messages``, one module per part of the tool, merged here; a test
checks that no key is defined twice and every template has both languages.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Mapping
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


class UnknownLanguage(ValueError):
    """A language asked for (``--lang fr``, ``RECTIFY_LANG=fr``) that rectify does not speak."""

    def __init__(self, value: str, source: str) -> None:
        super().__init__(f"unknown language {value!r} from {source}")
        self.value = value
        self.source = source  # "--lang" or "RECTIFY_LANG"


def parse_lang(value: str) -> Lang | None:
    """``zh``, ``en`` and their regional forms (zh-CN, zh_CN.UTF-8, en-US); None for any other."""
    code = re.split(r"[-_.@]", value.strip().lower(), maxsplit=1)[0]
    if code in ("zh", "chinese"):
        return "zh"
    if code in ("en", "english"):
        return "en"
    return None


def resolve_lang(
    option: str | None = None,
    config: str | None = None,
    environ: dict[str, str] | None = None,
) -> Lang:
    """Pick the language: --lang, else RECTIFY_LANG, else the config, else the locale.

    --lang and RECTIFY_LANG must name a language rectify speaks (zh or en), or
    UnknownLanguage is raised: asking for French and getting English without a
    word is a trap. The locale only picks: a ``zh*`` locale gives Chinese,
    anything else English.
    """
    env = os.environ if environ is None else environ
    for candidate, source in ((option, "--lang"), (env.get("RECTIFY_LANG"), "RECTIFY_LANG")):
        if candidate:
            chosen = parse_lang(candidate)
            if chosen is None:
                raise UnknownLanguage(candidate, source)
            return chosen
    if config:
        return parse_lang(config) or "en"
    return locale_lang(env, system=environ is None)


def locale_lang(env: Mapping[str, str], *, system: bool = True) -> Lang:
    """The language of the locale: Chinese for a ``zh*`` one, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if system:
        try:
            code = locale.getlocale()[0] or ""
        except ValueError:
            code = ""
        if code.lower().startswith(("zh", "chinese")):
            return "zh"
    return "en"
