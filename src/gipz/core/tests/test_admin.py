from __future__ import annotations

from django.test import Client

from conftest import World, intake
from gipz.accounts.models import User


def test_admin_pages_load_and_history_is_read_only(world: World) -> None:
    situation = intake(world)
    admin = User.objects.create_superuser(username="beheer-test", password="x-beheer-123")
    client = Client()
    client.force_login(admin)
    for path in (
        "/admin/",
        "/admin/situations/situation/",
        f"/admin/situations/situation/{situation.pk}/change/",
        "/admin/core/auditevent/",
        "/admin/core/job/",
        "/admin/agreements/dutyshift/",
        "/admin/agreements/agreementversion/",
        "/admin/accounts/organisation/",
        "/admin/geo/municipality/",
    ):
        assert client.get(path).status_code == 200, path
    assert client.post(f"/admin/situations/situation/{situation.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/situations/situation/add/").status_code == 403
