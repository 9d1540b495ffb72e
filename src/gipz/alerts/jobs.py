from typing import Any

from gipz.alerts.delivery import DELIVER_JOB, deliver
from gipz.core.jobs import job_handler
from gipz.core.models import Lane
from gipz.core.outbound import CLAIM_SECONDS


# Outside a transaction (a long-running job's way): the send holds no lock while a channel takes its time.
@job_handler(DELIVER_JOB, lane=Lane.DELIVERY, long_running_seconds=CLAIM_SECONDS)
def deliver_alert(payload: dict[str, Any]) -> None:
    deliver(delivery_id=int(payload["delivery_id"]))
