"""Messages of spreadsheets: export, import."""

MESSAGES: dict[str, tuple[str, str]] = {}
