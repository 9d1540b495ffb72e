"""Shared set-up for the privacy tests: a situation with a person and a request from police to the crisis service."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import intake
from gipz.privacy.models import Circumstance, Disclosure, InformationRequest, Person
from gipz.privacy.services.persons import PersonData, person_save
from gipz.privacy.services.requests import (
    AnswerData,
    RequestData,
    information_request_answer,
    information_request_create,
)


def situation_with_person(world: Any, **person: Any) -> tuple[Any, Person]:
    situation = intake(world)
    values = {
        "full_name": "Fictief Testpersoon",
        "date_of_birth": date(1980, 1, 2),
        "contact": "06-0",
        "known_risks": "",
    }
    values.update(person)
    saved = person_save(actor=world.police_actor, situation_id=situation.pk, data=PersonData(**values))
    return situation, saved


def ask(world: Any, situation: Any, *, actor: Any = None, holder: Any = None, **overrides: Any) -> InformationRequest:
    data = {
        "holder_organisation_id": (holder or world.crisis).pk,
        "purpose": "acute_safety",
        "question": "Is er gevaar voor hulpverleners bij deze persoon?",
        "categories": ["danger_signals", "care_relation"],
        "urgency": "now",
        "circumstance": Circumstance.NONE,
    }
    data.update(overrides)
    return information_request_create(
        actor=actor or world.police_actor, situation_id=situation.pk, data=RequestData(**data)
    )


def answer_partly(world: Any, request: InformationRequest, *, actor: Any = None, **overrides: Any) -> Disclosure:
    data: dict[str, Any] = {
        "decision": Disclosure.Decision.PARTLY,
        "circumstance": Circumstance.NONE,
        "legal_basis": "KNMG conflict van plichten",
        "weighing": "Gevaar voor hulpverleners weegt zwaarder; behandelrelatie niet bevestigd.",
        "items": {"danger_signals": "Ga niet alleen naar binnen."},
        "justification": Disclosure.Justification.CONFLICT_OF_DUTIES,
        "justification_text": "Zwijgen levert ernstig gevaar op voor de agenten.",
        "person_informed": Disclosure.Informed.UNSAFE,
        "person_not_informed_reason": "Betrokkene is nu psychotisch en dreigend.",
        "not_informed_exception": "uavg_41",
    }
    data.update(overrides)
    return information_request_answer(actor=actor or world.crisis_actor, request_id=request.pk, data=AnswerData(**data))
