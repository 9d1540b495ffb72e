"""Breach support: what one account viewed in a period (and as CSV), the breach register with its 72-hour clock,
notices to the other organisations' officers, and employees of other organisations shown by organisation only."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.privacy.models import Breach, OfficerNotice
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(world: Any) -> dict[str, Any]:
    return {
        "crisis": make_user("fg-crisis", world.crisis, Role.PRIVACY_OFFICER),
        "police": make_user("fg-politie", world.police, Role.PRIVACY_OFFICER),
    }


def _period() -> dict[str, str]:
    today = timezone.localdate()
    return {"van": (today - timedelta(days=1)).isoformat(), "tot": today.isoformat()}


def test_what_an_account_viewed_in_a_period_and_as_csv(world: Any, officers: dict[str, Any]) -> None:
    situation, person = situation_with_person(world)
    logged_in(world.crisis_user).get(reverse("situation", args=[situation.pk]))
    client = logged_in(officers["crisis"])
    url = reverse("privacy-user", args=[world.crisis_user.pk])
    page = page_text(client.get(url, _period()))
    assert situation.reference in page and "Politie Test" in page  # the other organisation in the melding
    bad = client.get(url, {"van": "2026-12-01", "tot": "2026-11-01"})
    assert "De begindatum ligt na de einddatum" in page_text(bad, 400)
    exported = client.get(url, {**_period(), "formaat": "csv"})
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == situation.reference and rows[1][2] == str(person.pk) and rows[1][6] == "Politie Test"
    earlier = client.get(url, {"van": "2020-01-01", "tot": "2020-01-31"})
    assert "Niets ingezien in deze periode" in page_text(earlier)


def test_the_breach_register_keeps_the_72_hour_clock_and_tells_the_other_officers(
    world: Any, officers: dict[str, Any]
) -> None:
    situation, _person = situation_with_person(world)
    logged_in(world.crisis_user).get(reverse("situation", args=[situation.pk]))
    client = logged_in(officers["crisis"])
    discovered = timezone.localtime() - timedelta(hours=80)
    form = {
        "account": world.crisis_user.pk,
        "period_from": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "period_until": timezone.localdate().isoformat(),
        "discovered_at": discovered.strftime("%Y-%m-%dT%H:%M"),
        "facts": "Telefoon met open sessie verloren in de trein.",
        "effects": "Mogelijk inzage in meldingen.",
        "measures": "Sessie beëindigd, wachtwoord en tweede factor vervangen.",
        "persons_affected": 1,
    }
    refused = client.post(reverse("privacy-breaches"), {**form, "facts": "kort"})
    assert "ten minste 10 tekens" in page_text(refused, 400) and not Breach.objects.exists()
    assert client.post(reverse("privacy-breaches"), form).status_code == 302
    breach = Breach.objects.get()
    assert breach.report_deadline == breach.discovered_at + timedelta(hours=72)
    page = page_text(client.get(reverse("privacy-breach", args=[breach.pk])))
    assert "De 72 uur zijn verstreken" in page and situation.reference in page
    notified = client.post(reverse("privacy-breach-notify", args=[breach.pk]))
    assert notified.status_code == 302
    notice = OfficerNotice.objects.get(kind=OfficerNotice.Kind.BREACH_VIEWS)
    assert (notice.organisation, notice.count) == (world.police, 1)
    # the police officer sees which of its meldingen were viewed, and the employee only as an organisation
    police_page = page_text(logged_in(officers["police"]).get(reverse("privacy-notice", args=[notice.pk])))
    assert situation.reference in police_page and "Crisisdienst Test" in police_page
    assert str(world.crisis_user) not in police_page
    # settled: reported to the AP
    settled = client.post(
        reverse("privacy-breach", args=[breach.pk]),
        {**form, "reported_to_ap_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )
    assert settled.status_code == 302
    assert Breach.objects.get().settled


def test_other_organisations_employees_appear_by_organisation_only(world: Any, officers: dict[str, Any]) -> None:
    situation, person = situation_with_person(world)
    answer_partly(world, ask(world, situation))  # decided by the crisis nurse, without consent
    logged_in(world.crisis_user).get(reverse("situation", args=[situation.pk]))
    police_home = page_text(logged_in(officers["police"]).get(reverse("privacy")))
    assert "Gedeeld zonder toestemming" in police_home and str(world.crisis_user) not in police_home
    police_person = page_text(logged_in(officers["police"]).get(reverse("privacy-person", args=[person.pk])))
    assert str(world.crisis_user) not in police_person
    crisis_person = page_text(logged_in(officers["crisis"]).get(reverse("privacy-person", args=[person.pk])))
    assert str(world.crisis_user) in crisis_person  # the officer's own colleague
