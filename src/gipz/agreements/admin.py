from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gipz.agreements.models import AgreementVersion, DutyShift, ServiceArea


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    filter_horizontal = ["municipalities"]


@admin.register(DutyShift)
class DutyShiftAdmin(admin.ModelAdmin):
    list_display = ["team", "area", "role", "starts_at", "ends_at"]
    list_filter = ["role", "area"]
    date_hierarchy = "starts_at"


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    """Read-only: versions are drafted and approved on /werkafspraken/ through the services (history and audit)."""

    list_display = ["title", "safety_region", "municipality", "number", "status", "effective_from"]
    list_filter = ["status", "safety_region"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
