"""The message catalogue, one module per part of the tool (merged by rectify.i18n)."""

from rectify.messages import (
    core,
    daily,
    figures,
    follow,
    forms,
    git,
    help,
    imports,
    rollup,
    safety,
    sheets,
    site,
    supervision,
)

PARTS: tuple[dict[str, tuple[str, str]], ...] = (
    core.MESSAGES,
    daily.MESSAGES,
    figures.MESSAGES,
    follow.MESSAGES,
    forms.MESSAGES,
    git.MESSAGES,
    help.MESSAGES,
    imports.MESSAGES,
    rollup.MESSAGES,
    safety.MESSAGES,
    sheets.MESSAGES,
    site.MESSAGES,
    supervision.MESSAGES,
)
