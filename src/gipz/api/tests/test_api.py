from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World, intake
from gipz.accounts.models import ApiToken
from gipz.accounts.services import api_token_create
from gipz.situations import services
from gipz.situations.models import Situation

INTAKE = {
    "municipality": "GM0344",
    "location": "Neude 11",
    "description": "Vrouw loopt verward over de weg",
    "offence": "no",
    "care_indicators": ["psychiatric"],
}


def client_for(organisation: Any, label: str = "test") -> APIClient:
    _, key = api_token_create(organisation=organisation, label=label)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def police_api(world: World) -> APIClient:
    return client_for(world.police)


def test_intake_creates_triages_and_routes(world: World, police_api: APIClient) -> None:
    response = police_api.post("/api/v1/situations/", INTAKE, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "reported"
    assert body["urgency"] == "U3"
    assert body["target_minutes"] == 240
    assert (body["team"], body["backup_team"]) == ("Team A", "Team B")
    assert body["acknowledge_deadline"] is not None
    assert "care_details" not in body
    assert response["Location"] == body["url"] == f"/api/v1/situations/{body['reference']}/"
    assert Situation.objects.filter(reference=body["reference"]).exists()
    full = police_api.get(body["url"]).json()
    assert full["care_request"]["team"] == "Team A" and full["timeline"][0]["kind"] == "created"


def test_intake_u5_is_referred_not_routed(police_api: APIClient) -> None:
    response = police_api.post("/api/v1/situations/", {**INTAKE, "care_indicators": []}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "referred"
    assert response.json()["urgency"] == "U5"
    assert response.json()["team"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**INTAKE, "municipality": "GM9999"}, "municipality"),
        ({**INTAKE, "care_indicators": ["werewolf"]}, "care_indicators"),
        ({**INTAKE, "offence": "maybe"}, "offence"),
        ({k: v for k, v in INTAKE.items() if k != "location"}, "location"),
        ({**INTAKE, "weapon": "sometimes"}, "weapon"),
        ({**INTAKE, "chosen_urgency": "U7"}, "chosen_urgency"),
    ],
)
def test_bad_intake_is_rejected_in_dutch_and_saves_nothing(police_api: APIClient, body: dict, field: str) -> None:
    response = police_api.post("/api/v1/situations/", body, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"] and body["detail"] and body["code"] == "invalid"
    assert Situation.objects.count() == 0


def test_service_refusal_is_400_with_field(police_api: APIClient) -> None:
    body = {**INTAKE, "chosen_urgency": "U2"}  # another urgency than advised needs a reason
    response = police_api.post("/api/v1/situations/", body, format="json")
    assert response.status_code == 400
    assert response.json()["field"] == "urgency_reason"
    assert "reden" in response.json()["detail"]
    assert Situation.objects.count() == 0


def test_malformed_json_and_wrong_content_type_are_400_not_500(police_api: APIClient) -> None:
    response = police_api.generic("POST", "/api/v1/situations/", "{not json", content_type="application/json")
    assert response.status_code == 400
    response = police_api.generic("POST", "/api/v1/situations/", "<xml/>", content_type="application/xml")
    assert response.status_code == 415
    response = police_api.post("/api/v1/situations/", [1, 2], format="json")
    assert response.status_code == 400


def test_crisis_token_cannot_create(world: World) -> None:
    response = client_for(world.crisis).post("/api/v1/situations/", INTAKE, format="json")
    assert response.status_code == 403
    assert "politie" in response.json()["detail"]


def test_no_token_unknown_token_and_revoked_token_are_401(world: World) -> None:
    assert APIClient().get("/api/v1/situations/").status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token gipz_nonsense")
    assert client.get("/api/v1/situations/").status_code == 401
    client = client_for(world.police)
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/v1/situations/").status_code == 401


def test_owner_member_outsider(world: World) -> None:
    situation = intake(world)
    url = f"/api/v1/situations/{situation.reference}/"
    assert client_for(world.police, "owner").get(url).status_code == 200
    assert client_for(world.police, "member").get(url).status_code == 200
    crisis = client_for(world.crisis).get(url)
    assert crisis.status_code == 200
    assert "care_details" in crisis.json()
    assert client_for(world.other_police).get(url).status_code == 404
    assert client_for(world.other_crisis).get(url).status_code == 404
    assert client_for(world.care).get(url).status_code == 404
    listed = client_for(world.other_police).get("/api/v1/situations/")
    assert listed.status_code == 200 and listed.json() == {"next": None, "results": []}


def test_list_filters_by_status_and_rejects_unknown(world: World, police_api: APIClient) -> None:
    intake(world)
    intake(world, care_indicators=frozenset())
    assert len(police_api.get("/api/v1/situations/?status=referred").json()["results"]) == 1
    assert len(police_api.get("/api/v1/situations/").json()["results"]) == 2
    refused = police_api.get("/api/v1/situations/?status=bogus")
    assert refused.status_code == 400 and refused.json()["detail"].startswith("status:")


def test_accept_twice_gives_409_naming_the_winner(world: World) -> None:
    situation = intake(world)
    services.care_request_accept(actor=world.crisis_colleague_actor, situation_id=situation.pk)
    response = client_for(world.crisis).post(f"/api/v1/situations/{situation.reference}/accept/")
    assert response.status_code == 409
    assert world.crisis_colleague.get_full_name() in response.json()["detail"]


def test_accept_by_api(world: World) -> None:
    situation = intake(world)
    response = client_for(world.crisis).post(f"/api/v1/situations/{situation.reference}/accept/")
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    police = client_for(world.police).post(f"/api/v1/situations/{situation.reference}/accept/")
    assert police.status_code == 403


def test_care_details_hidden_from_police(world: World) -> None:
    situation = intake(world)
    Situation.objects.filter(pk=situation.pk).update(care_notes="bekend bij GGZ")
    response = client_for(world.police).get(f"/api/v1/situations/{situation.reference}/")
    assert response.status_code == 200
    assert "bekend bij GGZ" not in str(response.json())
    crisis = client_for(world.crisis).get(f"/api/v1/situations/{situation.reference}/").json()
    assert crisis["care_details"]["care_notes"] == "bekend bij GGZ"


def test_intake_receipt_matches_its_documented_shape(world: World, police_api: APIClient) -> None:
    from gipz.api.serializers import IntakeReceiptSerializer

    body = police_api.post("/api/v1/situations/", INTAKE, format="json").json()
    assert set(body) == set(IntakeReceiptSerializer().fields)
    assert IntakeReceiptSerializer(data=body).is_valid()
    full = police_api.get(body["url"]).json()
    assert body["on_site_deadline"] == full["on_site_deadline"]
    assert body["acknowledge_deadline"] == full["care_request"]["acknowledge_deadline"]
