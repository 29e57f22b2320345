"""Ledger files, text <-> checked Ledger: the storage layer.

Owns: finding and writing files (files: atomic, locked), safe YAML with
positions (yaml, spans), the rules of the format (check), writing YAML (emit),
minimal comment-keeping edits (edit), the canonical form (fmt), the parse cache
(cache: an opaque payload, it knows no figures; seal: its folder and key),
warm answers (answers: what a read command printed, with every input it read,
replayed before anything else loads), loading with every problem
collected (load), issue ids (ids), the three-way merge (merge), the JSON
Schema (schema) and evidence files with their SHA-256 (evidence).

May import: the base (errors, model, dates, i18n, messages, text, numbers,
suggest) only. Knows no figures, runs no git, prints nothing.
"""
