from django.contrib import admin

from gipz.core.admin import ReadOnlyAdmin
from gipz.learning.models import Activity, ImproperCallDiscussion


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "starts_at", "capacity", "host_organisation", "cancelled_at"]
    list_filter = ["kind", "audience"]


@admin.register(ImproperCallDiscussion)
class ImproperCallDiscussionAdmin(ReadOnlyAdmin):
    list_display = ["situation", "status", "created_at", "changed_agreement"]
    list_filter = ["status"]
    fields = ["situation", "status", "created_at", "changed_agreement"]  # no notes about the case
