"""The admin side door, closed: every write audited with old and new values, API tokens made by the service and
shown once, and no personal data of a case on any admin page, as any demo user."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, make_user
from gipz.accounts.models import ApiToken, Membership, Organisation, Role
from gipz.agreements.models import DutyShift
from gipz.core.models import AuditEvent
from gipz.demo.world import DEMO_PASSWORD, USERS
from gipz.situations.models import Situation

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(world: World) -> Client:
    user = make_user("operator", world.crisis, Role.ADMIN)
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_a_roster_change_in_the_admin_is_audited_with_old_and_new_values(world: World, operator: Client) -> None:
    shift = DutyShift.objects.get(team=world.team_a)
    ends = timezone.localtime(shift.ends_at + timedelta(hours=1))
    response = operator.post(
        reverse("admin:agreements_dutyshift_change", args=[shift.pk]),
        {
            "team": shift.team_id,
            "area": shift.area_id,
            "role": shift.role,
            "starts_at_0": timezone.localtime(shift.starts_at).strftime("%Y-%m-%d"),
            "starts_at_1": timezone.localtime(shift.starts_at).strftime("%H:%M:%S"),
            "ends_at_0": ends.strftime("%Y-%m-%d"),
            "ends_at_1": ends.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = AuditEvent.objects.get(event_type="admin.dutyshift.changed")
    assert row.actor.username == "operator"
    assert set(row.old) == {"ends_at"} and row.old["ends_at"] != row.new["ends_at"]


def test_a_role_grant_through_the_user_inline_is_audited(world: World, operator: Client) -> None:
    from django.contrib.auth import get_user_model

    target = get_user_model().objects.get(username="zorg")
    membership = Membership.objects.get(user=target, role=Role.PROFESSIONAL)
    desk = Membership.objects.get(user=target, role=Role.INFORMATION_DESK)
    data: dict[str, Any] = {
        "username": target.username,
        "first_name": target.first_name,
        "last_name": target.last_name,
        "email": "",
        "is_active": "on",
        "date_joined_0": timezone.localtime(target.date_joined).strftime("%Y-%m-%d"),
        "date_joined_1": timezone.localtime(target.date_joined).strftime("%H:%M:%S"),
        "initial-date_joined_0": timezone.localtime(target.date_joined).strftime("%Y-%m-%d"),
        "initial-date_joined_1": timezone.localtime(target.date_joined).strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": "3",
        "memberships-INITIAL_FORMS": "2",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": membership.pk,
        "memberships-0-user": target.pk,
        "memberships-0-organisation": world.care.pk,
        "memberships-0-role": Role.PROFESSIONAL,
        "memberships-1-id": desk.pk,
        "memberships-1-user": target.pk,
        "memberships-1-organisation": world.care.pk,
        "memberships-1-role": Role.INFORMATION_DESK,
        "memberships-2-user": target.pk,
        "memberships-2-organisation": world.care.pk,
        "memberships-2-role": Role.COORDINATOR,
    }
    response = operator.post(reverse("admin:accounts_user_change", args=[target.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    grant = AuditEvent.objects.get(event_type="admin.membership.added")
    assert grant.new["role"] == Role.COORDINATOR and grant.actor.username == "operator"


def test_an_api_token_made_in_the_admin_comes_from_the_service_and_is_shown_once(
    world: World, operator: Client
) -> None:
    response = operator.post(
        reverse("admin:accounts_apitoken_add"), {"organisation": world.police.pk, "label": "meldkamer"}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(label="meldkamer")
    shown = [str(m) for m in response.context["messages"] if "gipz_" in str(m)]
    assert len(shown) == 1
    key = shown[0].split(": ", 1)[1]
    assert ApiToken.hash_key(key) == token.key_hash and key not in token.key_hash
    assert AuditEvent.objects.filter(event_type="api_token.created", object_id=str(token.pk)).exists()
    assert key not in operator.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()


def test_deleting_an_organisation_in_the_admin_is_audited(world: World, operator: Client) -> None:
    spare = Organisation.objects.create(name="Tijdelijk", type="municipality")
    response = operator.post(reverse("admin:accounts_organisation_delete", args=[spare.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEvent.objects.get(event_type="admin.organisation.deleted").old["name"] == "Tijdelijk"


@pytest.fixture
def demo(db: None) -> None:
    call_command("loaddemo", situations=30, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_no_admin_page_shows_personal_data_of_a_case_to_any_demo_user(demo: None) -> None:
    secrets = set()
    for situation in Situation.objects.exclude(location=""):
        secrets |= {situation.location, situation.description}
    secrets |= {s for s in Situation.objects.values_list("person_description", flat=True) if s}
    assert secrets
    for spec in USERS:
        client = Client()
        assert client.login(username=spec.username, password=DEMO_PASSWORD)
        home = client.get("/admin/")
        staff = home.status_code == 200
        assert staff or (home.status_code == 302 and "/admin/login/" in home["Location"]), spec.username
        if not staff:
            continue
        for model, _model_admin in admin.site._registry.items():
            opts = model._meta
            listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
            assert listing.status_code in (200, 403), (spec.username, opts.label)
            pages = [listing]
            first = model.objects.order_by("pk").first()
            if first is not None and listing.status_code == 200:
                pages.append(client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])))
            for page in pages:
                text = page.content.decode()
                leaked = [s for s in secrets if s and s in text]
                assert not leaked, (spec.username, opts.label, leaked[:2])
