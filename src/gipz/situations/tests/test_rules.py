"""One source of 'what may this actor do now': the page offers exactly what the services accept, and the follow-up
and care-request tables refuse their forbidden moves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from conftest import World, logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.core.errors import ServiceError, TransitionError
from gipz.situations import services
from gipz.situations.models import CareRequest, FollowUp, Situation, Status
from gipz.situations.rules import CARE_REQUEST, FOLLOW_UP, follow_up_choices, situation_actions
from gipz.situations.tests.test_services_transitions import PATH, follow_up, situation_in

ACTORS = (
    "police_actor",
    "police_colleague_actor",
    "outsider_police_actor",
    "crisis_actor",
    "backup_actor",
    "coordinator_actor",
    "care_actor",
    "outsider_crisis_actor",
)

# Actions whose service needs nothing but the actor and the situation (and harmless valid input).
CALLS: dict[str, Callable[[Any, int], Any]] = {
    "accept": lambda actor, pk: services.care_request_accept(actor=actor, situation_id=pk),
    "en_route": lambda actor, pk: services.situation_en_route(actor=actor, situation_id=pk, eta_minutes=10),
    "on_site": lambda actor, pk: services.situation_on_site(actor=actor, situation_id=pk),
    "cancel": lambda actor, pk: services.situation_cancel(actor=actor, situation_id=pk, reason="dubbele melding"),
    "retriage": lambda actor, pk: services.situation_retriage(actor=actor, situation_id=pk, urgency="U3", reason=""),
    "follow_up": lambda actor, pk: services.follow_up_add(
        actor=actor, situation_id=pk, kind=FollowUp.Kind.GP, responsible_organisation=None
    ),
    "evaluate": lambda actor, pk: services.evaluation_submit(
        actor=actor, situation_id=pk, rating=4, improper_call=False, improper_call_reason="", tensions=[]
    ),
}


def set_status(world: World, item: FollowUp, status: str) -> FollowUp:
    return services.follow_up_update(
        actor=world.crisis_actor, follow_up_id=item.pk, status=status, responsible_organisation=world.care
    )


class _Undo(Exception):
    pass


def accepted_by_service(call: Callable[[], Any]) -> bool:
    """Run a service and undo what it did; True when it accepted, False when it refused with a message."""
    try:
        with transaction.atomic():
            call()
            raise _Undo
    except _Undo:
        return True
    except ServiceError:
        return False


@pytest.mark.parametrize("status", list(PATH))
def test_the_page_offers_exactly_what_the_services_accept(world: World, status: str) -> None:
    situation = situation_in(world, status)
    for name in ACTORS:
        actor = getattr(world, name)
        offered = situation_actions(actor, Situation.objects.get(pk=situation.pk))
        for action, call in CALLS.items():
            accepted = accepted_by_service(lambda call=call, actor=actor: call(actor, situation.pk))
            assert (action in offered) == accepted, f"{name} in {status}: {action} offered={action in offered}"


def test_who_may_cancel_is_the_reporter_or_a_coordinator_of_the_crisis_service(world: World) -> None:
    world.outsider_coordinator_actor = world.actor(
        make_user("coordinator-elders", world.other_crisis, Role.COORDINATOR)
    )
    world.care_coordinator_actor = world.actor(make_user("zorg-coordinator", world.care, Role.COORDINATOR))
    situation = situation_in(world, Status.ACCEPTED)
    names = (*ACTORS, "outsider_coordinator_actor", "care_coordinator_actor")
    may = {name for name in names if "cancel" in situation_actions(getattr(world, name), situation)}
    assert may == {"police_actor", "police_colleague_actor", "coordinator_actor"}
    cancel = CALLS["cancel"]
    for name in names:
        actor = getattr(world, name)
        assert accepted_by_service(lambda actor=actor: cancel(actor, situation.pk)) == (name in may), name


def test_a_follow_up_that_is_done_or_cancelled_stays_so(world: World) -> None:
    situation = situation_in(world, Status.HANDED_OVER)
    done = follow_up(world, situation.pk)
    set_status(world, done, FollowUp.Status.DONE)
    with pytest.raises(TransitionError):
        set_status(world, done, FollowUp.Status.PLANNED)
    cancelled = follow_up(world, situation.pk)
    set_status(world, cancelled, FollowUp.Status.CANCELLED)
    with pytest.raises(TransitionError):
        set_status(world, cancelled, FollowUp.Status.IN_PROGRESS)
    done.refresh_from_db()
    cancelled.refresh_from_db()
    assert (done.status, cancelled.status) == (FollowUp.Status.DONE, FollowUp.Status.CANCELLED)
    assert follow_up_choices(done) == [] and follow_up_choices(cancelled) == []


def test_a_follow_up_in_progress_cannot_go_back_to_planned_and_its_page_offers_only_what_may_follow(
    world: World,
) -> None:
    situation = situation_in(world, Status.HANDED_OVER)
    item = follow_up(world, situation.pk)
    set_status(world, item, FollowUp.Status.IN_PROGRESS)
    item.refresh_from_db()
    assert [value for value, _ in follow_up_choices(item)] == ["in_progress", "done", "cancelled"]
    with pytest.raises(TransitionError):
        set_status(world, item, FollowUp.Status.PLANNED)


def test_the_care_request_table() -> None:
    assert CARE_REQUEST.sources(CareRequest.Status.ACCEPTED) == {CareRequest.Status.PENDING}
    with pytest.raises(TransitionError):
        CARE_REQUEST.check(CareRequest.Status.ACCEPTED, CareRequest.Status.WITHDRAWN)
    with pytest.raises(TransitionError):
        FOLLOW_UP.check(FollowUp.Status.DONE, FollowUp.Status.PLANNED)


def test_a_cancelled_situation_withdraws_its_pending_request_but_not_an_accepted_one(world: World) -> None:
    pending = situation_in(world, Status.REPORTED)
    accepted = situation_in(world, Status.ACCEPTED)
    for situation in (pending, accepted):
        services.situation_cancel(actor=world.police_actor, situation_id=situation.pk, reason="opgelost ter plaatse")
    assert CareRequest.objects.get(situation=pending).status == CareRequest.Status.WITHDRAWN
    assert CareRequest.objects.get(situation=accepted).status == CareRequest.Status.ACCEPTED


@pytest.mark.parametrize("status", [Status.REPORTED, Status.ACCEPTED, Status.EN_ROUTE])
def test_the_board_offers_accept_exactly_when_the_service_accepts(world: World, status: str) -> None:
    """The board's button comes from the rules too: the reporting police, who see the row, get no Accepteren."""
    situation = situation_in(world, status)
    form = f'action="{reverse("situation-accept", args=[situation.pk])}"'
    shown_to = set()
    for name in ACTORS:
        actor = getattr(world, name)
        board = page_text(logged_in(actor.user).get(reverse("board-live")))
        if situation.reference not in board:
            continue
        shown_to.add(name)
        accepted = accepted_by_service(lambda actor=actor: CALLS["accept"](actor, situation.pk))
        assert (form in board) == accepted, f"{name} in {status}: button={form in board}, service={accepted}"
    assert {"police_actor", "crisis_actor"} <= shown_to  # both sides see the open request
