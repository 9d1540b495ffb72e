from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from conftest import World, intake
from gipz.situations import selectors, services
from gipz.situations.models import FollowUp


def test_visibility_follows_participation(world: World) -> None:
    situation = intake(world)
    for actor in (world.police_actor, world.police_colleague_actor, world.crisis_actor, world.coordinator_actor):
        assert selectors.situation_get(actor=actor, situation_id=situation.pk) == situation
    for actor in (world.outsider_police_actor, world.outsider_crisis_actor, world.care_actor):
        with pytest.raises(Http404):
            selectors.situation_get(actor=actor, situation_id=situation.pk)
    with pytest.raises(Http404):
        selectors.situation_get(actor=world.police_actor, situation_id="not-a-number")


def test_follow_up_owner_gains_sight(world: World) -> None:
    situation = intake(world)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    services.situation_on_site(actor=world.crisis_actor, situation_id=situation.pk)
    services.follow_up_add(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        kind=FollowUp.Kind.REFERRAL,
        responsible_organisation=world.care,
    )
    assert selectors.situation_get(actor=world.care_actor, situation_id=situation.pk) == situation


def test_board_orders_by_urgency_then_age_and_lists_only_open(world: World) -> None:
    first = intake(world)  # U3
    urgent = intake(world, danger_to_self=True, now=first.created_at + timedelta(minutes=5))  # U2, later
    second = intake(world, now=first.created_at + timedelta(minutes=1))  # U3, later than first
    intake(world, care_indicators=frozenset())  # referred: not on the board
    cancelled = intake(world)
    services.situation_cancel(actor=world.police_actor, situation_id=cancelled.pk, reason="weg")
    assert list(selectors.board_for(world.crisis_actor)) == [urgent, first, second]
    assert list(selectors.board_for(world.outsider_crisis_actor)) == []


def test_board_query_count_does_not_grow_with_the_number_of_situations(world: World) -> None:
    def render_count() -> int:
        with CaptureQueriesContext(connection) as queries:
            for situation in selectors.board_for(world.crisis_actor):
                _ = (
                    situation.municipality.name,
                    situation.care_request.team,
                    situation.care_request.backup_team,
                    situation.care_request.accepted_by,
                )
        return len(queries)

    intake(world)
    few = render_count()
    for _ in range(6):
        intake(world)
    assert render_count() == few == 1
