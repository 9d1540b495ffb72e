"""Signed webhooks: notified pull (docs/api.md, *Webhooks*).

An organisation's administrator registers endpoints for event types. When such an event happens (core.events), a
delivery is written in the same transaction and sent by a job after the commit: a small JSON body — event type,
reference, time and the API link to pull — never personal data, signed the Standard Webhooks way (`webhook-id`,
`webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>` over `id.timestamp.body`) with the endpoint's own
secret. Sent the way everything leaves the platform (core/outbound.py): claimed with one UPDATE, posted outside any
transaction, each attempt recorded in a short one; failed deliveries are retried after 10 s, 30 s, 1, 5 and 15
minutes, then hourly, eight attempts in all, then marked failed; every attempt's outcome is in the delivery log the
administrator sees. Secrets are stored encrypted with a key derived from GIPZ_SECRET_KEY.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

from gipz.accounts.actor import Actor
from gipz.accounts.models import Role
from gipz.api.models import WebhookDelivery, WebhookEndpoint
from gipz.core import clock
from gipz.core.audit import audit_record
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.events import EVENT_TYPES, DomainEvent, domain_event
from gipz.core.jobs import job_enqueue, job_handler
from gipz.core.memo import memo
from gipz.core.models import Lane
from gipz.core.outbound import CLAIM_SECONDS, WEBHOOKS, Outcome, attempt_record, delivery_claim, delivery_machine
from gipz.core.sealed import seal, unseal

DELIVER_JOB = "api.webhook_deliver"
WEBHOOK_DELIVERY = delivery_machine(WebhookDelivery.Status)  # pending until sent or given up (core/outbound.py)
log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


def endpoint_secret(endpoint: WebhookEndpoint) -> str:
    return unseal("webhook", endpoint.secret_encrypted)


def may_manage(actor: Actor) -> bool:
    return Role.ADMIN in actor.roles


def endpoints_for(actor: Actor) -> QuerySet[WebhookEndpoint]:
    """The endpoints an administrator manages: their own organisation's; nobody else's."""
    if not may_manage(actor):
        return WebhookEndpoint.objects.none()
    return WebhookEndpoint.objects.filter(organisation=actor.organisation)


def _require_admin(actor: Actor) -> None:
    if not may_manage(actor):
        raise NotAllowedError(_("Alleen de beheerder van uw organisatie beheert webhooks."))


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    allowed = ("https",) + (("http",) if settings.GIPZ_WEBHOOKS_ALLOW_HTTP else ())
    if parts.scheme not in allowed or not parts.hostname:
        raise ServiceError(_("Geef een https-adres op, bijvoorbeeld https://systeem.organisatie.nl/gipz."), field="url")
    return url


@dataclass(frozen=True)
class NewEndpoint:
    endpoint: WebhookEndpoint
    secret: str  # shown once


def endpoint_create(*, actor: Actor, url: str, event_types: list[str], now: datetime | None = None) -> NewEndpoint:
    _require_admin(actor)
    url = _check_url(url)
    chosen = [t for t in EVENT_TYPES if t in set(event_types)]
    if not chosen or len(chosen) != len(set(event_types)):
        raise ServiceError(_("Kies minstens één soort gebeurtenis."), field="event_types")
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(
            organisation=actor.organisation, url=url, event_types=chosen, created_by=actor.user,
            secret_encrypted=seal("webhook", secret), created_at=now or timezone.now(),
        )  # fmt: skip
        audit_record(actor=actor, event_type="webhook.created", obj=endpoint, new={"event_types": chosen})
    return NewEndpoint(endpoint, secret)


def endpoint_deactivate(*, actor: Actor, endpoint_id: int) -> WebhookEndpoint:
    _require_admin(actor)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id, organisation=actor.organisation)
        if endpoint.active:
            endpoint.active = False
            endpoint.save(update_fields=["active"])
            WebhookDelivery.objects.filter(endpoint=endpoint, status=WebhookDelivery.Status.PENDING).update(
                status=WebhookDelivery.Status.FAILED, last_error="endpoint uitgeschakeld"
            )
            audit_record(actor=actor, event_type="webhook.deactivated", obj=endpoint, old={"active": True})
    return endpoint


def _payload(event: DomainEvent) -> dict[str, Any]:
    path = reverse("api-situation", args=[event.reference])
    data: dict[str, Any] = {"reference": event.reference, "url": settings.GIPZ_BASE_URL.rstrip("/") + path}
    if event.information_request_id is not None:
        data["information_request_id"] = event.information_request_id
    return {"type": event.type, "timestamp": event.at.isoformat(), "data": data}


def _organisations_with_endpoints() -> frozenset[int]:
    return frozenset(WebhookEndpoint.objects.filter(active=True).values_list("organisation_id", flat=True))


@receiver(domain_event)
def _on_event(sender: Any, event: DomainEvent, **kwargs: Any) -> None:
    """Runs inside the transaction of the change: a delivery exists exactly when the change committed.

    Most organisations have no endpoint, and every intake publishes: which organisations have one is reference data
    (core/memo.py), so an event for the others costs no query. A new endpoint elsewhere is seen within the memo's
    lifetime; a deactivated one is checked again before each post (deliver)."""
    hooked = memo(("webhook-organisations",), _organisations_with_endpoints)
    wanted = [org for org in event.organisation_ids if org in hooked]
    if not wanted:
        return
    endpoints = WebhookEndpoint.objects.filter(organisation_id__in=wanted, active=True)
    for endpoint in endpoints:
        if event.type not in endpoint.event_types:
            continue
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, message_id=f"msg_{secrets.token_hex(12)}", event_type=event.type,
            payload=_payload(event), created_at=event.at,
        )  # fmt: skip
        job_enqueue(kind=DELIVER_JOB, run_at=event.at, payload={"delivery_id": delivery.pk})


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


# Outside a transaction: no lock is held while we wait for the receiver.
@job_handler(DELIVER_JOB, lane=Lane.DELIVERY, long_running_seconds=CLAIM_SECONDS)
def deliver(payload: dict[str, Any]) -> None:
    """One attempt. Idempotent: a delivery that is no longer pending, or claimed by another worker, is left alone.
    Never raises for a failed post: the retry is WEBHOOKS', not the job queue's."""
    now = clock.now()
    delivery_id = int(payload["delivery_id"])
    if not delivery_claim(WebhookDelivery, delivery_id, now=now):
        return
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if not delivery.endpoint.active:
        return
    outcome = _post_signed(delivery, now=now)  # outside any transaction
    attempt_record(
        WebhookDelivery, delivery.pk, outcome, machine=WEBHOOK_DELIVERY, attempts_before=delivery.attempts,
        policy=WEBHOOKS, now=now,
        job_kind=DELIVER_JOB, fields={"last_status_code": outcome.status_code, "last_error": outcome.detail[:300]},
        log_event="webhook.delivery_failed",
        log_ids={"endpoint_id": delivery.endpoint_id, "status_code": outcome.status_code},
    )  # fmt: skip


def _post_signed(delivery: WebhookDelivery, *, now: datetime) -> Outcome:
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    signature = Webhook(endpoint_secret(delivery.endpoint)).sign(delivery.message_id, now, body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GIPZ-webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    try:
        status = _post(delivery.endpoint.url, body, headers)
    except (OSError, ValueError) as exc:  # refused, timed out, TLS, DNS: the receiver is not there
        return Outcome(ok=False, detail=type(exc).__name__)
    ok = 200 <= status < 300
    return Outcome(ok=ok, detail="" if ok else f"HTTP {status}", status_code=status)
