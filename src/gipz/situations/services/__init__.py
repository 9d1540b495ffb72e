"""Writes for situations. Every function is keyword-only, takes the acting user, and runs in one transaction."""

from gipz.situations.services.closing import (
    evaluation_submit,
    follow_up_add,
    follow_up_update,
    situation_close,
)
from gipz.situations.services.intake import IntakeData, situation_create, situation_request_crisis
from gipz.situations.services.response import (
    care_request_accept,
    care_request_escalate,
    handover_confirm_police,
    handover_submit,
    notifications_mark_read,
    situation_cancel,
    situation_en_route,
    situation_on_site,
    situation_retriage,
)

__all__ = [
    "IntakeData",
    "care_request_accept",
    "care_request_escalate",
    "evaluation_submit",
    "follow_up_add",
    "follow_up_update",
    "handover_confirm_police",
    "handover_submit",
    "notifications_mark_read",
    "situation_cancel",
    "situation_close",
    "situation_create",
    "situation_en_route",
    "situation_on_site",
    "situation_request_crisis",
    "situation_retriage",
]
