"""The live board while it updates: a keyboard user keeps focus on the control they were on, a new request is
announced once in a polite live region, nothing is replaced when nothing changed, and the refresh can be paused."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, World, intake
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_focus_stays_and_new_requests_are_announced_once(world: World, new_page: Any, settings: Any) -> None:
    settings.GIPZ_BOARD_REFRESH_SECONDS = 1
    first, last = intake(world), intake(world)
    page = new_page(world.crisis_user.username, PASSWORD, width=1280, height=900)
    page.goto("/bord/")
    button = page.get_by_role("button", name=f"{last.reference} accepteren")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # a keyboard user on the last "Accepteren"
    label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert label == f"{last.reference} accepteren"
    page.wait_for_timeout(2500)  # polls that change nothing replace nothing
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == label
    newest = intake(world)
    expect(page.get_by_role("link", name=newest.reference)).to_be_visible(timeout=5000)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == label  # focus kept
    news = page.locator("#live-news")
    expect(news).to_contain_text(f"Nieuw verzoek: {newest.reference}")
    assert first.reference not in news.inner_text()  # the ones already there are not announced
    check_accessibility(page)

    pause = page.get_by_role("button", name="Verversen pauzeren")
    pause.click()
    expect(page.get_by_role("button", name="Verversen hervatten")).to_have_attribute("aria-pressed", "true")
    paused_one = intake(world)
    page.wait_for_timeout(2500)
    expect(page.get_by_role("link", name=paused_one.reference)).to_have_count(0)
    page.get_by_role("button", name="Verversen hervatten").click()
    expect(page.get_by_role("link", name=paused_one.reference)).to_be_visible(timeout=5000)
