"""Escalation with nobody clicking: the worker runs due jobs; never twice; nothing lost when a worker dies."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from conftest import World, intake
from gipz.core import jobs
from gipz.core.models import Job
from gipz.situations import services
from gipz.situations.models import Notification, Participant, TimelineEvent
from gipz.situations.services.intake import ESCALATE_JOB, REMIND_JOB


def test_escalates_at_the_deadline_and_only_once(world: World) -> None:
    situation = intake(world)
    request = situation.care_request
    deadline = request.acknowledge_deadline
    assert jobs.run_due_jobs(now=deadline - timedelta(seconds=1)) == 1  # the reminder to the team, no escalation
    assert request.escalated_at is None
    assert jobs.run_due_jobs(now=deadline + timedelta(seconds=1), worker="w1") == 1
    request.refresh_from_db()
    assert request.escalated_at is not None
    assert Participant.objects.filter(situation=situation, organisation=world.crisis).exists()
    notified = set(Notification.objects.filter(situation=situation).values_list("user__username", flat=True))
    assert notified == {"coordinator", "achterwacht"}
    assert TimelineEvent.objects.filter(situation=situation, kind="escalated").count() == 1
    # A second worker, or the same one again: nothing more happens.
    assert jobs.run_due_jobs(now=deadline + timedelta(minutes=5), worker="w2") == 0
    assert services.care_request_escalate(request_id=request.pk) is False
    assert Notification.objects.filter(situation=situation).count() == 2
    assert Job.objects.get(kind=ESCALATE_JOB).status == Job.Status.DONE


def test_accepted_in_time_does_not_escalate(world: World) -> None:
    situation = intake(world)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    deadline = situation.care_request.acknowledge_deadline
    assert jobs.run_due_jobs(now=deadline + timedelta(seconds=1)) == 2  # the reminder and the escalation: both idle
    situation.care_request.refresh_from_db()
    assert situation.care_request.escalated_at is None
    assert not Notification.objects.exists()


def test_escalated_request_can_still_be_accepted_by_backup(world: World) -> None:
    situation = intake(world)
    jobs.run_due_jobs(now=situation.care_request.acknowledge_deadline + timedelta(seconds=1))
    services.care_request_accept(actor=world.backup_actor, situation_id=situation.pk)
    situation.care_request.refresh_from_db()
    assert situation.care_request.accepted_by_team == world.team_b


@override_settings(GIPZ_WORKER_LEASE_SECONDS=30)
def test_a_killed_worker_loses_nothing(world: World) -> None:
    situation = intake(world)
    Job.objects.filter(kind=REMIND_JOB).delete()  # only the escalation job here
    deadline = situation.care_request.acknowledge_deadline
    claimed = jobs._claim_next(worker="dies", now=deadline + timedelta(seconds=1))
    assert claimed is not None  # ... and the worker is killed before running it.
    assert jobs.run_due_jobs(now=deadline + timedelta(seconds=10), worker="w2") == 0  # still leased
    assert jobs.run_due_jobs(now=deadline + timedelta(seconds=32), worker="w2") == 1  # lease expired
    situation.care_request.refresh_from_db()
    assert situation.care_request.escalated_at is not None
    assert TimelineEvent.objects.filter(situation=situation, kind="escalated").count() == 1


def test_a_failing_job_is_retried_then_marked_failed(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []

    def explode(payload: dict[str, Any]) -> None:
        calls.append(payload)
        raise ValueError("boom")

    monkeypatch.setitem(jobs._HANDLERS, "test.explode", explode)
    start = intake(world).created_at
    Job.objects.all().delete()
    job = jobs.job_enqueue(kind="test.explode", run_at=start, payload={"n": 1})
    moment = job.run_at
    for attempt in range(1, 6):
        moment += timedelta(minutes=10)
        assert jobs.run_due_jobs(now=moment) == 1
        job.refresh_from_db()
        assert job.attempts == attempt and "boom" in job.last_error
    assert job.status == Job.Status.FAILED
    assert jobs.run_due_jobs(now=moment + timedelta(hours=1)) == 0
    assert len(calls) == 5


def test_unknown_job_kind_is_refused_at_enqueue(db: None) -> None:
    with pytest.raises(ValueError, match="unknown job kind"):
        jobs.job_enqueue(kind="nope", run_at=None, payload={})  # type: ignore[arg-type]


def test_worker_command_runs_due_jobs(world: World) -> None:
    situation = intake(world, now=None)
    Job.objects.update(run_at=situation.created_at - timedelta(minutes=1))
    call_command("worker", once=True)
    situation.care_request.refresh_from_db()
    assert situation.care_request.escalated_at is not None
