"""A user's own alert channels: e-mail, SMS, and Web Push on each device they subscribe."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.alerts import selectors, services
from gipz.alerts.channels import push, sms
from gipz.alerts.forms import AlertSettingsForm
from gipz.core.views import form_page

MAX_SUBSCRIPTION_BYTES = 4096


@actor_required
def alert_settings(request: HttpRequest, actor: Actor) -> HttpResponse:
    current = selectors.settings_of(actor.user)
    form = AlertSettingsForm(
        request.POST or None, initial={"email": current.email, "sms": current.sms, "phone": current.phone}
    )

    def page(bound: Any, status: int) -> HttpResponse:
        return render(
            request,
            "alerts/settings.html",
            {
                "form": bound,
                "subscriptions": selectors.subscriptions_of(actor.user),
                "push_key": push.public_key() if push.enabled() else "",
                "sms_available": sms.enabled(),
                "email_address": actor.user.email,
            },
            status=status,
        )

    return form_page(
        request,
        form,
        lambda data: services.settings_save(
            actor=actor, email_on=data["email"], sms_on=data["sms"], phone=data["phone"]
        ),
        page=page,
        success=lambda _saved: redirect("alert-settings"),
        message=_("Uw keuze voor alarmering is bewaard."),
    )


@require_POST
@actor_required
def push_subscribe(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The browser's PushSubscription as JSON (what pushManager.subscribe() returned)."""
    try:
        if len(request.body) > MAX_SUBSCRIPTION_BYTES:
            raise ValueError
        body = json.loads(request.body)
        endpoint, keys = str(body["endpoint"]), body["keys"]
        p256dh, auth = str(keys["p256dh"]), str(keys["auth"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"detail": _("Dit is geen geldig push-abonnement.")}, status=400)
    if not endpoint.startswith("https://"):  # every browser's push service is https
        return JsonResponse({"detail": _("Een push-abonnement hoort bij een https-adres.")}, status=400)
    label = request.headers.get("User-Agent", "")[:100]
    services.subscription_save(actor=actor, endpoint=endpoint, p256dh=p256dh, auth=auth, label=label)
    return JsonResponse({"detail": _("Pushberichten staan aan op dit apparaat.")}, status=201)


@require_POST
@actor_required
def push_unsubscribe(request: HttpRequest, actor: Actor, subscription_id: int) -> HttpResponse:
    if services.subscription_delete(actor=actor, subscription_id=subscription_id):
        messages.success(request, _("Dit apparaat krijgt geen pushberichten meer."))
    return redirect("alert-settings")


@require_POST
@actor_required
def alert_test(request: HttpRequest, actor: Actor) -> HttpResponse:
    if services.alert_test(actor=actor):
        messages.success(request, _("Testbericht onderweg via de kanalen die u hebt gekozen."))
    else:
        messages.error(request, _("U hebt nog geen kanaal gekozen: zet e-mail, sms of pushberichten aan."))
    return redirect("alert-settings")
