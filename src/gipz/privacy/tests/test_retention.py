"""Retention: past its period personal data goes, every purge is logged, and the figures stay the same."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from conftest import intake
from gipz.core.jobs import ensure_recurring, run_due_jobs
from gipz.core.models import Job
from gipz.privacy.accesslog import access_log_verify
from gipz.privacy.jobs import RETENTION_JOB
from gipz.privacy.models import AccessLogEntry, DisclosureItem, Person
from gipz.privacy.services.retention import retention_run
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person
from gipz.situations.models import Situation, Status

pytestmark = pytest.mark.django_db


def _end(situation: Situation, days_ago: int) -> None:
    Situation.objects.filter(pk=situation.pk).update(
        status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=days_ago), care_notes="Zorgnotitie"
    )


def _figures() -> list[dict[str, Any]]:
    return list(
        Situation.objects.values("municipality_id", "urgency", "status")
        .annotate(n=Count("id"))
        .order_by("municipality_id", "urgency", "status")
    )


@override_settings(GIPZ_RETENTION_CARE_DAYS=30, GIPZ_RETENTION_SHARED_DAYS=10, GIPZ_RETENTION_IDENTITY_DAYS=100)
def test_each_category_goes_after_its_own_period(world: Any) -> None:
    old, old_person = situation_with_person(world)
    middle, middle_person = situation_with_person(world, full_name="Fictief Midden")
    recent, recent_person = situation_with_person(world, full_name="Fictief Recent")
    still_open, _ = situation_with_person(world, full_name="Fictief Open")
    request = ask(world, recent)
    disclosure = answer_partly(world, request)
    _end(old, 200)
    _end(middle, 50)
    _end(recent, 1)
    figures = _figures()
    result = retention_run(now=timezone.now() + timedelta(days=11))
    assert (result.care, result.shared, result.identity) == (2, 1, 1)
    old.refresh_from_db(), middle.refresh_from_db(), recent.refresh_from_db()
    old_person.refresh_from_db(), middle_person.refresh_from_db(), recent_person.refresh_from_db()
    assert old_person.full_name == "" and old.location == "" and old_person.is_removed
    assert middle_person.full_name == "Fictief Midden" and middle.care_notes == "" and middle.care_removed_at
    assert recent_person.full_name == "Fictief Recent" and recent.care_notes == "Zorgnotitie"
    assert DisclosureItem.objects.get(disclosure=disclosure).content == ""
    assert Person.objects.get(situation=still_open).full_name == "Fictief Open"
    assert _figures() == figures, "aggregate statistics must not change"
    purges = AccessLogEntry.objects.filter(action="purge")
    assert purges.count() == 4 and all(p.user_id is None and p.roles == "system" for p in purges)
    assert access_log_verify().ok
    assert retention_run(now=timezone.now() + timedelta(days=11)).total == 0  # idempotent


def test_the_worker_runs_retention_daily(world: Any) -> None:
    situation = intake(world)
    _end(situation, 10_000)
    now = timezone.now()
    assert ensure_recurring(now=now) >= 1
    assert ensure_recurring(now=now) == 0  # one pending job at a time
    run_due_jobs(now=now)
    situation.refresh_from_db()
    assert situation.identity_removed_at is not None and situation.location == ""
    assert Job.objects.get(kind=RETENTION_JOB).status == Job.Status.DONE
    ensure_recurring(now=now)
    upcoming = Job.objects.get(kind=RETENTION_JOB, status=Job.Status.PENDING)
    assert upcoming.run_at >= now + timedelta(hours=23)
