"""In a real browser: care asks police for preventive assistance and the police decide; care reports an unsafe
situation (112 first when acute) and police respond. Every page passes axe-core."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, World
from gipz.prevention.models import PreventiveRequest
from gipz.prevention.tests.helpers import police_planner
from gipz.unsafety.models import UnsafeReport
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_preventive_request_decided_by_police(world: World, new_page: Any) -> None:
    police_planner(world)
    care = new_page(world.care_user.username, PASSWORD)
    chief = new_page(world.police_coordinator.username, PASSWORD)

    care.goto("/preventief/")
    care.get_by_role("link", name="Assistentie aanvragen").click()
    care.get_by_label("Politie-eenheid").select_option(label=world.police.name)
    care.get_by_label("Gemeente").select_option(label="Utrecht")
    care.get_by_label("Om welk moment gaat het?").select_option(label="Huisuitzetting")
    planned = timezone.localtime() + timedelta(days=5)
    care.get_by_label("Gepland op").fill(planned.strftime("%Y-%m-%dT%H:%M"))
    care.get_by_label("Locatie (adres)").fill("Fictieve Laan 3")
    care.get_by_label("Wat gaat er gebeuren en waarom vraagt u de politie? (geen BSN)").fill(
        "Huisuitzetting; de bewoner dreigde eerder de deurwaarder."
    )
    care.locator("#id_violence_history").get_by_label("ja").check()
    care.locator("#id_weapons").get_by_label("nee").check()
    # Forgot one question and what care itself does: a clear message, and what was typed stays.
    care.get_by_role("button", name="Verzoek versturen").click()
    expect(care.get_by_text("Kies ja, nee of onbekend.")).to_be_visible()
    expect(care.get_by_label("Locatie (adres)")).to_have_value("Fictieve Laan 3")
    care.locator("#id_known_to_police").get_by_label("onbekend").check()
    care.get_by_label("Wat doet de zorg zelf om het veilig te houden?").fill("Twee begeleiders gaan mee.")
    check_accessibility(care)
    care.get_by_role("button", name="Verzoek versturen").click()
    expect(care.get_by_text("Uw verzoek is verstuurd.", exact=False)).to_be_visible()
    request = PreventiveRequest.objects.get()
    expect(care.get_by_text("Risicoweging: midden")).to_be_visible()

    chief.goto("/preventief/")
    chief.get_by_role("link", name=request.reference).first.click()
    check_accessibility(chief)
    chief.get_by_label("Politie assisteert").check()
    chief.get_by_label("Reden").fill("Eerder gedreigd; twee agenten op afstand.")
    chief.get_by_label("Team (bij assisteren)").select_option(label=str(world.police_team))
    chief.get_by_label("Aantal agenten (bij assisteren)").fill("2")
    chief.get_by_role("button", name="Besluit vastleggen").click()
    expect(chief.get_by_text("Vastgelegd.")).to_be_visible()
    chief.goto("/preventief/planning/")
    expect(chief.get_by_text("Fictieve Laan 3", exact=False)).to_be_visible()
    check_accessibility(chief)

    care.reload()
    expect(care.get_by_text("politie assisteert").first).to_be_visible()


def test_an_unsafe_situation_reported_and_answered(world: World, new_page: Any) -> None:
    care = new_page(world.care_user.username, PASSWORD)
    police = new_page(world.police_user.username, PASSWORD)

    care.goto("/onveilig/")
    care.get_by_role("link", name="Onveilige situatie melden").click()
    check_accessibility(care)
    care.get_by_role("link", name="Ja, er is nu gevaar").click()
    expect(care.get_by_text("Bel nu 112.")).to_be_visible()
    check_accessibility(care)
    care.get_by_role("link", name="Ik heb 112 gebeld: nu vastleggen").click()
    care.get_by_label("Politie-eenheid").select_option(label=world.police.name)
    care.get_by_label("Gemeente").select_option(label="Utrecht")
    care.get_by_label("Waar gebeurde het?").select_option(label="Binnen de instelling")
    care.get_by_label("Locatie (instelling of adres)").fill("Fictieve kliniek, afdeling 4")
    occurred = timezone.localtime() - timedelta(minutes=40)
    care.get_by_label("Wanneer gebeurde het?").fill(occurred.strftime("%Y-%m-%dT%H:%M"))
    care.get_by_label("Wat gebeurde er? (geen BSN, geen medische details)").fill("Cliënt sloeg een begeleider.")
    care.get_by_label("3 · Acuut gevaarlijk", exact=False).check()
    care.get_by_label("Hoe laat was de politie ter plaatse? (als u het weet)").fill(
        (occurred + timedelta(minutes=11)).strftime("%Y-%m-%dT%H:%M")
    )
    check_accessibility(care)
    care.get_by_role("button", name="Melding versturen").click()
    expect(care.get_by_text("Uw melding is vastgelegd", exact=False)).to_be_visible()
    report = UnsafeReport.objects.get()
    assert report.acute and report.vpt and report.response_minutes == 11
    expect(care.get_by_text("11 minuten")).to_be_visible()

    police.goto("/onveilig/")
    police.get_by_role("link", name=report.reference).first.click()
    police.get_by_label("Reactie politie").select_option(label="Verdachte aangehouden")
    police.get_by_label("Toelichting").fill("Verdachte aangehouden op de afdeling.")
    check_accessibility(police)
    police.get_by_role("button", name="Reactie vastleggen").click()
    expect(police.get_by_text("Vastgelegd.")).to_be_visible()

    care.reload()
    care.get_by_label("Aangifte").select_option(label="Aangifte gedaan")
    care.get_by_label("Wat volgde er?").select_option(label="Naar het Openbaar Ministerie")
    care.get_by_role("button", name="Afsluiten").click()
    expect(care.get_by_text("afgesloten").first).to_be_visible()
    report.refresh_from_db()
    assert report.status == UnsafeReport.Status.CLOSED and report.aangifte == "made"
