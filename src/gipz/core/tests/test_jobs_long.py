"""Long-running jobs run outside a transaction, keep their claim longer, and are still claimed only once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from gipz.core import jobs
from gipz.core.models import Job

pytestmark = pytest.mark.django_db
seen: list[dict[str, Any]] = []


@jobs.job_handler("test.long", long_running_seconds=3600)
def _long(payload: dict[str, Any]) -> None:
    job = Job.objects.get(pk=payload["job"])
    # Tests run inside a transaction themselves; a handler's own transaction would add a savepoint to it.
    seen.append({"savepoints": len(connection.savepoint_ids), "claimed_until": job.claimed_until})


def test_a_long_job_runs_outside_a_transaction_with_an_extended_claim() -> None:
    seen.clear()
    now = timezone.now()
    job = jobs.job_enqueue(kind="test.long", run_at=now, payload={})
    job.payload = {"job": job.pk}
    job.save()
    outside = len(connection.savepoint_ids)
    assert jobs.run_due_jobs(worker="w1", now=now) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.attempts == 1
    assert seen == [{"savepoints": outside, "claimed_until": now + timedelta(seconds=3600)}]


def test_a_long_job_whose_claim_was_taken_does_not_run() -> None:
    seen.clear()
    now = timezone.now()
    job = jobs.job_enqueue(kind="test.long", run_at=now, payload={"job": 0})
    claimed = jobs._claim_next(worker="w1", now=now)
    assert claimed is not None
    Job.objects.filter(pk=job.pk).update(claimed_by="w2")  # another worker took over after the lease ran out
    jobs._run(claimed, worker="w1", now=now)
    assert seen == []
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING


@jobs.job_handler("test.long_flaky", long_running_seconds=3600)
def _finished_elsewhere_then_fails(payload: dict[str, Any]) -> None:
    # Another worker finished the job meanwhile (its lease had run out); then this run fails.
    Job.objects.filter(pk=payload["job"]).update(status=Job.Status.DONE)
    raise RuntimeError("boom")


def test_a_finished_job_is_not_marked_failed_or_pending_again() -> None:
    now = timezone.now()
    job = jobs.job_enqueue(kind="test.long_flaky", run_at=now, payload={})
    job.payload = {"job": job.pk}
    job.save()
    assert jobs.run_due_jobs(worker="w1", now=now) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE  # done is final (jobs.JOB): the failure does not reopen it
