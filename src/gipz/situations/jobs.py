from typing import Any

from gipz.core.jobs import job_handler
from gipz.situations.services.intake import ESCALATE_JOB, REMIND_JOB
from gipz.situations.services.response import care_request_escalate, care_request_remind


@job_handler(ESCALATE_JOB)
def escalate(payload: dict[str, Any]) -> None:
    care_request_escalate(request_id=int(payload["request_id"]))


@job_handler(REMIND_JOB)
def remind(payload: dict[str, Any]) -> None:
    care_request_remind(request_id=int(payload["request_id"]))
