"""The factsheet in a real browser: charts render with text alternatives, and the page passes axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, World, intake
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_factsheet_page_is_accessible(world: World, new_page: Any) -> None:
    for _ in range(6):
        intake(world)
    page = new_page(world.care_user.username, PASSWORD)
    page.get_by_role("button", name="Menu").click()  # a phone: the menu is behind its button
    page.get_by_role("link", name="Factsheets").click()
    page.get_by_role("link", name="Utrecht", exact=True).click()
    expect(page.get_by_role("heading", name=f"Factsheet Utrecht — {timezone.localdate().year}")).to_be_visible()
    expect(page.get_by_role("img", name="Meldingen per urgentie")).to_be_visible()
    check_accessibility(page)


def test_comparison_page_sorts_and_is_accessible(world: World, new_page: Any) -> None:
    for _ in range(6):
        intake(world)
    page = new_page(world.care_user.username, PASSWORD)
    page.goto("/monitoring/")
    page.get_by_role("link", name="Alle gemeenten vergeleken").click()
    page.get_by_role("link", name="Gemeente").click()
    expect(page.locator("th[aria-sort=descending]")).to_have_count(1)
    first = page.locator("tbody tr th").first
    expect(first).to_have_text("Zwolle")  # the whole country, Z to A
    check_accessibility(page)


def test_region_infographic_is_accessible(world: World, new_page: Any) -> None:
    for _ in range(6):
        intake(world)
    page = new_page(world.care_user.username, PASSWORD)
    page.goto("/monitoring/")
    page.get_by_role("link", name="De regio in beeld").click()
    expect(page.get_by_text("meldingen verward gedrag in GIPZ")).to_be_visible()
    check_accessibility(page)
