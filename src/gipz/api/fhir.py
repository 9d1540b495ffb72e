"""A situation as an HL7 FHIR R4 Bundle: the handover in the shape Dutch care exchanges use (docs/api.md, *FHIR*).

A Task for the care request (requester the reporting organisation, owner the crisis service, status and business
status from GIPZ's), its focus a ServiceRequest whose priority follows the urgency, the Organizations, the SBAR
handover as a Composition with one section per letter, follow-up actions as Tasks that are part of the request, the
place as a Location, and — for care organisations only, as the API scopes care details — a minimal Patient. No BSN
(GIPZ holds none) and nothing the caller could not see in GIPZ itself: B and A of the SBAR, the care notes and
follow-up details only for care organisations.

Codes come from published code systems where they exist (HL7 task-status, request-status, request-priority,
composition-status, organization-type, LOINC for the document type); GIPZ's own codes live under CANONICAL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from html import escape
from typing import Any

from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation, OrganisationType
from gipz.api.services import situation_shown
from gipz.situations.models import CareRequest, FollowUp, Situation, Status, Urgency

CANONICAL = "https://gipz.nl/fhir"  # an identifier, stable across versions; it need not resolve
CODE_SYSTEMS = {
    "situation-status": f"{CANONICAL}/CodeSystem/situation-status",
    "urgency": f"{CANONICAL}/CodeSystem/urgency",
    "request-type": f"{CANONICAL}/CodeSystem/request-type",
    "sbar-section": f"{CANONICAL}/CodeSystem/sbar-section",
    "follow-up-kind": f"{CANONICAL}/CodeSystem/follow-up-kind",
}
IDENTIFIERS = {
    "situation": f"{CANONICAL}/NamingSystem/situation-reference",
    "organisation": f"{CANONICAL}/NamingSystem/organisation",
    "municipality": f"{CANONICAL}/NamingSystem/cbs-municipality-code",  # CBS's GMxxxx codes
}
_NAMESPACE = uuid.UUID("5b0f2c7e-43a3-4f5e-9a55-9a1b4a8d2f10")  # same situation, same ids in every export

# GIPZ's situation status → (Task.status, ServiceRequest.status), both HL7's published value sets.
TASK_STATUS = {
    Status.REPORTED: ("requested", "active"),
    Status.ACCEPTED: ("accepted", "active"),
    Status.EN_ROUTE: ("in-progress", "active"),
    Status.ON_SITE: ("in-progress", "active"),
    Status.HANDED_OVER: ("completed", "completed"),
    Status.CLOSED: ("completed", "completed"),
    Status.CANCELLED: ("cancelled", "revoked"),
    Status.REFERRED: ("cancelled", "revoked"),
}
PRIORITY = {Urgency.U1: "stat", Urgency.U2: "asap", Urgency.U3: "urgent", Urgency.U4: "routine", Urgency.U5: "routine"}
FOLLOW_UP_STATUS = {
    FollowUp.Status.PLANNED: "ready",
    FollowUp.Status.IN_PROGRESS: "in-progress",
    FollowUp.Status.DONE: "completed",
    FollowUp.Status.CANCELLED: "cancelled",
}
ORGANISATION_TYPE = {  # http://terminology.hl7.org/CodeSystem/organization-type
    OrganisationType.POLICE: ("govt", "Government"),
    OrganisationType.MUNICIPALITY: ("govt", "Government"),
    OrganisationType.MELDPUNT: ("govt", "Government"),
}
SBAR = (("S", "Situatie", "sbar_situation"), ("B", "Achtergrond", "sbar_background"),
        ("A", "Beoordeling", "sbar_assessment"), ("R", "Advies en afspraken", "sbar_recommendation"))  # fmt: skip
CARE_ONLY_SECTIONS = frozenset({"B", "A"})


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def _ref(resource: dict[str, Any]) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource['id']}"}


def _instant(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else None


def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": CODE_SYSTEMS.get(system, system), "code": code, "display": display}]}


def _narrative(text: str) -> dict[str, str]:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip()) or "<p>-</p>"
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{paragraphs}</div>'}


def _drop_empty(resource: dict[str, Any]) -> dict[str, Any]:
    """FHIR JSON never carries empty values."""
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}


def _organization(organisation: Organisation) -> dict[str, Any]:
    code, display = ORGANISATION_TYPE.get(organisation.type, ("prov", "Healthcare Provider"))
    return _drop_empty({
        "resourceType": "Organization",
        "id": _id("organisation", organisation.pk),
        "identifier": [{"system": IDENTIFIERS["organisation"], "value": str(organisation.pk)}],
        "active": True,
        "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": code,
                              "display": display}], "text": organisation.get_type_display()}],
        "name": organisation.name,
    })  # fmt: skip


def situation_bundle(situation: Situation, *, care: bool, now: datetime | None = None) -> dict[str, Any]:
    """The Bundle for a situation as an organisation sees it; `care`: the viewer is a care organisation."""
    now = now or timezone.now()
    ref = situation.reference
    request: CareRequest | None = getattr(situation, "care_request", None)
    handover = getattr(situation, "handover", None)
    organisations: dict[int, dict[str, Any]] = {}

    def organization(organisation: Organisation | None) -> dict[str, str] | None:
        if organisation is None:
            return None
        if organisation.pk not in organisations:
            organisations[organisation.pk] = _organization(organisation)
        return _ref(organisations[organisation.pk])

    location = _drop_empty({
        "resourceType": "Location",
        "id": _id(ref, "location"),
        "name": situation.municipality.name,
        "address": {"text": situation.location, "city": situation.municipality.name, "country": "NL"},
        "identifier": [{"system": IDENTIFIERS["municipality"], "value": situation.municipality.code}],
    })  # fmt: skip
    patient = None
    if care:  # a minimal subject for care organisations: no name, no BSN, nothing beyond what the API shows
        patient = {
            "resourceType": "Patient",
            "id": _id(ref, "patient"),
            "meta": {"security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
                                   "code": "R", "display": "restricted"}]},
            "identifier": [{"system": IDENTIFIERS["situation"], "value": ref}],
        }  # fmt: skip
    subject = _ref(patient) if patient else _ref(location)
    task_status, request_status = TASK_STATUS[Status(situation.status)]
    urgency = Urgency(situation.urgency)
    requester = organization(situation.reporting_organisation)
    owner = organization(request.organisation) if request else None
    service_request = _drop_empty({
        "resourceType": "ServiceRequest",
        "id": _id(ref, "service-request"),
        "identifier": [{"system": IDENTIFIERS["situation"], "value": ref}],
        "status": request_status,
        "intent": "order",
        "category": [_coding("urgency", urgency.value, str(urgency.label))],
        "priority": PRIORITY[urgency],
        "code": _coding("request-type", "crisis-assessment", "Beoordeling en overname door de crisisdienst"),
        "subject": subject,
        "authoredOn": _instant(situation.created_at),
        "requester": requester,
        "performer": [owner] if owner else [],
        "locationReference": [_ref(location)],
        "note": [{"text": situation.description}] if situation.description else [],
    })  # fmt: skip
    resources: list[dict[str, Any]] = [service_request, location]
    task = None
    if request is not None:
        task = _drop_empty({
            "resourceType": "Task",
            "id": _id(ref, "task"),
            "identifier": [{"system": IDENTIFIERS["situation"], "value": ref}],
            "basedOn": [_ref(service_request)],
            "status": "cancelled" if request.status == CareRequest.Status.WITHDRAWN else task_status,
            "businessStatus": _coding("situation-status", situation.status, situation.get_status_display()),
            "intent": "order",
            "priority": PRIORITY[urgency],
            "code": {"coding": [{"system": "http://hl7.org/fhir/CodeSystem/task-code", "code": "fulfill",
                                 "display": "Fulfill the focal request"}]},
            "focus": _ref(service_request),
            "for": subject,
            "authoredOn": _instant(request.requested_at),
            "lastModified": _instant(situation.handed_over_at or situation.on_site_at or situation.en_route_at
                                     or request.accepted_at or request.requested_at),
            "requester": requester,
            "owner": owner,
            "executionPeriod": _drop_empty({"start": _instant(request.accepted_at),
                                            "end": _instant(situation.handed_over_at)}),
            "restriction": {"period": {"end": _instant(request.acknowledge_deadline)}},
        })  # fmt: skip
        resources.insert(0, task)
    for follow_up in situation.follow_ups.all():
        resources.append(_drop_empty({
            "resourceType": "Task",
            "id": _id(ref, "follow-up", follow_up.pk),
            "status": FOLLOW_UP_STATUS[FollowUp.Status(follow_up.status)],
            "intent": "plan",
            "code": _coding("follow-up-kind", follow_up.kind, follow_up.get_kind_display()),
            "description": follow_up.details if care and follow_up.details else None,
            "partOf": [_ref(task)] if task else [],
            "for": subject,
            "authoredOn": _instant(follow_up.created_at),
            "owner": organization(follow_up.responsible_organisation),
        }))  # fmt: skip
    if handover is not None:
        sections = [
            {"title": f"{letter} — {title}", "code": _coding("sbar-section", letter, title),
             "text": _narrative(getattr(handover, field))}
            for letter, title, field in SBAR
            if (care or letter not in CARE_ONLY_SECTIONS) and getattr(handover, field)
        ]  # fmt: skip
        if care and situation.care_notes:
            sections.append({"title": "Zorgnotities", "code": _coding("sbar-section", "care-notes", "Zorgnotities"),
                             "text": _narrative(situation.care_notes)})  # fmt: skip
        attesters = [{"mode": "professional", "time": _instant(handover.crisis_confirmed_at), "party": owner}]
        if handover.police_confirmed_at:
            attesters.append({"mode": "professional", "time": _instant(handover.police_confirmed_at),
                              "party": requester})  # fmt: skip
        resources.append(_drop_empty({
            "resourceType": "Composition",
            "id": _id(ref, "handover"),
            "identifier": {"system": IDENTIFIERS["situation"], "value": ref},
            "status": "final" if handover.police_confirmed_at else "preliminary",
            "type": {"coding": [{"system": "http://loinc.org", "code": "18761-7",
                                 "display": "Transfer summary note"}], "text": "SBAR-overdracht"},
            "subject": subject,
            "date": _instant(handover.crisis_confirmed_at),
            "author": [owner or requester],
            "title": "SBAR-overdracht",
            "attester": [_drop_empty(a) for a in attesters if a["party"]],
            "section": sections,
        }))  # fmt: skip
    if patient:
        resources.append(patient)
    resources.extend(organisations.values())
    return {
        "resourceType": "Bundle",
        "id": _id(ref, "bundle"),
        "identifier": {"system": IDENTIFIERS["situation"], "value": ref},
        "type": "collection",
        "timestamp": _instant(now),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def fhir_export(actor: Actor, reference: str) -> dict[str, Any]:
    """The situation as a Bundle, as this organisation may see it; every export is access-logged."""
    situation = situation_shown(actor, reference, action="export", what="FHIR-bundel via de API")
    return situation_bundle(situation, care=actor.is_care)
