"""Figures as text people and scripts read: JSON, words, Markdown, reports, notices.

Owns: every `--format json` shape (json), figures in words and table cells
(words), Markdown tables (markdown), the monthly report (monthly), what
changed (changes), the reminder notice (notice), problems as text
(diagnostics), the plain forms of `list` (listing). Pure: data in, text out.

May import: the base and rectify.figures; never rich, storage or git.
"""
