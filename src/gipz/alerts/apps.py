from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "gipz.alerts"
    label = "alerts"
    verbose_name = "Alarmering"

    def ready(self) -> None:
        from gipz.alerts import jobs  # noqa: F401  (registers the delivery job)
