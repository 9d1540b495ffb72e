from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "accesslog.AccessLogEntry.*": "append-only; references and field names, no names or health details (tested)",
    "accesslog.AccessLogHead.*": "the chain's head hash",
    "accesslog.AccessLogPrune.*": "sequence numbers and hashes of the removed beginning of the access log",
}


class AccessLogConfig(AppConfig):
    """The access log (NEN 7513): who saw or changed which personal data, hash-chained and sealed."""

    name = "gipz.accesslog"
    label = "accesslog"
    verbose_name = _("Inzagelog")

    def ready(self) -> None:
        from gipz.accesslog import jobs  # noqa: F401  (registers the checkpoint job)
        from gipz.core.text_retention import text_not_personal

        text_not_personal("accesslog", NOT_PERSONAL)
