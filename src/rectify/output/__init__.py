"""Figures as text people and scripts read: JSON, words, Markdown, reports, notices.

Owns: every `--format json` shape (json), figures in words and table cells
(words), Markdown tables (markdown), a document as blocks that Markdown and
Word both draw from (blocks), the monthly report (monthly), what changed
(changes), the reminder notice (notice), the Word file in official layout
(docx), the trend chart as a picture (chart), problems as text (diagnostics),
the plain forms of `list` (listing), an issue's timeline (timeline). Pure:
data in, text or bytes out (chart asks matplotlib which fonts the machine has).

May import: the base and rectify.figures; never rich, storage or git.
"""
