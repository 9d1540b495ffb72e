"""Sending an alert's deliveries, the way everything leaves the platform (core/outbound.py): claimed with one UPDATE,
sent outside any transaction, each attempt recorded in a short one; retried after 10 s, 30 s and 1 min, then every
2 minutes until the alert's deadline. A channel that fails falls back to the next one the recipient has (e-mail →
SMS → push) while nothing has reached them yet; an alert that reaches them by no channel at all is reported, so the
coordinators are told in the app (situations/receivers.py)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.dispatch import Signal
from django.utils import translation

from gipz.alerts.channels import DeliveryError, email, push, sms
from gipz.alerts.channels.push import SubscriptionGone
from gipz.alerts.message import AlertText
from gipz.alerts.models import Alert, AlertSettings, Delivery, DeliveryAttempt, PushSubscription
from gipz.core import clock
from gipz.core.jobs import jobs_enqueue
from gipz.core.outbound import ALERTS, Outcome, Settled, attempt_record, delivery_claim, delivery_machine

log = logging.getLogger(__name__)

DELIVER_JOB = "alerts.deliver"
FALLBACK_ORDER = (Delivery.Channel.EMAIL, Delivery.Channel.SMS, Delivery.Channel.PUSH)

# Sent (inside the transaction of the last failed attempt) when no channel reached the recipient: `alert`.
alert_undeliverable = Signal()

DELIVERY = delivery_machine(Delivery.Status)


def _text(row: Alert) -> AlertText:
    with translation.override(settings.LANGUAGE_CODE):  # alerts are written in Dutch, the users' language
        label = str(Alert.Kind(row.kind).label).capitalize()
    return AlertText(
        label=label,
        reference=row.reference,
        urgency=row.urgency,
        municipality=row.municipality,
        url=settings.GIPZ_BASE_URL.rstrip("/") + row.path,
    )


def _phone(user: Any) -> str:
    return str(AlertSettings.objects.filter(user=user).values_list("phone", flat=True).first() or "")


def _send(delivery: Delivery) -> str:
    row, user = delivery.alert, delivery.alert.recipient
    text = _text(row)
    if delivery.channel == Delivery.Channel.PUSH:
        subscription = delivery.subscription
        if subscription is None:
            raise SubscriptionGone("het abonnement is verwijderd")
        return push.send(subscription.endpoint, subscription.p256dh, subscription.auth, text)
    if delivery.channel == Delivery.Channel.EMAIL:
        return email.send(user.email, text)
    phone = _phone(user)
    if not phone:
        raise SubscriptionGone("geen mobiel nummer meer bij deze gebruiker")
    return sms.send(phone, text, reference=f"gipz-{delivery.pk}")


def _attempt(delivery: Delivery) -> Outcome:
    try:
        return Outcome(ok=True, detail=_send(delivery))
    except SubscriptionGone as error:
        return Outcome(ok=False, detail=str(error), permanent=True)
    except DeliveryError as error:
        return Outcome(ok=False, detail=str(error))


def deliver(*, delivery_id: int, now: datetime | None = None) -> None:
    """One attempt (the worker's job). Idempotent: a delivery that is settled, or claimed by another worker, is left
    alone. Never raises for a failed send: the retry is this module's, not the job queue's."""
    now = now or clock.now()
    if not delivery_claim(Delivery, delivery_id, now=now):
        return
    delivery = Delivery.objects.select_related("alert__recipient", "subscription").get(pk=delivery_id)
    outcome = _attempt(delivery)  # outside any transaction: a slow channel holds no lock
    _record(delivery, outcome, now=now)


def _record(delivery: Delivery, outcome: Outcome, *, now: datetime) -> None:
    fields: dict[str, Any] = {}
    if outcome.permanent and delivery.subscription_id is not None:
        fields["subscription"] = None

    def with_it(settled: Settled) -> None:
        if "subscription" in fields:
            PushSubscription.objects.filter(pk=delivery.subscription_id).delete()  # the push service forgot it
        DeliveryAttempt.objects.create(delivery=delivery, at=now, ok=outcome.ok, detail=outcome.detail[:300])
        if not outcome.ok:
            _fall_back(delivery.alert, now=now)
            _report_if_undeliverable(delivery.alert)

    attempt_record(
        Delivery, delivery.pk, outcome, machine=DELIVERY, attempts_before=delivery.attempts, policy=ALERTS, now=now,
        job_kind=DELIVER_JOB, give_up_at=delivery.alert.deliver_until, fields=fields,
        log_event="alert.delivery_failed", log_ids={"channel": delivery.channel}, also=with_it,
    )  # fmt: skip


def _available(user: Any) -> dict[str, list[PushSubscription | None]]:
    """The channels this person can be reached on, whether or not they chose them for alerts."""
    found: dict[str, list[PushSubscription | None]] = {}
    if user.email:
        found[Delivery.Channel.EMAIL] = [None]
    if settings.GIPZ_SMS_TOKEN and _phone(user):
        found[Delivery.Channel.SMS] = [None]
    subscriptions = list(PushSubscription.objects.filter(user=user))
    if subscriptions:
        found[Delivery.Channel.PUSH] = list(subscriptions)
    return found


def _fall_back(row: Alert, *, now: datetime) -> None:
    """While nothing has reached the recipient, add the next channel they have that this alert has not tried."""
    deliveries = Delivery.objects.filter(alert=row)
    if deliveries.filter(status=Delivery.Status.SENT).exists():
        return
    tried = set(deliveries.values_list("channel", flat=True))
    available = _available(row.recipient)
    for channel in FALLBACK_ORDER:
        if channel in tried or channel not in available:
            continue
        extra = Delivery.objects.bulk_create(
            [Delivery(alert=row, channel=channel, subscription=subscription, fallback=True)
             for subscription in available[channel]]
        )  # fmt: skip
        jobs_enqueue(kind=DELIVER_JOB, run_at=now, payloads=[{"delivery_id": delivery.pk} for delivery in extra])
        log.info("alert falls back to another channel", extra={"event": "alert.fallback", "alert_id": row.pk,
                 "channel": channel})  # fmt: skip
        return


def _report_if_undeliverable(row: Alert) -> None:
    left = Delivery.objects.filter(alert=row, status__in=[Delivery.Status.PENDING, Delivery.Status.SENT])
    if left.exists():
        return
    log.error("alert reached nobody", extra={"event": "alert.undeliverable", "alert_id": row.pk,
              "kind": row.kind})  # fmt: skip
    alert_undeliverable.send(sender=Alert, alert=row)
