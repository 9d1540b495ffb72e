from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import World, intake
from gipz.agreements.models import DutyShift
from gipz.agreements.selectors import agreement_in_force, duty_for
from gipz.agreements.tests.helpers import approve
from gipz.core import memo as memo_module
from gipz.core.memo import memo, memo_clear


@pytest.fixture(autouse=True)
def fresh_memo() -> None:
    memo_clear()


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_memo_reuses_until_expiry(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(memo_module.time, "monotonic", lambda: clock[0])
    loads: list[int] = []
    assert memo("k", lambda: loads.append(1) or len(loads)) == 1
    assert memo("k", lambda: loads.append(1) or len(loads)) == 1
    clock[0] += 31
    assert memo("k", lambda: loads.append(1) or len(loads)) == 2


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=0)
def test_memo_off_always_loads() -> None:
    loads: list[int] = []
    memo("k", lambda: loads.append(1))
    memo("k", lambda: loads.append(1))
    assert len(loads) == 2


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_roster_is_read_once_and_a_roster_change_applies_at_once(world: World) -> None:
    now = timezone.now()
    assert duty_for(municipality=world.utrecht, at=now).primary == world.team_a
    with CaptureQueriesContext(connection) as queries:
        assert duty_for(municipality=world.utrecht, at=now).primary == world.team_a
        agreement_in_force(municipality=world.utrecht)
        agreement_in_force(municipality=world.utrecht)
    assert len(queries) == 1  # the roster came from the memo; the agreement was read once
    # A coordinator swaps the teams: the next intake in this process routes to the new team.
    DutyShift.objects.filter(team=world.team_a).delete()
    DutyShift.objects.create(
        team=world.team_b,
        area=world.area,
        role=DutyShift.Role.PRIMARY,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    assert intake(world).care_request.team == world.team_b
    approve(world.coordinator_actor, world.utrecht, targets={"u3_minutes": 100})
    assert intake(world).target_minutes == 100


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_moments_outside_the_window_are_read_directly(world: World) -> None:
    later = timezone.now() + timedelta(days=1, hours=12)  # the world's shifts end after 2 days
    assert duty_for(municipality=world.utrecht, at=later).primary == world.team_a
    assert duty_for(municipality=world.utrecht, at=timezone.now() + timedelta(days=3)).primary is None
