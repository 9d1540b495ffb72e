from django.contrib import admin

from gipz.geo.models import Municipality, SafetyRegion

admin.site.register(SafetyRegion)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "safety_region", "population", "active"]
    search_fields = ["code", "name"]
