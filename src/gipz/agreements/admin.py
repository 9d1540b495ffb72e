from django.contrib import admin

from gipz.agreements.models import AgreementVersion, DutyShift, ServiceArea
from gipz.core.admin import AuditedAdmin, ReadOnlyAdmin


@admin.register(ServiceArea)
class ServiceAreaAdmin(AuditedAdmin):
    filter_horizontal = ["municipalities"]


@admin.register(DutyShift)
class DutyShiftAdmin(AuditedAdmin):
    list_display = ["team", "area", "role", "starts_at", "ends_at"]
    list_filter = ["role", "area"]
    date_hierarchy = "starts_at"


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    """Read-only: versions are drafted and approved on /werkafspraken/ through the services (history and audit)."""

    list_display = ["title", "safety_region", "municipality", "number", "status", "effective_from"]
    list_filter = ["status", "safety_region"]
