from django.apps import AppConfig

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "api.WebhookEndpoint.*": "an organisation system's address, event type codes and an encrypted secret",
    "api.WebhookDelivery.*": "event type codes, references and API links, HTTP status and error class: no person",
    "api.IdempotentIntake.*": "a client's retry key and the receipt (reference, status, triage codes), kept 24 hours",
}


class ApiConfig(AppConfig):
    name = "gipz.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gipz.api import webhooks  # noqa: F401  registers the delivery job and the event subscriber
        from gipz.api.models import WebhookEndpoint
        from gipz.core.memo import memo_clear
        from gipz.core.text_retention import text_not_personal

        text_not_personal("api", NOT_PERSONAL)

        # Which organisations have an endpoint is memoised per process (webhooks._on_event).
        post_save.connect(memo_clear, sender=WebhookEndpoint, dispatch_uid="memo-save-WebhookEndpoint")
        post_delete.connect(memo_clear, sender=WebhookEndpoint, dispatch_uid="memo-delete-WebhookEndpoint")
