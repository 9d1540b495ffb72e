from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulationConfig(AppConfig):
    name = "gipz.simulation"
    label = "simulation"
    verbose_name = _("Capaciteitssimulatie")

    def ready(self) -> None:
        from gipz.simulation import jobs  # noqa: F401  (registers the job handler)
