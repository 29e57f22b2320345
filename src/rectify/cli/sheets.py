"""Commands of the sheets part (see rectify.cli)."""

from __future__ import annotations
