"""The world outside a ledger file: git, rectify.toml, spreadsheets, LibreOffice.

Owns: git (git: the only module that runs the `git` command), ledgers at a
revision and issue histories (history), the project's settings (config), and
spreadsheets in and out (sheets: cells, headers, rows, the import plan, the
export's rows, files), and LibreOffice run headless to print a Word document
as PDF (office: the only module that runs soffice).

May import: the base, rectify.ledger, rectify.changes and rectify.figures.
"""
