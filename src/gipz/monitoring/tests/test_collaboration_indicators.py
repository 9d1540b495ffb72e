"""Factsheet indicators for preventive assistance, unsafe situations and consults, counted by hand."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from conftest import World, logged_in, page_text
from gipz.monitoring.factsheet import build_factsheet
from gipz.prevention.services import DecisionData, preventive_request_decide
from gipz.prevention.tests.helpers import ask, police_planner
from gipz.unsafety.services import unsafe_report_close, unsafe_report_respond
from gipz.unsafety.tests.helpers import report


def _sheet(world: World) -> dict[str, Any]:
    return build_factsheet(municipality=world.utrecht, year=timezone.localdate().year)


def test_preventive_decisions_and_the_prevention_headline(world: World) -> None:
    chief = police_planner(world)
    for i in range(10):
        request = ask(world)
        if i < 5:
            data = DecisionData(
                decision="assist", reason="Eerder geweld bekend.", team_id=world.police_team.pk, officers=2
            )
        else:
            data = DecisionData(
                decision="not_needed", reason="Geen politietaak hier.", advised_alternative="Beveiliging."
            )
        preventive_request_decide(actor=chief, request_id=request.pk, data=data)
    ask(world)  # undecided
    sheet = _sheet(world)
    prevention = sheet["indicators"]["preventive_requests"]
    assert prevention["requests"] == 11
    assert prevention["decisions"] == {"assist": 5, "not_needed": 5, "more_info": 0}
    assert prevention["decided_after_deadline"] == 0
    assert sheet["tensions"]["prevention"] == 0.5  # 5 of the 10 decided: 'not needed'


def test_unsafe_situations_and_their_headline_with_suppression(world: World) -> None:
    reports = [report(world) for _ in range(5)]
    for created in reports:
        unsafe_report_respond(
            actor=world.police_actor, report_id=created.pk, response_kind="visit", note="Langs geweest."
        )
    unsafe_report_close(actor=world.care_actor, report_id=reports[0].pk, aangifte="made", follow_up="pending")
    unsafe = _sheet(world)["indicators"]["unsafe_situations"]
    assert unsafe["reports"] == 5 and unsafe["vpt"] == 5 and unsafe["acute"] == 0
    assert unsafe["aangifte_made"] is None  # 1: too few to show
    assert unsafe["share_responded_in_time"] == 1.0
    assert unsafe["response_minutes_median"] is not None
    assert _sheet(world)["tensions"]["unsafety_in_care"] == 1.0


def test_few_reports_show_nothing(world: World) -> None:
    for _ in range(3):
        report(world)
    sheet = _sheet(world)
    assert sheet["indicators"]["unsafe_situations"]["reports"] is None
    assert sheet["tensions"]["unsafety_in_care"] is None


def test_the_page_tells_a_council_member_in_plain_words(world: World) -> None:

    reports = [report(world) for _ in range(5)]
    for created in reports:
        unsafe_report_respond(actor=world.police_actor, report_id=created.pk, response_kind="visit", note="Langs.")
    client = logged_in(world.care_user)
    page = page_text(client.get(f"/monitoring/gemeente/GM0344/{timezone.localdate().year}/"))
    assert "Zorgmedewerkers meldden 5 onveilige situaties." in page
    assert "binnen de afgesproken tijd" in page
