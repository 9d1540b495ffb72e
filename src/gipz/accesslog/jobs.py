from __future__ import annotations

from datetime import timedelta
from typing import Any

from gipz.accesslog.log import access_log_checkpoint
from gipz.core.jobs import job_handler, recurring

# The kind keeps the name it had when the privacy app held the log: queued rows stay runnable.
CHECKPOINT_JOB = "privacy.accesslog_checkpoint"


@job_handler(CHECKPOINT_JOB)
def write_checkpoint(payload: dict[str, Any]) -> None:
    """Every five minutes: the access log's head, written outside the database (docs/privacy.md)."""
    access_log_checkpoint()


recurring(CHECKPOINT_JOB, every=timedelta(minutes=5))
