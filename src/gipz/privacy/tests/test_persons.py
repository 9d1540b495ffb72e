"""Person records: minimal data, no BSN, care details for care only, rectification and erasure logged."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import intake, logged_in, make_user, page_text
from gipz.accesslog.models import AccessLogEntry
from gipz.accounts.models import Role
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.models import AuditEvent
from gipz.core.text import contains_bsn, passes_eleven_test
from gipz.privacy.models import Person, PersonFieldChange
from gipz.privacy.personal import pseudonym_for
from gipz.privacy.services.persons import PersonData, person_save
from gipz.privacy.tests.helpers import situation_with_person
from gipz.situations.models import Situation, Status

pytestmark = pytest.mark.django_db


def test_eleven_test_and_bsn_detection() -> None:
    assert passes_eleven_test("111222333") and passes_eleven_test("123456782")
    assert not passes_eleven_test("123456789") and not passes_eleven_test("000000000")
    assert contains_bsn("bsn 1112.22.333 bekend") and contains_bsn("BSN:111222333")
    assert not contains_bsn("06-12345678") and not contains_bsn("postcode 3511 AB, huisnummer 123456789")


def test_the_same_name_and_birth_date_give_the_same_pseudonym() -> None:
    born = date(1980, 1, 2)
    assert pseudonym_for("Jan  de Vries", born) == pseudonym_for("jan de vriés", born)
    assert pseudonym_for("Jan de Vries", born) != pseudonym_for("Jan de Vries", date(1980, 1, 3))
    assert pseudonym_for("", born) != pseudonym_for("", born)  # without both: random, never linked


def test_recording_a_person_is_logged_and_audited_without_values(world: Any) -> None:
    situation, person = situation_with_person(world, full_name="Fictief Eenmalig")
    row = AccessLogEntry.objects.get(action="create")
    assert row.person_id == person.pk and row.situation_id == situation.pk and "naam" in row.detail
    audit = AuditEvent.objects.get(event_type="person.recorded")
    assert "Fictief Eenmalig" not in str(audit.new)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"full_name": "Jan 111222333"}, "full_name"),
        ({"full_name": "", "contact": "", "known_risks": ""}, "full_name"),
        ({"full_name": "X", "date_of_birth": date.today() + timedelta(days=3)}, "date_of_birth"),
        ({"full_name": "X", "date_of_birth": date(1850, 1, 1)}, "date_of_birth"),
    ],
)
def test_bad_person_data_is_refused(world: Any, data: dict[str, Any], field: str) -> None:
    situation = intake(world)
    with pytest.raises(ServiceError) as caught:
        person_save(actor=world.police_actor, situation_id=situation.pk, data=PersonData(**data))
    assert caught.value.field == field
    assert not Person.objects.exists()


def test_care_details_are_for_care_only(world: Any) -> None:
    situation, _ = situation_with_person(world)
    with pytest.raises(NotAllowedError):
        person_save(
            actor=world.police_actor, situation_id=situation.pk, data=PersonData(full_name="X", care_details="psychose")
        )
    person_save(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        data=PersonData(
            full_name="Fictief Testpersoon",
            date_of_birth=date(1980, 1, 2),
            contact="06-0",  # what the police recorded stays, as the prefilled form sends it
            care_details="Bekend met psychose",
        ),
    )
    police_page = page_text(logged_in(world.police_user).get(reverse("situation", args=[situation.pk])))
    crisis_page = page_text(logged_in(world.crisis_user).get(reverse("situation", args=[situation.pk])))
    assert "Fictief Testpersoon" in police_page and "Bekend met psychose" not in police_page
    assert "Bekend met psychose" in crisis_page
    police_form = page_text(logged_in(world.police_user).get(reverse("person-edit", args=[situation.pk])))
    assert "Bekend met psychose" not in police_form and "care_details" not in police_form


def test_person_pages_owner_member_outsider(world: Any) -> None:
    situation, _ = situation_with_person(world)
    url = reverse("person-edit", args=[situation.pk])
    assert logged_in(world.police_user).get(url).status_code == 200
    assert logged_in(world.crisis_user).get(url).status_code == 200
    assert logged_in(world.outsider_police).get(url).status_code == 404
    assert logged_in(world.outsider_police).post(url, {"full_name": "X"}).status_code == 404
    analyst = make_user("analist", world.police, Role.ANALYST)
    with pytest.raises(NotAllowedError):
        person_save(actor=world.actor(analyst), situation_id=situation.pk, data=PersonData(full_name="X"))


def test_rectification_keeps_typed_values_on_error_and_logs_the_change(world: Any) -> None:
    situation, person = situation_with_person(world)
    client = logged_in(world.police_user)
    bad = client.post(
        reverse("person-edit", args=[situation.pk]), {"full_name": "Fictief Nieuw", "date_of_birth": "31-02-1980"}
    )
    assert bad.status_code == 400 and "Fictief Nieuw" in bad.content.decode()
    good = client.post(
        reverse("person-edit", args=[situation.pk]), {"full_name": "Fictief Nieuw", "date_of_birth": "1980-01-02"}
    )
    assert good.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Fictief Nieuw"
    change = AccessLogEntry.objects.filter(action="change").get()
    assert change.detail == "naam, contact (telefoon of adres)"  # in words, not field names


def _close(situation: Situation) -> None:
    Situation.objects.filter(pk=situation.pk).update(status=Status.CLOSED, closed_at=timezone.now())


def test_each_organisation_owns_what_it_recorded_and_others_only_add(world: Any) -> None:
    """The meldpunt-overwrites-the-police case: replacing the contact or wiping a police-recorded risk is refused;
    adding to it is allowed; the police change their own entry; every earlier value is kept for the FG."""
    situation, person = situation_with_person(world, known_risks="dreigt met een mes")
    with pytest.raises(ServiceError) as refused:
        person_save(
            actor=world.crisis_actor,
            situation_id=situation.pk,
            data=PersonData(full_name="Fictief Testpersoon", date_of_birth=date(1980, 1, 2), contact="06-0"),
        )
    assert refused.value.field == "known_risks" and "Politie Test" in refused.value.message
    with pytest.raises(ServiceError):
        person_save(
            actor=world.crisis_actor,
            situation_id=situation.pk,
            data=PersonData(
                full_name="Fictief Testpersoon",
                date_of_birth=date(1980, 1, 2),
                contact="06-99",
                known_risks="dreigt met een mes",
            ),
        )
    person.refresh_from_db()
    assert (person.contact, person.known_risks) == ("06-0", "dreigt met een mes")
    added = person_save(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        data=PersonData(
            full_name="Fictief Testpersoon",
            date_of_birth=date(1980, 1, 2),
            contact="06-0",
            known_risks="dreigt met een mes; kalmeert bij zijn zus",
        ),
    )
    assert added.known_risks.endswith("kalmeert bij zijn zus")
    person_save(
        actor=world.police_colleague_actor,
        situation_id=situation.pk,
        data=PersonData(full_name="Fictief Testpersoon", date_of_birth=date(1980, 1, 2), contact="06-1"),
    )
    history = list(PersonFieldChange.objects.filter(person=person).values_list("field", "old_value"))
    assert ("known_risks", "dreigt met een mes") in history
    assert ("contact", "06-0") in history
    assert ("known_risks", "dreigt met een mes; kalmeert bij zijn zus") in history  # the police removed it: kept
    assert not AuditEvent.objects.filter(new__icontains="mes").exists()  # old values are not in the audit log


def test_the_privacy_officer_sees_the_earlier_values(world: Any) -> None:
    situation, person = situation_with_person(world, known_risks="dreigt met een mes")
    person_save(
        actor=world.police_actor,
        situation_id=situation.pk,
        data=PersonData(full_name="Fictief Testpersoon", date_of_birth=date(1980, 1, 2), contact="06-7"),
    )
    officer = make_user("fg-politie", world.police, Role.PRIVACY_OFFICER)
    page = page_text(logged_in(officer).get(reverse("privacy-person", args=[person.pk])))
    assert "Eerdere waarden" in page and "dreigt met een mes" in page and "06-0" in page
