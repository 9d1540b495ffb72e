"""One information request in a real browser: police ask the crisis service, its information desk reads the
rulebook's advice and answers partly (a colleague not at the desk does not see the question), the police see only
what was shared. Both pages pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, World, intake
from gipz.accesslog.models import AccessLogEntry
from gipz.privacy.models import InformationRequest
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_request_answered_partly(world: World, new_page: Any) -> None:
    situation = intake(world)
    police = new_page(world.police_user.username, PASSWORD)
    crisis = new_page(world.crisis_user.username, PASSWORD)

    police.goto(f"/meldingen/{situation.pk}/")
    police.get_by_role("link", name="Betrokkene vastleggen").click()
    police.get_by_label("Naam").fill("Fictief Browserpersoon")
    police.get_by_label("Geboortedatum").fill("1985-04-03")
    police.get_by_role("button", name="Betrokkene vastleggen").click()
    expect(police.get_by_text("Fictief Browserpersoon")).to_be_visible()

    police.get_by_role("link", name="Informatie vragen aan een andere organisatie").click()
    police.get_by_label("Vraag aan").select_option(label=world.crisis.name)
    police.get_by_label("Doel").select_option(label="Veiligheid ter plaatse (nu)")
    police.get_by_label("Uw vraag").fill("Is hij bij jullie in behandeling, en is er gevaar voor ons?")
    police.get_by_label("Of iemand cliënt is / in behandeling").check()
    police.get_by_label("Gevaar voor hulpverleners (wapens, agressie)").check()
    police.get_by_label("Nu (acute situatie)").check()
    check_accessibility(police)
    police.get_by_role("button", name="Vraag versturen").click()
    expect(police.get_by_text("Uw vraag is verstuurd.")).to_be_visible()
    request = InformationRequest.objects.get()

    # A colleague at the crisis service who is not at its information desk does not see the question.
    colleague = new_page(world.crisis_colleague.username, PASSWORD)
    colleague.goto("/informatieverzoeken/")
    expect(colleague.get_by_role("link", name=f"#{request.pk}")).to_have_count(0)
    assert colleague.goto(f"/informatieverzoeken/{request.pk}/").status == 404

    crisis.goto("/informatieverzoeken/")
    crisis.get_by_role("link", name=f"#{request.pk}").click()
    expect(crisis.get_by_text("geen juridisch oordeel", exact=False).first).to_be_visible()
    expect(crisis.get_by_text("Bevestig of ontken niet dat iemand bij u bekend is.").first).to_be_visible()
    crisis.get_by_label("Deels delen").check()
    crisis.get_by_label("Gevaar voor hulpverleners (wapens, agressie)").fill("Ga met zijn tweeën naar binnen.")
    crisis.get_by_label("Grondslag (artikel)").fill("KNMG conflict van plichten")
    crisis.get_by_label("Uw afweging").fill("Veiligheid agenten gaat voor; behandelrelatie niet bevestigd.")
    crisis.get_by_label("Rechtvaardiging zonder toestemming").select_option(label="Conflict van plichten")
    crisis.get_by_label("Toelichting rechtvaardiging").fill("Zwijgen geeft ernstig gevaar voor de agenten.")
    crisis.get_by_label("Betrokkene informeren").select_option(label="Betrokkene wordt nog geïnformeerd")
    check_accessibility(crisis)
    crisis.get_by_role("button", name="Antwoord vastleggen").click()
    expect(crisis.get_by_text("Uw antwoord is vastgelegd.")).to_be_visible()

    police.goto(f"/informatieverzoeken/{request.pk}/")
    expect(police.get_by_text("Antwoord: Deels delen")).to_be_visible()
    expect(police.get_by_text("Ga met zijn tweeën naar binnen.")).to_be_visible()
    expect(police.get_by_text("Veiligheid agenten gaat voor")).to_have_count(0)
    check_accessibility(police)
    assert AccessLogEntry.objects.filter(action="share", object_type="privacy.disclosure").count() == 1
