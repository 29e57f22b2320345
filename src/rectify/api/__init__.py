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

import importlib
from typing import TYPE_CHECKING

#: Each name of the library, and the module that holds it. Modules are imported on first use,
#: so a command pays only for what it calls (the start-up of `rectify status` stays small).
WHERE = {
    **dict.fromkeys(("Project",), "project"),
    **dict.fromkeys(
        (
            "Change",
            "NewLedger",
            "Shown",
            "add",
            "apply",
            "check_units",
            "close",
            "dismiss",
            "done",
            "extend",
            "init_project",
            "list_issues",
            "listed_on",
            "new_ledger",
            "remember_units",
            "reopen",
            "return_application",
            "show_issue",
            "update",
        ),
        "daily",
    ),
    **dict.fromkeys(
        ("Progress", "monthly_report", "progress", "report_document", "status"), "figures"
    ),
    **dict.fromkeys(
        ("chart_format", "output_format", "write_chart", "write_document"), "documents"
    ),
    **dict.fromkeys(
        (
            "CarriedOver",
            "Chase",
            "Recorded",
            "Voted",
            "carry_over",
            "due",
            "notice_date",
            "notices",
            "record_notices",
            "reply",
            "vote",
            "write_notices",
        ),
        "follow",
    ),
    **dict.fromkeys(("FixedIds", "diff", "fix_ids", "git_setup", "log"), "git"),
    **dict.fromkeys(("Formatted", "check", "fmt"), "ledgers"),
    **dict.fromkeys(
        (
            "FormFile",
            "FormsImported",
            "Imported",
            "export",
            "export_forms",
            "import_forms",
            "import_sheet",
            "is_form_input",
        ),
        "sheets",
    ),
    **dict.fromkeys(("Built", "build_site", "serve_site"), "site"),
    **dict.fromkeys(("SourcesBroken", "Synced", "raise_gaps", "sync", "the_manifest"), "rollup"),
}
__all__ = [
    "Built",
    "CarriedOver",
    "Change",
    "Chase",
    "FixedIds",
    "FormFile",
    "Formatted",
    "FormsImported",
    "Imported",
    "NewLedger",
    "Progress",
    "Project",
    "Recorded",
    "Shown",
    "SourcesBroken",
    "Synced",
    "Voted",
    "add",
    "apply",
    "build_site",
    "carry_over",
    "chart_format",
    "check",
    "check_units",
    "close",
    "diff",
    "dismiss",
    "done",
    "due",
    "export",
    "export_forms",
    "extend",
    "fix_ids",
    "fmt",
    "git_setup",
    "import_forms",
    "import_sheet",
    "init_project",
    "is_form_input",
    "list_issues",
    "listed_on",
    "log",
    "monthly_report",
    "new_ledger",
    "notice_date",
    "notices",
    "output_format",
    "progress",
    "raise_gaps",
    "record_notices",
    "remember_units",
    "reopen",
    "reply",
    "report_document",
    "return_application",
    "serve_site",
    "show_issue",
    "status",
    "sync",
    "the_manifest",
    "update",
    "vote",
    "write_chart",
    "write_document",
    "write_notices",
]  # the names of WHERE (tests/test_library.py checks)


def __getattr__(name: str) -> object:
    if name not in WHERE:
        raise AttributeError(f"module 'rectify.api' has no attribute {name!r}")
    return getattr(importlib.import_module(f"rectify.api.{WHERE[name]}"), name)


if TYPE_CHECKING:
    from rectify.api.daily import (
        Change,
        NewLedger,
        Shown,
        add,
        apply,
        close,
        dismiss,
        done,
        extend,
        init_project,
        list_issues,
        listed_on,
        new_ledger,
        remember_units,
        reopen,
        return_application,
        show_issue,
        update,
    )
    from rectify.api.documents import chart_format, output_format, write_chart, write_document
    from rectify.api.figures import Progress, monthly_report, progress, report_document, status
    from rectify.api.follow import (
        CarriedOver,
        Chase,
        Recorded,
        Voted,
        carry_over,
        due,
        notice_date,
        notices,
        record_notices,
        reply,
        vote,
        write_notices,
    )
    from rectify.api.git import FixedIds, diff, fix_ids, git_setup, log
    from rectify.api.ledgers import Formatted, check, fmt
    from rectify.api.project import Project
    from rectify.api.rollup import SourcesBroken, Synced, raise_gaps, sync, the_manifest
    from rectify.api.sheets import (
        FormFile,
        FormsImported,
        Imported,
        export,
        export_forms,
        import_forms,
        import_sheet,
        is_form_input,
    )
    from rectify.api.site import Built, build_site, serve_site
