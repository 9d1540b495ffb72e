"""The administrator's webhook pages: endpoints of their own organisation, the secret shown once, the delivery log.
Outside the administrator's organisation the pages do not exist (404)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.api import webhooks
from gipz.api.models import WebhookDelivery
from gipz.core.access import get_in_scope
from gipz.core.events import EVENT_TYPES
from gipz.core.views import form_page, post_action

EVENT_LABELS = {
    "request.routed": gettext_lazy("Een verzoek is naar ons gerouteerd"),
    "request.accepted": gettext_lazy("Het verzoek is geaccepteerd"),
    "situation.handed_over": gettext_lazy("De melding is overgedragen"),
    "situation.closed": gettext_lazy("De melding is afgesloten"),
    "information_request.received": gettext_lazy("Een informatieverzoek voor onze informatiedesk"),
}


def _labels(codes: list[str]) -> str:
    return ", ".join(str(EVENT_LABELS.get(code, code)) for code in codes)


class WebhookForm(forms.Form):
    url = forms.URLField(label=gettext_lazy("Adres (https)"), max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        label=gettext_lazy("Gebeurtenissen"),
        choices=[(code, EVENT_LABELS[code]) for code in EVENT_TYPES],
        widget=forms.CheckboxSelectMultiple,
    )


def _endpoints(actor: Actor) -> Any:
    # The role matrix already answers 404 to anyone but an administrator; this keeps it so if the matrix changes.
    if not webhooks.may_manage(actor):
        raise Http404
    return webhooks.endpoints_for(actor)


@actor_required
def webhook_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    endpoints = _endpoints(actor)
    form = WebhookForm(request.POST or None)

    def page(bound: forms.Form, status: int, created: Any = None) -> HttpResponse:
        return render(
            request,
            "api/webhooks.html",
            {"form": bound, "endpoints": [(e, _labels(e.event_types)) for e in endpoints], "created": created},
            status=status,
        )

    def create(data: dict[str, Any]) -> Any:
        return webhooks.endpoint_create(actor=actor, url=data["url"], event_types=data["event_types"])

    # The secret is shown on the answer to the POST itself, once; it is not kept in a session or a redirect.
    return form_page(request, form, create, page=page, success=lambda new: page(WebhookForm(), 201, new))


@actor_required
def webhook_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    endpoint = get_in_scope(_endpoints(actor), pk=pk)
    deliveries = [
        (d, EVENT_LABELS.get(d.event_type, d.event_type))
        for d in WebhookDelivery.objects.filter(endpoint=endpoint)[:100]
    ]
    context = {"endpoint": endpoint, "events": _labels(endpoint.event_types), "deliveries": deliveries}
    return render(request, "api/webhook.html", context)


@require_POST
@actor_required
def webhook_deactivate(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    endpoint = get_in_scope(_endpoints(actor), pk=pk)
    return post_action(
        request,
        lambda: webhooks.endpoint_deactivate(actor=actor, endpoint_id=endpoint.pk),
        success=lambda _e: redirect("webhook", pk=endpoint.pk),
        failure=lambda: redirect("webhook", pk=endpoint.pk),
        message=_("Webhook uitgeschakeld; wachtende afleveringen zijn vervallen."),
    )
