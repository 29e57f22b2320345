"""The click that typer runs on: vendored inside typer since 0.2x, a separate package before."""

from __future__ import annotations

try:
    from typer import _click as click
    from typer._click import exceptions as click_exceptions
    from typer._click._compat import should_strip_ansi, strip_ansi
    from typer._click.globals import resolve_color_default
except ImportError:  # pragma: no cover - older typer
    import click  # type: ignore[no-redef,import-not-found,unused-ignore]
    from click import exceptions as click_exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    from click._compat import should_strip_ansi, strip_ansi  # type: ignore[no-redef,import-not-found,unused-ignore]
    from click.globals import resolve_color_default  # type: ignore[no-redef,import-not-found,unused-ignore]

__all__ = [
    "click",
    "click_exceptions",
    "resolve_color_default",
    "should_strip_ansi",
    "strip_ansi",
]
