from typing import Any

from gipz.core import clock
from gipz.core.jobs import job_handler
from gipz.core.models import Lane
from gipz.situations.services.intake import ESCALATE_JOB, REMIND_JOB
from gipz.situations.services.response import care_request_escalate, care_request_remind


# The urgent lane: someone is waiting on the street. Stamped by the database's clock, not the worker's.
@job_handler(ESCALATE_JOB, lane=Lane.URGENT)
def escalate(payload: dict[str, Any]) -> None:
    care_request_escalate(request_id=int(payload["request_id"]), now=clock.now())


@job_handler(REMIND_JOB, lane=Lane.URGENT)
def remind(payload: dict[str, Any]) -> None:
    care_request_remind(request_id=int(payload["request_id"]), now=clock.now())
