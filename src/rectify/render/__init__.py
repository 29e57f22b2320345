"""Figures and issues as Rich tables and panels for the terminal (the render layer).

The only package besides rectify.cli that imports rich. Every piece of text a
renderer prints goes through user_text (rectify.text.terminal), and to_text
turns a renderable into terminal text of a given width.

May import: the base, rectify.figures and rectify.output (its words).
"""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.text import Text

from rectify.text import terminal


def user_text(text: str | None, style: str = "", *, multiline: bool = False) -> Text:
    """Text for the terminal as a Rich Text: never read as markup, controls shown as escapes.

    Every piece of text a renderer prints goes through here, so a title such as
    ``[red]x[/]`` or one holding an escape sequence prints as typed.
    """
    shown = terminal(text or "", multiline=multiline)
    return Text(shown.rstrip() if multiline else shown, style=style)


def to_text(renderable: RenderableType, *, width: int, color: bool) -> str:
    """A renderable as terminal text, ``width`` columns wide, coloured only when asked.

    Markup is off: user text is never read as Rich markup.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(renderable)
    # Rich pads every line to the full width; trailing blanks only get in the way.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
