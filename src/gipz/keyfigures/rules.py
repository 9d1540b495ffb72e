"""Who may do what to a consult, and when (core/statemachine.py explains the engine)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
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
