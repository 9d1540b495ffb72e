"""Running it for real (issue #17): health endpoints, the worker's heartbeat and SIGTERM, the job table's purge and
crash-loop limit, and log lines an operator can follow back to the request."""

from __future__ import annotations

import json
import logging
import os
import signal
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter

from conftest import World
from gipz.api.tests.test_api import INTAKE, client_for
from gipz.core import health, jobs, logcontext, worker
from gipz.core.housekeeping import purge_finished_jobs
from gipz.core.models import Job, WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _migration_check_runs_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "_migrated", False)


def beat(age_seconds: float = 0, name: str = "host:1") -> None:
    at = timezone.now() - timedelta(seconds=age_seconds)
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": at, "started_at": at})


# --- health ----------------------------------------------------------------------------------------------------------


def test_live_needs_no_login_and_says_ok(client: Client) -> None:
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_when_the_database_migrations_and_a_worker_are_there(client: Client) -> None:
    beat(age_seconds=3)
    response = client.get("/health/ready")
    assert response.status_code == 200, response.json()
    checks = response.json()["checks"]
    assert checks["database"]["ok"] and checks["migrations"] == {"ok": True, "unapplied": 0}
    assert checks["worker"]["workers"] == 1 and checks["worker"]["last_beat_seconds"] >= 3
    assert checks["jobs"]["oldest_due_seconds"] == 0


def test_not_ready_without_a_recent_worker_heartbeat(client: Client) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False
    beat(age_seconds=settings.GIPZ_HEALTH_WORKER_MAX_AGE_SECONDS + 5)  # a worker that was killed
    response = client.get("/health/ready")
    assert response.status_code == 503
    max_age = settings.GIPZ_HEALTH_WORKER_MAX_AGE_SECONDS
    assert response.json()["checks"]["worker"] == {
        "ok": False, "workers": 0, "last_beat_seconds": pytest.approx(max_age + 5, abs=2), "max_age_seconds": max_age,
        "clock_off_workers": 0,
    }  # fmt: skip


def test_not_ready_while_a_migration_is_missing(client: Client) -> None:
    beat()
    MigrationRecorder(connection).migration_qs.filter(app="core", name="0004_job_lanes_and_worker_clock").delete()
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "unapplied": 1}


def test_not_ready_when_due_jobs_wait_too_long(client: Client) -> None:
    beat()
    jobs.job_enqueue(kind="core.purge_jobs", run_at=timezone.now() - timedelta(minutes=10), payload={})
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["jobs"]["oldest_due_seconds"] >= 600


def test_health_says_nothing_about_anyone(client: Client, world: World) -> None:
    beat()
    body = client.get("/health/ready").content.decode()
    assert world.police_user.username not in body and "GM0344" not in body


# --- the worker ------------------------------------------------------------------------------------------------------

_RAN: list[str] = []


@jobs.job_handler("test.sigterm")
def _sigterm_during_the_job(payload: dict[str, Any]) -> None:
    os.kill(os.getpid(), signal.SIGTERM)  # what systemd sends on `systemctl stop`
    _RAN.append(payload["name"])


def test_sigterm_lets_the_job_at_hand_finish_then_the_worker_stops() -> None:
    _RAN.clear()
    due = timezone.now() - timedelta(seconds=1)
    first = jobs.job_enqueue(kind="test.sigterm", run_at=due, payload={"name": "first"})
    second = jobs.job_enqueue(kind="test.sigterm", run_at=due + timedelta(milliseconds=1), payload={"name": "second"})
    before = signal.getsignal(signal.SIGTERM)
    worker.worker_loop(urgent_thread=False)  # returns only because of the signal
    assert _RAN == ["first"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Job.Status.DONE and second.status == Job.Status.PENDING and second.attempts == 0
    assert not WorkerHeartbeat.objects.exists()  # a clean stop removes its heartbeat
    assert signal.getsignal(signal.SIGTERM) is before


def test_the_worker_writes_its_heartbeat() -> None:
    worker.worker_loop(once=True)
    # once=True returns after one pass; the heartbeat was written at start and removed at the end.
    assert not WorkerHeartbeat.objects.exists()
    state = worker.WorkerState("host:2")
    state.beat()
    assert WorkerHeartbeat.objects.get(name="host:2").beat_at > timezone.now() - timedelta(seconds=5)


# --- the job table ---------------------------------------------------------------------------------------------------


class WorkerKilled(BaseException):
    """Stands for kill -9 / an out-of-memory kill: nothing in the worker catches it."""


@jobs.job_handler("test.crash")
def _crash(payload: dict[str, Any]) -> None:
    Job.objects.filter(kind="test.crash").update(last_error="written by the handler")  # rolled back by the crash
    raise WorkerKilled


def test_a_job_that_crashes_the_worker_every_time_is_given_up() -> None:
    job = jobs.job_enqueue(kind="test.crash", run_at=timezone.now() - timedelta(seconds=1), payload={})
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        with pytest.raises(WorkerKilled):
            jobs.run_due_jobs(worker="w")
        job.refresh_from_db()
        assert (job.attempts, job.status) == (attempt, Job.Status.PENDING)  # the crash did not undo the count
        Job.objects.filter(pk=job.pk).update(claimed_until=None)  # its lease runs out
    assert jobs.run_due_jobs(worker="w") == 1  # claimed once more, and given up instead of run
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "given up: 5 attempts" in job.last_error


def test_finished_jobs_are_purged_after_their_period() -> None:
    now = timezone.now()
    old, recent = now - timedelta(days=settings.GIPZ_JOB_KEEP_DAYS + 1), now - timedelta(days=1)
    for status, finished in [(Job.Status.DONE, old), (Job.Status.DONE, recent), (Job.Status.FAILED, old),
                             (Job.Status.FAILED, now - timedelta(days=settings.GIPZ_FAILED_JOB_KEEP_DAYS + 1)),
                             (Job.Status.PENDING, None)]:  # fmt: skip
        Job.objects.create(kind="core.purge_jobs", run_at=old, status=status, finished_at=finished)
    assert purge_finished_jobs(now=now) == 2
    left = sorted((j.status, j.finished_at == recent) for j in Job.objects.all())
    assert left == [("done", True), ("failed", False), ("pending", False)]


def test_every_worker_lookup_has_an_index() -> None:
    indexed = {tuple(index.fields) for index in Job._meta.indexes}
    assert {("status", "lane", "run_at"), ("status", "run_at"), ("kind", "status"), ("kind", "run_at"),
            ("status", "finished_at")} <= indexed  # fmt: skip


# --- logs ------------------------------------------------------------------------------------------------------------


def test_the_request_id_goes_into_the_jobs_a_request_creates(world: World) -> None:
    api = client_for(world.police)
    response = api.post("/api/v1/situations/", INTAKE, format="json", HTTP_X_REQUEST_ID="proxy-req-0001")
    assert response.status_code == 201
    assert response["X-Request-ID"] == "proxy-req-0001"
    assert Job.objects.filter(request_id="proxy-req-0001", kind="situations.escalate").exists()
    made_up = api.post("/api/v1/situations/", INTAKE, format="json", HTTP_X_REQUEST_ID="bad id\n")
    assert len(made_up["X-Request-ID"]) == 32 and made_up["X-Request-ID"] != "bad id\n"


def test_a_json_log_line_carries_the_ids_and_no_text(
    world: World, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> None:
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logcontext.ContextFilter())
    spec = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    handler.setFormatter(JsonFormatter(**spec))
    logger = logging.getLogger("gipz.situations.services.intake")
    logger.addHandler(handler)
    try:
        api = client_for(world.police)
        with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
            api.post("/api/v1/situations/", INTAKE, format="json", HTTP_X_REQUEST_ID="proxy-req-0002")
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue().splitlines()[0])
    assert line["message"] == "routed" and line["event"] == "request.routed" and line["level"] == "INFO"
    assert line["request_id"] == "proxy-req-0002" and line["situation"].startswith("M")  # the reference
    assert line["to_organisation_id"] == world.crisis.pk
    assert INTAKE["description"] not in stream.getvalue() and INTAKE["location"] not in stream.getvalue()
