"""The researchers' export: pseudonymised, coarsened microdata, one row per melding.

No names, addresses, free text or exact times: dates become ISO weeks, durations are rounded to 5 minutes, and the
municipality is given only when it has at least GIPZ_RESEARCH_MIN_POPULATION inhabitants (otherwise its safety
region). Persons get a pseudonym that is new for every export (a keyed hash with a random per-export key), so rows
of one export can be linked to each other but not to another export or back to the platform.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from gipz.core.csvfile import csv_text
from gipz.core.dbrouter import heavy_reads
from gipz.monitoring.selectors import year_bounds
from gipz.privacy.models import Person
from gipz.situations.models import CareRequest, Evaluation, FollowUp, Situation

FIELDS = (
    "week",
    "area",
    "urgency",
    "advised_urgency",
    "offence",
    "danger_to_self",
    "danger_to_others",
    "weapon",
    "intoxication",
    "care_indicators",
    "crisis_requested",
    "status",
    "minutes_to_on_site",
    "police_wait_minutes",
    "follow_ups",
    "improper_call",
    "tensions",
    "person",
)


def _round5(start: datetime, end: datetime | None) -> int | None:
    return None if end is None else int(5 * round((end - start).total_seconds() / 300))


def research_rows(*, year: int) -> Iterator[dict[str, Any]]:
    start, end = year_bounds(year)
    key = secrets.token_bytes(32)
    min_population = settings.GIPZ_RESEARCH_MIN_POPULATION
    situations = (
        Situation.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("municipality__safety_region")
        .annotate(has_request=Exists(CareRequest.objects.filter(situation=OuterRef("pk"))))
        .order_by("created_at")
    )
    ids = list(situations.values_list("pk", flat=True))
    follow_ups: dict[int, list[str]] = defaultdict(list)
    for situation_id, kind in FollowUp.objects.filter(situation_id__in=ids).values_list("situation_id", "kind"):
        follow_ups[situation_id].append(kind)
    evaluations: dict[int, tuple[bool, set[str]]] = {}
    for situation_id, flag, tensions in Evaluation.objects.filter(situation_id__in=ids).values_list(
        "situation_id", "improper_call", "tensions"
    ):
        before = evaluations.get(situation_id, (False, set()))
        evaluations[situation_id] = (before[0] or flag, before[1] | set(tensions or ()))
    pseudonyms = dict(Person.objects.filter(situation_id__in=ids).values_list("situation_id", "pseudonym"))
    for s in situations.iterator(chunk_size=2000):
        municipality = s.municipality
        big_enough = (municipality.population or 0) >= min_population
        region = municipality.safety_region.code if municipality.safety_region else "onbekend"
        iso = timezone.localtime(s.created_at).isocalendar()
        evaluation = evaluations.get(s.pk)
        person = pseudonyms.get(s.pk)
        yield {
            "week": f"{iso.year}-W{iso.week:02d}",
            "area": municipality.code if big_enough else region,
            "urgency": s.urgency,
            "advised_urgency": s.advised_urgency,
            "offence": s.offence,
            "danger_to_self": s.danger_to_self,
            "danger_to_others": s.danger_to_others,
            "weapon": s.weapon,
            "intoxication": s.intoxication,
            "care_indicators": sorted(s.care_indicators or ()),
            "crisis_requested": s.has_request,
            "status": s.status,
            "minutes_to_on_site": _round5(s.created_at, s.on_site_at),
            "police_wait_minutes": _round5(s.created_at, s.handed_over_at),
            "follow_ups": sorted(follow_ups.get(s.pk, ())),
            "improper_call": None if evaluation is None else evaluation[0],
            "tensions": sorted(evaluation[1]) if evaluation else [],
            "person": hmac.new(key, person.encode(), hashlib.sha256).hexdigest()[:12] if person else "",
        }


def research_export(*, year: int, fmt: str) -> tuple[str, int]:
    with heavy_reads():
        rows = list(research_rows(year=year))
    if fmt == "json":
        return json.dumps({"year": year, "fields": FIELDS, "rows": rows}, ensure_ascii=False, indent=1), len(rows)
    values = ([_flat(row.get(name)) for name in FIELDS] for row in rows)
    return csv_text(values, header=FIELDS, bom=False), len(rows)


def _flat(value: Any) -> Any:
    return "|".join(value) if isinstance(value, list) else ("" if value is None else value)
