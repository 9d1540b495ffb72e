"""Five people take the last two places at the same moment (PostgreSQL row locks)."""

from __future__ import annotations

import pytest
from django.db import connection

from conftest import World, make_user
from gipz.core.errors import ConflictError
from gipz.learning.models import Registration
from gipz.learning.services.activities import activity_register
from gipz.learning.tests.test_activities import training
from gipz.situations.tests.test_concurrency import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (run with DATABASE_URL=postgres://…, as CI does)")


def test_no_more_registrations_than_places(world: World) -> None:
    activity = training(world, capacity=2)
    people = [world.actor(make_user(f"agent-{i}", world.police)) for i in range(5)]
    results = run_at_once(
        [(lambda actor=actor: activity_register(actor=actor, activity_id=activity.pk)) for actor in people]
    )
    assert sum(1 for r in results if not isinstance(r, Exception)) == 2
    assert all(isinstance(r, ConflictError) for r in results if isinstance(r, Exception)), results
    assert Registration.objects.filter(activity=activity, cancelled_at__isnull=True).count() == 2
