"""Who may do what to a preventive request, and when (core/statemachine.py explains the engine). The services
`require` these; the request's page renders its forms from `preventive_actions`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.core.statemachine import Action, StateMachine
from gipz.prevention.models import TRANSITIONS, PreventiveRequest, PreventiveRequestEvent

Status = PreventiveRequest.Status


def is_requester(actor: Actor, request: PreventiveRequest) -> bool:
    return request.is_asker(actor)


def may_decide(actor: Actor, request: PreventiveRequest) -> bool:
    """A coordinator of the police organisation asked decides."""
    return actor.is_police and actor.is_coordinator and request.is_police_asked(actor)


def _either_side(actor: Actor, request: PreventiveRequest) -> bool:
    return request.is_asker(actor) or request.is_police_asked(actor)


REQUESTER_ONLY = _("Alleen de aanvragende organisatie kan dit.")

PREVENTIVE_REQUEST = StateMachine(
    statuses=Status,
    transitions=TRANSITIONS,
    history=PreventiveRequestEvent,
    parent="request",
    actions={
        "decide": Action(
            who=may_decide,
            refusal=_("Alleen een coördinator van de gevraagde politie-eenheid beslist."),
            to=frozenset({Status.ASSIST, Status.NOT_NEEDED, Status.MORE_INFO}),
        ),
        "add_info": Action(who=is_requester, refusal=REQUESTER_ONLY, to=Status.SUBMITTED),
        "withdraw": Action(who=is_requester, refusal=REQUESTER_ONLY, to=Status.WITHDRAWN),
        "outcome": Action(
            who=_either_side,
            refusal=_("Alleen de aanvrager en de gevraagde politie leggen de uitkomst vast."),
            to=Status.COMPLETED,
        ),
    },
)


def preventive_actions(actor: Actor, request: PreventiveRequest) -> frozenset[str]:
    return PREVENTIVE_REQUEST.allowed(actor, request)
