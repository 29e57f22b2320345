"""The library the commands call: what `rectify` does, from Python.

Every command of the command line is a few lines of glue over one function
here: parse the options, call the function, render what it returns. A script
can do the same:

    >>> import datetime as dt
    >>> from rectify import api
    >>> project = api.Project.open("examples/sanmenxia", today=dt.date(2024, 12, 1))
    >>> view = api.status(project, ["examples/sanmenxia/city-county"], as_of=dt.date(2024, 11, 30))
    >>> view.overall.rectified, view.overall.total

The functions take a `Project` (the folder's rectify.toml, today's date,
whether to use the parse cache) and plain values, return data (models,
figures, text of a document), and raise the errors of rectify.errors, whose
messages are in the catalogue. They print nothing and import neither rich nor
typer: `render` and `cli` do that. docs/library.md shows them in use (a test
runs its code).

May import: everything but render and cli.
"""

from __future__ import annotations

from rectify.api.daily import (
    Change,
    Shown,
    add,
    close,
    dismiss,
    done,
    extend,
    list_issues,
    new_ledger,
    reopen,
    show_issue,
    update,
)
from rectify.api.figures import Progress, monthly_report, progress, status
from rectify.api.project import Project

__all__ = [
    "Change",
    "Progress",
    "Project",
    "Shown",
    "add",
    "close",
    "dismiss",
    "done",
    "extend",
    "list_issues",
    "monthly_report",
    "new_ledger",
    "progress",
    "reopen",
    "show_issue",
    "status",
    "update",
]
