"""Messages of figures: status, progress, report."""

MESSAGES: dict[str, tuple[str, str]] = {}
