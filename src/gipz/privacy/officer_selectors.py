"""Reads for the privacy officer's worklists: notices, approvals, access requests, people still to inform, breaches,
and what one account viewed in a period (breach support). All scoped to the officer's organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Max, Min, QuerySet
from django.utils import timezone

from gipz.accesslog.models import AccessLogEntry
from gipz.accounts.actor import Actor
from gipz.accounts.models import User
from gipz.core.access import get_in_scope
from gipz.privacy.models import (
    Breach,
    Disclosure,
    ErasureApproval,
    OfficerNotice,
    OwnInitiativeWarning,
    SubjectRequest,
)
from gipz.privacy.selectors import require_privacy_officer
from gipz.situations.models import Participant, Situation


def notices_for(actor: Actor) -> QuerySet[OfficerNotice]:
    require_privacy_officer(actor)
    return OfficerNotice.objects.filter(organisation=actor.organisation).select_related(
        "from_organisation", "situation"
    )[:200]


def approvals_waiting(actor: Actor) -> QuerySet[ErasureApproval]:
    require_privacy_officer(actor)
    return ErasureApproval.objects.filter(organisation=actor.organisation, approved__isnull=True).select_related(
        "request__organisation", "request__person__situation"
    )


def approval_get(*, actor: Actor, approval_id: int) -> ErasureApproval:
    require_privacy_officer(actor)
    return get_in_scope(ErasureApproval.objects.filter(organisation=actor.organisation), pk=approval_id)


def subject_requests_open(actor: Actor) -> QuerySet[SubjectRequest]:
    require_privacy_officer(actor)
    return SubjectRequest.objects.filter(organisation=actor.organisation, sent_at__isnull=True).select_related(
        "person__situation"
    )


def subject_requests_for(*, actor: Actor, person_id: int) -> QuerySet[SubjectRequest]:
    require_privacy_officer(actor)
    return SubjectRequest.objects.filter(organisation=actor.organisation, person_id=person_id).order_by(
        "-received_at", "-id"
    )


def to_inform(actor: Actor) -> tuple[QuerySet[Disclosure], QuerySet[OwnInitiativeWarning]]:
    """Shared by the organisation with 'will inform' and nothing recorded since: the worklist."""
    require_privacy_officer(actor)
    will = Disclosure.Informed.WILL_INFORM
    disclosures = Disclosure.objects.filter(organisation=actor.organisation, person_informed=will).select_related(
        "request__situation", "request__requesting_organisation"
    )
    warnings = OwnInitiativeWarning.objects.filter(
        organisation=actor.organisation, person_informed=will
    ).select_related("situation", "recipient")
    return disclosures.order_by("decided_at"), warnings.order_by("warned_at")


def breaches(actor: Actor) -> QuerySet[Breach]:
    require_privacy_officer(actor)
    return Breach.objects.filter(organisation=actor.organisation).select_related("account")


def breach_get(*, actor: Actor, breach_id: int) -> Breach:
    return get_in_scope(breaches(actor), pk=breach_id)


@dataclass(frozen=True)
class ViewedSituation:
    situation: Situation
    person_ids: list[int]
    entries: int
    first: datetime
    last: datetime
    organisations: list[str]  # the other organisations in the melding: whose officers may need to know


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return datetime.combine(start, time.min, zone), datetime.combine(end, time.max, zone)


def viewed_in_period(*, actor: Actor, user: User, start: date, end: date) -> list[ViewedSituation]:
    """Each melding (and its person) the account touched in the period, with how often and when (breach support)."""
    require_privacy_officer(actor)
    since, until = period_bounds(start, end)
    entries = AccessLogEntry.objects.filter(user=user, at__gte=since, at__lte=until, situation_id__isnull=False)
    grouped = list(
        entries.values("situation_id").annotate(n=Count("id"), first=Min("at"), last=Max("at")).order_by("first")
    )
    ids = [g["situation_id"] for g in grouped]
    situations = Situation.objects.in_bulk(ids)
    persons: dict[int, set[int]] = {}
    for situation_id, person_id in entries.filter(person_id__isnull=False).values_list("situation_id", "person_id"):
        persons.setdefault(situation_id, set()).add(person_id)
    others: dict[int, list[str]] = {}
    for situation_id, name in (
        Participant.objects.filter(situation_id__in=ids)
        .exclude(organisation=actor.organisation)
        .values_list("situation_id", "organisation__name")
        .order_by("organisation__name")
    ):
        others.setdefault(situation_id, []).append(name)
    return [
        ViewedSituation(
            situation=situations[g["situation_id"]],
            person_ids=sorted(persons.get(g["situation_id"], ())),
            entries=g["n"],
            first=g["first"],
            last=g["last"],
            organisations=others.get(g["situation_id"], []),
        )
        for g in grouped
        if g["situation_id"] in situations
    ]
