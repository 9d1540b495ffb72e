from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gipz.privacy"
    label = "privacy"
    verbose_name = _("Privacy en gegevensdeling")

    def ready(self) -> None:
        from gipz.privacy import jobs  # noqa: F401  (registers the retention job)
