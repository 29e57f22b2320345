"""Commands of the daily part (see rectify.cli)."""

from __future__ import annotations
