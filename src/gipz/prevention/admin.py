from django.contrib import admin

from gipz.prevention.models import PreventiveRequest


@admin.register(PreventiveRequest)
class PreventiveRequestAdmin(admin.ModelAdmin):
    """Read-only overview for administrators; changes go through the pages (history and audit)."""

    list_display = ["reference", "event_kind", "planned_at", "status", "risk_level", "police_organisation"]
    list_filter = ["status", "event_kind", "risk_level"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
