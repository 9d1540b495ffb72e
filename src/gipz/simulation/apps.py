from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "simulation.*": "capacity scenarios: figures",
}


class SimulationConfig(AppConfig):
    name = "gipz.simulation"
    label = "simulation"
    verbose_name = _("Capaciteitssimulatie")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal
        from gipz.simulation import jobs  # noqa: F401  (registers the job handler)

        text_not_personal("simulation", NOT_PERSONAL)
