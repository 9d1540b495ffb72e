"""Who may do what to a melding, and when: the state machines of the situation, its care request and its follow-up
actions, with one permission rule per action. The services `require` these; the page renders its buttons from
`situation_actions` (core/statemachine.py explains the engine)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.core.statemachine import Action, StateMachine
from gipz.situations.events import situation_changed_send
from gipz.situations.models import (
    TRANSITIONS,
    CareRequest,
    Evaluation,
    FollowUp,
    Participant,
    Situation,
    Status,
    TimelineEvent,
)

# Who is who in a situation. Each is one look at rows the page has already loaded (care request, evaluations),
# except `crisis_coordinator_of`, which asks the participants.


def is_reporter(actor: Actor, situation: Situation) -> bool:
    """A member of the police organisation that made the melding."""
    return actor.is_police and actor.organisation.pk == situation.reporting_organisation_id


def is_assigned_crisis(actor: Actor, situation: Situation) -> bool:
    """A member of the crisis service the request went to."""
    request = care_request_of(situation)
    return actor.is_crisis and request is not None and actor.organisation.pk == request.organisation_id


def crisis_coordinator_of(actor: Actor, situation: Situation) -> bool:
    """A coordinator of a crisis service taking part (the one asked, or the backup's)."""
    return (
        actor.is_crisis
        and actor.is_coordinator
        and situation.participants.filter(
            organisation=actor.organisation, kind__in=(Participant.Kind.ASSIGNED, Participant.Kind.BACKUP)
        ).exists()
    )


def evaluation_side(actor: Actor, situation: Situation) -> str | None:
    if is_reporter(actor, situation):
        return Evaluation.Side.POLICE
    if is_assigned_crisis(actor, situation):
        return Evaluation.Side.CRISIS
    return None


def care_request_of(situation: Situation) -> CareRequest | None:
    try:
        return situation.care_request
    except CareRequest.DoesNotExist:
        return None


def _handover(situation: Situation) -> object | None:
    return getattr(situation, "handover", None)


def _request_pending(actor: Actor, situation: Situation) -> bool:
    request = care_request_of(situation)
    return request is not None and request.status == CareRequest.Status.PENDING


def _handover_open(actor: Actor, situation: Situation) -> bool:
    handover = _handover(situation)
    return handover is None or handover.police_confirmed_at is None  # type: ignore[attr-defined]


def _handover_to_confirm(actor: Actor, situation: Situation) -> bool:
    handover = _handover(situation)
    return handover is not None and handover.police_confirmed_at is None  # type: ignore[attr-defined]


def _may_close(actor: Actor, situation: Situation) -> bool:
    if situation.status == Status.REFERRED:
        return actor.organisation.pk == situation.reporting_organisation_id
    return is_assigned_crisis(actor, situation)


def _side_not_yet_evaluated(actor: Actor, situation: Situation) -> bool:
    side = evaluation_side(actor, situation)
    return side is not None and not any(e.side == side for e in situation.evaluations.all())


CRISIS_ONLY = _("Alleen de crisisdienst die het verzoek kreeg kan dit doen.")
FOLLOW_UP_STATUSES = frozenset({Status.ON_SITE, Status.HANDED_OVER})

SITUATION = StateMachine(
    statuses=Status,
    transitions=TRANSITIONS,
    history=TimelineEvent,
    parent="situation",
    refusal=_("Dat kan niet: de melding is nu '%(current)s' en kan van daaruit niet naar '%(to)s'."),
    # Every change to a situation makes the monitoring of its month stale (situations/events.py).
    after_move=lambda s: situation_changed_send(municipality_id=s.municipality_id, created_at=s.created_at),
    actions={
        "request_crisis": Action(
            who=is_reporter,
            refusal=_("Alleen de melder kan de crisisdienst alsnog inschakelen."),
            to=Status.REPORTED,
            state_refusal=_("De crisisdienst is voor deze melding al ingeschakeld of de melding is gesloten."),
        ),
        "accept": Action(
            who=is_assigned_crisis,
            refusal=CRISIS_ONLY,
            to=Status.ACCEPTED,
            when=_request_pending,
            when_refusal=_("Dit verzoek kan niet meer worden geaccepteerd."),
        ),
        "en_route": Action(who=is_assigned_crisis, refusal=CRISIS_ONLY, to=Status.EN_ROUTE),
        "on_site": Action(who=is_assigned_crisis, refusal=CRISIS_ONLY, to=Status.ON_SITE),
        "retriage": Action(
            who=is_assigned_crisis,
            refusal=_("Alleen de crisisdienst die het verzoek kreeg stelt de urgentie vast."),
            during=frozenset({Status.REPORTED, Status.ACCEPTED, Status.EN_ROUTE, Status.ON_SITE}),
            state_refusal=_("De urgentie stelt de crisisdienst vast tot de overdracht."),
        ),
        "handover": Action(
            who=is_assigned_crisis,
            refusal=CRISIS_ONLY,
            during=frozenset({Status.ON_SITE}),
            state_refusal=_("Een overdracht kan pas als de crisisdienst ter plaatse is."),
            when=_handover_open,
            when_refusal=_("De overdracht is al door beide kanten bevestigd."),
        ),
        "confirm_handover": Action(
            who=is_reporter,
            refusal=_("Alleen de politie die de melding deed bevestigt de overdracht."),
            to=Status.HANDED_OVER,
            when=_handover_to_confirm,
            when_refusal=_("De crisisdienst heeft nog geen overdracht (SBAR) vastgelegd, of die is al bevestigd."),
        ),
        "follow_up": Action(
            who=is_assigned_crisis,
            refusal=_("Alleen de crisisdienst van deze melding legt het vervolg vast."),
            during=FOLLOW_UP_STATUSES,
            state_refusal=_("Vervolg vastleggen kan als de crisisdienst ter plaatse is, tot het afsluiten."),
        ),
        "follow_up_update": Action(
            who=is_assigned_crisis,
            refusal=_("Alleen de crisisdienst van deze melding legt het vervolg vast."),
            during=FOLLOW_UP_STATUSES | {Status.CLOSED},
            state_refusal=_("Dit vervolg kan niet meer worden gewijzigd."),
        ),
        "close": Action(
            who=_may_close,
            refusal=_("Alleen de crisisdienst die het verzoek kreeg sluit af; een doorverwezen melding de melder."),
            to=Status.CLOSED,
        ),
        "cancel": Action(
            who=lambda actor, s: is_reporter(actor, s) or crisis_coordinator_of(actor, s),
            refusal=_("Alleen de melder of een coördinator van de crisisdienst kan een melding annuleren."),
            to=Status.CANCELLED,
        ),
        "evaluate": Action(
            who=lambda actor, s: evaluation_side(actor, s) is not None,
            refusal=_("Alleen de politie en de crisisdienst van deze melding bespreken hem na."),
            during=frozenset({Status.CLOSED}),
            state_refusal=_("Nabespreken kan na het afsluiten van de melding."),
            when=_side_not_yet_evaluated,
            when_refusal=_("Uw kant heeft deze melding al nabesproken."),
        ),
    },
)


def situation_actions(actor: Actor, situation: Situation) -> frozenset[str]:
    """What the situation page offers this actor now; the services refuse everything else."""
    return SITUATION.allowed(actor, situation)


CARE_REQUEST = StateMachine(
    statuses=CareRequest.Status,
    transitions={
        CareRequest.Status.PENDING: frozenset({CareRequest.Status.ACCEPTED, CareRequest.Status.WITHDRAWN}),
        CareRequest.Status.ACCEPTED: frozenset(),
        CareRequest.Status.WITHDRAWN: frozenset(),
    },
)

# A follow-up action's own course. Done and cancelled are final: a new need is a new follow-up.
FOLLOW_UP = StateMachine(
    statuses=FollowUp.Status,
    transitions={
        FollowUp.Status.PLANNED: frozenset(
            {FollowUp.Status.PLANNED, FollowUp.Status.IN_PROGRESS, FollowUp.Status.DONE, FollowUp.Status.CANCELLED}
        ),
        FollowUp.Status.IN_PROGRESS: frozenset(
            {FollowUp.Status.IN_PROGRESS, FollowUp.Status.DONE, FollowUp.Status.CANCELLED}
        ),
        FollowUp.Status.DONE: frozenset(),
        FollowUp.Status.CANCELLED: frozenset(),
    },
    history=TimelineEvent,
    parent="situation",
    owner=lambda follow_up: follow_up.situation,
    audit_prefix="follow_up",
    after_move=lambda f: situation_changed_send(
        municipality_id=f.situation.municipality_id, created_at=f.situation.created_at
    ),
    refusal=_("Dit vervolg is '%(current)s' en kan niet meer naar '%(to)s'."),
)


def follow_up_choices(follow_up: FollowUp) -> list[tuple[str, str]]:
    """The statuses a follow-up may take next (its own first, so the owner can change alone); none when final."""
    allowed = FOLLOW_UP.transitions[follow_up.status]
    return [(value, str(label)) for value, label in FollowUp.Status.choices if value in allowed]
