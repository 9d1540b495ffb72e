"""Reads for situations, always scoped to the actor: one indexed join on Participant, never per-row checks."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from gipz.accounts.actor import Actor
from gipz.agreements.selectors import agreement_in_force
from gipz.agreements.terms import Terms
from gipz.core.access import get_in_scope
from gipz.geo.models import Municipality
from gipz.situations.models import (
    OPEN_STATUSES,
    Notification,
    Situation,
    TimelineEvent,
)
from gipz.situations.triage import UrgencyTargets, urgency_targets


def terms_targets(terms: Terms) -> UrgencyTargets:
    return urgency_targets(
        u2_minutes=terms.targets.u2_minutes, u3_minutes=terms.targets.u3_minutes, u4_minutes=terms.targets.u4_minutes
    )


def targets_in_force(*, municipality: Municipality) -> UrgencyTargets:
    """The on-site targets triage uses for a municipality now: its werkafspraak's, or the national defaults."""
    return terms_targets(agreement_in_force(municipality=municipality).terms)


def situations_visible_to(actor: Actor) -> QuerySet[Situation]:
    return Situation.objects.filter(participants__organisation=actor.organisation)


def situation_get(*, actor: Actor, situation_id: int | str) -> Situation:
    """The situation with everything its page shows, or 404 outside the actor's reach."""
    queryset = (
        situations_visible_to(actor)
        .select_related(
            "municipality",
            "reporting_organisation",
            "created_by",
            "care_request__team",
            "care_request__backup_team",
            "care_request__accepted_by",
            "handover",
            "agreement__safety_region",
            "agreement__municipality",
        )
        .prefetch_related(
            Prefetch("timeline", queryset=TimelineEvent.objects.select_related("actor", "organisation")),
            "follow_ups__responsible_organisation",
            "evaluations",
        )
    )
    return get_in_scope(queryset, pk=situation_id)


def situation_for_api(*, actor: Actor, reference: str) -> Situation:
    """What the API's status representation needs, in three queries, or 404 outside the actor's reach."""
    queryset = (
        situations_visible_to(actor)
        .select_related(
            "municipality",
            "reporting_organisation",
            "care_request__team",
            "care_request__backup_team",
            "care_request__accepted_by",
            "handover",
        )
        .prefetch_related(
            Prefetch("timeline", queryset=TimelineEvent.objects.select_related("organisation")),
            "follow_ups__responsible_organisation",
        )
    )
    return get_in_scope(queryset, reference=reference)


def situation_get_by_pk(*, actor: Actor, situation_id: int) -> Situation:
    return get_in_scope(situations_visible_to(actor).select_related("municipality"), pk=situation_id)


def situation_get_by_reference(*, actor: Actor, reference: str) -> Situation:
    return get_in_scope(situations_visible_to(actor), reference=reference)


def board_for(actor: Actor) -> QuerySet[Situation]:
    """Open situations for the live board, most urgent first."""
    return (
        situations_visible_to(actor)
        .filter(status__in=OPEN_STATUSES)
        .select_related("municipality", "care_request__team", "care_request__backup_team", "care_request__accepted_by")
        .order_by("urgency", "created_at")
    )


def recent_for(actor: Actor, *, limit: int = 50) -> QuerySet[Situation]:
    return (
        situations_visible_to(actor)
        .exclude(status__in=OPEN_STATUSES)
        .select_related("municipality")
        .order_by("-created_at")[:limit]
    )


def notifications_unread(actor: Actor) -> QuerySet[Notification]:
    return Notification.objects.filter(user=actor.user, read_at__isnull=True).select_related("situation")
