"""Key figures keep their own directory entry (or their coordinator does); professionals ask them for a consult
from a situation; the key figure (or the asker) records the outcome."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.alerts.models import Alert
from gipz.alerts.services import alert
from gipz.core.audit import audit_record
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.text import refuse_free_text
from gipz.geo.models import Municipality
from gipz.keyfigures.models import Consult, ConsultEvent, Domain, KeyFigure
from gipz.keyfigures.rules import CONSULT, key_figure_membership, may_edit_entry
from gipz.situations.services.common import lock_situation, timeline_add


@dataclass(frozen=True)
class KeyFigureData:
    domains: list[str]
    municipality_ids: list[int]
    expertise: str
    phone: str
    reachable_hours: str
    on_call: bool = False
    active: bool = True


def key_figure_save(*, actor: Actor, user_id: int, data: KeyFigureData) -> KeyFigure:
    """Create or update the entry of a user with the key-figure role: by themselves or a coordinator of their
    organisation."""
    membership = key_figure_membership(user_id)
    if membership is None:
        raise ServiceError(_("Deze medewerker heeft geen rol als sleutelfiguur."), field="user")
    if not may_edit_entry(actor, user_id):
        raise NotAllowedError(_("Alleen de sleutelfiguur zelf of een coördinator van de organisatie wijzigt dit."))
    if not data.domains or any(d not in Domain.values for d in data.domains):
        raise ServiceError(_("Kies ten minste één domein."), field="domains")
    municipalities = list(Municipality.objects.filter(pk__in=data.municipality_ids))
    if not municipalities or len(municipalities) != len(set(data.municipality_ids)):
        raise ServiceError(_("Kies de gemeenten waarvoor u sleutelfiguur bent."), field="municipalities")
    if len(data.expertise.strip()) < 10:
        raise ServiceError(_("Beschrijf uw expertise (ten minste 10 tekens)."), field="expertise")
    if not data.phone.strip():
        raise ServiceError(_("Vul een telefoonnummer in."), field="phone")
    if not data.reachable_hours.strip():
        raise ServiceError(_("Vul in wanneer u bereikbaar bent."), field="reachable_hours")
    with transaction.atomic():
        entry, created = KeyFigure.objects.select_for_update().get_or_create(
            user_id=user_id,
            defaults={
                "organisation_id": membership.organisation_id,
                "expertise": data.expertise.strip(),
                "phone": data.phone.strip(),
                "reachable_hours": data.reachable_hours.strip(),
            },
        )
        old = {} if created else {"domains": entry.domains, "active": entry.active, "on_call": entry.on_call}
        entry.domains = sorted(set(data.domains))
        entry.expertise = data.expertise.strip()
        entry.phone = data.phone.strip()
        entry.reachable_hours = data.reachable_hours.strip()
        entry.on_call = data.on_call
        entry.active = data.active
        entry.save()
        entry.municipalities.set(municipalities)
        audit_record(
            actor=actor,
            event_type="keyfigure.created" if created else "keyfigure.updated",
            obj=entry,
            old=old,
            new={"domains": entry.domains, "active": entry.active, "on_call": entry.on_call},
        )
    return entry


def consult_request(*, actor: Actor, situation_id: int, key_figure_id: int, question: str) -> Consult:
    if len(question.strip()) < 10:
        raise ServiceError(_("Stel uw vraag in een volledige zin (ten minste 10 tekens)."), field="question")
    refuse_free_text(question, field="question")
    key_figure = KeyFigure.objects.filter(pk=key_figure_id, active=True).select_related("user").first()
    if key_figure is None:
        raise ServiceError(_("Kies een sleutelfiguur uit de lijst."), field="key_figure")
    if key_figure.user_id == actor.user.pk:
        raise ServiceError(_("U kunt uzelf geen consult vragen."), field="key_figure")
    now = timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        if not situation.participants.filter(organisation=actor.organisation).exists():
            raise NotAllowedError(_("Uw organisatie neemt niet deel aan deze melding."))
        consult = Consult.objects.create(
            situation=situation,
            key_figure=key_figure,
            asked_by=actor.user,
            asking_organisation=actor.organisation,
            question=question.strip(),
            created_at=now,
        )
        ConsultEvent.record(consult=consult, actor=actor, at=now, kind="asked", to_status=Consult.Status.ASKED)
        # The timeline says that a key figure was consulted, not what was asked.
        timeline_add(situation=situation, kind="consult_requested", actor=actor, at=now, note=str(key_figure))
        audit_record(actor=actor, event_type="consult.asked", obj=consult, new={"key_figure": key_figure.pk})
        alert(
            recipients=[key_figure.user],
            kind=Alert.Kind.CONSULT,
            reference=situation.reference,
            municipality=situation.municipality.name,
            path=reverse("consult", args=[consult.pk]),
            now=now,
        )
    return consult


def _finish(*, actor: Actor, consult_id: int, action: str, to: str, outcome: str) -> Consult:
    if len(outcome.strip()) < 5:
        raise ServiceError(_("Leg de uitkomst vast (ten minste 5 tekens)."), field="outcome")
    refuse_free_text(outcome, field="outcome")
    now = timezone.now()
    with transaction.atomic():
        # The lock order: the situation first, then the consult (both are written: the timeline says it ended).
        situation_id = Consult.objects.filter(pk=consult_id).values_list("situation_id", flat=True).get()
        situation = lock_situation(situation_id)
        consult = Consult.objects.select_for_update().select_related("key_figure").get(pk=consult_id)
        CONSULT.require(actor, consult, action)
        CONSULT.move(
            consult,
            to=to,
            actor=actor,
            kind=to,
            at=now,
            changes={"outcome": outcome.strip(), "answered_by": actor.user, "answered_at": now},
        )
        timeline_add(situation=situation, kind=f"consult_{to}", actor=actor, at=now, note=str(consult.key_figure))
    return consult


def consult_answer(*, actor: Actor, consult_id: int, outcome: str) -> Consult:
    return _finish(actor=actor, consult_id=consult_id, action="answer", to=Consult.Status.ANSWERED, outcome=outcome)


def consult_decline(*, actor: Actor, consult_id: int, reason: str) -> Consult:
    return _finish(actor=actor, consult_id=consult_id, action="decline", to=Consult.Status.DECLINED, outcome=reason)
