"""A region's crisis service as plain data, validated on the way in.

A scenario is what a coordinator can change: registrations (or referrals) per municipality and the demand funnel that
turns them into visits, their hour-of-week profile, the urgency mix and targets, what delays a team (telephone triage,
turnout, waiting for a police escort), on-scene times, team bases with travel times, and teams per shift.
`Scenario.from_dict` turns a JSON-like dict (form, file, API) into frozen dataclasses or raises `ScenarioError` naming
the field, so the simulator itself never has to doubt its input.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

HOURS_PER_WEEK = 168
MAX_ARRIVALS_PER_YEAR = 10_000_000  # the whole country registers ~150,000; beyond this memory, not insight, runs out
DISTRIBUTIONS = ("lognormal", "exponential")


class ScenarioError(ValueError):
    """Bad scenario input; `field` is the dotted path of the offending value (e.g. 'urgencies[1].share')."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class MunicipalityLoad:
    code: str
    name: str
    arrivals_per_year: float  # the funnel's base: registrations or referrals per year (all of them if no funnel)
    region: str = ""


@dataclass(frozen=True)
class FunnelStep:
    """One step from registrations to visits: the share that goes on, its plausible range, and where it comes from."""

    code: str
    share: float
    low: float
    high: float
    source: str


@dataclass(frozen=True)
class UrgencyClass:
    code: str
    share: float  # of all arrivals
    target_minutes: float  # on site within
    on_scene_mean_minutes: float
    on_scene_sd_minutes: float
    police_on_scene_share: float  # share of calls where police wait on scene for the handover
    distribution: str = "lognormal"
    escort_share: float = 0.0  # share of calls where the team waits for a police escort before it goes in
    long_share: float = 0.0  # share of long cases (e.g. a Wvggz assessment) with their own on-scene time
    long_mean_minutes: float = 240.0
    long_sd_minutes: float = 120.0
    planned_next_day: bool = False  # planned as next-day work (from `planned_hour`), not sent at once


@dataclass(frozen=True)
class Base:
    name: str
    default_travel_minutes: float
    travel_minutes: Mapping[str, float] = field(default_factory=dict)  # municipality code → minutes

    def travel_to(self, code: str) -> float:
        return self.travel_minutes.get(code, self.default_travel_minutes)


@dataclass(frozen=True)
class Shift:
    name: str
    start_hour: int  # 0–23, local time
    hours: int  # 1–24; a shift may run past midnight
    teams: Mapping[str, int]  # base name → teams on duty
    turnout_minutes: float = 0.0  # from dispatch until the team drives off (on call from home at night: longer)

    def covers(self, hour_of_day: int) -> bool:
        return (hour_of_day - self.start_hour) % 24 < self.hours


@dataclass(frozen=True)
class Target:
    urgency: str
    within_minutes: float
    min_share: float  # e.g. 0.9: at least 90 % on site within `within_minutes`


@dataclass(frozen=True)
class Scenario:
    name: str
    municipalities: tuple[MunicipalityLoad, ...]
    hour_of_week: tuple[float, ...]  # 168 relative weights, Monday 00:00 first
    urgencies: tuple[UrgencyClass, ...]
    bases: tuple[Base, ...]
    shifts: tuple[Shift, ...]
    targets: tuple[Target, ...] = ()
    days: int = 365
    warm_up_days: int = 2
    seed: int = 1
    handover_minutes: float = 15.0
    police_officers_per_call: int = 2
    return_to_base: bool = True
    team_size: int = 2
    fte_hours_per_week: float = 36.0
    productive_share: float = 0.8
    demand: tuple[FunnelStep, ...] = ()  # registrations → visits; empty: every registration is a visit
    triage_minutes: float = 0.0  # telephone triage before a team is sent
    escort_wait_minutes: float = 0.0  # mean wait for a police escort, where one is needed
    no_contact_share: float = 0.0  # visits where the person is not found or not met
    no_contact_minutes: float = 20.0
    planned_hour: int = 9  # next-day work starts at this hour
    min_teams_per_base: int = 0  # coverage rule for the staffing search: teams per base on every shift
    shift_handover_minutes: float = 0.0  # paid overlap per team per shift
    police_alone_minutes: float = 0.0  # time police spend on a call without a crisis team (the police picture)

    @property
    def registrations_per_year(self) -> float:
        return sum(m.arrivals_per_year for m in self.municipalities)

    @property
    def demand_factor(self) -> float:
        return math.prod(step.share for step in self.demand)

    @property
    def arrivals_per_year(self) -> float:
        """Visits a year: the registrations through every step of the demand funnel."""
        return self.registrations_per_year * self.demand_factor

    def teams_on_duty(self, base: str, hour_of_day: int) -> int:
        return sum(s.teams.get(base, 0) for s in self.shifts if s.covers(hour_of_day))

    def team_hours_per_week(self) -> float:
        return sum(s.hours * sum(s.teams.values()) for s in self.shifts) * 7

    def handover_hours_per_week(self) -> float:
        return sum(sum(s.teams.values()) for s in self.shifts) * 7 * self.shift_handover_minutes / 60

    def fte(self, overtime_hours_per_week: float = 0.0) -> float:
        """Paid FTE for the roster: person-hours per week (rostered, shift handovers and overtime finishing calls)
        over the productive hours of one FTE."""
        hours = self.team_hours_per_week() + self.handover_hours_per_week() + overtime_hours_per_week
        return hours * self.team_size / (self.fte_hours_per_week * self.productive_share)

    def with_staffing(self, staffing: Mapping[tuple[str, str], int]) -> Scenario:
        """A copy with teams per (shift name, base name) replaced where `staffing` says so."""
        shifts = tuple(
            Shift(
                s.name,
                s.start_hour,
                s.hours,
                {b.name: staffing.get((s.name, b.name), s.teams.get(b.name, 0)) for b in self.bases},
                s.turnout_minutes,
            )
            for s in self.shifts
        )
        return _replace(self, shifts=shifts)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for base in data["bases"]:
            base["travel_minutes"] = dict(base["travel_minutes"])
        for shift in data["shifts"]:
            shift["teams"] = dict(shift["teams"])
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        return _parse(data)


def _replace(scenario: Scenario, **changes: Any) -> Scenario:
    from dataclasses import replace

    return replace(scenario, **changes)


# --- validation -------------------------------------------------------------------------------------------------


def _number(
    data: Mapping[str, Any],
    key: str,
    path: str,
    *,
    low: float,
    high: float = math.inf,
    default: float | None = None,
    integer: bool = False,
    low_inclusive: bool = True,
) -> Any:
    where = f"{path}{key}"
    if key not in data or data[key] is None or data[key] == "":
        if default is None:
            raise ScenarioError(where, "is required")
        return default
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ScenarioError(where, f"must be a number, not {value!r}")
    try:
        number = int(value) if integer and not isinstance(value, float) else float(value)
    except (TypeError, ValueError):
        raise ScenarioError(where, f"must be a number, not {value!r}") from None
    if integer and (not float(number).is_integer()):
        raise ScenarioError(where, f"must be a whole number, not {value!r}")
    if not math.isfinite(number):
        raise ScenarioError(where, "must be a finite number")
    too_low = number < low if low_inclusive else number <= low
    if too_low or number > high:
        bound = f"at least {low:g}" if low_inclusive else f"greater than {low:g}"
        upper = f" and at most {high:g}" if high != math.inf else ""
        raise ScenarioError(where, f"must be {bound}{upper} (got {value!r})")
    return int(number) if integer else number


def _text(data: Mapping[str, Any], key: str, path: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{path}{key}", "is required")
    return value.strip()


def _list(data: Mapping[str, Any], key: str, *, required: bool = True) -> Sequence[Any]:
    value = data.get(key)
    if value is None and not required:
        return ()
    if not isinstance(value, list | tuple) or (required and not value):
        raise ScenarioError(key, "must be a non-empty list")
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise ScenarioError(f"{key}[{i}]", "must be an object")
    return value


def _parse(data: Mapping[str, Any]) -> Scenario:
    if not isinstance(data, Mapping):
        raise ScenarioError("scenario", "must be an object")
    municipalities = tuple(
        MunicipalityLoad(
            code=_text(m, "code", f"municipalities[{i}]."),
            name=_text(m, "name", f"municipalities[{i}].", default=str(m.get("code", ""))),
            arrivals_per_year=_number(m, "arrivals_per_year", f"municipalities[{i}].", low=0),
            region=str(m.get("region", "") or ""),
        )
        for i, m in enumerate(_list(data, "municipalities"))
    )
    codes = [m.code for m in municipalities]
    if len(set(codes)) != len(codes):
        raise ScenarioError("municipalities", "a municipality code appears twice")
    if sum(m.arrivals_per_year for m in municipalities) <= 0:
        raise ScenarioError("municipalities", "the arrivals per year add up to 0")
    if sum(m.arrivals_per_year for m in municipalities) > MAX_ARRIVALS_PER_YEAR:
        raise ScenarioError("municipalities", f"more than {MAX_ARRIVALS_PER_YEAR:,} arrivals a year is not a region")

    profile = data.get("hour_of_week")
    if not isinstance(profile, list | tuple) or len(profile) != HOURS_PER_WEEK:
        raise ScenarioError("hour_of_week", f"must be a list of {HOURS_PER_WEEK} weights (Monday 00:00 first)")
    weights = tuple(_number({"w": w}, "w", f"hour_of_week[{i}]", low=0) for i, w in enumerate(profile))
    if sum(weights) <= 0:
        raise ScenarioError("hour_of_week", "the weights add up to 0")

    urgencies = []
    for i, u in enumerate(_list(data, "urgencies")):
        path = f"urgencies[{i}]."
        distribution = u.get("distribution", "lognormal")
        if distribution not in DISTRIBUTIONS:
            raise ScenarioError(f"{path}distribution", f"must be one of {', '.join(DISTRIBUTIONS)}")
        urgencies.append(
            UrgencyClass(
                code=_text(u, "code", path),
                share=_number(u, "share", path, low=0, high=1),
                target_minutes=_number(u, "target_minutes", path, low=0, low_inclusive=False),
                on_scene_mean_minutes=_number(u, "on_scene_mean_minutes", path, low=0, low_inclusive=False),
                on_scene_sd_minutes=_number(u, "on_scene_sd_minutes", path, low=0, default=0.0),
                police_on_scene_share=_number(u, "police_on_scene_share", path, low=0, high=1, default=0.0),
                distribution=distribution,
                escort_share=_number(u, "escort_share", path, low=0, high=1, default=0.0),
                long_share=_number(u, "long_share", path, low=0, high=1, default=0.0),
                long_mean_minutes=_number(
                    u, "long_mean_minutes", path, low=0, high=7 * 24 * 60, low_inclusive=False, default=240.0
                ),
                long_sd_minutes=_number(u, "long_sd_minutes", path, low=0, high=7 * 24 * 60, default=120.0),
                planned_next_day=bool(u.get("planned_next_day", False)),
            )
        )
    if len({u.code for u in urgencies}) != len(urgencies):
        raise ScenarioError("urgencies", "an urgency code appears twice")
    if abs(sum(u.share for u in urgencies) - 1) > 0.005:
        raise ScenarioError("urgencies", f"the shares must add up to 1 (now {sum(u.share for u in urgencies):.3f})")

    bases = []
    for i, b in enumerate(_list(data, "bases")):
        path = f"bases[{i}]."
        travel = b.get("travel_minutes") or {}
        if not isinstance(travel, Mapping):
            raise ScenarioError(f"{path}travel_minutes", "must map municipality codes to minutes")
        bases.append(
            Base(
                name=_text(b, "name", path),
                default_travel_minutes=_number(b, "default_travel_minutes", path, low=0, high=24 * 60),
                travel_minutes={
                    str(code): _number(travel, code, f"{path}travel_minutes.", low=0, high=24 * 60) for code in travel
                },
            )
        )
    base_names = {b.name for b in bases}
    if len(base_names) != len(bases):
        raise ScenarioError("bases", "a base name appears twice")

    shifts = []
    for i, s in enumerate(_list(data, "shifts")):
        path = f"shifts[{i}]."
        teams = s.get("teams")
        if not isinstance(teams, Mapping):
            raise ScenarioError(f"{path}teams", "must map base names to a number of teams")
        for name in teams:
            if name not in base_names:
                raise ScenarioError(f"{path}teams", f"unknown base {name!r}")
        shifts.append(
            Shift(
                name=_text(s, "name", path),
                start_hour=_number(s, "start_hour", path, low=0, high=23, integer=True),
                hours=_number(s, "hours", path, low=1, high=24, integer=True),
                teams={name: _number(teams, name, f"{path}teams.", low=0, high=500, integer=True) for name in teams},
                turnout_minutes=_number(s, "turnout_minutes", path, low=0, high=24 * 60, default=0.0),
            )
        )
    if len({s.name for s in shifts}) != len(shifts):
        raise ScenarioError("shifts", "a shift name appears twice")

    urgency_codes = {u.code for u in urgencies}
    targets = []
    for i, t in enumerate(_list(data, "targets", required=False)):
        path = f"targets[{i}]."
        code = _text(t, "urgency", path)
        if code not in urgency_codes:
            raise ScenarioError(f"{path}urgency", f"unknown urgency {code!r}")
        targets.append(
            Target(
                urgency=code,
                within_minutes=_number(t, "within_minutes", path, low=0, low_inclusive=False),
                min_share=_number(t, "min_share", path, low=0, high=1),
            )
        )

    days = _number(data, "days", "", low=1, high=3660, default=365, integer=True)
    warm_up = _number(data, "warm_up_days", "", low=0, high=365, default=2, integer=True)
    if warm_up >= days:
        raise ScenarioError("warm_up_days", "must be shorter than the simulated days")
    # A canonical order (municipalities by code, bases by name), so that the same region written in another order
    # draws the same calls and breaks the same ties: results never depend on how the input was listed.
    return Scenario(
        name=_text(data, "name", "", default="scenario"),
        municipalities=tuple(sorted(municipalities, key=lambda m: m.code)),
        hour_of_week=weights,
        urgencies=tuple(urgencies),
        bases=tuple(sorted(bases, key=lambda b: b.name)),
        shifts=tuple(shifts),
        targets=tuple(targets),
        days=days,
        warm_up_days=warm_up,
        seed=_number(data, "seed", "", low=0, high=2**63, default=1, integer=True),
        handover_minutes=_number(data, "handover_minutes", "", low=0, high=24 * 60, default=15.0),
        police_officers_per_call=_number(data, "police_officers_per_call", "", low=0, high=20, default=2, integer=True),
        return_to_base=bool(data.get("return_to_base", True)),
        team_size=_number(data, "team_size", "", low=1, high=20, default=2, integer=True),
        fte_hours_per_week=_number(data, "fte_hours_per_week", "", low=1, high=60, default=36.0),
        productive_share=_number(data, "productive_share", "", low=0.1, high=1, default=0.8),
        demand=_funnel(data),
        triage_minutes=_number(data, "triage_minutes", "", low=0, high=24 * 60, default=0.0),
        escort_wait_minutes=_number(data, "escort_wait_minutes", "", low=0, high=24 * 60, default=0.0),
        no_contact_share=_number(data, "no_contact_share", "", low=0, high=1, default=0.0),
        no_contact_minutes=_number(data, "no_contact_minutes", "", low=0, high=24 * 60, default=20.0),
        planned_hour=_number(data, "planned_hour", "", low=0, high=23, default=9, integer=True),
        min_teams_per_base=_number(data, "min_teams_per_base", "", low=0, high=50, default=0, integer=True),
        shift_handover_minutes=_number(data, "shift_handover_minutes", "", low=0, high=240, default=0.0),
        police_alone_minutes=_number(data, "police_alone_minutes", "", low=0, high=24 * 60, default=0.0),
    )


def _funnel(data: Mapping[str, Any]) -> tuple[FunnelStep, ...]:
    steps = []
    for i, step in enumerate(_list(data, "demand", required=False)):
        path = f"demand[{i}]."
        low = _number(step, "low", path, low=0, high=1)
        high = _number(step, "high", path, low=0, high=1)
        share = _number(step, "share", path, low=0, high=1)
        if not low <= share <= high:
            raise ScenarioError(f"{path}share", f"must lie within its range {low:g}–{high:g} (got {share:g})")
        steps.append(FunnelStep(_text(step, "code", path), share, low, high, _text(step, "source", path)))
    if len({s.code for s in steps}) != len(steps):
        raise ScenarioError("demand", "a funnel step appears twice")
    if steps and math.prod(s.share for s in steps) <= 0:
        raise ScenarioError("demand", "the funnel lets no call through (a share is 0)")
    return tuple(steps)
