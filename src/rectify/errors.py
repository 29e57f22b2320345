"""Errors, problems and exit codes shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

from rectify.i18n import Lang, t, t_optional


class ExitCode(IntEnum):
    """The exit status of every command."""

    OK = 0
    PROBLEMS = 1  # the data has problems, or the thing asked for does not exist
    USAGE = 2
    IO = 3  # a file or the config cannot be read or written
    INTERRUPTED = 130


class Severity(StrEnum):
    """How serious a problem is: errors fail `check`, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


#: The params of a problem whose values are put in the reader's words, and the catalogue
#: prefix that holds them: a kind of YAML value ("kind.mapping"), a vote's result
#: ("result.basically_satisfied").
WORDED_PARAMS = {"expected": "kind", "actual": "kind", "result": "result", "votes": "result"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a ledger, where it is, and what to do about it.

    The text is kept as a catalogue key and its parameters, so the same
    problem prints in Chinese or English.
    """

    path: Path
    line: int  # 1-based; 0 when the problem is about the whole file
    column: int  # 1-based; 0 when unknown
    code: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR
    issue_id: str | None = None

    def message(self, lang: Lang) -> str:
        """The problem in one sentence."""
        return t(self.key, lang, **self._worded(lang))

    def hint(self, lang: Lang) -> str | None:
        """What to do about it, when there is something to say."""
        return t_optional(f"{self.key}.hint", lang, **self._worded(lang))

    def _worded(self, lang: Lang) -> dict[str, Any]:
        """The params, with a kind of value (mapping, list, empty…) or a vote's result in the
        reader's words."""
        return {
            name: (t_optional(f"{WORDED_PARAMS[name]}.{value}", lang) or value)
            if name in WORDED_PARAMS and isinstance(value, str)
            else value
            for name, value in self.params.items()
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.line, self.column, self.code)

    def moved(self, lines: int) -> Problem:
        """The same problem ``lines`` lines further down (a part of a file read on its own)."""
        return replace(self, line=self.line + lines) if self.line else self


class RectifyError(Exception):
    """An error the user can cause: printed as one sentence, never a traceback."""

    exit_code: ExitCode = ExitCode.PROBLEMS

    def __init__(self, key: str, /, *, path: Path | None = None, line: int = 0, **params: Any):
        super().__init__(key)
        self.key = key
        self.path = path
        self.line = line
        self.params = params

    def message(self, lang: Lang) -> str:
        """The error in the user's language, prefixed with its place when it has one."""
        text = t(self.key, lang, path=self.path, **self.params)
        if self.path is not None and self.line:
            return f"{self.path}:{self.line}: {text}"
        return text


class NotFound(RectifyError):
    """The thing asked for (an issue, a ledger) does not exist or is ambiguous."""

    exit_code = ExitCode.PROBLEMS


class UsageError(RectifyError):
    """The command line is wrong: a bad option value, a missing value."""

    exit_code = ExitCode.USAGE


class FileError(RectifyError):
    """A file or folder cannot be read or written, or the config is broken."""

    exit_code = ExitCode.IO


class DataError(RectifyError):
    """The ledger data does not allow what was asked (a wrong transition, a bad value)."""

    exit_code = ExitCode.PROBLEMS


class LedgerProblems(RectifyError):
    """Ledgers were loaded with errors; the problems are listed, not raised one by one."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, problems: list[Problem]):
        marker = next((p for p in problems if p.code == "R111"), None)
        if marker is not None:
            # A merge left unfinished: every command says so, as `check` does (R111).
            super().__init__(
                "error.conflict_markers",
                path=marker.path,
                line=marker.line,
                marker=marker.params.get("marker", ""),
                file=marker.params.get("file", ""),
            )
        else:
            super().__init__("error.ledger_problems", count=len(problems))
        self.problems = problems
