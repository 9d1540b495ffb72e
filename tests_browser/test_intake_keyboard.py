"""The intake by keyboard alone on a phone-sized page, while the triage advice updates after every answer: focus
stays on the control the officer is on, the advice is announced in its polite live region, and Enter sends it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, World
from gipz.situations.models import Situation
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => { const e = document.activeElement;
  return e === document.body ? 'BODY' : (e.name || e.textContent.trim()); }"""


def test_a_melding_by_keyboard_while_the_advice_updates(world: World, new_page: Any) -> None:
    page = new_page(world.police_user.username, PASSWORD, width=390, height=844)
    page.goto("/meldingen/nieuw/")
    advice = page.locator("#triage-advice")
    expect(advice.locator("xpath=..")).to_have_attribute("aria-live", "polite")
    previews: list[str] = []
    page.on("requestfinished", lambda request: previews.append(request.url) if "triage" in request.url else None)

    page.get_by_label("Gemeente").focus()
    page.keyboard.type("Utrecht")  # type-ahead in the closed list: no mouse, no opening it
    assert page.get_by_label("Gemeente").evaluate("e => e.selectedOptions[0].text") == "Utrecht"
    page.keyboard.press("Tab")
    page.keyboard.type("Neude 11")
    page.keyboard.press("Tab")
    page.keyboard.type("Man schreeuwt op straat, zegt dat hij zichzelf iets aandoet")
    page.keyboard.press("Tab")  # person concerned: left empty
    assert page.evaluate(FOCUSED) == "person_description"
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # offence: from "ja" to "nee"
    assert page.get_by_label("nee", exact=True).is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "danger_to_self"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # moving on while the advice for "danger to self" is still on its way
    expect(advice).to_contain_text("U2", timeout=5_000)
    assert page.evaluate(FOCUSED) == "danger_to_others"  # the update did not take focus away
    assert len(previews) >= 2

    # On to the send button by Tab alone: focus is never dropped to the page while answers keep updating the advice.
    for _ in range(30):
        if page.evaluate(FOCUSED) == "Melding versturen":
            break
        assert page.evaluate(FOCUSED) != "BODY"
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Melding versturen"
    check_accessibility(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("M", timeout=10_000)
    situation = Situation.objects.get()
    assert situation.danger_to_self and situation.municipality.name == "Utrecht"
    assert page.url.endswith(f"/meldingen/{situation.pk}/")
