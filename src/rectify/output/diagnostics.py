"""Problems as text: ``path:line:col: error[R201]: message``, the line, a caret and a hint."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rectify.errors import Problem
from rectify.i18n import Lang, t
from rectify.text import display_width


def _token_length(line: str, start: int) -> int:
    """Length of the key or value starting at ``start`` (0-based), for the caret line."""
    rest = line[start:]
    if not rest:
        return 1
    end = len(rest)
    for stop in (": ", " #"):
        found = rest.find(stop)
        if found > 0:
            end = min(end, found)
    if rest.endswith(":") and end == len(rest):
        end -= 1
    return max(1, display_width(rest[:end].rstrip()))


# Characters of a long line shown before the column and in all: a 50 MB one-line
# file must not print 50 MB.
_BEFORE = 40
_WIDTH = 100


def excerpt(line_text: str, line: int, column: int) -> list[str]:
    """The offending line with a caret under the column, in the style of rustc and hledger."""
    shown = line_text.replace("\t", " ")
    gutter = " " * len(str(line))
    start = min(max(column - 1, 0), len(shown))
    tail = ""
    if len(shown) > _WIDTH:
        first = max(0, min(start - _BEFORE, len(shown) - _WIDTH))
        head = "…" if first else ""
        tail = "…" if first + _WIDTH < len(shown) else ""
        shown = head + shown[first : first + _WIDTH]
        start = start - first + len(head)
    shown = _printable(shown)
    pad = " " * display_width(shown[:start])
    caret = "^" * _token_length(shown, start)
    return [f"{gutter} |", f"{line} | {shown}{tail}", f"{gutter} | {pad}{caret}"]


def _printable(text: str) -> str:
    """``text`` with control characters shown as U+FFFD, so a file cannot drive the terminal.

    The full-width space (U+3000, a common slip in Chinese indentation) is shown as it is.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\u3000" else "\ufffd" for ch in text)


def format_problem(problem: Problem, lang: Lang, line_text: str | None = None) -> list[str]:
    """One problem as lines of text: location, message, excerpt, hint."""
    severity = problem.severity.value  # kept in English: editors and scripts match on it
    where = f"{problem.path}:{problem.line}:{problem.column}" if problem.line else f"{problem.path}"
    lines = [f"{where}: {severity}[{problem.code}]: {problem.message(lang)}"]
    if line_text is not None and problem.line:
        lines.extend(excerpt(line_text, problem.line, problem.column))
    hint = problem.hint(lang)
    if hint:
        gutter = " " * len(str(problem.line)) if problem.line else ""
        sep = "：" if lang == "zh" else ": "
        lines.append(f"{gutter} = {t('hint.label', lang)}{sep}{hint}")
    return lines


def format_problems(
    problems: Sequence[Problem], lang: Lang, line_of: Callable[[Problem], str | None]
) -> str:
    """Every problem, separated by blank lines."""
    blocks = ["\n".join(format_problem(p, lang, line_of(p))) for p in problems]
    return "\n\n".join(blocks)
