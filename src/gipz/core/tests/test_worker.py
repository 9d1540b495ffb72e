"""A region's first night (issue #28): workers that outlive the database going away, an urgent lane that never
waits behind deliveries, deadlines by the database's clock, and a demo worker that is started again."""

from __future__ import annotations

import logging
import sys
import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from conftest import World, intake
from gipz.core import clock, jobs, worker
from gipz.core.models import Job, Lane, WorkerHeartbeat
from gipz.core.supervise import Supervisor
from gipz.situations.services.intake import ESCALATE_JOB

_RAN: list[str] = []
_URGENT_RAN = threading.Event()
# Only a hang reaches this: the waits below end as soon as what they wait for happens, however busy CI's cores are.
HANG_SECONDS = 180


def _eventually(condition: Any) -> bool:
    deadline = time.monotonic() + HANG_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@jobs.job_handler("test.delivery", lane=Lane.DELIVERY)
def _delivery(payload: dict[str, Any]) -> None:
    _RAN.append("delivery")


@jobs.job_handler("test.urgent", lane=Lane.URGENT)
def _urgent(payload: dict[str, Any]) -> None:
    _RAN.append("urgent")
    _URGENT_RAN.set()


# --- back-off --------------------------------------------------------------------------------------------------------


def test_the_back_off_doubles_is_bounded_and_jittered() -> None:
    top = [worker.backoff_seconds(n, rng=lambda: 1.0) for n in range(1, 10)]
    assert top[:4] == [0.5, 1.0, 2.0, 4.0] and max(top) == worker.BACKOFF_MAX_SECONDS
    assert worker.backoff_seconds(3, rng=lambda: 0.0) == 1.0  # half of the ceiling at the least


# --- surviving the database ------------------------------------------------------------------------------------------


def test_a_database_error_outside_a_job_does_not_end_the_loop(
    db: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls = {"n": 0}
    real = jobs.run_due_jobs

    def flaky(**kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] <= 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(worker, "run_due_jobs", flaky)
    monkeypatch.setattr(worker, "_drop_connection", lambda: None)  # the test's connection holds its transaction
    loop = worker.Loop(worker.WorkerState("w"), lanes=(Lane.DELIVERY,), poll=1, beats=False, label="deliveries")
    stop = threading.Event()
    with caplog.at_level(logging.WARNING, logger="gipz.core.worker"):
        first, second = loop.step(stop), loop.step(stop)
    assert 0.25 <= first <= 0.5 and 0.5 <= second <= 1.0  # backing off, growing
    assert loop.failures == 2 and "database unavailable" in caplog.text
    jobs.job_enqueue(kind="test.delivery", run_at=timezone.now() - timedelta(seconds=1), payload={})
    assert loop.step(stop) == 0.0  # back: it ran the due job and looks again at once
    assert loop.failures == 0 and loop.state.jobs_run == 1


def test_a_worker_that_cannot_connect_at_start_up_waits(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    refused = {"left": 2}
    real = clock.database_now

    def database_now(using: str = "default") -> Any:
        if refused["left"]:
            refused["left"] -= 1
            raise OperationalError("connection refused")
        return real(using)

    monkeypatch.setattr(clock, "database_now", database_now)
    monkeypatch.setattr(worker, "_drop_connection", lambda: None)
    monkeypatch.setattr(worker, "backoff_seconds", lambda failures: 0.01)
    state = worker.WorkerState("host:1")
    assert worker.wait_for_database(threading.Event(), state) is True
    assert refused["left"] == 0 and WorkerHeartbeat.objects.filter(name="host:1").exists()
    stop = threading.Event()
    stop.set()
    assert worker.wait_for_database(stop, worker.WorkerState("host:2")) is False  # told to stop while waiting


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend is PostgreSQL's")
def test_the_worker_loop_survives_its_connection_being_terminated() -> None:
    """What a database restart or failover does to a worker: its connection is cut from the server's side."""
    state = worker.WorkerState("w-terminated")
    loop = worker.Loop(state, lanes=(Lane.URGENT,), poll=1, beats=True, label="urgent")
    stop = threading.Event()
    assert loop.step(stop) == 1  # nothing due: it waits its poll
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    from django.db import connections

    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    state.last_beat = -1e9  # beat now: the first query after the cut fails
    assert loop.step(stop) > 0 and loop.failures == 1
    jobs.job_enqueue(kind="test.urgent", run_at=timezone.now() - timedelta(seconds=1), payload={})
    _RAN.clear()
    assert loop.step(stop) == 0.0 and _RAN == ["urgent"]  # a new connection, the job run


# --- lanes -----------------------------------------------------------------------------------------------------------


def test_the_urgent_lane_goes_before_a_thousand_due_deliveries(db: None) -> None:
    now = timezone.now()
    Job.objects.bulk_create(
        [Job(kind="test.delivery", lane=Lane.DELIVERY, run_at=now - timedelta(minutes=5), payload={})
         for _ in range(1000)]
    )  # fmt: skip
    urgent = jobs.job_enqueue(kind="test.urgent", run_at=now, payload={})
    assert urgent.lane == Lane.URGENT
    _RAN.clear()
    assert jobs.run_due_jobs(worker="w", limit=1) == 1
    assert _RAN == ["urgent"]  # due later than every delivery, run first
    # The urgent loop takes nothing else.
    assert jobs.run_due_jobs(worker="w", lanes=(Lane.URGENT,)) == 0


def test_jobs_of_several_kinds_go_in_one_insert_each_in_its_own_lane(db: None, django_assert_num_queries: Any) -> None:
    now = timezone.now()
    with django_assert_num_queries(1):
        made = jobs.jobs_plan([jobs.Planned("test.delivery", now, {"n": 1}), jobs.Planned("test.urgent", now, {})])
    assert [(job.kind, job.lane) for job in made] == [("test.delivery", Lane.DELIVERY), ("test.urgent", Lane.URGENT)]
    with pytest.raises(ValueError, match=r"unknown job kind 'test\.nobody'"):
        jobs.jobs_plan([jobs.Planned("test.urgent", now, {}), jobs.Planned("test.nobody", now, {})])
    assert Job.objects.count() == 2  # the refused batch wrote nothing


def test_escalations_reminders_and_deadlines_are_urgent_deliveries_are_not() -> None:
    assert jobs._LANES[ESCALATE_JOB] == jobs._LANES["situations.acknowledge_reminder"] == Lane.URGENT
    assert jobs._LANES["prevention.decision_deadline"] == Lane.URGENT
    assert jobs._LANES["alerts.deliver"] == jobs._LANES["api.webhook_deliver"] == Lane.DELIVERY
    assert all(lane != Lane.URGENT for kind, lane in jobs._LANES.items() if kind in jobs._LONG_LEASES)
    with pytest.raises(ValueError, match="urgent lane"):
        jobs.job_handler("test.long_urgent", lane=Lane.URGENT, long_running_seconds=60)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_urgent_loop_runs_while_the_main_loop_is_busy_with_a_long_job() -> None:
    started, release = threading.Event(), threading.Event()

    @jobs.job_handler("test.long_busy", long_running_seconds=60)
    def _long(payload: dict[str, Any]) -> None:
        started.set()
        release.wait(HANG_SECONDS)

    jobs.job_enqueue(kind="test.long_busy", run_at=timezone.now() - timedelta(seconds=1), payload={})
    _RAN.clear()
    _URGENT_RAN.clear()
    runner = threading.Thread(target=worker.worker_loop, kwargs={"stop_after": 0.1})
    runner.start()
    try:
        assert started.wait(HANG_SECONDS)
        jobs.job_enqueue(kind="test.urgent", run_at=timezone.now(), payload={})
        assert _URGENT_RAN.wait(HANG_SECONDS)
        assert not release.is_set() and _RAN == ["urgent"]  # run while the long job still held the main loop
    finally:
        release.set()
        runner.join(HANG_SECONDS)
    assert not runner.is_alive()


# --- the database's clock --------------------------------------------------------------------------------------------


def test_a_worker_whose_clock_runs_ahead_does_not_escalate_early(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, client: Client
) -> None:
    situation = intake(world)
    request = situation.care_request
    real_now = timezone.now
    Job.objects.filter(kind=ESCALATE_JOB).update(run_at=real_now() + timedelta(minutes=1))
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=10))  # this machine's clock
    assert jobs.run_due_jobs(worker="fast", lanes=(Lane.URGENT,)) == 0  # due by its clock, not by the database's
    Job.objects.filter(kind=ESCALATE_JOB).update(run_at=real_now() - timedelta(seconds=1))
    assert jobs.run_due_jobs(worker="fast", lanes=(Lane.URGENT,)) == 1
    request.refresh_from_db()
    assert abs((request.escalated_at - real_now()).total_seconds()) < 30  # stamped by the database's clock
    with caplog.at_level(logging.WARNING, logger="gipz.core.worker"):
        worker.WorkerState("fast").beat()
    assert "clock differs" in caplog.text
    monkeypatch.setattr(timezone, "now", real_now)
    assert client.get("/health/ready").json()["checks"]["worker"]["clock_off_workers"] == 1


def test_the_database_clock_is_the_servers_and_now_counts_on_inside_a_job(db: None) -> None:
    read = clock.database_now()
    assert abs((read - timezone.now()).total_seconds()) < 5 and read.tzinfo is not None
    with clock.reading(read - timedelta(hours=1)):
        assert clock.now() < timezone.now() - timedelta(minutes=59)
    assert abs((clock.now() - timezone.now()).total_seconds()) < 1  # outside a job: this process's clock


# --- the demo's worker -----------------------------------------------------------------------------------------------


def test_the_demos_worker_is_started_again_when_it_dies() -> None:
    supervisor = Supervisor([sys.executable, "-c", "raise SystemExit(3)"], name="worker", restart_after=0.01)
    thread = threading.Thread(target=supervisor.run)
    thread.start()
    restarted = _eventually(lambda: supervisor.starts >= 3)
    supervisor.stop()
    thread.join(HANG_SECONDS)
    assert restarted and not thread.is_alive()


def test_stopping_the_supervisor_ends_its_process() -> None:
    supervisor = Supervisor([sys.executable, "-c", "import time; time.sleep(600)"], name="worker")
    thread = threading.Thread(target=supervisor.run)
    thread.start()
    assert _eventually(lambda: supervisor._process is not None)
    supervisor.stop(timeout=HANG_SECONDS)
    thread.join(HANG_SECONDS)
    assert supervisor._process is not None and supervisor._process.returncode is not None
    assert supervisor.starts == 1
