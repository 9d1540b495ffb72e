"""Finding any melding: every filter, keyset pages that neither skip nor repeat, scope, and the list page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import World, intake, logged_in, page_text
from gipz.situations import selectors, services
from gipz.situations.models import CareRequest, Evaluation, Situation, Status
from gipz.situations.search import Cursor, SearchCriteria, SituationSearchForm


def test_a_cursor_survives_the_round_trip_and_nothing_else_passes() -> None:
    cursor = Cursor(created_at=datetime(2026, 11, 30, 23, 59, 1, 123456, tzinfo=UTC), pk=987654)
    assert Cursor.decode(cursor.encode()) == cursor
    for forged in ("", "abc", "!!!", Cursor(created_at=datetime(2026, 1, 1), pk=1).encode().replace("A", "B")):
        with pytest.raises(ValueError):
            Cursor.decode(forged)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"created_after": "31-13-2026"}, "created_after"),
        ({"created_after": "2026-12-02", "created_before": "2026-12-01"}, "created_before"),
        ({"municipality": "GM9999"}, "municipality"),
        ({"status": "bogus"}, "status"),
        ({"urgency": "U9"}, "urgency"),
        ({"escalated": "maybe"}, "escalated"),
        ({"limit": "101"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_criteria_are_named(db: Any, params: dict[str, str], field: str) -> None:
    form = SituationSearchForm(params)
    assert not form.is_valid()
    assert field in form.errors


def _page(world: World, **criteria: Any) -> list[str]:
    page = selectors.situations_search(actor=world.police_actor, criteria=SearchCriteria(**criteria), limit=100)
    return [s.reference for s in page.rows]


def test_every_filter_finds_exactly_its_meldingen(world: World) -> None:
    now = timezone.now()
    u3 = intake(world, now=now - timedelta(hours=40))  # within the duty roster's two days
    u2 = intake(world, now=now - timedelta(hours=30), danger_to_self=True)
    amersfoort = intake(world, now=now - timedelta(hours=20), municipality=world.amersfoort)
    referred = intake(world, now=now, care_indicators=frozenset())  # U5: referred, no crisis request
    chosen = intake(world, now=now, chosen_urgency="U2", urgency_reason="Situatie escaleert snel")
    CareRequest.objects.filter(situation=u2).update(escalated_at=now)
    Situation.objects.filter(pk=u3.pk).update(status=Status.CLOSED)
    Evaluation.objects.create(
        situation=u3, side="police", organisation=world.police, author=world.police_user, rating=2, improper_call=True
    )
    every = {s.reference for s in (u3, u2, amersfoort, referred, chosen)}

    assert set(_page(world)) == every
    assert u2.reference in _page(world, reference=u2.reference[:8]) and _page(world, reference="X") == []
    assert _page(world, reference=u2.reference) == [u2.reference]
    assert _page(world, status=Status.CLOSED) == [u3.reference]
    assert set(_page(world, urgency="U2")) == {u2.reference, chosen.reference}
    assert _page(world, advised_urgency="U2") == [u2.reference]  # the officer chose U2 for the other one
    assert _page(world, municipality_id=world.amersfoort.pk) == [amersfoort.reference]
    assert set(_page(world, team_id=world.team_a.pk)) == every - {referred.reference}
    assert _page(world, team_id=world.team_b.pk) == []
    assert set(_page(world, created_from=now - timedelta(hours=31), created_until=now - timedelta(hours=1))) == {
        u2.reference,
        amersfoort.reference,
    }
    assert _page(world, open=False) == [referred.reference, u3.reference]  # newest first
    assert u3.reference not in _page(world, open=True) and referred.reference not in _page(world, open=True)
    assert _page(world, escalated=True) == [u2.reference]
    assert u2.reference not in _page(world, escalated=False) and referred.reference in _page(world, escalated=False)
    assert _page(world, improper_call=True) == [u3.reference]
    assert set(_page(world, improper_call=False)) == every - {u3.reference}
    assert _page(world, urgency="U2", escalated=True, municipality_id=world.utrecht.pk) == [u2.reference]


def test_pages_by_cursor_neither_skip_nor_repeat_while_new_meldingen_arrive(world: World) -> None:
    start = timezone.now() - timedelta(hours=10)
    made = [intake(world, now=start + timedelta(minutes=i)) for i in range(7)]
    same_moment = [intake(world, now=start + timedelta(minutes=3)) for _ in range(2)]  # ties broken by id
    expected = [s.reference for s in sorted(made + same_moment, key=lambda s: (s.created_at, s.pk), reverse=True)]
    seen: list[str] = []
    cursor = None
    for page_number in range(10):
        page = selectors.situations_search(actor=world.police_actor, criteria=SearchCriteria(), after=cursor, limit=4)
        seen += [s.reference for s in page.rows]
        if page_number == 0:
            intake(world)  # a new melding while paging: it is newer, so it never pushes a row onto the next page
        cursor = page.next
        if cursor is None:
            break
    assert seen == expected


def test_an_organisation_finds_only_what_it_takes_part_in(world: World) -> None:
    intake(world)
    for actor in (world.outsider_police_actor, world.outsider_crisis_actor, world.care_actor):
        assert selectors.situations_search(actor=actor, criteria=SearchCriteria()).rows == []
    assert len(selectors.situations_search(actor=world.crisis_actor, criteria=SearchCriteria()).rows) == 1


def test_the_list_page_filters_keeps_what_was_typed_and_never_counts(world: World) -> None:
    now = timezone.now()
    old = intake(world, now=now - timedelta(days=40))
    new = intake(world, now=now - timedelta(days=1))
    client = logged_in(world.crisis_user)
    with CaptureQueriesContext(connection) as queries:
        text = page_text(client.get("/meldingen/", {"created_after": (now - timedelta(days=7)).date().isoformat()}))
    assert new.reference in text and old.reference not in text
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper() and "situation" in q["sql"]]
    refused = page_text(client.get("/meldingen/", {"created_after": "gisteren", "q": "M26"}))
    assert "Geef een datum als JJJJ-MM-DD." in refused and 'value="M26"' in refused and 'value="gisteren"' in refused
    assert old.reference not in refused  # no results under criteria that did not validate


def test_the_list_page_goes_to_older_meldingen_and_back(world: World, settings: Any) -> None:
    made = [intake(world, now=timezone.now() - timedelta(minutes=60 - i)) for i in range(3)]
    client = logged_in(world.police_user)
    from gipz.situations.views import intake as intake_views

    original = intake_views.PAGE_SIZE
    intake_views.PAGE_SIZE = 2
    try:
        first = page_text(client.get("/meldingen/"))
        assert made[2].reference in first and made[0].reference not in first
        start = first.index('href="?cursor=') + len('href="?')
        older = page_text(client.get("/meldingen/?" + first[start : first.index('"', start)].replace("&amp;", "&")))
        assert made[0].reference in older and made[2].reference not in older and "Eerste pagina" in older
    finally:
        intake_views.PAGE_SIZE = original


def test_the_board_shows_the_most_urgent_first_and_says_when_there_are_more(world: World) -> None:
    calm = intake(world)
    urgent = intake(world, danger_to_self=True)
    services.care_request_accept(actor=world.crisis_actor, situation_id=calm.pk)
    waiting = intake(world)  # same urgency as `calm`, but its acknowledgement deadline comes first
    rows, more = selectors.open_for(world.crisis_actor, limit=2)
    assert [s.reference for s in rows] == [urgent.reference, waiting.reference] and more
    rows, more = selectors.open_for(world.crisis_actor, limit=3)
    assert len(rows) == 3 and not more


def test_the_board_page_links_to_the_rest_when_it_is_full(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(selectors, "BOARD_LIMIT", 1)
    monkeypatch.setattr(selectors.open_for, "__kwdefaults__", {"limit": 1})
    intake(world)
    intake(world)
    text = page_text(logged_in(world.crisis_user).get("/bord/"))
    assert "het bord toont de 1 dringendste" in text and "/meldingen/?state=open" in text
