"""Passend vervolg, closing, and the joint evaluation afterwards."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError, TransitionError
from gipz.core.events import publish
from gipz.core.personal_data import access_log_write
from gipz.core.text import refuse_free_text
from gipz.situations.events import improper_call_flagged
from gipz.situations.models import (
    Evaluation,
    FollowUp,
    Participant,
    Situation,
    Status,
    Tension,
)
from gipz.situations.rules import FOLLOW_UP, SITUATION, evaluation_side
from gipz.situations.services.common import lock_situation, timeline_add, transition


def follow_up_add(
    *,
    actor: Actor,
    situation_id: int,
    kind: str,
    responsible_organisation: Organisation | None,
    details: str = "",
) -> FollowUp:
    if kind not in FollowUp.Kind.values:
        raise ServiceError(_("Kies een soort vervolg."), field="kind")
    refuse_free_text(details, field="details")
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "follow_up")
        follow_up = FollowUp.objects.create(
            situation=situation,
            kind=kind,
            responsible_organisation=responsible_organisation,
            details=details.strip(),
            created_by=actor.user,
        )
        if responsible_organisation is not None:
            Participant.take_part(situation, responsible_organisation, Participant.Kind.FOLLOW_UP)
        timeline_add(situation=situation, kind="follow_up_added", actor=actor, note=follow_up.get_kind_display())
        audit_record(
            actor=actor,
            event_type="follow_up.added",
            obj=follow_up,
            new={"kind": kind, "responsible_organisation": responsible_organisation},
        )
        if follow_up.details:
            access_log_write(
                actor=actor, action="create", obj=follow_up, situation_id=situation.pk, detail="toelichting vervolg"
            )
    return follow_up


def follow_up_update(
    *,
    actor: Actor,
    follow_up_id: int,
    status: str,
    responsible_organisation: Organisation | None,
) -> FollowUp:
    if status not in FollowUp.Status.values:
        raise ServiceError(_("Kies een geldige status."), field="status")
    with transaction.atomic():
        # The lock order: the situation first, then its follow-up (rules out closing beside an owner being cleared).
        situation_id = FollowUp.objects.filter(pk=follow_up_id).values_list("situation_id", flat=True).get()
        situation = lock_situation(situation_id)
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up_id)
        SITUATION.require(actor, situation, "follow_up_update")
        if situation.status == Status.CLOSED and responsible_organisation is None:
            raise ServiceError(
                _("Een vervolg van een afgesloten melding houdt een eigenaar."),
                field="responsible_organisation",
            )
        if responsible_organisation is not None:
            Participant.take_part(situation, responsible_organisation, Participant.Kind.FOLLOW_UP)
        FOLLOW_UP.move(
            follow_up,
            to=status,
            actor=actor,
            kind="follow_up_updated",
            at=timezone.now(),
            note=f"{follow_up.get_kind_display()}: {FollowUp.Status(status).label}",
            changes={"responsible_organisation": responsible_organisation},
        )
    return follow_up


def situation_close(*, actor: Actor, situation_id: int, now: datetime | None = None) -> Situation:
    """Close a handed-over situation. Every follow-up action must have an owner; at least one must exist."""
    now = now or timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "close")
        if situation.status != Status.REFERRED:
            follow_ups = list(situation.follow_ups.all())
            if situation.status == Status.HANDED_OVER and not follow_ups:
                raise TransitionError(_("Leg eerst minstens één vervolgafspraak vast."))
            ownerless = [f for f in follow_ups if f.responsible_organisation_id is None]
            if ownerless:
                raise TransitionError(
                    _("Afsluiten kan pas als elk vervolg een eigenaar heeft (nog zonder: %(kinds)s).")
                    % {"kinds": ", ".join(str(f.get_kind_display()) for f in ownerless)}
                )
        transition(
            situation=situation,
            to=Status.CLOSED,
            actor=actor,
            kind="closed",
            at=now,
            changes={"closed_at": now},
        )
        request = getattr(situation, "care_request", None)
        told = [situation.reporting_organisation_id, request.organisation_id if request else None]
        publish("situation.closed", at=now, reference=situation.reference, organisation_ids=told)
    return situation


def evaluation_submit(
    *,
    actor: Actor,
    situation_id: int,
    rating: int,
    improper_call: bool,
    improper_call_reason: str,
    tensions: list[str],
    comment: str = "",
) -> Evaluation:
    if not 1 <= rating <= 5:
        raise ServiceError(_("Geef een cijfer van 1 tot en met 5."), field="rating")
    if improper_call and not improper_call_reason.strip():
        raise ServiceError(_("Licht toe waarom het een oneigenlijk beroep was."), field="improper_call_reason")
    refuse_free_text(improper_call_reason, field="improper_call_reason")
    refuse_free_text(comment, field="comment")
    unknown = set(tensions) - set(Tension.values)
    if unknown:
        raise ServiceError(_("Onbekende spanning: %(names)s") % {"names": ", ".join(sorted(unknown))}, field="tensions")
    with transaction.atomic():
        situation = lock_situation(situation_id)
        SITUATION.require(actor, situation, "evaluate")
        side = evaluation_side(actor, situation)
        try:
            with transaction.atomic():
                evaluation = Evaluation.objects.create(
                    situation=situation,
                    side=side,
                    organisation=actor.organisation,
                    author=actor.user,
                    rating=rating,
                    improper_call=improper_call,
                    improper_call_reason=improper_call_reason.strip() if improper_call else "",
                    tensions=sorted(set(tensions)),
                    comment=comment.strip(),
                )
        except IntegrityError:
            raise TransitionError(_("Uw kant heeft deze melding al nabesproken.")) from None
        timeline_add(situation=situation, kind="evaluated", actor=actor, note=str(Evaluation.Side(side).label))
        if improper_call:
            improper_call_flagged.send(sender=Evaluation, actor=actor, evaluation=evaluation)
            timeline_add(situation=situation, kind="improper_call_flagged", actor=actor)
        audit_record(
            actor=actor,
            event_type="evaluation.submitted",
            obj=evaluation,
            new={"side": side, "rating": rating, "improper_call": improper_call, "tensions": tensions},
        )
    return evaluation
