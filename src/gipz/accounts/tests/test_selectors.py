"""A team's members are read on every intake, so they are memoised; a change forgets them when it commits."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from conftest import World, logged_in, make_user
from gipz.accounts.models import Membership
from gipz.accounts.selectors import team_members
from gipz.core.memo import memo_forget

pytestmark = pytest.mark.django_db


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_team_members_are_memoised_until_a_membership_or_user_changes(
    world: World, django_assert_num_queries: Any, django_capture_on_commit_callbacks: Any
) -> None:
    memo_forget()
    try:
        assert {u.username for u in team_members(world.team_a.pk)} == {"verpleegkundige", "psychiater"}
        with django_assert_num_queries(0):
            team_members(world.team_a.pk)
        with django_capture_on_commit_callbacks(execute=True):
            newcomer = make_user("nieuw", world.crisis, team=world.team_a)
        assert "nieuw" in {u.username for u in team_members(world.team_a.pk)}
        with django_capture_on_commit_callbacks(execute=True):
            Membership.objects.get(user=newcomer).delete()
        assert "nieuw" not in {u.username for u in team_members(world.team_a.pk)}
        team_members(world.team_a.pk)
        with django_capture_on_commit_callbacks(execute=True):  # a changed e-mail address is read again
            world.crisis_user.email = "nieuw@example.org"
            world.crisis_user.save()
        with django_assert_num_queries(1):
            found = {u.username: u.email for u in team_members(world.team_a.pk)}
        assert found["verpleegkundige"] == "nieuw@example.org"
        with django_capture_on_commit_callbacks(execute=True):  # a login changes nothing an alert needs
            assert logged_in(world.crisis_colleague)
        with django_assert_num_queries(0):
            team_members(world.team_a.pk)
    finally:
        memo_forget()
