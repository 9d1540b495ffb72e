from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulationConfig(AppConfig):
    name = "gipz.simulation"
    label = "simulation"
    verbose_name = _("Capaciteitssimulatie")
