"""Commands of the figures part (see rectify.cli)."""

from __future__ import annotations
