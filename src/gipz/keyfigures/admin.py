from django.contrib import admin

from gipz.core.admin import ReadOnlyAdmin
from gipz.keyfigures.models import Consult, KeyFigure


@admin.register(KeyFigure)
class KeyFigureAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "on_call", "active"]
    list_filter = ["on_call", "active", "organisation"]


@admin.register(Consult)
class ConsultAdmin(ReadOnlyAdmin):
    list_display = ["pk", "situation", "key_figure", "status", "created_at"]
    list_filter = ["status"]
    fields = ["situation", "key_figure", "asking_organisation", "status", "created_at", "answered_at"]  # no question
