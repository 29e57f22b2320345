"""The click that typer runs on: vendored inside typer since 0.2x, a separate package before."""

from __future__ import annotations

try:
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer
    import click  # type: ignore[no-redef]

__all__ = ["click"]
