"""The message catalogue, one module per part of the tool (merged by rectify.i18n)."""

from rectify.messages import core, daily, figures, follow, git, help, safety, sheets

PARTS: tuple[dict[str, tuple[str, str]], ...] = (
    core.MESSAGES,
    daily.MESSAGES,
    figures.MESSAGES,
    follow.MESSAGES,
    git.MESSAGES,
    help.MESSAGES,
    safety.MESSAGES,
    sheets.MESSAGES,
)
