"""Preventive assistance: asking, deciding with reasons before the lead time, more information, outcome, deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import World, make_user
from gipz.accounts.models import Role
from gipz.agreements.tests.helpers import approve
from gipz.core.errors import NotAllowedError, ServiceError, TransitionError
from gipz.core.jobs import run_due_jobs
from gipz.core.models import AuditEvent, Job
from gipz.prevention.models import PreventiveRequest, PreventiveRequestEvent
from gipz.prevention.selectors import awaiting_decision, planning, preventive_request_get
from gipz.prevention.services import (
    DecisionData,
    decision_deadline,
    preventive_request_add_info,
    preventive_request_decide,
    preventive_request_record_outcome,
    preventive_request_withdraw,
)
from gipz.prevention.tests.helpers import ask, police_planner

Status = PreventiveRequest.Status


def test_asking_weighs_the_risk_and_sets_the_agreed_deadline(world: World) -> None:
    planned = timezone.now() + timedelta(days=5)
    request = ask(world, planned_at=planned)
    assert request.status == Status.SUBMITTED and request.risk_level == "medium"  # violence 3 + eviction 1 + unknown 0
    assert request.decision_deadline == planned - timedelta(hours=48) and not request.late_request
    assert Job.objects.filter(kind="prevention.decision_deadline", run_at=request.decision_deadline).count() == 1
    assert AuditEvent.objects.filter(event_type="preventiverequest.submitted").count() == 1


def test_the_region_agreement_sets_the_lead_time(world: World) -> None:
    approve(world.coordinator_actor, world.utrecht, targets={"preventive_decision_hours": 72})
    planned = timezone.now() + timedelta(days=5)
    request = ask(world, planned_at=planned)
    assert request.decision_deadline == planned - timedelta(hours=72) and request.agreement is not None


def test_a_late_request_gets_half_the_time_left() -> None:
    now = timezone.now()
    deadline, late = decision_deadline(planned_at=now + timedelta(hours=10), now=now, lead_hours=48)
    assert late and deadline == now + timedelta(hours=5)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"planned_at": timezone.now() - timedelta(hours=1)}, "planned_at"),
        ({"planned_at": timezone.now() + timedelta(days=365)}, "planned_at"),  # beyond the planning horizon
        ({"violence_history": "misschien"}, "violence_history"),
        ({"care_measures": " "}, "care_measures"),
        ({"description": "BSN 111222333 bekend"}, "description"),
        ({"event_kind": "other"}, "event_other"),
        ({"police_organisation_id": 0}, "police_organisation"),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(world: World, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        ask(world, **changes)
    assert refused.value.field == field
    assert PreventiveRequest.objects.count() == 0 and Job.objects.count() == 0


def test_only_care_asks(world: World) -> None:
    from gipz.prevention.services import PreventiveRequestData, preventive_request_create

    with pytest.raises(NotAllowedError):
        preventive_request_create(
            actor=world.police_actor,
            data=PreventiveRequestData(
                police_organisation_id=world.police.pk,
                municipality_id=world.utrecht.pk,
                event_kind="eviction",
                planned_at=timezone.now() + timedelta(days=3),
                location="x",
                description="xxxxxxxxxxxx",
                violence_history="no",
                weapons="no",
                known_to_police="no",
                care_measures="niets nodig",
            ),
        )


def test_police_assist_and_it_appears_in_the_team_planning(world: World) -> None:
    chief = police_planner(world)
    request = ask(world)
    assert list(awaiting_decision(chief)) == [request]
    preventive_request_decide(
        actor=chief,
        request_id=request.pk,
        data=DecisionData(
            decision="assist",
            reason="Eerder geweld, twee agenten op afstand.",
            team_id=world.police_team.pk,
            officers=2,
        ),
    )
    request.refresh_from_db()
    assert request.status == Status.ASSIST and request.assigned_team == world.police_team and request.officers == 2
    assert not request.decided_late
    assert list(planning(chief)) == [request] and list(planning(chief, team_id=world.police_team.pk + 1)) == []
    assert list(awaiting_decision(chief)) == []


def test_a_decision_needs_its_parts(world: World) -> None:
    chief = police_planner(world)
    request = ask(world)
    cases = [
        (DecisionData(decision="assist", reason="kort"), "reason"),
        (DecisionData(decision="assist", reason="Eerder geweld bekend."), "team"),
        (DecisionData(decision="assist", reason="Eerder geweld bekend.", team_id=world.police_team.pk), "officers"),
        (DecisionData(decision="not_needed", reason="Geen strafbare feiten te verwachten."), "advised_alternative"),
        (DecisionData(decision="more_info", reason="Onvoldoende informatie over de bewoner."), "info_question"),
        (DecisionData(decision="approve", reason="Eerder geweld bekend."), "decision"),
    ]
    for data, field in cases:
        with pytest.raises(ServiceError) as refused:
            preventive_request_decide(actor=chief, request_id=request.pk, data=data)
        assert refused.value.field == field
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_only_a_coordinator_of_the_police_asked_decides(world: World) -> None:
    police_planner(world)
    request = ask(world)
    other_chief = world.actor(make_user("andere-chef", world.other_police, Role.COORDINATOR))
    data = DecisionData(decision="not_needed", reason="Geen politietaak.", advised_alternative="Beveiliging inhuren.")
    for actor in (world.police_actor, other_chief, world.care_actor):
        with pytest.raises(NotAllowedError):
            preventive_request_decide(actor=actor, request_id=request.pk, data=data)


def test_owner_member_outsider(world: World) -> None:
    request = ask(world)
    assert preventive_request_get(actor=world.care_actor, request_id=request.pk) == request
    assert preventive_request_get(actor=world.police_actor, request_id=request.pk) == request
    from django.http import Http404

    for outsider in (world.outsider_police_actor, world.crisis_actor):
        with pytest.raises(Http404):
            preventive_request_get(actor=outsider, request_id=request.pk)


def test_more_information_goes_back_and_forth(world: World) -> None:
    chief = police_planner(world)
    request = ask(world)
    preventive_request_decide(
        actor=chief,
        request_id=request.pk,
        data=DecisionData(
            decision="more_info", reason="We missen de voorgeschiedenis.", info_question="Welke dreiging precies?"
        ),
    )
    with pytest.raises(NotAllowedError):
        preventive_request_add_info(actor=world.police_actor, request_id=request.pk, answer="Dreigde met een mes.")
    preventive_request_add_info(actor=world.care_actor, request_id=request.pk, answer="Dreigde met een mes in 2025.")
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED and request.info_answer.startswith("Dreigde")
    kinds = list(PreventiveRequestEvent.objects.filter(request=request).values_list("kind", flat=True))
    assert kinds == ["submitted", "decided_more_info", "info_added"]


def test_outcome_afterwards_and_not_twice(world: World) -> None:
    chief = police_planner(world)
    request = ask(world)
    preventive_request_decide(
        actor=chief,
        request_id=request.pk,
        data=DecisionData(
            decision="not_needed",
            reason="Geen strafbare feiten te verwachten.",
            advised_alternative="Wijkagent informeren.",
        ),
    )
    with pytest.raises(ServiceError, match="nog niet geweest"):
        preventive_request_record_outcome(actor=world.care_actor, request_id=request.pk, outcome="calm", note="")
    after = request.planned_at + timedelta(hours=2)
    with pytest.raises(ServiceError, match="Licht toe"):
        preventive_request_record_outcome(
            actor=chief, request_id=request.pk, outcome="police_acted", note="", now=after
        )
    preventive_request_record_outcome(actor=world.care_actor, request_id=request.pk, outcome="calm", note="", now=after)
    request.refresh_from_db()
    assert request.status == Status.COMPLETED and request.outcome == "calm"
    with pytest.raises(TransitionError):
        preventive_request_record_outcome(actor=chief, request_id=request.pk, outcome="calm", note="", now=after)


def test_withdraw_only_by_the_asker_while_open(world: World) -> None:
    request = ask(world)
    with pytest.raises(NotAllowedError):
        preventive_request_withdraw(actor=world.police_actor, request_id=request.pk, reason="niet meer nodig")
    preventive_request_withdraw(actor=world.care_actor, request_id=request.pk, reason="Bewoner is vertrokken.")
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN


def test_the_worker_records_a_missed_deadline_once(world: World) -> None:
    request = ask(world, planned_at=timezone.now() + timedelta(hours=10))  # late: deadline in 5 hours
    assert request.late_request
    run_due_jobs(now=request.decision_deadline + timedelta(minutes=1))
    request.refresh_from_db()
    assert request.deadline_missed_at is not None
    assert PreventiveRequestEvent.objects.filter(request=request, kind="deadline_passed").count() == 1


def test_a_decision_before_the_deadline_leaves_the_worker_nothing_to_do(world: World) -> None:
    chief = police_planner(world)
    request = ask(world)
    preventive_request_decide(
        actor=chief,
        request_id=request.pk,
        data=DecisionData(decision="assist", reason="Eerder geweld bekend.", team_id=world.police_team.pk, officers=2),
    )
    run_due_jobs(now=request.decision_deadline + timedelta(minutes=1))
    request.refresh_from_db()
    assert request.deadline_missed_at is None
