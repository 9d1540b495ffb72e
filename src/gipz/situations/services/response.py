"""The crisis service's response: accept (a claim), escalate, en route, on site, SBAR handover; and cancelling."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Membership, Role, User
from gipz.accounts.selectors import team_members
from gipz.agreements.selectors import agreement_terms
from gipz.alerts.models import Alert
from gipz.alerts.services import alert
from gipz.core.audit import audit_record
from gipz.core.errors import ConflictError, ServiceError, TransitionError
from gipz.core.events import publish
from gipz.core.logcontext import log_on_commit
from gipz.core.personal_data import access_log_write
from gipz.core.text import refuse_free_text
from gipz.situations import triage as triage_core
from gipz.situations.models import (
    CareRequest,
    Handover,
    Notification,
    Participant,
    Situation,
    Status,
    Urgency,
)
from gipz.situations.rules import CARE_REQUEST, SITUATION
from gipz.situations.selectors import terms_targets
from gipz.situations.services.common import lock_situation, timeline_add, transition
from gipz.situations.services.intake import alert_fields

log = logging.getLogger(__name__)


def care_request_accept(*, actor: Actor, situation_id: int, now: datetime | None = None) -> Situation:
    """Claim the request. Exactly one of several people accepting at once wins; the others hear who did."""
    now = now or timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require_permitted(actor, situation, "accept")
        request = situation.care_request
        # Compare-and-swap: the UPDATE matches only while the request may still move to accepted (pending). The
        # loser hears who won, which the state machine's own refusal could not tell.
        won = CareRequest.objects.filter(
            pk=request.pk, status__in=CARE_REQUEST.sources(CareRequest.Status.ACCEPTED)
        ).update(
            status=CareRequest.Status.ACCEPTED,
            accepted_at=now,
            accepted_by=actor.user,
            accepted_by_team=actor.team,
        )
        if not won:
            request.refresh_from_db()
            log.info("claim conflict", extra={"event": "request.claim_conflict", "care_request_id": request.pk,
                                              "situation": situation.reference, "status": request.status})  # fmt: skip
            if request.status == CareRequest.Status.ACCEPTED and request.accepted_by is not None:
                raise ConflictError(
                    _("%(name)s heeft dit verzoek al geaccepteerd om %(time)s.")
                    % {
                        "name": request.accepted_by,
                        "time": time_format(timezone.localtime(request.accepted_at)),
                    }
                )
            raise TransitionError(_("Dit verzoek kan niet meer worden geaccepteerd."))
        transition(
            situation=situation,
            to=Status.ACCEPTED,
            actor=actor,
            kind="accepted",
            at=now,
            changes={"accepted_at": now},
        )
        publish("request.accepted", at=now, reference=situation.reference,
                organisation_ids=[situation.reporting_organisation_id, request.organisation_id])  # fmt: skip
    return situation


def care_request_escalate(*, request_id: int, now: datetime | None = None) -> bool:
    """Called by the worker at the acknowledgement deadline. Idempotent: does nothing if the request was accepted
    or already escalated. Returns True when it escalated."""
    now = now or timezone.now()
    with transaction.atomic():
        situation_id = CareRequest.objects.filter(pk=request_id).values_list("situation_id", flat=True).first()
        if situation_id is None:
            return False
        lock_situation(situation_id)  # the lock order: the situation before its children
        won = CareRequest.objects.filter(
            pk=request_id, status=CareRequest.Status.PENDING, escalated_at__isnull=True
        ).update(escalated_at=now)
        if not won:
            return False
        request = CareRequest.objects.select_related("situation", "backup_team", "team").get(pk=request_id)
        situation = request.situation
        recipients = Membership.objects.filter(organisation_id=request.organisation_id, role=Role.COORDINATOR)
        if request.backup_team_id:
            recipients = recipients | Membership.objects.filter(team_id=request.backup_team_id)
            Participant.take_part(situation, request.backup_team.organisation, Participant.Kind.BACKUP)
        user_ids = set(recipients.values_list("user_id", flat=True))
        message = _("Geëscaleerd: %(ref)s in %(municipality)s is niet op tijd bevestigd.") % {
            "ref": situation.reference,
            "municipality": situation.municipality.name,
        }
        Notification.objects.bulk_create(
            [Notification(user_id=user_id, situation=situation, message=message) for user_id in sorted(user_ids)]
        )
        alert(
            recipients=User.objects.filter(pk__in=user_ids),
            kind=Alert.Kind.ESCALATED,
            **alert_fields(situation),
            now=now,
        )
        note = (
            _("naar achterwacht %(team)s en coördinator") % {"team": request.backup_team.name}
            if request.backup_team
            else _("naar coördinator")
        )
        timeline_add(situation=situation, kind="escalated", actor=None, at=now, note=note)
        audit_record(
            actor=None,
            event_type="request.escalated",
            obj=request,
            old={"escalated_at": None},
            new={"escalated_at": now, "notified": len(user_ids)},
        )
        log_on_commit(
            log, "escalated", event="request.escalated", care_request_id=request_id, situation=situation.reference,
            notified=len(user_ids), backup_team_id=request.backup_team_id,
        )  # fmt: skip
    return True


def care_request_remind(*, request_id: int, now: datetime | None = None) -> bool:
    """Called by the worker shortly before the acknowledgement deadline: call the team again if nobody has
    acknowledged yet. Returns True when it alerted."""
    now = now or timezone.now()
    with transaction.atomic():
        request = (
            CareRequest.objects.filter(pk=request_id, status=CareRequest.Status.PENDING, escalated_at__isnull=True)
            .select_related("situation__municipality")
            .first()
        )
        if request is None or request.team_id is None:
            return False
        alert(
            recipients=team_members(request.team_id),
            kind=Alert.Kind.ACKNOWLEDGE_SOON,
            **alert_fields(request.situation),
            now=now,
        )
    return True


def situation_en_route(*, actor: Actor, situation_id: int, eta_minutes: int, now: datetime | None = None) -> Situation:
    now = now or timezone.now()
    if not 0 < eta_minutes <= 24 * 60:
        raise ServiceError(_("Geef de verwachte reistijd in minuten (1 tot 1440)."), field="eta_minutes")
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "en_route")
        transition(
            situation=situation,
            to=Status.EN_ROUTE,
            actor=actor,
            kind="en_route",
            at=now,
            note=_("verwacht over %(minutes)d min") % {"minutes": eta_minutes},
            changes={"en_route_at": now, "eta": now + timedelta(minutes=eta_minutes)},
        )
    return situation


def situation_on_site(*, actor: Actor, situation_id: int, now: datetime | None = None) -> Situation:
    now = now or timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "on_site")
        transition(
            situation=situation,
            to=Status.ON_SITE,
            actor=actor,
            kind="on_site",
            at=now,
            changes={"on_site_at": now},
        )
    return situation


def handover_submit(
    *,
    actor: Actor,
    situation_id: int,
    situation_text: str,
    background: str,
    assessment: str,
    recommendation: str,
    now: datetime | None = None,
) -> Handover:
    """The crisis professional writes and confirms the SBAR; police confirm it next (handover_confirm_police)."""
    now = now or timezone.now()
    if not situation_text.strip():
        raise ServiceError(_("Vul de S (situatie) in."), field="situation_text")
    if not recommendation.strip():
        raise ServiceError(_("Vul de R (advies en afspraken) in."), field="recommendation")
    for field, text in (
        ("situation_text", situation_text),
        ("background", background),
        ("assessment", assessment),
        ("recommendation", recommendation),
    ):
        refuse_free_text(text, field=field)
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "handover")
        handover, created = Handover.objects.update_or_create(
            situation=situation,
            defaults=dict(
                sbar_situation=situation_text.strip(),
                sbar_background=background.strip(),
                sbar_assessment=assessment.strip(),
                sbar_recommendation=recommendation.strip(),
                written_by=actor.user,
                crisis_confirmed_at=now,
            ),
        )
        timeline_add(situation=situation, kind="handover_proposed", actor=actor, at=now)
        audit_record(
            actor=actor,
            event_type="handover.submitted" if created else "handover.revised",
            obj=handover,
            new={"crisis_confirmed_at": now},
        )
        access_log_write(
            actor=actor,
            action="create" if created else "change",
            obj=handover,
            situation_id=situation.pk,
            detail="SBAR met achtergrond en beoordeling",
        )
    return handover


def handover_confirm_police(*, actor: Actor, situation_id: int, now: datetime | None = None) -> Situation:
    """Police confirm the SBAR: care has taken over coordination, the police unit is released."""
    now = now or timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "confirm_handover")
        handover = situation.handover
        handover.police_confirmed_at = now
        handover.police_confirmed_by = actor.user
        handover.save(update_fields=["police_confirmed_at", "police_confirmed_by"])
        audit_record(
            actor=actor,
            event_type="handover.police_confirmed",
            obj=handover,
            old={"police_confirmed_at": None},
            new={"police_confirmed_at": now},
        )
        transition(
            situation=situation,
            to=Status.HANDED_OVER,
            actor=actor,
            kind="handed_over",
            at=now,
            note=_("politie kan vertrekken"),
            changes={"handed_over_at": now},
        )
        told = [situation.reporting_organisation_id, situation.care_request.organisation_id]
        publish("situation.handed_over", at=now, reference=situation.reference, organisation_ids=told)
    return situation


def situation_cancel(*, actor: Actor, situation_id: int, reason: str, now: datetime | None = None) -> Situation:
    now = now or timezone.now()
    if not reason.strip():
        raise ServiceError(_("Geef een reden voor het annuleren."), field="reason")
    refuse_free_text(reason, field="reason")
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "cancel")
        transition(
            situation=situation,
            to=Status.CANCELLED,
            actor=actor,
            kind="cancelled",
            at=now,
            changes={"cancelled_at": now, "cancel_reason": reason.strip()[:300]},
        )
        CareRequest.objects.filter(
            situation=situation, status__in=CARE_REQUEST.sources(CareRequest.Status.WITHDRAWN)
        ).update(status=CareRequest.Status.WITHDRAWN)
    return situation


def notifications_mark_read(*, actor: Actor, now: datetime | None = None) -> int:
    """Mark the actor's own unread alerts as read; returns how many."""
    return Notification.objects.filter(user=actor.user, read_at__isnull=True).update(read_at=now or timezone.now())


def situation_retriage(
    *, actor: Actor, situation_id: int, urgency: str, reason: str, now: datetime | None = None
) -> Situation:
    """The crisis service's triagist confirms or changes the urgency (when accepting or after first contact). The
    police's urgency stays in `police_urgency`; targets and deadlines follow the triaged one."""
    now = now or timezone.now()
    if urgency not in Urgency.values:
        raise ServiceError(_("Kies een urgentie van U1 tot en met U5."), field="urgency")
    refuse_free_text(reason, field="reason")
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "retriage")
        if urgency != situation.urgency and len(reason.strip()) < 5:
            raise ServiceError(_("Geef kort de reden van de andere urgentie."), field="reason")
        targets = terms_targets(agreement_terms(situation.agreement))
        minutes = targets.minutes.get(triage_core.Urgency(urgency))
        old = {"urgency": situation.urgency, "target_minutes": situation.target_minutes}
        situation.urgency = urgency
        situation.target_minutes = minutes
        situation.on_site_deadline = situation.created_at + timedelta(minutes=minutes) if minutes else None
        situation.triaged_at = now
        situation.triaged_by = actor.user
        situation.triage_reason = reason.strip()[:300]
        situation.save(
            update_fields=["urgency", "target_minutes", "on_site_deadline", "triaged_at", "triaged_by", "triage_reason"]
        )
        # Codes only in the timeline and the audit: the reason is typed text and stays on the situation.
        timeline_add(situation=situation, kind="retriaged", actor=actor, at=now, note=f"{old['urgency']} → {urgency}")
        audit_record(
            actor=actor,
            event_type="situation.retriaged",
            obj=situation,
            old=old,
            new={"urgency": urgency, "target_minutes": minutes, "police_urgency": situation.police_urgency},
        )
    return situation
