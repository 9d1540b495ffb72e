"""The factsheet of one municipality and year as a plain dict (the JSON export; the HTML and PDF views render it).

Every count passes small-number suppression before it leaves this module: counts 1–4 (below
GIPZ_SUPPRESSION_THRESHOLD) become null, with complementary suppression where a total would give a hidden cell
away. Shares and times computed from fewer situations than the threshold are withheld as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gipz.geo.models import Municipality
from gipz.geo.selectors import rolled_up_into
from gipz.monitoring import rollups, selectors
from gipz.monitoring.indicators import Aggregate, from_aggregate, median, suppress, suppress_total
from gipz.privacy.models import InformationRequest

TENSION_DEFINITIONS: dict[str, Any] = {
    "signalling": _(
        "Aandeel meldingen zonder strafbaar feit: situaties waarin de politie zorg signaleert, niet handhaaft."
    ),
    "prevention": _(
        "Aandeel verzoeken om preventieve assistentie dat de politie 'niet nodig' vond (van de verzoeken met een "
        "besluit): hoe vaak zorg en politie de risico's anders wegen."
    ),
    "unsafety_in_care": _(
        "Aandeel meldingen van een onveilige situatie in de zorg waarop de politie binnen de afgesproken tijd "
        "reageerde (Veilige Publieke Taak)."
    ),
    "information_exchange": _("Aandeel beantwoorde informatieverzoeken waarin (deels) is gedeeld."),
    "expertise": _("Aandeel meldingen waarin een sleutelfiguur om een consult is gevraagd."),
    "mutual_expectations": _("Aandeel nabesprekingen dat een oneigenlijk beroep meldt."),
}


_translated: dict[str, dict[str, str]] = {}


def tension_definitions() -> dict[str, str]:
    """The six definitions in the active language, translated once per language (the comparison builds hundreds of
    sheets; translating them each time cost more than the figures)."""
    language = get_language() or ""
    if language not in _translated:
        _translated[language] = {key: str(text) for key, text in TENSION_DEFINITIONS.items()}
    return dict(_translated[language])


def _guarded(value: float | None, base: int, threshold: int) -> float | None:
    """A time or rate from fewer situations than the threshold could point at a person: withhold it."""
    return None if value is None or base < threshold else round(value, 4)


def _part(part: int, whole: int, threshold: int) -> int | None:
    """A count that is part of a published total: hidden when it or the rest is small, because the total minus the
    part gives the rest away (8 meldingen, 6 without an offence, tells that 2 had one)."""
    rest = whole - part
    if any(0 < n < threshold for n in (part, rest)):
        return None
    return part


def _share(part: int, whole: int, threshold: int) -> float | None:
    """A share gives its counts away (share × whole): show it only when the whole, the part and the rest are each
    zero or at least the threshold — the same rule as for the counts themselves."""
    rest = whole - part
    if whole < threshold or any(0 < n < threshold for n in (part, rest)):
        return None
    return round(part / whole, 4)


def build_region_sheet(*, year: int) -> dict[str, Any]:
    """The same sheet for every active municipality together (the infographic)."""
    municipalities = list(Municipality.objects.filter(active=True))
    dissolved = list(Municipality.objects.filter(active=False))  # their situations count in the country too
    return _sheet(
        area=municipalities + dissolved,
        place={
            "code": "regio",
            "name": str(_("alle gemeenten")),
            "population": sum(m.population or 0 for m in municipalities) or None,
            "population_year": max((m.population_year or 0 for m in municipalities), default=None) or None,
            "population_estimated": any(m.population_estimated for m in municipalities),
            "predecessors": [],
        },
        codes=[m.code for m in municipalities],
        year=year,
        precomputed=None,
    )


@dataclass(frozen=True)
class Precomputed:
    """What the comparison fetched for all municipalities at once, handed to each municipality's sheet."""

    aggregate: Aggregate
    e33: dict[str, int]
    collaboration: selectors.Collaboration
    predecessors: list[str]  # names of the dissolved municipalities whose figures are included


def build_factsheet(*, municipality: Municipality, year: int, precomputed: Precomputed | None = None) -> dict[str, Any]:
    """One municipality's sheet. Figures of municipalities it took over (situations recorded there before the
    change, E33 registrations of the 2017 division) are included, and the sheet names them."""
    if precomputed is None:
        taken_over = rolled_up_into([municipality])
        earlier = taken_over.get(municipality.pk, [])
        names = selectors.predecessor_names([municipality.code], taken_over).get(municipality.code, [])
    else:
        earlier, names = [], precomputed.predecessors
    return _sheet(
        area=[municipality, *earlier] if earlier else municipality,
        place={
            "code": municipality.code,
            "name": municipality.name,
            "population": municipality.population,
            "population_year": municipality.population_year,
            "population_estimated": municipality.population_estimated,
            "predecessors": names,
        },
        codes=[municipality.code],
        year=year,
        precomputed=precomputed,
    )


def _sheet(
    *,
    area: selectors.Area,
    place: dict[str, Any],
    codes: list[str],
    year: int,
    precomputed: Precomputed | None,
) -> dict[str, Any]:
    threshold = settings.GIPZ_SUPPRESSION_THRESHOLD
    population = place["population"]
    if precomputed is None:
        precomputed = Precomputed(
            aggregate=rollups.aggregate_for(municipality=area, year=year, with_pseudonyms=isinstance(area, list)),
            e33=selectors.e33_baseline(*codes),
            collaboration=selectors.collaboration(municipality=area, year=year),
            predecessors=place["predecessors"],
        )
    total = precomputed.aggregate
    ind = from_aggregate(total)
    requests = {status: total.requests.get(status, 0) for status in InformationRequest.Status.values}
    evaluations = total.evaluations
    answered = sum(requests[s] for s in ("shared", "partly_shared", "refused"))
    shared = requests["shared"] + requests["partly_shared"]
    waited = ind.waited
    together = precomputed.collaboration
    decisions = {key: together.decisions.get(key, 0) for key in ("assist", "not_needed", "more_info")}
    judged = decisions["assist"] + decisions["not_needed"]

    on_target = {
        urgency: {
            "responded": suppress_total(int(v["responded"] or 0), threshold=threshold),
            "share_within_target": _share(int(v["within"] or 0), int(v["responded"] or 0), threshold),
            "target_minutes": v["target_minutes"],
            "norm": v["norm"],
        }
        for urgency, v in ind.on_target.items()
    }
    return {
        "municipality": place,
        "year": year,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "suppression_threshold": threshold,
        "indicators": {
            "situations": suppress_total(ind.situations, threshold=threshold),
            "per_1000_inhabitants": _guarded(
                ind.situations * 1000 / population if population else None,
                ind.situations,
                threshold,
            ),
            "by_urgency": suppress(ind.by_urgency, threshold=threshold),
            "without_offence": _part(ind.without_offence, ind.situations, threshold),
            "share_without_offence": _share(ind.without_offence, ind.situations, threshold),
            "crisis_requested": _part(ind.crisis_requested, ind.situations, threshold),
            "police_wait_minutes": {
                "median": _guarded(ind.police_wait_median, waited, threshold),
                "p90": _guarded(ind.police_wait_p90, waited, threshold),
                "handovers": _part(waited, ind.situations, threshold),
            },
            "on_site_within_target": on_target,
            "follow_ups": suppress(ind.follow_ups, threshold=threshold),
            "persons": suppress_total(ind.persons, threshold=threshold),
            "repeat_persons": _part(ind.repeat_persons, ind.persons, threshold),
            "information_requests": suppress(requests, threshold=threshold),
            "evaluations": suppress_total(evaluations, threshold=threshold),
            # How often each tension was named in an evaluation (several per evaluation possible: no total).
            "evaluation_tensions": suppress(
                {key: total.tensions.get(key, 0) for key in TENSION_DEFINITIONS},
                threshold=threshold,
                total_published=False,
            ),
            "improper_calls": suppress_total(ind.improper_calls, threshold=threshold),
            "share_improper_calls": _share(ind.improper_calls, ind.evaluated, threshold),
            "consults": _part(total.consulted, ind.situations, threshold),
            # How often the crisis service's triage kept the urgency the police advised (lawful issue item 9).
            "urgency_triaged": _part(total.triaged, ind.situations, threshold),
            "share_triage_agrees_with_police": _share(total.triage_agreed, total.triaged, threshold),
            "preventive_requests": {
                "requests": suppress_total(together.preventive, threshold=threshold),
                "decisions": suppress(decisions, threshold=threshold),
                "decided_after_deadline": _part(together.decided_late, together.preventive, threshold),
            },
            "unsafe_situations": {
                "reports": suppress_total(together.unsafe, threshold=threshold),
                "vpt": _part(together.vpt, together.unsafe, threshold),
                "acute": _part(together.acute, together.unsafe, threshold),
                "aangifte_made": _part(together.aangifte_made, together.unsafe, threshold),
                "share_responded_in_time": _share(together.responded_in_time, together.responded, threshold),
                "response_minutes_median": _guarded(
                    median(together.response_minutes), len(together.response_minutes), threshold
                ),
            },
        },
        "tensions": {
            "signalling": _share(ind.without_offence, ind.situations, threshold),
            "prevention": _share(decisions["not_needed"], judged, threshold),
            "unsafety_in_care": _share(together.responded_in_time, together.responded, threshold),
            "information_exchange": _share(shared, answered, threshold),
            "expertise": _share(total.consulted, ind.situations, threshold),
            "mutual_expectations": _share(ind.improper_calls, ind.evaluated, threshold),
        },
        "tension_definitions": tension_definitions(),
        "e33_baseline": precomputed.e33,
    }
