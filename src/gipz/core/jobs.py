"""A small database-backed job queue (Healthchecks-style): no broker, atomic claims, nothing lost on a crash.

A job is claimed with a compare-and-swap UPDATE that only succeeds while the job is pending and unclaimed (or its
claim has expired). The handler and the 'done' mark run in one transaction, so a worker killed mid-job leaves the job
pending; once its lease runs out another worker takes it. Handlers must be idempotent: they look at the current state
(an escalation handler does nothing when the request was accepted meanwhile).

Why not Celery/django-q/procrastinate: we need the same behaviour on the embedded SQLite database and on PostgreSQL,
without a broker, with a few dozen lines we can reason about.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gipz.core import clock, logcontext
from gipz.core.models import Job, Lane
from gipz.core.statemachine import StateMachine

# A job's course. Workers move jobs with compare-and-swap updates (the table is their WHERE clause); a job that
# fails goes back to pending for a retry until its attempts run out, then it is failed for good.
JOB = StateMachine(
    statuses=Job.Status,
    transitions={
        Job.Status.PENDING: frozenset({Job.Status.PENDING, Job.Status.DONE, Job.Status.FAILED}),
        Job.Status.DONE: frozenset(),
        Job.Status.FAILED: frozenset(),
    },
)

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]
_HANDLERS: dict[str, Handler] = {}
_LANES: dict[str, int] = {}
ALL_LANES = tuple(Lane.values)
# Long jobs (a capacity simulation) run outside one transaction, so they can report progress and do not hold
# SQLite's write lock for minutes; their claim is extended to this many seconds before they start.
_LONG_LEASES: dict[str, int] = {}


def job_handler(
    kind: str, *, lane: int = Lane.BACKGROUND, long_running_seconds: int | None = None
) -> Callable[[Handler], Handler]:
    """Register a handler in its lane (models.Lane). With `long_running_seconds` the handler runs outside a
    transaction (it must then make its own writes atomic and be idempotent) and keeps its claim for that long.
    Handlers that stamp a time use `clock.now()`: the database's clock."""
    if lane == Lane.URGENT and long_running_seconds is not None:
        raise ValueError("the urgent lane is for short jobs: its loop must never wait behind a long one")

    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        _LANES[kind] = int(lane)
        if long_running_seconds is not None:
            _LONG_LEASES[kind] = long_running_seconds
        return func

    return register


_RECURRING: dict[str, timedelta] = {}


def recurring(kind: str, *, every: timedelta) -> None:
    """Keep one pending job of `kind`: the worker schedules the next run `every` after the previous one."""
    _RECURRING[kind] = every


def ensure_recurring(*, now: datetime) -> int:
    """Schedule the next run of each recurring job that has none pending. Two workers may both schedule one;
    recurring handlers are idempotent, so the second run finds nothing to do."""
    scheduled = 0
    for kind, every in _RECURRING.items():
        if Job.objects.filter(kind=kind, status=Job.Status.PENDING).exists():
            continue
        last = Job.objects.filter(kind=kind).order_by("-run_at").values_list("run_at", flat=True).first()
        job_enqueue(kind=kind, run_at=max(now, last + every) if last else now, payload={})
        scheduled += 1
    return scheduled


class Planned(NamedTuple):
    """A job to enqueue: its kind, when it is due and what it gets."""

    kind: str
    run_at: datetime
    payload: dict[str, Any]


def job_enqueue(*, kind: str, run_at: datetime, payload: dict[str, Any]) -> Job:
    return jobs_plan([Planned(kind, run_at, payload)])[0]


def jobs_enqueue(*, kind: str, run_at: datetime, payloads: list[dict[str, Any]]) -> list[Job]:
    """Jobs of one kind in one INSERT (an alert to a whole team)."""
    return jobs_plan([Planned(kind, run_at, payload) for payload in payloads])


def jobs_plan(planned: list[Planned]) -> list[Job]:
    """Jobs of any kinds in one INSERT (a care request's escalation and reminder), each in its kind's lane."""
    unknown = sorted({p.kind for p in planned} - _HANDLERS.keys())
    if unknown:
        raise ValueError(f"unknown job kind {unknown[0]!r}")
    if not planned:
        return []
    # The request that caused the job, so the worker's log lines can be followed back to it.
    request_id = logcontext.request_id()
    return Job.objects.bulk_create(
        [
            Job(kind=p.kind, lane=_LANES.get(p.kind, Lane.BACKGROUND), run_at=p.run_at, payload=p.payload,
                request_id=request_id)
            for p in planned
        ]
    )  # fmt: skip


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim_next(
    *, worker: str, now: datetime, lanes: Iterable[int] = ALL_LANES, skip: frozenset[int] = frozenset()
) -> Job | None:
    """The next due job, urgent lane first, then the oldest; `now` is the database's clock."""
    lease = timedelta(seconds=settings.GIPZ_WORKER_LEASE_SECONDS)
    claimable = Q(status=Job.Status.PENDING, run_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )
    candidates = (
        Job.objects.filter(claimable, lane__in=list(lanes))
        .exclude(pk__in=skip)
        .order_by("lane", "run_at")
        .values_list("id", flat=True)
    )
    for job_id in candidates[:10]:
        # Compare-and-swap: only one worker's UPDATE matches the still-claimable row.
        won = Job.objects.filter(claimable, pk=job_id).update(claimed_by=worker, claimed_until=now + lease)
        if won:
            return Job.objects.get(pk=job_id)
    return None


def _run_long(job: Job, handler: Handler, *, worker: str, now: datetime) -> None:
    if not _count_attempt(job, worker=worker):
        return
    lease = now + timedelta(seconds=_LONG_LEASES[job.kind])
    mine = Job.objects.filter(pk=job.pk, claimed_by=worker, status=Job.Status.PENDING).update(claimed_until=lease)
    if not mine:
        return
    handler(job.payload)
    Job.objects.filter(pk=job.pk, claimed_by=worker, status__in=JOB.sources(Job.Status.DONE)).update(
        status=Job.Status.DONE, finished_at=timezone.now()
    )


MAX_ATTEMPTS = 5


def _count_attempt(job: Job, *, worker: str) -> bool:
    """Count the attempt in its own commit before the handler runs, so an attempt that kills the worker (and rolls
    back the handler's transaction) still counts; a job that has used up its attempts that way is failed, not run
    forever. False when the claim is no longer ours or the job is given up."""
    if job.attempts >= MAX_ATTEMPTS:
        given_up = Job.objects.filter(pk=job.pk, claimed_by=worker, status=Job.Status.PENDING).update(
            status=Job.Status.FAILED,
            finished_at=timezone.now(),
            last_error=(job.last_error or "")[:1500]
            + f"\ngiven up: {job.attempts} attempts without finishing (the worker stopped during each)",
        )
        if given_up:
            log.error("job given up after %s attempts", job.attempts)
        return False
    return bool(
        Job.objects.filter(pk=job.pk, claimed_by=worker, status=Job.Status.PENDING).update(attempts=job.attempts + 1)
    )


def _run(job: Job, *, worker: str, now: datetime) -> None:
    handler = _HANDLERS.get(job.kind)
    if handler is not None and job.kind in _LONG_LEASES:
        try:
            _run_long(job, handler, worker=worker, now=now)
        except Exception as exc:  # a failing job must not stop the worker; it is retried, then marked failed
            _failed(job, exc, now=now)
        return
    if not _count_attempt(job, worker=worker):
        return
    try:
        with transaction.atomic():
            # Re-check inside the transaction that the claim is still ours (a slow worker may have lost it). The
            # UPDATE also locks the row until the commit, so a worker whose lease ran out meanwhile cannot claim it.
            mine = Job.objects.filter(pk=job.pk, claimed_by=worker, status=Job.Status.PENDING).update(claimed_by=worker)
            if not mine:
                return
            if handler is None:
                raise LookupError(f"no handler for job kind {job.kind!r}")
            handler(job.payload)
            Job.objects.filter(pk=job.pk, status__in=JOB.sources(Job.Status.DONE)).update(
                status=Job.Status.DONE, finished_at=timezone.now()
            )
    except Exception as exc:  # a failing job must not stop the worker; it is retried, then marked failed
        _failed(job, exc, now=now)


def _failed(job: Job, exc: Exception, *, now: datetime) -> None:
    attempts = job.attempts + 1  # counted before the handler ran
    final = attempts >= MAX_ATTEMPTS
    log.exception("job failed%s", " for good" if final else ", will retry", extra={"attempts": attempts})
    Job.objects.filter(pk=job.pk, status=Job.Status.PENDING).update(
        last_error=repr(exc)[:2000],
        claimed_until=now + timedelta(seconds=30 * attempts),  # back off before the next attempt
        status=Job.Status.FAILED if final else Job.Status.PENDING,
        finished_at=timezone.now() if final else None,
    )


def run_due_jobs(
    *,
    worker: str | None = None,
    now: datetime | None = None,
    limit: int = 100,
    lanes: Iterable[int] = ALL_LANES,
    stopping: Callable[[], bool] = lambda: False,
) -> int:
    """Run every job that is due now in these lanes, urgent first; returns how many were run. Used by the worker
    loop and by tests. Between jobs it asks `stopping()`, so a worker told to stop finishes the job at hand and
    takes no next one. Without `now`, what is due is decided by the database's clock."""
    worker = worker or worker_name()
    lanes = tuple(lanes)
    done: set[int] = set()  # a job that failed in this pass waits for its back-off, not for the next loop
    # One reading of the database's clock per pass, counted on by this process's monotonic clock (clock.now()); a
    # given `now` (tests) is the moment of every claim.
    with clock.reading(now or clock.database_now()):
        while len(done) < limit and not stopping():
            moment = now or clock.now()
            job = _claim_next(worker=worker, now=moment, lanes=lanes, skip=frozenset(done))
            if job is None:
                break
            with (
                logcontext.bound(request_id=job.request_id, job_id=job.pk, job_kind=job.kind),
                clock.reading(moment),
            ):
                _run(job, worker=worker, now=moment)
            done.add(job.pk)
    return len(done)
