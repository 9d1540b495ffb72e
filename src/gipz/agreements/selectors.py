from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q

from gipz.accounts.models import Team
from gipz.agreements.models import DutyShift, ResponsePolicy
from gipz.geo.models import Municipality
from gipz.situations.triage import Urgency, UrgencyTargets


@dataclass(frozen=True)
class OnDuty:
    primary: Team | None
    backup: Team | None


def duty_for(*, municipality: Municipality, at: datetime) -> OnDuty:
    """The crisis teams on duty (and backup) for a municipality at a moment. One indexed query per role."""
    shifts = (
        DutyShift.objects.filter(area__municipalities=municipality, starts_at__lte=at, ends_at__gt=at)
        .select_related("team__organisation")
        .order_by("starts_at")
    )
    primary = backup = None
    for shift in shifts:
        if shift.role == DutyShift.Role.PRIMARY and primary is None:
            primary = shift.team
        elif shift.role == DutyShift.Role.BACKUP and backup is None:
            backup = shift.team
    return OnDuty(primary=primary, backup=backup)


def policy_for(*, municipality: Municipality) -> ResponsePolicy:
    """The safety region's policy, else the national default (one query); built-in defaults if neither exists."""
    policy = (
        ResponsePolicy.objects.filter(Q(safety_region_id=municipality.safety_region_id) | Q(safety_region__isnull=True))
        .order_by(F("safety_region_id").asc(nulls_last=True))
        .first()
    )
    return policy or ResponsePolicy()


def targets_for(policy: ResponsePolicy) -> UrgencyTargets:
    return UrgencyTargets(
        minutes={
            Urgency.U2: policy.u2_minutes,
            Urgency.U3: policy.u3_minutes,
            Urgency.U4: policy.u4_minutes,
        }
    )
