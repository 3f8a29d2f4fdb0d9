"""`--format html`: one self-contained page, checked as text and in headless Chromium.

The browser test needs Debian's chromium and chromium-driver (`apt-get install chromium
chromium-driver`) and Selenium (the `test` extra); it is skipped, saying which is missing,
otherwise. Its screenshot goes to benchmarks/out/screenshots/html_report.png.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.viewer.report_io import load_report
from reports.html import build_page_from_saved
from tests.report_fixture import render, run_demo, write_articles, write_report

ARTIFACTS = Path(__file__).resolve().parent.parent / "benchmarks" / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_articles(tmp_path)
    target = tmp_path / "report.html"
    target.write_text(render(run_demo(tmp_path), "html"), encoding="utf-8")
    return target


def embedded(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="checker-data">(.*?)</script>', html, re.S)
    assert m is not None
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def test_page_is_self_contained_and_deterministic(page: Path, tmp_path: Path) -> None:
    html = page.read_text(encoding="utf-8")
    # nothing is fetched: no external scripts, styles or images, and a CSP that forbids it
    assert "default-src 'none'" in html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "http://" not in html.replace("http://www.w3.org", "")
    data = embedded(html)
    assert len(data["findings"]) == 4
    assert sorted(data["files"]) == ["articles/2025-03-13-digest.md", "articles/2025-03-14-digest.md"]
    # same input, same bytes (no clock, no random ids)
    assert render(run_demo(tmp_path), "html") == html


def test_article_text_cannot_break_out_of_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_articles(tmp_path)
    article = tmp_path / "articles" / "2025-03-13-digest.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n</script><script>alert(1)</script><!--\n")
    html = render(run_demo(tmp_path), "html")
    assert html.count("</script>") == 2  # the data block and the code, nothing from the article
    assert "alert(1)" in embedded(html)["files"]["articles/2025-03-13-digest.md"]


def test_page_from_a_saved_report_leaves_changed_files_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path)
    (tmp_path / "articles" / "2025-03-14-digest.md").write_text("changed\n", encoding="utf-8")
    data = embedded(build_page_from_saved(load_report(str(report))))
    assert list(data["files"]) == ["articles/2025-03-13-digest.md"]
    assert len(data["findings"]) == 4


# --- in a browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_click_a_finding_highlights_it_and_shows_evidence(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    assert browser.execute_script("return document.documentElement.dataset.ready") == "1"
    items = browser.find_elements(By.CSS_SELECTOR, "#side a[data-i]")
    assert len(items) == 4
    assert browser.find_element(By.ID, "shown").text == "4 of 4 shown"

    typo = next(a for a in items if "demo.typo" in a.text)
    typo.click()
    current = browser.find_elements(By.CSS_SELECTOR, "#doc mark.current")
    assert [m.text for m in current] == ["Hoppe-Eco"]
    # the highlight is visible: a background other than transparent
    assert current[0].value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    evidence = browser.find_element(By.ID, "evidence").text
    assert "suggestion: Hopper-Eco" in evidence and "is written 2 times" in evidence
    # every other finding of the article is marked in place too
    assert "希望这个版本对您有帮助！" in [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#doc mark")]
    assert browser.execute_script("return location.hash") == "#f-" + typo.get_attribute("data-i")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "html_report.png"))

    # evidence that points into the other digest opens it at that line
    browser.find_element(By.CSS_SELECTOR, "#evidence button.jump").click()
    focus = browser.find_element(By.CSS_SELECTOR, "#doc .ln.focus")
    assert focus.get_attribute("id") == "L10" and "Hopper-Eco" in focus.text
    assert "AI 日报 2025-03-13" in browser.find_element(By.CSS_SELECTOR, "#doc h2").text


def test_filters_and_search(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(page.as_uri())

    def shown() -> list[str]:
        return [a.get_attribute("data-i") for a in browser.find_elements(By.CSS_SELECTOR, "#side li:not(.hidden) a")]

    browser.find_element(By.CSS_SELECTOR, "#f-sev input[value=error]").click()  # untick errors
    assert len(shown()) == 2
    assert browser.find_element(By.ID, "shown").text == "2 of 4 shown"
    browser.find_element(By.CSS_SELECTOR, "#f-sev input[value=error]").click()
    Select(browser.find_element(By.ID, "f-rule")).select_by_value("demo.residue")
    assert len(shown()) == 2
    Select(browser.find_element(By.ID, "f-rule")).select_by_value("")
    browser.find_element(By.ID, "f-q").send_keys("todo")
    assert len(shown()) == 1
    # keyboard: j moves to the next shown finding
    browser.find_element(By.ID, "f-q").clear()
    browser.find_element(By.ID, "f-q").send_keys(" ")  # fires input; a blank query shows all
    browser.find_element(By.TAG_NAME, "body").click()
    first = browser.execute_script("return location.hash")
    browser.find_element(By.TAG_NAME, "body").send_keys("j")
    assert browser.execute_script("return location.hash") != first
