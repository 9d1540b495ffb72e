from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from gipz.core.errors import ServiceError


def show_service_error(request: HttpRequest, form: forms.Form, exc: ServiceError) -> None:
    """Put a refused action's message on the field it is about (or the form), and on the page."""
    field = exc.field if exc.field in form.fields else None
    if exc.field == "items" and getattr(form, "item_fields", None):
        field = None
    form.add_error(field, exc.message)
    messages.error(request, exc.message)


def invalid(request: HttpRequest) -> None:
    messages.error(request, _("Controleer de gemarkeerde velden."))
