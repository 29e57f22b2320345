"""Ledger files themselves, from Python: check them, put them in canonical form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rectify.api.figures import Note
from rectify.api.project import PathsGiven, Project
from rectify.ledger.load import Loaded


def check(project: Project, paths: PathsGiven = None, *, as_of: dt.date | None = None) -> Loaded:
    """Every ledger under ``paths`` read and checked against format v1: its problems, sorted
    by file and line, beside the ledgers that could be read (nothing is raised for data)."""
    from rectify.ledger.evidence import evidence_problems
    from rectify.ledger.load import load

    manifest = project.manifest(paths)
    if manifest is not None:
        from rectify.api.rollup import check_rollup

        loaded = check_rollup(project, manifest, as_of or project.today)
    else:
        loaded = load(project.paths(paths), as_of=as_of or project.today, cache=project.cache)
        for one in loaded.ledgers:  # files outside the ledger: never kept in the parse cache
            loaded.problems += evidence_problems(one.doc, one.ledger, project.config.root)
    loaded.problems.sort(key=lambda p: p.sort_key())
    return loaded


@dataclass
class Formatted:
    """What `fmt` did: files rewritten (or that would be), files already in form, notes."""

    reformatted: list[Path] = field(default_factory=list)
    unchanged: int = 0
    refused: list[Path] = field(default_factory=list)  # files with errors, left as they are
    notes: list[Note] = field(default_factory=list)


def fmt(project: Project, paths: PathsGiven = None, *, check_only: bool = False) -> Formatted:
    """Rewrite ledgers in canonical form, keeping every comment and ``x-`` key.

    With ``check_only`` nothing is written; `reformatted` names the files not in form.
    """
    from rectify.ledger.check import check_document
    from rectify.ledger.files import atomic_write, ledger_files
    from rectify.ledger.fmt import format_document
    from rectify.ledger.yaml import encode, load_document

    result = Formatted()
    for path in ledger_files(project.paths(paths)):
        doc = load_document(path)
        ledger, problems = check_document(doc, as_of=project.today)
        if ledger is None:
            result.refused.append(path)
            marker = next((p for p in problems if p.code == "R111"), None)
            if marker is not None:  # the sentence every command gives (LedgerProblems)
                where = {"path": path, "line": marker.line}
                result.notes.append(("file.conflict_markers", {**where, **marker.params}))
            continue
        formatted = format_document(doc)
        result.notes += [
            ("fmt.kept_block", {"path": path, "line": line}) for line in formatted.kept
        ]
        if formatted.text == doc.text:
            result.unchanged += 1
            continue
        result.reformatted.append(path)
        if not check_only:
            atomic_write(path, encode(doc, formatted.text))
    return result
