"""`python -m rectify` and the `rectify` console script."""

from __future__ import annotations

import os
import sys

from rectify import __version__

TYPE_CHECKING = False  # not typing's: a warm answer imports as little as it can
if TYPE_CHECKING:
    from typing import NoReturn


def version_line() -> str:
    """What `rectify --version` prints, newline included; rectify.cli prints the same."""
    return f"rectify {__version__}\n"


def run() -> object:
    """The command line of this process, run; its exit code (as ``SystemExit`` carries it)."""
    # Loading typer and the command modules takes most of the start-up time, and a
    # version check must be instant. Only the exact argv is answered here: with any
    # other word the full command line decides, so behaviour cannot drift.
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(version_line())
        return 0

    # A read command run again with the same words, files and surroundings prints what it
    # printed then, checked input by input (rectify.ledger.answers), before typer is loaded.
    from rectify.ledger import answers

    argv = sys.argv[1:]
    if answers.replay(argv):
        return 0
    answers.start(argv)
    from rectify.cli import main as cli_main

    code: object = 0
    try:
        cli_main()
    except SystemExit as exc:
        code = exc.code
    answers.finish(code)
    return code


def main() -> None:
    """The entry point: the command run, its output flushed, then no interpreter shutdown."""
    leave(run())


def leave(code: object) -> NoReturn:
    """End the process with ``code``, skipping the interpreter's shutdown.

    Tearing the interpreter down (every module, tens of thousands of objects)
    costs a warm read tens of milliseconds and does nothing a user sees: files
    are closed by their ``with`` blocks and rectify registers no exit handlers.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"), as click does on some errors
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # `rectify list | head`
            continue
    os._exit(status)


if __name__ == "__main__":
    main()
