"""No BSN and no control characters in free text that can reach another organisation: refused in the first round of
validation of every form and of the API, and again by the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import World, intake, logged_in
from gipz.core.errors import ServiceError
from gipz.core.text import contains_control_characters, refuse_free_text
from gipz.situations import services
from gipz.situations.models import Evaluation, FollowUp, Handover, Situation, Status
from gipz.situations.tests.test_services_transitions import situation_in

BSN = "111222333"  # passes the eleven-test; fictional


def test_control_characters_are_recognised_but_newlines_and_tabs_are_text() -> None:
    assert contains_control_characters("a\x00b") and contains_control_characters("a\u202eb")
    assert not contains_control_characters("regel 1\nregel 2\ttab\r\n")
    with pytest.raises(ServiceError) as refused:
        refuse_free_text("ok", "bel\x07", field="note")
    assert refused.value.field == "note"


INTAKE = {
    "municipality": "",
    "location": "Vredenburg 1",
    "description": "Man roept verward op straat",
    "person_description": "",
    "offence": "no",
    "care_indicators": ["psychiatric"],
}


@pytest.mark.parametrize("field", ["description", "location", "person_description"])
def test_the_intake_form_refuses_a_bsn_with_the_other_field_errors(world: World, field: str) -> None:
    data = {**INTAKE, "municipality": world.utrecht.pk, field: f"tekst met bsn {BSN}", "description": ""}
    if field == "description":
        data["description"] = f"tekst met bsn {BSN}"
    response = logged_in(world.police_user).post(reverse("intake"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Een BSN hoort niet in GIPZ" in body
    if field != "description":
        assert "Vul een korte omschrijving in." in body  # the other field's error came in the same round
    assert not Situation.objects.exists()


@pytest.mark.parametrize("field", ["description", "location", "person_description", "urgency_reason"])
def test_the_api_refuses_a_bsn_in_intake(world: World, field: str) -> None:
    from gipz.api.tests.test_api import client_for

    payload: dict[str, Any] = {
        "municipality": "GM0344",
        "location": "Vredenburg 1",
        "description": "Man roept verward op straat",
        "offence": "no",
        "care_indicators": ["psychiatric"],
        field: f"nummer {BSN[:4]}.{BSN[4:6]}.{BSN[6:]}",
    }
    response = client_for(world.police).post("/api/v1/situations/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["field"] == field and "BSN" in response.json()["errors"][field][0]
    assert not Situation.objects.exists()


def test_the_api_refuses_control_characters(world: World) -> None:
    from gipz.api.tests.test_api import client_for

    payload = {**INTAKE, "municipality": "GM0344", "description": "verward\x00 op straat"}
    response = client_for(world.police).post("/api/v1/situations/", payload, format="json")
    assert response.status_code == 400
    assert not Situation.objects.exists()


@pytest.mark.parametrize(
    "call",
    [
        lambda w, pk: services.handover_submit(
            actor=w.crisis_actor,
            situation_id=pk,
            situation_text="S",
            background=f"bsn {BSN}",
            assessment="",
            recommendation="R",
        ),
        lambda w, pk: services.follow_up_add(
            actor=w.crisis_actor, situation_id=pk, kind=FollowUp.Kind.GP, responsible_organisation=None, details=BSN
        ),
        lambda w, pk: services.situation_cancel(actor=w.police_actor, situation_id=pk, reason=f"dubbel {BSN}"),
    ],
    ids=["sbar", "follow-up", "cancel"],
)
def test_the_services_refuse_a_bsn_too(world: World, call: Any) -> None:
    situation = situation_in(world, Status.ON_SITE)
    with pytest.raises(ServiceError, match="BSN"):
        call(world, situation.pk)


def test_an_evaluation_refuses_a_bsn(world: World) -> None:
    situation = situation_in(world, Status.CLOSED)
    with pytest.raises(ServiceError, match="BSN"):
        services.evaluation_submit(
            actor=world.police_actor,
            situation_id=situation.pk,
            rating=3,
            improper_call=False,
            improper_call_reason="",
            tensions=[],
            comment=f"betrokkene {BSN}",
        )
    assert not Evaluation.objects.exists()


def test_the_sbar_form_refuses_a_bsn_before_the_service_runs(world: World) -> None:
    situation = situation_in(world, Status.ON_SITE)
    crisis = logged_in(world.crisis_user)
    response = crisis.post(
        reverse("situation-handover", args=[situation.pk]),
        {"situation_text": f"bsn {BSN}", "background": "", "assessment": "", "recommendation": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Een BSN hoort niet in GIPZ" in body
    assert not Handover.objects.exists()


def test_a_person_description_with_a_bsn_never_reaches_the_database(world: World) -> None:
    with pytest.raises(ServiceError):
        intake(world, person_description=f"man, bsn {BSN}")
    assert not Situation.objects.exists()
