"""Erasure and restriction (AVG art. 17/18, Wpg art. 28): only the recording organisation erases, or with its
approval; the others are told; erasure removes name, pseudonym, health flags and text; restriction hides the record
from everyone but the privacy officers; nothing the officer typed goes into an append-only row."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in, make_user, page_text
from gipz.accesslog.models import AccessLogEntry
from gipz.accounts.models import Role
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.models import AuditEvent
from gipz.monitoring.models import YearRollup
from gipz.monitoring.rollups import refresh_dirty
from gipz.privacy.models import ErasureApproval, ErasureRequest, OfficerNotice, Person, PersonFieldChange
from gipz.privacy.selectors import persons_search
from gipz.privacy.services.persons import PersonData, person_save
from gipz.privacy.services.rights import erasure_decide, person_erase, person_restrict, person_restriction_lift
from gipz.privacy.tests.helpers import situation_with_person
from gipz.situations.models import Situation, Status

pytestmark = pytest.mark.django_db

EXPLANATION = "Verzoek per brief van 3 november; identiteit aan de balie gecontroleerd."


@pytest.fixture
def police_fg(world: Any) -> Any:
    return world.actor(make_user("fg-politie", world.police, Role.PRIVACY_OFFICER))


@pytest.fixture
def crisis_fg(world: Any) -> Any:
    return world.actor(make_user("fg-crisis", world.crisis, Role.PRIVACY_OFFICER))


def _close(situation: Situation) -> None:
    Situation.objects.filter(pk=situation.pk).update(status=Status.CLOSED, closed_at=timezone.now())


def test_erasure_needs_a_privacy_officer_a_ground_of_its_regime_and_a_finished_situation(
    world: Any, police_fg: Any
) -> None:
    situation, person = situation_with_person(world)
    with pytest.raises(NotAllowedError):
        person_erase(actor=world.police_actor, person_id=person.pk, ground="wpg_incorrect", explanation=EXPLANATION)
    with pytest.raises(ServiceError) as avg_ground:  # the police erase police data under the Wpg, not the AVG
        person_erase(actor=police_fg, person_id=person.pk, ground="objection", explanation=EXPLANATION)
    assert avg_ground.value.field == "ground"
    with pytest.raises(ServiceError, match="Zolang de melding loopt"):
        person_erase(actor=police_fg, person_id=person.pk, ground="wpg_incorrect", explanation=EXPLANATION)
    _close(situation)
    outcome = person_erase(actor=police_fg, person_id=person.pk, ground="wpg_incorrect", explanation=EXPLANATION)
    assert outcome.erased and outcome.request.status == ErasureRequest.Status.DONE
    person.refresh_from_db()
    situation.refresh_from_db()
    assert person.is_removed and person.full_name == "" and person.date_of_birth is None
    assert situation.location == "" and situation.description == "" and situation.identity_removed_at
    assert situation.urgency and situation.municipality_id  # the figures stay
    with pytest.raises(ServiceError, match="al verwijderd"):
        person_erase(actor=police_fg, person_id=person.pk, ground="wpg_incorrect", explanation=EXPLANATION)


def test_erasure_leaves_no_name_pseudonym_health_flag_or_earlier_value(world: Any, police_fg: Any) -> None:
    situation, person = situation_with_person(world, known_risks="dreigt met een mes")
    person_save(
        actor=world.police_actor,
        situation_id=situation.pk,
        data=PersonData(full_name="Fictief Anders", date_of_birth=person.date_of_birth, contact="06-0"),
    )
    old_pseudonym = Person.objects.get(pk=person.pk).pseudonym
    assert Situation.objects.get(pk=situation.pk).care_indicators == ["psychiatric"]
    refresh_dirty()
    assert any(old_pseudonym in row.pseudonyms for row in YearRollup.objects.all())
    _close(situation)
    person_erase(actor=police_fg, person_id=person.pk, ground="wpg_irrelevant", explanation=EXPLANATION)
    person.refresh_from_db()
    situation.refresh_from_db()
    assert person.pseudonym != old_pseudonym
    assert situation.care_indicators == [] and situation.triage_reasons == [] and not situation.danger_to_self
    assert not PersonFieldChange.objects.filter(person=person).exists()
    found = persons_search(
        actor=police_fg, full_name="Fictief Anders", date_of_birth=person.date_of_birth, reference=""
    )
    assert not found.exists()  # no longer found by name and date of birth
    # the rollups that count repeat persons are rebuilt without the old pseudonym
    refresh_dirty()
    assert not any(old_pseudonym in row.pseudonyms for row in YearRollup.objects.all())
    # nothing the officer typed is in an append-only row
    assert not AccessLogEntry.objects.filter(detail__icontains="balie").exists()
    assert not AuditEvent.objects.filter(new__icontains="balie").exists()
    assert ErasureRequest.objects.get().explanation == EXPLANATION  # kept in the request, which retention empties


def test_another_organisations_record_waits_for_its_approval_and_the_others_are_told(
    world: Any, crisis_fg: Any, police_fg: Any
) -> None:
    """The crisis service's officer cannot erase what the police recorded: the police officer decides."""
    situation, person = situation_with_person(world)
    _close(situation)
    outcome = person_erase(actor=crisis_fg, person_id=person.pk, ground="objection", explanation=EXPLANATION)
    assert not outcome.erased and outcome.waiting_for == ["Politie Test"]
    person.refresh_from_db()
    assert not person.is_removed and person.full_name == "Fictief Testpersoon"
    asked = OfficerNotice.objects.get(kind=OfficerNotice.Kind.ERASURE_ASKED)
    assert asked.organisation == world.police and asked.from_organisation == world.crisis
    approval = ErasureApproval.objects.get()
    with pytest.raises(NotAllowedError):  # not addressed to the crisis service
        erasure_decide(actor=crisis_fg, approval_id=approval.pk, approve=True, ground="objection")
    with pytest.raises(ServiceError) as no_ground:  # police approve under the Wpg
        erasure_decide(actor=police_fg, approval_id=approval.pk, approve=True, ground="objection")
    assert no_ground.value.field == "ground"
    erasure_decide(actor=police_fg, approval_id=approval.pk, approve=True, ground="wpg_irrelevant")
    person.refresh_from_db()
    assert person.is_removed
    erased = OfficerNotice.objects.get(kind=OfficerNotice.Kind.ERASED)
    assert erased.organisation == world.crisis and erased.from_organisation == world.police


def test_a_refusal_ends_the_request_and_tells_the_asker(world: Any, crisis_fg: Any, police_fg: Any) -> None:
    situation, person = situation_with_person(world)
    _close(situation)
    person_erase(actor=crisis_fg, person_id=person.pk, ground="objection", explanation=EXPLANATION)
    erasure_decide(actor=police_fg, approval_id=ErasureApproval.objects.get().pk, approve=False)
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.REFUSED
    assert OfficerNotice.objects.filter(kind=OfficerNotice.Kind.ERASURE_REFUSED, organisation=world.crisis).exists()
    assert not Person.objects.get(pk=person.pk).is_removed


def test_unlawful_processing_is_erased_while_the_situation_is_open(world: Any, police_fg: Any) -> None:
    situation, person = situation_with_person(world)
    person_erase(actor=police_fg, person_id=person.pk, ground="wpg_unlawful", explanation=EXPLANATION)
    person.refresh_from_db()
    assert person.is_removed and Situation.objects.get(pk=situation.pk).is_open


def test_restriction_hides_the_record_from_all_but_the_privacy_officers(
    world: Any, police_fg: Any, crisis_fg: Any
) -> None:
    situation, person = situation_with_person(world)
    Situation.objects.filter(pk=situation.pk).update(person_description="lange man, rode jas")
    with pytest.raises(ServiceError) as no_ground:
        person_restrict(actor=crisis_fg, person_id=person.pk, ground="wpg_shield", reason="Juistheid betwist.")
    assert no_ground.value.field == "ground"  # shielding under the Wpg is for the police
    person_restrict(actor=crisis_fg, person_id=person.pk, ground="accuracy", reason="Juistheid betwist per brief.")
    page = page_text(logged_in(world.police_user).get(reverse("situation", args=[situation.pk])))
    assert "Fictief Testpersoon" not in page and "rode jas" not in page and "beperkt" in page
    edit = logged_in(world.police_user).get(reverse("person-edit", args=[situation.pk]))
    assert edit.status_code == 302  # no form with the values
    with pytest.raises(ServiceError, match="beperkt"):
        person_save(actor=world.police_actor, situation_id=situation.pk, data=PersonData(full_name="Fictief X"))
    officer_page = page_text(logged_in(police_fg.user).get(reverse("privacy-person", args=[person.pk])))
    assert "Fictief Testpersoon" in officer_page and "Verwerking beperkt" in officer_page
    assert OfficerNotice.objects.filter(kind=OfficerNotice.Kind.RESTRICTED, organisation=world.police).exists()
    assert AccessLogEntry.objects.filter(action="restrict", person_id=person.pk).exists()
    with pytest.raises(NotAllowedError):  # only who restricted lifts it
        person_restriction_lift(actor=police_fg, person_id=person.pk)
    person_restriction_lift(actor=crisis_fg, person_id=person.pk)
    page = page_text(logged_in(world.police_user).get(reverse("situation", args=[situation.pk])))
    assert "Fictief Testpersoon" in page


def test_the_erase_form_offers_the_grounds_of_the_officers_regime_and_keeps_what_was_typed(
    world: Any, police_fg: Any, crisis_fg: Any
) -> None:
    _situation, person = situation_with_person(world)
    police_page = page_text(logged_in(police_fg.user).get(reverse("privacy-person", args=[person.pk])))
    assert "Wpg art. 28: de gegevens zijn feitelijk onjuist" in police_page
    assert "d) de persoonsgegevens zijn onrechtmatig verwerkt" not in police_page
    crisis_page = page_text(logged_in(crisis_fg.user).get(reverse("privacy-person", args=[person.pk])))
    assert "d) de persoonsgegevens zijn onrechtmatig verwerkt" in crisis_page
    refused = logged_in(crisis_fg.user).post(
        reverse("privacy-person-erase", args=[person.pk]),
        {"erase-ground": "objection", "erase-explanation": "Mijn toelichting hier"},
    )
    text = page_text(refused, 400)
    assert "Zolang de melding loopt" in text and "Mijn toelichting hier" in text
    assert not ErasureRequest.objects.exists()
