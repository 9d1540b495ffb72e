from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation, Team
from gipz.accounts.selectors import team_members
from gipz.agreements.models import ServiceArea
from gipz.agreements.selectors import agreement_in_force, agreement_terms, duty_for
from gipz.agreements.terms import CRISIS_PARTIES, acute_situation_type
from gipz.alerts.models import Alert
from gipz.alerts.services import alert
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.events import publish
from gipz.core.jobs import Planned, jobs_plan
from gipz.core.logcontext import log_on_commit
from gipz.core.personal_data import access_log_write
from gipz.core.text import refuse_free_text
from gipz.geo.models import Municipality
from gipz.geo.selectors import dissolved_refusal
from gipz.situations import triage as triage_core
from gipz.situations.models import CareRequest, Participant, Situation, Status, Urgency
from gipz.situations.rules import SITUATION
from gipz.situations.selectors import terms_targets
from gipz.situations.services.common import lock_situation, require, timeline_add, transition

log = logging.getLogger(__name__)

ESCALATE_JOB = "situations.escalate"
REMIND_JOB = "situations.acknowledge_reminder"
REMIND_BEFORE = timedelta(minutes=3)
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the radio


@dataclass(frozen=True)
class IntakeData:
    municipality: Municipality
    location: str
    description: str
    answers: triage_core.TriageAnswers
    person_description: str = ""
    chosen_urgency: str | None = None  # the officer's own choice when it differs from the advice
    urgency_reason: str = ""
    request_crisis: bool | None = None  # None: follow the advice; True/False: the officer's choice

    @classmethod
    def from_cleaned(
        cls, data: Mapping[str, Any], *, answers: triage_core.TriageAnswers, request_crisis: bool | None
    ) -> IntakeData:
        """From the cleaned data of the intake form or the API's serializer (same field names)."""
        return cls(
            municipality=data["municipality"],
            location=data["location"],
            description=data["description"],
            person_description=data["person_description"],
            answers=answers,
            chosen_urgency=data["chosen_urgency"] or None,
            urgency_reason=data["urgency_reason"],
            request_crisis=request_crisis,
        )


def _new_reference(now: datetime) -> str:
    return f"M{now:%y%m}-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


@dataclass(frozen=True)
class Routing:
    """Where a request goes: the team on duty (or, with nobody on duty, straight to the coordinator)."""

    organisation: Organisation
    team: Team | None
    backup: Team | None
    acknowledge_deadline: datetime


def _routing_for(*, municipality: Municipality, now: datetime, acknowledge_minutes: int) -> Routing:
    duty = duty_for(municipality=municipality, at=now)
    team = duty.primary or duty.backup
    if team is not None:
        return Routing(
            organisation=team.organisation,
            team=team,
            backup=duty.backup if duty.primary else None,
            acknowledge_deadline=now + timedelta(minutes=acknowledge_minutes),
        )
    area = ServiceArea.objects.filter(municipalities=municipality).select_related("organisation").first()
    if area is None:
        raise ServiceError(
            _("Voor %(municipality)s is geen crisisdienst bekend. Bel de crisisdienst rechtstreeks.")
            % {"municipality": municipality.name}
        )
    # No team on duty at all: the coordinator must act now, so the deadline is immediate.
    return Routing(organisation=area.organisation, team=None, backup=None, acknowledge_deadline=now)


def situation_create(*, actor: Actor, data: IntakeData, now: datetime | None = None) -> Situation:
    """Record a melding, triage it and, when care is wanted, route the request to the crisis team on duty.

    Creating and routing is one step in the timeline ('created', straight to 'reported'): the officer's single
    action, written as one timeline row and one audit row."""
    require(actor.is_police, _("Alleen de politie kan een acute melding aanmaken."))
    if not data.municipality.active:
        raise ServiceError(dissolved_refusal(data.municipality), field="municipality")
    if not data.location.strip():
        raise ServiceError(_("Vul de locatie in."), field="location")
    if not data.description.strip():
        raise ServiceError(_("Vul een korte omschrijving in."), field="description")
    refuse_free_text(data.description, field="description")
    refuse_free_text(data.location, field="location")
    refuse_free_text(data.person_description, field="person_description")
    refuse_free_text(data.urgency_reason, field="urgency_reason")
    now = now or timezone.now()
    applied = agreement_in_force(municipality=data.municipality, at=now)
    targets = terms_targets(applied.terms)
    result = triage_core.triage(data.answers, targets)

    urgency = result.urgency.value
    if data.chosen_urgency and data.chosen_urgency != urgency:
        if data.chosen_urgency not in Urgency.values:
            raise ServiceError(_("Kies een urgentie van U1 tot en met U5."), field="chosen_urgency")
        if not data.urgency_reason.strip():
            raise ServiceError(
                _("Geef een reden als u een andere urgentie kiest dan het advies."), field="urgency_reason"
            )
        urgency = data.chosen_urgency
    answers = data.answers
    situation_type = acute_situation_type(
        medical_emergency=answers.medical_emergency,
        danger_to_self=answers.danger_to_self,
        danger_to_others=answers.danger_to_others,
        offence=answers.offence.value,
        intoxication=answers.intoxication,
        urgency=urgency,
    )
    wants_crisis = data.request_crisis
    if wants_crisis is None:
        # The werkafspraak decides who takes the lead for this kind of situation; the officer may overrule it.
        wants_crisis = (
            urgency in (Urgency.U2, Urgency.U3, Urgency.U4)
            and applied.terms.responsible_for(situation_type).party in CRISIS_PARTIES
        )
    target_minutes = targets.minutes.get(triage_core.Urgency(urgency))
    routing = (
        _routing_for(
            municipality=data.municipality, now=now, acknowledge_minutes=applied.terms.targets.acknowledge_minutes
        )
        if wants_crisis
        else None
    )

    fields: dict[str, Any] = dict(
        agreement=applied.version,
        situation_type=situation_type.value,
        municipality=data.municipality,
        location=data.location.strip(),
        description=data.description.strip(),
        person_description=data.person_description.strip(),
        reporting_organisation=actor.organisation,
        created_by=actor.user,
        created_at=now,
        offence=answers.offence.value,
        danger_to_self=answers.danger_to_self,
        danger_to_others=answers.danger_to_others,
        weapon=answers.weapon,
        medical_emergency=answers.medical_emergency,
        intoxication=answers.intoxication,
        minors_present=answers.minors_present,
        care_indicators=sorted(answers.care_indicators),
        advised_urgency=result.urgency.value,
        police_urgency=urgency,
        urgency=urgency,
        urgency_reason=data.urgency_reason.strip() if urgency != result.urgency.value else "",
        triage_reasons=list(result.reasons),
        triage_advice=list(result.advice),
        target_minutes=target_minutes,
        status=Status.REPORTED if routing else Status.REFERRED,
        on_site_deadline=now + timedelta(minutes=target_minutes) if routing and target_minutes else None,
    )
    # References are random (32^6 per month); on the rare clash the whole transaction is simply tried again,
    # which is cheaper on every intake than a savepoint around the insert.
    for attempt in range(3):
        try:
            return _insert(actor=actor, fields=fields, routing=routing, now=now)
        except IntegrityError as exc:
            if "reference" not in str(exc) or attempt == 2:
                raise
    raise AssertionError("unreachable")


def _insert(*, actor: Actor, fields: dict[str, Any], routing: Routing | None, now: datetime) -> Situation:
    with transaction.atomic():
        situation = Situation.objects.create(reference=_new_reference(now), **fields)
        participants = [Participant.of(situation, actor.organisation, Participant.Kind.REPORTER)]
        if routing and routing.organisation.pk != actor.organisation.pk:
            participants.append(Participant.of(situation, routing.organisation, Participant.Kind.ASSIGNED))
        Participant.objects.bulk_create(participants)
        if routing:
            _request_create(situation=situation, routing=routing, now=now)
        timeline_add(
            situation=situation,
            kind="created",
            actor=actor,
            at=now,
            to_status=situation.status,
            note=_routing_note(situation, routing),
        )
        audit_record(
            actor=actor,
            event_type="situation.created",
            obj=situation,
            new={
                "status": situation.status,
                "urgency": situation.urgency,
                "advised_urgency": situation.advised_urgency,
                "municipality": situation.municipality.code,
                "team": routing.team.name if routing and routing.team else None,
            },
        )
        if situation.person_description:
            access_log_write(
                actor=actor,
                action="create",
                obj=situation,
                situation_id=situation.pk,
                detail="signalement",
            )
    return situation


def _routing_note(situation: Situation, routing: Routing | None) -> str:
    if routing is None:
        return situation.urgency
    team = routing.team.name if routing.team else _("geen team in dienst")
    return f"{situation.urgency} → {team}"


def _request_create(*, situation: Situation, routing: Routing, now: datetime) -> CareRequest:
    request = CareRequest.objects.create(
        situation=situation,
        organisation=routing.organisation,
        team=routing.team,
        backup_team=routing.backup,
        requested_at=now,
        acknowledge_deadline=routing.acknowledge_deadline,
    )
    jobs = [Planned(ESCALATE_JOB, routing.acknowledge_deadline, {"request_id": request.pk})]
    publish("request.routed", at=now, organisation_ids=[routing.organisation.pk], reference=situation.reference)
    log_on_commit(
        log, "routed", event="request.routed", situation=situation.reference, care_request_id=request.pk,
        to_organisation_id=routing.organisation.pk, team_id=routing.team.pk if routing.team else None,
        backup_team_id=routing.backup.pk if routing.backup else None,
        acknowledge_deadline=routing.acknowledge_deadline.isoformat(),
    )  # fmt: skip
    if routing.team is not None:
        alert(
            recipients=team_members(routing.team.pk),
            kind=Alert.Kind.NEW_REQUEST,
            **alert_fields(situation),
            now=now,
            deliver_until=routing.acknowledge_deadline,  # then the escalation alerts others
        )
        # A second call shortly before the deadline, if nobody has acknowledged by then.
        reminder = routing.acknowledge_deadline - min(REMIND_BEFORE, (routing.acknowledge_deadline - now) / 2)
        jobs.append(Planned(REMIND_JOB, reminder, {"request_id": request.pk}))
    jobs_plan(jobs)  # one INSERT for both
    return request


def alert_fields(situation: Situation) -> dict[str, str]:
    """What an alert about a melding may say: never its description, location or person."""
    return {
        "reference": situation.reference,
        "urgency": situation.urgency,
        "municipality": situation.municipality.name,
        "path": reverse("situation", args=[situation.pk]),
    }


def situation_request_crisis(*, actor: Actor, situation_id: int, now: datetime | None = None) -> Situation:
    """Ask the crisis service after all, for a melding that triage had referred elsewhere (U1/U5)."""
    now = now or timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "request_crisis")
        # The agreement that applied when the melding was made still applies to it.
        terms = agreement_terms(situation.agreement)
        routing = _routing_for(
            municipality=situation.municipality, now=now, acknowledge_minutes=terms.targets.acknowledge_minutes
        )
        _request_create(situation=situation, routing=routing, now=now)
        Participant.objects.bulk_create(  # a no-op if the organisation already takes part
            [Participant.of(situation, routing.organisation, Participant.Kind.ASSIGNED)],
            ignore_conflicts=True,
        )
        target = situation.target_minutes
        transition(
            situation=situation,
            to=Status.REPORTED,
            actor=actor,
            kind="routed",
            at=now,
            note=_routing_note(situation, routing),
            changes={"on_site_deadline": now + timedelta(minutes=target) if target else None},
        )
    return situation
