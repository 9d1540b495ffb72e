"""Reads for monitoring: turn situations into plain records (no names, no free text), plus the reference figures.
Aggregation happens in `indicators.py`, stored daily rollups in `rollups.py`, suppression in `factsheet.py`.

Information requests and evaluations count with the situation they belong to (its year), so one situation's whole
story lands in one place and a day's rollup can be recomputed from that day's situations alone."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from gipz.geo.history import on_today, sources_of
from gipz.geo.models import Municipality
from gipz.geo.selectors import successor_shares_now
from gipz.keyfigures.models import Consult
from gipz.monitoring.indicators import Aggregate, SituationRecord, whole_minutes
from gipz.monitoring.models import E33Registration
from gipz.prevention.models import PreventiveRequest
from gipz.privacy.models import InformationRequest, Person
from gipz.situations.models import CareRequest, Evaluation, FollowUp, Situation
from gipz.unsafety.models import UnsafeReport


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
            "pk",
            "municipality_id",
            "urgency",
            "offence",
            "has_request",
            "created_at",
            "on_site_at",
            "handed_over_at",
            "triaged_at",
            "police_urgency",
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
    consulted = set(Consult.objects.filter(situation_id__in=in_set).values_list("situation_id", flat=True))

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
                consulted=pk in consulted,
                triaged=triaged_at is not None,
                police_urgency=police_urgency,
            ),
        )
        for (
            pk,
            municipality_id,
            urgency,
            offence,
            has_request,
            created,
            on_site,
            handed_over,
            triaged_at,
            police_urgency,
        ) in rows
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


@dataclass
class Collaboration:
    """Preventive requests and unsafe-situation reports of one municipality and year (tensions 2 and 3)."""

    preventive: int = 0
    decisions: Counter[str] = field(default_factory=Counter)  # assist / not_needed / more_info (the latest)
    decided: int = 0
    decided_late: int = 0
    unsafe: int = 0
    vpt: int = 0
    acute: int = 0
    aangifte_made: int = 0
    responded: int = 0  # with an agreed response time
    responded_in_time: int = 0
    response_minutes: list[int] = field(default_factory=list)


def collaboration_by_municipality(*, municipality: Area, year: int) -> dict[int, Collaboration]:
    """Per municipality id, in two queries, counted by the date the request or report was made."""
    start, end = year_bounds(year)
    out: dict[int, Collaboration] = defaultdict(Collaboration)
    for municipality_id, decision, decided_at, deadline in PreventiveRequest.objects.filter(
        **_in(municipality), created_at__gte=start, created_at__lt=end
    ).values_list("municipality_id", "decision", "decided_at", "decision_deadline"):
        counts = out[municipality_id]
        counts.preventive += 1
        if decision:
            counts.decisions[decision] += 1
        if decided_at is not None:
            counts.decided += 1
            counts.decided_late += decided_at > deadline
    for report in UnsafeReport.objects.filter(**_in(municipality), created_at__gte=start, created_at__lt=end).only(
        "municipality_id", "vpt", "acute", "aangifte", "responded_at", "response_deadline", "created_at",
        "occurred_at", "police_arrived_at",
    ):  # fmt: skip
        counts = out[report.municipality_id]
        counts.unsafe += 1
        counts.vpt += report.vpt
        counts.acute += report.acute
        counts.aangifte_made += report.aangifte == UnsafeReport.Aangifte.MADE
        if report.responded_at is not None and report.response_deadline is not None:
            counts.responded += 1
            counts.responded_in_time += report.responded_at <= report.response_deadline
        if report.response_minutes is not None:
            counts.response_minutes.append(report.response_minutes)
    return dict(out)


def collaboration(*, municipality: Area, year: int) -> Collaboration:
    total = Collaboration()
    for counts in collaboration_by_municipality(municipality=municipality, year=year).values():
        total.preventive += counts.preventive
        total.decisions.update(counts.decisions)
        total.decided += counts.decided
        total.decided_late += counts.decided_late
        total.unsafe += counts.unsafe
        total.vpt += counts.vpt
        total.acute += counts.acute
        total.aangifte_made += counts.aangifte_made
        total.responded += counts.responded
        total.responded_in_time += counts.responded_in_time
        total.response_minutes.extend(counts.response_minutes)
    return total


def e33_baselines(codes: list[str]) -> dict[str, dict[str, int]]:
    """The imported E33 count per year for each of today's municipality codes, in one query. Registrations of a
    municipality dissolved since (the E33 file has the division of 2017) are shown on its successors through the
    succession table, a split apportioned by its shares (geo/history.py), so totals are conserved. Empty for a code
    that was not imported."""
    forward = successor_shares_now()
    sources = sources_of(codes, forward)
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for code, year, count in E33Registration.objects.filter(
        municipality_code__in={c for parts in sources.values() for c in parts}
    ).values_list("municipality_code", "year", "count"):
        by_year[year][code] = count
    out: dict[str, dict[str, int]] = {code: {} for code in codes}
    for year, counts in sorted(by_year.items()):
        mapped = on_today(counts, forward)
        for code in codes:
            own = counts.get(code, 0) if code in forward else 0  # a dissolved code asked for itself: its own count
            if code in mapped or own:
                out[code][str(year)] = mapped.get(code, 0) + own
    return out


def predecessor_names(codes: list[str], earlier: dict[int, list[Municipality]]) -> dict[str, list[str]]:
    """For many municipalities at once: the names of the dissolved ones whose E33 figures or situations each one
    includes (`earlier` from geo.selectors.rolled_up_into, keyed by municipality id)."""
    forward = successor_shares_now()
    wanted = set(codes)
    names = dict(Municipality.objects.filter(active=False).values_list("code", "name"))
    pk_to_code = dict(Municipality.objects.filter(code__in=codes).values_list("pk", "code"))
    out: dict[str, set[str]] = defaultdict(set)
    for old, targets in forward.items():
        for target in targets:
            if target in wanted and old in names:
                out[target].add(names[old])
    for pk, group in earlier.items():
        out[pk_to_code[pk]] |= {m.name for m in group}
    return {code: sorted(found) for code, found in out.items()}


def e33_baseline(*codes: str) -> dict[str, int]:
    """The E33 count per year of these municipalities together (a region)."""
    totals: dict[str, int] = defaultdict(int)
    for baseline in e33_baselines(list(codes)).values():
        for year, count in baseline.items():
            totals[year] += count
    return dict(sorted(totals.items()))


def e33_rates(codes: list[str], year: int = 2017) -> dict[str, float]:
    """E33 registrations per 1,000 inhabitants in `year` on today's municipalities: counts and the population behind
    the police's rates (count ÷ rate) both carried over by the succession shares, then divided."""
    forward = successor_shares_now()
    counts: dict[str, float] = defaultdict(float)
    people: dict[str, float] = defaultdict(float)
    for code, count, per_1000 in E33Registration.objects.filter(year=year).values_list(
        "municipality_code", "count", "per_1000"
    ):
        if per_1000 <= 0:
            continue
        for target, share in forward.get(code, {code: 1}).items():
            counts[target] += float(share) * count
            people[target] += float(share) * count * 1000 / per_1000
    return {code: round(counts[code] * 1000 / people[code], 4) for code in codes if people.get(code)}
