"""The privacy officer: person log, per-user log, consent overrides, the data-subject report, the rulebook admin."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person
from gipz.rulebook.loader import default_rulebook_text
from gipz.rulebook.models import RulebookVersion
from gipz.rulebook.services import rulebook_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(world: Any) -> Any:
    return make_user("fg", world.crisis, Role.PRIVACY_OFFICER)


@pytest.fixture
def shared(world: Any) -> dict[str, Any]:
    situation, person = situation_with_person(world, full_name="Fictief Rapportpersoon")
    request = ask(world, situation)
    answer_partly(world, request)
    logged_in(world.crisis_user).get(reverse("situation", args=[situation.pk]))
    return {"situation": situation, "person": person, "request": request}


def test_only_privacy_officers_reach_the_privacy_pages(world: Any, officer: Any, shared: dict[str, Any]) -> None:
    person = shared["person"]
    for url in (
        reverse("privacy"),
        reverse("privacy-person", args=[person.pk]),
        reverse("privacy-report-pdf", args=[person.pk]),
    ):
        assert logged_in(world.crisis_user).get(url).status_code == 404
        assert logged_in(world.coordinator).get(url).status_code == 404
    outsider_officer = make_user("fg-elders", world.other_crisis, Role.PRIVACY_OFFICER)
    assert logged_in(outsider_officer).get(reverse("privacy-person", args=[person.pk])).status_code == 404
    assert logged_in(officer).get(reverse("privacy-person", args=[person.pk])).status_code == 200
    # the per-user log covers the officer's own organisation only
    assert logged_in(officer).get(reverse("privacy-user", args=[world.crisis_user.pk])).status_code == 200
    assert logged_in(officer).get(reverse("privacy-user", args=[world.police_user.pk])).status_code == 404


def test_search_by_name_and_birth_date_or_reference(world: Any, officer: Any, shared: dict[str, Any]) -> None:
    client = logged_in(officer)
    found = client.get(reverse("privacy"), {"full_name": "fictief rapportpersoon", "date_of_birth": "1980-01-02"})
    assert "Fictief Rapportpersoon" in found.content.decode()
    none = client.get(reverse("privacy"), {"full_name": "Fictief Rapportpersoon", "date_of_birth": "1980-01-03"})
    assert "Niemand gevonden" in none.content.decode()
    bad = client.get(reverse("privacy"), {"full_name": "Alleen een naam"})
    assert "Zoek op naam én geboortedatum" in bad.content.decode()
    assert "Alleen een naam" in bad.content.decode()


def test_the_officer_sees_sharing_without_consent_with_its_justification(
    world: Any, officer: Any, shared: dict[str, Any]
) -> None:
    text = page_text(logged_in(officer).get(reverse("privacy")))
    assert "Gedeeld zonder toestemming" in text and "Zwijgen levert ernstig gevaar op" in text


def test_the_person_log_shows_users_the_report_shows_organisations(
    world: Any, officer: Any, shared: dict[str, Any]
) -> None:
    person = shared["person"]
    page = page_text(logged_in(officer).get(reverse("privacy-person", args=[person.pk])))
    assert str(world.crisis_user) in page  # the officer sees who
    response = logged_in(officer).get(reverse("privacy-report-csv", args=[person.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    sections = {row[0] for row in rows[1:]}
    assert {"kopie", "ingezien", "gedeeld", "bewaartermijn", "doelen", "rechten", "klacht"} <= sections
    assert any(row[0] == "kopie" and row[3:] == ["naam", "Fictief Rapportpersoon"] for row in rows)
    seen = [row for row in rows if row[0] == "ingezien"]
    assert any(row[2] == "Crisisdienst Test" and "Medewerker" in row[3] for row in seen)
    assert not any(str(world.crisis_user) in ";".join(row) for row in seen)  # organisation and role, no employees
    shared_rows = [row for row in rows if row[0] == "gedeeld"]
    assert shared_rows[0][2] == "Crisisdienst Test → Politie Test"
    assert "Gevaar voor hulpverleners" in shared_rows[0][4]


def test_the_report_pdf_opens_and_holds_the_expected_text(world: Any, officer: Any, shared: dict[str, Any]) -> None:
    response = logged_in(officer).get(reverse("privacy-report-pdf", args=[shared["person"].pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Inzage in uw persoonsgegevens (AVG art. 15)",
        "Fictief Rapportpersoon",
        "Wie heeft het ingezien",
        "Crisisdienst Test",
        "Bewaartermijnen",
    ):
        assert expected in text, expected


def test_the_rulebook_page_is_readable_by_everyone(world: Any) -> None:
    text = page_text(logged_in(world.police_user).get(reverse("rulebook")))
    assert (
        "Politie vraagt of iemand cliënt is, bij u bekend is of in behandeling" in text and "Stcrt. 2021, 48897" in text
    )
    assert "geen juridisch oordeel" in text


def test_a_privacy_officer_publishes_a_new_rulebook_version_in_the_admin(world: Any) -> None:
    officer = make_user("fg-admin", world.crisis, Role.PRIVACY_OFFICER)
    officer.is_staff = True
    officer.save()
    rulebook_current()  # version 1: the shipped one
    client = logged_in(officer)
    add = reverse("admin:rulebook_rulebookversion_add")
    form = client.get(add)
    assert form.status_code == 200 and "police-asks-care-relation" in form.content.decode()
    broken = default_rulebook_text().replace("verdict: do_not_share", "verdict: misschien", 1)
    refused = client.post(add, {"text": broken, "note": "test"})
    assert refused.status_code == 200 and "Het regelboek klopt niet bij rules[0].verdict" in refused.content.decode()
    assert "misschien" in refused.content.decode()  # what was typed stays
    assert RulebookVersion.objects.count() == 1
    changed = default_rulebook_text().replace('version: "2026.2"', 'version: "2026.3"')
    assert client.post(add, {"text": changed, "note": "Eigen versie regio"}).status_code == 302
    version, rulebook = rulebook_current()
    assert (version.number, rulebook.version, version.published_by_id) == (2, "2026.3", officer.pk)
    change = reverse("admin:rulebook_rulebookversion_change", args=[version.pk])
    assert client.post(change, {"text": "x", "note": "y"}).status_code == 403
    assert logged_in(world.crisis_user).get(add).status_code == 302  # not staff: to the admin login
    # the raw, cross-organisation access log in the admin is for operators only
    assert client.get(reverse("admin:accesslog_accesslogentry_changelist")).status_code == 403


def test_a_colleagues_access_log_reads_in_words(world: Any, officer: Any, shared: dict[str, Any]) -> None:
    """Lawful issue item 12: what was seen in words and the melding's reference — no model labels, no row ids."""
    situation = shared["situation"]
    page = page_text(logged_in(officer).get(reverse("privacy-user", args=[world.crisis_user.pk])))
    assert "antwoord op een informatieverzoek" in page and "informatieverzoek" in page
    assert situation.reference in page
    assert "privacy.disclosure" not in page and "privacy.informationrequest" not in page
    assert "Gevaar voor hulpverleners (wapens, agressie) aan Politie Test" in page
