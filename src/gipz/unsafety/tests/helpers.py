from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from conftest import World
from gipz.unsafety.services import UnsafeReportData, unsafe_report_create


def report(world: World, **changes: Any) -> Any:
    now = timezone.now()
    data: dict[str, Any] = {
        "police_organisation_id": world.police.pk,
        "municipality_id": world.utrecht.pk,
        "setting": "inside",
        "location": "Fictieve kliniek, afdeling 3",
        "occurred_at": now - timedelta(hours=1),
        "description": "Cliënt bedreigde een verpleegkundige met een stoel.",
        "severity_code": "2",
        "request_kind": "aangifte_support",
        **changes,
    }
    return unsafe_report_create(actor=world.care_actor, data=UnsafeReportData(**data))
