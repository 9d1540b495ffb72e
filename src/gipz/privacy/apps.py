from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "privacy.Person.pseudonym": "a keyed hash, not reversible without the key",
    "privacy.Person.removal_reason": "'retention' or the erasure ground",
    "privacy.Person.restriction_ground": "a restriction-ground code",
    "privacy.ErasureRequest.ground": "an erasure-ground code",
    "privacy.ErasureRequest.status": "a status code",
    "privacy.ErasureApproval.ground": "an erasure-ground code",
    "privacy.SubjectRequest.regime": "'avg' or 'wpg'",
    "privacy.SubjectRequest.identity_check": "a code for how the identity was checked",
    "privacy.SubjectRequest.wpg_restriction": "a Wpg art. 27 ground code",
    "privacy.OfficerNotice.kind": "a notice-kind code",
    "privacy.Disclosure.informed_how": "a code",
    "privacy.Disclosure.not_informed_exception": "a legal-exception code",
    "privacy.OwnInitiativeWarning.informed_how": "a code",
    "privacy.OwnInitiativeWarning.not_informed_exception": "a legal-exception code",
    "privacy.Person.field_owners": "organisation ids per field",
    "privacy.PersonFieldChange.field": "a field name (the old value itself is removed with the record)",
    "privacy.InformationRequest.requester_role": "a role code",
    "privacy.InformationRequest.categories": "data-category codes",
    "privacy.Disclosure.advice": "rule ids and verdict codes",
    "privacy.OwnInitiativeWarning.categories": "data-category codes",
    "privacy.OwnInitiativeWarning.criteria": "criterion codes and yes/no",
    "privacy.DisclosureItem.category": "a data-category code",
}


class PrivacyConfig(AppConfig):
    name = "gipz.privacy"
    label = "privacy"
    verbose_name = _("Privacy en gegevensdeling")

    def ready(self) -> None:
        from gipz.core.personal_data import access_log_install
        from gipz.core.text_retention import text_not_personal
        from gipz.privacy import jobs  # noqa: F401  (registers the retention job)
        from gipz.privacy.access import access_log_in_situation
        from gipz.privacy.selectors import situation_section
        from gipz.situations.sections import section_register

        text_not_personal("privacy", NOT_PERSONAL)

        access_log_install(access_log_in_situation)
        _declare_text_retention()
        section_register("privacy", situation_section)


def _declare_text_retention() -> None:
    """The personal free text of the information exchange and the officer's records (core/text_retention.py)."""
    from gipz.core.text_retention import TextRetention, text_retention_register
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

    for rule in (
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
