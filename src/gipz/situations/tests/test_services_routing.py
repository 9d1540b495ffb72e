from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import World, intake
from gipz.agreements.models import DutyShift, ServiceArea
from gipz.agreements.tests.helpers import approve
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.memo import memo_forget
from gipz.core.models import Job, LiveEvent
from gipz.geo.models import Municipality
from gipz.situations import services, triage
from gipz.situations.models import CareRequest, Participant, Situation, Status
from gipz.situations.services.intake import ESCALATE_JOB, REMIND_JOB


def test_routes_to_the_primary_team_on_duty_with_backup(world: World) -> None:
    situation = intake(world)
    request = situation.care_request
    assert situation.status == Status.REPORTED
    assert (request.team, request.backup_team, request.organisation) == (world.team_a, world.team_b, world.crisis)
    assert request.acknowledge_deadline == request.requested_at + timedelta(minutes=10)
    assert situation.on_site_deadline == situation.created_at + timedelta(minutes=240)
    assert set(Participant.objects.filter(situation=situation).values_list("organisation", "kind")) == {
        (world.police.pk, "reporter"),
        (world.crisis.pk, "assigned"),
    }
    job = Job.objects.get(kind=ESCALATE_JOB)
    assert job.run_at == request.acknowledge_deadline and job.payload == {"request_id": request.pk}


def test_only_backup_on_duty_gets_the_request(world: World) -> None:
    DutyShift.objects.filter(role=DutyShift.Role.PRIMARY).delete()
    request = intake(world).care_request
    assert request.team == world.team_b and request.backup_team is None


def test_no_team_on_duty_goes_to_the_coordinator_at_once(world: World) -> None:
    DutyShift.objects.all().delete()
    now = timezone.now()
    request = intake(world, now=now).care_request
    assert request.team is None and request.organisation == world.crisis
    assert request.acknowledge_deadline == now
    assert Job.objects.get(kind=ESCALATE_JOB).run_at == now


def test_shift_boundaries_route_by_the_moment(world: World) -> None:
    DutyShift.objects.all().delete()
    start = timezone.now().replace(microsecond=0)
    DutyShift.objects.create(team=world.team_a, area=world.area, starts_at=start, ends_at=start + timedelta(hours=8))
    DutyShift.objects.create(
        team=world.team_b, area=world.area, starts_at=start + timedelta(hours=8), ends_at=start + timedelta(hours=16)
    )
    assert intake(world, now=start).care_request.team == world.team_a
    assert intake(world, now=start + timedelta(hours=8)).care_request.team == world.team_b


def test_no_crisis_service_for_the_municipality_saves_nothing(world: World) -> None:
    elsewhere = Municipality.objects.get(code="GM0034")  # Almere: no service area in this world
    with pytest.raises(ServiceError, match="geen crisisdienst bekend"):
        intake(world, municipality=elsewhere)
    assert Situation.objects.count() == 0
    assert CareRequest.objects.count() == 0


def test_region_agreement_overrides_the_national_default(world: World) -> None:
    approve(
        world.coordinator_actor,
        world.utrecht,
        targets={"acknowledge_minutes": 5, "u2_minutes": 45, "u3_minutes": 180, "u4_minutes": 600},
    )
    situation = intake(world, danger_to_self=True)
    assert situation.target_minutes == 45
    assert situation.care_request.acknowledge_deadline - situation.created_at == timedelta(minutes=5)


def test_u1_and_u5_are_referred_without_a_request(world: World) -> None:
    u1 = intake(world, medical_emergency=True)
    u5 = intake(world, care_indicators=frozenset())
    for situation in (u1, u5):
        assert situation.status == Status.REFERRED
        assert not CareRequest.objects.filter(situation=situation).exists()
    assert u1.urgency == "U1" and u1.triage_advice[0] == "call_112"
    # The officer may still ask the crisis service: never blocked.
    services.situation_request_crisis(actor=world.police_actor, situation_id=u1.pk)
    u1.refresh_from_db()
    assert u1.status == Status.REPORTED and u1.care_request.team == world.team_a


def test_officer_may_choose_another_urgency_with_a_reason(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        intake(world, chosen_urgency="U2")
    assert refused.value.field == "urgency_reason"
    assert Situation.objects.count() == 0
    situation = intake(world, chosen_urgency="U2", urgency_reason="Situatie escaleert snel")
    assert (situation.advised_urgency, situation.urgency, situation.target_minutes) == ("U3", "U2", 60)


def test_officer_may_request_crisis_for_u1_at_intake(world: World) -> None:
    situation = intake(world, medical_emergency=True, request_crisis=True)
    assert situation.status == Status.REPORTED


def test_offence_does_not_block(world: World) -> None:
    situation = intake(world, offence=triage.Offence.YES)
    assert situation.status == Status.REPORTED
    assert "offence_police_lead" in situation.triage_advice


def test_only_police_create_and_blank_fields_are_refused(world: World) -> None:
    data = services.IntakeData(
        municipality=world.utrecht,
        location="x",
        description="y",
        answers=triage.TriageAnswers(offence=triage.Offence.NO),
    )
    with pytest.raises(NotAllowedError):
        services.situation_create(actor=world.crisis_actor, data=data)
    with pytest.raises(ServiceError, match="locatie"):
        intake(world, location="   ")
    with pytest.raises(ServiceError, match="omschrijving"):
        intake(world, description="")
    assert Situation.objects.count() == 0


def test_area_without_shifts_in_other_area_is_not_used(world: World) -> None:
    other = ServiceArea.objects.create(organisation=world.other_crisis, name="Elders")
    other.municipalities.add(Municipality.objects.get(code="GM0034"))
    request = intake(world, municipality=Municipality.objects.get(code="GM0034")).care_request
    assert request.organisation == world.other_crisis and request.team is None


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_an_intake_writes_in_few_statements(world: World) -> None:
    """Every intake pays for each statement under load (docs/benchmarks.md): the escalation and the reminder go in
    one INSERT, the live board's rows are selected from the participants in the INSERT itself, and an organisation
    without webhook endpoints, like the team's members, costs no query once the memo knows it."""
    memo_forget()
    intake(world)  # fills the memo (roster, targets, which organisations have webhooks)
    with CaptureQueriesContext(connection) as queries:
        situation = intake(world)
    statements = [q["sql"] for q in queries.captured_queries]
    (request_jobs,) = [sql for sql in statements if sql.startswith('INSERT INTO "core_job"') and ESCALATE_JOB in sql]
    assert REMIND_JOB in request_jobs  # in the same INSERT
    assert {job.kind for job in Job.objects.filter(payload__request_id=situation.care_request.pk)} == {
        ESCALATE_JOB, REMIND_JOB,
    }  # fmt: skip
    assert not [sql for sql in statements if sql.startswith("SELECT") and "situations_participant" in sql]
    assert not [sql for sql in statements if "api_webhookendpoint" in sql]
    assert not [sql for sql in statements if "accounts_membership" in sql]  # the team's members are memoised
    assert LiveEvent.objects.filter(object_id=situation.pk).count() == 2  # police and crisis service, once each
    memo_forget()
