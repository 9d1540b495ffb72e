"""The read replica (issue #17): heavy reads go to it when one is configured, writes never do, and without one
everything uses the primary. In the test suite the replica is Django's test mirror of the primary."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World, intake, logged_in, page_text
from gipz.core.dbrouter import REPLICA, PrimaryReplicaRouter, heavy_reads
from gipz.core.models import Job
from gipz.situations.models import Situation

pytestmark = pytest.mark.django_db


def test_heavy_reads_use_the_replica_and_writes_the_primary(world: World) -> None:
    assert Situation.objects.all().db == "default"
    with heavy_reads():
        assert Situation.objects.all().db == REPLICA
        situation = intake(world)  # a write inside: still the primary
    assert Situation.objects.using("default").filter(pk=situation.pk).exists()
    router = PrimaryReplicaRouter()
    assert router.db_for_write(Job) == "default"
    assert router.allow_migrate(REPLICA, "core") is False and router.allow_migrate("default", "core") is True


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_without_a_replica_everything_reads_from_the_primary(settings: Any) -> None:
    settings.DATABASES = {k: v for k, v in settings.DATABASES.items() if k != REPLICA}
    with heavy_reads():
        assert Situation.objects.all().db == "default"


def test_the_comparison_page_reads_from_the_replica(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    intake(world)
    chosen: list[str | None] = []
    original = PrimaryReplicaRouter.db_for_read

    def spy(self: PrimaryReplicaRouter, model: Any, **hints: Any) -> str | None:
        chosen.append(original(self, model, **hints))
        return chosen[-1]

    monkeypatch.setattr(PrimaryReplicaRouter, "db_for_read", spy)
    year = timezone.localdate().year
    response = logged_in(world.police_user).get(reverse("comparison", args=[year]))
    page_text(response, 200)
    assert REPLICA in chosen  # the municipalities, rollups and figures came from the replica
