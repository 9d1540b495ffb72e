from django.contrib import admin

from gipz.core.admin import ReadOnlyAdmin
from gipz.prevention.models import PreventiveRequest


@admin.register(PreventiveRequest)
class PreventiveRequestAdmin(ReadOnlyAdmin):
    """Read-only overview for administrators; changes go through the pages (history and audit)."""

    list_display = ["reference", "event_kind", "planned_at", "status", "risk_level", "police_organisation"]
    list_filter = ["status", "event_kind", "risk_level"]
