"""Retention: past its period personal data goes, every purge is logged, and the figures stay the same."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from conftest import intake
from gipz.accesslog.log import access_log_prune, access_log_record, access_log_verify
from gipz.accesslog.models import AccessLogEntry, AccessLogPrune
from gipz.core.jobs import ensure_recurring, run_due_jobs
from gipz.core.models import Job
from gipz.privacy.jobs import RETENTION_JOB
from gipz.privacy.models import DisclosureItem, Person
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


@override_settings(GIPZ_RETENTION_IDENTITY_DAYS=100)
def test_the_identity_period_takes_the_pseudonym_and_the_health_flags(world: Any) -> None:
    situation, person = situation_with_person(world)
    pseudonym = person.pseudonym
    _end(situation, 200)
    retention_run(now=timezone.now())
    person.refresh_from_db()
    situation.refresh_from_db()
    assert person.pseudonym != pseudonym and len(person.pseudonym) == 32
    assert situation.care_indicators == [] and situation.triage_reasons == [] and situation.triage_advice == []
    assert situation.urgency  # the figures stay


@override_settings(GIPZ_RETENTION_SHARED_DAYS=10)
def test_shared_content_waits_for_the_end_of_the_situation(world: Any) -> None:
    """The period runs from the end of the melding, as the report says, not from the answer."""
    situation, _person = situation_with_person(world)
    disclosure = answer_partly(world, ask(world, situation))
    later = timezone.now() + timedelta(days=30)
    assert retention_run(now=later).shared == 0  # still open
    assert DisclosureItem.objects.get(disclosure=disclosure).content != ""
    _end(situation, 0)
    assert retention_run(now=later).shared == 1
    assert DisclosureItem.objects.get(disclosure=disclosure).content == ""


def test_the_access_log_is_pruned_after_its_period_and_stays_verifiable(world: Any) -> None:
    situation, _person = situation_with_person(world)
    for _ in range(3):
        access_log_record(actor=world.crisis_actor, action="view", obj=situation, situation_id=situation.pk)
    old = list(AccessLogEntry.objects.order_by("seq").values_list("seq", flat=True))
    AccessLogEntry.objects.filter(seq__in=old[:3]).update(at=timezone.now() - timedelta(days=3000))
    removed = access_log_prune(before=timezone.now() - timedelta(days=2190))
    assert removed == 3 and not AccessLogEntry.objects.filter(seq__in=old[:3]).exists()
    assert AccessLogPrune.objects.get().up_to_seq == old[2]
    assert access_log_verify().ok
    access_log_record(actor=world.crisis_actor, action="view", obj=situation, situation_id=situation.pk)
    assert access_log_verify().ok
    # a forged prune row (hiding more of the beginning) does not verify
    AccessLogEntry.objects.filter(seq=old[3]).delete()
    AccessLogPrune.objects.create(up_to_seq=old[3], entry_hash="f" * 64, removed=1, at=timezone.now(), mac="0" * 64)
    assert not access_log_verify().ok
