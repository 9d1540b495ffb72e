"""iCalendar export of activities (RFC 5545) with the icalendar library, so people put them in their own agenda."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from gipz.learning.models import Activity


def calendar_for(activities: Iterable[Activity]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//GIPZ//Samen leren//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "GIPZ samen leren")
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS and settings.ALLOWED_HOSTS[0] != "*" else "gipz.local"
    for activity in activities:
        event = Event()
        event.add("uid", f"activity-{activity.pk}@{host}")
        event.add("dtstamp", activity.created_at)
        event.add("dtstart", activity.starts_at)
        event.add("dtend", activity.ends_at)
        event.add("summary", activity.title)
        event.add(
            "description", f"{activity.get_kind_display()} — {activity.host_organisation}\n\n{activity.description}"
        )
        event.add("location", activity.location)
        event.add("status", "CANCELLED" if activity.cancelled_at else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]
