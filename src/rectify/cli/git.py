"""Commands of the git part (see rectify.cli)."""

from __future__ import annotations
