"""Did you mean ...? The one way rectify guesses what a user meant by a word it does not know."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6  # how alike two spellings must be (difflib's ratio) to be offered


def suggest(word: str, choices: Iterable[str], *, n: int = 3) -> list[str]:
    """The choices a user may have meant by ``word``, best first, at most ``n``.

    Close spellings first (difflib, ignoring case; equally close ones in the
    order given), then choices that hold the
    word or are held in it (市民政 -> 市民政局). Every "did you mean" of rectify
    — unknown keys and values in a ledger, units, issue ids, commands — comes
    from here, so the same typo gets the same suggestion in every command.
    """
    options = list(dict.fromkeys(choices))
    if not word or not options:
        return []
    folded: dict[str, str] = {}
    for option in options:
        folded.setdefault(option.casefold(), option)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word.casefold())
    scored: list[tuple[float, int, str]] = []
    for position, option in enumerate(folded):
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
            score = matcher.ratio()
            if score >= CUTOFF:
                scored.append((-score, position, folded[option]))
    close = [option for _, _, option in sorted(scored)[:n]]
    containing = [option for option in options if word in option or option in word]
    return list(dict.fromkeys([*close, *containing]))[:n]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one best guess of :func:`suggest`, or None when nothing is close."""
    found = suggest(word, choices, n=1)
    return found[0] if found else None
