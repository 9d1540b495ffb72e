from __future__ import annotations

from datetime import timedelta
from typing import Any

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
from gipz.core.memo import memo, memo_forget


@pytest.fixture(autouse=True)
def fresh_memo() -> None:
    memo_forget()


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
def test_roster_is_read_once_and_a_roster_change_applies_at_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    assert duty_for(municipality=world.utrecht, at=now).primary == world.team_a
    with CaptureQueriesContext(connection) as queries:
        assert duty_for(municipality=world.utrecht, at=now).primary == world.team_a
        agreement_in_force(municipality=world.utrecht)
        agreement_in_force(municipality=world.utrecht)
    assert len(queries) == 1  # the roster came from the memo; the agreement was read once
    # A coordinator swaps the teams: once that commits, the next intake in this process routes to the new team.
    with django_capture_on_commit_callbacks(execute=True):
        DutyShift.objects.filter(team=world.team_a).delete()
        DutyShift.objects.create(
            team=world.team_b,
            area=world.area,
            role=DutyShift.Role.PRIMARY,
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=1),
        )
    assert intake(world).care_request.team == world.team_b
    with django_capture_on_commit_callbacks(execute=True):
        approve(world.coordinator_actor, world.utrecht, targets={"u3_minutes": 100})
    assert intake(world).target_minutes == 100


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_the_memo_is_cleared_when_the_change_commits_not_before(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    duty_for(municipality=world.utrecht, at=now)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        DutyShift.objects.filter(team=world.team_a).update(ends_at=now + timedelta(hours=3))
        DutyShift.objects.get(team=world.team_a).save()
    assert memo_module._entries, "cleared before the commit: another request could cache the old roster again"
    assert pending, "the clear must wait for the commit"
    for callback in pending:
        callback()
    assert not memo_module._entries


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_moments_outside_the_window_are_read_directly(world: World) -> None:
    later = timezone.now() + timedelta(days=1, hours=12)  # the world's shifts end after 2 days
    assert duty_for(municipality=world.utrecht, at=later).primary == world.team_a
    assert duty_for(municipality=world.utrecht, at=timezone.now() + timedelta(days=3)).primary is None
