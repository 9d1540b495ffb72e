"""Reads for situations, always scoped to the actor: one indexed join on Participant, never per-row checks."""

from __future__ import annotations

import re

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.db.models.functions import Coalesce
from django.http import Http404

from gipz.accounts.actor import Actor
from gipz.agreements.selectors import agreement_in_force
from gipz.agreements.terms import Terms
from gipz.core.access import get_in_scope
from gipz.geo.models import Municipality
from gipz.situations.models import (
    OPEN_STATUSES,
    CareRequest,
    Evaluation,
    Notification,
    Situation,
    TimelineEvent,
)
from gipz.situations.search import PAGE_SIZE, Cursor, Page, SearchCriteria
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


# References as GIPZ writes them (M2612-ABCDEF). Anything else cannot exist, and must not reach a query: PostgreSQL
# refuses a NUL byte in a text parameter with an error (a 500) where a 404 is the answer.
REFERENCE_FORMAT = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,19}")


def _well_formed(reference: str) -> str:
    if not REFERENCE_FORMAT.fullmatch(reference):
        raise Http404
    return reference


def situation_for_api(*, actor: Actor, reference: str) -> Situation:
    """What the API's status representation needs, in three queries, or 404 outside the actor's reach."""
    _well_formed(reference)
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
    return get_in_scope(situations_visible_to(actor), reference=_well_formed(reference))


BOARD_LIMIT = 100  # a busy day must not make a page that takes longer to build than its refresh interval


def board_for(actor: Actor, *, limit: int = BOARD_LIMIT) -> QuerySet[Situation]:
    """Open situations for the live board: most urgent first, then the nearest deadline (the acknowledgement while a
    request waits, then the on-site target). Slice it: `limit + 1` rows tell whether there are more."""
    return (
        situations_visible_to(actor)
        .filter(status__in=OPEN_STATUSES)
        .select_related("municipality", "care_request__team", "care_request__backup_team", "care_request__accepted_by")
        .annotate(
            deadline=Case(
                When(
                    care_request__accepted_at__isnull=True,
                    care_request__acknowledge_deadline__isnull=False,
                    then=F("care_request__acknowledge_deadline"),
                ),
                default=Coalesce(F("on_site_deadline"), F("created_at")),
            )
        )
        .order_by("urgency", "deadline", "pk")[: limit + 1]
    )


def situations_search(
    *, actor: Actor, criteria: SearchCriteria, after: Cursor | None = None, limit: int = PAGE_SIZE
) -> Page:
    """One page of the situations the actor's organisation takes part in, newest first, matching the criteria.

    The organisation's participant rows carry the creation time, so the page is a walk along one index
    (organisation, creation time, situation) from the cursor on; nothing counts the rows that match.
    """
    # Every condition on the participant row in one filter(): separate calls would join it once per call.
    taking_part = Q(participants__organisation=actor.organisation)
    if criteria.created_from:
        taking_part &= Q(participants__situation_created_at__gte=criteria.created_from)
    if criteria.created_until:
        taking_part &= Q(participants__situation_created_at__lt=criteria.created_until)
    if after:
        # (created, id) < (cursor): the `lte` is the index's range bound, the OR only sorts out ties at its edge.
        taking_part &= Q(participants__situation_created_at__lte=after.created_at) & (
            Q(participants__situation_created_at__lt=after.created_at) | Q(participants__situation_id__lt=after.pk)
        )
    queryset = Situation.objects.filter(taking_part)
    if criteria.reference:
        queryset = queryset.filter(reference__startswith=criteria.reference)
    for field in ("status", "urgency", "advised_urgency"):
        if value := getattr(criteria, field):
            queryset = queryset.filter(**{field: value})
    if criteria.municipality_id:
        queryset = queryset.filter(municipality_id=criteria.municipality_id)
    if criteria.team_id:
        queryset = queryset.filter(care_request__team_id=criteria.team_id)
    if criteria.open is not None:
        queryset = (queryset.filter if criteria.open else queryset.exclude)(status__in=OPEN_STATUSES)
    if criteria.escalated is not None:
        escalated = Exists(CareRequest.objects.filter(situation=OuterRef("pk"), escalated_at__isnull=False))
        queryset = queryset.filter(escalated if criteria.escalated else ~escalated)
    if criteria.improper_call is not None:
        flagged = Exists(Evaluation.objects.filter(situation=OuterRef("pk"), improper_call=True))
        queryset = queryset.filter(flagged if criteria.improper_call else ~flagged)
    rows = list(
        queryset.select_related("municipality").order_by(
            "-participants__situation_created_at", "-participants__situation_id"
        )[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows=rows, next=Cursor(created_at=rows[-1].created_at, pk=rows[-1].pk) if more else None)


def recent_for(actor: Actor, *, limit: int = 50) -> QuerySet[Situation]:
    return (
        situations_visible_to(actor)
        .exclude(status__in=OPEN_STATUSES)
        .select_related("municipality")
        .order_by("-created_at")[:limit]
    )


def open_for(actor: Actor, *, limit: int = BOARD_LIMIT) -> tuple[list[Situation], bool]:
    """The board's rows, at most `limit`, and whether more are open than it shows."""
    rows = list(board_for(actor, limit=limit))
    return rows[:limit], len(rows) > limit


def notifications_unread(actor: Actor) -> QuerySet[Notification]:
    return Notification.objects.filter(user=actor.user, read_at__isnull=True).select_related("situation")
