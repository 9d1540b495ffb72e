from datetime import timedelta
from typing import Any

from django.utils import timezone

from gipz.accesslog.log import access_log_prune
from gipz.core.jobs import job_handler, recurring
from gipz.privacy.retention import category
from gipz.privacy.services.retention import retention_run

RETENTION_JOB = "privacy.retention"


@job_handler(RETENTION_JOB, long_running_seconds=3600)
def run_retention(payload: dict[str, Any]) -> None:
    """Daily: purge what is past its period, in batches, until nothing is due; then the access log's own period."""
    while retention_run(now=timezone.now()).total:
        pass
    access_log_prune(before=timezone.now() - timedelta(days=category("access_log").days))


recurring(RETENTION_JOB, every=timedelta(days=1))
