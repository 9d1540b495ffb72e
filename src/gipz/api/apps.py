from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gipz.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gipz.api import webhooks  # noqa: F401  registers the delivery job and the event subscriber
        from gipz.api.models import WebhookEndpoint
        from gipz.core.memo import memo_clear

        # Which organisations have an endpoint is memoised per process (webhooks._on_event).
        post_save.connect(memo_clear, sender=WebhookEndpoint, dispatch_uid="memo-save-WebhookEndpoint")
        post_delete.connect(memo_clear, sender=WebhookEndpoint, dispatch_uid="memo-delete-WebhookEndpoint")
