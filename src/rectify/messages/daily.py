"""Messages of the daily workflow: init, new, add, update, done, close, list, show."""

MESSAGES: dict[str, tuple[str, str]] = {}
