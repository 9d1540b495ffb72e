from django.apps import AppConfig

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "alerts.*": (
        "alerts carry a reference, urgency, municipality and link only; staff contact details and push endpoints "
        "are work data of professionals; attempts record what a channel answered"
    ),
}


class AlertsConfig(AppConfig):
    name = "gipz.alerts"
    label = "alerts"
    verbose_name = "Alarmering"

    def ready(self) -> None:
        from gipz.alerts import jobs  # noqa: F401  (registers the delivery job)
        from gipz.core.text_retention import text_not_personal

        text_not_personal("alerts", NOT_PERSONAL)
