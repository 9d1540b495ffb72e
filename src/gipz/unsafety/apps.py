from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnsafetyConfig(AppConfig):
    name = "gipz.unsafety"
    label = "unsafety"
    verbose_name = _("Onveilige situaties in de zorg")

    def ready(self) -> None:
        from gipz.privacy.text_retention import TextRetention, text_retention_register
        from gipz.unsafety.models import UnsafeReport

        # Its free text goes after the identity period, counted from the moment it was about.
        text_retention_register(
            TextRetention(
                UnsafeReport,
                ("location", "description", "response_note", "follow_up_note", "withdraw_reason"),
                "identity",
                ended="occurred_at",
                mark="text_removed_at",
            )
        )
