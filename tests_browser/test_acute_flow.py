"""The whole acute flow in a real browser: police creates → crisis accepts → en route → on site → SBAR handover →
police confirm (released) → follow-up → close → both sides evaluate."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, World
from gipz.situations.models import Evaluation, Situation, Status
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_police_to_crisis_handover_end_to_end(world: World, new_page: Any) -> None:
    police = new_page(world.police_user.username, PASSWORD)
    crisis = new_page(world.crisis_user.username, PASSWORD)

    # Police: a melding in under a minute, with the triage advice shown before saving.
    police.get_by_role("link", name="Nieuwe melding").first.click()
    police.get_by_label("Gemeente").select_option(label="Utrecht")
    police.get_by_label("Locatie").fill("Neude 11")
    police.get_by_label("Korte omschrijving").fill("Vrouw loopt verward over de weg, zegt dat ze gevolgd wordt")
    police.get_by_label("nee", exact=True).check()
    police.get_by_label("psychiatrische problematiek").check()
    expect(police.get_by_text("U3").first).to_be_visible()
    check_accessibility(police)
    police.get_by_role("button", name="Melding versturen").click()
    expect(police.get_by_text("gemeld").first).to_be_visible()
    situation = Situation.objects.get()
    assert situation.urgency == "U3"

    # Crisis service: the live board shows it without a reload; accept.
    crisis.goto("/")
    expect(crisis.get_by_text(situation.reference)).to_be_visible()
    check_accessibility(crisis)
    crisis.get_by_role("link", name=situation.reference).click()
    crisis.get_by_role("button", name="Accepteren").click()
    expect(crisis.get_by_text("geaccepteerd").first).to_be_visible()

    # The police page updates by itself (htmx polling), no reload.
    expect(police.get_by_text("geaccepteerd").first).to_be_visible(timeout=8_000)

    crisis.get_by_label("Verwachte reistijd (minuten)").fill("15")
    crisis.get_by_role("button", name="Onderweg").click()
    crisis.get_by_role("button", name="Ter plaatse").click()
    crisis.get_by_label(re.compile("^S ")).fill("Vrouw, angstig, niet suïcidaal, wil mee naar huis")
    crisis.get_by_label(re.compile("^B ")).fill("Bekend bij ambulante GGZ")
    crisis.get_by_label(re.compile("^A ")).fill("Geen acuut gevaar; paranoïde beleving")
    crisis.get_by_label(re.compile("^R ")).fill("Politie kan vertrekken; crisisdienst brengt haar thuis")
    crisis.get_by_role("button", name="Overdracht vastleggen").click()

    # Police confirm the handover and are released; they do not see the care details.
    police.reload()
    expect(police.get_by_text("Geen acuut gevaar; paranoïde beleving")).to_have_count(0)
    police.get_by_role("button", name="Overdracht bevestigen").click()
    expect(police.get_by_text("Politie kan vertrekken").first).to_be_visible()

    # Crisis: follow-up with an owner, then close.
    crisis.reload()
    crisis.get_by_label("Soort vervolg").select_option(label="huisarts")
    crisis.get_by_label("Verantwoordelijke organisatie").select_option(label=world.care.name)
    crisis.get_by_role("button", name="Vervolg toevoegen").click()
    crisis.get_by_role("button", name="Afsluiten").click()
    expect(crisis.get_by_text("afgesloten").first).to_be_visible()

    # Both sides evaluate.
    for page, improper in ((crisis, True), (police, False)):
        page.reload()
        page.get_by_label("Samenwerking (1–5)").select_option("4")
        if improper:
            page.get_by_role("checkbox", name="Oneigenlijk beroep").check()
            page.get_by_label("Toelichting oneigenlijk beroep").fill("Had ook het wijkteam kunnen zijn")
        page.get_by_label("Informatie-uitwisseling").check()
        page.get_by_role("button", name="Nabespreking opslaan").click()
        expect(page.get_by_text("Nabespreking opgeslagen").first).to_be_visible()

    situation.refresh_from_db()
    assert situation.status == Status.CLOSED
    assert situation.handed_over_at is not None
    assert Evaluation.objects.filter(situation=situation).count() == 2
