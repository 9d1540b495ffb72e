from typing import Any

from gipz.alerts.services import DELIVER_JOB, deliver
from gipz.core.jobs import job_handler


@job_handler(DELIVER_JOB)
def deliver_alert(payload: dict[str, Any]) -> None:
    deliver(delivery_id=int(payload["delivery_id"]))
