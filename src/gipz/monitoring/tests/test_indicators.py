"""Indicator maths with hand-computed cases, and small-number suppression (including a differencing attack)."""

from __future__ import annotations

import pytest

from gipz.monitoring.indicators import SituationRecord, compute, median, percentile, share, suppress, suppress_total


def test_nearest_rank_percentiles_by_hand() -> None:
    values = [15, 20, 35, 40, 50]
    # median: rank ceil(0.5*5)=3 → 35; p90: rank ceil(4.5)=5 → 50; p20: rank 1 → 15
    assert median(values) == 35 and percentile(values, 0.9) == 50 and percentile(values, 0.2) == 15
    assert median([3, 1, 2, 4]) == 2  # rank 2 of [1,2,3,4]
    assert percentile(list(range(1, 11)), 0.9) == 9  # rank 9 of 1..10
    assert median([]) is None
    with pytest.raises(ValueError):
        percentile(values, 0)
    assert share(9, 10) == 0.9 and share(1, 0) is None


def test_indicators_of_six_situations_by_hand() -> None:
    records = [
        SituationRecord("U2", "no", True, police_wait_minutes=45, on_site_minutes=30, person_pseudonym="a"),
        SituationRecord("U2", "no", True, police_wait_minutes=80, on_site_minutes=70, person_pseudonym="a"),
        SituationRecord("U2", "unclear", True, police_wait_minutes=60, on_site_minutes=55, follow_ups=("gp",)),
        SituationRecord("U3", "no", True, police_wait_minutes=200, on_site_minutes=180, improper_call=True),
        SituationRecord("U3", "yes", False, police_wait_minutes=None, on_site_minutes=None, improper_call=False),
        SituationRecord("U5", "no", False, police_wait_minutes=None, on_site_minutes=None, person_pseudonym="b"),
    ]
    result = compute(records)
    assert result.situations == 6
    assert result.by_urgency == {"U2": 3, "U3": 2, "U5": 1}
    assert result.without_offence == 4 and result.crisis_requested == 4
    # waits 45, 60, 80, 200 → median rank 2 = 60; p90 rank ceil(3.6)=4 → 200
    assert (result.police_wait_median, result.police_wait_p90) == (60, 200)
    # U2: 30 and 55 within 60, 70 not → 2/3; U3: 180 within 240 → 1/1
    assert result.on_target["U2"]["within"] == 2 and result.on_target["U2"]["share"] == pytest.approx(2 / 3)
    assert result.on_target["U3"]["share"] == 1.0 and result.on_target["U3"]["norm"] == 0.85
    assert result.follow_ups == {"gp": 1}
    assert (result.persons, result.repeat_persons) == (2, 1)
    assert (result.evaluated, result.improper_calls) == (2, 1)


def test_small_counts_are_hidden() -> None:
    assert suppress({"U2": 12, "U3": 3, "U4": 0}, total_published=False) == {"U2": 12, "U3": None, "U4": 0}
    assert suppress_total(4) is None and suppress_total(0) == 0 and suppress_total(5) == 5


def test_a_differencing_attack_on_the_total_is_blocked() -> None:
    cells = {"U2": 40, "U3": 3, "U4": 17, "U5": 0}
    shown = suppress(cells)
    total = sum(cells.values())
    # With only U3 hidden, total − U2 − U4 − U5 would give it away: the smallest other cell goes too.
    assert shown == {"U2": 40, "U3": None, "U4": None, "U5": 0}
    visible = sum(v for v in shown.values() if v is not None)
    hidden_sum = total - visible
    assert hidden_sum == 20  # an attacker learns only that U3 + U4 = 20, not U3
    # Two small cells hide each other already; nothing more needs to go.
    assert suppress({"a": 2, "b": 3, "c": 50}) == {"a": None, "b": None, "c": 50}
    # One small cell and only zeros beside it: the total would reveal it, so everything is hidden.
    assert suppress({"a": 3, "b": 0}) == {"a": None, "b": None}
