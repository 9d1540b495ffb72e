"""Form handling shared by every domain's pages: a refused action or bad input shows the page again with what was
typed and a clear message (status 400), never a 500.

- `form_page`: a page with one form. GET shows it; POST validates, calls the service and, on success, says so and
  redirects. Every page that posts a form goes through it (or through `object_action` / `post_action`, which use it).
- `object_action`: a form posted from an object's page, which is shown again with the bound form on bad input.
- `post_action`: a button without a form page of its own (copy, discard, mark read); a refusal is a message on the
  page it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from gipz.core.errors import ServiceError

Page = Callable[[forms.Form, int], HttpResponse]  # (form, status) -> the page with that form


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
    call: Callable[[dict[str, Any]], Any],
    *,
    success: Callable[[Any], HttpResponse],
    rerender: Callable[[forms.Form], HttpResponse],
    message: str | Callable[[Any], str] | None = None,
    formsets: Sequence[forms.BaseFormSet] = (),  # type: ignore[type-arg]
) -> HttpResponse:
    """Validate (the form and any formsets posted with it), call the service with the cleaned data; on success show
    `message` (a text, or made from what the service returned; default 'Vastgelegd.') and return `success(result)`,
    otherwise `rerender(form)`."""
    if all([form.is_valid(), *(formset.is_valid() for formset in formsets)]):
        try:
            result = call(form.cleaned_data)
        except ServiceError as exc:
            show_service_error(request, form, exc)
        else:
            text = message(result) if callable(message) else message
            messages.success(request, text or _("Vastgelegd."))
            return success(result)
    else:
        invalid(request)
    return rerender(form)


def form_page(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    *,
    page: Page,
    success: Callable[[Any], HttpResponse],
    message: str | Callable[[Any], str] | None = None,
    formsets: Sequence[forms.BaseFormSet] = (),  # type: ignore[type-arg]
) -> HttpResponse:
    """A page with one form (and its formsets): GET renders `page(form, 200)`; POST is `form_action`, re-rendering
    with status 400."""
    if request.method != "POST":
        return page(form, 200)
    return form_action(
        request,
        form,
        call,
        success=success,
        rerender=lambda bound: page(bound, 400),
        message=message,
        formsets=formsets,
    )


def object_action(
    request: HttpRequest,
    obj: Any,
    form: forms.Form,
    call: Callable[[Any, dict[str, Any]], object],
    *,
    url_name: str,
    form_name: str,
    page: Callable[..., HttpResponse],
    message: str | None = None,
) -> HttpResponse:
    """A form posted from an object's page: `call(obj, data)`, then back to the page (`url_name` with the pk); on
    bad input the page again with status 400 and this form bound (`page(obj, status=400, <form_name>=form)`)."""

    def rerender(bound: forms.Form) -> HttpResponse:
        obj.refresh_from_db()
        return page(obj, status=400, **{form_name: bound})

    return form_action(
        request,
        form,
        lambda data: call(obj, data),
        success=lambda _result: redirect(url_name, pk=obj.pk),
        rerender=rerender,
        message=message,
    )


def post_action(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    success: Callable[[Any], HttpResponse],
    failure: Callable[[], HttpResponse],
    message: str | Callable[[Any], str] | None = None,
) -> HttpResponse:
    """A button posted without a form of its own: on a refusal its message on the page `failure()` leads to."""
    try:
        result = call()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return failure()
    if message:
        messages.success(request, message(result) if callable(message) else message)
    return success(result)
