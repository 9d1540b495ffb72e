from conftest import intake
from gipz.situations import services
from gipz.situations.models import FollowUp, Status


def test_whole_flow_from_intake_to_both_evaluations(world):
    situation = intake(world)
    assert situation.status == Status.REPORTED
    assert situation.urgency == "U3"
    assert situation.care_request.team == world.team_a
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    services.situation_en_route(actor=world.crisis_actor, situation_id=situation.pk, eta_minutes=20)
    services.situation_on_site(actor=world.crisis_actor, situation_id=situation.pk)
    services.handover_submit(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        situation_text="S",
        background="B",
        assessment="A",
        recommendation="R",
    )
    services.handover_confirm_police(actor=world.police_actor, situation_id=situation.pk)
    services.follow_up_add(
        actor=world.crisis_actor, situation_id=situation.pk, kind=FollowUp.Kind.GP, responsible_organisation=world.care
    )
    services.situation_close(actor=world.crisis_actor, situation_id=situation.pk)
    services.evaluation_submit(
        actor=world.police_actor,
        situation_id=situation.pk,
        rating=4,
        improper_call=False,
        improper_call_reason="",
        tensions=["signalling"],
    )
    services.evaluation_submit(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        rating=3,
        improper_call=True,
        improper_call_reason="Geen zorgvraag",
        tensions=[],
    )
    situation.refresh_from_db()
    assert situation.status == Status.CLOSED
    assert situation.police_waiting_time is not None
    assert [e.kind for e in situation.timeline.all()] == [
        "created",
        "accepted",
        "en_route",
        "on_site",
        "handover_proposed",
        "handed_over",
        "follow_up_added",
        "closed",
        "evaluated",
        "evaluated",
        "improper_call_flagged",  # the crisis side flagged it: a discussion for both sides' key figures
    ]
