"""Who sees which unsafe-situation report: the reporting care organisation and the police asked. Others: 404."""

from __future__ import annotations

from django.db.models import F, QuerySet

from gipz.accounts.actor import Actor
from gipz.agreements.selectors import region_agreement_in_force
from gipz.agreements.terms import UnsafeLevel, default_terms
from gipz.careasks.selectors import asked_or_asking
from gipz.core.access import get_in_scope
from gipz.unsafety.models import OPEN_FOR_POLICE, UnsafeReport


def levels_for(actor: Actor) -> tuple[UnsafeLevel, ...]:
    """The levels of 'onveilig' agreed in the reporter's region (the service checks them against the municipality)."""
    region_id = actor.organisation.safety_region_id
    terms = region_agreement_in_force(safety_region_id=region_id).terms if region_id else default_terms()
    return terms.unsafe_levels


def unsafe_reports_visible_to(actor: Actor) -> QuerySet[UnsafeReport]:
    return asked_or_asking(UnsafeReport.objects.all(), actor)


def unsafe_report_get(*, actor: Actor, report_id: int) -> UnsafeReport:
    return get_in_scope(
        unsafe_reports_visible_to(actor).select_related("asked_by", "picked_up_by", "responded_by", "agreement"),
        pk=report_id,
    )


def police_queue(actor: Actor) -> QuerySet[UnsafeReport]:
    """Open reports for the police: VPT first (its priority), then the nearest response deadline."""
    return (
        unsafe_reports_visible_to(actor)
        .filter(police_organisation=actor.organisation, status__in=OPEN_FOR_POLICE)
        .order_by("-vpt", F("response_deadline").asc(nulls_last=True), "created_at")
    )
