"""Reads for monitoring: turn situations into plain records (no names, no free text), plus the reference figures.
Aggregation happens in `indicators.py`, stored daily rollups in `rollups.py`, suppression in `factsheet.py`.

Information requests and evaluations count with the situation they belong to (its year), so one situation's whole
story lands in one place and a day's rollup can be recomputed from that day's situations alone."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from gipz.geo.models import Municipality
from gipz.monitoring.e33 import MERGED_INTO
from gipz.monitoring.indicators import Aggregate, SituationRecord, whole_minutes
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


def situation_rows(where: Q) -> list[tuple[int, date, SituationRecord]]:
    """(municipality id, local day of creation, record) for the situations matching `where`, in four queries
    whatever their number. The records hold everything the indicators count, so a day's rollup is built from them."""
    zone = ZoneInfo(settings.TIME_ZONE)
    rows = list(
        Situation.objects.filter(where)
        .annotate(has_request=Exists(CareRequest.objects.filter(situation=OuterRef("pk"))))
        .values_list(
            "pk", "municipality_id", "urgency", "offence", "has_request", "created_at", "on_site_at", "handed_over_at"
        )
        .order_by()
    )
    if not rows:
        return []
    in_set = Situation.objects.filter(where).values("pk")
    follow_ups: dict[int, list[str]] = defaultdict(list)
    for situation_id, kind in FollowUp.objects.filter(situation_id__in=in_set).values_list("situation_id", "kind"):
        follow_ups[situation_id].append(kind)
    pseudonyms = dict(Person.objects.filter(situation_id__in=in_set).values_list("situation_id", "pseudonym"))
    improper: dict[int, bool] = {}
    evaluations: dict[int, int] = defaultdict(int)
    tensions: dict[int, list[str]] = defaultdict(list)
    for situation_id, flag, codes in Evaluation.objects.filter(situation_id__in=in_set).values_list(
        "situation_id", "improper_call", "tensions"
    ):
        improper[situation_id] = improper.get(situation_id, False) or flag
        evaluations[situation_id] += 1
        tensions[situation_id].extend(codes or ())
    requests: dict[int, list[str]] = defaultdict(list)
    for situation_id, status in InformationRequest.objects.filter(situation_id__in=in_set).values_list(
        "situation_id", "status"
    ):
        requests[situation_id].append(status)

    def minutes(moment: datetime | None, created: datetime) -> int | None:
        return None if moment is None else whole_minutes((moment - created).total_seconds())

    return [
        (
            municipality_id,
            created.astimezone(zone).date(),
            SituationRecord(
                urgency=urgency,
                offence=offence,
                crisis_requested=has_request,
                police_wait_minutes=minutes(handed_over, created),
                on_site_minutes=minutes(on_site, created),
                follow_ups=tuple(sorted(follow_ups.get(pk, ()))),
                person_pseudonym=pseudonyms.get(pk, ""),
                improper_call=improper.get(pk),
                tensions=tuple(sorted(tensions.get(pk, ()))),
                evaluations=evaluations.get(pk, 0),
                request_statuses=tuple(sorted(requests.get(pk, ()))),
            ),
        )
        for pk, municipality_id, urgency, offence, has_request, created, on_site, handed_over in rows
    ]


def raw_aggregates(*, municipality: Area, year: int) -> dict[int, Aggregate]:
    """From scratch: every situation of the year, summarised per municipality id (no rollups involved)."""
    start, end = year_bounds(year)
    out: dict[int, Aggregate] = defaultdict(Aggregate)
    for municipality_id, _day, record in situation_rows(
        Q(**_in(municipality), created_at__gte=start, created_at__lt=end)
    ):
        out[municipality_id].add(record)
    return dict(out)


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
