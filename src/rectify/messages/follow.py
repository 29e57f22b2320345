"""Messages of follow-through: due, notice, carry-over."""

MESSAGES: dict[str, tuple[str, str]] = {}
