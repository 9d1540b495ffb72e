"""Form handling shared by every domain's pages: a refused action or bad input shows the page again with what was
typed and a clear message (status 400), never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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


def form_action(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    *,
    success: Callable[[], HttpResponse],
    rerender: Callable[[forms.Form], HttpResponse],
) -> HttpResponse:
    """Validate, call the service with the cleaned data; on success `success()`, otherwise `rerender(form)`."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ServiceError as exc:
            show_service_error(request, form, exc)
        else:
            messages.success(request, _("Vastgelegd."))
            return success()
    else:
        invalid(request)
    return rerender(form)


def object_action(
    request: HttpRequest,
    obj: Any,
    form: forms.Form,
    call: Callable[[Any, dict[str, Any]], object],
    *,
    url_name: str,
    form_name: str,
    page: Callable[..., HttpResponse],
) -> HttpResponse:
    """A form posted from an object's page: `call(obj, data)`, then back to the page (`url_name` with the pk); on
    bad input the page again with status 400 and this form bound (`page(obj, status=400, <form_name>=form)`)."""

    def rerender(bound: forms.Form) -> HttpResponse:
        obj.refresh_from_db()
        return page(obj, status=400, **{form_name: bound})

    return form_action(
        request, form, lambda data: call(obj, data), success=lambda: redirect(url_name, pk=obj.pk), rerender=rerender
    )
