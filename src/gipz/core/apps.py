from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gipz.core"
    label = "core"

    def ready(self) -> None:
        from gipz.core import housekeeping  # noqa: F401  registers the job table's purge
