from __future__ import annotations

from typing import Any

from gipz.core.jobs import job_handler
from gipz.simulation.services import RUN_JOB, RUN_LEASE_SECONDS, run_execute


@job_handler(RUN_JOB, long_running_seconds=RUN_LEASE_SECONDS)
def run(payload: dict[str, Any]) -> None:
    run_execute(run_id=int(payload["run_id"]))
