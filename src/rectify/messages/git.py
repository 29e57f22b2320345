"""Messages of git: diff, log, --at, fix-ids."""

MESSAGES: dict[str, tuple[str, str]] = {}
