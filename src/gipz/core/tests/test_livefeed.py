"""Server push: a change announces itself to the open pages of the organisations taking part, only after its
transaction commits, through the feed to the event stream; nothing reaches another organisation."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from conftest import World, intake, logged_in, make_user
from gipz.accounts.models import Role
from gipz.core.livefeed import FEED, Feed, _Waiter, sync_stream
from gipz.core.models import LiveEvent
from gipz.situations import services


def test_a_change_is_announced_to_every_organisation_taking_part(world: World) -> None:
    situation = intake(world)
    first = set(LiveEvent.objects.values_list("organisation_id", "topic", "object_id"))
    assert first == {(world.police.pk, "situation", situation.pk), (world.crisis.pk, "situation", situation.pk)}
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    assert LiveEvent.objects.count() == 4


def test_a_rolled_back_change_announces_nothing(world: World) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        intake(world)
        raise RuntimeError("rolled back")
    assert not LiveEvent.objects.exists()


def test_the_feed_wakes_only_the_streams_of_the_organisation(world: World) -> None:
    FEED.tick()  # read up to now
    woken = {"crisis": threading.Event(), "other": threading.Event()}
    crisis = _Waiter(world.crisis.pk, woken["crisis"].set)
    other = _Waiter(world.other_crisis.pk, woken["other"].set)
    FEED.add(crisis)
    FEED.add(other)
    try:
        situation = intake(world)
        assert FEED.tick() == 2
        assert woken["crisis"].is_set() and not woken["other"].is_set()
        assert [(topic, obj) for _pk, topic, obj in FEED.take(crisis)] == [("situation", situation.pk)]
    finally:
        FEED.remove(crisis)
        FEED.remove(other)


@pytest.fixture
def no_feed_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests drive the feed by hand (FEED.tick) instead of its thread."""
    monkeypatch.setattr(FEED, "start", lambda: None)


def test_the_stream_sends_the_change_and_catches_up_after_a_reconnect(world: World, no_feed_thread: None) -> None:
    FEED.tick()
    last = FEED.latest_id()
    situation = intake(world)
    FEED.tick()
    stream = sync_stream(world.crisis.pk, last)  # a reconnect with Last-Event-ID: what it missed comes first
    assert next(stream).startswith("retry:")
    message = next(stream)
    assert "event: changed" in message and f"data: situation:{situation.pk}" in message
    stream.close()


def test_the_event_stream_is_for_casework_and_sends_server_sent_events(world: World, no_feed_thread: None) -> None:
    response = logged_in(world.crisis_user).get("/live/events/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream" and "no-store" in response["Cache-Control"]
    assert next(iter(response.streaming_content)).startswith(b"retry:")
    response.close()
    assert Client().get("/live/events/").status_code == 302  # to the login page


def test_an_analyst_has_no_stream(world: World) -> None:
    analyst = make_user("analist", world.police, Role.ANALYST)
    assert logged_in(analyst).get("/live/events/").status_code == 404


# --- a change committed late (issue #28, item 7) ---------------------------------------------------------------------


def _event(pk: int, org: int, obj: int) -> LiveEvent:
    from django.utils import timezone

    return LiveEvent.objects.create(pk=pk, organisation_id=org, topic="situation", object_id=obj, at=timezone.now())


def test_a_change_whose_transaction_took_a_lower_id_but_committed_later_is_still_pushed(world: World) -> None:
    """Transaction A takes id n+1 and is still open while B takes n+2 and commits; the feed reads n+2 first.
    (Rows with explicit ids stand for the two transactions' order of commit: the same on SQLite and PostgreSQL.)"""
    feed = Feed()
    base = feed.latest_id()
    feed.tick()
    woken = threading.Event()
    waiter = _Waiter(world.crisis.pk, woken.set)
    feed.add(waiter)
    _event(base + 2, world.crisis.pk, 2)  # B commits first
    assert feed.tick() == 1
    assert [obj for _pk, _t, obj in feed.take(waiter)] == [2]
    _event(base + 1, world.crisis.pk, 1)  # A commits after the feed read past it
    woken.clear()
    assert feed.tick() == 1 and woken.is_set()
    assert [obj for _pk, _t, obj in feed.take(waiter)] == [1]
    assert feed.tick() == 0  # delivered once: the gap is closed
    # A page that reconnects after B's event still gets A's, read later with a lower id.
    assert [obj for _pk, _t, obj in feed.since(world.crisis.pk, base + 2)] == [1]


def test_a_gap_that_never_commits_is_forgotten(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from gipz.core import livefeed

    feed = Feed()
    base = feed.latest_id()
    feed.tick()
    _event(base + 3, world.crisis.pk, 3)  # ids base+1 and base+2 were rolled back
    feed.tick()
    assert set(feed._gaps) == {base + 1, base + 2}
    monkeypatch.setattr(livefeed, "GAP_SECONDS", -1)
    feed.tick()
    assert feed._gaps == {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two open writers at once need PostgreSQL")
def test_two_real_transactions_committing_out_of_order(world: World) -> None:
    from django.db import connections
    from django.utils import timezone

    feed = Feed()
    feed.tick()
    slow = connections.create_connection("default")
    try:
        slow.set_autocommit(False)
        with slow.cursor() as cursor:  # A: takes its id, stays open
            cursor.execute(
                "INSERT INTO core_liveevent (organisation_id, topic, object_id, at) VALUES (%s, 'situation', 1, %s)",
                [world.crisis.pk, timezone.now()],
            )
        LiveEvent.objects.create(organisation_id=world.crisis.pk, topic="situation", object_id=2, at=timezone.now())
        assert [row for row in _read(feed)] == [2]  # B, committed
        slow.commit()
    finally:
        slow.close()
    assert _read(feed) == [1]


def _read(feed: Feed) -> list[int]:
    before = list(feed._recent)
    feed.tick()
    return [obj for _pk, _org, _topic, obj in list(feed._recent)[len(before) :]]
