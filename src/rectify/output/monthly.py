"""The monthly report (月报告) as Markdown: headline, tables, warnings, trend, provenance.

Pure: issues and figures in, text out. No I/O, no clock and no Rich. User text
(titles, unit names, notes, paths) is escaped by rectify.text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from rectify.dates import month_end
from rectify.figures.facts import (
    Fact,
    audit_figures,
    from_assessment,
    groups_of,
    review_figures,
)
from rectify.figures.months import (
    MAX_MONTHS,
    Known,
    Month,
    MonthRow,
    _previous,
    first_month,
    in_month,
    is_month_end,
    months_back,
    progress_rows,
)
from rectify.figures.state import (
    DUE_SOON_DAYS,
    IssueState,
    Item,
    Outcome,
    days_overdue,
    dedupe_carried,
    exists_on,
    items,
    outcome_on,
)
from rectify.figures.tally import Figures, Group, GroupBy, figures, steps_between, tally
from rectify.figures.view import WarningCounts, count_levels, status_view, tree_order
from rectify.figures.warnings import (
    PACE_MARGIN,
    Assessment,
    WarningLevel,
    assess,
    level_label,
    level_meaning,
)
from rectify.i18n import Lang, t
from rectify.model import Issue, Ledger, Step, Track
from rectify.numbers import NO_VALUE, format_completion, format_percent, format_points
from rectify.output.blocks import (
    Block,
    Chart,
    Document,
    Heading,
    Para,
    Raw,
    Table,
    para,
    table,
    text_para,
    to_markdown,
)
from rectify.output.markdown import mermaid_chart
from rectify.output.supervision import chase_blocks, vote_blocks
from rectify.output.words import (
    PROGRESS_COLUMNS,
    STATUS_COLUMNS,
    Row,
    _count,
    audit_words,
    format_margin,
    heading_number,
    legend,
    long_date,
    long_month,
    month_label,
    progress_cells,
    progress_headers,
    ratio,
    status_cells,
    status_headers,
    status_rows,
)
from rectify.text import md_escape, plain

SHORT_HASH = 12
AGEING: tuple[tuple[int, int | None], ...] = ((1, 30), (31, 60), (61, 90), (91, None))


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex, as the report's footer names a ledger."""
    return hashlib.sha256(data).hexdigest()


# --- the monthly report --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LedgerFile:
    """A ledger as the report's footer names it: the file it was read from and its content hash."""

    ledger: Ledger
    path: str  # as the reader should see it, relative where possible
    sha256: str  # hex digest of the file's bytes (see content_hash)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the figures come from, beyond the files: the git commit and the command to rerun."""

    commit: str | None = None  # short commit id of the ledgers' repository, None outside git
    modified: bool = False  # the ledgers have uncommitted changes since that commit
    command: str | None = None  # the command line that recomputes the report
    # a roll-up manifest's sources: (name, short commit; "-" for files on disk), docs/rollup.md
    sources: tuple[tuple[str, str], ...] = ()
    # the sources a roll-up could not read, each a sentence saying which and why: the
    # figures leave them out, and the report says so under its scope
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Context:
    pool: list[Item]
    month: Month
    as_of: dt.date
    lang: Lang
    due_soon_days: int
    figures: Figures
    entries: list[tuple[Item, IssueState]]  # each issue rolled up, with its state on as_of
    margin: int | Fraction
    warnings: list[Assessment]  # each issue rolled up, with its warning on as_of
    facts: list[Fact]  # the same, as the status figures read them

    @property
    def counts(self) -> WarningCounts:
        """The warning counts of the whole roll-up."""
        return count_levels(entry.level for entry in self.warnings)


def _context(
    pool: list[Item], month: Month, as_of: dt.date, lang: Lang, days: int, margin: int | Fraction
) -> _Context:
    chosen = dedupe_carried(pool, as_of)
    warnings = [assess(item, as_of, due_soon_days=days, margin=margin) for item in chosen]
    entries = [(entry.item, entry.state) for entry in warnings]
    figs = tally((state for _, state in entries), as_of, due_soon_days=days)
    found = [from_assessment(entry) for entry in warnings]
    return _Context(pool, month, as_of, lang, days, figs, entries, margin, warnings, found)


def _overview(ctx: _Context, rows: Sequence[MonthRow]) -> list[Block]:
    lang, figs = ctx.lang, ctx.figures
    date = long_date(ctx.as_of, lang)
    if figs.total == 0:
        return [text_para(t("report.empty", lang, date=date))]
    before = _previous(ctx.month)
    # last month's end as the month table has it (the same pool, the same day), else figured
    kept = [r for r in rows if (r.year, r.month) == before and is_month_end(r)]
    previous = kept[0].figures if kept else None
    if previous is None:
        previous = figures(ctx.pool, month_end(*before), due_soon_days=ctx.due_soon_days)
    change = ""
    if figs.rectified_rate is not None and previous.rectified_rate is not None:
        delta = (figs.rectified_rate - previous.rectified_rate) * 100
        points = format_points(abs(delta))
        if points == "0.0":
            change = t("report.p.flat", lang)
        else:
            change = t("report.p.up" if delta > 0 else "report.p.down", lang, points=points)
    sentences = [
        t(
            "report.p.head",
            lang,
            date=date,
            total=figs.total,
            problems=_count("fig.h.total", figs.total, lang),
            rectified=figs.rectified,
            rate=format_percent(figs.rectified_rate),
            change=change,
        )
    ]
    if figs.dismissed:
        sentences.append(
            t("report.p.dismissed", lang, dismissed=figs.dismissed, counted=figs.counted)
        )
    sentences.append(
        t("report.p.closed", lang, closed=figs.closed, rate=format_percent(figs.closed_rate))
    )
    first = _join_sentences(sentences, lang)
    this_month = rows[-1] if rows else None
    month_sentences = []
    if this_month is not None and this_month.assigned_in_month:
        month_sentences.append(t("report.p.assigned", lang, count=this_month.assigned_in_month))
    month_sentences.append(
        t(
            "report.p.month",
            lang,
            rectified=this_month.rectified_in_month if this_month else 0,
            closed=len(_closedin_month(ctx)),
        )
    )
    pending = figs.counted - figs.rectified
    if pending:
        month_sentences.append(
            t(
                "report.p.pending",
                lang,
                pending=pending,
                in_progress=figs.in_progress,
                open=figs.open,
                overdue=figs.overdue,
                due_soon=figs.due_soon,
                days=ctx.due_soon_days,
            )
        )
        month_sentences.append(t("report.p.warnings", lang, **ctx.counts.as_dict()))
    elif figs.counted:
        month_sentences.append(t("report.p.all_done", lang))
    month_sentences.append(
        t(
            "report.p.quality",
            lang,
            mean=format_completion(figs.mean_completion),
            on_time=figs.on_time,
            on_time_rate=format_percent(figs.on_time_rate),
            extensions=figs.extensions,
        )
    )
    review = _review(ctx)
    if review:
        month_sentences.append(review)
    audit = audit_words(audit_figures(ctx.facts), lang, "report.p.audit")
    if audit:
        month_sentences.append(audit)
    return [text_para(first), text_para(_join_sentences(month_sentences, lang))]


def _review(ctx: _Context) -> str | None:
    """The sign-off review: its steps in the month and where it stood at the month's end (what
    is 0 is left out); None when no issue had a step by then."""
    lang = ctx.lang
    review = review_figures(ctx.facts)
    first = dt.date(ctx.month[0], ctx.month[1], 1)
    steps = steps_between((item.issue for item, _ in ctx.entries), first, ctx.as_of)
    if not (review.any or any(steps.values())):
        return None
    sep = t("report.p.review.sep", lang)
    taken = {
        "applied": steps[Step.APPLIED],
        "returned_in_month": steps[Step.RETURNED],
        "approved_in_month": steps[Step.APPROVED],
    }
    parts = []
    if any(taken.values()):
        done = sep.join(t(f"report.p.review.{k}", lang, n=n) for k, n in taken.items() if n)
        parts.append(t("report.p.review.month", lang, steps=done))
    if review.pending or review.returned:
        waiting = {"pending": review.pending, "returned": review.returned}
        said = sep.join(t(f"report.p.review.{k}", lang, n=n) for k, n in waiting.items() if n)
        if ctx.as_of == month_end(*ctx.month):
            parts.append(t("report.p.review.end", lang, states=said))
        else:  # the month is still running: where it stands today
            day = long_date(ctx.as_of, lang)
            parts.append(t("report.p.review.so_far", lang, date=day, states=said))
    if not parts:
        return None
    return t("report.p.review", lang, parts=t("report.p.review.sep_long", lang).join(parts))


def _join_sentences(sentences: Sequence[str], lang: Lang) -> str:
    return ("" if lang == "zh" else " ").join(sentences)


def _closedin_month(ctx: _Context) -> list[Item]:
    return [
        item
        for item, state in ctx.entries
        if state.closed and in_month(outcome_on(item.issue, ctx.as_of).closed_on, ctx.month)
    ]


def _donein_month(ctx: _Context) -> list[Block]:
    """The problems rectified or signed off in the month, as the record stood at its end."""
    lang = ctx.lang
    done: list[tuple[Issue, Outcome]] = []
    for item, state in ctx.entries:
        outcome = outcome_on(item.issue, ctx.as_of)
        rectified_now = state.rectified and in_month(outcome.rectified_on, ctx.month)
        closed_now = state.closed and in_month(outcome.closed_on, ctx.month)
        if rectified_now or closed_now:
            done.append((item.issue, outcome if state.closed else replace(outcome, closed_on=None)))
    if not done:
        return [text_para(t("report.done.none", lang))]
    done.sort(key=lambda pair: (pair[1].rectified_on or dt.date.min, pair[0].id))
    headers = [
        t(f"report.col.{name}", lang)
        for name in ("id", "title", "unit", "rectified_on", "closed_on")
    ]
    body = [
        [
            issue.id,
            issue.title,
            issue.lead_unit,
            outcome.rectified_on.isoformat() if outcome.rectified_on else NO_VALUE,
            outcome.closed_on.isoformat() if outcome.closed_on else NO_VALUE,
        ]
        for issue, outcome in done
    ]
    return [table(headers, body, [False] * 5)]


def _lateness(days: int, lang: Lang) -> str:
    if days > 0:
        return t("report.days_overdue", lang, days=days)
    if days == 0:
        return t("report.due_today", lang)
    return t("report.days_left", lang, days=-days)


def level_words(level: WarningLevel, lang: Lang) -> str:
    """A warning level with what it means, for a table cell: 红 逾期 / red overdue."""
    return f"{level_label(level, lang)} {level_meaning(level, lang)}"


def _late(ctx: _Context) -> list[Block]:
    """Every problem with a warning: red (overdue), yellow (behind pace), blue (due soon)."""
    lang = ctx.lang
    rules = t("report.late.rules", lang, days=ctx.due_soon_days, margin=format_margin(ctx.margin))
    late = [entry for entry in ctx.warnings if entry.level is not WarningLevel.NONE]
    if not late:
        return [text_para(t("report.late.none", lang, days=ctx.due_soon_days)), text_para(rules)]
    # red first, most overdue first; then yellow and blue, the nearest deadline first
    late.sort(key=lambda e: (e.level.rank, e.state.deadline, e.item.ledger_id, e.item.issue.id))
    columns = ("level", "id", "title", "unit", "deadline", "lateness", "completion", "expected")
    headers = [t(f"report.col.{name}", lang) for name in (*columns, "extensions")]
    body = [
        [
            level_words(entry.level, lang),
            entry.item.issue.id,
            entry.item.issue.title,
            entry.item.issue.lead_unit,
            entry.state.deadline.isoformat(),
            _lateness((ctx.as_of - entry.state.deadline).days, lang),
            format_completion(entry.state.completion),
            format_completion(entry.expected) if entry.expected is not None else NO_VALUE,
            str(entry.state.extensions),
        ]
        for entry in late
    ]
    counts = text_para(t("report.late.counts", lang, **ctx.counts.as_dict()))
    return [counts, table(headers, body, [False] * 6 + [True, True, True]), text_para(rules)]


def latest_progress(issue: Issue, as_of: dt.date) -> tuple[dt.date, str | None] | None:
    """The last progress report dated on or before as_of: its date and note."""
    reported = [entry for entry in issue.progress if entry.date <= as_of]
    return (reported[-1].date, reported[-1].note) if reported else None


def _long_term(ctx: _Context) -> list[Block]:
    lang = ctx.lang
    chosen = [
        (item, state)
        for item, state in ctx.entries
        if item.issue.track is Track.LONG_TERM and state.counted and not state.rectified
    ]
    if not chosen:
        return [text_para(t("report.long_term.none", lang))]
    headers = [
        t(f"report.col.{name}", lang)
        for name in ("id", "title", "unit", "completion", "latest", "planned")
    ]
    body = []
    for item, state in chosen:
        issue = item.issue
        latest = latest_progress(issue, ctx.as_of)
        if latest is None:
            note = t("report.no_progress", lang)
        else:
            day, text = latest
            note = day.isoformat() + (" " + text if text else "")
        if issue.planned_on is not None:
            planned = issue.planned_on.isoformat()
        else:
            planned = t("report.deadline_in_force", lang, date=state.deadline.isoformat())
        body.append(
            [
                issue.id,
                issue.title,
                issue.lead_unit,
                format_completion(state.completion),
                note,
                planned,
            ]
        )
    return [table(headers, body, [False, False, False, True, False, False])]


def ageing(days: Iterable[int]) -> list[int]:
    """How many of the given days-overdue fall in each AGEING band (1–30, 31–60, 61–90, >90)."""
    counts = [0] * len(AGEING)
    for value in days:
        for index, (low, high) in enumerate(AGEING):
            if value >= low and (high is None or value <= high):
                counts[index] += 1
    return counts


def league(groups: Sequence[Group]) -> list[tuple[int | None, Group]]:
    """Lead units ranked by rectified rate, highest first; equal rates share a rank.

    Units with nothing counted come last, without a rank.
    """
    ranked = sorted(
        groups,
        key=lambda group: (
            group.figures.rectified_rate is None,
            -(group.figures.rectified_rate or 0),
            group.figures.overdue,
            -group.figures.counted,
            group.key,
        ),
    )
    placed: list[tuple[int | None, Group]] = []
    for position, group in enumerate(ranked, start=1):
        value = group.figures.rectified_rate
        if value is None:
            placed.append((None, group))
        elif placed and placed[-1][1].figures.rectified_rate == value:
            placed.append((placed[-1][0], group))
        else:
            placed.append((position, group))
    return placed


def _league(ctx: _Context, units: Sequence[Group]) -> list[Block]:
    lang = ctx.lang
    overdue_days: dict[str, list[int]] = {}
    for item, state in ctx.entries:
        if state.overdue:
            overdue_days.setdefault(item.issue.lead_unit, []).append(days_overdue(item, ctx.as_of))
    age_headers = [
        t("report.col.age", lang, low=low, high=high)
        if high is not None
        else t("report.col.age_over", lang, days=low - 1)
        for low, high in AGEING
    ]
    headers = [
        t(f"report.col.{name}", lang)
        for name in ("rank", "unit", "counted", "rectified", "overdue")
    ]
    headers.insert(4, t("fig.col.rectified_rate", lang))
    headers += age_headers
    body = []
    for rank, group in league(units):
        figs = group.figures
        body.append(
            [
                str(rank) if rank is not None else NO_VALUE,
                group.key,
                str(figs.counted),
                str(figs.rectified),
                ratio(figs.rectified, figs.counted),
                str(figs.overdue),
                *(str(count) for count in ageing(overdue_days.get(group.key, []))),
            ]
        )
    ranked = table(headers, body, [True, False] + [True] * (len(headers) - 2))
    return [ranked, text_para(t("report.league.note", lang))]


def in_scope(files: Sequence[LedgerFile], as_of: dt.date) -> list[LedgerFile]:
    """The ledgers a report on a date covers: those handed down by then, or holding a problem
    of their own (not carried in) by then. Next year's ledger, made by a later carry-over,
    is no part of an earlier month's report (nor its footer)."""

    def covered(book: Ledger) -> bool:
        started = book.ledger.assigned_on
        return (started is None or started <= as_of) or any(
            issue.carried_from is None and exists_on(Item(book, issue), as_of)
            for issue in book.issues
        )

    return [f for f in files if covered(f.ledger)] or list(files)


def _scope(files: Sequence[LedgerFile], lang: Lang) -> Para:
    if not files:  # a roll-up none of whose sources could be read
        return para("report.scope.none", lang)
    heads = [f.ledger.ledger for f in files]
    names = [
        para(
            "report.scope.name",
            lang,
            user={"title": heads[index].title, "id": heads[index].id},
        )
        for _, index in tree_order([(head.id, head.parent) for head in heads])
    ]
    sep = t("report.scope.sep", lang)
    joined = (sep.join(name.text for name in names), sep.join(name.md for name in names))
    return para("report.scope", lang, user={"names": joined})


def _missing(provenance: Provenance, lang: Lang) -> list[Block]:
    """A roll-up's sources left out of the figures, said where every reader sees it."""
    if not provenance.missing:
        return []
    head = t("report.missing", lang, count=len(provenance.missing))
    return [text_para(head), *(text_para(line) for line in provenance.missing)]


def _sources(files: Sequence[LedgerFile], provenance: Provenance, lang: Lang) -> list[Block]:
    headers = [t(f"report.col.{name}", lang) for name in ("ledger", "ledger_title", "file", "hash")]
    body = [
        [f.ledger.ledger.id, f.ledger.ledger.title, f.path, f.sha256[:SHORT_HASH]] for f in files
    ]
    blocks: list[Block] = [table(headers, body, [False] * 4, code=[3])]
    if provenance.commit:
        key = "report.commit.modified" if provenance.modified else "report.commit"
        commit = plain(provenance.commit)
        blocks.append(para(key, lang, user={"commit": (commit, f"`{md_escape(commit)}`")}))
    for name, short in provenance.sources:
        user: dict[str, str | tuple[str, str]] = {
            "name": plain(name),
            "commit": (plain(short), f"`{md_escape(plain(short))}`"),
        }
        blocks.append(para("report.source_commit", lang, user=user))
    blocks += _missing(provenance, lang)
    if provenance.command:
        command = plain(provenance.command)
        shown = f"`{command}`" if "`" not in command else md_escape(command)
        blocks.append(para("report.rerun", lang, user={"command": (command, shown)}))
    blocks.append(text_para(t("report.generated", lang)))
    return blocks


def monthly_report(
    files: Sequence[LedgerFile],
    month: Month,
    as_of: dt.date,
    lang: Lang,
    *,
    provenance: Provenance | None = None,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
    extra: Sequence[str] = (),
) -> str:
    """The monthly report (月报告) in Markdown, as an office would write it.

    The arguments are those of report_document.
    """
    return to_markdown(
        report_document(
            files,
            month,
            as_of,
            lang,
            provenance=provenance,
            due_soon_days=due_soon_days,
            margin=margin,
            extra=extra,
        )
    )


def report_document(
    files: Sequence[LedgerFile],
    month: Month,
    as_of: dt.date,
    lang: Lang,
    *,
    provenance: Provenance | None = None,
    due_soon_days: int = DUE_SOON_DAYS,
    margin: int | Fraction = PACE_MARGIN,
    extra: Sequence[str] = (),
    rows: Sequence[MonthRow] | None = None,
) -> Document:
    """The monthly report (月报告) as a Document, for Markdown and for Word.

    Args:
        files: the ledgers, with the paths and content hashes the footer names.
        month: the month reported on.
        as_of: the day the figures are for: the month's last day, or a day within
            the month when it has not ended yet.
        lang: the language of the report.
        provenance: git commit and the command to rerun, for the footer.
        due_soon_days: the due-soon window in days.
        margin: points below the pace line before a problem turns yellow.
        extra: whole Markdown sections (with their own headings) placed before the
            sources, such as what changed since the last report (``--since``); only
            the Markdown shows them.
        rows: the month-by-month table when the caller has it (`month_table` of the same
            files, month and date, as the parse cache keeps it); worked out when None.
    """
    if not (dt.date(month[0], month[1], 1) <= as_of <= month_end(*month)):
        raise ValueError(f"as_of {as_of} is not within {month_label(month)}")
    files = in_scope(files, as_of)
    pool = items(f.ledger for f in files)
    ctx = _context(pool, month, as_of, lang, due_soon_days, margin)
    if rows is None:
        rows = _month_table(pool, month, as_of, due_soon_days, None)
    blocks: list[Block] = [
        Heading(1, t("report.title", lang, month=long_month(month, lang))),
        _scope(files, lang),
        *_missing(provenance or Provenance(), lang),
    ]
    if as_of != month_end(*month):
        blocks.append(text_para(t("report.to_date", lang, date=long_date(as_of, lang))))
    sections: list[tuple[str, list[Block]]] = [(t("report.overview", lang), _overview(ctx, rows))]
    if ctx.figures.total:
        sections += _detail_sections(ctx, files, rows)
    for index, (title, body) in enumerate(sections, start=1):
        blocks += [Heading(2, f"{heading_number(index, lang)}{title}"), *body]
    blocks += [Raw(section) for section in extra]
    blocks += [Heading(2, t("report.sources", lang))]
    blocks += _sources(files, provenance or Provenance(), lang)
    return Document("report", lang, tuple(blocks))


def month_table(
    files: Sequence[LedgerFile],
    month: Month,
    as_of: dt.date,
    *,
    due_soon_days: int = DUE_SOON_DAYS,
    known: Known | None = None,
) -> list[MonthRow]:
    """The report's month-by-month rows: from the first assignment (two years at most) to
    ``month``, of the ledgers in scope on ``as_of``; ``known`` rows are not figured again."""
    pool = items(f.ledger for f in in_scope(files, as_of))
    return _month_table(pool, month, as_of, due_soon_days, known)


def _month_table(
    pool: list[Item], month: Month, as_of: dt.date, days: int, known: Known | None
) -> list[MonthRow]:
    start = max(min(first_month(pool) or month, month), months_back(month, MAX_MONTHS - 1))
    return progress_rows(pool, start, month, as_of, due_soon_days=days, known=known)


def status_table(rows: Sequence[Row], by: GroupBy, lang: Lang) -> Table:
    """The status figures of each group as a table block; the total row is strong."""
    body = [[row.label, *status_cells(row.figures, row.warnings)] for row in rows]
    strong = [index for index, row in enumerate(rows) if row.total]
    numeric = [False] + [True] * len(STATUS_COLUMNS)
    return table(status_headers(by, lang), body, numeric, strong=strong)


def progress_table(rows: Sequence[MonthRow], lang: Lang) -> Table:
    """The month-by-month figures as a table block."""
    body = [progress_cells(row, lang) for row in rows]
    return table(progress_headers(lang), body, [False] + [True] * (len(PROGRESS_COLUMNS) - 1))


def _detail_sections(
    ctx: _Context, files: Sequence[LedgerFile], rows: Sequence[MonthRow]
) -> list[tuple[str, list[Block]]]:
    lang, days = ctx.lang, ctx.due_soon_days

    def grouped(by: GroupBy) -> Table:
        view = status_view(ctx.facts, ctx.as_of, by, due_soon_days=days)
        rows = status_rows(
            view.groups, ctx.figures, by, lang, warnings=view.by_group, total_warnings=ctx.counts
        )
        return status_table(rows, by, lang)

    units = groups_of(ctx.facts, ctx.as_of, "unit", due_soon_days=days)
    note = text_para(legend(lang, due_soon_days=days, margin=ctx.margin), role="note")
    sections: list[tuple[str, list[Block]]] = [
        (t("report.by_track", lang), [grouped("track")]),
        (t("report.by_unit", lang), [grouped("unit"), note]),
    ]
    if len(files) > 1:
        sections.append((t("report.by_ledger", lang), [grouped("ledger")]))
    sections += [
        (t("report.done", lang), _donein_month(ctx)),
        (t("report.late", lang), _late(ctx)),
        (t("report.long_term", lang), _long_term(ctx)),
        (t("report.league", lang), _league(ctx, units)),
    ]
    chased = chase_blocks(ctx.warnings, ctx.month, ctx.as_of, lang)
    sections += [(t("report.chase.heading", lang), chased)] if chased else []
    votes = vote_blocks([f.ledger for f in files], ctx.as_of, lang)
    sections += [(t("report.vote.heading", lang), votes)] if votes else []
    chart = Chart(tuple(rows), mermaid_chart(rows, lang))
    sections.append((t("report.monthly", lang), [progress_table(rows, lang), chart]))
    return sections
