"""Joint trainings and job shadowing: capacity, audience, registration, attendance, iCalendar."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar

from conftest import World, logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.core.errors import ConflictError, NotAllowedError, ServiceError
from gipz.learning.models import Activity, Registration
from gipz.learning.services.activities import (
    ActivityData,
    activity_cancel,
    activity_create,
    activity_register,
    attendance_record,
    registration_cancel,
)


def training(world: World, **changes: Any) -> Activity:
    start = timezone.now() + timedelta(days=10)
    data: dict[str, Any] = {
        "kind": "training",
        "title": "Verward gedrag herkennen",
        "description": "Politie en crisisdienst oefenen samen de overdracht.",
        "location": "Politiebureau Paardenveld",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "capacity": 2,
        **changes,
    }
    return activity_create(actor=world.coordinator_actor, data=ActivityData(**data))


def test_registration_up_to_capacity(world: World) -> None:
    activity = training(world)
    activity_register(actor=world.police_actor, activity_id=activity.pk)
    with pytest.raises(ServiceError, match="al aangemeld"):
        activity_register(actor=world.police_actor, activity_id=activity.pk)
    activity_register(actor=world.crisis_actor, activity_id=activity.pk)
    with pytest.raises(ConflictError, match="vol"):
        activity_register(actor=world.care_actor, activity_id=activity.pk)
    # A place freed is a place taken again; re-registering after cancelling is allowed.
    registration_cancel(actor=world.police_actor, activity_id=activity.pk)
    activity_register(actor=world.care_actor, activity_id=activity.pk)
    with pytest.raises(ConflictError):
        activity_register(actor=world.police_actor, activity_id=activity.pk)
    assert Registration.objects.filter(activity=activity, cancelled_at__isnull=True).count() == 2


def test_audience_and_timing(world: World) -> None:
    police_only = training(world, audience="police", kind="shadowing", title="Meelopen met de noodhulp")
    with pytest.raises(NotAllowedError):
        activity_register(actor=world.crisis_actor, activity_id=police_only.pk)
    activity_register(actor=world.police_actor, activity_id=police_only.pk)
    with pytest.raises(ServiceError, match="vóór het begin"):
        activity_register(
            actor=world.police_colleague_actor,
            activity_id=police_only.pk,
            now=police_only.starts_at + timedelta(minutes=1),
        )
    activity_cancel(actor=world.coordinator_actor, activity_id=police_only.pk, reason="Te weinig begeleiders.")
    with pytest.raises(ServiceError, match="niet door"):
        activity_register(actor=world.police_colleague_actor, activity_id=police_only.pk)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "starts_at"),
        ({"ends_at": timezone.now()}, "ends_at"),
        ({"title": " "}, "title"),
        ({"kind": "lezing"}, "kind"),
    ],
)
def test_bad_activities_are_refused(world: World, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        training(world, **changes)
    assert refused.value.field == field
    assert Activity.objects.count() == 0


def test_only_organisers_create(world: World) -> None:
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(NotAllowedError):
        activity_create(
            actor=world.police_actor,
            data=ActivityData("training", "x", "xxxxxxxxxxxx", "y", start, start + timedelta(hours=1), 5),
        )
    key_figure = world.actor(make_user("sleutel", world.police, Role.KEY_FIGURE))
    assert (
        activity_create(
            actor=key_figure,
            data=ActivityData(
                "shadowing",
                "Meelopen",
                "Een dienst meelopen met de wijkagent.",
                "Bureau",
                start,
                start + timedelta(hours=8),
                1,
            ),
        ).host_organisation
        == world.police
    )


def test_attendance_by_the_organiser_after_the_start(world: World) -> None:
    activity = training(world)
    activity_register(actor=world.police_actor, activity_id=activity.pk)
    activity_register(actor=world.crisis_actor, activity_id=activity.pk)
    with pytest.raises(ServiceError, match="begonnen"):
        attendance_record(
            actor=world.coordinator_actor, activity_id=activity.pk, present_user_ids={world.police_user.pk}
        )
    after = activity.starts_at + timedelta(hours=1)
    with pytest.raises(NotAllowedError):
        attendance_record(actor=world.police_actor, activity_id=activity.pk, present_user_ids=set(), now=after)
    with pytest.raises(ServiceError, match="aangemelde"):
        attendance_record(
            actor=world.coordinator_actor, activity_id=activity.pk, present_user_ids={world.care_user.pk}, now=after
        )
    assert (
        attendance_record(
            actor=world.coordinator_actor, activity_id=activity.pk, present_user_ids={world.police_user.pk}, now=after
        )
        == 1
    )
    attended = dict(Registration.objects.filter(activity=activity).values_list("user_id", "attended"))
    assert attended == {world.police_user.pk: True, world.crisis_user.pk: False}


def test_icalendar_export(world: World) -> None:
    activity = training(world)
    client = logged_in(world.police_user)
    response = client.get(f"/leren/{activity.pk}/agenda.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["summary"]) == "Verward gedrag herkennen"
    assert event.decoded("dtstart") == activity.starts_at.replace(microsecond=0)
    assert str(event["location"]) == "Politiebureau Paardenveld"
    assert str(event["uid"]).startswith(f"activity-{activity.pk}@")
    # My calendar holds what I registered for, and nothing else.
    other = training(world, title="Andere training")
    client.post(f"/leren/{activity.pk}/aanmelden/")
    mine = Calendar.from_ical(client.get("/leren/mijn-agenda.ics").content)
    assert [str(e["summary"]) for e in mine.walk("VEVENT")] == ["Verward gedrag herkennen"]
    assert other.pk != activity.pk


def test_activity_pages(world: World) -> None:
    coordinator = logged_in(world.coordinator)
    start = timezone.localtime() + timedelta(days=3)
    form = {
        "kind": "training",
        "title": "Samen de-escaleren",
        "description": "Oefenen met acteurs.",
        "location": "Zaal 2",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "12",
        "audience": "all",
    }
    bad = coordinator.post("/leren/nieuw/", form)
    assert bad.status_code == 400 and "eindigen na het begin" in bad.content.decode()
    assert 'value="Samen de-escaleren"' in bad.content.decode()
    form["ends_at"] = (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    ok = coordinator.post("/leren/nieuw/", form)
    activity = Activity.objects.get()
    assert ok.status_code == 302
    police = logged_in(world.police_user)
    assert police.post(f"/leren/{activity.pk}/aanmelden/").status_code == 302
    assert "Afmelden" in page_text(police.get(f"/leren/{activity.pk}/"))
    assert "Samen de-escaleren" in page_text(police.get("/leren/"))
    page = page_text(coordinator.get(f"/leren/{activity.pk}/"))
    assert "Deelnemers" in page and str(world.police_user) in page
