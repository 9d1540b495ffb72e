"""Which free text retention removes, declared per model, and which text fields need no removal (with the reason).

Every app declares the personal free text of its models here (`text_retention_register`, from its AppConfig.ready;
privacy sits below most of them). The retention run removes each declared field at its category's period: text of
a model tied to a situation (`situation_field`) with that situation's data, text of a model with its own end (a
preventive request, an unsafe report) through that model's `ended` date and `mark`. A test lists every text field of
every model and fails on one that is neither declared nor allowed, so new personal text cannot slip through."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class TextRetention:
    model: type[models.Model]
    fields: tuple[str, ...]
    category: str  # "identity", "care" or "shared" (privacy/retention.py)
    situation_field: str = ""  # removed with the situation's data of that category
    ended: str = ""  # or: the model's own end (an expression over its fields, see `ended_expression`)
    mark: str = ""  # the field that records the removal (makes a rerun skip it)


_RULES: list[TextRetention] = []


def text_retention_register(rule: TextRetention) -> None:
    if rule not in _RULES:
        _RULES.append(rule)


def text_rules(category: str | None = None) -> list[TextRetention]:
    return [r for r in _RULES if category is None or r.category == category]


# Text fields that hold no personal data of the people GIPZ is about, each with why. Everything else is declared.
NOT_PERSONAL: dict[str, str] = {
    "core.AuditEvent.*": "append-only; services write codes, references and field names only (tested)",
    "core.Job.*": "job kinds and ids of rows; errors carry no typed text",
    "core.LiveEvent.*": "a topic name and ids of changed rows, kept ten minutes",
    "core.WorkerHeartbeat.*": "a worker's host name and process id",
    "accounts.IdentityProvider.*": "an organisation's login service: issuer, client id, claim name, encrypted secret",
    "accounts.ExternalIdentity.*": "the login service's opaque subject id of a user account (account data)",
    "api.WebhookEndpoint.*": "an organisation system's address, event type codes and an encrypted secret",
    "api.WebhookDelivery.*": "event type codes, references and API links, HTTP status and error class: no person",
    "accounts.*": "organisations, teams and staff accounts: work data of professionals, managed by the admin",
    "geo.*": "reference data",
    "agreements.*": "werkafspraken and the roster: about organisations, not about people",
    "alerts.*": "alerts carry a reference, urgency, municipality and link only; staff contact details and push "
    "endpoints are work data of professionals; attempts record what a channel answered",
    "simulation.*": "capacity scenarios: figures",
    "monitoring.*": "aggregates and keyed pseudonyms, no names",
    "api.IdempotentIntake.*": "a client's retry key and the receipt (reference, status, triage codes), kept 24 hours",
    "benchmark.BenchPing.*": "benchmark rows",
    "rulebook.RulebookVersion.*": "the rulebook text",
    "accesslog.AccessLogEntry.*": "append-only; references and field names, no names or health details (tested)",
    "accesslog.AccessLogHead.*": "the chain's head hash",
    "privacy.Person.pseudonym": "a keyed hash, not reversible without the key",
    "privacy.Person.removal_reason": "'retention' or the erasure ground",
    "privacy.Person.restriction_ground": "a restriction-ground code",
    "accesslog.AccessLogPrune.*": "sequence numbers and hashes of the removed beginning of the access log",
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
    "situations.Situation.reference": "the melding's reference",
    "situations.Situation.care_indicators": "codes",
    "situations.Situation.situation_type": "a code",
    "situations.Situation.triage_reasons": "codes",
    "situations.Situation.triage_advice": "codes",
    "situations.Notification.message": "a reference and a municipality, never typed text",
    "*.kind": "history kind codes",
    "*.from_status": "status codes",
    "*.to_status": "status codes",
    "*.note": "history notes hold codes, references, organisation and staff names, never typed text (tested)",
    "keyfigures.KeyFigure.*": "a professional's work contact details and expertise",
    "learning.Activity.*": "a training's title, description and venue",
    "unsafety.UnsafeReport.severity_code": "a level code of the werkafspraak",
    "unsafety.UnsafeReport.severity_name": "the level's name, copied from the werkafspraak",
    "unsafety.UnsafeReport.severity_response": "the level's agreed response, copied from the werkafspraak",
    "prevention.PreventiveRequest.risk_reasons": "risk-weighing codes",
    "situations.Evaluation.tensions": "tension codes",
}


def not_personal_reason(label: str, field: str) -> str | None:
    app = label.split(".")[0]
    for key in (f"{label}.{field}", f"{label}.*", f"{app}.*", f"*.{field}"):
        if key in NOT_PERSONAL:
            return NOT_PERSONAL[key]
    return None
