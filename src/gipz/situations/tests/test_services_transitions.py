"""Every transition of the state machine, every refusal, and the timeline + audit rows they write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from conftest import World, intake
from gipz.core.errors import ConflictError, NotAllowedError, ServiceError, TransitionError
from gipz.core.models import AppendOnlyError, AuditEvent
from gipz.situations import services
from gipz.situations.models import TRANSITIONS, FollowUp, Situation, Status, TimelineEvent

# The step that leads into each status, as (service call) given the world and the situation id.
Step = Callable[[World, int], Any]


def accept(w: World, pk: int) -> Any:
    return services.care_request_accept(actor=w.crisis_actor, situation_id=pk)


def en_route(w: World, pk: int) -> Any:
    return services.situation_en_route(actor=w.crisis_actor, situation_id=pk, eta_minutes=15)


def on_site(w: World, pk: int) -> Any:
    return services.situation_on_site(actor=w.crisis_actor, situation_id=pk)


def handover(w: World, pk: int) -> Any:
    services.handover_submit(
        actor=w.crisis_actor, situation_id=pk, situation_text="S", background="B", assessment="A", recommendation="R"
    )
    return services.handover_confirm_police(actor=w.police_actor, situation_id=pk)


def follow_up(w: World, pk: int) -> Any:
    return services.follow_up_add(
        actor=w.crisis_actor, situation_id=pk, kind=FollowUp.Kind.GP, responsible_organisation=w.care
    )


def close(w: World, pk: int) -> Any:
    return services.situation_close(actor=w.crisis_actor, situation_id=pk)


def cancel(w: World, pk: int) -> Any:
    return services.situation_cancel(actor=w.police_actor, situation_id=pk, reason="opgelost")


PATH: dict[str, list[Step]] = {
    Status.REPORTED: [],
    Status.ACCEPTED: [accept],
    Status.EN_ROUTE: [accept, en_route],
    Status.ON_SITE: [accept, en_route, on_site],
    Status.HANDED_OVER: [accept, en_route, on_site, handover],
    Status.CLOSED: [accept, en_route, on_site, handover, follow_up, close],
    Status.CANCELLED: [cancel],
}
# Which service leads to which status (for the refusal matrix).
INTO: dict[str, Step] = {
    Status.ACCEPTED: accept,
    Status.EN_ROUTE: en_route,
    Status.ON_SITE: on_site,
    Status.HANDED_OVER: handover,
    Status.CLOSED: close,
    Status.CANCELLED: cancel,
}


def situation_in(world: World, status: str) -> Situation:
    situation = intake(world)
    for step in PATH[status]:
        step(world, situation.pk)
    situation.refresh_from_db()
    assert situation.status == status
    return situation


def test_referred_can_go_to_reported_or_closed(world: World) -> None:
    assert TRANSITIONS[Status.REFERRED] == {Status.REPORTED, Status.CLOSED}
    situation = intake(world, care_indicators=frozenset())
    services.situation_close(actor=world.police_actor, situation_id=situation.pk)
    situation.refresh_from_db()
    assert situation.status == Status.CLOSED


@pytest.mark.parametrize("start", list(PATH))
@pytest.mark.parametrize("target", list(INTO))
def test_transition_matrix(world: World, start: str, target: str) -> None:
    situation = situation_in(world, start)
    timeline, audit = TimelineEvent.objects.count(), AuditEvent.objects.count()
    allowed = target in TRANSITIONS[start]
    if target == Status.CLOSED and start == Status.HANDED_OVER:
        follow_up(world, situation.pk)
        timeline, audit = TimelineEvent.objects.count(), AuditEvent.objects.count()
    if allowed:
        INTO[target](world, situation.pk)
        situation.refresh_from_db()
        assert situation.status == target
        assert TimelineEvent.objects.count() > timeline
        event = TimelineEvent.objects.filter(situation=situation).last()
        assert (event.from_status, event.to_status) == (start, target)
        assert AuditEvent.objects.filter(object_id=str(situation.pk), event_type__startswith="situation.").exists()
    else:
        with pytest.raises(ServiceError) as refused:
            INTO[target](world, situation.pk)
        assert refused.value.message
        situation.refresh_from_db()
        assert situation.status == start
        assert (TimelineEvent.objects.count(), AuditEvent.objects.count()) == (timeline, audit)


def test_accepted_may_skip_en_route(world: World) -> None:
    situation = situation_in(world, Status.ACCEPTED)
    on_site(world, situation.pk)
    situation.refresh_from_db()
    assert situation.status == Status.ON_SITE and situation.en_route_at is None


def test_milestones_and_times_are_recorded(world: World) -> None:
    situation = situation_in(world, Status.CLOSED)
    assert situation.time_to_acknowledge is not None
    assert situation.time_to_on_site is not None
    assert situation.police_waiting_time is not None
    assert situation.on_site_within_target is True
    assert situation.eta is not None


@pytest.mark.parametrize(
    ("actor_name", "step"),
    [
        ("police_actor", "accept"),
        ("outsider_crisis_actor", "accept"),
        ("care_actor", "accept"),
        ("police_actor", "on_site"),
    ],
)
def test_wrong_organisation_is_refused(world: World, actor_name: str, step: str) -> None:
    situation = situation_in(world, Status.REPORTED if step == "accept" else Status.ACCEPTED)
    actor = getattr(world, actor_name)
    call = {"accept": services.care_request_accept, "on_site": services.situation_on_site}[step]
    with pytest.raises(NotAllowedError):
        call(actor=actor, situation_id=situation.pk)


def test_only_the_reporting_police_confirm_the_handover(world: World) -> None:
    situation = situation_in(world, Status.ON_SITE)
    with pytest.raises(TransitionError, match="nog geen overdracht"):
        services.handover_confirm_police(actor=world.police_actor, situation_id=situation.pk)
    services.handover_submit(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        situation_text="S",
        background="",
        assessment="",
        recommendation="R",
    )
    for actor in (world.crisis_actor, world.outsider_police_actor):
        with pytest.raises(NotAllowedError):
            services.handover_confirm_police(actor=actor, situation_id=situation.pk)
    services.handover_confirm_police(actor=world.police_colleague_actor, situation_id=situation.pk)
    situation.refresh_from_db()
    assert situation.police_released


def test_sbar_needs_s_and_r(world: World) -> None:
    situation = situation_in(world, Status.ON_SITE)
    with pytest.raises(ServiceError) as refused:
        services.handover_submit(
            actor=world.crisis_actor,
            situation_id=situation.pk,
            situation_text=" ",
            background="",
            assessment="",
            recommendation="R",
        )
    assert refused.value.field == "situation_text"
    with pytest.raises(ServiceError):
        services.handover_submit(
            actor=world.crisis_actor,
            situation_id=situation.pk,
            situation_text="S",
            background="",
            assessment="",
            recommendation="",
        )


def test_closing_needs_a_follow_up_and_every_follow_up_an_owner(world: World) -> None:
    situation = situation_in(world, Status.HANDED_OVER)
    with pytest.raises(TransitionError, match="minstens één"):
        close(world, situation.pk)
    ownerless = services.follow_up_add(
        actor=world.crisis_actor, situation_id=situation.pk, kind=FollowUp.Kind.REFERRAL, responsible_organisation=None
    )
    with pytest.raises(TransitionError, match="eigenaar"):
        close(world, situation.pk)
    services.follow_up_update(
        actor=world.crisis_actor,
        follow_up_id=ownerless.pk,
        status=FollowUp.Status.PLANNED,
        responsible_organisation=world.care,
    )
    close(world, situation.pk)
    situation.refresh_from_db()
    assert situation.status == Status.CLOSED
    # The follow-up owner now takes part in the situation.
    assert situation.participants.filter(organisation=world.care).exists()


def test_follow_up_refusals(world: World) -> None:
    situation = situation_in(world, Status.ACCEPTED)
    with pytest.raises(TransitionError):
        follow_up(world, situation.pk)
    on_site(world, situation.pk)
    with pytest.raises(ServiceError):
        services.follow_up_add(
            actor=world.crisis_actor, situation_id=situation.pk, kind="magic", responsible_organisation=None
        )
    with pytest.raises(NotAllowedError):
        services.follow_up_add(
            actor=world.police_actor, situation_id=situation.pk, kind=FollowUp.Kind.GP, responsible_organisation=None
        )


def test_evaluations_one_per_side_after_closing(world: World) -> None:
    open_situation = situation_in(world, Status.HANDED_OVER)
    with pytest.raises(TransitionError):
        services.evaluation_submit(
            actor=world.police_actor,
            situation_id=open_situation.pk,
            rating=3,
            improper_call=False,
            improper_call_reason="",
            tensions=[],
        )
    situation = situation_in(world, Status.CLOSED)
    kwargs = {
        "situation_id": situation.pk,
        "rating": 4,
        "improper_call": False,
        "improper_call_reason": "",
        "tensions": ["signalling"],
    }
    with pytest.raises(ServiceError, match="1 tot en met 5"):
        services.evaluation_submit(actor=world.police_actor, **{**kwargs, "rating": 6})
    with pytest.raises(ServiceError, match="oneigenlijk"):
        services.evaluation_submit(actor=world.police_actor, **{**kwargs, "improper_call": True})
    with pytest.raises(ServiceError, match="Onbekende spanning"):
        services.evaluation_submit(actor=world.police_actor, **{**kwargs, "tensions": ["boredom"]})
    with pytest.raises(NotAllowedError):
        services.evaluation_submit(actor=world.outsider_police_actor, **kwargs)
    police = services.evaluation_submit(actor=world.police_actor, **kwargs)
    crisis = services.evaluation_submit(
        actor=world.crisis_actor, **{**kwargs, "improper_call": True, "improper_call_reason": "geen zorgvraag"}
    )
    assert (police.side, crisis.side) == ("police", "crisis")
    with pytest.raises(TransitionError, match="al nabesproken"):
        services.evaluation_submit(actor=world.police_colleague_actor, **kwargs)


def test_cancel_needs_reason_and_rights(world: World) -> None:
    situation = situation_in(world, Status.REPORTED)
    with pytest.raises(ServiceError, match="reden"):
        services.situation_cancel(actor=world.police_actor, situation_id=situation.pk, reason="")
    with pytest.raises(NotAllowedError):
        services.situation_cancel(actor=world.crisis_actor, situation_id=situation.pk, reason="x")
    services.situation_cancel(actor=world.coordinator_actor, situation_id=situation.pk, reason="dubbel")
    situation.refresh_from_db()
    assert situation.status == Status.CANCELLED
    assert situation.care_request.status == "withdrawn"


def test_second_accept_is_a_conflict_naming_the_winner(world: World) -> None:
    situation = situation_in(world, Status.REPORTED)
    services.care_request_accept(actor=world.crisis_colleague_actor, situation_id=situation.pk)
    with pytest.raises(ConflictError) as lost:
        services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    assert str(world.crisis_colleague) in lost.value.message
    assert TimelineEvent.objects.filter(situation=situation, kind="accepted").count() == 1


def test_transition_writes_timeline_and_audit_with_actor_and_old_new(world: World) -> None:
    situation = situation_in(world, Status.REPORTED)
    accept(world, situation.pk)
    event = TimelineEvent.objects.filter(situation=situation).last()
    assert (event.kind, event.actor, event.organisation) == ("accepted", world.crisis_user, world.crisis)
    audit = AuditEvent.objects.filter(event_type="situation.accepted").get()
    assert (audit.actor, audit.organisation) == (world.crisis_user, world.crisis)
    assert audit.old["status"] == "reported" and audit.new["status"] == "accepted"


def test_history_is_append_only(world: World) -> None:
    situation = situation_in(world, Status.REPORTED)
    event = TimelineEvent.objects.filter(situation=situation).first()
    event.note = "herschreven"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    audit = AuditEvent.objects.first()
    with pytest.raises(AppendOnlyError):
        audit.save()


def test_a_failure_halfway_leaves_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    situation = situation_in(world, Status.REPORTED)
    counts = (TimelineEvent.objects.count(), AuditEvent.objects.count())

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit store down")

    monkeypatch.setattr("gipz.core.statemachine.audit_record", broken)
    with pytest.raises(RuntimeError):
        accept(world, situation.pk)
    situation.refresh_from_db()
    assert situation.status == Status.REPORTED
    assert situation.care_request.status == "pending"
    assert (TimelineEvent.objects.count(), AuditEvent.objects.count()) == counts


def test_audit_outside_a_transaction_is_refused(world: World) -> None:
    from django.db import transaction

    from gipz.core.audit import audit_record

    situation = situation_in(world, Status.REPORTED)
    with transaction.atomic():
        pass
    # pytest-django wraps tests in a transaction; leave it to test the guard.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transaction.get_connection(), "in_atomic_block", False)
        with pytest.raises(RuntimeError, match="inside the service's transaction"):
            audit_record(actor=None, event_type="x", obj=situation)


def test_the_crisis_service_owns_the_urgency(world: World) -> None:
    situation = situation_in(world, Status.ACCEPTED)
    assert (situation.urgency, situation.police_urgency, situation.target_minutes) == ("U3", "U3", 240)
    with pytest.raises(NotAllowedError):
        services.situation_retriage(actor=world.police_actor, situation_id=situation.pk, urgency="U2", reason="x")
    with pytest.raises(ServiceError, match="reden"):
        services.situation_retriage(actor=world.crisis_actor, situation_id=situation.pk, urgency="U2", reason="")
    services.situation_retriage(
        actor=world.crisis_actor, situation_id=situation.pk, urgency="U2", reason="Suïcidaal, zegt de huisarts"
    )
    situation.refresh_from_db()
    assert (situation.urgency, situation.police_urgency, situation.target_minutes) == ("U2", "U3", 60)
    assert situation.on_site_deadline == situation.created_at + timedelta(minutes=60)
    event = TimelineEvent.objects.filter(situation=situation, kind="retriaged").get()
    assert event.note == "U3 → U2" and "huisarts" not in str(
        AuditEvent.objects.filter(event_type="situation.retriaged").get().new
    )
    # Confirming the same urgency needs no reason.
    services.situation_retriage(actor=world.crisis_actor, situation_id=situation.pk, urgency="U2", reason="")
    on_site(world, situation.pk)
    handover(world, situation.pk)
    with pytest.raises(TransitionError):
        services.situation_retriage(actor=world.crisis_actor, situation_id=situation.pk, urgency="U4", reason="later")
