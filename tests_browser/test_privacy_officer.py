"""Two privacy officers in a real browser: the crisis service's officer records an access request and asks to erase
a record the police made; the police officer approves under the Wpg; the crisis officer is told, and records a breach
with the 72-hour clock. Every page passes axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, World, make_user
from gipz.accounts.models import Role
from gipz.privacy.models import Breach, Person, SubjectRequest
from gipz.privacy.tests.helpers import situation_with_person
from gipz.situations.models import Situation, Status
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_erasure_the_police_approve_and_a_breach_on_the_clock(world: World, new_page: Any) -> None:
    situation, person = situation_with_person(world)
    Situation.objects.filter(pk=situation.pk).update(status=Status.CLOSED, closed_at=timezone.now())
    crisis_fg = make_user("fg-crisis", world.crisis, Role.PRIVACY_OFFICER)
    police_fg = make_user("fg-politie", world.police, Role.PRIVACY_OFFICER)

    crisis = new_page(crisis_fg.username, PASSWORD)
    crisis.goto("/privacy/")
    crisis.get_by_label("of kenmerk van de melding").fill(situation.reference)
    crisis.get_by_role("button", name="Zoeken").click()
    crisis.get_by_role("link", name="Fictief Testpersoon").click()
    crisis.get_by_text("Verzoek vastleggen").click()
    crisis.get_by_label("Verzoek ontvangen op").fill(timezone.localdate().isoformat())
    crisis.get_by_label("Identiteit gecontroleerd").select_option("digid")
    crisis.get_by_role("button", name="Vastleggen").click()
    expect(crisis.get_by_text("Uiterlijk beantwoorden op", exact=False)).to_be_visible()
    assert SubjectRequest.objects.get().regime == "avg"
    check_accessibility(crisis)

    crisis.get_by_text("Gegevens wissen op verzoek (AVG art. 17)").click()
    erase = crisis.locator("details").filter(has_text="Gegevens wissen op verzoek")
    erase.get_by_label("Grond").select_option("objection")
    erase.get_by_label("Toelichting (verzoek en beoordeling)").fill("Bezwaar per brief, gegrond bevonden.")
    erase.get_by_role("button", name="Wissen").click()
    expect(crisis.get_by_text("hun privacyfunctionaris beslist eerst", exact=False)).to_be_visible()
    assert not Person.objects.get(pk=person.pk).is_removed

    police = new_page(police_fg.username, PASSWORD)
    police.goto("/privacy/")
    approval = police.locator(".card").filter(has_text="vraagt op")
    approval.get_by_label("Goedkeuren en wissen").check()
    approval.get_by_label("Grond van uw organisatie (bij goedkeuren)").select_option("wpg_irrelevant")
    check_accessibility(police)
    approval.get_by_role("button", name="Beslissen").click()
    expect(police.get_by_text("Uw besluit is vastgelegd.")).to_be_visible()
    assert Person.objects.get(pk=person.pk).is_removed

    crisis.goto("/privacy/")
    expect(crisis.get_by_role("link", name="Gegevens gewist")).to_be_visible()
    crisis.get_by_role("link", name="Datalekken").click()
    crisis.get_by_label("Ontdekt op").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    crisis.get_by_label("Wat is er gebeurd").fill("Telefoon met open sessie verloren in de trein.")
    crisis.get_by_label("Gevolgen voor betrokkenen").fill("Mogelijk inzage in meldingen.")
    crisis.get_by_label("Genomen maatregelen").fill("Sessie beëindigd en tweede factor vervangen.")
    crisis.get_by_label("Aantal betrokkenen (schatting)").fill("1")
    crisis.get_by_role("button", name="Vastleggen").click()
    expect(crisis.get_by_text("Melden bij de AP uiterlijk", exact=False)).to_be_visible()
    assert Breach.objects.count() == 1
    check_accessibility(crisis)
