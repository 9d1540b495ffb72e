"""The situation in the admin: read-only, history is changed only through the services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gipz.core.admin import ReadOnlyAdmin
from gipz.situations.models import Situation, TimelineEvent


class TimelineInline(admin.TabularInline):
    model = TimelineEvent
    fields = ["at", "kind", "from_status", "to_status", "organisation", "actor"]  # a note may name the person
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Situation)
class SituationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "status", "urgency", "municipality", "created_at", "reporting_organisation"]
    list_filter = ["status", "urgency"]
    search_fields = ["reference"]
    date_hierarchy = "created_at"
    inlines = [TimelineInline]
    # No personal data in the admin (who, where, what happened, health): those are seen on the situation page,
    # scoped and access-logged. The admin shows what an operator needs to follow a case through the system.
    fields = [
        "reference",
        "status",
        "urgency",
        "advised_urgency",
        "municipality",
        "reporting_organisation",
        "created_at",
        "situation_type",
        "agreement",
        "accepted_at",
        "on_site_at",
        "handed_over_at",
        "closed_at",
        "cancelled_at",
    ]
