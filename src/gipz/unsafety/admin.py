from django.contrib import admin

from gipz.core.admin import ReadOnlyAdmin
from gipz.unsafety.models import UnsafeReport


@admin.register(UnsafeReport)
class UnsafeReportAdmin(ReadOnlyAdmin):
    """Read-only overview for administrators; changes go through the pages (history and audit)."""

    list_display = ["reference", "severity_code", "vpt", "acute", "status", "created_at", "police_organisation"]
    list_filter = ["status", "severity_code", "vpt", "acute"]
    # No personal data in the admin: location and what happened are on the report's page (scoped, logged).
    fields = [
        "status",
        "severity_code",
        "vpt",
        "acute",
        "request_kind",
        "care_organisation",
        "police_organisation",
        "municipality",
        "created_at",
        "response_deadline",
        "responded_at",
        "response_kind",
        "aangifte",
    ]
