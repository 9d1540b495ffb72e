"""Who may do what to an information request, and when (core/statemachine.py explains the engine). The services
`require` these; the request's page renders the answer form from `information_request_actions`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import OrganisationType, Role
from gipz.core.statemachine import Action, StateMachine
from gipz.privacy.models import REQUEST_TRANSITIONS, InformationRequest, InformationRequestEvent

Status = InformationRequest.Status

# The organisation's desk answers what it is asked; its privacy officer may too.
DESK_ROLES = frozenset({Role.INFORMATION_DESK, Role.PRIVACY_OFFICER})


# Whom a care professional may record a warning to: the police and the mayor (municipality).
WARNING_RECIPIENT_TYPES = frozenset({OrganisationType.POLICE, OrganisationType.MUNICIPALITY})

# Care professionals who may record a warning given on their own initiative (conflict of duties).
WARNING_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.KEY_FIGURE})


def may_warn(actor: Actor) -> bool:
    return actor.organisation.is_care and bool(actor.roles & WARNING_ROLES)


def at_the_desk(actor: Actor) -> bool:
    return bool(actor.roles & DESK_ROLES)


def may_answer(actor: Actor, request: InformationRequest) -> bool:
    return actor.organisation.pk == request.holder_organisation_id and at_the_desk(actor)


def is_asker(actor: Actor, request: InformationRequest) -> bool:
    return actor.organisation.pk == request.requesting_organisation_id


INFORMATION_REQUEST = StateMachine(
    statuses=Status,
    transitions=REQUEST_TRANSITIONS,
    history=InformationRequestEvent,
    parent="request",
    audit_prefix="information_request",
    refusal=_("Dit verzoek is intussen al %(current)s."),
    actions={
        "answer": Action(
            who=may_answer,
            refusal=_("Alleen de informatiedesk van de gevraagde organisatie beantwoordt dit verzoek."),
            to=frozenset({Status.SHARED, Status.PARTLY_SHARED, Status.REFUSED}),
        ),
        "withdraw": Action(
            who=is_asker, refusal=_("Alleen de vragende organisatie trekt een verzoek in."), to=Status.WITHDRAWN
        ),
    },
)


def information_request_actions(actor: Actor, request: InformationRequest) -> frozenset[str]:
    return INFORMATION_REQUEST.allowed(actor, request)
