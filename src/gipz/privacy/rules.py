"""Who may do what to an information request, and when (core/statemachine.py explains the engine). The services
`require` these; the request's page renders the answer form from `information_request_actions`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import OrganisationType, Role
from gipz.core.statemachine import Action, StateMachine
from gipz.privacy.models import (
    REQUEST_TRANSITIONS,
    ErasureGround,
    ErasureRequest,
    InformationRequest,
    InformationRequestEvent,
    Regime,
    RestrictionGround,
    WpgGround,
)

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


# --- the data subject's rights: which law applies to whom --------------------------------------------------------


def regime_for(actor: Actor) -> str:
    """The police answer under the Wpg for what they hold; every other organisation under the AVG."""
    return Regime.WPG if actor.organisation.type == OrganisationType.POLICE else Regime.AVG


def erasure_grounds(actor: Actor) -> list[tuple[str, str]]:
    """The grounds an officer may erase on: Wpg art. 28 for the police, AVG art. 17(1) a-e for the others."""
    return list(WpgGround.choices) if regime_for(actor) == Regime.WPG else list(ErasureGround.choices)


def grounds_while_open() -> frozenset[str]:
    """While a melding runs its data are needed for the work; only unlawfully processed data are erased then."""
    return frozenset({ErasureGround.UNLAWFUL, WpgGround.UNLAWFUL})


def restriction_grounds(actor: Actor) -> list[tuple[str, str]]:
    shield = [(RestrictionGround.WPG_SHIELD.value, RestrictionGround.WPG_SHIELD.label)]
    avg = [c for c in RestrictionGround.choices if c[0] != RestrictionGround.WPG_SHIELD]
    return shield + avg if regime_for(actor) == Regime.WPG else avg


# An erasure request waits for the recording organisations' approval, then is carried out or refused. The services
# check who may decide (services/rights.py); the table keeps a decided request decided.
ERASURE_REQUEST = StateMachine(
    statuses=ErasureRequest.Status,
    transitions={
        ErasureRequest.Status.PENDING: frozenset({ErasureRequest.Status.DONE, ErasureRequest.Status.REFUSED}),
        ErasureRequest.Status.DONE: frozenset(),
        ErasureRequest.Status.REFUSED: frozenset(),
    },
    audit_prefix="erasure_request",
    refusal=_("Over dit verzoek is al beslist (%(current)s)."),
)
