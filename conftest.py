"""Shared fixtures: a small, deterministic world — one police organisation, one crisis service with a primary and
a backup team on duty for Utrecht, a care provider, and an outsider organisation that must see nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gipz.accounts.actor import Actor, actor_for
from gipz.accounts.models import Membership, Organisation, OrganisationType, Role, Team, User
from gipz.agreements.models import DutyShift, ServiceArea
from gipz.geo.models import Municipality
from gipz.situations import triage
from gipz.situations.services import IntakeData, situation_create


@pytest.fixture(scope="session", autouse=True)
def _replica_shares_the_primary_connection(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Django's test mirror opens a connection of its own, which cannot see what a test wrote in its transaction;
    in the test session the replica alias uses the primary's connection, as a replica without lag would."""
    from django.db import connections

    if "replica" not in connections.settings:
        yield
        return
    with django_db_blocker.unblock():
        connections["replica"].close()
    own = connections["replica"]
    connections["replica"] = connections["default"]
    yield
    connections["replica"] = own


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every database test may use the read replica (settings_test makes it Django's test mirror of the primary),
    so the code that sends heavy reads there runs, and is checked, in every test that reaches it."""
    both = ["default", "replica"]
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None:
            if "databases" not in marker.kwargs:
                item.add_marker(pytest.mark.django_db(*marker.args, **{**marker.kwargs, "databases": both}), False)
        elif {"db", "transactional_db"} & set(getattr(item, "fixturenames", ())):
            transaction = "transactional_db" in item.fixturenames  # type: ignore[attr-defined]
            item.add_marker(pytest.mark.django_db(transaction=transaction, databases=both), False)


PASSWORD = "test-wachtwoord-123"


def make_user(username: str, organisation: Organisation, *roles: str, team: Team | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title())
    for role in roles or (Role.PROFESSIONAL,):
        Membership.objects.create(user=user, organisation=organisation, role=role, team=team)
    return user


@pytest.fixture(autouse=True)
def _own_checkpoint_file(settings: Any, tmp_path: Any) -> None:
    """Each test's access-log checkpoints go to a file of its own, never to a demo's in var/."""
    settings.GIPZ_ACCESS_LOG_CHECKPOINTS = str(tmp_path / "accesslog-checkpoints.txt")


def logged_in(user: User) -> Client:
    """A test client logged in as `user`: every page test starts here."""
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def page_text(response: Any, status: int = 200) -> str:
    """A page's text once its status is checked: asserting that something is absent from an error page proves
    nothing, so every test reads pages through this."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}"
    return str(response.content.decode())


class World:
    """Access objects as attributes: world.police_user, world.crisis_actor, ..."""

    def actor(self, user: User) -> Actor:
        actor = actor_for(user)
        assert actor is not None
        return actor


@pytest.fixture
def utrecht(db: Any) -> Municipality:
    return Municipality.objects.get(code="GM0344")


@pytest.fixture
def world(db: Any, utrecht: Municipality) -> World:
    w = World()
    w.utrecht = utrecht
    w.amersfoort = Municipality.objects.get(code="GM0307")
    w.police = Organisation.objects.create(name="Politie Test", type=OrganisationType.POLICE)
    w.crisis = Organisation.objects.create(name="Crisisdienst Test", type=OrganisationType.CRISIS_SERVICE)
    w.care = Organisation.objects.create(name="Zorg Test", type=OrganisationType.CARE_PROVIDER)
    w.other_police = Organisation.objects.create(name="Politie Elders", type=OrganisationType.POLICE)
    w.other_crisis = Organisation.objects.create(name="Crisisdienst Elders", type=OrganisationType.CRISIS_SERVICE)
    w.team_a = Team.objects.create(organisation=w.crisis, name="Team A")
    w.team_b = Team.objects.create(organisation=w.crisis, name="Team B")
    w.police_user = make_user("agent", w.police, Role.PROFESSIONAL, Role.INFORMATION_DESK)
    w.police_colleague = make_user("collega", w.police)
    w.crisis_user = make_user("verpleegkundige", w.crisis, Role.PROFESSIONAL, Role.INFORMATION_DESK, team=w.team_a)
    w.crisis_colleague = make_user("psychiater", w.crisis, team=w.team_a)
    w.backup_user = make_user("achterwacht", w.crisis, team=w.team_b)
    w.coordinator = make_user("coordinator", w.crisis, Role.COORDINATOR)
    w.care_user = make_user("zorg", w.care, Role.PROFESSIONAL, Role.INFORMATION_DESK)
    w.outsider_police = make_user("buitenstaander", w.other_police)
    w.outsider_crisis = make_user("andere-crisis", w.other_crisis)
    w.area = ServiceArea.objects.create(organisation=w.crisis, name="Utrecht e.o.")
    w.area.municipalities.add(w.utrecht, w.amersfoort)
    now = timezone.now()
    DutyShift.objects.create(
        team=w.team_a,
        area=w.area,
        role=DutyShift.Role.PRIMARY,
        starts_at=now - timedelta(days=2),
        ends_at=now + timedelta(days=2),
    )
    DutyShift.objects.create(
        team=w.team_b,
        area=w.area,
        role=DutyShift.Role.BACKUP,
        starts_at=now - timedelta(days=2),
        ends_at=now + timedelta(days=2),
    )
    w.police_actor = w.actor(w.police_user)
    w.police_colleague_actor = w.actor(w.police_colleague)
    w.crisis_actor = w.actor(w.crisis_user)
    w.crisis_colleague_actor = w.actor(w.crisis_colleague)
    w.backup_actor = w.actor(w.backup_user)
    w.coordinator_actor = w.actor(w.coordinator)
    w.care_actor = w.actor(w.care_user)
    w.outsider_police_actor = w.actor(w.outsider_police)
    w.outsider_crisis_actor = w.actor(w.outsider_crisis)
    return w


def intake(world: World, *, now: datetime | None = None, **answers: Any) -> Any:
    """Create a melding as the world's police officer; default answers give U3 (psychiatric care need)."""
    answers.setdefault("offence", triage.Offence.NO)
    answers.setdefault("care_indicators", frozenset({"psychiatric"}))
    data = IntakeData(
        municipality=answers.pop("municipality", world.utrecht),
        location=answers.pop("location", "Vredenburg 1"),
        description=answers.pop("description", "Man roept verward op straat"),
        person_description=answers.pop("person_description", ""),
        chosen_urgency=answers.pop("chosen_urgency", None),
        urgency_reason=answers.pop("urgency_reason", ""),
        request_crisis=answers.pop("request_crisis", None),
        answers=triage.TriageAnswers(**answers),
    )
    return situation_create(actor=world.police_actor, data=data, now=now)


@pytest.fixture
def new_situation(world: World) -> Any:
    return intake(world)
