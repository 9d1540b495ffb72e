from django.contrib import admin

from gipz.core.admin import ReadOnlyAdmin
from gipz.prevention.models import PreventiveRequest


@admin.register(PreventiveRequest)
class PreventiveRequestAdmin(ReadOnlyAdmin):
    """Read-only overview for administrators; changes go through the pages (history and audit)."""

    list_display = ["reference", "event_kind", "planned_at", "status", "risk_level", "police_organisation"]
    list_filter = ["status", "event_kind", "risk_level"]
    # No personal data in the admin: location, descriptions and reasons are on the request's page (scoped, logged).
    fields = [
        "status",
        "event_kind",
        "planned_at",
        "risk_level",
        "care_organisation",
        "police_organisation",
        "municipality",
        "created_at",
        "decision",
        "decision_deadline",
        "decided_at",
        "outcome",
    ]
