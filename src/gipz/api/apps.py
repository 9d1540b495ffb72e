from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gipz.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from gipz.api import webhooks  # noqa: F401  registers the delivery job and the event subscriber
