from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gipz.privacy"
    label = "privacy"
    verbose_name = _("Privacy en gegevensdeling")

    def ready(self) -> None:
        from gipz.core.personal_data import access_log_install
        from gipz.privacy import jobs  # noqa: F401  (registers the retention job)
        from gipz.privacy.access import access_log_in_situation
        from gipz.privacy.selectors import situation_section
        from gipz.situations.sections import section_register

        access_log_install(access_log_in_situation)
        _declare_text_retention()
        section_register("privacy", situation_section)


def _declare_text_retention() -> None:
    """The personal free text of the situation and of the information exchange (privacy/text_retention.py)."""
    from gipz.privacy.models import (
        Breach,
        Disclosure,
        DisclosureItem,
        ErasureRequest,
        InformationRequest,
        OwnInitiativeWarning,
        Person,
        PersonFieldChange,
        SubjectRequest,
    )
    from gipz.privacy.text_retention import TextRetention, text_retention_register
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
        TextRetention(InformationRequest, ("question", "claimed_basis"), "identity", situation_field="situation"),
        TextRetention(
            Disclosure,
            ("legal_basis", "weighing", "consent_given_by", "justification_text", "person_not_informed_reason"),
            "identity",
            situation_field="request__situation",
        ),
        TextRetention(
            OwnInitiativeWarning,
            ("content", "weighing", "person_not_informed_reason"),
            "identity",
            situation_field="situation",
        ),
        # Removed by their own code paths (services/retention.py), declared so the field check sees them:
        # The officer's own records: their text goes after the identity period, counted from the record.
        TextRetention(ErasureRequest, ("explanation",), "identity", ended="created_at", mark="text_removed_at"),
        TextRetention(SubjectRequest, ("extension_reason",), "identity", ended="recorded_at", mark="text_removed_at"),
        TextRetention(
            Breach,
            ("facts", "effects", "measures", "not_reported_reason"),
            "identity",
            ended="discovered_at",
            mark="text_removed_at",
        ),
        TextRetention(Person, ("full_name", "contact", "known_risks", "restriction_reason"), "identity"),
        TextRetention(Person, ("care_details",), "care"),
        TextRetention(PersonFieldChange, ("old_value",), "identity"),
        TextRetention(DisclosureItem, ("content",), "shared"),
        TextRetention(Disclosure, ("message_to_requester",), "shared"),
    ):
        text_retention_register(rule)
