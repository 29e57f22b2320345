"""The click that typer runs on: vendored inside typer since 0.2x, a separate package before."""

from __future__ import annotations

try:
    from typer import _click as click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer
    import click  # type: ignore[no-redef,import-not-found,unused-ignore]
    from click import exceptions as click_exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]

__all__ = ["click", "click_exceptions"]
