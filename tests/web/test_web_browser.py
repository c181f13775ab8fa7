"""End-to-end tests in real headless Chromium (Debian's package, driven by Playwright).

They skip when Chromium or Playwright is missing, unless DETENTE_REQUIRE_BROWSER=1 (set by
.ci/run), in which case a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRED = os.environ.get("DETENTE_REQUIRE_BROWSER") == "1"


def _unavailable() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, test_lenses: Path) -> Iterator[str]:
    reason = _unavailable()
    if reason:
        if REQUIRED:
            pytest.fail(f"DETENTE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    port = _free_port()
    database = tmp_path_factory.mktemp("browser") / "detente.db"
    env = dict(os.environ)
    env.pop("DETENTE_TOKEN", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "detente",
            "serve",
            "--db",
            f"sqlite:///{database}",
            "--port",
            str(port),
        ],
        env=env,
        stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/api", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"detente serve did not start (exit code {process.poll()})")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.on(
        "response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    opened.console_errors = errors
    yield opened
    context.close()


def _upload(page: Any, server: str, text: str) -> None:
    page.goto(server + "/")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=author]", "browser test")
    page.click("form[action='/upload'] button[type=submit]")


def _run_and_wait(page: Any) -> None:
    page.click("#run-button")
    page.wait_for_url("**/runs/*")
    page.wait_for_selector("#run-status .status-done, #run-status .status-failed", timeout=60_000)
    page.wait_for_load_state("load")


def _summary_value(page: Any, key: str) -> str:
    return str(page.locator(f"td.num[data-key='{key}']").first.text_content()).strip()


def _default_scenario() -> tuple[str, str]:
    """(id, text) of the shipped default scenario."""
    from detente.scenario import DEFAULT_SCENARIO, load_scenario, shipped_path

    path = shipped_path(DEFAULT_SCENARIO)
    return load_scenario(path).id, path.read_text(encoding="utf-8")


def test_default_scenario_analyse_edit_a_preference_and_see_the_result_change(
    page: Any, server: str
) -> None:
    """The shipped default scenario through the conflict lens: Ukraine's preference against
    ceding the rest of Donbas (-CEDE) turned into a preference for it (CEDE) makes state 24 a
    Nash equilibrium, which it is not with the shipped preferences."""
    from detente.lens import available_lenses

    if "conflict" not in available_lenses():
        pytest.skip("the conflict lens is not installed")
    slug, text = _default_scenario()
    page.goto(server + "/")
    page.click(f"#scenarios a[href='/scenarios/{slug}']")
    page.wait_for_url(f"**/scenarios/{slug}")
    _run_and_wait(page)
    assert page.locator("#run-status .status-done").count() == 1
    assert _summary_value(page, "equilibrium.nash.24") == "0"
    page.wait_for_selector("#lens-conflict .figure .plot .main-svg")  # the report's figures

    page.goto(f"{server}/scenarios/{slug}/edit")
    shipped = page.input_value("#yaml")
    assert shipped == text
    edited = shipped.replace("          - statement: -CEDE\n", "          - statement: CEDE\n", 1)
    assert edited != shipped
    page.fill("#yaml", edited)
    page.wait_for_selector("#problems .valid")
    page.fill("input[name=note]", "Ukraine would accept ceding the rest of Donbas")
    page.click("#save-button")
    page.wait_for_url(f"**/scenarios/{slug}")
    _run_and_wait(page)
    assert _summary_value(page, "equilibrium.nash.24") == "1"
    assert page.console_errors == []


def test_analyse_edit_and_see_the_result_change(page: Any, server: str, scenario_text: str) -> None:
    _upload(page, server, scenario_text)
    page.wait_for_url("**/scenarios/demo")
    assert page.inner_text("#scenario-title") == "Demo talks"
    _run_and_wait(page)
    assert page.locator("#run-status .status-done").count() == 1
    assert _summary_value(page, "actors") == "2"
    page.wait_for_selector(".figure .plot .main-svg")  # plotly drew the headline figure

    page.goto(server + "/scenarios/demo/edit")
    edited = scenario_text + "  - id: gamma\n    name: Gamma\n"
    page.fill("#yaml", edited)
    page.wait_for_selector("#problems .valid")
    page.fill("input[name=note]", "Gamma joins the talks")
    page.click("#save-button")
    page.wait_for_url("**/scenarios/demo")
    assert "Gamma joins the talks" in page.inner_text("#revisions")
    _run_and_wait(page)
    assert _summary_value(page, "actors") == "3"

    page.goto(server + "/scenarios/demo/timeline")
    page.wait_for_selector(".figure .plot .main-svg")
    assert page.console_errors == []


def test_live_validation_points_at_the_line(page: Any, server: str, scenario_text: str) -> None:
    _upload(page, server, scenario_text.replace("id: demo", "id: lines"))
    page.goto(server + "/scenarios/lines/edit")
    page.fill(
        "#yaml",
        scenario_text.replace("id: demo", "id: lines").replace(
            "    name: Beta", "    name: Beta\n    colour: red"
        ),
    )
    page.wait_for_selector("#problems .invalid")
    assert "line 11" in page.inner_text("#problems ul.problems")
    assert page.locator("#problems ol.listing li.bad").first.get_attribute("value") == "11"
    assert page.console_errors == []
    page.click("#save-button")
    assert "nothing was stored" in page.inner_text("#problems")
    assert all("422" in e for e in page.console_errors)  # the refused save, nothing else
    page.console_errors.clear()
    page.goto(server + "/scenarios/lines")
    assert page.locator("#revisions tbody tr").count() == 1
    assert page.console_errors == []


def test_failed_job_shows_its_error(page: Any, server: str, scenario_text: str) -> None:
    text = scenario_text.replace("id: demo", "id: failing").replace(
        "A two-party test scenario.", "fail! the model diverged"
    )
    _upload(page, server, text)
    page.wait_for_url("**/scenarios/failing")
    _run_and_wait(page)
    assert "the model diverged" in page.inner_text("#run-error")
    assert page.console_errors == []


XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def test_malicious_labels_are_shown_as_text_never_run(
    page: Any, server: str, scenario_text: str
) -> None:
    text = (
        scenario_text.replace("id: demo", "id: xss")
        .replace("title: Demo talks", f"title: '{XSS}'")
        .replace("name: Alpha", "name: '</script><script>window.__xss=3</script>'")
        .replace("A two-party test scenario.", "'<b onmouseover=window.__xss=4>hover</b>'")
    )
    _upload(page, server, text)
    page.wait_for_url("**/scenarios/xss")
    assert page.inner_text("#scenario-title") == XSS  # shown literally
    _run_and_wait(page)
    for path in ("/", "/scenarios/xss", "/runs", "/scenarios/xss/timeline", "/scenarios/xss/edit"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
    page.goto(server + "/")
    assert XSS in page.inner_text("#scenarios")


def test_malicious_labels_in_lens_figures_are_never_run(page: Any, server: str) -> None:
    """User strings reach plotly figures (option labels, actor names) only as data."""
    from detente.lens import available_lenses

    if "conflict" not in available_lenses():
        pytest.skip("the conflict lens is not installed")
    slug, text = _default_scenario()
    hostile = (
        text.replace(f"id: {slug}", "id: xss_conflict", 1)
        .replace("{id: RUS, name: Russia}", "{id: RUS, name: '<img src=x onerror=window.__xss=5>'}")
        .replace(
            'label: "Russia accepts the framework',
            'label: "<script>window.__xss=6</script><img src=y onerror=window.__xss=7>',
            1,
        )
    )
    assert hostile.count("__xss") == 3
    _upload(page, server, hostile)
    page.wait_for_url("**/scenarios/xss_conflict")
    _run_and_wait(page)
    page.wait_for_selector("#lens-conflict .figure .plot .main-svg")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert "<img src=x onerror=window.__xss=5>" in page.content().replace("&lt;", "<").replace(
        "&gt;", ">"
    )
