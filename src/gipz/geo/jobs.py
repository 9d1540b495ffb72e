from datetime import timedelta
from typing import Any

from django.utils import timezone

from gipz.core.jobs import job_handler, recurring
from gipz.geo.changes import apply_due

CHANGES_JOB = "geo.apply_changes"


@job_handler(CHANGES_JOB)
def apply_changes(payload: dict[str, Any]) -> None:
    """Daily: apply the municipal changes whose legal date has come (`gipz municipalities apply`)."""
    apply_due(today=timezone.localdate())


recurring(CHANGES_JOB, every=timedelta(days=1))
