from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gipz.privacy"
    label = "privacy"
    verbose_name = _("Privacy en gegevensdeling")

    def ready(self) -> None:
        from gipz.core.personal_data import access_log_install
        from gipz.privacy import jobs  # noqa: F401  (registers the retention job)
        from gipz.privacy.accesslog import access_log_in_situation
        from gipz.privacy.selectors import situation_section
        from gipz.situations.sections import section_register

        access_log_install(access_log_in_situation)
        section_register("privacy", situation_section)
