"""`gipz simulate calibrate` against the published figures, and the funnel filled from the platform's history."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gipz.simulation import selectors
from gipz.simulation.core import presets
from gipz.simulation.forms import default_settings


def calibrate(*args: str) -> str:
    out = StringIO()
    call_command("simulate", "calibrate", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_todays_staffing_comes_close_to_the_published_figures() -> None:
    rows = {row["code"]: row for row in json.loads(calibrate("--seeds", "3", "--days", "180", "--json"))}
    assert set(rows) == {"U2_within_60", "U3_within_240", "visits_per_100k", "police_present"}
    # Trimbos 2017: ~60 % within one hour and 92 % within four hours; the model within a few points of each.
    assert rows["U2_within_60"]["published_low"] == 0.60
    assert rows["U2_within_60"]["model_median"] == pytest.approx(0.60, abs=0.05)
    assert rows["U3_within_240"]["model_median"] == pytest.approx(0.92, abs=0.06)
    assert rows["visits_per_100k"]["model_median"] == pytest.approx(272, rel=0.10)
    assert rows["police_present"]["gap"] == 0  # inside Amsterdam's 10–20 %
    for row in rows.values():
        assert row["model_low"] <= row["model_median"] <= row["model_high"] and row["source"]


@pytest.mark.django_db
def test_the_calibration_table_names_its_sources() -> None:
    text = calibrate("--seeds", "1", "--days", "60")
    assert "U2 on site within 60 min" in text and "60.0%" in text and "Trimbos-instituut 2017" in text
    assert "VZinfo/RIVM: 47,492" in text and "psycholance" in text


@pytest.mark.parametrize(("args", "message"), [(("--seeds", "0"), "--seeds"), (("--days", "5"), "--days")])
def test_the_calibration_refuses_bad_bounds(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        calibrate(*args)


def test_the_funnel_takes_its_shares_from_history_when_there_is_enough() -> None:
    settings = default_settings()
    defaults = selectors.funnel_steps(settings)
    assert [s["share"] for s in defaults] == [s["share"] for s in presets.DEFAULT_FUNNEL]
    history = {"funnel": {"situations": 400, "accepted": 200, "en_route": 150, "on_site": 30}}
    measured = selectors.funnel_steps(settings, history)
    assert [s["share"] for s in measured] == [0.5, 0.75, 0.2]
    assert measured[0]["low"] < 0.5 < measured[0]["high"] and "200" in measured[0]["source"]
    few = {"funnel": {"situations": 400, "accepted": 40, "en_route": 30, "on_site": 20}}
    mixed = selectors.funnel_steps(settings, few)  # 40 accepted is too few to measure the later steps
    assert mixed[0]["share"] == 0.1 and mixed[1]["share"] == presets.DEFAULT_FUNNEL[1]["share"]


def test_a_planner_s_own_share_is_labelled_as_such() -> None:
    steps = selectors.funnel_steps({**default_settings(), "funnel_seen_in_person": 90.0})
    assert steps[2]["share"] == 0.9 and "Eigen aanname" in steps[2]["source"]
