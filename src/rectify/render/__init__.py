"""Figures and issues as Rich tables and panels for the terminal (render layer)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType


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
