"""Reads for monitoring: turn a municipality's situations of one year into plain records (no names, no free
text), plus the reference figures. Aggregation happens in `indicators.py`; suppression in `factsheet.py`."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef

from gipz.geo.models import Municipality
from gipz.monitoring.e33 import MERGED_INTO
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


def situation_records_by_municipality(*, municipality: Area, year: int) -> dict[int, list[SituationRecord]]:
    """Plain records per municipality id, in five queries whatever the number of municipalities."""
    start, end = year_bounds(year)
    rows = list(
        Situation.objects.filter(**_in(municipality), created_at__gte=start, created_at__lt=end)
        .annotate(has_request=Exists(CareRequest.objects.filter(situation=OuterRef("pk"))))
        .values_list(
            "pk", "municipality_id", "urgency", "offence", "has_request", "created_at", "on_site_at", "handed_over_at"
        )
    )
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

    out: dict[int, list[SituationRecord]] = defaultdict(list)
    for pk, municipality_id, urgency, offence, has_request, created, on_site, handed_over in rows:
        out[municipality_id].append(
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
        )
    return out


def situation_records(*, municipality: Area, year: int) -> list[SituationRecord]:
    by_municipality = situation_records_by_municipality(municipality=municipality, year=year)
    return [record for records in by_municipality.values() for record in records]


def information_request_counts_by_municipality(*, municipality: Area, year: int) -> dict[int, dict[str, int]]:
    start, end = year_bounds(year)
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(InformationRequest.Status.values, 0))
    for municipality_id, status in InformationRequest.objects.filter(
        **_in(municipality, "situation__"), created_at__gte=start, created_at__lt=end
    ).values_list("situation__municipality_id", "status"):
        out[municipality_id][status] += 1
    return out


def information_request_counts(*, municipality: Area, year: int) -> dict[str, int]:
    total: dict[str, int] = dict.fromkeys(InformationRequest.Status.values, 0)
    for counts in information_request_counts_by_municipality(municipality=municipality, year=year).values():
        for status, n in counts.items():
            total[status] += n
    return total


EvaluationCounts = tuple[int, dict[str, int]]


def evaluation_tension_counts_by_municipality(*, municipality: Area, year: int) -> dict[int, EvaluationCounts]:
    start, end = year_bounds(year)
    totals: dict[int, int] = defaultdict(int)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for municipality_id, tensions in Evaluation.objects.filter(
        **_in(municipality, "situation__"), situation__created_at__gte=start, situation__created_at__lt=end
    ).values_list("situation__municipality_id", "tensions"):
        totals[municipality_id] += 1
        for code in tensions or ():
            counts[municipality_id][code] += 1
    return {key: (totals[key], dict(counts[key])) for key in totals}


def evaluation_tension_counts(*, municipality: Area, year: int) -> EvaluationCounts:
    total, merged = 0, defaultdict(int)
    for n, counts in evaluation_tension_counts_by_municipality(municipality=municipality, year=year).values():
        total += n
        for code, k in counts.items():
            merged[code] += k
    return total, dict(merged)


def e33_baselines(codes: list[str]) -> dict[str, dict[str, int]]:
    """The imported E33 count per year for each municipality code, in one query; a municipality formed by a merger
    after 2017 counts its predecessors. Empty for a code that was not imported."""
    sources = {code: MERGED_INTO.get(code, (code,)) for code in codes}
    by_code: dict[str, dict[str, int]] = defaultdict(dict)
    for code, year, count in E33Registration.objects.filter(
        municipality_code__in={c for group in sources.values() for c in group}
    ).values_list("municipality_code", "year", "count"):
        by_code[code][str(year)] = count
    out: dict[str, dict[str, int]] = {}
    for code, group in sources.items():
        totals: dict[str, int] = defaultdict(int)
        for source in group:
            for year, count in by_code.get(source, {}).items():
                totals[year] += count
        out[code] = dict(sorted(totals.items()))
    return out


def e33_baseline(*codes: str) -> dict[str, int]:
    """The E33 count per year of these municipalities together (a region)."""
    totals: dict[str, int] = defaultdict(int)
    for baseline in e33_baselines(list(codes)).values():
        for year, count in baseline.items():
            totals[year] += count
    return dict(sorted(totals.items()))
