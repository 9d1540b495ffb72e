"""The access log in the admin: read-only, for operators only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gipz.accesslog.models import AccessLogEntry
from gipz.core.admin import ReadOnlyAdmin


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    """The whole log, across organisations: for operators (superusers) only. Privacy officers use /privacy/,
    which shows their own organisation's reach."""

    list_display = ["seq", "at", "action", "object_type", "object_id", "user", "organisation", "person_id"]
    list_filter = ["action", "object_type"]
    date_hierarchy = "at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)
