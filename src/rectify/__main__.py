"""`python -m rectify` and the `rectify` console script."""

from __future__ import annotations

import sys

from rectify import __version__


def version_line() -> str:
    """What `rectify --version` prints, newline included; rectify.cli prints the same."""
    return f"rectify {__version__}\n"


def main() -> None:
    """The entry point: a bare version request at once, anything else through rectify.cli."""
    # Loading typer and the command modules takes most of the start-up time, and a
    # version check must be instant. Only the exact argv is answered here: with any
    # other word the full command line decides, so behaviour cannot drift.
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(version_line())
        sys.stdout.flush()
        return

    from rectify.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
