"""Live without polling: with polling switched off, an accept made elsewhere reaches an open board and the police's
waiting page by server push, without moving keyboard focus; an idle open board makes no requests."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, World, intake
from gipz.situations import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_accept_elsewhere_arrives_by_push_and_focus_stays(world: World, new_page: Any, settings: Any) -> None:
    settings.GIPZ_BOARD_REFRESH_SECONDS = 3600  # the polling fallback never fires in this test: only push can help
    first, other = intake(world), intake(world)
    board = new_page(world.crisis_colleague.username, PASSWORD, width=390, height=844)
    fragment_requests: list[str] = []
    board.on("request", lambda request: fragment_requests.append(request.url) if "/live/" in request.url and
             "events" not in request.url else None)  # fmt: skip
    board.goto("/bord/")
    board.wait_for_function("() => window.gipzPushUp === true")
    police = new_page(world.police_user.username, PASSWORD, width=390, height=844)
    police.goto(f"/meldingen/{first.pk}/")
    police.wait_for_function("() => window.gipzPushUp === true")

    board.wait_for_timeout(1500)
    assert fragment_requests == []  # an idle board asks nothing
    button = board.get_by_role("button", name=f"{other.reference} accepteren")
    button.focus()

    services.care_request_accept(actor=world.crisis_actor, situation_id=first.pk)  # someone else, elsewhere
    row = board.locator(f'tr[data-ref="{first.reference}"]')
    expect(row).to_contain_text("geaccepteerd", timeout=3000)
    assert board.evaluate("() => document.activeElement.getAttribute('aria-label')") == f"{other.reference} accepteren"
    expect(police.get_by_text("geaccepteerd").first).to_be_visible(timeout=3000)
    assert len(fragment_requests) == 1  # one fetch, because of the one change


def test_the_board_polls_only_while_its_stream_is_down(world: World, new_page: Any, settings: Any) -> None:
    settings.GIPZ_BOARD_REFRESH_SECONDS = 1
    intake(world)
    board = new_page(world.crisis_user.username, PASSWORD, width=1280, height=900)
    polls: list[str] = []
    board.on("request", lambda request: polls.append(request.url) if "/bord/live/" in request.url else None)
    board.goto("/bord/")
    board.wait_for_function("() => window.gipzPushUp === true")
    board.wait_for_timeout(2500)
    assert polls == []  # push is up: an idle board asks nothing, even with a one-second fallback
    board.evaluate("() => { window.gipzPushUp = false; }")  # as when the stream breaks
    board.wait_for_timeout(2500)
    assert len(polls) >= 2  # the fallback polls every second meanwhile
