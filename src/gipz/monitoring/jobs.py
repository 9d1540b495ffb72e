from datetime import timedelta
from typing import Any

from gipz.core.jobs import job_handler, recurring
from gipz.monitoring.rollups import refresh_dirty

ROLLUP_JOB = "monitoring.rollups"


@job_handler(ROLLUP_JOB, long_running_seconds=600)
def refresh_rollups(payload: dict[str, Any]) -> None:
    """Every minute: recompute the months something changed in, until none is stale."""
    while refresh_dirty():
        pass


recurring(ROLLUP_JOB, every=timedelta(minutes=1))
