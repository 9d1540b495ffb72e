from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone

from gipz.accounts.models import Team
from gipz.agreements.models import DutyShift, ResponsePolicy
from gipz.core.memo import memo
from gipz.geo.models import Municipality
from gipz.situations.triage import Urgency, UrgencyTargets


@dataclass(frozen=True)
class OnDuty:
    primary: Team | None
    backup: Team | None


_WINDOW = timedelta(minutes=5)


def duty_for(*, municipality: Municipality, at: datetime) -> OnDuty:
    """The crisis teams on duty (and backup) for a municipality at a moment.

    The shifts around 'now' are read once per few seconds per process (core/memo.py): every intake asks this, and
    the join costs more to plan than to run. Moments outside that window (history, tests) are read directly."""
    now = timezone.now()
    if now - _WINDOW <= at <= now + _WINDOW:
        window_start = now.replace(second=0, microsecond=0) - _WINDOW
        shifts = memo(("duty", municipality.pk, window_start), lambda: _shifts(municipality, window_start))
    else:
        shifts = _shifts(municipality, at, at)
    covering = [s for s in shifts if s.starts_at <= at < s.ends_at]
    primary = next((s.team for s in covering if s.role == DutyShift.Role.PRIMARY), None)
    backup = next((s.team for s in covering if s.role == DutyShift.Role.BACKUP), None)
    return OnDuty(primary=primary, backup=backup)


def _shifts(municipality: Municipality, start: datetime, end: datetime | None = None) -> list[DutyShift]:
    """Shifts of the municipality's areas overlapping [start, end] (end defaults to start + 3 windows)."""
    end = end or start + 3 * _WINDOW
    return list(
        DutyShift.objects.filter(area__municipalities=municipality, starts_at__lte=end, ends_at__gt=start)
        .select_related("team__organisation")
        .order_by("starts_at", "id")
    )


def policy_for(*, municipality: Municipality) -> ResponsePolicy:
    """The safety region's policy, else the national default (one query, memoised briefly per process)."""
    return memo(("policy", municipality.safety_region_id), lambda: _policy(municipality))


def _policy(municipality: Municipality) -> ResponsePolicy:
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
