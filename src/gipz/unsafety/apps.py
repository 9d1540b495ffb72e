from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "unsafety.UnsafeReport.severity_code": "a level code of the werkafspraak",
    "unsafety.UnsafeReport.severity_name": "the level's name, copied from the werkafspraak",
    "unsafety.UnsafeReport.severity_response": "the level's agreed response, copied from the werkafspraak",
}


class UnsafetyConfig(AppConfig):
    name = "gipz.unsafety"
    label = "unsafety"
    verbose_name = _("Onveilige situaties in de zorg")

    def ready(self) -> None:
        from gipz.core.text_retention import TextRetention, text_not_personal, text_retention_register
        from gipz.unsafety.models import UnsafeReport

        text_not_personal("unsafety", NOT_PERSONAL)

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
