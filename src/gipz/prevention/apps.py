from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "gipz.prevention"
    label = "prevention"
    verbose_name = _("Preventieve assistentie")

    def ready(self) -> None:
        from gipz.prevention import jobs  # noqa: F401  (registers the decision-deadline job)
