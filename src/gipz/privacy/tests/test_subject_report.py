"""The answer to a data subject: every element of AVG art. 15(1), a full copy of what the organisation holds (every
model, with the visibility rules), consultations with their purpose, and the police's separate Wpg art. 25 answer."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import intake, logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.core.text_retention import text_rules
from gipz.keyfigures.models import Consult
from gipz.keyfigures.services import consult_request
from gipz.keyfigures.tests.helpers import key_figure
from gipz.learning.models import ImproperCallDiscussion
from gipz.privacy.models import (
    Circumstance,
    Disclosure,
    DisclosureItem,
    OwnInitiativeWarning,
    Person,
    SubjectRequest,
)
from gipz.privacy.services.persons import PersonData, person_save
from gipz.privacy.services.subject_requests import subject_request_record
from gipz.privacy.subject import OWN_FIELDS, build_report
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person
from gipz.situations.models import Evaluation, FollowUp, Handover

pytestmark = pytest.mark.django_db


@pytest.fixture
def fg(world: Any) -> dict[str, Any]:
    return {
        "police": world.actor(make_user("fg-politie", world.police, Role.PRIVACY_OFFICER)),
        "crisis": world.actor(make_user("fg-crisis", world.crisis, Role.PRIVACY_OFFICER)),
    }


def _scene(world: Any) -> tuple[Any, Person]:
    """A melding with a row in every model that holds personal text about it."""
    situation, person = situation_with_person(world)
    answer_partly(world, ask(world, situation))  # crisis service shares with the police
    to_police = ask(
        world,
        situation,
        actor=world.crisis_actor,
        holder=world.police,
        purpose="care_assessment",
        categories=["police_context"],
        question="Hoe vaak is de politie hier eerder geweest, en waarvoor?",
    )
    answer_partly(
        world,
        to_police,
        actor=world.police_actor,
        items={"police_context": "Twee eerdere meldingen."},
        legal_basis="Wpg art. 18",
        justification=Disclosure.Justification.LEGAL_BASIS,
    )
    now = timezone.now()
    OwnInitiativeWarning.objects.create(
        situation=situation,
        organisation=world.crisis,
        recorded_by=world.crisis_user,
        recipient=world.police,
        warned_at=now,
        recorded_at=now,
        categories=["danger_signals"],
        content="x",
        criteria={},
        weighing="x",
        person_informed="unsafe",
    )
    Handover.objects.create(
        situation=situation,
        sbar_situation="x",
        sbar_recommendation="x",
        written_by=world.crisis_user,
        crisis_confirmed_at=now,
    )
    FollowUp.objects.create(situation=situation, kind="gp", created_by=world.crisis_user, details="x")
    evaluation = Evaluation.objects.create(
        situation=situation, side="police", organisation=world.police, author=world.police_user, rating=2
    )
    ImproperCallDiscussion.objects.create(evaluation=evaluation, situation=situation, created_at=now)
    consult_request(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        key_figure_id=key_figure(world).pk,
        question="Wat werkt bij deze persoon het best?",
    )
    return situation, person


def _marker(row: Model, name: str) -> str:
    return f"M{row._meta.model_name}{row.pk}{name.replace('_', '')}Z"


def test_shared_content_leaves_the_requesters_answer_when_it_stops_seeing_it(world: Any, fg: dict[str, Any]) -> None:
    situation, person = situation_with_person(world)
    disclosure = answer_partly(world, ask(world, situation))
    police = world.actor(make_user("fg-p", world.police, Role.PRIVACY_OFFICER))
    assert "Ga niet alleen naar binnen." in _report_text(police, person)
    Disclosure.objects.filter(pk=disclosure.pk).update(visible_until=timezone.now() - timedelta(minutes=1))
    assert "Ga niet alleen naar binnen." not in _report_text(police, person)
    assert "Ga niet alleen naar binnen." in _report_text(fg["crisis"], person)  # the holder still holds it


def _mark_everything(situation: Any) -> dict[str, tuple[Model, str, str]]:
    """Put a unique marker in every declared text field of every row about the situation."""
    markers: dict[str, tuple[Model, str, str]] = {}
    for rule in text_rules():
        if not rule.situation_field:
            continue
        target = situation.pk if rule.situation_field == "pk" else situation
        rows = list(rule.model._default_manager.filter(**{rule.situation_field: target}))
        assert rows, f"the scene has no {rule.model._meta.label}: add one so the copy is tested for it"
        for row in rows:
            for name in rule.fields:
                marker = _marker(row, name)
                rule.model._default_manager.filter(pk=row.pk).update(**{name: marker})
                markers[marker] = (row, name, rule.category)
    for item in DisclosureItem.objects.filter(disclosure__request__situation=situation):
        marker = _marker(item, "content")
        DisclosureItem.objects.filter(pk=item.pk).update(content=marker)
        markers[marker] = (item.disclosure, "content", "shared")
    return markers


def _expected(row: Model, name: str, category: str, org: Any) -> bool:
    """What an organisation's answer must hold: what it may see on its pages (care details for care only, a consult
    or request for the organisations in it), but never the police's disclosures in another organisation's answer."""
    if category == "care" and not org.is_care:
        return False
    if isinstance(row, (Disclosure, OwnInitiativeWarning)) and name in OWN_FIELDS[row._meta.label_lower]:
        return org.pk == row.organisation_id  # the holder's weighing is not the requester's
    if isinstance(row, Disclosure):
        if row.organisation.type == "police" and org.type != "police":
            return False
        return org.pk in (row.organisation_id, row.request.requesting_organisation_id)
    if isinstance(row, Consult):
        return org.pk in (row.asking_organisation_id, row.key_figure.organisation_id)
    return True


def _report_text(actor: Any, person: Person) -> str:
    report = build_report(actor=actor, person=person)
    return "\n".join(f"{f.label}: {f.value}" for copy in report.copies for f in copy.facts)


def test_the_copy_holds_every_personal_datum_in_every_model_with_the_visibility_rules(
    world: Any, fg: dict[str, Any]
) -> None:
    situation, person = _scene(world)
    markers = _mark_everything(situation)
    crisis_copy = _report_text(fg["crisis"], person)
    police_copy = _report_text(fg["police"], person)
    for marker, (row, name, category) in markers.items():
        for org, copy in ((world.crisis, crisis_copy), (world.police, police_copy)):
            assert (marker in copy) == _expected(row, name, category, org), (org.name, row._meta.label, name)
    for value in ("Fictief Testpersoon", "1980-01-02", "psychiatrische problematiek", "Zorgsignalen"):
        assert value in crisis_copy and value in police_copy, value


def test_the_answer_has_every_element_of_article_15(world: Any, fg: dict[str, Any]) -> None:
    situation, person = situation_with_person(world)
    answer_partly(world, ask(world, situation))
    logged_in(world.police_user).get(reverse("situation", args=[situation.pk]))
    response = logged_in(fg["crisis"].user).get(reverse("privacy-report-pdf", args=[person.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for element in (
        "Inzage in uw persoonsgegevens (AVG art. 15)",
        "Doelen",  # (a)
        "Gezondheid: zorgsignalen en de beoordeling (triage)",  # (b), the health flags
        "psychiatrische problematiek",
        "Ontvangers",  # (c)
        "Europese Economische Ruimte",  # third countries
        "dagen na afloop van de melding",  # (d) with its start moment
        "Rectificatie",  # (e)
        "Autoriteit Persoonsgegevens",  # (f)
        "Herkomst",  # (g)
        "geen geautomatiseerde besluitvorming",  # (h)
        "Man roept verward op straat",  # the copy (15(3)): the description
        "Vredenburg 1",  # the location
        "Gevaar voor hulpverleners",  # what was shared
        "de melding afhandelen",  # a consultation's purpose (C-579/21)
    ):
        assert element.lower() in text.lower(), element
    assert "verpleegkundige" not in text.lower() and str(world.police_user) not in text  # no employees


def test_views_made_before_the_person_was_recorded_are_in_the_report(world: Any, fg: dict[str, Any]) -> None:
    situation = intake(world)
    logged_in(world.crisis_user).get(reverse("situation", args=[situation.pk]))  # no person yet
    person = person_save(
        actor=world.police_actor,
        situation_id=situation.pk,
        data=PersonData(full_name="Fictief Later", date_of_birth=timezone.localdate() - timedelta(days=9000)),
    )
    views = build_report(actor=fg["crisis"], person=person).views
    assert any(v.organisation == "Crisisdienst Test" and v.what == "melding" for v in views)


def test_the_police_answer_under_the_wpg_with_its_own_deadline_and_disclosures(world: Any, fg: dict[str, Any]) -> None:
    _situation, person = _scene(world)
    today = timezone.localdate()
    request = subject_request_record(actor=fg["police"], person=person, received_at=today, identity_check="in_person")
    assert request.regime == "wpg" and request.deadline == today + timedelta(days=42)
    police = build_report(actor=fg["police"], person=person, request=request)
    assert police.title == "Kennisneming van politiegegevens (Wet politiegegevens art. 25)"
    assert {d.organisation_id for d in police.disclosures} == {world.police.pk}  # its own disclosures
    assert any("Wpg art. 28" in r for r in police.rights)
    crisis = build_report(actor=fg["crisis"], person=person)
    assert crisis.title == "Inzage in uw persoonsgegevens (AVG art. 15)"
    assert world.police.pk not in {d.organisation_id for d in crisis.disclosures}  # not the police's disclosures
    # a restriction of art. 27 withholds the disclosures and consultations, and says so
    restricted = subject_request_record(
        actor=fg["police"], person=person, received_at=today, identity_check="in_person", wpg_restriction="criminal"
    )
    withheld = build_report(actor=fg["police"], person=person, request=restricted)
    assert withheld.withheld and withheld.disclosures == [] and withheld.views == []
    rows = list(csv.reader(io.StringIO(_csv(fg["police"].user, person)), delimiter=";"))
    assert any(row[0] == "verzoek" and "Wpg art. 27" in row[3] for row in rows)


def _csv(user: Any, person: Person) -> str:
    response = logged_in(user).get(reverse("privacy-report-csv", args=[person.pk]))
    assert response.status_code == 200
    assert "kennisneming-wpg" in response["Content-Disposition"]
    return response.content.decode("utf-8-sig")


def test_an_avg_request_has_a_month_and_at_most_two_more(world: Any, fg: dict[str, Any]) -> None:
    _situation, person = situation_with_person(world)
    client = logged_in(fg["crisis"].user)
    today = timezone.localdate()
    new_request = reverse("privacy-subject-request", args=[person.pk])
    bad = client.post(new_request, {"request-received_at": "", "request-identity_check": "digid"})
    assert page_text(bad, 400) and not SubjectRequest.objects.exists()
    ok = client.post(
        new_request,
        {"request-received_at": today.isoformat(), "request-identity_check": "digid"},
    )
    assert ok.status_code == 302
    request = SubjectRequest.objects.get()
    assert (request.regime, request.deadline) == ("avg", today + timedelta(days=30))
    url = reverse("privacy-subject-request-extend", args=[person.pk, request.pk])
    too_far = (request.deadline + timedelta(days=61)).isoformat()
    refused = client.post(url, {"extend-until": too_far, "extend-reason": "Veel verzoeken tegelijk ontvangen."})
    text = page_text(refused, 400)
    assert "Verleng tot een datum na" in text and "Veel verzoeken tegelijk ontvangen." in text
    within = (request.deadline + timedelta(days=60)).isoformat()
    extended = client.post(url, {"extend-until": within, "extend-reason": "Veel verzoeken tegelijk ontvangen."})
    assert extended.status_code == 302
    request.refresh_from_db()
    assert request.due == request.deadline + timedelta(days=60)
    sent = client.post(reverse("privacy-subject-request-sent", args=[person.pk, request.pk]))
    assert sent.status_code == 302
    assert SubjectRequest.objects.get().sent_at is not None


def test_a_request_between_two_other_organisations_is_not_in_an_answer(world: Any, fg: dict[str, Any]) -> None:
    """The report of a care organisation covers what that organisation holds: a request between two other
    organisations does not appear in it."""
    situation, person = situation_with_person(world)
    answer_partly(world, ask(world, situation, holder=world.crisis, circumstance=Circumstance.NONE))
    other = world.actor(make_user("fg-zorg", world.care, Role.PRIVACY_OFFICER))
    from gipz.situations.models import Participant

    Participant.take_part(situation, world.care, "care")
    report = build_report(actor=other, person=person)
    assert report.disclosures == []
    assert "Gevaar voor hulpverleners" not in "\n".join(f.value for c in report.copies for f in c.facts)
