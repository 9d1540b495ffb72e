"""The risk weighing by hand: points, the weapon rule and what care's own measures take off."""

from __future__ import annotations

import pytest

from gipz.prevention.risk import Level, RiskInput, assess


def _risk(**changes: object) -> RiskInput:
    base: dict[str, object] = {
        "violence_history": "no",
        "weapons": "no",
        "known_to_police": "no",
        "event_kind": "other",
        "own_security": False,
        "extra_staff": False,
    }
    return RiskInput(**{**base, **changes})  # type: ignore[arg-type]


def test_nothing_known_is_low() -> None:
    result = assess(_risk())
    assert result == assess(_risk()) and result.level == Level.LOW and result.points == 0 and result.reasons == ()


def test_violence_and_an_eviction_add_up_to_medium() -> None:
    # 3 (violence) + 1 (eviction) = 4: medium (high starts at 5).
    result = assess(_risk(violence_history="yes", event_kind="eviction"))
    assert (result.level, result.points) == (Level.MEDIUM, 4)
    assert result.reasons == ("violence_history_yes", "event_eviction")


def test_violence_known_to_police_and_an_eviction_is_high() -> None:
    assert assess(_risk(violence_history="yes", known_to_police="yes", event_kind="eviction")).points == 5
    assert assess(_risk(violence_history="yes", known_to_police="yes", event_kind="eviction")).level == Level.HIGH


def test_own_measures_lower_the_weighing() -> None:
    result = assess(
        _risk(violence_history="yes", known_to_police="yes", event_kind="eviction", own_security=True, extra_staff=True)
    )
    assert (result.level, result.points) == (Level.MEDIUM, 3)
    assert result.reasons[-2:] == ("own_security", "extra_staff")


@pytest.mark.parametrize("measures", [{}, {"own_security": True, "extra_staff": True}])
def test_a_known_weapon_is_always_high(measures: dict[str, bool]) -> None:
    assert assess(_risk(weapons="yes", **measures)).level == Level.HIGH


def test_unknowns_count_a_little_and_points_never_go_negative() -> None:
    assert assess(_risk(violence_history="unknown", weapons="unknown")).points == 2
    assert assess(_risk(own_security=True, extra_staff=True)).points == 0
