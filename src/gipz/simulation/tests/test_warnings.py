"""A simulated year that says little says so: no team on duty, calls never reached, a roster that cannot keep up —
in the pure core, the CLI and on the page."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.urls import reverse

from conftest import World, logged_in, page_text
from gipz.core.jobs import run_due_jobs
from gipz.simulation import services
from gipz.simulation.core.warnings import RosterWarning, roster_warnings
from gipz.simulation.forms import default_settings
from gipz.simulation.models import SimulationRun


def _result(**changes: Any) -> dict[str, Any]:
    return {"unserved": 0, "utilisation": 0.5, "urgencies": [{"code": "U2", "response_mean": 40.0}], **changes}


def test_a_sound_roster_has_no_warning() -> None:
    assert roster_warnings(_result(), team_hours_per_week=336) == []


def test_each_weakness_is_named() -> None:
    assert roster_warnings(_result(unserved=12), team_hours_per_week=0) == [RosterWarning("no_team", calls=12)]
    assert roster_warnings(_result(unserved=3), team_hours_per_week=100) == [RosterWarning("unserved", calls=3)]
    assert [w.code for w in roster_warnings(_result(utilisation=0.97), team_hours_per_week=100)] == ["overloaded"]
    slow = _result(urgencies=[{"code": "U3", "response_mean": 3000.0}])  # a queue that only grows
    assert [w.code for w in roster_warnings(slow, team_hours_per_week=100)] == ["overloaded"]
    both = roster_warnings(_result(unserved=3, utilisation=0.99), team_hours_per_week=100)
    assert [w.code for w in both] == ["unserved", "overloaded"]


def _simulate(*args: str) -> str:
    out = StringIO()
    call_command("simulate", "region", "--days", "20", "--no-progress", *args, stdout=out)
    return out.getvalue()


def test_the_cli_counts_the_calls_no_team_reached_and_warns(db: None) -> None:
    text = _simulate("--teams", "0")
    assert "0 calls per year reached by a team, and" in text and "a year no team ever reached" in text
    assert "WARNING: no team is on duty at any time" in text


def test_the_cli_warns_that_an_overloaded_roster_measures_the_run(db: None) -> None:
    text = _simulate("--teams", "1", "--year", "2024", "--growth", "100")  # eight times the demand of 2021
    assert "WARNING: the roster cannot keep up" in text
    assert "WARNING" not in _simulate("--teams", "4")


def test_the_page_shows_the_warning(world: World) -> None:
    settings = {**default_settings(name="Leeg"), "days": 20}
    settings.update({key: 0 for key in settings if key.startswith("teams_")})
    scenario = services.scenario_create(actor=world.coordinator_actor, settings=settings)
    services.run_request(actor=world.coordinator_actor, scenario_id=scenario.pk, kind="simulate")
    assert run_due_jobs(worker="test") == 1
    run = SimulationRun.objects.get()
    text = page_text(logged_in(world.coordinator).get(reverse("simulation-run", args=[run.pk])))
    assert "Er is nooit een team in dienst" in text


def test_a_roster_found_states_its_confidence_over_other_years(db: None, tmp_path: Any) -> None:
    import json

    from gipz.simulation.core.scenario import Scenario
    from gipz.simulation.core.staffing import CONFIDENCE_LEVEL, roster_confidence

    text = _simulate("--search")
    assert "confidence: all targets met in" in text and "of 20 simulated years" in text
    _simulate("--teams", "0", "--write-scenario", str(tmp_path / "empty.json"))
    empty = Scenario.from_dict(json.loads((tmp_path / "empty.json").read_text()))
    none = roster_confidence(empty, years=3)
    assert (none.met, none.years) == (0, 3) and none.share_met < CONFIDENCE_LEVEL
    _simulate("--teams", "4", "--write-scenario", str(tmp_path / "ample.json"))
    data = json.loads((tmp_path / "ample.json").read_text())
    data["targets"][0]["min_share"] = 0.8  # 90 % in an hour is near what triage, turnout and escorts allow at all
    ample = roster_confidence(Scenario.from_dict(data), years=3)
    assert ample.met == 3 and ample.share_min is not None and ample.share_min <= ample.share_max  # type: ignore[operator]
