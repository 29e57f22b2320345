"""`rectify site`: the pages parsed (no browser): figures as status gives them, links, escaping."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from dataclasses import replace
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, RunCli, issue_text, ledger_text
from rectify import api
from rectify.errors import FileError
from rectify.model import Ledger
from test_metrics_properties import SPAN, day, rollups

CITY_COUNTY = "examples/sanmenxia/city-county"


class Page(HTMLParser):
    """What a test reads of a page: links, scripts, text, the figures' JSON, attributes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self._script: dict[str, str | None] | None = None
        self._body: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attrs.append((name, value or ""))
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "script":
            self._script, self._body = found, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._body)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body.append(data)
        else:
            self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())

    def figures(self) -> Any:
        for attrs, body in self.scripts:
            if attrs.get("id") == "rectify-figures":
                return json.loads(body)
        raise AssertionError("no figures on the page")


def build(tmp_path: Path, *paths: str, as_of: str = "2024-11-30", lang: str = "zh") -> Path:
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    out = tmp_path / "site"
    day = dt.date.fromisoformat(as_of)
    api.build_site(project, list(paths), out=out, as_of=day, lang=lang)  # type: ignore[arg-type]
    return out


def read(folder: Path, name: str) -> Page:
    return Page((folder / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("city"), str(ROOT / CITY_COUNTY))


# --- the figures ------------------------------------------------------------------------------


def test_the_first_page_reads_73_1_of_41(city: Path) -> None:
    page = read(city, "index.html")
    words = page.words
    assert "整改完成率 73.1% (30/41)" in words
    assert "42 个问题" in words
    assert page.figures()["rectified_rate"]["text"] == "73.1%"
    assert (city / "site.css").is_file()
    assert (city / ".rectify-site").is_file()


def test_every_month_end_gives_what_status_gives(city: Path, run: RunCli) -> None:
    months = sorted((city / "month").glob("*.html"))
    assert [p.stem for p in months] == ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11"]
    for path in months:
        year, month = map(int, path.stem.split("-"))
        end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        result = run("status", CITY_COUNTY, "--as-of", end, "--format", "json", cwd=ROOT)
        assert result.exit_code == 0, result.stderr
        page = Page(path.read_text(encoding="utf-8"))
        assert page.figures() == json.loads(result.stdout), path.name
        shown = json.loads(result.stdout)["rectified_rate"]
        text = f"{shown['text']} ({shown['numerator']}/{shown['denominator']})"
        assert text in page.words, path.name
    latest = read(city, "index.html").figures()
    assert latest == read(city, "month/2024-11.html").figures()


def test_the_month_selector_offers_every_month_end(city: Path) -> None:
    text = (city / "index.html").read_text(encoding="utf-8")
    options = re.findall(r'<option value="([^"]+)"', text)
    assert options == [
        "index.html",
        "month/2024-10.html",
        "month/2024-09.html",
        "month/2024-08.html",
        "month/2024-07.html",
    ]
    past = (city / "month/2024-09.html").read_text(encoding="utf-8")
    assert '<option value="../month/2024-09.html" selected>' in past


def test_the_lists_hold_what_due_and_progress_count(city: Path) -> None:
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    day = dt.date(2024, 11, 30)
    chase = api.due(project, [ROOT / CITY_COUNTY], as_of=day)
    every = [entry for unit in chase.units for entry in unit.entries]
    rows = api.progress(project, [ROOT / CITY_COUNTY], as_of=day).rows

    def ids(name: str) -> list[str]:
        text = (city / f"list/{name}.html").read_text(encoding="utf-8")
        return re.findall(r'<td><a href="\.\./issue/[^"]+">([^<]+)</a>', text)

    assert ids("overdue") == [e.item.issue.id for e in every if e.level.value == "red"]
    assert ids("due-soon") == [e.item.issue.id for e in every if e.level.value == "blue"]
    assert ids("silent") == [e.item.issue.id for e in every if e.silent]
    assert len(ids("rectified")) == rows[-1].rectified_in_month == 6
    assert len(ids("all")) == 42
    overview = read(city, "index.html").words
    assert "2 红 · 逾期" in overview and "1 蓝 · 临期" in overview


def test_every_unit_and_problem_is_two_clicks_from_the_first_page(city: Path) -> None:
    reached: set[Path] = set()
    for link in read(city, "index.html").links:
        first = (city / link.split("#")[0]).resolve()
        reached.add(first)
        if first.suffix == ".html" and first.is_file():
            for second in Page(first.read_text(encoding="utf-8")).links:
                reached.add((first.parent / second.split("#")[0]).resolve())
    pages = {p.resolve() for p in city.rglob("*.html")}
    units = {p for p in pages if p.parent.name == "unit"}
    issues = {p for p in pages if p.parent.parent.name == "issue"}
    assert len(units) == 16 and len(issues) == 42
    assert units | issues <= reached
    for page in pages:  # no link points nowhere
        for link in read(city, str(page.relative_to(city))).links:
            assert (page.parent / link.split("#")[0]).resolve().is_file(), (page, link)


def test_a_problem_page_has_every_field_and_its_history(city: Path) -> None:
    words = read(city, "issue/smx-city-2024/SMX-003.html").words
    for text in (
        "老旧小区适老化改造推进缓慢",
        "市住建局",
        "2025-06-30",  # the deadline in force after the change
        "时限调整 2024-12-31 → 2025-06-30",
        "冬季停工",
        "74.4%",
        "完成改造11个小区",
    ):
        assert text in words, text


def test_english_follows_lang(tmp_path: Path) -> None:
    out = build(tmp_path, str(ROOT / CITY_COUNTY), lang="en")
    text = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    words = Page(text).words
    assert "Overview" in words and "Rectified 73.1% (30/41)" in words
    assert "总览" not in words


# --- user text is data --------------------------------------------------------------------------

NASTY = '<script>alert("x")</script> & \'quotes\' "<b>'


def nasty_ledger(folder: Path) -> Path:
    text = ledger_text(issue_text(), title="台账 <i>&amp;</i>")
    text = text.replace("老旧小区适老化改造推进缓慢", json.dumps(NASTY))
    text = text.replace("lead_unit: 市住建局", "lead_unit: " + json.dumps('市"住建"局<x>&'))
    path = folder / "t-2024.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_text_is_escaped_in_text_and_attributes(tmp_path: Path) -> None:
    path = nasty_ledger(tmp_path)
    out = build(tmp_path, str(path))
    for page in out.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<b>" not in raw and "<x>" not in raw, page
        parsed = Page(raw)
        for attrs, body in parsed.scripts:  # only the site's own scripts
            assert attrs.get("id") == "rectify-figures" or "data-filter" in body
            assert "alert" not in body
        for name, value in parsed.attrs:
            assert "<" not in value or name == "placeholder", (page, name, value)
    issue = read(out, "issue/t-2024/T-001.html")
    assert NASTY in issue.words  # shown as written
    assert '市"住建"局<x>&' in issue.words
    assert "台账 <i>&amp;</i>" in read(out, "ledger/t-2024.html").words


# --- the folder ---------------------------------------------------------------------------------


def test_a_folder_that_is_no_site_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    with pytest.raises(FileError) as caught:
        api.build_site(project, [ROOT / CITY_COUNTY], out=out)
    assert "不是 rectify 生成的网站" in caught.value.message("zh")
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no folder left behind


def test_a_site_is_replaced_whole(tmp_path: Path, run: RunCli) -> None:
    out = tmp_path / "out"
    first = run("site", CITY_COUNTY, "-o", str(out), "--lang", "zh", cwd=ROOT)
    assert first.exit_code == 0, first.stderr
    assert "已生成网站" in first.stdout and "个页面" in first.stdout
    (out / "stale.html").write_text("old", encoding="utf-8")
    again = run("site", CITY_COUNTY, "-o", str(out), "--as-of", "2024-09-30", cwd=ROOT)
    assert again.exit_code == 0, again.stderr
    assert not (out / "stale.html").exists()
    status = run("status", CITY_COUNTY, "--as-of", "2024-09-30", "--format", "json", cwd=ROOT)
    assert read(out, "index.html").figures() == json.loads(status.stdout)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_a_file_as_the_folder_is_a_clear_error(tmp_path: Path, run: RunCli) -> None:
    (tmp_path / "site").write_text("x", encoding="utf-8")
    result = run("site", str(ROOT / CITY_COUNTY), "-o", "site", "--lang", "en")
    assert result.exit_code != 0
    assert "is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr


# --- the preview --------------------------------------------------------------------------------


def test_serve_is_read_only_and_rebuilds_when_a_ledger_changes(tmp_path: Path) -> None:
    folder = tmp_path / "ledgers"
    shutil.copytree(EXAMPLES / "sanmenxia" / "city-county", folder)
    project = api.Project.open(tmp_path, today=dt.date(2024, 11, 30))
    urls: list[str] = []
    rebuilt: list[object] = []
    done = threading.Event()

    def serve() -> None:
        api.serve_site(
            project,
            [folder],
            out=tmp_path / "site",
            port=0,
            ready=lambda url, built: urls.append(url),
            rebuilt=lambda built, error: rebuilt.append(built or error),
            poll=0.05,
            stop=done.is_set,
        )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if urls:
                break
            time.sleep(0.05)
        url = urls[0]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "index.html") as response:
            assert "73.1% (30/41)" in " ".join(Page(response.read().decode()).words.split())
        for method in ("POST", "PUT", "DELETE"):
            request = urllib.request.Request(url + "index.html", data=b"x", method=method)
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(request)
            assert caught.value.code == 405
        ledger = folder / "smx-city-2024.yaml"
        text = ledger.read_text(encoding="utf-8")
        ledger.write_text(
            text.replace("老旧小区适老化改造推进缓慢", "老旧小区改造（已改名）"), "utf-8"
        )
        for _ in range(200):
            if rebuilt:
                break
            time.sleep(0.05)
        assert rebuilt and not isinstance(rebuilt[0], str), rebuilt
        with urllib.request.urlopen(url + "issue/smx-city-2024/SMX-003.html") as response:
            assert "老旧小区改造（已改名）" in response.read().decode()
    finally:
        done.set()
        thread.join(5)
    assert not thread.is_alive()


def test_a_long_list_is_split_into_pages(city: Path) -> None:
    from rectify.api.site import site_data
    from rectify.site.pages import Site, split

    page = read(city, "list/all.html")
    assert "第 1–" not in page.words  # 42 rows: one page
    parts = split("list/all.html", list(range(2500)), size=1000)  # type: ignore[arg-type]
    assert [p.path for p in parts] == ["list/all.html", "list/all-p2.html", "list/all-p3.html"]
    assert [(p.first, len(p.entries)) for p in parts] == [(1, 1000), (1001, 1000), (2001, 500)]
    assert parts[1].links == [
        (1, "all.html", False),
        (2, "all-p2.html", True),
        (3, "all-p3.html", False),
    ]
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    data, _ = site_data(project, [ROOT / CITY_COUNTY], as_of=dt.date(2024, 11, 30))
    site = Site(data, "en")
    site.page_rows = 10
    pages = site.pages()
    assert sorted(n for n in pages if n.startswith("list/all")) == [
        "list/all-p2.html",
        "list/all-p3.html",
        "list/all-p4.html",
        "list/all-p5.html",
        "list/all.html",
    ]
    second = Page(pages["list/all-p2.html"])
    assert "Rows 11–20 of 42" in second.words
    assert "all-p3.html" in second.links and "all.html" in second.links
    assert len(re.findall("<tr class=", pages["list/all-p5.html"])) == 2
    assert "ledger/smx-city-2024-p3.html" in pages


def test_the_ledger_grouping_is_what_status_by_ledger_gives(city: Path) -> None:
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    from rectify.api.site import site_data

    data, _ = site_data(project, [ROOT / CITY_COUNTY], as_of=dt.date(2024, 11, 30))
    for view in data.months:
        wanted = api.status(project, [ROOT / CITY_COUNTY], as_of=view.as_of, by="ledger")
        assert view.ledgers == replace(wanted, pending=[]), view.as_of  # the site lists none


# --- the work done once ----------------------------------------------------------------------


@given(rollups(), st.integers(-30, SPAN + 90), st.booleans())
@settings(max_examples=80, deadline=None)
def test_one_pass_over_a_month_end_gives_the_progress_row(
    ledgers: list[Ledger], offset: int, had_previous: bool
) -> None:
    from rectify.figures.facts import facts_of, from_assessment
    from rectify.figures.month_ends import month_end
    from rectify.figures.months import month_row
    from rectify.figures.state import items

    pool = items(ledgers)
    on = day(offset)
    previous = Fraction(1, 3) if had_previous else None
    assessed, row = month_end(pool, on, previous, due_soon_days=7, margin=Fraction(15, 2))
    assert row == month_row(pool, on, previous, due_soon_days=7)
    wanted = facts_of(pool, on, due_soon_days=7, margin=Fraction(15, 2))
    assert [from_assessment(entry) for entry in assessed] == wanted


@given(rollups(), st.integers(-30, SPAN + 90))
@settings(max_examples=80, deadline=None)
def test_the_chase_list_of_the_month_ends_assessments_is_what_due_gives(
    ledgers: list[Ledger], offset: int
) -> None:
    """The site's lists come from the date's assessments (no issue assessed again): the
    issues counted and the chase list are those of dedupe_carried and chase_list."""
    from rectify.figures.chase import chase_list, chase_of
    from rectify.figures.month_ends import counted_of, month_end
    from rectify.figures.state import dedupe_carried, items

    pool = items(ledgers)
    on = day(offset)
    assessed, _ = month_end(pool, on, None, due_soon_days=7, margin=Fraction(15, 2))
    chosen = counted_of(assessed, on)
    assert [entry.item for entry in chosen] == dedupe_carried(pool, on)
    assert chase_of(chosen) == chase_list(pool, on, due_soon_days=7, margin=Fraction(15, 2))


def test_the_site_rows_are_what_progress_gives() -> None:
    from rectify.api.site import site_data

    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    for as_of in ("2024-11-30", "2024-12-15"):
        day_ = dt.date.fromisoformat(as_of)
        data, _ = site_data(project, [ROOT / "examples"], as_of=day_)
        wanted = api.progress(project, [ROOT / "examples"], as_of=day_)
        assert data.rows == wanted.rows, as_of


def test_a_problem_page_is_the_whole_template_rendered(city: Path) -> None:
    """The problem pages put their parts into a shell rendered once: the same text as the
    template rendered whole, and no script (they have no filter box); a list's row is
    the text of its template rendered whole too."""
    from rectify.api.site import site_data
    from rectify.site.pages import CSS_NAME, ProblemRow, Site

    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    data, _ = site_data(project, [ROOT / CITY_COUNTY], as_of=dt.date(2024, 11, 30))
    site = Site(data, "zh")
    pages = site.pages()
    template = site.env.get_template("issue.html")
    for entry in data.assessed:
        name = site.paths.issue(entry.item.ledger_id, entry.item.issue.id)
        site.render_fast = lambda name, root, **values: template.render(  # type: ignore[method-assign]
            root=root, css=root + CSS_NAME, **values
        )
        assert site.issue_page(entry, "../../") == pages[name], name
        del site.render_fast
        assert "<script" not in pages[name]
    assert pages[name] == (city / name).read_text(encoding="utf-8")
    row_template = site.env.get_template("_row.html")  # the rows: their globals merged once
    for entry in data.assessed:
        row = ProblemRow(entry, "../x.html", "zh")
        assert site._render(row_template, {"row": row}) == row_template.render(row=row)


def test_a_rebuild_links_the_pages_that_did_not_change(tmp_path: Path) -> None:
    folder = tmp_path / "ledgers"
    shutil.copytree(ROOT / CITY_COUNTY, folder)
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    out = tmp_path / "site"
    api.build_site(project, [folder], out=out, as_of=dt.date(2024, 11, 30))
    before = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    issue = Path("issue/lingbao-2024/LB-001.html")
    (out / issue).unlink()  # a page gone, and one changed by hand: both written again
    (out / "list/all.html").write_text("changed", encoding="utf-8")
    (out / "site.css").unlink()
    (out / "site.css").symlink_to(tmp_path / "ledgers" / "lingbao-2024.yaml")
    path = folder / "lingbao-2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("备案后监管缺位", "备案后监管不到位"),
        encoding="utf-8",
    )
    api.build_site(project, [folder], out=out, as_of=dt.date(2024, 11, 30))
    after = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    kept = {name for name in after if after[name] == before[name]}
    assert Path("issue/smx-city-2024/SMX-001.html") in kept
    assert issue not in kept and Path("list/all.html") not in kept
    assert not (out / "site.css").is_symlink()
    fresh = build(tmp_path / "fresh", str(folder))
    for name in after:  # the same bytes as a site built from nothing
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert Path("issue/lingbao-2024/LB-002.html") not in kept  # its title changed


def _count_month_ends(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """The month ends a build works out (not read back), as it works them out."""
    import rectify.figures.month_ends as month_ends

    worked: list[dt.date] = []
    real = month_ends.month_end

    def counted(pool: Any, on: dt.date, *args: Any, **kwargs: Any) -> Any:
        worked.append(on)
        return real(pool, on, *args, **kwargs)

    monkeypatch.setattr(month_ends, "month_end", counted)
    return worked


def test_a_build_reads_the_ended_months_a_build_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ended months are kept in rectify's cache folder, never in the published site: a
    build into another, empty folder reads them too."""
    from rectify.api.site import KEPT

    folder = tmp_path / "ledgers"
    shutil.copytree(ROOT / CITY_COUNTY, folder)
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20), cache=True)
    out = tmp_path / "site"
    worked = _count_month_ends(monkeypatch)
    day = dt.date(2024, 12, 15)
    api.build_site(project, [folder], out=out, as_of=day)
    assert len(worked) == 6
    fresh = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert not [name for name in fresh if "month" in str(name) and name.suffix == ".json"]
    worked.clear()
    other = tmp_path / "other-site"
    api.build_site(project, [folder], out=other, as_of=day)
    assert worked == [day]  # the five ended months read back, the month so far worked out
    again = {p.relative_to(other): p.read_bytes() for p in other.rglob("*") if p.is_file()}
    assert again == fresh
    (stored,) = (tmp_path / ".rectify-cache").glob(f"value-{KEPT}-*.json")
    mark, body = stored.read_bytes().split(b"\n", 1)
    kept = json.loads(body)
    kept["value"]["2024-09-30"][0][0][5] = "many"  # changed: the seal no longer holds
    stored.write_bytes(mark + b"\n" + json.dumps(kept).encode())
    worked.clear()
    api.build_site(project, [folder], out=out, as_of=day)
    assert len(worked) == 6  # nothing kept is believed: every month worked out again
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == fresh
    path = folder / "lingbao-2024.yaml"  # other ledger bytes: every month worked out again
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    worked.clear()
    api.build_site(project, [folder], out=out, as_of=day)
    assert len(worked) == 6
    worked.clear()
    api.build_site(api.Project.open(ROOT, today=day, cache=False), [folder], out=out, as_of=day)
    assert len(worked) == 6  # --no-cache: nothing read back


def test_the_months_kept_name_the_ledgers_and_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept months are read back only for the same ledger bytes, settings and figures code."""
    import rectify.api.site as site_api
    from rectify.api.site import figures_code, ledgers_key

    assert any(path.name == "state.py" for path in figures_code())
    code = tmp_path / "state.py"
    code.write_text("# the rules\n", encoding="utf-8")
    monkeypatch.setattr(site_api, "figures_code", lambda: [code])
    folder = tmp_path / "ledgers"
    shutil.copytree(ROOT / CITY_COUNTY, folder)
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    files = sorted(folder.glob("*.yaml"))
    key = ledgers_key(project, files)
    assert ledgers_key(project, files) == key
    assert ledgers_key(project, files[:-1]) != key
    other = replace(project, config=replace(project.config, due_soon_days=7))
    assert ledgers_key(other, files) != key
    files[0].write_bytes(files[0].read_bytes() + b"\n")
    assert ledgers_key(project, files) != key
    changed = ledgers_key(project, files)
    code.write_text("# the rules, one fixed\n", encoding="utf-8")
    assert ledgers_key(project, files) != changed  # a rule fixed: the months worked out anew


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system (Windows)")
def test_problem_pages_rendered_by_two_processes_are_those_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big site renders part of its problem pages in a forked process, which writes them
    itself: the pages are the same, byte for byte, as those one process writes."""
    import rectify.api.site as site_api
    import rectify.site.pages as pages

    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    day = dt.date(2024, 12, 15)
    one = tmp_path / "one"
    api.build_site(project, [ROOT / CITY_COUNTY], out=one, as_of=day)
    monkeypatch.setattr(pages, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # as on a machine of two cores
    seen = tmp_path / "renderers.txt"
    real = pages.Site.issue_pages

    def issue_pages(self: Any, entries: list[Any]) -> dict[str, str]:
        with seen.open("a", encoding="utf-8") as out:  # each process says who it is
            out.write(f"{os.getpid()} {len(entries)}\n")
        return real(self, entries)

    monkeypatch.setattr(pages.Site, "issue_pages", issue_pages)
    wrote = tmp_path / "writers.txt"
    real_write = site_api.write_pages

    def write_pages(found: dict[str, str], fresh: Path, old: Path | None) -> None:
        with wrote.open("a", encoding="utf-8") as out:  # each process says what it wrote
            out.writelines(f"{os.getpid()} {name}\n" for name in found)
        real_write(found, fresh, old)

    monkeypatch.setattr(site_api, "write_pages", write_pages)
    two = tmp_path / "two"
    built = api.build_site(project, [ROOT / CITY_COUNTY], out=two, as_of=day)
    renderers = [line.split() for line in seen.read_text(encoding="utf-8").splitlines()]
    assert len({pid for pid, _ in renderers}) == 2  # two processes rendered problem pages
    assert os.getpid() in {int(pid) for pid, _ in renderers}
    assert sum(int(count) for _, count in renderers) == 42
    writers: dict[str, set[str]] = {}
    for line in wrote.read_text(encoding="utf-8").splitlines():
        pid, name = line.split(" ", 1)
        writers.setdefault(pid, set()).add(name)
    # the forked process wrote the pages it rendered: none of their text came back
    (child,) = {pid for pid, _ in renderers} - {str(os.getpid())}
    assert len(writers[child]) == int(dict(renderers)[child]) > 0
    assert all(name.startswith("issue/") for name in writers[child])
    assert not writers[child] & writers[str(os.getpid())]
    files = {p.relative_to(one): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    assert len([p for p in files if p.parts[0] == "issue"]) == 42
    assert {p.relative_to(two): p.read_bytes() for p in two.rglob("*") if p.is_file()} == files
    assert built.pages == len([p for p in files if p.suffix == ".html"])
    assert {str(p) for p in files} == set().union(*writers.values())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system (Windows)")
def test_a_forked_process_that_fails_leaves_the_old_site_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forked process writes into the new folder only: when it fails, the build fails,
    the old site stays as it was and no half-written folder is left beside it."""
    import rectify.api.site as site_api
    import rectify.site.pages as pages

    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    out = tmp_path / "site"
    api.build_site(project, [ROOT / CITY_COUNTY], out=out, as_of=dt.date(2024, 11, 30))
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(pages, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parent, real_write = os.getpid(), site_api.write_pages

    def write_pages(found: dict[str, str], fresh: Path, old: Path | None) -> None:
        if os.getpid() == parent:
            real_write(found, fresh, old)
            return
        real_write(dict(list(found.items())[:3]), fresh, old)  # the forked process, partway
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(site_api, "write_pages", write_pages)
    with pytest.raises(OSError, match="No space left"):
        api.build_site(project, [ROOT / CITY_COUNTY], out=out, as_of=dt.date(2024, 12, 15))
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_rollup_site_reads_the_ended_months_a_build_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A roll-up's sources are read at their commits: its ended months are kept by what was
    read (each ledger's name and bytes), and a new commit of a source works them out anew."""
    from rollup_repos import commit_all, make_rollup

    manifest = make_rollup(tmp_path / "province-view")
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    project = api.Project.open(tmp_path, today=dt.date(2024, 12, 20), cache=True)
    api.sync(project, [manifest])
    worked = _count_month_ends(monkeypatch)
    day = dt.date(2024, 12, 15)
    first = tmp_path / "site"
    api.build_site(project, [manifest], out=first, as_of=day)
    assert len(worked) > 1
    fresh = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    worked.clear()
    second = tmp_path / "again"
    api.build_site(project, [manifest], out=second, as_of=day)
    assert worked == [day]  # the ended months read back, the month so far worked out
    assert {p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()} == (
        fresh
    )
    repo = manifest.parent / "repos" / "lushi"
    ledger = next(repo.glob("*.yaml"))
    ledger.write_text(ledger.read_text(encoding="utf-8") + "# 又一个月\n", encoding="utf-8")
    commit_all(repo, "lushi: a new commit")
    api.sync(project, [manifest])
    worked.clear()
    api.build_site(project, [manifest], out=second, as_of=day)
    assert len(worked) > 1  # other bytes read: every month worked out again
