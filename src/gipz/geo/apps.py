from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "geo.*": "reference data",
}


class GeoConfig(AppConfig):
    name = "gipz.geo"
    label = "geo"
    verbose_name = _("Gemeenten en regio's")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal
        from gipz.geo import jobs  # noqa: F401  (registers the daily job that applies planned changes)

        text_not_personal("geo", NOT_PERSONAL)
