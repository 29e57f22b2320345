"""`rectify site` in a real browser: headless Chromium opens the pages from file://.

Clicks overview → unit → problem, uses the filter box and the month selector,
fails on any console error or a missing figure, and keeps screenshots at
desktop and phone widths in test-artifacts/site/ (git ignores it). Skipped,
with the reason, when Chromium, its driver or selenium is not installed
(`apt-get install chromium chromium-driver`, `pip install selenium`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, RunCli
from rectify import api

pytestmark = pytest.mark.slow

CITY_COUNTY = "examples/sanmenxia/city-county"
ARTIFACTS = Path(os.environ.get("RECTIFY_ARTIFACTS", ROOT / "test-artifacts")) / "site"
DESKTOP, PHONE = (1280, 900), (390, 844)


def _browser_paths() -> tuple[str, str] | str:
    """(chromium, chromedriver), or why the tests cannot run."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium, or the test extra)"
    browser = next(
        (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))),
        None,
    )
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        return (
            "Chromium and its driver are not installed (apt-get install chromium chromium-driver)"
        )
    return browser, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    found = _browser_paths()
    if isinstance(found, str):
        pytest.skip(found)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = api.Project.open(ROOT, today=dt.date(2024, 12, 20))
    out = tmp_path_factory.mktemp("browser") / "site"
    api.build_site(project, [ROOT / CITY_COUNTY], out=out, as_of=dt.date(2024, 11, 30))
    return out


def errors(driver: Any) -> list[str]:
    """The console's errors since the last call (warnings and messages are let through)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def shoot(driver: Any, name: str, size: tuple[int, int]) -> Path:
    """A screenshot of the whole page at a width, kept under test-artifacts/site/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    metrics = {"width": size[0], "height": size[1], "deviceScaleFactor": 1}
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {**metrics, "mobile": size is PHONE}
    )
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {**metrics, "height": min(max(height, size[1]), 8000), "mobile": size is PHONE},
    )
    path = ARTIFACTS / f"{name}-{size[0]}.png"
    driver.save_screenshot(str(path))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path


def text_of(driver: Any) -> str:
    from selenium.webdriver.common.by import By

    return " ".join(driver.find_element(By.TAG_NAME, "body").text.split())


def test_overview_unit_problem_by_clicks(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(*DESKTOP)
    browser.get((site / "index.html").as_uri())
    assert "73.1%" in text_of(browser) and "(30/41)" in text_of(browser)
    main = browser.find_element(By.CSS_SELECTOR, ".card.main")
    assert main.is_displayed() and "73.1%" in main.text
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart").is_displayed()
    for size in (DESKTOP, PHONE):
        assert shoot(browser, "overview", size).stat().st_size > 10_000
    assert errors(browser) == []

    browser.find_element(By.LINK_TEXT, "市民政局").click()
    assert browser.current_url.endswith(".html") and "/unit/" in browser.current_url
    assert "78.5% (11/14)" in text_of(browser)
    for size in (DESKTOP, PHONE):
        shoot(browser, "unit", size)
    assert errors(browser) == []

    browser.find_element(By.LINK_TEXT, "SMX-014").click()
    assert browser.current_url.endswith("/issue/smx-city-2024/SMX-014.html")
    words = text_of(browser)
    assert "部分农村幸福院运营不正常" in words and "逾期15天" in words and "82.0%" in words
    for size in (DESKTOP, PHONE):
        shoot(browser, "problem", size)
    assert errors(browser) == []


def test_the_filter_box_works_offline(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "list" / "all.html").as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "#list-table tbody tr")
    assert len(rows) == 42
    box = browser.find_element(By.CSS_SELECTOR, "input[data-filter]")
    box.send_keys("灵宝 民政")
    shown = [row for row in rows if row.is_displayed()]
    assert 0 < len(shown) < 42
    assert all("灵宝" in row.text and "民政" in row.text for row in shown)
    assert browser.find_element(By.ID, "list-table-n").text == str(len(shown))
    shoot(browser, "filter", PHONE)
    box.clear()
    box.send_keys("SMX-003")
    assert [row.text.split()[0] for row in rows if row.is_displayed()] == ["SMX-003"]
    assert errors(browser) == []


def test_the_month_selector_shows_what_status_gives(browser: Any, site: Path, run: RunCli) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((site / "index.html").as_uri())
    Select(browser.find_element(By.ID, "month-pick")).select_by_value("month/2024-09.html")
    assert browser.current_url.endswith("/month/2024-09.html")
    result = run("status", CITY_COUNTY, "--as-of", "2024-09-30", "--format", "json", cwd=ROOT)
    expected = json.loads(result.stdout)["rectified_rate"]
    shown = browser.find_element(By.CSS_SELECTOR, ".card.main").text
    assert expected["text"] in shown
    assert f"({expected['numerator']}/{expected['denominator']})" in shown
    inline = browser.execute_script(
        "return JSON.parse(document.getElementById('rectify-figures').textContent)"
    )
    assert inline == json.loads(result.stdout)
    Select(browser.find_element(By.ID, "month-pick")).select_by_value("../index.html")
    assert browser.current_url.endswith("/index.html")
    assert "73.1%" in browser.find_element(By.CSS_SELECTOR, ".card.main").text
    assert errors(browser) == []


def test_a_folded_month_table_is_printed(browser: Any, site: Path) -> None:
    """The month-by-month table is folded (<details>) on screen and printed open: by the
    print stylesheet alone, and by the page's script, which opens it before printing."""
    browser.get((site / "index.html").as_uri())
    shown = (
        "var t = document.querySelector('details table');"
        "return [document.querySelector('details').open, t.checkVisibility()]"
    )
    assert browser.execute_script(shown) == [False, False]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(shown) == [False, True]  # the stylesheet alone
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.execute_script(
        "window.seen = [];"
        "window.addEventListener('beforeprint', function () {"
        "  window.seen.push(document.querySelector('details').open); });"
    )
    assert browser.print_page().startswith("JVBER")  # a PDF, printed as a person would
    assert browser.execute_script("return window.seen") == [True]  # open while printing
    assert browser.execute_script(shown) == [False, False]  # folded again afterwards
    assert errors(browser) == []
