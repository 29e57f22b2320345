"""The static website from Python: `build_site` writes it, `serve_site` previews it.

The figures are the library's own: each month end's status view is
`figures.view.status_view` of `figures.facts.facts_of` (what `api.status`
adds up), the month-by-month rows are `figures.months.progress_rows` (what
`api.progress` gives), the lists are `figures.chase.chase_of` the date's
assessments (what `api.due` gives), each problem's state and warning
`figures.warnings.assess`.
The ledgers are read once; every month end is figured from their dated history.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectify.api.project import PathsGiven, Project, shown
from rectify.dates import month_end
from rectify.errors import FileError, UsageError
from rectify.i18n import Lang

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

    from rectify.figures.facts import Fact
    from rectify.figures.months import MonthRow
    from rectify.figures.view import StatusView
    from rectify.figures.warnings import Assessment
    from rectify.ledger.load import LoadedLedger
    from rectify.site.pages import SiteData

#: The file that marks a folder as a site rectify made (and may replace).
MARK = ".rectify-site"
#: The figures of the ended months, kept for the next build of the same ledgers (site.keep).
KEPT = "site-months"  # the kind of value the parse cache keeps (ledger.cache.store_value)


@dataclass(frozen=True)
class Built:
    """A site written: its folder, how many pages, the date of its figures, the ledgers read."""

    path: Path
    pages: int
    as_of: dt.date
    ledgers: list[Path]


def site_data(
    project: Project,
    paths: PathsGiven = None,
    *,
    as_of: dt.date | None = None,
    kept: dict[str, Any] | Callable[[list[LoadedLedger]], dict[str, Any]] | None = None,
) -> tuple[SiteData, list[Path]]:
    """The SiteData of the ledgers on a date (default today), and the ledger files read.

    ``kept`` holds ended months as `site.keep.month_to_json` wrote them, by date,
    from a build of the same ledger bytes (or gives them for the ledgers once read);
    a month that does not read back is worked out again. The status views carry no
    pending list (the site shows none).
    """
    from rectify import __version__
    from rectify.figures.chase import chase_of
    from rectify.figures.facts import from_assessment
    from rectify.figures.month_ends import counted_of
    from rectify.figures.month_ends import month_end as one_month_end
    from rectify.figures.months import default_range, month_of, months_between
    from rectify.figures.state import items, outcome_on
    from rectify.figures.view import status_view
    from rectify.ledger.yaml import gc_paused
    from rectify.site.keep import month_from_json
    from rectify.site.pages import MonthView, SiteData

    day = as_of or project.today
    days, margin = project.config.due_soon_days, project.config.pace_margin
    loaded = project.load(paths, day)
    kept = kept(loaded) if callable(kept) else kept or {}
    pool = items(item.ledger for item in loaded)
    current = month_of(day)
    first, _, _ = default_range(pool, day)  # as `progress`: at most its last 24 months
    months: list[MonthView] = []
    rows: list[MonthRow] = []
    assessed: list[Assessment] = []
    with gc_paused():  # a million small acyclic objects: no collector pass over them
        for month in months_between(first, current):
            on = min(month_end(*month), day)
            previous = rows[-1].rectified_rate if rows else None
            if on < day and on.isoformat() in kept:  # an ended month, kept from the last build
                try:
                    view, row = month_from_json(kept[on.isoformat()], previous)
                except ValueError:
                    pass
                else:
                    if view.as_of == on:
                        months.append(view)
                        rows.append(row)
                        continue
            assessed, row = one_month_end(pool, on, previous, due_soon_days=days, margin=margin)
            rows.append(row)
            found = [from_assessment(entry) for entry in assessed]
            units = replace(status_view(found, on, "unit", due_soon_days=days), pending=[])
            months.append(MonthView(on, units, by_ledger(units, found, on, days)))
    chosen = counted_of(assessed, day)  # the date's assessments: no issue assessed again
    counted = {entry.item.key for entry in chosen}
    rectified = {
        entry.item.key
        for entry in assessed
        if entry.state.rectified
        and entry.item.key in counted
        and (done_on := outcome_on(entry.item.issue, day).rectified_on) is not None
        and month_of(done_on) == current
    }
    words = ["rectify", "site", "--as-of", day.isoformat()]
    words += [shown(Path(p)).as_posix() for p in paths or []]
    data = SiteData(
        day=day,
        ledgers=[item.ledger.ledger for item in loaded],
        months=months,
        rows=rows,
        assessed=assessed,
        counted=counted,
        chase=chase_of(chosen),
        rectified_in_month=rectified,
        due_soon_days=days,
        margin=margin,
        version=__version__,
        generated=project.today,
        command=" ".join(words),
    )
    return data, [item.path for item in loaded]


def by_ledger(units: StatusView, found: list[Fact], on: dt.date, days: int) -> StatusView:
    """`status_view(found, on, "ledger")`, sharing what does not depend on the grouping."""
    from rectify.figures.facts import dedupe, groups_of
    from rectify.figures.view import group_warnings

    chosen = dedupe(found)
    return replace(
        units,
        by="ledger",
        groups=groups_of(chosen, on, "ledger", due_soon_days=days),
        by_group=group_warnings(chosen, "ledger"),
    )


def build_site(
    project: Project,
    paths: PathsGiven = None,
    *,
    out: Path | str,
    as_of: dt.date | None = None,
    lang: Lang = "zh",
) -> Built:
    """Write the site of the ledgers into the folder ``out``, whole or not at all.

    The pages are written into a new folder beside ``out`` and put in its
    place once complete. A folder that exists must be empty or a site rectify
    made (it holds the mark file), else FileError and nothing is touched.
    """
    from rectify.site.pages import write_site

    target = Path(out)
    check_target(target)
    if project.manifest(paths) is not None:
        # a roll-up's sources are read at their commits: its months are kept by what was read
        keys: list[str] = []

        def kept_of(loaded: list[LoadedLedger]) -> dict[str, Any]:
            keys.append(loaded_key(project, loaded))
            return read_kept(project, keys[0])

        data, files = site_data(project, paths, as_of=as_of, kept=kept_of)
        if keys:
            keep_months(project, data, keys[0])
    else:
        key = ledgers_key(project, project.files(paths))
        data, files = site_data(project, paths, as_of=as_of, kept=read_kept(project, key))
        if ledgers_key(project, files) == key:  # not changed while read
            keep_months(project, data, key)
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    old = target if (target / MARK).is_file() else None
    try:
        # each process writes the pages it renders (a forked one too: no text sent back)
        write = partial(write_pages, fresh=fresh, old=old)
        names = write_site(data, lang, write, templates_cache(project))
        write_pages({MARK: "rectify site\n"}, fresh, old)
        fresh.chmod(0o755)
        _replace(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return Built(target, sum(name.endswith(".html") for name in names), data.day, files)


def templates_cache(project: Project) -> BytecodeCache | None:
    """Jinja's cache of the compiled templates, in rectify's cache folder (its own folder,
    for this user only); None with the cache off or when the folder cannot be made."""
    from jinja2 import FileSystemBytecodeCache

    from rectify.ledger.cache import cache_dir

    if not project.caching:
        return None
    folder = cache_dir() / "site-templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def figures_code() -> list[Path]:
    """The source files the figures of a month are worked out by."""
    import rectify.figures

    code = Path(rectify.figures.__file__).parent
    return [*sorted(code.glob("*.py")), code.parent / "model.py", code.parent / "dates.py"]


def _rules_digest(project: Project) -> Any:
    """A digest of what ended months depend on besides the ledgers: rectify's version, the
    code that works figures out (a fix to a rule changes them) and the settings."""
    import hashlib

    from rectify import __version__

    digest = hashlib.blake2b(digest_size=16)
    config = project.config
    digest.update(f"{__version__}\0{config.due_soon_days}\0{config.pace_margin}".encode())
    for path in figures_code():
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unknown")
    return digest


def loaded_key(project: Project, loaded: list[LoadedLedger]) -> str:
    """`ledgers_key` of ledgers as read (a roll-up's, from its sources' commits): each one's
    name and the hash of its bytes."""
    from rectify.api.figures import ledger_hashes

    digest = _rules_digest(project)
    for item, content in zip(loaded, ledger_hashes(loaded), strict=True):
        digest.update(b"\0" + os.fsencode(str(item.path)) + b"\0" + content.encode())
    return str(digest.hexdigest())


def ledgers_key(project: Project, files: list[Path]) -> str:
    """What the figures of an ended month depend on: rectify's version and the code that
    works figures out (a fix to a rule changes them), the settings, and every ledger
    file's name and bytes."""
    import hashlib

    digest = _rules_digest(project)
    for path in files:
        digest.update(b"\0" + os.fsencode(path.resolve()) + b"\0")
        try:
            digest.update(hashlib.blake2b(path.read_bytes()).digest())
        except OSError:
            digest.update(b"gone")
    return str(digest.hexdigest())


def read_kept(project: Project, key: str) -> dict[str, Any]:
    """The ended months a build of the same ledgers kept in rectify's cache folder (sealed,
    as the parse cache); nothing when there are none or the cache is off."""
    from rectify.ledger import cache

    found = cache.lookup_value(KEPT, {"site": key}) if project.caching else None
    return found if isinstance(found, dict) else {}


def keep_months(project: Project, data: SiteData, key: str) -> None:
    """Keep the ended months of a site's figures for the next build (`read_kept`), in the
    cache folder: never in the site, whose folder is published."""
    from rectify.ledger import cache
    from rectify.site.keep import month_to_json

    if not project.caching:
        return
    months = {
        view.as_of.isoformat(): month_to_json(view, row)
        for view, row in zip(data.months, data.rows, strict=True)
        if view.as_of < data.day and view.as_of == month_end(view.as_of.year, view.as_of.month)
    }
    cache.store_value(KEPT, {"site": key}, months)


def write_pages(pages: dict[str, str], fresh: Path, old: Path | None) -> None:
    """Write every page into the new folder; a page whose bytes the old site holds already
    is linked to that file instead of written again (most pages of a rebuild).

    The paths are plain strings ('issue/x/y.html' under the folder): ten thousand
    pages, and a Path made and taken apart for each cost more than the writing itself.
    """
    made: set[str] = set()
    root, was = os.fspath(fresh), None if old is None else os.fspath(old)
    for name, text in pages.items():
        folder = name.rpartition("/")[0]
        if folder not in made:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            made.add(folder)
        path, data = f"{root}/{name}", text.encode("utf-8")
        if was is None or not _link_same(f"{was}/{name}", path, data):
            _write_new(path, data)


def _write_new(path: str, data: bytes) -> None:
    """A new file holding ``data``: three system calls (open(path, "xb") makes six)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _link_same(old: str, path: str, data: bytes) -> bool:
    """Link ``path`` to ``old`` when that is a plain file holding ``data``; False otherwise."""
    try:
        fd = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with os.fdopen(os.dup(fd), "rb") as stream:
            if stream.read(len(data) + 1) != data:
                return False
        os.link(old, path, follow_symlinks=False)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def check_target(target: Path) -> None:
    """Refuse a file, or a folder with things in it that is not a site rectify made."""
    if target.is_file():
        raise FileError("site.out_is_file", path=shown(target))
    if target.is_dir() and any(target.iterdir()) and not (target / MARK).is_file():
        raise FileError("site.not_a_site", path=shown(target))


def _replace(fresh: Path, target: Path) -> None:
    """Put the finished folder in place of the old site (renames: never a half-written site)."""
    if not target.exists():
        os.replace(fresh, target)
        return
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    os.replace(target, old)
    try:
        os.replace(fresh, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


# --- the preview server -------------------------------------------------------------------


def stamps(files: list[Path]) -> dict[Path, int]:
    """Each ledger file's modification time (ns); a file gone reads -1."""
    found: dict[Path, int] = {}
    for path in files:
        try:
            found[path] = path.stat().st_mtime_ns
        except OSError:
            found[path] = -1
    return found


def serve_site(
    project: Project,
    paths: PathsGiven = None,
    *,
    out: Path | str,
    as_of: dt.date | None = None,
    lang: Lang = "zh",
    port: int = 8000,
    ready: Callable[[str, Built], None] | None = None,
    rebuilt: Callable[[Built | None, str | None], None] | None = None,
    poll: float = 1.0,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Build the site, then serve it on 127.0.0.1 (GET and HEAD only) until ``stop`` or Ctrl-C.

    Every ``poll`` seconds the ledgers' modification times are compared, and
    the site is built again when one changed (or a ledger file came or went).
    ``ready(url, built)`` is called once serving; ``rebuilt(built, error)`` after each rebuild.
    """
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    built = build_site(project, paths, out=out, as_of=as_of, lang=lang)
    folder = Path(out).resolve()

    class ReadOnly(SimpleHTTPRequestHandler):
        def _refuse(self) -> None:
            self.send_response(405)
            self.send_header("Allow", "GET, HEAD")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

        def log_message(self, format: str, *args: object) -> None:
            return None

    handler = partial(ReadOnly, directory=str(folder))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
        raise UsageError("site.port_busy", port=port) from None
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2})
    thread.daemon = True
    thread.start()
    if ready is not None:
        ready(url, built)
    seen = stamps(built.ledgers)
    fixed = project.manifest(paths) is not None  # a roll-up changes by `sync`: built once
    stopped = threading.Event()
    try:
        while not (stop is not None and stop()):
            stopped.wait(poll)
            try:
                now = seen if fixed else stamps(project.files(paths))
            except FileError:
                now = {}
            if now == seen:
                continue
            seen = now
            try:
                built = build_site(project, paths, out=out, as_of=as_of, lang=lang)
            except Exception as error:  # a ledger mid-edit: say so, keep serving the last site
                from rectify.errors import RectifyError

                text = error.message(lang) if isinstance(error, RectifyError) else str(error)
                if rebuilt is not None:
                    rebuilt(None, text)
                continue
            if rebuilt is not None:
                rebuilt(built, None)
    finally:
        server.shutdown()
        server.server_close()
