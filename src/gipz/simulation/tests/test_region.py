"""The regional model, pure Python (no database): validation, determinism, queueing theory, police waiting, shifts."""

from __future__ import annotations

from typing import Any

import pytest

from gipz.simulation.core.erlang import ErlangC
from gipz.simulation.core.region import simulate_region
from gipz.simulation.core.scenario import Scenario, ScenarioError
from gipz.simulation.core.staffing import search_staffing


def pool(
    *,
    per_hour: float,
    mean_minutes: float,
    teams: int,
    days: int = 365,
    travel: float = 0,
    target: float = 30,
    min_share: float = 0.9,
    distribution: str = "exponential",
    sd: float = 0,
    police: float = 1.0,
    shifts: list[dict[str, Any]] | None = None,
    seed: int = 1,
) -> dict[str, Any]:
    """One municipality, one base, a flat profile and one urgency: an M/M/c queue when travel is 0."""
    return {
        "name": "pool",
        "municipalities": [{"code": "GM0001", "name": "Ergens", "arrivals_per_year": per_hour * 24 * 365}],
        "hour_of_week": [1] * 168,
        "urgencies": [
            {
                "code": "U2",
                "share": 1,
                "target_minutes": target,
                "on_scene_mean_minutes": mean_minutes,
                "on_scene_sd_minutes": sd,
                "police_on_scene_share": police,
                "distribution": distribution,
            }
        ],
        "targets": [{"urgency": "U2", "within_minutes": target, "min_share": min_share}],
        "bases": [{"name": "Basis", "default_travel_minutes": travel}],
        "shifts": shifts or [{"name": "etmaal", "start_hour": 0, "hours": 24, "teams": {"Basis": teams}}],
        "days": days,
        "warm_up_days": 10 if days > 20 else 0,
        "seed": seed,
        "return_to_base": False,
    }


# --- validation --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["urgencies"][0].update(share=0.5), "urgencies"),
        (lambda d: d["urgencies"][0].update(target_minutes=0), "urgencies[0].target_minutes"),
        (lambda d: d["urgencies"][0].update(on_scene_mean_minutes="lang"), "urgencies[0].on_scene_mean_minutes"),
        (lambda d: d["urgencies"][0].update(distribution="gamma"), "urgencies[0].distribution"),
        (lambda d: d["municipalities"][0].update(arrivals_per_year=-1), "municipalities[0].arrivals_per_year"),
        (lambda d: d["municipalities"].append(dict(d["municipalities"][0])), "municipalities"),
        (lambda d: d.update(hour_of_week=[1] * 24), "hour_of_week"),
        (lambda d: d["shifts"][0].update(start_hour=24), "shifts[0].start_hour"),
        (lambda d: d["shifts"][0].update(hours=2.5), "shifts[0].hours"),
        (lambda d: d["shifts"][0].update(teams={"Elders": 1}), "shifts[0].teams"),
        (lambda d: d["bases"][0].update(default_travel_minutes=None), "bases[0].default_travel_minutes"),
        (lambda d: d["targets"][0].update(urgency="U9"), "targets[0].urgency"),
        (lambda d: d["targets"][0].update(min_share=1.5), "targets[0].min_share"),
        (lambda d: d.update(days=0), "days"),
        (lambda d: d.update(warm_up_days=400, days=365), "warm_up_days"),
        (lambda d: d.update(team_size=True), "team_size"),
        (lambda d: d.pop("bases"), "bases"),
    ],
)
def test_bad_scenarios_are_rejected_naming_the_field(change: Any, field: str) -> None:
    data = pool(per_hour=1, mean_minutes=30, teams=1)
    change(data)
    with pytest.raises(ScenarioError) as raised:
        Scenario.from_dict(data)
    assert raised.value.field == field
    assert str(raised.value).startswith(field)


def test_a_valid_scenario_round_trips_through_a_dict() -> None:
    scenario = Scenario.from_dict(pool(per_hour=1, mean_minutes=30, teams=2))
    assert Scenario.from_dict(scenario.to_dict()) == scenario


def test_fte_is_person_hours_over_productive_hours() -> None:
    # 24 h × 2 teams × 7 days = 336 team-hours; × 2 people = 672 person-hours; / (36 h × 0.8) = 23.33 FTE.
    scenario = Scenario.from_dict(pool(per_hour=1, mean_minutes=30, teams=2))
    assert scenario.team_hours_per_week() == 336
    assert scenario.fte() == pytest.approx(672 / 28.8)


# --- behaviour ---------------------------------------------------------------------------------------------------


def test_same_seed_same_result_other_seed_other_result() -> None:
    data = pool(per_hour=2, mean_minutes=60, teams=3, days=60, travel=10, distribution="lognormal", sd=30)
    first = simulate_region(Scenario.from_dict(data)).to_dict()
    again = simulate_region(Scenario.from_dict(data)).to_dict()
    other = simulate_region(Scenario.from_dict({**data, "seed": 2})).to_dict()
    assert first == again
    assert first != other


@pytest.mark.parametrize(("per_hour", "mean", "teams"), [(2.0, 60.0, 4), (3.0, 60.0, 4), (6.0, 30.0, 4)])
def test_without_travel_the_region_is_an_mmc_queue(per_hour: float, mean: float, teams: int) -> None:
    """Poisson arrivals, exponential time on scene, one pool, no travel: Erlang C applies."""
    result = simulate_region(Scenario.from_dict(pool(per_hour=per_hour, mean_minutes=mean, teams=teams, days=3650)))
    theory = ErlangC(arrival_rate=per_hour, service_mean=mean / 60, servers=teams)
    outcome = result.outcome("U2")
    assert outcome.within_target == pytest.approx(theory.service_level(0.5), abs=0.02)
    assert outcome.response_mean == pytest.approx(theory.mean_wait * 60, rel=0.06)
    assert result.utilisation == pytest.approx(theory.utilisation, rel=0.02)


def test_police_wait_is_travel_plus_handover_when_teams_are_free() -> None:
    # Rare calls, plenty of teams, fixed travel and fixed on-scene time: nobody queues.
    data = pool(per_hour=0.05, mean_minutes=30, teams=5, days=200, travel=12, distribution="lognormal", sd=0)
    data["handover_minutes"] = 15
    result = simulate_region(Scenario.from_dict(data))
    assert result.police_calls == result.calls > 0
    assert result.police_wait_mean == pytest.approx(27)
    assert result.police_wait_p90 == pytest.approx(27)
    per_year = 365 / result.days_counted
    assert result.police_hours_per_year == pytest.approx(result.calls * 27 / 60 * 2 * per_year)
    assert result.outcome("U2").response_median == pytest.approx(12)
    assert result.queue_max == 0


def test_no_police_waiting_counted_where_police_are_not_on_scene() -> None:
    result = simulate_region(Scenario.from_dict(pool(per_hour=1, mean_minutes=30, teams=2, days=30, police=0)))
    assert result.police_calls == 0
    assert result.police_hours_per_year == 0


def test_calls_at_night_wait_for_the_morning_shift_when_nobody_works_nights() -> None:
    day_only = [{"name": "dag", "start_hour": 8, "hours": 12, "teams": {"Basis": 3}}]
    data = pool(per_hour=1, mean_minutes=30, teams=3, days=60, shifts=day_only, target=60)
    result = simulate_region(Scenario.from_dict(data))
    assert result.unserved == 0
    night = result.within_target_by_hour[2]
    assert night == 0  # a 02:00 call is reached at 08:00 at the earliest
    assert result.within_target_by_hour[12] is not None and result.within_target_by_hour[12] > 0.9
    assert result.queue_by_hour[5] > result.queue_by_hour[14]
    assert not result.meets_targets


def test_without_any_team_every_call_is_unserved_and_targets_fail() -> None:
    result = simulate_region(Scenario.from_dict(pool(per_hour=1, mean_minutes=30, teams=0, days=10)))
    assert result.calls == 0
    assert result.unserved > 0
    assert result.targets[0]["met"] is False


def test_the_nearest_free_team_goes() -> None:
    data = pool(per_hour=0.02, mean_minutes=30, teams=1, days=200)
    data["bases"] = [
        {"name": "Ver", "default_travel_minutes": 40},
        {"name": "Dichtbij", "default_travel_minutes": 5},
    ]
    data["shifts"] = [{"name": "etmaal", "start_hour": 0, "hours": 24, "teams": {"Ver": 1, "Dichtbij": 1}}]
    result = simulate_region(Scenario.from_dict(data))
    assert result.outcome("U2").response_median == pytest.approx(5)


# --- staffing search ---------------------------------------------------------------------------------------------


def test_staffing_search_finds_the_erlang_c_answer() -> None:
    """λ = 2/h, 1 h on scene, 90 % within 30 min: Erlang C gives 73.0 % with 3 teams and 93.6 % with 4, so 4."""
    assert ErlangC(arrival_rate=2, service_mean=1, servers=3).service_level(0.5) < 0.9
    assert ErlangC(arrival_rate=2, service_mean=1, servers=4).service_level(0.5) > 0.9
    scenario = Scenario.from_dict(pool(per_hour=2, mean_minutes=60, teams=1, days=1000))
    found = search_staffing(scenario, years=3, confidence_years=2)  # long years: little luck to average out
    assert found.feasible
    assert found.staffing == {("etmaal", "Basis"): 4}
    assert found.result.meets_targets
    assert found.fte == pytest.approx(4 * 24 * 7 * 2 / 28.8)


def test_staffing_search_reports_a_target_travel_alone_makes_impossible() -> None:
    scenario = Scenario.from_dict(pool(per_hour=0.5, mean_minutes=30, teams=1, days=30, travel=45, target=30))
    found = search_staffing(scenario, max_teams=6)
    assert not found.feasible
    assert found.evaluations < 30  # it stops once more teams no longer help


def test_staffing_search_needs_a_target() -> None:
    data = pool(per_hour=1, mean_minutes=30, teams=1, days=30)
    data["targets"] = []
    with pytest.raises(ScenarioError):
        search_staffing(Scenario.from_dict(data))
