"""Starting scenarios: a region's municipalities with E33-based arrivals and documented default assumptions.

Everything here that is not read from the E33 data is an assumption, named as such in docs/simulation.md and on the
web page, for a coordinator to replace with the region's own figures (or with the platform's own history).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import baseline

# Relative calls per hour of day. Assumption: quiet at night, rising through the day, busiest late afternoon and
# evening — the general shape of police E33 registrations; replace with the platform's own history where available.
HOUR_OF_DAY_WEIGHTS = (
    0.80, 0.60, 0.50, 0.40, 0.35, 0.35, 0.40, 0.55, 0.75, 0.90, 1.00, 1.10,
    1.15, 1.20, 1.25, 1.35, 1.45, 1.50, 1.50, 1.45, 1.35, 1.20, 1.05, 0.95,
)  # fmt: skip
WEEKEND_NIGHT_FACTOR = 1.15  # assumption: Friday and Saturday late evening and the nights after are busier


def default_hour_of_week() -> list[float]:
    weights = []
    for day in range(7):  # Monday first
        for hour in range(24):
            w = HOUR_OF_DAY_WEIGHTS[hour]
            late_friday_or_saturday = day in (4, 5) and hour >= 20
            night_after = day in (5, 6) and hour < 6
            if late_friday_or_saturday or night_after:
                w *= WEEKEND_NIGHT_FACTOR
            weights.append(round(w, 4))
    return weights


# Assumptions for the urgencies a crisis team goes out for (U1 is 112; U5 is handled by phone by the meldpunt).
# Targets follow the platform's national default response policy (U2 1 h, U3 4 h, U4 24 h).
DEFAULT_URGENCIES: tuple[dict[str, Any], ...] = (
    {"code": "U2", "share": 0.45, "target_minutes": 60, "on_scene_mean_minutes": 120, "on_scene_sd_minutes": 60,
     "police_on_scene_share": 0.9},
    {"code": "U3", "share": 0.35, "target_minutes": 240, "on_scene_mean_minutes": 90, "on_scene_sd_minutes": 45,
     "police_on_scene_share": 0.5},
    {"code": "U4", "share": 0.20, "target_minutes": 1440, "on_scene_mean_minutes": 60, "on_scene_sd_minutes": 30,
     "police_on_scene_share": 0.1},
)  # fmt: skip
DEFAULT_TARGETS: tuple[dict[str, Any], ...] = ({"urgency": "U2", "within_minutes": 60, "min_share": 0.9},)
DEFAULT_SHIFTS: tuple[tuple[str, int, int], ...] = (("dag", 7, 8), ("avond", 15, 8), ("nacht", 23, 8))


@dataclass(frozen=True)
class TravelRule:
    """Assumed driving minutes from a base: within its own municipality, its own region, or further."""

    same_municipality: float = 10
    same_region: float = 25
    other_region: float = 45


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    region: str


# The police unit the shipped scenario covers (its safety regions VR09, VR14 and VR25).
MIDDEN_NEDERLAND_UNIT = "Midden-Nederland"

# Midden-Nederland: a base in the largest municipality of each safety region, and a second one in Amersfoort
# because the Utrecht region holds two thirds of the unit's population.
MIDDEN_NEDERLAND_BASES: tuple[tuple[str, str], ...] = (
    ("Utrecht", "GM0344"),
    ("Amersfoort", "GM0307"),
    ("Hilversum", "GM0402"),
    ("Almere", "GM0034"),
)


def build(
    *,
    name: str,
    places: Sequence[Place],
    arrivals: Mapping[str, float],
    bases: Sequence[tuple[str, str]],
    travel: TravelRule = TravelRule(),
    teams_per_shift: int = 1,
    urgencies: Sequence[Mapping[str, Any]] = DEFAULT_URGENCIES,
    hour_of_week: Sequence[float] | None = None,
    **settings: Any,
) -> dict[str, Any]:
    """A scenario dict (see `Scenario.from_dict`) with travel times from the rule and the default shifts."""
    region_of = {p.code: p.region for p in places}
    base_dicts = []
    for base_name, home in bases:
        if home not in region_of:
            raise ValueError(f"base {base_name}: municipality {home} is not in the region")
        minutes = {
            p.code: travel.same_municipality
            if p.code == home
            else travel.same_region
            if p.region == region_of[home]
            else travel.other_region
            for p in places
        }
        base_dicts.append({"name": base_name, "default_travel_minutes": travel.other_region, "travel_minutes": minutes})
    return {
        "name": name,
        "municipalities": [
            {"code": p.code, "name": p.name, "region": p.region, "arrivals_per_year": round(arrivals[p.code], 2)}
            for p in places
        ],
        "hour_of_week": list(hour_of_week) if hour_of_week is not None else default_hour_of_week(),
        "urgencies": [dict(u) for u in urgencies],
        "targets": [dict(t) for t in DEFAULT_TARGETS],
        "bases": base_dicts,
        "shifts": [
            {"name": shift, "start_hour": start, "hours": hours, "teams": {b: teams_per_shift for b, _ in bases}}
            for shift, start, hours in DEFAULT_SHIFTS
        ],
        **settings,
    }


def from_e33(
    *,
    name: str,
    places: Sequence[Place],
    year: int,
    bases: Sequence[tuple[str, str]],
    growth_per_year: float = 0.0,
    **options: Any,
) -> dict[str, Any]:
    """A scenario whose arrivals are the E33 registrations of `year` (scaled from 2017) per municipality."""
    arrivals = baseline.arrivals_per_year([p.code for p in places], year, growth_per_year=growth_per_year)
    return build(name=name, places=places, arrivals=arrivals, bases=bases, **options)


def national(year: int = 2024, *, areas: int = 25, **options: Any) -> dict[str, Any]:
    """All 388 municipalities of the E33 data, for speed tests. The E33 file names no safety regions, so the
    municipalities are dealt round-robin over `areas` synthetic areas, each with one base: a load test, not a map."""
    municipal = baseline.read_municipal()
    ordered = sorted(municipal.values(), key=lambda m: m.code)
    places = [Place(m.code, m.name, f"area-{i % areas + 1:02d}") for i, m in enumerate(ordered)]
    bases = [(f"base-{k + 1:02d}", places[k].code) for k in range(areas)]
    return from_e33(name=f"Nederland {year}", places=places, year=year, bases=bases, **options)
