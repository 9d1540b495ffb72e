from typing import Any

from gipz.alerts.services import DELIVER_JOB, deliver
from gipz.core.jobs import job_handler
from gipz.core.models import Lane


@job_handler(DELIVER_JOB, lane=Lane.DELIVERY)
def deliver_alert(payload: dict[str, Any]) -> None:
    deliver(delivery_id=int(payload["delivery_id"]))
