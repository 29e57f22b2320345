"""docs/commands.md names every command and every option of rectify (read off the real app)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from rectify.cli import app, register
from test_daily_cli import DAILY_COMMANDS

DOC = Path(__file__).resolve().parent.parent / "docs" / "commands.md"
DAILY = set(DAILY_COMMANDS)  # documented together, under "Daily commands"


def command_options() -> dict[str, list[str]]:
    """Each command of the app with its long option names; "" holds rectify's own."""
    register()
    root = typer.main.get_command(app)
    found = {"": [o for p in root.params for o in p.opts if o.startswith("--")]}
    for name, command in getattr(root, "commands", {}).items():
        found[name] = [o for p in command.params for o in p.opts if o.startswith("--")]
    return found


def sections(text: str) -> dict[str, str]:
    """The text under each `## rectify NAME` heading, by NAME; "" for the options before one."""
    found: dict[str, str] = {}
    for match in re.finditer(r"^## (.+)\n((?:(?!^#).*\n?)*)", text, flags=re.M):
        heading, body = match[1], match[2]
        name = heading.split()[1] if heading.startswith("rectify ") else ""
        if heading == "Options before the command":
            found[""] = body
        elif heading == "What every command here shares":
            found["shared"] = body
        elif name:
            found[name] = heading + "\n" + body
    return found


def missing(text: str, wanted: dict[str, list[str]]) -> list[str]:
    """What the doc lacks: 'COMMAND' without a section, 'COMMAND --option' not in it.

    An option of a daily command may be documented once, in "What every
    command here shares", for all of them.
    """
    have = sections(text)
    shared = have.get("shared", "")
    gaps: list[str] = []
    for name, options in wanted.items():
        if name not in have:
            gaps.append(name or "(options before the command)")
            continue
        body = have[name] + (shared if name in DAILY else "")
        gaps += [f"{name} {o}".strip() for o in options if not re.search(rf"{o}(?![\w-])", body)]
    return gaps


def test_every_command_and_option_is_documented() -> None:
    wanted = command_options()
    assert len(wanted) > 25  # every command, not only the daily ones
    assert missing(DOC.read_text(encoding="utf-8"), wanted) == []


def test_a_missing_option_or_command_is_named() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert missing(text, {"list": ["--no-such-option"], "frobnicate": []}) == [
        "list --no-such-option",
        "frobnicate",
    ]
