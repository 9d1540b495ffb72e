"""Activities are open to everyone logged in (filtered by audience); discussions to key figures and coordinators of
both sides of the situation."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.accounts.models import Role
from gipz.core.access import get_in_scope
from gipz.learning.models import Activity, ImproperCallDiscussion, Registration
from gipz.situations.models import Situation


def _audiences(actor: Actor) -> list[str]:
    audiences = [Activity.Audience.ALL]
    if actor.is_police:
        audiences.append(Activity.Audience.POLICE)
    if actor.is_care:
        audiences.append(Activity.Audience.CARE)
    return audiences


DISCUSSING_ROLES = frozenset({Role.KEY_FIGURE, Role.COORDINATOR})


def side_organisation_ids(situation: Situation) -> set[int]:
    """Both sides of a situation: the reporting police organisation and every organisation taking part."""
    return {situation.reporting_organisation_id, *situation.participants.values_list("organisation_id", flat=True)}


def may_manage(actor: Actor, activity: Activity) -> bool:
    """The organiser: who created it, or a coordinator of the host organisation."""
    return activity.created_by_id == actor.user.pk or (
        actor.is_coordinator and activity.host_organisation_id == actor.organisation.pk
    )


def activities_for(actor: Actor) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(Q(audience__in=_audiences(actor)) | Q(host_organisation=actor.organisation))
        .select_related("host_organisation")
        .annotate(taken=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True)))
    )


def upcoming(actor: Actor) -> QuerySet[Activity]:
    return activities_for(actor).filter(ends_at__gte=timezone.now()).order_by("starts_at")


def activity_get(*, actor: Actor, activity_id: int) -> Activity:
    return get_in_scope(activities_for(actor), pk=activity_id)


def my_registrations(actor: Actor, *, upcoming: bool = False) -> QuerySet[Registration]:
    mine = Registration.objects.filter(user=actor.user, cancelled_at__isnull=True).select_related(
        "activity__host_organisation"
    )
    return mine.filter(activity__ends_at__gte=timezone.now()) if upcoming else mine


def _discussions_visible(actor: Actor) -> Q:
    if not actor.roles & DISCUSSING_ROLES:
        return Q(pk__in=[])
    return Q(situation__participants__organisation=actor.organisation) | Q(
        situation__reporting_organisation=actor.organisation
    )


def discussions_for(actor: Actor, *, still_open: bool = False) -> QuerySet[ImproperCallDiscussion]:
    """Still open: not yet settled by a changed agreement."""
    visible = ImproperCallDiscussion.objects.filter(_discussions_visible(actor))
    if still_open:
        visible = visible.exclude(status=ImproperCallDiscussion.Status.AGREEMENT_CHANGED)
    return visible.distinct().select_related("situation__municipality", "evaluation__organisation", "changed_agreement")


def discussion_get(*, actor: Actor, discussion_id: int) -> ImproperCallDiscussion:
    return get_in_scope(discussions_for(actor), pk=discussion_id)
