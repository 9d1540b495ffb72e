"""Unsafe-situation pages: 112 first when acute, the form keeps what was typed, police respond on the page."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conftest import World, logged_in, page_text
from gipz.unsafety.models import UnsafeReport
from gipz.unsafety.tests.helpers import report


def _form(world: World, **changes: str) -> dict[str, str]:
    return {
        "police_organisation": str(world.police.pk),
        "municipality": str(world.utrecht.pk),
        "setting": "inside",
        "location": "Fictieve kliniek",
        "occurred_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "description": "Bewoner sloeg een begeleider in het gezicht.",
        "severity_code": "2",
        "request_kind": "visit",
        "vpt": "on",
        **changes,
    }


def test_danger_now_says_call_112_first(world: World) -> None:
    client = logged_in(world.care_user)
    start = page_text(client.get("/onveilig/nieuw/"))
    assert "Is er nu direct gevaar" in start
    page = page_text(client.get("/onveilig/nieuw/?stap=112"))
    assert "Bel nu 112." in page and "?stap=achteraf" in page
    assert UnsafeReport.objects.count() == 0


def test_a_request_to_police_through_the_form(world: World) -> None:
    client = logged_in(world.care_user)
    form = page_text(client.get("/onveilig/nieuw/?stap=verzoek"))
    assert "Alleen vastleggen" not in form and "Grensoverschrijdend" in form
    bad = client.post("/onveilig/nieuw/?stap=verzoek", _form(world, severity_code="", location="Paviljoen 7"))
    assert bad.status_code == 400
    assert "Kies het niveau." in bad.content.decode() and 'value="Paviljoen 7"' in bad.content.decode()
    assert UnsafeReport.objects.count() == 0
    ok = client.post("/onveilig/nieuw/?stap=verzoek", _form(world))
    created = UnsafeReport.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/onveilig/{created.pk}/"
    assert created.vpt and not created.acute and created.request_kind == "visit"


def test_recording_an_acute_situation_afterwards(world: World) -> None:
    client = logged_in(world.care_user)
    arrived = (timezone.localtime() - timedelta(hours=1, minutes=45)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/onveilig/nieuw/?stap=achteraf",
        _form(world, severity_code="3", request_kind="record_only", police_arrived_at=arrived),
    )
    assert response.status_code == 302
    created = UnsafeReport.objects.get()
    assert created.acute and created.response_minutes == 15


def test_police_respond_on_the_page_and_outsiders_get_404(world: World) -> None:
    created = report(world)
    police = logged_in(world.police_user)
    page = page_text(police.get(f"/onveilig/{created.pk}/"))
    assert "Reactie vastleggen" in page and "VPT" in page
    bad = police.post(f"/onveilig/{created.pk}/reactie/", {"response_kind": "visit", "note": ""})
    assert bad.status_code == 400
    ok = police.post(
        f"/onveilig/{created.pk}/reactie/", {"response_kind": "visit", "note": "Langs geweest, gesprek gevoerd."}
    )
    assert ok.status_code == 302
    assert logged_in(world.outsider_police).get(f"/onveilig/{created.pk}/").status_code == 404
    queue = page_text(logged_in(world.police_user).get("/onveilig/"))
    assert "Open bij de politie" in queue


def test_police_cannot_open_the_report_form(world: World) -> None:
    response = logged_in(world.police_user).get("/onveilig/nieuw/?stap=verzoek")
    assert response.status_code == 302


def test_the_form_offers_the_levels_agreed_in_the_reporters_region(world: World) -> None:
    from gipz.agreements.tests.helpers import approve

    levels = [
        {"code": "A", "name": "Licht", "description": "Schelden", "response": "Zorg handelt", "response_hours": 48},
        {"code": "B", "name": "Zwaar", "description": "Geweld", "response": "Politie komt", "response_hours": 2},
    ]
    approve(world.coordinator_actor, world.utrecht, unsafe_levels=levels)
    world.care.safety_region = world.utrecht.safety_region
    world.care.save()
    form = page_text(logged_in(world.care_user).get("/onveilig/nieuw/?stap=verzoek"))
    assert "A · Licht" in form and "Grensoverschrijdend" not in form
