"""The API's edges: hostile bodies are a Dutch 400, a token has a rate, a page has a largest size, and an intake can
be retried safely with an Idempotency-Key."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from conftest import World
from gipz.api.tests.test_api import INTAKE, client_for
from gipz.situations.models import Situation

pytestmark = pytest.mark.django_db


def _post_raw(client: APIClient, body: str | bytes) -> object:
    return client.generic("POST", "/api/v1/situations/", body, content_type="application/json")


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{not json", "geen geldige JSON"),
        ("[" * 20_000 + "]" * 20_000, "te diep genest"),
        (json.dumps({"location": [[[[[[[[[["x"]]]]]]]]]]}), "te diep genest"),
        (json.dumps({**INTAKE, "description": "x" * 70_000}), "te groot"),
        (b"\xff\xfe", "geen geldige JSON"),
    ],
    ids=["malformed", "deeply-nested", "nested", "oversized", "not-utf8"],
)
def test_hostile_bodies_are_a_dutch_400(world: World, body: str | bytes, says: str) -> None:
    response = _post_raw(client_for(world.police), body)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert says in response.json()["detail"]  # type: ignore[attr-defined]
    assert not Situation.objects.exists()


def test_a_page_is_never_larger_than_100(world: World) -> None:
    client = client_for(world.police)
    response = client.get("/api/v1/situations/?limit=100000")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("limit:")
    assert client.get("/api/v1/situations/?limit=100").status_code == 200


@override_settings(GIPZ_API_RATE="3/min")
def test_a_token_beyond_its_rate_gets_429(world: World) -> None:
    cache.clear()
    client = client_for(world.police)
    statuses = [client.get("/api/v1/situations/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client_for(world.police, "ander").get("/api/v1/situations/").status_code == 200  # per token
    cache.clear()


def test_the_same_idempotency_key_returns_the_same_receipt_and_one_melding(world: World) -> None:
    client = client_for(world.police)
    first = client.post("/api/v1/situations/", INTAKE, format="json", HTTP_IDEMPOTENCY_KEY="intake-42")
    again = client.post("/api/v1/situations/", INTAKE, format="json", HTTP_IDEMPOTENCY_KEY="intake-42")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Situation.objects.count() == 1
    other = client.post(
        "/api/v1/situations/", {**INTAKE, "location": "Oudegracht 1"}, format="json", HTTP_IDEMPOTENCY_KEY="intake-42"
    )
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert client.post("/api/v1/situations/", INTAKE, format="json").status_code == 201  # no key: a new melding
    assert Situation.objects.count() == 2


def test_a_key_belongs_to_one_organisation(world: World) -> None:
    first = client_for(world.police).post("/api/v1/situations/", INTAKE, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    second = client_for(world.other_police).post(
        "/api/v1/situations/", INTAKE, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert second.status_code in (201, 400, 403)
    assert first.json()["reference"] != second.json().get("reference")


@pytest.mark.django_db
def test_a_malformed_reference_is_404_not_a_database_error(world: World) -> None:
    """A NUL byte in the path once reached the query: PostgreSQL refused it with a 500 (found by fuzzing there)."""
    api = client_for(world.crisis)
    for path in ("/api/v1/situations/M%00X/", "/api/v1/situations/M%00X/fhir/", "/api/v1/situations/%C2%84/"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("application/json")
    assert api.post("/api/v1/situations/M%00X/accept/").status_code == 404
