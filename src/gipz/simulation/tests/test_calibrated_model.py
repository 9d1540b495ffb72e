"""The calibrated model (issue #21), pure Python: the demand funnel, what delays a team, overtime and handovers in
FTE, driving times from municipality centres, the police picture, and the search over several years."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from gipz.simulation.core import presets
from gipz.simulation.core.baseline import read_national
from gipz.simulation.core.region import simulate_region
from gipz.simulation.core.scenario import Scenario, ScenarioError
from gipz.simulation.core.staffing import search_staffing, years_shortfall
from gipz.simulation.tests.test_region import pool

FUNNEL = [
    {"code": "needs_crisis_service", "share": 0.5, "low": 0.3, "high": 0.7, "source": "test"},
    {"code": "seen_in_person", "share": 0.8, "low": 0.7, "high": 0.9, "source": "test"},
]


def scenario(**changes: Any) -> Scenario:
    data = pool(per_hour=1, mean_minutes=60, teams=2, days=60)
    data.update(changes)
    return Scenario.from_dict(data)


# --- demand ------------------------------------------------------------------------------------------------------


def test_the_funnel_turns_registrations_into_visits() -> None:
    plain, funnelled = scenario(), scenario(demand=FUNNEL, days=365)
    assert funnelled.registrations_per_year == plain.arrivals_per_year == 24 * 365
    assert funnelled.arrivals_per_year == pytest.approx(24 * 365 * 0.4)
    calls = simulate_region(funnelled).calls_per_year
    assert calls == pytest.approx(24 * 365 * 0.4, rel=0.05)  # Poisson: one standard deviation is 1.7 %


@pytest.mark.parametrize(
    ("step", "field"),
    [
        ({"share": 0.9}, "demand[0].share"),  # outside its own range
        ({"source": ""}, "demand[0].source"),  # every step says where it comes from
        ({"low": 2}, "demand[0].low"),
        ({"share": 0, "low": 0}, "demand"),  # lets nothing through
    ],
)
def test_a_funnel_step_without_range_or_source_is_refused(step: dict[str, Any], field: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        scenario(demand=[{**FUNNEL[0], **step}])
    assert caught.value.field == field


def test_the_default_funnel_is_calibrated_on_the_published_contact_count() -> None:
    national_e33 = read_national()[presets.CALIBRATION_YEAR]
    assert national_e33 * presets.funnel_factor() == pytest.approx(presets.PUBLISHED_CONTACTS, rel=0.005)
    assert 271 < presets.PUBLISHED_CONTACTS_PER_100K < 273
    for step in presets.DEFAULT_FUNNEL:
        assert step["low"] <= step["share"] <= step["high"] and len(step["source"]) > 20


# --- what delays a team --------------------------------------------------------------------------------------------


def test_triage_turnout_and_escorts_add_to_the_time_to_site() -> None:
    ample = {"shifts": [{"name": "etmaal", "start_hour": 0, "hours": 24, "teams": {"Basis": 20},
                         "turnout_minutes": 12}], "triage_minutes": 8}  # fmt: skip
    result = simulate_region(scenario(**ample))
    assert result.outcome("U2").response_median == pytest.approx(20, abs=0.01)  # no queue: triage + turnout
    escorted = pool(per_hour=1, mean_minutes=60, teams=20, days=60)
    escorted["urgencies"][0]["escort_share"] = 1.0
    waited = simulate_region(Scenario.from_dict({**escorted, "escort_wait_minutes": 30}))
    assert waited.outcome("U2").response_mean == pytest.approx(30, rel=0.1)  # exponential wait, mean 30


def test_next_day_work_is_planned_not_sent_at_once() -> None:
    data = pool(per_hour=1, mean_minutes=60, teams=20, days=60, target=24 * 60)
    data["urgencies"][0]["planned_next_day"] = True
    result = simulate_region(Scenario.from_dict({**data, "planned_hour": 9}))
    u = result.outcome("U2")
    assert u.response_mean is not None and u.response_mean > 120  # at least two hours to plan, usually next day
    assert result.within_target_by_hour[3] is not None


def test_long_cases_and_no_contact_visits_change_the_time_on_scene() -> None:
    base = pool(per_hour=2, mean_minutes=60, teams=20, days=120, distribution="lognormal", sd=1)
    long_cases = {**base, "urgencies": [{**base["urgencies"][0], "long_share": 0.5, "long_mean_minutes": 300}]}
    busy = simulate_region(Scenario.from_dict(long_cases)).utilisation
    usual = simulate_region(Scenario.from_dict(base)).utilisation
    brief = simulate_region(Scenario.from_dict({**base, "no_contact_share": 0.5, "no_contact_minutes": 10})).utilisation
    assert busy and usual and brief
    assert busy / usual == pytest.approx((0.5 * 60 + 0.5 * 300) / 60, rel=0.1)
    assert brief / usual == pytest.approx((0.5 * 60 + 0.5 * 10) / 60, rel=0.1)


# --- overtime and handovers in FTE ---------------------------------------------------------------------------------


def test_overtime_and_shift_handovers_are_paid() -> None:
    shifts = [
        {"name": n, "start_hour": h, "hours": 8, "teams": {"Basis": 1}} for n, h in (("d", 7), ("a", 15), ("n", 23))
    ]
    three = scenario(shifts=shifts, shift_handover_minutes=15)
    result = simulate_region(three)
    assert result.overtime_hours_per_year > 0  # calls running past 07:00, 15:00 and 23:00
    rostered = 3 * 8 * 7 * 2 / 28.8
    handovers = 3 * 7 * 0.25 * 2 / 28.8
    assert result.fte == pytest.approx(rostered + handovers + result.overtime_hours_per_year / 52 * 2 / 28.8)
    continuous = simulate_region(scenario())  # one 24-hour shift: continuous staffing, nobody hands over
    assert continuous.overtime_hours_per_year == 0


# --- driving times from the municipalities' centres ----------------------------------------------------------------


def test_driving_times_come_from_the_centres_shipped_with_their_source() -> None:
    centres = presets.municipality_centres()
    assert len(centres) == 38  # today's municipalities of Midden-Nederland
    km = presets.kilometres(centres["GM0344"], centres["GM0307"])  # Utrecht – Amersfoort
    assert 18 < km < 23
    rule = presets.RoadRule()
    assert rule.minutes(0) == 8.0 and rule.minutes(km) == pytest.approx(8 + km * 1.3 / 70 * 60, abs=0.1)
    places = [presets.Place(c, c, "VR09") for c in ("GM0344", "GM0307")]
    built = presets.build(name="t", places=places, arrivals={"GM0344": 10, "GM0307": 10},
                          bases=[("Utrecht", "GM0344")], centres=centres)  # fmt: skip
    assert built["bases"][0]["travel_minutes"] == {"GM0344": 8.0, "GM0307": rule.minutes(km)}


# --- the police picture --------------------------------------------------------------------------------------------


def test_the_police_picture_sets_freed_officer_hours_beside_the_crisis_fte() -> None:
    result = simulate_region(scenario(demand=FUNNEL, police_alone_minutes=120))
    police = result.police
    assert police["registrations"] == pytest.approx(24 * 365)
    assert police["police_only"] == pytest.approx(24 * 365 * 0.6)
    assert police["police_with_team"] + police["team_only"] == pytest.approx(result.calls_per_year)
    assert police["officer_hours_without_team"] == pytest.approx(result.calls_per_year * 2 * 2)
    assert police["officer_hours_freed"] == pytest.approx(
        police["officer_hours_without_team"] - result.police_hours_per_year
    )
    assert police["officer_fte_freed"] == pytest.approx(police["officer_hours_freed"] / (36 * 52 * 0.8))
    assert simulate_region(scenario()).police["officer_hours_freed"] is None  # no police time given: no claim


# --- the search ----------------------------------------------------------------------------------------------------


def test_years_shortfall_allows_one_year_in_five_to_miss() -> None:
    class Year:
        def __init__(self, share: float) -> None:
            self.targets = [{"share": share, "min_share": 0.9, "met": share >= 0.9}]

    years = [Year(s) for s in (0.95, 0.95, 0.95, 0.95, 0.85)]
    assert years_shortfall(years, 0.8) == 0  # type: ignore[arg-type]
    assert years_shortfall([*years[:3], Year(0.85), Year(0.8)], 0.8) == pytest.approx(0.05)  # type: ignore[arg-type]


def two_bases(order: list[str], **changes: Any) -> Scenario:
    data = pool(per_hour=1.5, mean_minutes=60, teams=1, days=40, target=30, min_share=0.8)
    data["municipalities"] = [
        {"code": "GM0001", "name": "Oost", "arrivals_per_year": 5000},
        {"code": "GM0002", "name": "West", "arrivals_per_year": 5000},
    ]
    bases = {"Oost": {"GM0001": 5, "GM0002": 25}, "West": {"GM0001": 25, "GM0002": 5}}
    data["bases"] = [{"name": n, "default_travel_minutes": 25, "travel_minutes": bases[n]} for n in order]
    data["shifts"] = [{"name": "dag", "start_hour": 7, "hours": 12, "teams": dict.fromkeys(order, 1)},
                      {"name": "nacht", "start_hour": 19, "hours": 12, "teams": dict.fromkeys(order, 1)}]  # fmt: skip
    data.update(changes)
    return Scenario.from_dict(data)


def test_the_search_is_deterministic_whatever_the_order_of_the_input() -> None:
    first = search_staffing(two_bases(["Oost", "West"]), years=4, confidence_years=0)
    second = search_staffing(two_bases(["West", "Oost"]), years=4, confidence_years=0)
    assert first.feasible and first.staffing == second.staffing
    assert first.search_years == 4


def test_the_coverage_rule_keeps_a_team_at_every_base() -> None:
    quiet = {"municipalities": [{"code": "GM0001", "name": "Oost", "arrivals_per_year": 200},
                                {"code": "GM0002", "name": "West", "arrivals_per_year": 200}]}  # fmt: skip
    without = search_staffing(two_bases(["Oost", "West"], **quiet), years=3, confidence_years=0)
    assert min(without.staffing.values()) == 0  # at low demand one base covers both
    covered = search_staffing(two_bases(["Oost", "West"], min_teams_per_base=1, **quiet), years=3, confidence_years=0)
    assert min(covered.staffing.values()) == 1 and covered.coverage == 1


def test_the_search_aims_at_most_years_not_one() -> None:
    found = search_staffing(two_bases(["Oost", "West"]), years=10, confidence_years=10)
    assert found.feasible and found.confidence is not None
    staffed = two_bases(["Oost", "West"]).with_staffing(found.staffing)
    met = sum(simulate_region(replace(staffed, seed=s)).meets_targets for s in range(1, 11))
    assert met >= 8  # at least 80 % of the years it searched with
    assert math.isclose(found.level, 0.8)
