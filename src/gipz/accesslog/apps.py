from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessLogConfig(AppConfig):
    """The access log (NEN 7513): who saw or changed which personal data, hash-chained and sealed."""

    name = "gipz.accesslog"
    label = "accesslog"
    verbose_name = _("Inzagelog")

    def ready(self) -> None:
        from gipz.accesslog import jobs  # noqa: F401  (registers the checkpoint job)
