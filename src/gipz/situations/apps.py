from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "situations.Situation.reference": "the melding's reference",
    "situations.Situation.care_indicators": "codes",
    "situations.Situation.situation_type": "a code",
    "situations.Situation.triage_reasons": "codes",
    "situations.Situation.triage_advice": "codes",
    "situations.Notification.message": "a reference and a municipality, never typed text",
    "situations.Evaluation.tensions": "tension codes",
}


class SituationsConfig(AppConfig):
    name = "gipz.situations"
    label = "situations"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal
        from gipz.situations import (
            jobs,  # noqa: F401  (registers job handlers)
            live,
            undeliverable,  # noqa: F401  (tells coordinators about alerts that reached nobody)
        )

        text_not_personal("situations", NOT_PERSONAL)

        live.connect()
        _declare_text_retention()


def _declare_text_retention() -> None:
    """The melding's personal free text, removed with the situation's data of its category (privacy/retention.py)."""
    from gipz.core.text_retention import TextRetention, text_retention_register
    from gipz.situations.models import Evaluation, FollowUp, Handover, Situation

    for rule in (
        TextRetention(Situation, ("care_notes",), "care", situation_field="pk"),
        TextRetention(Handover, ("sbar_background", "sbar_assessment"), "care", situation_field="situation"),
        TextRetention(FollowUp, ("details",), "care", situation_field="situation"),
        TextRetention(
            Situation,
            ("location", "description", "person_description", "cancel_reason", "urgency_reason", "triage_reason"),
            "identity",
            situation_field="pk",
        ),
        TextRetention(Handover, ("sbar_situation", "sbar_recommendation"), "identity", situation_field="situation"),
        TextRetention(Evaluation, ("improper_call_reason", "comment"), "identity", situation_field="situation"),
    ):
        text_retention_register(rule)
