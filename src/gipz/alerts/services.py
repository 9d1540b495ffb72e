"""Alerting people outside the app. `alert()` runs in the caller's transaction: it records what each person is told
and queues one delivery job per channel, which workers see only once that transaction commits."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.alerts.channels import sms
from gipz.alerts.delivery import DELIVER_JOB
from gipz.alerts.models import Alert, AlertSettings, Delivery, PushSubscription
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.jobs import jobs_enqueue

log = logging.getLogger(__name__)

# Without a deadline of its own, an alert is retried this long (a new request's is its acknowledgement deadline).
DELIVER_FOR = timedelta(minutes=30)


def alert(
    *,
    recipients: Iterable[Any],
    kind: str,
    reference: str,
    path: str,
    urgency: str = "",
    municipality: str = "",
    now: datetime | None = None,
    deliver_until: datetime | None = None,
) -> list[Alert]:
    """Tell each recipient (once) through every channel they chose; deliveries are retried until `deliver_until`
    (alerts/delivery.py). Never pass a description, location or person: the fields here are all an alert may
    carry."""
    now = now or timezone.now()
    deliver_until = max(deliver_until or now + DELIVER_FOR, now + timedelta(minutes=5))
    users = list({user.pk: user for user in recipients}.values())
    if not users:
        return []
    # A handful of statements however large the team: this runs inside the intake's transaction.
    choices = {choice.user_id: choice for choice in AlertSettings.objects.filter(user__in=users)}
    subscriptions: dict[int, list[PushSubscription]] = defaultdict(list)
    for subscription in PushSubscription.objects.filter(user__in=users).order_by("pk"):
        subscriptions[subscription.user_id].append(subscription)
    made = Alert.objects.bulk_create(
        [Alert(recipient=user, kind=kind, reference=reference, urgency=urgency, municipality=municipality, path=path,
               created_at=now, deliver_until=deliver_until) for user in users]
    )  # fmt: skip
    deliveries = Delivery.objects.bulk_create(
        [delivery for row, user in zip(made, users, strict=True)
         for delivery in _deliveries_for(row, user, choices.get(user.pk), subscriptions[user.pk])]
    )  # fmt: skip
    jobs_enqueue(kind=DELIVER_JOB, run_at=now, payloads=[{"delivery_id": delivery.pk} for delivery in deliveries])
    return made


def _deliveries_for(
    row: Alert, user: Any, choice: AlertSettings | None, subscriptions: list[PushSubscription]
) -> list[Delivery]:
    deliveries = [
        Delivery(alert=row, channel=Delivery.Channel.PUSH, subscription=subscription) for subscription in subscriptions
    ]
    if choice and choice.email and user.email:
        deliveries.append(Delivery(alert=row, channel=Delivery.Channel.EMAIL))
    if choice and choice.sms and choice.phone:
        deliveries.append(Delivery(alert=row, channel=Delivery.Channel.SMS))
    return deliveries


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
