"""Starting scenarios: a region's municipalities with E33-based registrations, the demand funnel calibrated on the
published crisis-contact count, driving times from the municipalities' centres, and documented default assumptions.

Everything here that is not read from data is an assumption with its source and range, named as such in
docs/simulation.md and on the web page, for a coordinator to replace with the region's own figures (or with the
platform's own history).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import baseline

# --- demand: registrations → visits ----------------------------------------------------------------------------

# The funnel is calibrated on the year of the published national count of crisis-service contacts: 47,492 contacts
# of adults with a GGZ crisis service in 2021 (VZinfo, 'Crisisdienst ggz: gebruik', RIVM; ~272 per 100,000 of
# 17,475,415 inhabitants, CBS 1-1-2021), against 130,184 police E33 registrations that year. The registrations serve
# as the spatial and weekly proxy of all referrals (police, GP, others); their growth is an explicit choice, because
# contacts fell 2016–2021 while registrations rose.
CALIBRATION_YEAR = 2021
PUBLISHED_CONTACTS = 47_492
NATIONAL_POPULATION = 17_475_415
PUBLISHED_CONTACTS_PER_100K = PUBLISHED_CONTACTS / NATIONAL_POPULATION * 100_000
DEFAULT_FUNNEL: tuple[dict[str, Any], ...] = (
    {"code": "needs_crisis_service", "share": 0.55, "low": 0.35, "high": 0.70,
     "source": "Assumption: only part of E33 registrations concern a psychiatric disorder (Ministry of Justice and "
               "Security, 2022); the three shares multiply to contacts ÷ registrations of 2021 (0.365)."},
    {"code": "not_resolved_by_phone", "share": 0.80, "low": 0.60, "high": 0.90,
     "source": "Assumption within the range of triage outcomes of GGZ crisis services (Trimbos-instituut, "
               "Monitoring en evaluatie GGz triagewijzer, 2018): most triaged requests lead to an assessment."},
    {"code": "seen_in_person", "share": 0.829, "low": 0.70, "high": 0.95,
     "source": "GGNet crisis service 2023: 56 % seen on location and 26 % at home (82 %) of high-urgency requests."},
)  # fmt: skip


def funnel_factor(steps: Sequence[Mapping[str, Any]] = DEFAULT_FUNNEL) -> float:
    return math.prod(float(step["share"]) for step in steps)


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
# Targets follow the platform's national default response policy (U2 1 h, U3 4 h, U4 24 h). Police present: the
# published range is Amsterdam's psycholance 10–20 %, Stockholm's PAM 3 %, CAHOOTS (Eugene) under 1 % of calls; the
# defaults put U2 at the top of Amsterdam's range and average ~13 %. A long case is a Wvggz assessment or a
# crisis admission (assumption: 4 ± 2 h); U4 is planned as next-day work.
DEFAULT_URGENCIES: tuple[dict[str, Any], ...] = (
    {"code": "U2", "share": 0.45, "target_minutes": 60, "on_scene_mean_minutes": 90, "on_scene_sd_minutes": 45,
     "police_on_scene_share": 0.20, "escort_share": 0.15, "long_share": 0.25},
    {"code": "U3", "share": 0.35, "target_minutes": 240, "on_scene_mean_minutes": 75, "on_scene_sd_minutes": 35,
     "police_on_scene_share": 0.10, "escort_share": 0.05, "long_share": 0.10},
    {"code": "U4", "share": 0.20, "target_minutes": 1440, "on_scene_mean_minutes": 60, "on_scene_sd_minutes": 30,
     "police_on_scene_share": 0.0, "escort_share": 0.0, "long_share": 0.0, "planned_next_day": True},
)  # fmt: skip
# What delays a team, and what it costs (assumptions, in docs/simulation.md with their calibration).
DEFAULT_DELAYS: dict[str, Any] = {
    "triage_minutes": 10.0,  # telephone triage by the crisis service before a team is sent
    "escort_wait_minutes": 20.0,  # mean wait for a police escort, where one is needed
    "no_contact_share": 0.10,  # visits where the person is not found or not met
    "no_contact_minutes": 20.0,
    "planned_hour": 9,
    "shift_handover_minutes": 15.0,  # paid overlap per team per shift
    # Police time on an E33 call without a crisis team: "two officers for at least two hours each" (Ministry of
    # Justice and Security to the House of Representatives, May 2024).
    "police_alone_minutes": 120.0,
    "min_teams_per_base": 1,  # coverage rule of the staffing search
}
# Turnout per shift: minutes from dispatch until the team drives off. The default plans an awake night shift, as the
# integrated 24/7 service would have; today's night teams are on call from home (TODAY_TURNOUT).
DEFAULT_TURNOUT = {"dag": 5.0, "avond": 5.0, "nacht": 10.0}

# Today's staffing in Midden-Nederland, for the calibration (assumption, docs/simulation.md): a mobile team in
# Utrecht, Amersfoort and Almere by day and in the evening, one on-call team in Utrecht and one in Almere at night.
TODAY_STAFFING: dict[tuple[str, str], int] = {
    ("dag", "Utrecht"): 1, ("dag", "Amersfoort"): 1, ("dag", "Hilversum"): 0, ("dag", "Almere"): 1,
    ("avond", "Utrecht"): 1, ("avond", "Amersfoort"): 1, ("avond", "Hilversum"): 0, ("avond", "Almere"): 1,
    ("nacht", "Utrecht"): 1, ("nacht", "Amersfoort"): 0, ("nacht", "Hilversum"): 0, ("nacht", "Almere"): 1,
}  # fmt: skip
TODAY_TURNOUT = {"dag": 5.0, "avond": 5.0, "nacht": 30.0}
# The population of police unit Midden-Nederland (CBS, 1 January 2020; geo/data/midden_nederland.csv).
MIDDEN_NEDERLAND_POPULATION = 2_034_930
DEFAULT_TARGETS: tuple[dict[str, Any], ...] = ({"urgency": "U2", "within_minutes": 60, "min_share": 0.9},)
DEFAULT_SHIFTS: tuple[tuple[str, int, int], ...] = (("dag", 7, 8), ("avond", 15, 8), ("nacht", 23, 8))


@dataclass(frozen=True)
class TravelRule:
    """Assumed driving minutes from a base: within its own municipality, its own region, or further (used where a
    municipality has no centre shipped, such as the national load test)."""

    same_municipality: float = 10
    same_region: float = 25
    other_region: float = 45


CENTRES_FILE = baseline.DATA_DIR / "municipality_centres.csv"


def municipality_centres() -> dict[str, tuple[float, float]]:
    """Today's municipalities of Midden-Nederland → (latitude, longitude) of their seat (GeoNames, see data/README)."""
    with CENTRES_FILE.open(encoding="utf-8", newline="") as handle:
        return {r["code"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle, delimiter=";")}


def kilometres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, Earth radius 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class RoadRule:
    """Driving minutes between municipality centres: a fixed part (getting to the car, finding the address, and the
    drive within a municipality) plus the straight-line distance × a detour factor at an average speed. Assumptions:
    8 min, 1.3 (a common road-to-crow-flies ratio for the Netherlands), 70 km/h without lights and sirens."""

    within_minutes: float = 8.0
    detour: float = 1.3
    speed_kmh: float = 70.0

    def minutes(self, km: float) -> float:
        return round(self.within_minutes + km * self.detour / self.speed_kmh * 60, 1)


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
    road: RoadRule | None = None,
    centres: Mapping[str, tuple[float, float]] | None = None,
    teams_per_shift: int = 1,
    urgencies: Sequence[Mapping[str, Any]] = DEFAULT_URGENCIES,
    hour_of_week: Sequence[float] | None = None,
    funnel: Sequence[Mapping[str, Any]] = (),
    turnout: Mapping[str, float] | None = None,
    **settings: Any,
) -> dict[str, Any]:
    """A scenario dict (see `Scenario.from_dict`) with the default shifts and driving times from the centres with
    the road rule where both ends have a centre, from the travel rule otherwise."""
    region_of = {p.code: p.region for p in places}
    centres = centres or {}
    road = road or RoadRule()
    base_dicts = []
    for base_name, home in bases:
        if home not in region_of:
            raise ValueError(f"base {base_name}: municipality {home} is not in the region")

        def minutes(place: Place, home: str = home) -> float:
            if home in centres and place.code in centres:
                return road.minutes(kilometres(centres[home], centres[place.code]))
            if place.code == home:
                return travel.same_municipality
            return travel.same_region if place.region == region_of[home] else travel.other_region

        base_dicts.append({"name": base_name, "default_travel_minutes": travel.other_region,
                           "travel_minutes": {p.code: minutes(p) for p in places}})  # fmt: skip
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
            {
                "name": shift,
                "start_hour": start,
                "hours": hours,
                "teams": {b: teams_per_shift for b, _ in bases},
                "turnout_minutes": (turnout or {}).get(shift, 0.0),
            }
            for shift, start, hours in DEFAULT_SHIFTS
        ],
        "demand": [dict(step) for step in funnel],
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
