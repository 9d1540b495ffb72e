"""Information requests: the state machine, the answer's rules, visibility, and who may see what."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in, page_text
from gipz.accesslog.models import AccessLogEntry
from gipz.core.errors import ConflictError, NotAllowedError, ServiceError
from gipz.core.models import AuditEvent
from gipz.privacy.models import Circumstance, Disclosure, InformationRequest, InformationRequestEvent
from gipz.privacy.services.requests import information_request_withdraw
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person
from gipz.situations.models import TimelineEvent

pytestmark = pytest.mark.django_db


def test_a_request_answered_partly_shares_only_the_items(world: Any) -> None:
    situation, person = situation_with_person(world)
    request = ask(world, situation)
    disclosure = answer_partly(world, request)
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.PARTLY_SHARED
    assert [i.category for i in disclosure.items.all()] == ["danger_signals"]
    assert disclosure.advice == [
        {"category": "danger_signals", "rule": "danger-warning-care-to-police", "verdict": "share_minimum"},
        {"category": "care_relation", "rule": "police-asks-care-relation", "verdict": "do_not_share"},
    ]
    kinds = list(InformationRequestEvent.objects.filter(request=request).values_list("kind", "to_status"))
    assert kinds == [("asked", ""), ("answered", "partly_shared")]
    assert TimelineEvent.objects.filter(situation=situation, kind="information_request").exists()
    assert AuditEvent.objects.filter(event_type="information_request.answered", object_id=str(request.pk)).exists()
    share = AccessLogEntry.objects.filter(action="share", object_type="privacy.disclosure").get()
    assert (
        share.person_id == person.pk and share.detail == "Gevaar voor hulpverleners (wapens, agressie) aan Politie Test"
    )


def test_the_requester_sees_only_what_was_shared_and_for_how_long(world: Any) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    answer_partly(world, request, visible_days=2)
    text = page_text(logged_in(world.police_user).get(reverse("information-request", args=[request.pk])))
    assert "Ga niet alleen naar binnen." in text
    assert "Zichtbaar voor u tot" in text
    assert "Zwijgen levert ernstig gevaar op" not in text  # the holder's weighing stays with the holder
    Disclosure.objects.filter(request=request).update(visible_until=timezone.now() - timedelta(minutes=1))
    later = page_text(logged_in(world.police_user).get(reverse("information-request", args=[request.pk])))
    assert "Ga niet alleen naar binnen." not in later
    assert "was zichtbaar tot" in later
    holder = page_text(logged_in(world.crisis_user).get(reverse("information-request", args=[request.pk])))
    assert "Ga niet alleen naar binnen." in holder and "Zwijgen levert ernstig gevaar op" in holder


def test_the_holder_sees_the_advice_and_who_it_is_about(world: Any) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    text = page_text(logged_in(world.crisis_user).get(reverse("information-request", args=[request.pk])))
    assert "geen juridisch oordeel" in text and "bel 112" in text
    assert "Fictief Testpersoon" in text
    assert "Bevestig of ontken niet" in text
    assert "Is er op dit moment gevaar voor hulpverleners of omstanders?" in text  # a question one can ask instead


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"weighing": "kort"}, "weighing"),
        ({"items": {}}, "items"),
        ({"items": {"health": "diagnose"}}, "items"),
        ({"decision": "share"}, "decision"),
        ({"justification": "", "justification_text": ""}, "justification"),
        ({"legal_basis": " "}, "legal_basis"),
        ({"person_informed": "unsafe", "person_not_informed_reason": ""}, "person_not_informed_reason"),
        ({"person_informed": "unsafe", "not_informed_exception": ""}, "not_informed_exception"),
        ({"person_informed": "informed"}, "informed_how"),
        ({"circumstance": Circumstance.CONSENT}, "consent_given_by"),
        ({"items": {"danger_signals": "BSN 111222333"}}, "items"),
        ({"decision": "refuse"}, "items"),
        ({"visible_days": 400}, "visible_days"),
    ],
)
def test_a_bad_answer_is_refused_and_saves_nothing(world: Any, overrides: dict[str, Any], field: str) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    with pytest.raises(ServiceError) as caught:
        answer_partly(world, request, **overrides)
    assert caught.value.field == field
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.OPEN
    assert not Disclosure.objects.exists()


def test_sharing_with_consent_records_who_when_how(world: Any) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation, circumstance=Circumstance.CONSENT)
    disclosure = answer_partly(
        world,
        request,
        circumstance=Circumstance.CONSENT,
        consent_given_by="Betrokkene zelf",
        consent_given_at=timezone.now() - timedelta(minutes=5),
        consent_how="verbal",
        person_informed="informed",
        informed_how="in_person",
    )
    assert disclosure.consent_given_by == "Betrokkene zelf" and disclosure.consent_how == "verbal"
    assert disclosure.justification == "" and not disclosure.without_consent
    assert disclosure.informed_at is not None and disclosure.informed_by == world.crisis_user


def test_a_refusal_shares_nothing_and_needs_no_justification(world: Any) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    disclosure = answer_partly(
        world, request, decision="refuse", items={}, justification="", justification_text="", legal_basis=""
    )
    assert disclosure.visible_until is None and not disclosure.items.exists()
    assert disclosure.person_informed == Disclosure.Informed.NOT_APPLICABLE


def test_only_the_holder_answers_and_only_once(world: Any) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    with pytest.raises(NotAllowedError):
        answer_partly(world, request, actor=world.police_colleague_actor)
    with pytest.raises(NotAllowedError):
        answer_partly(world, request, actor=world.outsider_crisis_actor)
    with pytest.raises(NotAllowedError):  # a colleague who is not at the information desk
        answer_partly(world, request, actor=world.crisis_colleague_actor)
    answer_partly(world, request)
    with pytest.raises(ConflictError):
        answer_partly(world, request)
    with pytest.raises(ServiceError):
        information_request_withdraw(actor=world.police_actor, request_id=request.pk)


def test_the_requester_may_withdraw_an_open_request(world: Any) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    with pytest.raises(NotAllowedError):
        information_request_withdraw(actor=world.crisis_actor, request_id=request.pk)
    information_request_withdraw(actor=world.police_actor, request_id=request.pk)
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.WITHDRAWN


@pytest.mark.parametrize("answered", [False, True])
def test_the_withdraw_button_is_offered_exactly_when_the_service_accepts(world: Any, answered: bool) -> None:
    """The request page's button comes from the rules (INFORMATION_REQUEST.allowed), like the situation page's."""
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    if answered:
        answer_partly(world, request)
    form = f'action="{reverse("information-request-withdraw", args=[request.pk])}"'
    url = reverse("information-request", args=[request.pk])
    for user, actor in ((world.police_user, world.police_actor), (world.crisis_user, world.crisis_actor)):
        offered = form in page_text(logged_in(user).get(url))
        try:
            with transaction.atomic():
                information_request_withdraw(actor=actor, request_id=request.pk)
                transaction.set_rollback(True)
            accepted = True
        except ServiceError:
            accepted = False
        assert offered == accepted, f"{user.username}, answered={answered}: offered={offered}, service={accepted}"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"question": "kort"}, "question"),
        ({"categories": []}, "categories"),
        ({"purpose": "curiosity"}, "purpose"),
        ({"question": "Klopt BSN 111222333 bij deze man?"}, "question"),
    ],
)
def test_a_bad_request_is_refused(world: Any, overrides: dict[str, Any], field: str) -> None:
    situation, _ = situation_with_person(world)
    with pytest.raises(ServiceError) as caught:
        ask(world, situation, **overrides)
    assert caught.value.field == field
    assert not InformationRequest.objects.exists()


def test_asking_your_own_organisation_or_from_outside_the_situation_is_refused(world: Any) -> None:
    situation, _ = situation_with_person(world)
    with pytest.raises(ServiceError):
        ask(world, situation, holder=world.police)
    with pytest.raises(NotAllowedError):
        ask(world, situation, actor=world.outsider_police_actor)


def test_request_pages_owner_member_outsider(world: Any) -> None:
    """Requester (owner) and the holder's information desk (member) see the request; a colleague of the holder who
    is not at the desk and an outsider get 404, also on answer/withdraw."""
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    url = reverse("information-request", args=[request.pk])
    assert logged_in(world.police_user).get(url).status_code == 200
    assert logged_in(world.crisis_user).get(url).status_code == 200
    assert logged_in(world.crisis_colleague).get(url).status_code == 404
    assert logged_in(world.crisis_colleague).get(reverse("information-requests")).status_code == 200
    outsider = logged_in(world.outsider_crisis)
    assert outsider.get(url).status_code == 404
    assert outsider.post(reverse("information-request-answer", args=[request.pk]), {}).status_code == 404
    assert outsider.post(reverse("information-request-withdraw", args=[request.pk])).status_code == 404
    assert logged_in(world.care_user).get(url).status_code == 404


def test_the_request_form_keeps_what_was_typed_on_bad_input(world: Any) -> None:
    situation, _ = situation_with_person(world)
    client = logged_in(world.police_user)
    response = client.post(
        reverse("information-request-new", args=[situation.pk]),
        {"holder_organisation": world.crisis.pk, "purpose": "acute_safety", "question": "Mijn vraag is dit hier"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Kies welke soorten gegevens u nodig hebt." in text and "Mijn vraag is dit hier" in text
    ok = client.post(
        reverse("information-request-new", args=[situation.pk]),
        {
            "holder_organisation": world.crisis.pk,
            "purpose": "acute_safety",
            "question": "Is er gevaar voor hulpverleners?",
            "categories": ["danger_signals"],
            "urgency": "now",
            "circumstance": "none",
        },
    )
    assert ok.status_code == 302
    assert InformationRequest.objects.count() == 1


def test_the_answer_form_keeps_what_was_typed_on_bad_input(world: Any) -> None:
    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    response = logged_in(world.crisis_user).post(
        reverse("information-request-answer", args=[request.pk]),
        {
            "decision": "partly",
            "circumstance": "none",
            "weighing": "Een lange afweging hier",
            "item_danger_signals": "Let op",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Noem de grondslag waarop u deelt." in text and "Een lange afweging hier" in text
    assert not Disclosure.objects.exists()


def test_the_inbox_counts_open_requests(world: Any) -> None:
    situation, _ = situation_with_person(world)
    ask(world, situation)
    text = page_text(logged_in(world.crisis_user).get(reverse("information-requests")))
    assert ("Aan ons gesteld" in text and "#1" in text) or "#" in text
    assert 'class="utrecht-badge-counter">1' in text


def test_a_request_goes_to_the_desk_and_an_organisation_without_one_is_refused(world: Any) -> None:
    from gipz.accounts.models import Membership, Role
    from gipz.privacy.selectors import open_requests_for

    situation, _ = situation_with_person(world)
    request = ask(world, situation)
    assert list(open_requests_for(world.crisis_actor)) == [request]
    assert list(open_requests_for(world.crisis_colleague_actor)) == []  # no badge for those not at the desk
    Membership.objects.filter(organisation=world.crisis, role__in=[Role.INFORMATION_DESK]).delete()
    with pytest.raises(ServiceError) as refused:
        ask(world, situation)
    assert refused.value.field == "holder_organisation" and "informatiedesk" in refused.value.message


def test_a_claimed_duty_is_shown_as_the_requesters_and_never_used_for_the_advice(world: Any) -> None:
    """Lawful issue item 1: a police officer who claims a legal duty does not turn the holder's advice into 'you
    must answer'; the holder sees the claim 'volgens de vrager' and the advice for what the holder establishes."""
    situation, _ = situation_with_person(world)
    request = ask(world, situation, purpose="criminal_law", categories=["health"], circumstance="legal_duty")
    holder = logged_in(world.crisis_user)
    url = reverse("information-request", args=[request.pk])
    response = holder.get(url)
    assert response.status_code == 200
    text = page_text(response)
    assert "Omstandigheid volgens de vrager" in text and "Volgens de vrager: Een wet verplicht de houder" in text
    assert "Er is geen plicht om te antwoorden." in text and "U bent verplicht te antwoorden" not in text
    assert "verschoningsrecht" in text  # the criminal-law rule answers, for circumstance 'none'
    # The form starts from what the holder established, not from the claim.
    assert response.context["form"].initial["circumstance"] == Circumstance.NONE

    established = holder.get(url, {"circumstance": "legal_duty"})
    assert established.status_code == 200
    assert "U bent verplicht te antwoorden" in page_text(established)
    order = holder.get(url, {"circumstance": "criminal_order"})
    assert order.status_code == 200 and "verplicht u niet" in page_text(order)
    nonsense = holder.get(url, {"circumstance": "<script>"})
    assert nonsense.status_code == 200 and nonsense.context["established"] == Circumstance.NONE
