from datetime import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "monitoring.*": "aggregates and keyed pseudonyms, no names",
}


class MonitoringConfig(AppConfig):
    name = "gipz.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal
        from gipz.monitoring import jobs  # noqa: F401  (registers the rollup refresh)
        from gipz.monitoring.rollups import mark_dirty
        from gipz.situations.events import situation_changed

        text_not_personal("monitoring", NOT_PERSONAL)

        def on_situation_changed(sender: object, *, municipality_id: int, created_at: datetime, **_: object) -> None:
            mark_dirty(municipality_id=municipality_id, created_at=created_at)

        situation_changed.connect(on_situation_changed, dispatch_uid="monitoring.mark_dirty", weak=False)
