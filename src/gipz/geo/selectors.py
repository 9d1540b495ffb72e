from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gipz.geo.models import Municipality


def municipality_choices(organisation: Any = None) -> QuerySet[Municipality]:
    """The municipalities an officer picks from: those a crisis service covers and those of the officer's own safety
    region — not all 388 of the country once the national list is loaded. Without any of those: every active one."""
    active = Municipality.objects.filter(active=True)
    served = Q(service_areas__isnull=False)
    if organisation is not None and organisation.safety_region_id:
        served |= Q(safety_region_id=organisation.safety_region_id)
    scoped = active.filter(pk__in=active.filter(served).values("pk"))
    return (scoped if scoped.exists() else active).order_by("name")
