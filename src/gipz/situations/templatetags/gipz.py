from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _

from gipz.situations.models import Status
from gipz.situations.texts import CARE_INDICATOR_LABELS, TIMELINE_KINDS, TRIAGE_ADVICE, TRIAGE_REASONS

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A timedelta as '1 u 05 min' or '12 min'."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(h)d u %(m)02d min") % {"h": hours, "m": minutes}
    return _("%(m)d min") % {"m": minutes}


@register.filter
def reason_text(code: str) -> str:
    return str(TRIAGE_REASONS.get(code, code))


@register.filter
def advice_text(code: str) -> str:
    return str(TRIAGE_ADVICE.get(code, code))


@register.filter
def indicator_text(code: str) -> str:
    return str(CARE_INDICATOR_LABELS.get(code, code))


@register.filter
def event_text(code: str) -> str:
    return str(TIMELINE_KINDS.get(code, code))


@register.filter
def status_text(code: str) -> str:
    return str(Status(code).label) if code in Status.values else code
