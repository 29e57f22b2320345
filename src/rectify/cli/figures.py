"""Commands of the figures part: status, progress, report (see rectify.cli)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.common import (
    AsOfOption,
    Env,
    LangOption,
    LedgerOption,
    PathsArgument,
    make_env,
    out,
    out_json,
    scope,
)
from rectify.errors import UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from rectify.figures.months import Month
    from rectify.figures.tally import GroupBy
    from rectify.figures.view import StatusView


class By(enum.StrEnum):
    unit = "unit"
    co_unit = "co-unit"
    source = "source"
    track = "track"
    ledger = "ledger"


class FiguresFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


FormatOption = Annotated[
    FiguresFormat,
    typer.Option("--format"),
]


AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="REV",
    ),
]


def _month(text: str, option: str) -> Month:
    import datetime as dt

    from rectify.dates import FIRST_DAY, LAST_DAY, DateOutOfRange, parse_month

    try:
        year, month = parse_month(text)
        dt.date(year, month, 1)  # year 0 reads as a month but is no date
    except DateOutOfRange:
        raise UsageError(
            "usage.date_range", option=option, value=text, first=FIRST_DAY, last=LAST_DAY
        ) from None
    except ValueError:
        raise UsageError("fig.bad_month", option=option, value=text) from None
    return year, month


@app.command()
def status(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    as_of: AsOfOption = None,
    by: Annotated[By, typer.Option("--by")] = By.unit,
    fmt: FormatOption = FiguresFormat.table,
    at: AtOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """How far rectification has come: counts, rates with their denominators, a table per group.

    Given a folder, every ledger in it is rolled up (a problem carried over
    counts once); --by ledger nests ledgers under their parent. --at REV takes
    the ledgers as committed at a git revision (as of that commit's day).
    """
    from rectify import api
    from rectify.output.markdown import status_markdown

    env = make_env(ctx, lang)
    group_by: GroupBy = by.value
    view = api.status(
        env.project, scope(paths, ledger), as_of=env.date(as_of, "--as-of"), by=group_by, at=at
    )
    if fmt is FiguresFormat.markdown:
        out(status_markdown(view, env.lang, margin=env.config.pace_margin), nl=False)
    elif fmt is FiguresFormat.json:
        from rectify.output.json import status_json

        out_json(
            status_json(
                view.overall,
                view.groups,
                group_by,
                warnings=view.warnings,
                by_group=view.by_group,
                review=view.review,
                audit=view.audit,
            )
        )
    elif view.overall.total == 0:
        from rectify.output.words import headline

        out(headline(view.overall, env.lang))
    else:
        env.show(_status_screen(env, view))


def _status_screen(env: Env, view: StatusView) -> RenderableType:
    """The status table with its headline, what remains, and the title of the day."""
    from rectify.output.words import headline, status_rows, status_summary
    from rectify.render.figures import status_renderable

    rows = status_rows(
        view.groups,
        view.overall,
        view.by,
        env.lang,
        warnings=view.by_group,
        total_warnings=view.warnings,
    )
    return status_renderable(
        rows,
        view.by,
        env.lang,
        headline=headline(view.overall, env.lang, view.warnings),
        summary=status_summary(view, env.lang),
        title=env.t(f"fig.table_title.{view.by}", date=view.overall.as_of.isoformat()),
        width=env.width,
        due_soon_days=env.config.due_soon_days,
        margin=env.config.pace_margin,
    )


@app.command()
def progress(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="YYYY-MM",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="YYYY-MM"),
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = FiguresFormat.table,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """The monthly progress table: one row per month end, flows and stocks side by side.

    Each month is figured as of its last day from the dated history in the
    ledgers; the current month shows the figures so far.
    """
    from rectify import api
    from rectify.output.markdown import progress_markdown

    env = make_env(ctx, lang)
    first = _month(start, "--from") if start is not None else None
    last = _month(end, "--to") if end is not None else None
    found = api.progress(
        env.project, scope(paths, ledger), as_of=env.as_of(as_of), start=first, end=last
    )
    for key, params in found.notes:
        env.note(key, **params)
    if fmt is FiguresFormat.json:
        from rectify.output.json import progress_json

        out_json(progress_json(found.rows, found.as_of))
    elif fmt is FiguresFormat.markdown:
        out(progress_markdown(found.rows, env.lang), nl=False)
    elif all(row.assigned_to_date == 0 for row in found.rows):
        out(env.t("fig.no_problems"))
    else:
        from rectify.render.figures import progress_renderable

        env.show(progress_renderable(found.rows, env.lang))


class DocumentFormat(enum.StrEnum):
    markdown = "markdown"
    docx = "docx"
    pdf = "pdf"


DocumentFormatOption = Annotated[
    DocumentFormat | None,
    typer.Option(
        "--format",
        show_default=False,
    ),
]


@app.command()
def report(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    month: Annotated[str, typer.Option("--month", metavar="YYYY-MM")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o"),
    ] = None,
    fmt: DocumentFormatOption = None,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            metavar="FILE",
        ),
    ] = None,
    at: AtOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
        ),
    ] = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """The monthly report (月报告), in Markdown or as a Word document in official layout.

    Figures as of the month's last day (or today, while the month runs), by
    track and lead unit; what was rectified that month; overdue and due-soon
    problems; long-term problems; a league table with overdue ageing; the
    month-by-month table with a chart; and the ledgers' content hashes and git
    commit, so anyone can recompute every figure. -o 月报.docx (or --format
    docx) writes Word in the layout of GB/T 9704, with the chart as a picture;
    --format pdf converts that with LibreOffice. --at REV reports from the
    ledgers as committed at a revision; --since REV adds what changed since then.
    """
    from rectify import api
    from rectify.output.blocks import to_markdown

    env = make_env(ctx, lang)
    kind = api.output_format("report", output, fmt.value if fmt else None)
    if chart is not None:
        api.chart_format(chart)
    document = api.report_document(
        env.project,
        scope(paths, ledger),
        month=_month(month, "--month"),
        lang=env.lang,
        at=at,
        since=since,
    )
    if output is None:
        out(to_markdown(document), nl=False)
    else:
        for key, params in api.write_document(env.project, document, output, kind):
            env.note(key, **params)
        env.say("report.written", path=output)
    if chart is not None:
        api.write_chart(document, chart)
        (env.say if output is not None else env.note)("report.chart_written", path=chart)
