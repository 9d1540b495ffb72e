"""Alerts outside the app: who asked for which channel, each alert (no personal data), and every delivery attempt."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertSettings(models.Model):
    """A user's own choice of channels. Push is chosen per browser, by subscribing (PushSubscription)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings")
    email = models.BooleanField(_("per e-mail"), default=False)
    sms = models.BooleanField(_("per sms"), default=False)
    phone = models.CharField(_("mobiel nummer voor sms"), max_length=20, blank=True)

    def __str__(self) -> str:
        return f"alerts of {self.user_id}"


class PushSubscription(models.Model):
    """One browser or phone that subscribed to Web Push (its endpoint and keys, RFC 8291)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    label = models.CharField(_("apparaat"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"push for {self.user_id} ({self.label or self.pk})"


class Alert(models.Model):
    """What one person was told. Only the reference, urgency, municipality, what is asked and a link: never a
    description, location or person, so it may leave the platform."""

    class Kind(models.TextChoices):
        NEW_REQUEST = "new_request", _("nieuw verzoek")
        ACKNOWLEDGE_SOON = "acknowledge_soon", _("bevestigen bijna te laat")
        ESCALATED = "escalated", _("geëscaleerd")
        CONSULT = "consult", _("consult")
        INFORMATION_REQUEST = "information_request", _("informatieverzoek")
        PREVENTIVE_DEADLINE = "preventive_deadline", _("preventief verzoek: besluit nodig")
        TEST = "test", _("testbericht")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    reference = models.CharField(max_length=32, db_index=True)
    urgency = models.CharField(max_length=2, blank=True)
    municipality = models.CharField(max_length=100, blank=True)
    path = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    # Deliveries are retried until this moment (for a new request: its acknowledgement deadline), then given up.
    deliver_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["reference", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference} to {self.recipient_id}"


class Delivery(models.Model):
    """One alert through one channel: sent after commit by a job, retried with back-off."""

    class Channel(models.TextChoices):
        PUSH = "push", _("pushbericht")
        EMAIL = "email", _("e-mail")
        SMS = "sms", _("sms")

    class Status(models.TextChoices):
        PENDING = "pending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("mislukt")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    subscription = models.ForeignKey(PushSubscription, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)  # a worker is sending it (core/outbound.py)
    # Made because a delivery on another channel failed (e-mail → SMS → push), not by the recipient's choice.
    fallback = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.channel} of {self.alert_id} ({self.status})"


class DeliveryAttempt(models.Model):
    """Each try and its result, kept as it happened (what the channel answered; never the message)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField()
    ok = models.BooleanField()
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{'ok' if self.ok else 'failed'} at {self.at:%H:%M:%S}"
