from django.contrib import admin

from gipz.agreements.models import DutyShift, ResponsePolicy, ServiceArea


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    filter_horizontal = ["municipalities"]


@admin.register(DutyShift)
class DutyShiftAdmin(admin.ModelAdmin):
    list_display = ["team", "area", "role", "starts_at", "ends_at"]
    list_filter = ["role", "area"]
    date_hierarchy = "starts_at"


admin.site.register(ResponsePolicy)
