"""Commands of the follow part (see rectify.cli)."""

from __future__ import annotations
