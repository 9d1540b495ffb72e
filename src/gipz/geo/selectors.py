from __future__ import annotations

from datetime import timedelta
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gipz.geo.history import successor_shares
from gipz.geo.models import Municipality, MunicipalitySuccession


def municipality_choices(organisation: Any = None) -> QuerySet[Municipality]:
    """The municipalities an officer picks from: those a crisis service covers and those of the officer's own safety
    region — not all 388 of the country once the national list is loaded. Without any of those: every active one."""
    active = Municipality.objects.filter(active=True)
    served = Q(service_areas__isnull=False)
    if organisation is not None and organisation.safety_region_id:
        served |= Q(safety_region_id=organisation.safety_region_id)
    scoped = active.filter(pk__in=active.filter(served).values("pk"))
    return (scoped if scoped.exists() else active).order_by("name")


def successor_shares_now() -> dict[str, dict[str, Fraction]]:
    """Every predecessor's share in today's municipalities, from the database (shipped changes and any applied
    later with `gipz municipalities apply`)."""
    rows = MunicipalitySuccession.objects.values_list("predecessor__code", "successor__code", "share")
    return successor_shares(rows)


def successor_today(municipality: Municipality) -> Municipality:
    """Where a municipality's situations are counted today: itself if still valid, else its successor (for a split,
    the successor that received the largest share)."""
    if municipality.active:
        return municipality
    shares = successor_shares_now().get(municipality.code)
    if not shares:
        return municipality
    code = max(sorted(shares), key=lambda c: shares[c])
    return Municipality.objects.get(code=code)


def dissolved_refusal(municipality: Municipality) -> str:
    """The message for new work recorded in a municipality that no longer exists: when it ended and which
    municipality took its place."""
    shares = successor_shares_now().get(municipality.code, {})
    names = list(Municipality.objects.filter(code__in=shares).order_by("name").values_list("name", flat=True))
    # valid_until is its last day; it no longer exists from the day after (the legal date of the change)
    ended = (municipality.valid_until + timedelta(days=1)).strftime("%d-%m-%Y") if municipality.valid_until else "?"
    return _("De gemeente %(name)s bestaat sinds %(day)s niet meer: kies %(successor)s.") % {
        "name": municipality.name,
        "day": ended,
        "successor": _(" of ").join(names) if names else _("de gemeente van nu"),
    }


def rolled_up_into(municipalities: list[Municipality]) -> dict[int, list[Municipality]]:
    """For each municipality: the dissolved ones whose situations are counted in it (a split counts with the
    successor that received the largest share)."""
    forward = successor_shares_now()
    wanted = {m.code: m.pk for m in municipalities}
    target_of = {old: max(sorted(shares), key=lambda c: shares[c]) for old, shares in forward.items()}
    codes = [old for old, target in target_of.items() if target in wanted]
    out: dict[int, list[Municipality]] = {}
    for old in Municipality.objects.filter(code__in=codes, active=False).order_by("name"):
        out.setdefault(wanted[target_of[old.code]], []).append(old)
    return out
