"""Reads for monitoring: turn a municipality's situations of one year into plain records (no names, no free
text), plus the reference figures. Aggregation happens in `indicators.py`; suppression in `factsheet.py`."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef

from gipz.geo.models import Municipality
from gipz.monitoring.indicators import SituationRecord
from gipz.monitoring.models import E33Registration
from gipz.privacy.models import InformationRequest, Person
from gipz.situations.models import CareRequest, Evaluation, FollowUp, Situation


def year_bounds(year: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


Area = Municipality | list[Municipality]


def _in(area: Area, prefix: str = "") -> dict[str, object]:
    """Filter for one municipality or several (a region)."""
    if isinstance(area, list):
        return {f"{prefix}municipality__in": area}
    return {f"{prefix}municipality": area}


def situation_records(*, municipality: Area, year: int) -> list[SituationRecord]:
    start, end = year_bounds(year)
    situations = (
        Situation.objects.filter(**_in(municipality), created_at__gte=start, created_at__lt=end)
        .annotate(has_request=Exists(CareRequest.objects.filter(situation=OuterRef("pk"))))
        .values_list("pk", "urgency", "offence", "has_request", "created_at", "on_site_at", "handed_over_at")
    )
    rows = list(situations)
    ids = [row[0] for row in rows]
    follow_ups: dict[int, list[str]] = defaultdict(list)
    for situation_id, kind in FollowUp.objects.filter(situation_id__in=ids).values_list("situation_id", "kind"):
        follow_ups[situation_id].append(kind)
    pseudonyms = dict(Person.objects.filter(situation_id__in=ids).values_list("situation_id", "pseudonym"))
    improper: dict[int, bool] = {}
    for situation_id, flag in Evaluation.objects.filter(situation_id__in=ids).values_list(
        "situation_id", "improper_call"
    ):
        improper[situation_id] = improper.get(situation_id, False) or flag

    def minutes(moment: datetime | None, created: datetime) -> float | None:
        return None if moment is None else (moment - created).total_seconds() / 60

    return [
        SituationRecord(
            urgency=urgency,
            offence=offence,
            crisis_requested=has_request,
            police_wait_minutes=minutes(handed_over, created),
            on_site_minutes=minutes(on_site, created),
            follow_ups=tuple(sorted(follow_ups.get(pk, ()))),
            person_pseudonym=pseudonyms.get(pk, ""),
            improper_call=improper.get(pk),
        )
        for pk, urgency, offence, has_request, created, on_site, handed_over in rows
    ]


def information_request_counts(*, municipality: Area, year: int) -> dict[str, int]:
    start, end = year_bounds(year)
    counts: dict[str, int] = dict.fromkeys(InformationRequest.Status.values, 0)
    for status in InformationRequest.objects.filter(
        **_in(municipality, "situation__"), created_at__gte=start, created_at__lt=end
    ).values_list("status", flat=True):
        counts[status] += 1
    return counts


def evaluation_tension_counts(*, municipality: Area, year: int) -> tuple[int, dict[str, int]]:
    start, end = year_bounds(year)
    evaluations = Evaluation.objects.filter(
        **_in(municipality, "situation__"), situation__created_at__gte=start, situation__created_at__lt=end
    ).values_list("tensions", flat=True)
    counts: dict[str, int] = defaultdict(int)
    total = 0
    for tensions in evaluations:
        total += 1
        for code in tensions or ():
            counts[code] += 1
    return total, dict(counts)


def e33_baseline(*codes: str) -> dict[str, int]:
    """The imported E33 count per year for these municipalities together (a municipality formed by a merger after
    2017 counts its predecessors); empty when not imported or not in the file."""
    from gipz.simulation.core.baseline import MERGED_INTO

    wanted = {c for code in codes for c in MERGED_INTO.get(code, (code,))}
    totals: dict[str, int] = {}
    for year, count in (
        E33Registration.objects.filter(municipality_code__in=wanted).order_by("year").values_list("year", "count")
    ):
        totals[str(year)] = totals.get(str(year), 0) + count
    return totals
