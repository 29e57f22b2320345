"""The world outside a ledger file: git, rectify.toml, spreadsheets.

Owns: git (git: the only module that runs the `git` command), ledgers at a
revision and issue histories (history), the project's settings (config), and
spreadsheets in and out (sheets: cells, headers, rows, the import plan, the
export's rows, files).

May import: the base, rectify.ledger, rectify.changes and rectify.figures.
"""
