from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "prevention.PreventiveRequest.risk_reasons": "risk-weighing codes",
}


class PreventionConfig(AppConfig):
    name = "gipz.prevention"
    label = "prevention"
    verbose_name = _("Preventieve assistentie")

    def ready(self) -> None:
        from gipz.core.text_retention import TextRetention, text_not_personal, text_retention_register
        from gipz.prevention import jobs  # noqa: F401  (registers the decision-deadline job)
        from gipz.prevention.models import PreventiveRequest

        text_not_personal("prevention", NOT_PERSONAL)

        # Its free text goes after the identity period, counted from the moment it was about.
        text_retention_register(
            TextRetention(
                PreventiveRequest,
                (
                    "location",
                    "event_other",
                    "description",
                    "risk_notes",
                    "care_measures",
                    "decision_reason",
                    "advised_alternative",
                    "info_question",
                    "info_answer",
                    "outcome_note",
                    "withdraw_reason",
                ),
                "identity",
                ended="planned_at",
                mark="text_removed_at",
            )
        )
