"""Who may do what to a discussion of an 'oneigenlijk beroep', and when (core/statemachine.py explains the engine)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.core.statemachine import Action, StateMachine
from gipz.learning.models import DISCUSSION_TRANSITIONS, DiscussionEvent, ImproperCallDiscussion
from gipz.learning.selectors import DISCUSSING_ROLES, side_organisation_ids

Status = ImproperCallDiscussion.Status


def may_discuss(actor: Actor, discussion: ImproperCallDiscussion) -> bool:
    """Key figures and coordinators of either side: the reporting police and every organisation taking part."""
    return bool(actor.roles & DISCUSSING_ROLES) and actor.organisation.pk in side_organisation_ids(discussion.situation)


DISCUSSION = StateMachine(
    statuses=Status,
    transitions=DISCUSSION_TRANSITIONS,
    history=DiscussionEvent,
    parent="discussion",
    actions={
        "conclude": Action(
            who=may_discuss,
            refusal=_("Alleen sleutelfiguren en coördinatoren van beide kanten bespreken dit."),
            to=frozenset({Status.DISCUSSED, Status.AGREEMENT_CHANGED}),
        ),
    },
)


def discussion_actions(actor: Actor, discussion: ImproperCallDiscussion) -> frozenset[str]:
    return DISCUSSION.allowed(actor, discussion)
