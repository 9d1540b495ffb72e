"""Key figures: the directory per municipality and domain, who may edit an entry, consults from a situation."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from conftest import World, intake, logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.core.errors import NotAllowedError, ServiceError, TransitionError
from gipz.keyfigures.models import Consult, ConsultEvent
from gipz.keyfigures.selectors import consult_get, directory
from gipz.keyfigures.services import (
    KeyFigureData,
    consult_answer,
    consult_decline,
    consult_request,
    key_figure_save,
)
from gipz.keyfigures.tests.helpers import key_figure
from gipz.situations.models import TimelineEvent


def test_directory_filters_by_municipality_and_domain(world: World) -> None:
    ggz = key_figure(world)
    police = key_figure(
        world,
        organisation=world.police,
        username="wijkagent",
        domains=["police"],
        municipality_ids=[world.amersfoort.pk],
    )
    assert set(directory()) == {ggz, police}
    assert list(directory(municipality_id=world.utrecht.pk)) == [ggz]
    assert list(directory(domain="police")) == [police]
    assert list(directory(domain="ggz", municipality_id=world.amersfoort.pk)) == []
    key_figure_save(
        actor=world.actor(ggz.user),
        user_id=ggz.user_id,
        data=KeyFigureData(
            domains=["ggz"],
            municipality_ids=[world.utrecht.pk],
            expertise="Psychiatrie, tijdelijk niet beschikbaar.",
            phone="030-0000000",
            reachable_hours="—",
            active=False,
        ),
    )
    assert list(directory()) == [police]


def test_who_may_edit_an_entry(world: World) -> None:
    entry = key_figure(world)
    data = KeyFigureData(
        domains=["ggz"],
        municipality_ids=[world.utrecht.pk],
        expertise="Psychiatrie en verslaving.",
        phone="1",
        reachable_hours="24/7",
    )
    with pytest.raises(NotAllowedError):  # a colleague who is not a coordinator
        key_figure_save(actor=world.actor(make_user("collega-zorg", world.care)), user_id=entry.user_id, data=data)
    with pytest.raises(NotAllowedError):  # a coordinator of another organisation
        key_figure_save(actor=world.coordinator_actor, user_id=entry.user_id, data=data)
    coordinator = world.actor(make_user("coord-zorg", world.care, Role.COORDINATOR))
    assert key_figure_save(actor=coordinator, user_id=entry.user_id, data=data).reachable_hours == "24/7"
    with pytest.raises(ServiceError, match="geen rol als sleutelfiguur"):
        key_figure_save(actor=coordinator, user_id=world.care_user.pk, data=data)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"domains": []}, "domains"),
        ({"domains": ["brandweer"]}, "domains"),
        ({"municipality_ids": []}, "municipalities"),
        ({"expertise": "kort"}, "expertise"),
        ({"phone": " "}, "phone"),
    ],
)
def test_an_entry_needs_its_parts(world: World, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        key_figure(world, **changes)
    assert refused.value.field == field


def test_a_consult_from_a_situation_and_its_outcome(world: World) -> None:
    entry = key_figure(world)
    situation = intake(world)
    consult = consult_request(
        actor=world.police_actor,
        situation_id=situation.pk,
        key_figure_id=entry.pk,
        question="Kent u deze man en wat werkt bij hem?",
    )
    assert TimelineEvent.objects.filter(situation=situation, kind="consult_requested").count() == 1
    # The key figure sees the question; the police colleague too; an outsider gets 404.
    assert consult_get(actor=world.actor(entry.user), consult_id=consult.pk) == consult
    assert consult_get(actor=world.police_colleague_actor, consult_id=consult.pk) == consult
    with pytest.raises(Http404):
        consult_get(actor=world.outsider_police_actor, consult_id=consult.pk)
    with pytest.raises(NotAllowedError):
        consult_decline(actor=world.police_actor, consult_id=consult.pk, reason="Niet nodig meer")
    consult_answer(actor=world.actor(entry.user), consult_id=consult.pk, outcome="Rustig benaderen, zus bellen.")
    consult.refresh_from_db()
    assert consult.status == Consult.Status.ANSWERED and consult.answered_by == entry.user
    assert list(ConsultEvent.objects.filter(consult=consult).order_by("id").values_list("kind", flat=True)) == [
        "asked",
        "answered",
    ]
    with pytest.raises(TransitionError):
        consult_answer(actor=world.police_actor, consult_id=consult.pk, outcome="Nog een keer.")


def test_only_participants_ask_and_no_bsn(world: World) -> None:
    entry = key_figure(world)
    situation = intake(world)
    with pytest.raises(NotAllowedError):
        consult_request(
            actor=world.outsider_police_actor,
            situation_id=situation.pk,
            key_figure_id=entry.pk,
            question="Wat weet u van hem?",
        )
    with pytest.raises(ServiceError) as refused:
        consult_request(
            actor=world.police_actor,
            situation_id=situation.pk,
            key_figure_id=entry.pk,
            question="BSN 111222333, kent u hem?",
        )
    assert refused.value.field == "question"
    assert Consult.objects.count() == 0


def test_consult_pages(world: World) -> None:
    entry = key_figure(world)
    situation = intake(world)
    police = logged_in(world.police_user)
    form = police.get(f"/meldingen/{situation.pk}/consult/")
    assert form.status_code == 200 and "030-0000000" in form.content.decode()
    bad = police.post(f"/meldingen/{situation.pk}/consult/", {"key_figure": entry.pk, "question": "kort"})
    assert bad.status_code == 400 and "kort</textarea>" in bad.content.decode()
    ok = police.post(
        f"/meldingen/{situation.pk}/consult/", {"key_figure": entry.pk, "question": "Wat werkt bij deze man?"}
    )
    consult = Consult.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/consulten/{consult.pk}/"
    key = logged_in(entry.user)
    assert "Afwijzen" in page_text(key.get(f"/consulten/{consult.pk}/"))
    assert key.post(f"/consulten/{consult.pk}/uitkomst/", {"outcome": ""}).status_code == 400
    assert key.post(f"/consulten/{consult.pk}/uitkomst/", {"outcome": "Zus bellen."}).status_code == 302
    assert "Zus bellen." in page_text(police.get(f"/consulten/{consult.pk}/"))
    assert logged_in(world.outsider_police).get(f"/consulten/{consult.pk}/").status_code == 404
    listing = page_text(police.get("/sleutelfiguren/?domein=ggz"))
    assert "030-0000000" in listing


def test_own_entry_page(world: World) -> None:
    user = make_user("nieuwe-sleutel", world.care, Role.KEY_FIGURE)
    client = logged_in(user)
    assert client.get("/sleutelfiguren/mijn-gegevens/").status_code == 200
    bad = client.post(
        "/sleutelfiguren/mijn-gegevens/", {"expertise": "GGZ en verslaving", "phone": "06", "reachable_hours": "ma-vr"}
    )
    assert bad.status_code == 400
    ok = client.post(
        "/sleutelfiguren/mijn-gegevens/",
        {
            "domains": ["ggz"],
            "municipalities": [world.utrecht.pk],
            "expertise": "GGZ en verslaving",
            "phone": "06-1",
            "reachable_hours": "ma-vr",
            "active": "on",
        },
    )
    assert ok.status_code == 302 and directory().get().user == user


def test_only_the_keeper_or_their_coordinator_opens_an_entry_form(world: World) -> None:
    entry = key_figure(world)
    colleague = logged_in(world.police_colleague)
    assert colleague.get(reverse("key-figure-edit", args=[entry.pk])).status_code == 404
    assert colleague.post(reverse("key-figure-edit", args=[entry.pk]), {}).status_code == 404
    assert colleague.get(reverse("key-figure-own")).status_code == 302  # not a key figure: back to the directory
    assert logged_in(entry.user).get(reverse("key-figure-edit", args=[entry.pk])).status_code == 200
