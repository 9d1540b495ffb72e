from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gipz.core"
    label = "core"

    def ready(self) -> None:
        from gipz.core import checks, housekeeping  # noqa: F401  the deploy checks; the job table's purge
