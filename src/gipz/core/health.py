"""Health for load balancers and monitoring: no login, no personal data, JSON.

/health/live: the process answers. /health/ready: the database answers, every migration is applied, a worker has
written a heartbeat recently (its urgent loop beats every few seconds, so a stuck or dead worker shows within
GIPZ_HEALTH_WORKER_MAX_AGE_SECONDS), and no due job has waited long; 503 with the failing check named otherwise.
Workers whose clock is off by more than a minute are counted (`clock_off_workers`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gipz.core.clock import SKEW_WARNING_SECONDS, database_now
from gipz.core.models import Job, WorkerHeartbeat

_migrated = False  # once every migration is applied, a running process need not look again


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _migrations() -> dict[str, Any]:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        _migrated = unapplied == 0
        return {"ok": _migrated, "unapplied": unapplied}
    return {"ok": True, "unapplied": 0}


def _worker(now: Any) -> dict[str, Any]:
    max_age = settings.GIPZ_HEALTH_WORKER_MAX_AGE_SECONDS
    live = Q(beat_at__gte=now - timedelta(seconds=max_age))
    off = Q(clock_skew_seconds__gt=SKEW_WARNING_SECONDS) | Q(clock_skew_seconds__lt=-SKEW_WARNING_SECONDS)
    beats = WorkerHeartbeat.objects.aggregate(
        last=Max("beat_at"), live=Count("pk", filter=live), clock_off=Count("pk", filter=live & off)
    )
    last = beats["last"]
    return {
        "ok": beats["live"] > 0,
        "workers": beats["live"],
        "last_beat_seconds": round((now - last).total_seconds(), 1) if last else None,
        "max_age_seconds": max_age,
        # Reported, not failed on: deadlines follow the database's clock, so a worker's wrong clock is for the
        # operator to fix (time sync), not a reason to take the web processes out of the load balancer.
        "clock_off_workers": beats["clock_off"],
    }


def _jobs(now: Any) -> dict[str, Any]:
    oldest = Job.objects.filter(status=Job.Status.PENDING, run_at__lte=now).aggregate(oldest=Min("run_at"))["oldest"]
    lag = (now - oldest).total_seconds() if oldest else 0.0
    limit = settings.GIPZ_HEALTH_JOB_LAG_SECONDS
    return {"ok": lag <= limit, "oldest_due_seconds": round(lag, 1), "max_lag_seconds": limit}


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {}
    try:
        now = database_now()  # heartbeats are stamped by the database's clock too
        checks["database"] = {"ok": True}
        checks["migrations"] = _migrations()
        if checks["migrations"]["ok"]:
            checks["worker"] = _worker(now)
            checks["jobs"] = _jobs(now)
    except DatabaseError as exc:
        checks["database"] = {"ok": False, "error": type(exc).__name__}
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ready" if ok else "not ready", "checks": checks}, status=200 if ok else 503)
