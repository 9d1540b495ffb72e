"""With the database away the API answers JSON 503 with Retry-After, and people get a Dutch 'tijdelijk niet
beschikbaar' page; any other failure stays a plain 500, JSON for the API (issue #28, item 9)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from conftest import World, logged_in
from gipz.api.tests.test_api import client_for


@pytest.fixture
def cut_database(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Every query from then on fails the way a stopped PostgreSQL server makes it fail."""

    def refuse(self: Any, *args: Any, **kwargs: Any) -> None:
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    def cut() -> None:
        monkeypatch.setattr(CursorWrapper, "execute", refuse)
        monkeypatch.setattr(CursorWrapper, "executemany", refuse)

    return cut


def test_the_api_answers_json_503_with_retry_after(world: World, cut_database: Callable[[], None]) -> None:
    api = client_for(world.police)
    api.raise_request_exception = False
    cut_database()
    response = api.get("/api/v1/situations/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json" and response["Retry-After"] == "5"
    assert response.json()["code"] == "unavailable" and "tijdelijk niet beschikbaar" in response.json()["detail"]
    assert "127.0.0.1" not in response.content.decode()  # nothing of the error itself


def test_a_page_says_temporarily_unavailable_in_dutch(world: World, cut_database: Callable[[], None]) -> None:
    client = logged_in(world.police_user)
    client.raise_request_exception = False
    cut_database()
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    text = response.content.decode()
    assert "GIPZ is tijdelijk niet beschikbaar" in text and "Connection refused" not in text


def test_another_failure_is_a_500_in_the_api_shape(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from gipz.api import views

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.SituationListCreate, "get", broken)
    api = client_for(world.police)
    api.raise_request_exception = False
    response = api.get("/api/v1/situations/")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error" and not response.has_header("Retry-After")
