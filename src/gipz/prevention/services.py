"""Preventive assistance: care asks, police decide with reasons before the agreed lead time, either side records
how it went. Every step is a transition in the state machine with a history row and an audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation, Role, Team, User
from gipz.agreements.selectors import agreement_in_force
from gipz.alerts.models import Alert
from gipz.alerts.services import alert
from gipz.careasks.services import addressees, require_care_asker
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.jobs import job_enqueue
from gipz.core.text import refuse_free_text
from gipz.geo.models import Municipality
from gipz.prevention import risk
from gipz.prevention.models import (
    OPEN_FOR_DECISION,
    PreventiveRequest,
    PreventiveRequestEvent,
    RiskAnswer,
)
from gipz.prevention.rules import PREVENTIVE_REQUEST

DEADLINE_JOB = "prevention.decision_deadline"
Status = PreventiveRequest.Status


@dataclass(frozen=True)
class PreventiveRequestData:
    police_organisation_id: int
    municipality_id: int
    event_kind: str
    planned_at: datetime
    location: str
    description: str
    violence_history: str
    weapons: str
    known_to_police: str
    care_measures: str
    own_security: bool = False
    extra_staff: bool = False
    risk_notes: str = ""
    event_other: str = ""


# How far ahead a preventive request may be made: the police roster and the risk weighing do not reach further.
PLANNING_HORIZON_DAYS = 180


def _validate(data: PreventiveRequestData, now: datetime) -> tuple[Organisation, Municipality]:
    if data.event_kind not in PreventiveRequest.EventKind.values:
        raise ServiceError(_("Kies om welk moment het gaat."), field="event_kind")
    if data.event_kind == PreventiveRequest.EventKind.OTHER and not data.event_other.strip():
        raise ServiceError(_("Beschrijf om welk moment het gaat."), field="event_other")
    if data.planned_at <= now:
        raise ServiceError(_("Het moment moet in de toekomst liggen. Is het nu acuut? Bel 112."), field="planned_at")
    if data.planned_at > now + timedelta(days=PLANNING_HORIZON_DAYS):
        raise ServiceError(
            _(
                "Zo ver vooruit kan de politie nog niet plannen: vraag het op zijn vroegst %(days)s dagen van "
                "tevoren aan. De risico's kunnen tot dan ook nog veranderen."
            )
            % {"days": PLANNING_HORIZON_DAYS},
            field="planned_at",
        )
    if not data.location.strip():
        raise ServiceError(_("Vul de locatie in."), field="location")
    if len(data.description.strip()) < 10:
        raise ServiceError(_("Beschrijf de situatie (ten minste 10 tekens)."), field="description")
    for name in ("violence_history", "weapons", "known_to_police"):
        if getattr(data, name) not in RiskAnswer.values:
            raise ServiceError(_("Beantwoord elke vraag van de risicoweging (ja, nee of onbekend)."), field=name)
    if len(data.care_measures.strip()) < 5:
        raise ServiceError(_("Beschrijf wat de zorg zelf doet om het veilig te houden."), field="care_measures")
    refuse_free_text(data.description, data.risk_notes, data.care_measures, data.location, field="description")
    return addressees(
        police_organisation_id=data.police_organisation_id,
        municipality_id=data.municipality_id,
        police_missing=_("Kies de politie-eenheid die u vraagt."),
    )


def decision_deadline(*, planned_at: datetime, now: datetime, lead_hours: int) -> tuple[datetime, bool]:
    """The agreed moment before which police decide; a late request gets half the time that is left."""
    agreed = planned_at - timedelta(hours=lead_hours)
    if agreed >= now:
        return agreed, False
    return now + (planned_at - now) / 2, True


def preventive_request_create(
    *, actor: Actor, data: PreventiveRequestData, now: datetime | None = None
) -> PreventiveRequest:
    require_care_asker(actor, _("Alleen zorgorganisaties vragen preventieve assistentie aan."))
    now = now or timezone.now()
    police, municipality = _validate(data, now)
    applied = agreement_in_force(municipality=municipality, at=now)
    deadline, late = decision_deadline(
        planned_at=data.planned_at, now=now, lead_hours=applied.terms.targets.preventive_decision_hours
    )
    assessment = risk.assess(
        risk.RiskInput(
            violence_history=data.violence_history,
            weapons=data.weapons,
            known_to_police=data.known_to_police,
            event_kind=data.event_kind,
            own_security=data.own_security,
            extra_staff=data.extra_staff,
        )
    )
    with transaction.atomic():
        request = PreventiveRequest.objects.create(
            care_organisation=actor.organisation,
            asked_by=actor.user,
            police_organisation=police,
            municipality=municipality,
            agreement=applied.version,
            created_at=now,
            event_kind=data.event_kind,
            event_other=data.event_other.strip(),
            planned_at=data.planned_at,
            location=data.location.strip(),
            description=data.description.strip(),
            violence_history=data.violence_history,
            weapons=data.weapons,
            known_to_police=data.known_to_police,
            risk_notes=data.risk_notes.strip(),
            own_security=data.own_security,
            extra_staff=data.extra_staff,
            care_measures=data.care_measures.strip(),
            risk_level=assessment.level.value,
            risk_reasons=list(assessment.reasons),
            decision_deadline=deadline,
            late_request=late,
        )
        PreventiveRequestEvent.record(
            request=request, actor=actor, at=now, kind="submitted", to_status=Status.SUBMITTED
        )
        audit_record(
            actor=actor,
            event_type="preventiverequest.submitted",
            obj=request,
            new={"police": police.pk, "planned_at": data.planned_at, "risk_level": assessment.level.value},
        )
        job_enqueue(kind=DEADLINE_JOB, run_at=deadline, payload={"request_id": request.pk})
    return request


def _lock(request_id: int) -> PreventiveRequest:
    return PreventiveRequest.objects.select_for_update().get(pk=request_id)


@dataclass(frozen=True)
class DecisionData:
    decision: str
    reason: str
    advised_alternative: str = ""
    info_question: str = ""
    team_id: int | None = None
    officers: int | None = None


def preventive_request_decide(
    *, actor: Actor, request_id: int, data: DecisionData, now: datetime | None = None
) -> PreventiveRequest:
    """Police decide: assist (a team and how many officers), not needed (with an advised alternative), or more
    information needed (with the question). Always with a reason."""
    now = now or timezone.now()
    if data.decision not in PreventiveRequest.Decision.values:
        raise ServiceError(_("Kies een besluit."), field="decision")
    if len(data.reason.strip()) < 10:
        raise ServiceError(_("Geef de reden van het besluit (ten minste 10 tekens)."), field="reason")
    changes: dict[str, object] = {
        "decision": data.decision,
        "decision_reason": data.reason.strip(),
        "decided_by": actor.user,
        "decided_at": now,
    }
    if data.decision == PreventiveRequest.Decision.ASSIST:
        team = Team.objects.filter(pk=data.team_id, organisation=actor.organisation).first() if data.team_id else None
        if team is None:
            raise ServiceError(_("Kies het team dat assisteert."), field="team")
        if not data.officers or data.officers < 1:
            raise ServiceError(_("Vul in met hoeveel agenten de politie komt."), field="officers")
        changes.update(assigned_team=team, officers=data.officers)
    elif data.decision == PreventiveRequest.Decision.NOT_NEEDED:
        if len(data.advised_alternative.strip()) < 5:
            raise ServiceError(_("Adviseer een alternatief als de politie niet komt."), field="advised_alternative")
        changes["advised_alternative"] = data.advised_alternative.strip()
    else:
        if len(data.info_question.strip()) < 5:
            raise ServiceError(_("Schrijf welke informatie u nog nodig hebt."), field="info_question")
        changes.update(info_question=data.info_question.strip(), decided_by=None, decided_at=None)
    with transaction.atomic():
        request = _lock(request_id)
        PREVENTIVE_REQUEST.require(actor, request, "decide")
        PREVENTIVE_REQUEST.move(
            request,
            to=data.decision,
            actor=actor,
            kind=f"decided_{data.decision}",
            at=now,
            changes=changes,
        )
    return request


def preventive_request_add_info(*, actor: Actor, request_id: int, answer: str) -> PreventiveRequest:
    if len(answer.strip()) < 5:
        raise ServiceError(_("Vul de gevraagde informatie in."), field="answer")
    refuse_free_text(answer, field="answer")
    now = timezone.now()
    with transaction.atomic():
        request = _lock(request_id)
        PREVENTIVE_REQUEST.require(actor, request, "add_info")
        PREVENTIVE_REQUEST.move(
            request,
            to=Status.SUBMITTED,
            actor=actor,
            kind="info_added",
            at=now,
            changes={"info_answer": answer.strip()},
        )
    return request


def preventive_request_withdraw(*, actor: Actor, request_id: int, reason: str) -> PreventiveRequest:
    if len(reason.strip()) < 5:
        raise ServiceError(_("Geef kort aan waarom u het verzoek intrekt."), field="reason")
    with transaction.atomic():
        request = _lock(request_id)
        PREVENTIVE_REQUEST.require(actor, request, "withdraw")
        PREVENTIVE_REQUEST.move(
            request,
            to=Status.WITHDRAWN,
            actor=actor,
            kind="withdrawn",
            at=timezone.now(),
            changes={"withdraw_reason": reason.strip()[:300]},
        )
    return request


def preventive_request_record_outcome(
    *, actor: Actor, request_id: int, outcome: str, note: str, now: datetime | None = None
) -> PreventiveRequest:
    """Afterwards, either side records how it went. Before the moment only 'did not happen' or 'postponed'."""
    now = now or timezone.now()
    if outcome not in PreventiveRequest.Outcome.values:
        raise ServiceError(_("Kies hoe het is gegaan."), field="outcome")
    refuse_free_text(note, field="note")
    with transaction.atomic():
        request = _lock(request_id)
        PREVENTIVE_REQUEST.require(actor, request, "outcome")
        if now < request.planned_at and outcome not in (
            PreventiveRequest.Outcome.CANCELLED,
            PreventiveRequest.Outcome.POSTPONED,
        ):
            raise ServiceError(_("Het moment is nog niet geweest. Leg de uitkomst achteraf vast."), field="outcome")
        if outcome == PreventiveRequest.Outcome.POLICE_ACTED and not note.strip():
            raise ServiceError(_("Licht toe wat de politie moest doen."), field="note")
        PREVENTIVE_REQUEST.move(
            request,
            to=Status.COMPLETED,
            actor=actor,
            kind="outcome",
            at=now,
            changes={"outcome": outcome, "outcome_note": note.strip(), "outcome_by": actor.user, "outcome_at": now},
        )
    return request


def preventive_deadline_check(*, request_id: int, now: datetime | None = None) -> bool:
    """The worker, at the decision deadline: if police have not decided, record that the deadline passed."""
    now = now or timezone.now()
    with transaction.atomic():
        request = PreventiveRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.status not in OPEN_FOR_DECISION or request.deadline_missed_at is not None:
            return False
        request.deadline_missed_at = now
        request.save(update_fields=["deadline_missed_at"])
        PreventiveRequestEvent.record(request=request, actor=None, at=now, kind="deadline_passed")
        audit_record(actor=None, event_type="preventiverequest.deadline_passed", obj=request, new={"at": now})
        alert(  # the police coordinators who decide (prevention/rules.py): a decision is still needed
            recipients=User.objects.filter(
                memberships__organisation_id=request.police_organisation_id, memberships__role=Role.COORDINATOR
            ),
            kind=Alert.Kind.PREVENTIVE_DEADLINE,
            reference=request.reference,
            municipality=request.municipality.name,
            path=reverse("preventive-request", args=[request.pk]),
            now=now,
        )
    return True
