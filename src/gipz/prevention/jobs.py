from typing import Any

from gipz.core.jobs import job_handler
from gipz.prevention.services import DEADLINE_JOB, preventive_deadline_check


@job_handler(DEADLINE_JOB)
def decision_deadline(payload: dict[str, Any]) -> None:
    preventive_deadline_check(request_id=int(payload["request_id"]))
