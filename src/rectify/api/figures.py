"""The figures from Python: status on a date, the monthly progress table, the monthly report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectify.api.project import PathsGiven, Project, shown
from rectify.errors import UsageError
from rectify.figures.facts import Fact
from rectify.figures.months import Month, MonthRow
from rectify.figures.tally import GroupBy
from rectify.figures.view import StatusView
from rectify.i18n import Lang

if TYPE_CHECKING:
    from rectify.figures.months import Known
    from rectify.figures.state import Item
    from rectify.ledger.load import LoadedLedger
    from rectify.output.blocks import Document

#: A sentence for the person, beside the result: a catalogue key and its values.
Note = tuple[str, dict[str, object]]


def day_of(
    project: Project, paths: PathsGiven, as_of: dt.date | None, at: str | None = None
) -> dt.date:
    """The as-of date: as given, else the day of the commit ``at``, else today."""
    if as_of is not None:
        return as_of
    if at is not None:
        from rectify.io.git import find_revision

        if project.manifest(paths) is not None:
            raise UsageError("rollup.no_at")
        return find_revision(at, project.paths(paths), project.today).day
    return project.today


def status(
    project: Project,
    paths: PathsGiven = None,
    *,
    as_of: dt.date | None = None,
    by: GroupBy = "unit",
    at: str | None = None,
) -> StatusView:
    """How far rectification has come on a date: counts, rates, groups and warnings.

    Every ledger under ``paths`` is rolled up (a problem carried over counts
    once); ``at`` takes the ledgers as committed at a git revision.
    """
    from rectify.figures.view import status_view

    day = day_of(project, paths, as_of, at)
    days = project.config.due_soon_days
    return status_view(facts(project, paths, day, at=at), day, by, due_soon_days=days)


def facts(
    project: Project, paths: PathsGiven, as_of: dt.date, *, at: str | None = None
) -> list[Fact]:
    """The facts of every issue in scope on a date: kept by the parse cache when it can."""
    from rectify.figures.facts import FactRows

    days, margin = project.config.due_soon_days, project.config.pace_margin
    manifest = project.manifest(paths)
    if manifest is not None and at is None:
        from rectify.api.rollup import rollup_facts

        return rollup_facts(project, manifest, as_of, FactRows(days, Fraction(margin)))
    if at is not None:
        from rectify.figures.facts import facts_of
        from rectify.figures.state import items

        ledgers = (loaded.ledger for loaded in project.load(paths, as_of, at=at))
        return facts_of(items(ledgers), as_of, due_soon_days=days, margin=margin)
    from rectify.ledger.load import load_derived

    rows = FactRows(days, Fraction(margin))
    return load_derived(project.files(paths), rows, as_of=as_of, cache=project.cache)


@dataclass(frozen=True)
class Progress:
    """The monthly progress table, and what the person should know about its range."""

    rows: list[MonthRow]
    as_of: dt.date
    notes: list[Note] = field(default_factory=list)


def progress(
    project: Project,
    paths: PathsGiven = None,
    *,
    as_of: dt.date | None = None,
    start: Month | None = None,
    end: Month | None = None,
) -> Progress:
    """One row per month end from ``start`` (default: the first assignment) to ``end``.

    Each month is figured as of its last day from the dated history; the
    current month shows the figures so far.
    """
    from rectify.figures.months import first_month, progress_rows
    from rectify.figures.state import items

    day = as_of or project.today
    kept = _kept_progress(project, paths, day, start, end)
    if kept is not None:
        return kept
    loaded = project.load(paths, day)
    pool = items(item.ledger for item in loaded)
    origin = first_month(pool)
    first, last, notes = _progress_range(origin, day, start, end)
    days = project.config.due_soon_days
    hashes = ledger_hashes(loaded)
    rows = kept_rows(
        project,
        hashes,
        lambda known: progress_rows(pool, first, last, day, due_soon_days=days, known=known),
    )
    if project.caching:
        from rectify.ledger import cache

        key = {"ledgers": hashes, "due_soon_days": days}
        if cache.lookup_value("first-month", key) != [origin]:
            cache.store_value("first-month", key, [origin])
    return Progress(rows, day, notes)


def _progress_range(
    origin: Month | None, day: dt.date, start: Month | None, end: Month | None
) -> tuple[Month, Month, list[Note]]:
    """The months `progress` shows when the first assignment falls in ``origin``, and what
    the person should know of them; a UsageError for a range it cannot show."""
    from rectify.figures.months import MAX_MONTHS, month_of, months_between, range_from
    from rectify.output.words import month_label

    first, last, capped = range_from(origin, day, end=end)
    if start is not None:
        first, capped = start, False
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
    notes: list[Note] = []
    if capped:
        notes.append(("progress.capped", {"limit": MAX_MONTHS}))
    if last > current:
        notes.append(("progress.cut", {"month": month_label(current)}))
    return first, last, notes


def _kept_progress(
    project: Project, paths: PathsGiven, day: dt.date, start: Month | None, end: Month | None
) -> Progress | None:
    """`progress` from the rows kept for the ledgers' bytes, without reading the ledgers, when
    every row it shows is kept (only bytes once read and checked cleanly have rows); None
    otherwise."""
    from rectify.figures.months import progress_days, progress_rows, row_from_json
    from rectify.ledger import cache
    from rectify.ledger.files import read_bytes
    from rectify.output.monthly import content_hash

    if not project.caching or project.manifest(paths) is not None:
        return None
    hashes = [content_hash(read_bytes(path)) for path in project.files(paths)]
    key = {"ledgers": hashes, "due_soon_days": project.config.due_soon_days}
    origin = cache.lookup_value("first-month", key)
    stored = cache.lookup_value("months", key)
    if not isinstance(origin, list) or len(origin) != 1 or not isinstance(stored, dict):
        return None
    try:
        first_of = None if origin[0] is None else (int(origin[0][0]), int(origin[0][1]))
        first, last, notes = _progress_range(first_of, day, start, end)
        wanted = progress_days(first, last, day)
        known = {row.as_of: row for row in (row_from_json(stored[d.isoformat()]) for d in wanted)}
    except (KeyError, ValueError, TypeError, IndexError):
        return None
    if set(known) != set(wanted):
        return None
    return Progress(progress_rows([], first, last, day, known=known), day, notes)


def ledger_hashes(loaded: Iterable[LoadedLedger]) -> list[str]:
    """The content hash of each ledger's bytes, in order: what `kept_rows` keeps rows for."""
    from rectify.ledger.yaml import encode
    from rectify.output.monthly import content_hash

    return [content_hash(encode(item.doc, item.doc.text)) for item in loaded]


def kept_rows(
    project: Project, hashes: Sequence[str], work: Callable[[Known], list[MonthRow]]
) -> list[MonthRow]:
    """``work(known)``: month rows, with those of the same ledgers' bytes kept in the cache.

    A month's row on a date depends only on the ledgers' bytes (``hashes``, in
    order) and the due-soon window: rows already worked out for them are handed
    to ``work`` as ``known``, and the rows it works out are kept for next time.
    For bytes never seen, the rows of the bytes before a one-issue change
    (`keep_rows_across`) on the days that change left alone are known too.
    """
    from rectify.figures.months import row_from_json, row_json
    from rectify.ledger import cache

    if not project.caching:
        return work({})
    days = project.config.due_soon_days
    key = {"ledgers": list(hashes), "due_soon_days": days}
    stored = cache.lookup_value("months", key)
    if not isinstance(stored, dict):
        stored = _rows_before_changes(list(hashes), days)
    known: dict[dt.date, MonthRow] = {}
    try:
        for day, data in stored.items():
            row = row_from_json(data)
            if row.as_of.isoformat() != day:
                raise ValueError(day)
            known[row.as_of] = row
    except Exception:  # rows not as written are only ignored
        known, stored = {}, {}
    rows = work(known)
    new = {row.as_of.isoformat(): row_json(row) for row in rows if row.as_of not in known}
    if new or len(known) != len(stored):
        cache.store_value("months", key, {**stored, **new})
    return rows


#: How many one-issue changes back `kept_rows` looks for rows of a ledger's earlier bytes.
CHANGES_FOLLOWED = 8


def _rows_before_changes(hashes: list[str], due_soon_days: int) -> dict[str, Any]:
    """The kept rows of the same ledgers before one of them had one-issue changes, on the
    days those changes left alone; empty when there are none."""
    from rectify.ledger import cache

    for index, digest in enumerate(hashes):
        days: set[str] | None = None
        for _ in range(CHANGES_FOLLOWED):
            change = {"ledger": digest, "due_soon_days": due_soon_days}
            step = cache.lookup_value("months-change", change)
            if not isinstance(step, dict) or not isinstance(step.get("from"), str):
                break
            digest = step["from"]
            left = {day for day in step.get("days", ()) if isinstance(day, str)}
            days = left if days is None else days & left
            earlier = [*hashes[:index], digest, *hashes[index + 1 :]]
            key = {"ledgers": earlier, "due_soon_days": due_soon_days}
            stored = cache.lookup_value("months", key)
            if isinstance(stored, dict):
                return {day: row for day, row in stored.items() if day in days}
    return {}


def keep_rows_across(project: Project, old: bytes, new: bytes, before: Item, after: Item) -> None:
    """Note that a ledger's bytes ``old`` became ``new`` by one issue changing from
    ``before`` to ``after``: the next `kept_rows` of the new bytes takes the rows of the
    old ones on every day the change left alone (figures.months.rows_kept_across)."""
    from rectify.figures.months import rows_kept_across
    from rectify.ledger import cache
    from rectify.output.monthly import content_hash

    if not project.caching or old == new:
        return
    days = project.config.due_soon_days
    same = rows_kept_across(before, after, project.today, due_soon_days=days)
    cache.store_value(
        "months-change",
        {"ledger": content_hash(new), "due_soon_days": days},
        {"from": content_hash(old), "days": [day.isoformat() for day in same]},
    )


def monthly_report(
    project: Project,
    paths: PathsGiven = None,
    *,
    month: Month,
    lang: Lang = "zh",
    at: str | None = None,
    since: str | None = None,
) -> str:
    """The monthly report (月报告) in Markdown, with the provenance that recomputes it.

    Figures as of the month's last day (or today, while the month runs); the
    footer names each ledger's content hash, the git commit and the command
    that gives the same report again. ``at`` reports from the ledgers as
    committed at a revision; ``since`` adds what changed since a revision.
    """
    from rectify.output.blocks import to_markdown

    return to_markdown(report_document(project, paths, month=month, lang=lang, at=at, since=since))


def report_document(
    project: Project,
    paths: PathsGiven = None,
    *,
    month: Month,
    lang: Lang = "zh",
    at: str | None = None,
    since: str | None = None,
) -> Document:
    """The monthly report as a Document, to write as Markdown, Word or PDF (api.write_document).

    The same report as monthly_report, block by block.
    """
    import shlex

    from rectify.dates import month_end
    from rectify.ledger.yaml import encode
    from rectify.output.monthly import LedgerFile, Provenance, content_hash, in_scope, month_table
    from rectify.output.monthly import report_document as build_report
    from rectify.output.words import month_label

    if dt.date(month[0], month[1], 1) > project.today:
        raise UsageError(
            "report.not_begun", month=month_label(month), today=project.today.isoformat()
        )
    as_of = min(month_end(*month), project.today)
    loaded = project.load(paths, as_of, at=at)
    files = [
        LedgerFile(
            item.ledger, shown(item.path).as_posix(), content_hash(encode(item.doc, item.doc.text))
        )
        for item in loaded
    ]
    words = ["rectify", "report", "--month", month_label(month)]
    commit: str | None
    sources: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    if project.read:
        from rectify.api.rollup import missing_lines, sources_of

        commit, modified, sources = None, False, tuple(sources_of(project))
        missing = tuple(missing_lines(project, lang))
    elif at is not None:
        from rectify.io.git import find_revision

        commit, modified = find_revision(at, project.paths(paths), project.today).short, False
        words += ["--at", at]
    else:
        from rectify.io.git import git_commit

        commit, modified = git_commit([item.path for item in loaded])
    extra: list[str] = []
    if since is not None and project.read:
        raise UsageError("rollup.no_at")
    if since is not None:
        from rectify.io.history import diff_since
        from rectify.output.changes import changes_markdown

        found = diff_since(since, project.paths(paths), as_of=as_of, today=project.today)
        label = found.revision.label(lang)
        extra.append(changes_markdown(found.changes, lang, since=label, level=2))
        words += ["--since", since]
    words += ["--lang", lang, *(Path(p).as_posix() for p in paths or [])]
    return build_report(
        files,
        month,
        as_of,
        lang,
        provenance=Provenance(
            commit=commit,
            modified=modified,
            command=shlex.join(words),
            sources=sources,
            missing=missing,
        ),
        due_soon_days=project.config.due_soon_days,
        margin=project.config.pace_margin,
        extra=extra,
        rows=kept_rows(
            project,
            [item.sha256 for item in in_scope(files, as_of)],
            lambda known: month_table(
                files, month, as_of, due_soon_days=project.config.due_soon_days, known=known
            ),
        ),
    )
