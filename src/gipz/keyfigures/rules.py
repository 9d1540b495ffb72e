"""Who may do what to a consult, and when (core/statemachine.py explains the engine)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Membership, Role
from gipz.core.statemachine import Action, StateMachine
from gipz.keyfigures.models import CONSULT_TRANSITIONS, Consult, ConsultEvent

Status = Consult.Status


def is_key_figure_asked(actor: Actor, consult: Consult) -> bool:
    return consult.key_figure.user_id == actor.user.pk


def is_asker(actor: Actor, consult: Consult) -> bool:
    return consult.asking_organisation_id == actor.organisation.pk


CONSULT = StateMachine(
    statuses=Status,
    transitions=CONSULT_TRANSITIONS,
    history=ConsultEvent,
    parent="consult",
    actions={
        "answer": Action(
            who=lambda actor, consult: is_key_figure_asked(actor, consult) or is_asker(actor, consult),
            refusal=_("Alleen de sleutelfiguur en de vrager leggen de uitkomst vast."),
            to=Status.ANSWERED,
        ),
        "decline": Action(
            who=is_key_figure_asked,
            refusal=_("Alleen de sleutelfiguur kan een consult afwijzen."),
            to=Status.DECLINED,
        ),
    },
)


def consult_actions(actor: Actor, consult: Consult) -> frozenset[str]:
    return CONSULT.allowed(actor, consult)


def key_figure_membership(user_id: int) -> Membership | None:
    return Membership.objects.filter(user_id=user_id, role=Role.KEY_FIGURE).select_related("organisation").first()


def may_edit_entry(actor: Actor, user_id: int) -> bool:
    """A directory entry is kept by the key figure themselves or a coordinator of their organisation: the form and
    the save alike (others get 404 on the form)."""
    membership = key_figure_membership(user_id)
    if membership is None:
        return False
    return actor.user.pk == user_id or (actor.is_coordinator and actor.organisation.pk == membership.organisation_id)
