"""Every page of the site as text, from the figures the library worked out.

`render_site` takes a `SiteData` (built by rectify.api.site from the ledgers)
and returns {relative path: page text}. Every figure shown is one of the
library's: the status views of each month end (`figures.view.StatusView`, as
`rectify status` prints them), the month-by-month rows (`rectify progress`),
the chase list (`rectify due`) and each issue's assessment on the date; the
words and cells come from rectify.output.words, as the terminal shows them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Template

from rectify.figures.chase import UnitChase
from rectify.figures.months import Month, MonthRow, month_of
from rectify.figures.state import issue_as_of
from rectify.figures.tally import Figures, Group
from rectify.figures.view import StatusView, WarningCounts, ledger_tree
from rectify.figures.warnings import LEVELS, Assessment, WarningLevel, level_label, level_meaning
from rectify.i18n import Lang, label, t
from rectify.model import Issue, LedgerMeta, evidence_path
from rectify.numbers import format_completion, format_percent
from rectify.output.json import status_json
from rectify.output.timeline import timeline
from rectify.output.words import (
    days_text,
    headline,
    legend,
    long_date,
    month_label,
    progress_cells,
    progress_headers,
    ratio,
    status_cells,
    status_headers,
)

#: The lists to work from: (name, file) in the order the overview links them.
LISTS: tuple[str, ...] = ("overdue", "behind", "due_soon", "silent", "rectified", "all")
_LIST_LEVEL = {
    "overdue": WarningLevel.RED,
    "behind": WarningLevel.YELLOW,
    "due_soon": WarningLevel.BLUE,
}
CSS_NAME = "site.css"
PAGE_ROWS = 1000  # a longer list is split into pages: 10,000 rows take seconds to lay out
_MARK = "\x00"  # where a page's own parts go in its shell (no page text holds it)
_SHELL = (
    '{% extends "base.html" %}{% block title %}\x00{% endblock %}'
    "{% block main %}\x00{% endblock %}{% block script %}{% endblock %}"
)
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")


@dataclass(frozen=True)
class MonthView:
    """The status figures of one date: grouped by lead unit and by ledger (as `status`)."""

    as_of: dt.date
    units: StatusView
    ledgers: StatusView

    @property
    def month(self) -> Month:
        return month_of(self.as_of)

    @property
    def label(self) -> str:
        return month_label(self.month)


@dataclass(frozen=True)
class SiteData:
    """What the site shows: the figures of every month end, and the problems on the date.

    ``months`` runs oldest first and ends with the site's date (a month end or
    the month so far); ``rows`` are the month-by-month rows up to that date;
    ``assessed`` is every issue of the ledgers on the date (one page each),
    ``counted`` the keys of those the figures count (a carried problem once);
    ``rectified_in_month`` the keys rectified in the date's month.
    """

    day: dt.date
    ledgers: list[LedgerMeta]
    months: list[MonthView]
    rows: list[MonthRow]
    assessed: list[Assessment]
    counted: set[str]
    chase: list[UnitChase]
    rectified_in_month: set[str]
    due_soon_days: int
    margin: int
    version: str
    generated: dt.date
    command: str = ""

    @property
    def latest(self) -> MonthView:
        return self.months[-1]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=5).hexdigest()


def page_name(text: str) -> str:
    """A file name for a unit, ledger or issue: itself when plain ASCII, else a short hash."""
    if _SAFE_NAME.fullmatch(text) and text.upper() not in {"CON", "PRN", "AUX", "NUL"}:
        return text
    return "h" + _digest(text)


@dataclass
class Paths:
    """Where each page is, relative to the site's folder."""

    units: dict[str, str] = field(default_factory=dict)
    ledgers: dict[str, str] = field(default_factory=dict)
    issues: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # lower case: case-blind file systems

    def unit(self, name: str) -> str:
        found = self.units.get(name)
        if found is None:
            found = self.units[name] = self._free(f"unit/{page_name(name)}")
        return found

    def ledger(self, ident: str) -> str:
        found = self.ledgers.get(ident)
        if found is None:
            found = self.ledgers[ident] = self._free(f"ledger/{page_name(ident)}")
        return found

    def issue(self, ledger_id: str, ident: str) -> str:
        key = f"{ledger_id}/{ident}"
        found = self.issues.get(key)
        if found is None:
            stem = f"issue/{page_name(ledger_id)}/{page_name(ident)}"
            found = self.issues[key] = self._free(stem)
        return found

    def _free(self, stem: str) -> str:
        """stem.html, or stem-2.html... when two names fold to one file (case-blind systems)."""
        name, n = f"{stem}.html", 1
        while name.lower() in self.used:
            n += 1
            name = f"{stem}-{n}.html"
        self.used.add(name.lower())
        return name


def month_page(month: Month) -> str:
    return f"month/{month_label(month)}.html"


def list_page(name: str) -> str:
    return f"list/{name.replace('_', '-')}.html"


# --- what a template shows of a problem ---------------------------------------------------


@dataclass(frozen=True)
class ProblemRow:
    """One problem in a list: its words and where its page is."""

    entry: Assessment
    href: str
    lang: Lang

    @property
    def issue(self) -> Issue:
        return self.entry.item.issue

    @property
    def ledger_id(self) -> str:
        return self.entry.item.ledger_id

    @property
    def status(self) -> str:
        return label("status", self.entry.state.status.value, self.lang)

    @property
    def completion(self) -> str:
        return _completion(self.entry.state.completion)

    @property
    def deadline(self) -> str:
        return self.entry.state.deadline.isoformat()

    @property
    def days(self) -> str:
        return days_text(self.entry, self.lang) if self.entry.pending else ""

    @property
    def level(self) -> str:
        return self.entry.level.value

    @property
    def level_text(self) -> str:
        level = self.entry.level
        if level is WarningLevel.NONE:
            return ""
        return f"{level_label(level, self.lang)} {level_meaning(level, self.lang)}"

    @property
    def last_progress(self) -> str:
        day = self.entry.last_progress
        return day.isoformat() if day else "—"

    @property
    def silent(self) -> bool:
        return self.entry.silent


# --- the site -------------------------------------------------------------------------------


class Words(dict[str, str]):
    """The catalogue's sentences without values, each looked up once: ``w["site.overview"]``."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, key: str) -> str:
        found = self[key] = t(key, self.lang)
        return found


class Site:
    """The pages of one SiteData in one language."""

    def __init__(
        self, data: SiteData, lang: Lang, bytecode_cache: BytecodeCache | None = None
    ) -> None:
        from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

        self.data = data
        self.lang = lang
        self.paths = Paths()
        self.words = Words(lang)
        self._rows: dict[tuple[str, str], Markup] = {}
        self._shells: dict[str, tuple[str, str, str]] = {}
        self._lists: dict[str, list[Assessment]] = {}
        self.page_rows = PAGE_ROWS
        self.env = Environment(
            loader=PackageLoader("rectify.site", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # a template is read once: no stat per page
            bytecode_cache=bytecode_cache,  # the templates compiled by an earlier run
        )
        day = data.day.isoformat()
        self.env.globals.update(
            t=self.t,
            w=self.words,
            as_of_day=t("site.as_of", lang, date=long_date(data.day, lang)),
            state_prefix=t("site.issue.state", lang, date=long_date(data.day, lang)),
            footer=t(
                "site.footer",
                lang,
                version=data.version,
                date=day,
                generated=data.generated.isoformat(),
            ),
            lang=lang,
            data=data,
            paths=self.paths,
            ratio=ratio,
            percent=format_percent,
            completion=format_completion,
            level_label=lambda level: level_label(WarningLevel(level), lang),
            level_meaning=lambda level: level_meaning(WarningLevel(level), lang),
            levels=[level.value for level in LEVELS],
            list_page=list_page,
            month_page=month_page,
            lists=LISTS,
            long_date=lambda day: long_date(day, lang),
            label=lambda kind, value: label(kind, value, lang),
        )
        for meta in data.ledgers:
            self.paths.ledger(meta.id)

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    # --- what several pages share ---

    @cached_property
    def counted(self) -> list[Assessment]:
        """The problems the figures count on the date (a carried problem once), in file order."""
        return [e for e in self.data.assessed if e.item.key in self.data.counted]

    @cached_property
    def by_unit(self) -> dict[str, list[Assessment]]:
        found: dict[str, list[Assessment]] = {}
        for entry in self.counted:
            if entry.state.exists:
                found.setdefault(entry.item.issue.lead_unit, []).append(entry)
        return found

    @cached_property
    def by_ledger(self) -> dict[str, list[Assessment]]:
        found: dict[str, list[Assessment]] = {}
        for entry in self.data.assessed:
            found.setdefault(entry.item.ledger_id, []).append(entry)
        return found

    @cached_property
    def metas(self) -> dict[str, LedgerMeta]:
        return {meta.id: meta for meta in self.data.ledgers}

    def rows(self, entries: Iterable[Assessment], root: str) -> list[Markup]:
        """The rows of a problem list, each rendered once for all the pages at its depth."""
        template = self.env.get_template("_row.html")
        found = []
        for entry in entries:
            key = (root, entry.item.key)
            html = self._rows.get(key)
            if html is None:
                href = root + self.paths.issue(entry.item.ledger_id, entry.item.issue.id)
                row = ProblemRow(entry, href, self.lang)
                html = self._rows[key] = Markup(self._render(template, {"row": row}))
            found.append(html)
        return found

    def list_entries(self, name: str) -> list[Assessment]:
        """The problems of one list to work from, most urgent first (the chase list's order);
        each worked out once (every overview counts them)."""
        found = self._lists.get(name)
        if found is None:
            found = self._lists[name] = self._list_entries(name)
        return found

    def _list_entries(self, name: str) -> list[Assessment]:
        chased = [entry for unit in self.data.chase for entry in unit.entries]
        if name in _LIST_LEVEL:
            return [e for e in chased if e.level is _LIST_LEVEL[name]]
        if name == "silent":
            return [e for e in chased if e.silent]
        if name == "rectified":
            keys = self.data.rectified_in_month
            return [e for e in self.counted if e.item.key in keys]
        return [e for e in self.counted if e.state.exists]

    def league(self, view: MonthView) -> list[tuple[int, Group, list[str], WarningCounts]]:
        """The lead units ranked: rectified rate, then fewer overdue, then name."""

        def order(group: Group) -> tuple[Fraction, int, str]:
            figs = group.figures
            return (-(figs.rectified_rate or Fraction(-1)), figs.overdue, group.key)

        ranked = sorted(view.units.groups, key=order)
        found = []
        for place, group in enumerate(ranked, 1):
            warn = view.units.by_group.get(group.key, WarningCounts())
            found.append((place, group, _status_cells(group.figures, warn), warn))
        return found

    def ledger_rows(self, view: MonthView) -> list[tuple[str, Group, list[str]]]:
        warn = view.ledgers.by_group
        return [
            (prefix, group, _status_cells(group.figures, warn.get(group.key, WarningCounts())))
            for prefix, group in ledger_tree(view.ledgers.groups)
        ]

    def month_options(self, root: str, current: dt.date) -> list[tuple[str, str, bool]]:
        """(href, label, selected) for the month selector, newest first."""
        options = []
        latest = self.data.latest
        for view in reversed(self.data.months):
            if view is latest:
                text = self.t("site.month.latest", date=view.as_of.isoformat())
                href = root + "index.html"
            else:
                text, href = view.label, root + month_page(view.month)
            options.append((href, text, view.as_of == current))
        return options

    def figures_json(self, view: MonthView) -> str:
        """`rectify status --format json` of the date, for scripts and the tests, safe in HTML."""
        units = view.units
        data = status_json(
            units.overall,
            units.groups,
            "unit",
            warnings=units.warnings,
            by_group=units.by_group,
            review=units.review,
            audit=units.audit,
        )
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def cards(self, figs: Figures) -> list[tuple[str, str, str, str]]:
        """The headline figures: (name, value, out of what, css class)."""
        rect = ratio(figs.rectified, figs.counted)
        return [
            (self.t("fig.col.rectified_rate"), *_split(rect), "main"),
            (self.t("fig.col.closed_rate"), *_split(ratio(figs.closed, figs.counted)), ""),
            (self.t("fig.col.on_time_rate"), *_split(ratio(figs.on_time, figs.rectified)), ""),
            (self.t("fig.col.overdue"), str(figs.overdue), f"/{figs.counted}", "red"),
            (self.t("fig.col.mean_completion"), format_completion(figs.mean_completion), "", ""),
        ]

    def render(self, template: str, root: str, **values: Any) -> str:
        page = self.env.get_template(template)
        return page.render(root=root, css=root + CSS_NAME, **values)

    def shell(self, root: str) -> tuple[str, str, str]:
        """A page without script around its title and its main part, rendered once per depth."""
        found = self._shells.get(root)
        if found is None:
            page = self.env.from_string(_SHELL).render(root=root, css=root + CSS_NAME)
            head, mid, tail = page.split(_MARK)
            found = self._shells[root] = (head, mid, tail)
        return found

    def render_fast(self, template: str, root: str, **values: Any) -> str:
        """`render` of a page that has no script, its title and main part put in `shell`.

        The same text (tests/test_site.py holds them equal); what every page shares
        is rendered once, not once a page: the ten thousand problem pages.
        """
        page = self.env.get_template(template)
        values = {**self.macros, "root": root, "css": root + CSS_NAME, **values}
        context = page.new_context({**self.globals, **values}, shared=True)
        head, mid, tail = self.shell(root)
        title, main = page.blocks["title"](context), page.blocks["main"](context)
        return "".join((head, *title, mid, *main, tail))

    def _render(self, template: Template, values: dict[str, Any]) -> str:
        """``template.render(**values)``: the same text, the globals put together once for
        every page, not once a page (the ten thousand rows of the lists)."""
        context = template.new_context({**self.globals, **values}, shared=True)
        return "".join(template.root_render_func(context))

    @cached_property
    def globals(self) -> dict[str, Any]:
        """What every template sees (`Environment.globals`), as one plain dict."""
        return dict(self.env.globals)

    @cached_property
    def macros(self) -> dict[str, Any]:
        """The macros a page imports, for a block rendered on its own (`render_fast`)."""
        module = self.env.get_template("_macros.html").module
        return {name: getattr(module, name) for name in ("chip",)}

    # --- the pages ---

    def overview(self, view: MonthView, root: str) -> str:
        from rectify.site.chart import trend_svg

        rows = [row for row in self.data.rows if row.as_of <= view.as_of]
        figs = view.units.overall
        return self.render(
            "overview.html",
            root,
            view=view,
            figs=figs,
            cards=self.cards(figs),
            headline=headline(figs, self.lang, view.units.warnings),
            chart=trend_svg(rows, self.lang),
            league=self.league(view),
            ledger_rows=self.ledger_rows(view),
            headers=status_headers("unit", self.lang),
            ledger_headers=status_headers("ledger", self.lang),
            months=self.month_options(root, view.as_of),
            legend=legend(
                self.lang, due_soon_days=self.data.due_soon_days, margin=self.data.margin
            ),
            figures_json=self.figures_json(view),
            progress_headers=progress_headers(self.lang),
            progress=[_progress_cells(row, self.lang) for row in rows],
            list_counts={name: len(self.list_entries(name)) for name in LISTS},
            latest=view is self.data.latest,
            level_enum={level.value: level for level in LEVELS},
            warn_list={"red": "overdue", "yellow": "behind", "blue": "due_soon"},
            total_cells=_status_cells(figs, view.units.warnings),
        )

    def unit_page(self, unit: str, root: str) -> str:
        entries = self.by_unit.get(unit, [])
        latest = self.data.latest
        group = next((g for g in latest.units.groups if g.key == unit), None)
        history = []
        for view in self.data.months:
            found = next((g for g in view.units.groups if g.key == unit), None)
            if found is not None:
                warn = view.units.by_group.get(unit, WarningCounts())
                history.append((view, _status_cells(found.figures, warn)))
        reported = [
            (p.date, p.note or "", e)
            for e in entries
            for p in e.item.issue.progress
            if p.date <= self.data.day
        ]
        reported.sort(key=lambda r: (r[0], r[2].item.issue.id), reverse=True)
        return self.render(
            "unit.html",
            root,
            unit=unit,
            group=group,
            cells=_status_cells(group.figures, latest.units.by_group.get(unit, WarningCounts()))
            if group
            else None,
            headers=status_headers("unit", self.lang),
            history=history,
            problems=self.rows(entries, root),
            overdue=self.rows([e for e in entries if e.state.overdue], root),
            reported=[
                (
                    day.isoformat(),
                    note,
                    ProblemRow(
                        e, root + self.paths.issue(e.item.ledger_id, e.item.issue.id), self.lang
                    ),
                )
                for day, note, e in reported[:10]
            ],
        )

    def ledger_page(self, meta: LedgerMeta, root: str, part: Part) -> str:
        latest = self.data.latest
        wanted = self._descendants(meta.id)
        warn = latest.ledgers.by_group
        tree = [
            (prefix, group, _status_cells(group.figures, warn.get(group.key, WarningCounts())))
            for prefix, group in ledger_tree([g for g in latest.ledgers.groups if g.key in wanted])
        ]
        children = [m for m in self.data.ledgers if m.parent == meta.id]
        return self.render(
            "ledger.html",
            root,
            meta=meta,
            parent=self.metas.get(meta.parent) if meta.parent else None,
            children=children,
            tree=tree,
            headers=status_headers("ledger", self.lang),
            problems=self.rows(part.entries, root),
            part=part,
            # 满意度测评: the committee's votes held by the site's date
            votes=[d for d in meta.deliberations if d.date <= self.data.day],
        )

    def _descendants(self, ident: str) -> set[str]:
        found = {ident}
        grew = True
        while grew:
            more = {m.id for m in self.data.ledgers if m.parent in found} - found
            found |= more
            grew = bool(more)
        return found

    def issue_page(self, entry: Assessment, root: str) -> str:
        item = entry.item
        issue = item.issue
        shown = issue_as_of(item, self.data.day, entry.state)  # the fields on the date
        w = self.words
        fields: list[tuple[str, str]] = [
            (w["field.id"], shown.id),
            (w["field.title"], shown.title),
            (w["field.ledger"], f"{item.ledger_id} {item.ledger.ledger.title}"),
            (w["field.source"], label("source", shown.source.value, self.lang)),
            (w["field.track"], label("track", shown.track.value, self.lang)),
            (w["field.lead_unit"], shown.lead_unit),
            (w["field.co_units"], "、".join(shown.co_units)),
            (w["field.owner"], shown.owner or ""),
            (w["field.assigned_on"], _date(item.assigned_on)),
            (w["field.deadline"], entry.state.deadline.isoformat()),
            (w["field.planned_on"], _date(shown.planned_on)),
            (w["field.status"], label("status", entry.state.status.value, self.lang)),
            (w["field.completion"], _completion(entry.state.completion)),
            (w["field.rectified_on"], _date(shown.rectified_on)),
            (w["field.dismissed_on"], _date(shown.dismissed_on)),
            (w["field.reason"], shown.reason or ""),
            (w["field.carried_from"], shown.carried_from or ""),
            (w["field.description"], shown.description or ""),
            (w["field.measures"], shown.measures or ""),
        ]
        if shown.verification is not None:
            check = shown.verification
            parts = [_date(check.date), check.by or "", check.note or ""]
            fields.append((w["field.verification"], " ".join(p for p in parts if p)))
        if shown.evidence:
            fields.append((w["field.evidence"], "\n".join(map(evidence_path, shown.evidence))))
        for key, value in sorted(issue.extensions.items()):
            fields.append(
                (key, value if isinstance(value, str) else json.dumps(value, default=str))
            )
        carried_href = None
        if issue.carried_from and issue.carried_from in self.paths.issues:
            carried_href = root + self.paths.issues[issue.carried_from]
        unit_href = root + self.paths.unit(issue.lead_unit)
        links = {w["field.lead_unit"]: unit_href, w["field.carried_from"]: carried_href}
        return self.render_fast(
            "issue.html",
            root,
            entry=entry,
            row=ProblemRow(entry, "", self.lang),
            issue=issue,
            fields=[(name, value, links.get(name)) for name, value in fields if value],
            events=[  # (kind, date, what, completion, note): no attribute looked up per line
                (e.kind, e.date.isoformat(), e.what, e.completion, e.note)
                for e in timeline(item.assigned_on, issue, self.lang)
            ],
            unit_href=unit_href,
            ledger_href=root + self.paths.ledger(item.ledger_id),
            carried_href=carried_href,
            expected=None if entry.expected is None else _completion(entry.expected),
            counted=item.key in self.data.counted,
        )

    def list_page(self, name: str, root: str, part: Part) -> str:
        problems = self.rows(part.entries, root)
        return self.render("list.html", root, name=name, problems=problems, part=part)

    def pages(self) -> dict[str, str]:
        """Every page, by its path."""
        out: dict[str, str] = {}
        self.hand_out(out.update)
        return out

    def hand_out(self, write: Write, *, write_where_rendered: bool = False) -> list[str]:
        """Render every page, hand them to ``write`` a part at a time, and return their paths.

        From PARALLEL_FROM problems on, where the machine has two cores and can fork, a
        forked copy of this process renders the last problem pages (it shares every figure
        already worked out) while this one renders the other pages and the first problem
        pages. With ``write_where_rendered`` (``write`` writes files, as rectify.api.site's)
        the forked copy hands its pages to ``write`` itself and only their paths come
        back; else their text comes back and is handed to ``write`` here.
        """
        import multiprocessing
        import os

        self.assign_paths()
        entries = self.data.assessed
        if (
            len(entries) < PARALLEL_FROM
            or (os.cpu_count() or 1) < 2
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            return self._hand_out(write, entries)
        from concurrent.futures import ProcessPoolExecutor

        global _FORKED
        mine = round(len(entries) * PARENT_SHARE)
        _FORKED = (self, write if write_where_rendered else None)
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(1, mp_context=context) as pool:
                theirs = pool.submit(_forked_pages, mine)
                names = self._hand_out(write, entries[:mine])
                done = theirs.result()
        finally:
            _FORKED = None
        if isinstance(done, dict):
            write(done)
        return [*names, *done]

    def _hand_out(self, write: Write, entries: list[Assessment]) -> list[str]:
        """The pages other than the problems', then the pages of the problems of ``entries``."""
        names: list[str] = []
        for part in (self.other_pages(), self.issue_pages(entries)):
            write(part)
            names += part
        return names

    def assign_paths(self) -> None:
        """Every page's path, before any page is rendered (pages link to each other), in
        the order the pages first ask for them: a name that folds onto a taken one gets
        the same -2 on every build, whichever process renders the page that links it."""
        paths = self.paths
        for entry in self.data.assessed:
            paths.issue(entry.item.ledger_id, entry.item.issue.id)
        for unit in sorted(self.by_unit):
            paths.unit(unit)
        for _, view, _ in self.overviews():
            for _, group, _, _ in self.league(view):
                paths.unit(group.key)
            for _, group, _ in self.ledger_rows(view):
                paths.ledger(group.key)
        for entry in self.data.assessed:
            paths.ledger(entry.item.ledger_id)
            paths.unit(entry.item.issue.lead_unit)

    def overviews(self) -> list[tuple[str, MonthView, str]]:
        """(path, month, root) of each overview: the date's, then one per month end."""
        latest = self.data.latest
        found = [("index.html", latest, "")]
        for view in self.data.months:
            if view is not latest or is_month_end_day(view.as_of):
                found.append((month_page(view.month), view, "../"))
        return found

    def other_pages(self) -> dict[str, str]:
        """Every page but the problems': the overviews, ledgers, units and lists."""
        out: dict[str, str] = {}
        for path, view, root in self.overviews():
            out[path] = self.overview(view, root)
        for meta in self.data.ledgers:
            found = self.by_ledger.get(meta.id, [])
            for part in split(self.paths.ledger(meta.id), found, self.page_rows):
                out[part.path] = self.ledger_page(meta, "../", part)
        for unit in sorted(self.by_unit):
            out[self.paths.unit(unit)] = self.unit_page(unit, "../")
        for name in LISTS:
            for part in split(list_page(name), self.list_entries(name), self.page_rows):
                out[part.path] = self.list_page(name, "../", part)
        return out

    def issue_pages(self, entries: list[Assessment]) -> dict[str, str]:
        """The page of each problem of ``entries``, by its path."""
        paths = self.paths
        return {
            paths.issue(e.item.ledger_id, e.item.issue.id): self.issue_page(e, "../../")
            for e in entries
        }


#: Hands pages on, {path: text}: rectify.api.site writes them into the new site folder.
Write = Callable[[dict[str, str]], None]
#: From this many problems on, the problem pages are rendered by two processes.
PARALLEL_FROM = 2000
#: The share of the problem pages the first process renders: it renders the other pages too.
PARENT_SHARE = 0.35
_FORKED: tuple[Site, Write | None] | None = None  # what a forked process renders (hand_out)


def _forked_pages(start: int) -> dict[str, str] | list[str]:
    """In the forked process: the pages of the problems from ``start`` on, handed to the
    site's writer here (their paths go back), or their text when there is none."""
    assert _FORKED is not None
    site, write = _FORKED
    pages = site.issue_pages(site.data.assessed[start:])
    if write is None:
        return pages
    write(pages)
    return list(pages)


@dataclass(frozen=True)
class Part:
    """One page of a long list: its rows, its place among the pages, and every page's file."""

    path: str
    entries: list[Assessment]
    number: int
    first: int  # the number of its first row, from 1
    total: int
    pages: list[str]  # the file name of each page, in its folder

    @property
    def links(self) -> list[tuple[int, str, bool]]:
        return [(n, name, n == self.number) for n, name in enumerate(self.pages, 1)]


def split(path: str, entries: list[Assessment], size: int = PAGE_ROWS) -> list[Part]:
    """A list as pages of ``size`` rows: path, then path-p2.html, path-p3.html..."""
    count = max(1, -(-len(entries) // size))
    stem = path.removesuffix(".html")
    paths = [path] + [f"{stem}-p{n}.html" for n in range(2, count + 1)]
    names = [p.rsplit("/", 1)[-1] for p in paths]
    return [
        Part(paths[n], entries[n * size : (n + 1) * size], n + 1, n * size + 1, len(entries), names)
        for n in range(count)
    ]


def is_month_end_day(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).month != day.month


def _split(text: str) -> tuple[str, str]:
    """'73.1% (30/41)' -> ('73.1%', '(30/41)')."""
    value, _, rest = text.partition(" ")
    return value, rest


#: The cells of a figure, each worked out once: the site shows the same figures on many pages
#: (format_completion tens of thousands of times; a unit's row on every month's page).
_completion = functools.lru_cache(maxsize=4096)(format_completion)
_status_cells = functools.lru_cache(maxsize=8192)(status_cells)
_progress_cells = functools.lru_cache(maxsize=1024)(progress_cells)


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def render_site(
    data: SiteData, lang: Lang, bytecode_cache: BytecodeCache | None = None
) -> dict[str, str]:
    """{relative path: text} of every page, and the stylesheet, of the site of ``data``.

    ``bytecode_cache`` keeps the compiled templates between runs (rectify.api.site).
    """
    out: dict[str, str] = {}
    write_site(data, lang, out.update, bytecode_cache, write_where_rendered=False)
    return out


def write_site(
    data: SiteData,
    lang: Lang,
    write: Write,
    bytecode_cache: BytecodeCache | None = None,
    *,
    write_where_rendered: bool = True,
) -> list[str]:
    """Hand every page, and the stylesheet, of the site of ``data`` to ``write`` (a part at
    a time; the problem pages a forked process renders are handed to it there, unless
    ``write_where_rendered`` is False) and return every path handed (`Site.hand_out`)."""
    from importlib.resources import files

    site = Site(data, lang, bytecode_cache)
    names = site.hand_out(write, write_where_rendered=write_where_rendered)
    css = (files("rectify.site") / "templates" / CSS_NAME).read_text(encoding="utf-8")
    write({CSS_NAME: css})
    return [*names, CSS_NAME]


__all__ = [
    "LISTS",
    "MonthView",
    "SiteData",
    "render_site",
    "write_site",
]
