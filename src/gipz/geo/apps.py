from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "gipz.geo"
    label = "geo"
    verbose_name = _("Gemeenten en regio's")

    def ready(self) -> None:
        from gipz.geo import jobs  # noqa: F401  (registers the daily job that applies planned changes)
