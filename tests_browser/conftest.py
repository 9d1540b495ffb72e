"""Browser tests: Playwright (Python) driving Debian's chromium, headless, against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in these tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GIPZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests_browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def reference_data(transactional_db: Any) -> None:
    """Transactional tests empty every table afterwards, including the municipalities the migrations loaded;
    put them back for the next test."""
    from gipz.geo.models import Municipality, MunicipalitySuccession, SafetyRegion
    from gipz.geo.reference import load_reference

    if not Municipality.objects.exists():
        load_reference(Municipality, SafetyRegion, MunicipalitySuccession)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """Factory: a fresh browser context (its own cookies) per user, so police and crisis can work side by side."""
    contexts = []

    def make(username: str | None = None, password: str | None = None, *, width: int = 412, height: int = 915) -> Any:
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if username:
            login(page, username, password or "")
        return page

    yield make
    for context in contexts:
        context.close()


def login(page: Any, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def check_accessibility(page: Any) -> None:
    """axe-core (vendored by the axe-playwright-python package): no serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}×) at {[node['target'] for node in v['nodes']][:3]}: "
        f"{v['nodes'][0].get('failureSummary', '')}"
        for v in serious
    )
