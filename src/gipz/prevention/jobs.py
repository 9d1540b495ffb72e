from typing import Any

from gipz.core import clock
from gipz.core.jobs import job_handler
from gipz.core.models import Lane
from gipz.prevention.services import DEADLINE_JOB, preventive_deadline_check


@job_handler(DEADLINE_JOB, lane=Lane.URGENT)
def decision_deadline(payload: dict[str, Any]) -> None:
    preventive_deadline_check(request_id=int(payload["request_id"]), now=clock.now())
