"""The report in real headless Chromium (Debian's package, driven by Playwright), offline.

Skips when Chromium or Playwright is missing, unless DETENTE_REQUIRE_BROWSER=1 (as .ci/run
sets it), in which case a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from detente.report.html import build_report
from detente.report.run import run_lenses
from detente.scenario import load_scenario, shipped_path

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
REQUIRED = os.environ.get("DETENTE_REQUIRE_BROWSER") == "1"


def _unavailable() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    reason = _unavailable()
    if reason:
        if REQUIRED:
            pytest.fail(f"DETENTE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    scenario = load_scenario(shipped_path("ukraine-2025"))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(build_report(scenario, run_lenses(scenario)), encoding="utf-8")
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1300, "height": 900}
        )
        requests: list[str] = []
        errors: list[str] = []
        # offline: anything but the file itself (and data: URIs) is recorded and refused
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else (requests.append(route.request.url), route.abort())[1]
            ),
        )
        tab = context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(Path(path).as_uri())
        tab.wait_for_selector("#conflict-state-graph .main-svg")
        yield tab, requests, errors
        browser.close()


def test_every_figure_renders_offline_without_errors(page) -> None:  # type: ignore[no-untyped-def]
    tab, requests, errors = page
    figures = tab.eval_on_selector_all("[data-figure]", "els => els.map(e => e.id)")
    assert len(figures) >= 6
    for key in figures:
        assert tab.locator(f"#{key} .main-svg").count() >= 1, key
    assert requests == []
    assert errors == []


def test_clicking_a_verdict_shows_its_explanation(page) -> None:  # type: ignore[no-untyped-def]
    tab, _, _ = page
    cell = tab.locator("#conflict-stability td[data-why]").first
    cell.click()
    panel = tab.locator("#why-conflict-stability")
    assert panel.is_visible()
    why = " ".join((cell.get_attribute("data-why") or "").split())
    assert why and why in " ".join(panel.inner_text().split())


def test_svg_png_and_csv_downloads(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab, _, _ = page
    with tab.expect_download() as svg:
        tab.click("button[data-export=svg][data-target=deterrence-region-map]")
    target = tmp_path / "map.svg"
    svg.value.save_as(target)
    assert svg.value.suggested_filename == "deterrence-region-map.svg"
    assert "<svg" in target.read_text(encoding="utf-8")[:2000]
    with tab.expect_download() as png:
        tab.click("button[data-export=png][data-target=conflict-state-graph]")
    png.value.save_as(tmp_path / "graph.png")
    assert (tmp_path / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with tab.expect_download() as csv:
        tab.click("#block-conflict-stability a[download]")
    csv.value.save_as(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("state,options,")
