"""`gipz worker`: the loops that run due jobs (core/jobs.py), and what keeps them going through a night.

A worker process runs two loops. The urgent loop takes only the urgent lane (escalations, reminders, deadlines)
and polls every second, so an escalation fires within seconds of its deadline whatever the other loop is doing;
it also writes the heartbeat, so a worker whose loop is stuck or dead shows on /health/ready within
GIPZ_HEALTH_WORKER_MAX_AGE_SECONDS. The main loop takes every lane, urgent first, then deliveries, then background
work. A database that goes away (a restart, a failover, `pg_terminate_backend`, SQLite's lock held too long) never
ends a loop: it logs the outage, drops its connection, waits with a growing, jittered back-off and goes on; a
worker that cannot reach the database when it starts waits the same way.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from gipz.core import clock
from gipz.core.jobs import ALL_LANES, ensure_recurring, run_due_jobs, worker_name
from gipz.core.models import Lane, WorkerHeartbeat

log = logging.getLogger(__name__)

URGENT_POLL_SECONDS = 1.0
BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 30.0


def backoff_seconds(failures: int, *, rng: Callable[[], float] = random.random) -> float:
    """How long to wait after this many failures in a row: doubling from half a second to 30 s, each wait between
    half and the whole of that, so workers that lost the database together do not all come back at once."""
    ceiling = min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2 ** max(0, failures - 1))
    return ceiling * (0.5 + 0.5 * rng())


@dataclass
class WorkerState:
    name: str
    jobs_run: int = 0
    skew_seconds: float = 0.0
    last_beat: float = field(default=-1e9)  # monotonic
    skew_reported: bool = False

    def beat(self) -> None:
        """Write the heartbeat, stamped by the database's clock, and compare this machine's clock with it."""
        local = timezone.now()
        db = clock.database_now()
        self.skew_seconds = clock.skew_seconds(db, local)
        off = abs(self.skew_seconds) > clock.SKEW_WARNING_SECONDS
        if off and not self.skew_reported:
            log.warning(
                "worker clock differs from the database's; deadlines follow the database",
                extra={"event": "worker.clock_skew", "worker": self.name, "skew_seconds": round(self.skew_seconds)},
            )
        self.skew_reported = off
        WorkerHeartbeat.objects.update_or_create(
            name=self.name,
            defaults={"beat_at": db, "jobs_run": self.jobs_run, "clock_skew_seconds": self.skew_seconds},
            create_defaults={"beat_at": db, "started_at": db, "jobs_run": self.jobs_run,
                             "clock_skew_seconds": self.skew_seconds},
        )  # fmt: skip
        self.last_beat = time.monotonic()

    def beat_if_due(self) -> None:
        if time.monotonic() - self.last_beat >= settings.GIPZ_WORKER_HEARTBEAT_SECONDS:
            self.beat()


class Loop:
    """One loop over some lanes. `step()` never raises: a failure is logged and answered with a back-off."""

    def __init__(self, state: WorkerState, *, lanes: tuple[int, ...], poll: float, beats: bool, label: str) -> None:
        self.state, self.lanes, self.poll, self.beats, self.label = state, lanes, poll, beats, label
        self.failures = 0

    def step(self, stop: threading.Event) -> float:
        """One pass; returns how long to wait before the next (0 when there may be more to do)."""
        try:
            if self.beats:
                self.state.beat_if_due()
            if self.lanes == ALL_LANES:
                ensure_recurring(now=clock.database_now())
            ran = run_due_jobs(worker=self.state.name, lanes=self.lanes, stopping=stop.is_set)
        except Exception as exc:
            self.failures += 1
            wait = backoff_seconds(self.failures)
            database = isinstance(exc, DatabaseError)
            (log.warning if database else log.exception)(
                "worker loop: %s; trying again in %.1f s",
                "database unavailable" if database else "unexpected error",
                wait,
                extra={"event": "worker.outage", "loop": self.label, "failures": self.failures,
                       "error": type(exc).__name__},
            )  # fmt: skip
            _drop_connection()
            return wait
        if self.failures:
            log.info("worker loop: database back", extra={"event": "worker.recovered", "loop": self.label,
                     "failures": self.failures})  # fmt: skip
            self.failures = 0
        self.state.jobs_run += ran
        return 0.0 if ran else self.poll

    def run(self, stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                wait = self.step(stop)
                if wait:
                    stop.wait(wait)
        finally:
            _drop_connection()


def _drop_connection() -> None:
    try:
        connection.close()
    except Exception:  # a connection that cannot even close is replaced on the next query
        log.debug("closing the database connection failed", exc_info=True)


def wait_for_database(stop: threading.Event, state: WorkerState) -> bool:
    """At start-up: wait (with back-off) until the database answers; False if told to stop meanwhile."""
    failures = 0
    while not stop.is_set():
        try:
            state.beat()
            return True
        except DatabaseError as exc:
            failures += 1
            wait = backoff_seconds(failures)
            log.warning(
                "worker waits for the database (%.1f s)",
                wait,
                extra={"event": "worker.waiting", "failures": failures, "error": type(exc).__name__},
            )
            _drop_connection()
            stop.wait(wait)
    return False


def worker_loop(*, once: bool = False, stop_after: float | None = None, urgent_thread: bool = True) -> None:
    """Run due jobs until stopped. SIGTERM or SIGINT lets the job at hand finish, then the worker removes its
    heartbeat and exits (systemd and process managers stop it that way). `urgent_thread=False` runs everything in
    the calling thread (tests inside one database transaction)."""
    started = time.monotonic()
    state = WorkerState(worker_name())
    stop = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous[signum] = signal.signal(signum, lambda *_: stop.set())
    main = Loop(state, lanes=ALL_LANES, poll=settings.GIPZ_WORKER_POLL_SECONDS, beats=not urgent_thread,
                label="main")  # fmt: skip
    urgent = Loop(state, lanes=(Lane.URGENT,), poll=URGENT_POLL_SECONDS, beats=True, label="urgent")
    thread: threading.Thread | None = None
    try:
        if not wait_for_database(stop, state):
            return
        log.info("worker started", extra={"event": "worker.started", "worker": state.name})
        if once:
            main.step(stop)
            return
        while not stop.is_set():
            if urgent_thread and (thread is None or not thread.is_alive()):
                # Loop.run does not raise; should the thread still end (a bug), it is started again.
                thread = threading.Thread(target=urgent.run, args=(stop,), name="gipz-urgent-lane", daemon=True)
                thread.start()
            wait = main.step(stop)
            if stop_after is not None and time.monotonic() - started > stop_after:
                return
            if wait:
                stop.wait(min(wait, BACKOFF_MAX_SECONDS))
    finally:
        stop.set()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if thread is not None:
            thread.join(timeout=30)
        try:
            WorkerHeartbeat.objects.filter(name=state.name).delete()
        except DatabaseError:  # the row grows old and /health/ready stops counting it
            log.warning("worker stopped without removing its heartbeat (database unavailable)")
        log.info("worker stopped", extra={"event": "worker.stopped", "worker": state.name,
                 "jobs_run": state.jobs_run})  # fmt: skip
