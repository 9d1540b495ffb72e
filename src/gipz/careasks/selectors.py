"""Who sees a request from care to the police: the asking care organisation and the police organisation asked."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Q, QuerySet

from gipz.accounts.actor import Actor
from gipz.careasks.models import CareAsksPolice

M = TypeVar("M", bound=CareAsksPolice)


def asked_or_asking(queryset: QuerySet[M], actor: Actor) -> QuerySet[M]:
    organisation = actor.organisation
    return queryset.filter(Q(care_organisation=organisation) | Q(police_organisation=organisation)).select_related(
        "care_organisation", "police_organisation", "municipality"
    )
