"""Commands of the figures part: status, progress, report (see rectify.cli)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from rectify.cli import app
from rectify.cli.common import (
    AsOfOption,
    Env,
    LangOption,
    PathsArgument,
    make_env,
    out,
    terminal_width,
    use_color,
)
from rectify.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from rectify.figures.facts import Fact
    from rectify.figures.months import Month
    from rectify.figures.tally import GroupBy
    from rectify.ledger.load import LoadedLedger


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
    typer.Option("--format", help="table, json (exact counts and fractions) or markdown."),
]


AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="Use the ledgers as committed at this git revision (nothing is checked out).",
        metavar="REV",
    ),
]


def _load(
    env: Env, paths: list[Path] | None, as_of: dt.date, at: str | None = None
) -> list[LoadedLedger]:
    """The ledgers under ``paths``: from the working tree, or as committed at ``at``."""
    if at is not None:
        from rectify.io.history import load_at

        return load_at(at, env.paths(paths), as_of)
    from rectify.ledger.load import load_valid

    return load_valid(env.paths(paths), as_of=as_of)


def _day(env: Env, as_of: str | None, at: str | None, paths: list[Path] | None) -> dt.date:
    """The --as-of date; with --at and no --as-of, the day of that commit."""
    if at is not None and as_of is None:
        from rectify.io.git import find_revision

        return find_revision(at, env.paths(paths), env.today).day
    return env.as_of(as_of)


def _month(text: str, option: str) -> Month:
    import datetime as dt

    from rectify.dates import parse_month

    try:
        year, month = parse_month(text)
        dt.date(year, month, 1)  # year 0 reads as a month but is no date
    except ValueError:
        raise UsageError("fig.bad_month", option=option, value=text) from None
    return year, month


def _width() -> int:
    return terminal_width()


def _screen(renderable: object) -> str:
    from rich.console import RenderableType

    from rectify.render import to_text

    return to_text(cast(RenderableType, renderable), width=_width(), color=use_color())


def _json(data: object) -> None:
    import json

    out(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def status(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    as_of: AsOfOption = None,
    by: Annotated[
        By, typer.Option("--by", help="Group by lead unit, co-unit, source, track or ledger.")
    ] = By.unit,
    fmt: FormatOption = FiguresFormat.table,
    at: AtOption = None,
    lang: LangOption = None,
) -> None:
    """How far rectification has come: counts, rates with their denominators, a table per group.

    Given a folder, every ledger in it is rolled up (a problem carried over
    counts once); --by ledger nests ledgers under their parent. --at REV takes
    the ledgers as committed at a git revision (as of that commit's day).
    """
    from rectify.figures.view import status_view
    from rectify.output.json import status_json
    from rectify.output.markdown import status_markdown
    from rectify.output.words import headline

    env = make_env(ctx, lang)
    day = _day(env, as_of, at, paths)
    days, margin = env.config.due_soon_days, env.config.pace_margin
    group_by: GroupBy = by.value
    view = status_view(_facts(env, paths, day, at, margin), day, group_by, due_soon_days=days)
    if fmt is FiguresFormat.markdown:
        out(status_markdown(view, env.lang, margin=margin), nl=False)
    elif fmt is FiguresFormat.json:
        _json(
            status_json(
                view.overall, view.groups, group_by, warnings=view.warnings, by_group=view.by_group
            )
        )
    elif view.overall.total == 0:
        out(headline(view.overall, env.lang))
    else:
        from rectify.i18n import t
        from rectify.output.words import remaining_summary, status_rows
        from rectify.render.figures import status_renderable

        rows = status_rows(
            view.groups,
            view.overall,
            group_by,
            env.lang,
            warnings=view.by_group,
            total_warnings=view.warnings,
        )
        screen = status_renderable(
            rows,
            group_by,
            env.lang,
            headline=headline(view.overall, env.lang, view.warnings),
            summary=remaining_summary(view, env.lang),
            title=t(f"fig.table_title.{group_by}", env.lang, date=day.isoformat()),
            width=_width(),
            due_soon_days=days,
            margin=margin,
        )
        out(_screen(screen), nl=False)


def _facts(
    env: Env, paths: list[Path] | None, as_of: dt.date, at: str | None, margin: int
) -> list[Fact]:
    """The facts of every issue in scope on a date: kept by the parse cache when it can."""
    days = env.config.due_soon_days
    if at is not None:
        from rectify.figures.facts import facts_of
        from rectify.figures.state import items

        ledgers = (loaded.ledger for loaded in _load(env, paths, as_of, at))
        return facts_of(items(ledgers), as_of, due_soon_days=days, margin=margin)
    from fractions import Fraction

    from rectify.figures.facts import FactRows
    from rectify.ledger.load import load_derived

    return load_derived(env.paths(paths), FactRows(days, Fraction(margin)), as_of=as_of)


@app.command()
def progress(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First month (default: the month of the first assignment).",
            metavar="YYYY-MM",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last month (default: this month).", metavar="YYYY-MM"),
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = FiguresFormat.table,
    lang: LangOption = None,
) -> None:
    """The monthly progress table: one row per month end, flows and stocks side by side.

    Each month is figured as of its last day from the dated history in the
    ledgers; the current month shows the figures so far.
    """
    from rectify.figures.months import (
        MAX_MONTHS,
        default_range,
        month_of,
        months_between,
        progress_rows,
    )
    from rectify.figures.state import items
    from rectify.output.json import progress_json
    from rectify.output.markdown import progress_markdown
    from rectify.output.words import month_label

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    pool = items(loaded.ledger for loaded in _load(env, paths, day))
    last = _month(end, "--to") if end is not None else None
    first, last, capped = default_range(pool, day, end=last)
    if start is not None:
        first, capped = _month(start, "--from"), False
    if first > last:
        raise UsageError("progress.bad_range", start=month_label(first), end=month_label(last))
    count = len(months_between(first, last))
    if count > 5 * MAX_MONTHS:
        raise UsageError(
            "progress.too_long",
            limit=5 * MAX_MONTHS,
            start=month_label(first),
            end=month_label(last),
            count=count,
        )
    current = month_of(day)
    if first > current:
        raise UsageError("progress.not_begun", month=month_label(first), today=day.isoformat())
    if capped:
        _note("progress.capped", env, limit=MAX_MONTHS)
    if last > current:
        _note("progress.cut", env, month=month_label(current))
    rows = progress_rows(pool, first, last, day, due_soon_days=env.config.due_soon_days)
    if fmt is FiguresFormat.json:
        _json(progress_json(rows, day))
    elif fmt is FiguresFormat.markdown:
        out(progress_markdown(rows, env.lang), nl=False)
    elif all(row.assigned_to_date == 0 for row in rows):
        out(_t("fig.no_problems", env))
    else:
        from rectify.render.figures import progress_renderable

        out(_screen(progress_renderable(rows, env.lang)), nl=False)


@app.command()
def report(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    month: Annotated[
        str, typer.Option("--month", help="The month to report on (2024-11).", metavar="YYYY-MM")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    at: AtOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Add what changed in the ledgers since this git revision.",
            metavar="REV",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """The monthly report (月报告) in Markdown, as an office would write it.

    Figures as of the month's last day (or today, while the month runs), by
    track and lead unit; what was rectified that month; overdue and due-soon
    problems; long-term problems; a league table with overdue ageing; the
    month-by-month table with a chart; and the ledgers' content hashes and git
    commit, so anyone can recompute every figure. --at REV reports from the
    ledgers as committed at a revision; --since REV adds what changed since then.
    """
    import datetime as dt

    from rectify.dates import month_end
    from rectify.ledger.files import atomic_write
    from rectify.ledger.yaml import encode
    from rectify.output.monthly import LedgerFile, Provenance, content_hash, monthly_report
    from rectify.output.words import month_label

    env = make_env(ctx, lang)
    chosen = _month(month, "--month")
    if dt.date(chosen[0], chosen[1], 1) > env.today:
        raise UsageError("report.not_begun", month=month_label(chosen), today=env.today.isoformat())
    as_of = min(month_end(*chosen), env.today)
    loaded = _load(env, paths, as_of, at)
    files = [
        LedgerFile(item.ledger, _shown(item.path), content_hash(encode(item.doc, item.doc.text)))
        for item in loaded
    ]
    words = ["rectify", "report", "--month", month_label(chosen)]
    commit: str | None
    if at is not None:
        from rectify.io.git import find_revision

        commit, modified = find_revision(at, env.paths(paths), env.today).short, False
        words += ["--at", at]
    else:
        from rectify.io.git import git_commit

        commit, modified = git_commit([item.path for item in loaded])
    extra: list[str] = []
    if since is not None:
        from rectify.io.history import diff_since
        from rectify.output.changes import changes_markdown

        found = diff_since(since, env.paths(paths), as_of=as_of, today=env.today)
        label = found.revision.label(env.lang)
        extra.append(changes_markdown(found.changes, env.lang, since=label, level=2))
        words += ["--since", since]
    command = _command(words, env, paths)
    provenance = Provenance(commit=commit, modified=modified, command=command)
    text = monthly_report(
        files,
        chosen,
        as_of,
        env.lang,
        provenance=provenance,
        due_soon_days=env.config.due_soon_days,
        margin=env.config.pace_margin,
        extra=extra,
    )
    if output is None:
        out(text, nl=False)
    else:
        atomic_write(output, text.encode("utf-8"))
        out(_t("report.written", env, path=output))


def _shown(path: Path) -> str:
    """A path as the report shows it: relative to the current folder where it can be."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _command(words: list[str], env: Env, paths: list[Path] | None) -> str:
    import shlex

    return shlex.join([*words, "--lang", env.lang, *(p.as_posix() for p in paths or [])])


def _note(key: str, env: Env, **params: object) -> None:
    typer.echo(_t(key, env, **params), err=True)


def _t(key: str, env: Env, **params: object) -> str:
    from rectify.i18n import t

    return t(key, env.lang, **params)
