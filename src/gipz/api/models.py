from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentIntake(models.Model):
    """An intake posted with an `Idempotency-Key`: the same key from the same organisation returns the same receipt
    and never makes a second melding. The receipt holds no personal data (reference, status, triage, team)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)  # of the request body: the same key with another body is refused
    situation = models.ForeignKey("situations.Situation", on_delete=models.CASCADE, related_name="+")
    receipt = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="idempotent_intake_unique")]

    def __str__(self) -> str:
        return f"{self.key} → {self.situation_id}"


class WebhookEndpoint(models.Model):
    """Where an organisation wants to hear about events (notified pull): a URL, the event types, and the signing
    secret (Standard Webhooks), stored encrypted and shown to the administrator once."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=500)
    event_types = models.JSONField(default=list)
    secret_encrypted = models.BinaryField()
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: what was sent (no personal data), and how each attempt went."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wachtend")
        SENT = "sent", _("afgeleverd")
        FAILED = "failed", _("mislukt")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, unique=True)  # the webhook-id header: receivers deduplicate on it
    event_type = models.CharField(max_length=40)
    payload = models.JSONField()  # {"type", "timestamp", "data": {"reference", "url"}}: ids and links only
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)  # a worker is sending it (core/outbound.py)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_log")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint_id} ({self.status})"
