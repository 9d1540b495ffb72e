from django.contrib import admin

from gipz.core.admin import AuditedAdmin
from gipz.geo.models import Municipality, SafetyRegion

admin.site.register(SafetyRegion, AuditedAdmin)


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["code", "name", "safety_region", "population", "active"]
    search_fields = ["code", "name"]
