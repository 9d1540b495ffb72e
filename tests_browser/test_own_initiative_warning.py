"""A crisis nurse warns the police on her own initiative and records it: the six criteria answered, who was told,
the police see the warning on the situation, the crisis service's privacy officer finds it among what was shared
without consent, and the access log holds the disclosure. Pages pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, World, intake, make_user
from gipz.accesslog.models import AccessLogEntry
from gipz.accounts.models import Role
from gipz.privacy.models import Criterion, OwnInitiativeWarning
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_warning_on_the_nurses_own_initiative(world: World, new_page: Any) -> None:
    situation = intake(world)
    nurse = new_page(world.crisis_user.username, PASSWORD)
    nurse.goto(f"/meldingen/{situation.pk}/")
    nurse.get_by_role("link", name="Gewaarschuwd zonder toestemming? Leg het vast").click()
    nurse.get_by_label("Wie hebt u gewaarschuwd?").select_option(label=world.police.name)
    nurse.get_by_label("Wanneer hebt u gewaarschuwd?").fill("2026-01-01T03:10")
    nurse.get_by_label("Gevaar voor hulpverleners (wapens, agressie)").check()
    nurse.get_by_label("Wat hebt u gedeeld?").fill("Er ligt een mes in de gang; ga niet alleen naar binnen.")
    for criterion in Criterion:
        answer = "Nee" if criterion is Criterion.CONSENT else "Ja"
        nurse.get_by_role("group", name=str(criterion.label)).get_by_label(answer, exact=True).check()
    nurse.get_by_label("Uw afweging").fill("Dreiging met een mes tegen de agenten; geen tijd voor toestemming.")
    nurse.get_by_label("Niet geïnformeerd: dat is onveilig").check()
    # Forgetting the legal exception for not informing keeps everything that was typed.
    nurse.get_by_role("button", name="Waarschuwing vastleggen").click()
    expect(nurse.locator("#id_not_informed_exception_error")).to_contain_text("Kies de uitzondering")
    expect(nurse.get_by_label("Wat hebt u gedeeld?")).to_have_value(
        "Er ligt een mes in de gang; ga niet alleen naar binnen."
    )
    nurse.get_by_label("Uitzondering (als u niet informeert)").select_option("uavg_41")
    nurse.get_by_label("Waarom niet?").fill("Hij is nu psychotisch en dreigend.")
    check_accessibility(nurse)
    nurse.get_by_role("button", name="Waarschuwing vastleggen").click()
    expect(nurse.get_by_text("Uw waarschuwing is vastgelegd.", exact=False)).to_be_visible()
    warning = OwnInitiativeWarning.objects.get()
    assert warning.criteria_met == 5 and warning.criteria["consent"] is False
    assert warning.not_informed_exception == "uavg_41"

    police = new_page(world.police_user.username, PASSWORD)
    police.goto(f"/meldingen/{situation.pk}/")
    expect(police.get_by_text("Er ligt een mes in de gang", exact=False)).to_be_visible()
    expect(police.get_by_role("link", name="Gewaarschuwd zonder toestemming? Leg het vast")).to_have_count(0)

    officer = make_user("fg-crisis", world.crisis, Role.PRIVACY_OFFICER)
    privacy = new_page(officer.username, PASSWORD)
    privacy.goto("/privacy/")
    table = privacy.get_by_role("table").filter(has_text="5 van 6 voldaan")
    expect(table).to_contain_text(situation.reference)
    expect(table).to_contain_text("Niet geïnformeerd: dat is onveilig")
    check_accessibility(privacy)
    assert (
        AccessLogEntry.objects.filter(action="share", object_id=str(warning.pk), situation_id=situation.pk).count() == 1
    )
