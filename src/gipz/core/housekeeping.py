"""The job table's own upkeep: finished jobs are removed after a period (the minute rollup alone adds ~525,000 a
year), and heartbeats of workers that stopped without saying so are forgotten after a day."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from gipz.core.jobs import job_handler, recurring
from gipz.core.models import Job, WorkerHeartbeat

PURGE_JOB = "core.purge_jobs"
BATCH = 5000  # rows per DELETE, so a first purge of a large table holds no lock for long

log = logging.getLogger(__name__)


def purge_finished_jobs(*, now: datetime) -> int:
    """Delete done jobs older than GIPZ_JOB_KEEP_DAYS and failed ones older than GIPZ_FAILED_JOB_KEEP_DAYS."""
    removed = 0
    for status, days in ((Job.Status.DONE, settings.GIPZ_JOB_KEEP_DAYS),
                         (Job.Status.FAILED, settings.GIPZ_FAILED_JOB_KEEP_DAYS)):  # fmt: skip
        old = Job.objects.filter(status=status, finished_at__lt=now - timedelta(days=days))
        while ids := list(old.values_list("pk", flat=True)[:BATCH]):
            removed += Job.objects.filter(pk__in=ids).delete()[0]
    WorkerHeartbeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    if removed:
        log.info("finished jobs purged", extra={"removed": removed})
    return removed


@job_handler(PURGE_JOB, long_running_seconds=1800)
def run_purge(payload: dict[str, Any]) -> None:
    purge_finished_jobs(now=timezone.now())


recurring(PURGE_JOB, every=timedelta(hours=1))
