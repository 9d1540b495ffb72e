from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.agreements.models import ServiceArea
from gipz.agreements.selectors import duty_for, policy_for, targets_for
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError, TransitionError
from gipz.core.jobs import job_enqueue
from gipz.geo.models import Municipality
from gipz.situations import triage as triage_core
from gipz.situations.models import CareRequest, Participant, Situation, Status, Urgency
from gipz.situations.services.common import lock_situation, require, timeline_add, transition

log = logging.getLogger(__name__)

ESCALATE_JOB = "situations.escalate"
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


def _new_reference(now: datetime) -> str:
    return f"M{now:%y%m}-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(5))


def situation_create(*, actor: Actor, data: IntakeData, now: datetime | None = None) -> Situation:
    """Record a melding, triage it and, when care is wanted, route the request to the crisis team on duty."""
    require(actor.is_police, _("Alleen de politie kan een acute melding aanmaken."))
    if not data.location.strip():
        raise ServiceError(_("Vul de locatie in."), field="location")
    if not data.description.strip():
        raise ServiceError(_("Vul een korte omschrijving in."), field="description")
    now = now or timezone.now()
    policy = policy_for(municipality=data.municipality)
    result = triage_core.triage(data.answers, targets_for(policy))

    urgency = result.urgency.value
    if data.chosen_urgency and data.chosen_urgency != urgency:
        if data.chosen_urgency not in Urgency.values:
            raise ServiceError(_("Kies een urgentie van U1 tot en met U5."), field="chosen_urgency")
        if not data.urgency_reason.strip():
            raise ServiceError(
                _("Geef een reden als u een andere urgentie kiest dan het advies."), field="urgency_reason"
            )
        urgency = data.chosen_urgency
    wants_crisis = data.request_crisis
    if wants_crisis is None:
        wants_crisis = urgency in (Urgency.U2, Urgency.U3, Urgency.U4)
    target_minutes = targets_for(policy).minutes.get(triage_core.Urgency(urgency))

    answers = data.answers
    fields = dict(
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
        urgency=urgency,
        urgency_reason=data.urgency_reason.strip() if urgency != result.urgency.value else "",
        triage_reasons=list(result.reasons),
        triage_advice=list(result.advice),
        target_minutes=target_minutes,
        status=Status.REFERRED,
    )
    with transaction.atomic():
        situation = _insert_with_reference(fields, now)
        Participant.objects.create(situation=situation, organisation=actor.organisation, kind=Participant.Kind.REPORTER)
        timeline_add(
            situation=situation,
            kind="created",
            actor=actor,
            at=now,
            to_status=Status.REFERRED,
            note=f"{urgency}",
        )
        audit_record(
            actor=actor,
            event_type="situation.created",
            obj=situation,
            new={
                "urgency": urgency,
                "advised_urgency": result.urgency.value,
                "municipality": data.municipality.code,
            },
        )
        if wants_crisis:
            _route(situation=situation, actor=actor, now=now, acknowledge_minutes=policy.acknowledge_minutes)
    return situation


def _insert_with_reference(fields: dict[str, object], now: datetime) -> Situation:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Situation.objects.create(reference=_new_reference(now), **fields)
        except IntegrityError:
            continue
    raise ServiceError(_("Kon geen uniek kenmerk maken; probeer het opnieuw."))


def situation_request_crisis(*, actor: Actor, situation_id: int, now: datetime | None = None) -> Situation:
    """Ask the crisis service after all, for a melding that triage had referred elsewhere (U1/U5)."""
    now = now or timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        require(
            actor.organisation.pk == situation.reporting_organisation_id,
            _("Alleen de melder kan de crisisdienst alsnog inschakelen."),
        )
        if situation.status != Status.REFERRED:
            raise TransitionError(_("De crisisdienst is voor deze melding al ingeschakeld of de melding is gesloten."))
        policy = policy_for(municipality=situation.municipality)
        _route(situation=situation, actor=actor, now=now, acknowledge_minutes=policy.acknowledge_minutes)
    return situation


def _route(*, situation: Situation, actor: Actor, now: datetime, acknowledge_minutes: int) -> None:
    duty = duty_for(municipality=situation.municipality, at=now)
    team = duty.primary or duty.backup
    backup = duty.backup if duty.primary else None
    if team is not None:
        organisation = team.organisation
    else:
        area = ServiceArea.objects.filter(municipalities=situation.municipality).select_related("organisation").first()
        if area is None:
            raise ServiceError(
                _("Voor %(municipality)s is geen crisisdienst bekend. Bel de crisisdienst rechtstreeks.")
                % {"municipality": situation.municipality.name}
            )
        organisation = area.organisation
    # No team on duty at all: the coordinator must act now, so the deadline is immediate.
    deadline = now + timedelta(minutes=acknowledge_minutes) if team else now
    request = CareRequest.objects.create(
        situation=situation,
        organisation=organisation,
        team=team,
        backup_team=backup,
        requested_at=now,
        acknowledge_deadline=deadline,
    )
    Participant.objects.get_or_create(
        situation=situation, organisation=organisation, defaults={"kind": Participant.Kind.ASSIGNED}
    )
    deadline_target = situation.target_minutes
    transition(
        situation=situation,
        to=Status.REPORTED,
        actor=actor,
        kind="routed",
        at=now,
        note=team.name if team else _("geen team in dienst"),
        changes={"on_site_deadline": now + timedelta(minutes=deadline_target) if deadline_target else None},
    )
    job_enqueue(kind=ESCALATE_JOB, run_at=deadline, payload={"request_id": request.pk})
