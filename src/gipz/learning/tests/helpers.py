from __future__ import annotations

from typing import Any

from conftest import World, intake, make_user
from gipz.accounts.models import Role
from gipz.learning.models import ImproperCallDiscussion
from gipz.situations import services
from gipz.situations.models import FollowUp


def closed_situation(world: World) -> Any:
    situation = intake(world)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    services.situation_on_site(actor=world.crisis_actor, situation_id=situation.pk)
    services.handover_submit(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        situation_text="Man verward op straat.",
        background="",
        assessment="",
        recommendation="Huisarts morgen.",
    )
    services.handover_confirm_police(actor=world.police_actor, situation_id=situation.pk)
    services.follow_up_add(
        actor=world.crisis_actor, situation_id=situation.pk, kind=FollowUp.Kind.GP, responsible_organisation=world.care
    )
    services.situation_close(actor=world.crisis_actor, situation_id=situation.pk)
    return situation


def flagged_discussion(world: World) -> ImproperCallDiscussion:
    """A closed situation whose crisis side flagged an 'oneigenlijk beroep'; key figures on both sides exist
    (world.police_key_figure, world.crisis_key_figure) before the flag, so both are notified."""
    world.police_key_figure = make_user("sleutel-politie", world.police, Role.KEY_FIGURE)
    world.crisis_key_figure = make_user("sleutel-crisis", world.crisis, Role.KEY_FIGURE)
    situation = closed_situation(world)
    evaluation = services.evaluation_submit(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        rating=2,
        improper_call=True,
        improper_call_reason="Geen zorgvraag: het ging om een burenruzie.",
        tensions=["mutual_expectations"],
    )
    return evaluation.improper_call_discussion
