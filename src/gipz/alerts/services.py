"""Alerting people outside the app. `alert()` runs in the caller's transaction: it records what each person is told
and queues one delivery job per channel, which workers see only once that transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gipz.alerts.channels import DeliveryError, email, push, sms
from gipz.alerts.channels.push import SubscriptionGone
from gipz.alerts.message import AlertText
from gipz.alerts.models import Alert, AlertSettings, Delivery, DeliveryAttempt, PushSubscription
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.jobs import job_enqueue
from gipz.core.statemachine import StateMachine

log = logging.getLogger(__name__)

DELIVER_JOB = "alerts.deliver"
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1))
MAX_ATTEMPTS = len(RETRY_AFTER) + 1

DELIVERY = StateMachine(
    statuses=Delivery.Status,
    transitions={
        Delivery.Status.PENDING: frozenset({Delivery.Status.SENT, Delivery.Status.FAILED}),
        Delivery.Status.SENT: frozenset(),
        Delivery.Status.FAILED: frozenset(),
    },
)


def alert(
    *,
    recipients: Iterable[Any],
    kind: str,
    reference: str,
    path: str,
    urgency: str = "",
    municipality: str = "",
    now: datetime | None = None,
) -> list[Alert]:
    """Tell each recipient (once) through every channel they chose. Never pass a description, location or person:
    the fields here are all an alert may carry."""
    now = now or timezone.now()
    made = []
    for user in {user.pk: user for user in recipients}.values():
        made.append(
            row := Alert.objects.create(
                recipient=user,
                kind=kind,
                reference=reference,
                urgency=urgency,
                municipality=municipality,
                path=path,
                created_at=now,
            )
        )
        for delivery in _deliveries_for(row, user):
            job_enqueue(kind=DELIVER_JOB, run_at=now, payload={"delivery_id": delivery.pk})
    return made


def _deliveries_for(row: Alert, user: Any) -> list[Delivery]:
    choice = AlertSettings.objects.filter(user=user).first()
    deliveries = [
        Delivery.objects.create(alert=row, channel=Delivery.Channel.PUSH, subscription=subscription)
        for subscription in PushSubscription.objects.filter(user=user)
    ]
    if choice and choice.email and user.email:
        deliveries.append(Delivery.objects.create(alert=row, channel=Delivery.Channel.EMAIL))
    if choice and choice.sms and choice.phone:
        deliveries.append(Delivery.objects.create(alert=row, channel=Delivery.Channel.SMS))
    return deliveries


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
    phone = AlertSettings.objects.filter(user=user).values_list("phone", flat=True).first()
    if not phone:
        raise DeliveryError("geen mobiel nummer meer bij deze gebruiker")
    return sms.send(phone, text, reference=f"gipz-{delivery.pk}")


def deliver(*, delivery_id: int, now: datetime | None = None) -> None:
    """One attempt (the worker's job): record it; after a failure try again later, up to MAX_ATTEMPTS."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("alert__recipient", "subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != Delivery.Status.PENDING:
            return  # already settled: a job that ran twice sends once
        delivery.attempts += 1
        retry = None
        try:
            detail = _send(delivery)
        except SubscriptionGone as error:
            detail, final = str(error), True
            if delivery.subscription is not None:
                PushSubscription.objects.filter(pk=delivery.subscription.pk).delete()
                delivery.subscription = None
            _settle(delivery, Delivery.Status.FAILED)
        except DeliveryError as error:
            detail, final = str(error), delivery.attempts >= MAX_ATTEMPTS
            if final:
                _settle(delivery, Delivery.Status.FAILED)
            else:
                retry = now + RETRY_AFTER[delivery.attempts - 1]
            # The channel's answer may name an address: it stays in DeliveryAttempt, out of the log.
            log.warning("alert delivery failed", extra={"event": "alert.delivery_failed", "delivery_id": delivery.pk,
                        "channel": delivery.channel, "attempt": delivery.attempts, "final": final})  # fmt: skip
        else:
            _settle(delivery, Delivery.Status.SENT, sent_at=now)
        DeliveryAttempt.objects.create(delivery=delivery, at=now, ok=delivery.status == Delivery.Status.SENT,
                                       detail=detail[:300])  # fmt: skip
        delivery.save(update_fields=["attempts", "status", "sent_at", "subscription"])
        if retry is not None:
            job_enqueue(kind=DELIVER_JOB, run_at=retry, payload={"delivery_id": delivery.pk})


def _settle(delivery: Delivery, status: str, *, sent_at: datetime | None = None) -> None:
    DELIVERY.check(delivery.status, status)
    delivery.status = status
    delivery.sent_at = sent_at


def alert_test(*, actor: Any) -> int:
    """A test alert to oneself through every chosen channel; how many deliveries it makes."""
    with transaction.atomic():
        made = alert(recipients=[actor.user], kind=Alert.Kind.TEST, reference="TEST", path=reverse("alert-settings"))
        return Delivery.objects.filter(alert__in=made).count()


def settings_save(*, actor: Any, email_on: bool, sms_on: bool, phone: str) -> AlertSettings:
    normal = sms.normalise_phone(phone) if phone else ""
    if phone and not normal:
        raise ServiceError(_("Geef een Nederlands mobiel nummer, bijvoorbeeld 06 12345678."), field="phone")
    if sms_on and not normal:
        raise ServiceError(_("Voor alarmering per sms is uw mobiele nummer nodig."), field="phone")
    with transaction.atomic():
        choice, _created = AlertSettings.objects.update_or_create(
            user=actor.user, defaults={"email": email_on, "sms": sms_on, "phone": normal or ""}
        )
        # The choice, not the number: the audit log holds no contact details.
        audit_record(actor=actor, event_type="alerts.settings", obj=choice, new={"email": email_on, "sms": sms_on})
    return choice


def subscription_save(*, actor: Any, endpoint: str, p256dh: str, auth: str, label: str) -> PushSubscription:
    with transaction.atomic():
        subscription, _created = PushSubscription.objects.update_or_create(
            endpoint=endpoint, defaults={"user": actor.user, "p256dh": p256dh, "auth": auth, "label": label[:100]}
        )
        audit_record(actor=actor, event_type="alerts.push_subscribed", obj=subscription)
    return subscription


def subscription_delete(*, actor: Any, subscription_id: int) -> bool:
    with transaction.atomic():
        subscription = PushSubscription.objects.filter(user=actor.user, pk=subscription_id).first()
        if subscription is None:
            return False
        audit_record(actor=actor, event_type="alerts.push_removed", obj=subscription)
        subscription.delete()
    return True
