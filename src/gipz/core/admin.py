from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gipz.core.models import AuditEvent, Job


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and audit rows are changed only through the services, never by hand."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "event_type", "object_type", "object_id", "actor", "organisation"]
    list_filter = ["event_type", "object_type"]
    search_fields = ["object_id"]
    date_hierarchy = "at"


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["kind", "run_at", "status", "attempts", "claimed_by", "claimed_until"]
    list_filter = ["status", "kind"]
    readonly_fields = [
        "kind",
        "payload",
        "run_at",
        "claimed_by",
        "claimed_until",
        "attempts",
        "last_error",
        "created_at",
        "finished_at",
    ]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
