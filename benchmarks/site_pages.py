"""How heavy and how quick the pages of a site are: benchmarks/site_pages.py SITE [--repeat N].

SITE is a folder `rectify site` wrote (docs/performance.md, "Site", builds the
10,000-problem one). Prints the bytes of each kind of page, then opens pages in
headless Chromium from file:// (selenium, chromium and chromedriver installed)
and prints the time until DOMContentLoaded and until load, and how long the
filter box takes over the rows of a list page, until the next frame is drawn.
The best of --repeat runs; nothing is written.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

FILTER = """
var done = arguments[arguments.length - 1];
var box = document.querySelector("input[data-filter]");
var start = performance.now();
box.value = arguments[0];
box.dispatchEvent(new Event("input"));
var ran = performance.now();
requestAnimationFrame(function () { setTimeout(function () {
  var shown = document.getElementById(box.getAttribute("data-count")).textContent;
  done([ran - start, performance.now() - start, shown]);
}, 0); });
"""


def weights(site: Path) -> list[tuple[str, int, int, int]]:
    """(kind, pages, median bytes, largest bytes) of each kind of page."""
    kinds = {
        "overview": [site / "index.html"],
        "month": sorted((site / "month").glob("*.html")),
        "ledger": sorted((site / "ledger").glob("*.html")),
        "unit": sorted((site / "unit").glob("*.html")),
        "list": sorted((site / "list").glob("*.html")),
        "problem": sorted((site / "issue").rglob("*.html")),
    }
    found = []
    for kind, pages in kinds.items():
        sizes = [page.stat().st_size for page in pages]
        if sizes:
            found.append((kind, len(sizes), int(statistics.median(sizes)), max(sizes)))
    return found


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_window_size(1280, 900)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(60)
    return driver


def timings(driver: Any, page: Path) -> tuple[float, float]:
    """(ms to DOMContentLoaded, ms to load) of one page opened from file://."""
    driver.get("about:blank")
    driver.get(page.as_uri())
    entry = driver.execute_script(
        "var e = performance.getEntriesByType('navigation')[0];"
        "return [e.domContentLoadedEventEnd, e.loadEventEnd];"
    )
    return float(entry[0]), float(entry[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--word", default="资金不到位", help="what to type into the filter box")
    args = parser.parse_args(argv)
    site: Path = args.site
    print("| page | pages | median bytes | largest |")
    print("|---|---|---|---|")
    for kind, count, median, largest in weights(site):
        print(f"| {kind} | {count} | {median:,} | {largest:,} |")
    problem = next((site / "issue").rglob("*.html"))
    lists = site / "list" / "all.html"
    unit = max((site / "unit").glob("*.html"), key=lambda p: p.stat().st_size)
    ledger = max((site / "ledger").glob("*.html"), key=lambda p: p.stat().st_size)
    driver = browser()
    try:
        print("\n| page | bytes | DOMContentLoaded ms | load ms |")
        print("|---|---|---|---|")
        for name, page in [
            ("overview", site / "index.html"),
            ("list of all (first page)", lists),
            ("largest ledger page", ledger),
            ("largest unit page", unit),
            ("a problem", problem),
        ]:
            best = min((timings(driver, page) for _ in range(args.repeat)), key=lambda t: t[1])
            print(f"| {name} | {page.stat().st_size:,} | {best[0]:.0f} | {best[1]:.0f} |")
        print("\n| filter | rows | script ms | until drawn ms | rows shown |")
        print("|---|---|---|---|---|")
        for name, page in [("list of all (first page)", lists), ("largest unit page", unit)]:
            driver.get(page.as_uri())
            rows = driver.execute_script(
                "return document.querySelector('table.problems').tBodies[0].rows.length"
            )
            runs = []
            for _ in range(args.repeat):
                runs.append(driver.execute_async_script(FILTER, args.word))
                driver.execute_async_script(FILTER, "")
            ran, drawn, shown = min(runs, key=lambda r: r[1])
            print(f"| {name} | {rows} | {ran:.1f} | {drawn:.1f} | {shown} |")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
