"""rectify: rectification ledgers (整改台账) as plain YAML, with a command-line tool."""

__version__ = "0.1.0"
