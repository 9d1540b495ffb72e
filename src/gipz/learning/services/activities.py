"""Joint trainings and job shadowing: create, register within capacity (concurrency-safe), cancel, attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Role
from gipz.core.audit import audit_record
from gipz.core.errors import ConflictError, NotAllowedError, ServiceError
from gipz.learning.models import Activity, Registration
from gipz.learning.selectors import may_manage

ORGANISING_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN, Role.KEY_FIGURE})


@dataclass(frozen=True)
class ActivityData:
    kind: str
    title: str
    description: str
    location: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    audience: str = Activity.Audience.ALL


def activity_create(*, actor: Actor, data: ActivityData, now: datetime | None = None) -> Activity:
    if not actor.roles & ORGANISING_ROLES:
        raise NotAllowedError(_("Coördinatoren en sleutelfiguren organiseren trainingen en meeloopdagen."))
    now = now or timezone.now()
    if data.kind not in Activity.Kind.values:
        raise ServiceError(_("Kies de soort activiteit."), field="kind")
    if data.audience not in Activity.Audience.values:
        raise ServiceError(_("Kies voor wie de activiteit is."), field="audience")
    if not data.title.strip():
        raise ServiceError(_("Geef de activiteit een titel."), field="title")
    if len(data.description.strip()) < 10:
        raise ServiceError(_("Beschrijf de activiteit (ten minste 10 tekens)."), field="description")
    if not data.location.strip():
        raise ServiceError(_("Vul de locatie in."), field="location")
    if data.starts_at <= now:
        raise ServiceError(_("De activiteit moet in de toekomst beginnen."), field="starts_at")
    if data.ends_at <= data.starts_at:
        raise ServiceError(_("De activiteit moet eindigen na het begin."), field="ends_at")
    if not 1 <= data.capacity <= 500:
        raise ServiceError(_("Vul een aantal plaatsen van 1 tot en met 500 in."), field="capacity")
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=data.kind,
            title=data.title.strip(),
            description=data.description.strip(),
            host_organisation=actor.organisation,
            location=data.location.strip(),
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            capacity=data.capacity,
            audience=data.audience,
            created_by=actor.user,
            created_at=now,
        )
        audit_record(actor=actor, event_type="activity.created", obj=activity, new={"capacity": data.capacity})
    return activity


def active_registrations(activity: Activity) -> int:
    return activity.registrations.filter(cancelled_at__isnull=True).count()


def activity_register(*, actor: Actor, activity_id: int, now: datetime | None = None) -> Registration:
    """One place per person while there is room. The activity row is locked, so two people cannot take the last
    place at the same moment."""
    now = now or timezone.now()
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        if activity.cancelled_at is not None:
            raise ServiceError(_("Deze activiteit gaat niet door."))
        if activity.starts_at <= now:
            raise ServiceError(_("Aanmelden kan alleen vóór het begin."))
        if activity.audience == Activity.Audience.POLICE and not actor.is_police:
            raise NotAllowedError(_("Deze activiteit is alleen voor de politie."))
        if activity.audience == Activity.Audience.CARE and not actor.is_care:
            raise NotAllowedError(_("Deze activiteit is alleen voor zorgprofessionals."))
        if activity.registrations.filter(user=actor.user, cancelled_at__isnull=True).exists():
            raise ServiceError(_("U bent al aangemeld."))
        if active_registrations(activity) >= activity.capacity:
            raise ConflictError(_("Deze activiteit is vol."))
        registration = Registration.objects.create(
            activity=activity, user=actor.user, organisation=actor.organisation, registered_at=now
        )
        audit_record(actor=actor, event_type="activity.registered", obj=registration)
    return registration


def registration_cancel(*, actor: Actor, activity_id: int) -> Registration:
    now = timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(activity_id=activity_id, user=actor.user, cancelled_at__isnull=True)
            .first()
        )
        if registration is None:
            raise ServiceError(_("U bent niet aangemeld."))
        registration.cancelled_at = now
        registration.save(update_fields=["cancelled_at"])
        audit_record(actor=actor, event_type="activity.registration_cancelled", obj=registration)
    return registration


def activity_cancel(*, actor: Actor, activity_id: int, reason: str) -> Activity:
    if len(reason.strip()) < 5:
        raise ServiceError(_("Geef een reden voor het annuleren."), field="reason")
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        if not may_manage(actor, activity):
            raise NotAllowedError(_("Alleen de organisator annuleert deze activiteit."))
        if activity.cancelled_at is not None:
            raise ServiceError(_("Deze activiteit is al geannuleerd."))
        activity.cancelled_at = timezone.now()
        activity.cancel_reason = reason.strip()[:300]
        activity.save(update_fields=["cancelled_at", "cancel_reason"])
        audit_record(actor=actor, event_type="activity.cancelled", obj=activity, new={"reason": activity.cancel_reason})
    return activity


def attendance_record(
    *, actor: Actor, activity_id: int, present_user_ids: set[int], now: datetime | None = None
) -> int:
    """The organiser marks who came; everyone else registered is marked absent. Returns how many attended."""
    now = now or timezone.now()
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        if not may_manage(actor, activity):
            raise NotAllowedError(_("Alleen de organisator legt de aanwezigheid vast."))
        if activity.starts_at > now:
            raise ServiceError(_("Aanwezigheid legt u vast als de activiteit begonnen is."))
        registrations = list(activity.registrations.select_for_update().filter(cancelled_at__isnull=True))
        unknown = present_user_ids - {r.user_id for r in registrations}
        if unknown:
            raise ServiceError(_("Alleen aangemelde deelnemers kunnen aanwezig zijn."))
        for registration in registrations:
            registration.attended = registration.user_id in present_user_ids
            registration.save(update_fields=["attended"])
        attended = sum(1 for r in registrations if r.attended)
        audit_record(
            actor=actor,
            event_type="activity.attendance",
            obj=activity,
            new={"attended": attended, "registered": len(registrations)},
        )
    return attended
