"""Who sees which preventive request: the asking care organisation and the police organisation asked. Others: 404."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.careasks.selectors import asked_or_asking
from gipz.core.access import get_in_scope
from gipz.prevention.models import OPEN_FOR_DECISION, PreventiveRequest


def preventive_requests_visible_to(actor: Actor) -> QuerySet[PreventiveRequest]:
    return asked_or_asking(PreventiveRequest.objects.all(), actor).select_related("assigned_team")


def preventive_request_get(*, actor: Actor, request_id: int) -> PreventiveRequest:
    return get_in_scope(
        preventive_requests_visible_to(actor).select_related("asked_by", "decided_by", "outcome_by", "agreement"),
        pk=request_id,
    )


def awaiting_decision(actor: Actor) -> QuerySet[PreventiveRequest]:
    """For police: requests to decide, the nearest deadline first."""
    return (
        preventive_requests_visible_to(actor)
        .filter(police_organisation=actor.organisation, status__in=OPEN_FOR_DECISION)
        .order_by("decision_deadline")
    )


def planning(actor: Actor, *, team_id: int | None = None, since: datetime | None = None) -> QuerySet[PreventiveRequest]:
    """The police team's planning: accepted assistance from today on, in time order."""
    start = since or timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    queryset = preventive_requests_visible_to(actor).filter(
        police_organisation=actor.organisation, status=PreventiveRequest.Status.ASSIST, planned_at__gte=start
    )
    if team_id is not None:
        queryset = queryset.filter(assigned_team_id=team_id)
    return queryset.order_by("planned_at")


def outcome_due(actor: Actor) -> QuerySet[PreventiveRequest]:
    """Moments that have passed without a recorded outcome."""
    return preventive_requests_visible_to(actor).filter(
        status__in=(PreventiveRequest.Status.ASSIST, PreventiveRequest.Status.NOT_NEEDED),
        planned_at__lt=timezone.now(),
    )
