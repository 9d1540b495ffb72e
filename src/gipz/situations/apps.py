from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "gipz.situations"
    label = "situations"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        from gipz.situations import (
            jobs,  # noqa: F401  (registers job handlers)
            live,
            undeliverable,  # noqa: F401  (tells coordinators about alerts that reached nobody)
        )

        live.connect()
