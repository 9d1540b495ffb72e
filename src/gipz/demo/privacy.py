"""Fictional persons and information requests, made through the real services (so the access log is real too).

Every name is marked 'Fictief' and every date of birth is made up: no real person is in the demo.
"""

from __future__ import annotations

from datetime import date

from gipz.accounts.actor import actor_for
from gipz.accounts.models import User
from gipz.privacy.models import Circumstance, Disclosure, InformationRequest, Person
from gipz.privacy.services.persons import PersonData, person_save
from gipz.privacy.services.requests import (
    AnswerData,
    RequestData,
    information_request_answer,
    information_request_create,
)
from gipz.situations.models import OPEN_STATUSES, FollowUp, Situation, Status
from gipz.situations.services import follow_up_add

FICTIONAL_PERSONS = [
    (
        "Fictief — Kees Voorbeeld",
        date(1979, 3, 14),
        "06-00000001 (fictief)",
        "Dreigt met een mes als hij zich bedreigd voelt.",
    ),
    ("Fictief — Anna Testbeeld", date(1991, 11, 2), "Voorbeeldstraat 1, Utrecht (fictief)", ""),
    ("Fictief — Mo Proefpersoon", date(2001, 6, 30), "", "Eerder agressief tegen hulpverleners."),
]


def ensure_privacy_demo() -> int:
    """Persons on a few situations and three information requests (open, answered partly, shared). Idempotent."""
    if InformationRequest.objects.exists():
        return 0
    police = actor_for(User.objects.get(username="agent"))
    crisis = actor_for(User.objects.get(username="crisis"))
    meldpunt = actor_for(User.objects.get(username="meldpunt"))
    assert police and crisis and meldpunt
    open_situations = list(
        Situation.objects.filter(status__in=OPEN_STATUSES, participants__organisation=crisis.organisation)
        .filter(participants__organisation=police.organisation)
        .order_by("created_at")
    )
    for situation, (name, born, contact, risks) in zip(open_situations, FICTIONAL_PERSONS, strict=False):
        if not Person.objects.filter(situation=situation).exists():
            person_save(
                actor=police,
                situation_id=situation.pk,
                data=PersonData(full_name=name, date_of_birth=born, contact=contact, known_risks=risks),
            )
    if not open_situations:
        return 0
    first = open_situations[0]
    # 1. The classic: police ask the crisis service whether someone is a client (left open for the demo).
    information_request_create(
        actor=police,
        situation_id=first.pk,
        data=RequestData(
            holder_organisation_id=crisis.organisation.pk,
            purpose="acute_safety",
            question="Is deze meneer bij jullie bekend of in behandeling? Wij staan nu bij hem voor de deur.",
            categories=["care_relation", "danger_signals"],
            urgency="now",
            circumstance=Circumstance.NONE,
        ),
    )
    # 2. Care asks police about antecedents before a home visit, answered partly.
    asked = information_request_create(
        actor=crisis,
        situation_id=first.pk,
        data=RequestData(
            holder_organisation_id=police.organisation.pk,
            purpose="visit_safety",
            question=(
                "Wij gaan morgen op huisbezoek. Zijn er antecedenten of risico's waar wij rekening mee moeten houden?"
            ),
            categories=["police_antecedents", "danger_signals"],
            urgency="today",
            circumstance=Circumstance.NONE,
        ),
    )
    information_request_answer(
        actor=police,
        request_id=asked.pk,
        data=AnswerData(
            decision=Disclosure.Decision.PARTLY,
            circumstance=Circumstance.NONE,
            legal_basis="Wpg art. 19 (veiligheid hulpverleners)",
            weighing="Veiligheid van de hulpverleners weegt zwaar; details van antecedenten zijn daarvoor niet nodig.",
            items={
                "danger_signals": "Ga niet alleen; er is eerder met een mes gedreigd. Bel vooraf met het basisteam."
            },
            justification=Disclosure.Justification.LEGAL_BASIS,
            justification_text="Incidentele verstrekking bij zwaarwegend algemeen belang (Wpg art. 19).",
            person_informed=Disclosure.Informed.WILL_INFORM,
            message_to_requester="Antecedenten zelf delen wij niet; wel het advies hierboven.",
        ),
    )
    # 3. The meldpunt asks police for context during its triage (Wpg art. 18(2) authorisation).
    # The crisis team on site hands the follow-up to the meldpunt (that makes it a participant), which then asks
    # the police for context for its triage.
    on_site = next((s for s in open_situations if s.status == Status.ON_SITE), None)
    if on_site is not None:
        second = on_site
        follow_up_add(
            actor=crisis,
            situation_id=second.pk,
            kind=FollowUp.Kind.MELDPUNT,
            responsible_organisation=meldpunt.organisation,
            details="Triage door het meldpunt (fictief).",
        )
        triage = information_request_create(
            actor=meldpunt,
            situation_id=second.pk,
            data=RequestData(
                holder_organisation_id=police.organisation.pk,
                purpose="care_assessment",
                question="Voor onze triage: hoe vaak is de politie de laatste maanden bij haar geweest, en waarvoor?",
                categories=["police_context"],
                urgency="normal",
                circumstance=Circumstance.NONE,
            ),
        )
        information_request_answer(
            actor=police,
            request_id=triage.pk,
            data=AnswerData(
                decision=Disclosure.Decision.SHARE,
                circumstance=Circumstance.NONE,
                legal_basis="Wpg art. 18 lid 2; Stcrt. 2021, 48897",
                weighing="Nodig voor de triage door het meldpunt; alleen aantallen en aard, geen details van derden.",
                items={"police_context": "Drie meldingen verward gedrag in de afgelopen twee maanden (fictief)."},
                justification=Disclosure.Justification.LEGAL_BASIS,
                justification_text="Toestemmingsbesluit meldpunten niet-acute zorg (art. 18 lid 2 Wpg).",
                person_informed=Disclosure.Informed.INFORMED,
                informed_how="letter",
                visible_days=14,
            ),
        )
    return InformationRequest.objects.count()
