"""A duty roster around the clock: three shifts a day per service area, a primary and a backup team."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from gipz.accounts.models import Team
from gipz.agreements.models import DutyShift, ServiceArea
from gipz.core.memo import memo_clear
from gipz.demo.world import AREAS, CRISIS

SHIFTS = [(time(7), time(15)), (time(15), time(23)), (time(23), time(7))]


def shift_bounds(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Local wall-clock times made aware per instant, so shifts stay 07–15–23–07 across DST changes."""
    zone = ZoneInfo(settings.TIME_ZONE)
    begins = datetime.combine(day, start, tzinfo=zone)
    ends = datetime.combine(day + timedelta(days=1) if end <= start else day, end, tzinfo=zone)
    return begins, ends


@transaction.atomic
def ensure_roster(*, now: datetime, days_back: int = 1, days_ahead: int = 14) -> int:
    """Create missing shifts from `days_back` days ago to `days_ahead` days ahead. Returns how many were added."""
    zone = ZoneInfo(settings.TIME_ZONE)
    today = now.astimezone(zone).date()
    added = 0
    for area_name, team_name, backup_name, _codes in AREAS:
        area = ServiceArea.objects.get(organisation__name=CRISIS, name=area_name)
        primary = Team.objects.get(organisation__name=CRISIS, name=team_name)
        backup = Team.objects.get(organisation__name=CRISIS, name=backup_name)
        existing = set(
            DutyShift.objects.filter(area=area, starts_at__gte=now - timedelta(days=days_back + 2)).values_list(
                "role", "starts_at"
            )
        )
        new = [
            DutyShift(team=team, area=area, role=role, starts_at=begins, ends_at=ends)
            for offset in range(-days_back, days_ahead + 1)
            for start, end in SHIFTS
            for begins, ends in [shift_bounds(today + timedelta(days=offset), start, end)]
            for role, team in ((DutyShift.Role.PRIMARY, primary), (DutyShift.Role.BACKUP, backup))
            if (role, begins) not in existing
        ]
        DutyShift.objects.bulk_create(new, batch_size=500)  # bulk_create sends no signals:
        memo_clear()
        added += len(new)
    return added
