"""Retention reaches every free text: each text field of every model is either removed by retention (declared in
privacy/text_retention.py and really emptied by a run) or listed as holding no personal data, with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from conftest import World
from gipz.core.text_retention import not_personal_reason, text_rules
from gipz.keyfigures.services import consult_request
from gipz.keyfigures.tests.helpers import key_figure
from gipz.prevention.models import PreventiveRequest
from gipz.prevention.tests.helpers import ask as ask_preventive
from gipz.privacy.services.retention import retention_run
from gipz.privacy.tests.helpers import situation_with_person
from gipz.situations import services
from gipz.situations.models import Situation, Status
from gipz.unsafety.models import UnsafeReport
from gipz.unsafety.tests.helpers import report


def test_every_text_field_is_removed_by_retention_or_holds_no_personal_data() -> None:
    declared = {(rule.model._meta.label, name) for rule in text_rules() for name in rule.fields}
    unclassified = []
    for model in apps.get_models():
        if not model.__module__.startswith("gipz."):
            continue
        for field in model._meta.concrete_fields:
            text = isinstance(field, (models.CharField, models.TextField, models.JSONField)) and not field.choices
            if not text:
                continue
            key = (model._meta.label, field.name)
            if key not in declared and not_personal_reason(*key) is None:
                unclassified.append(f"{key[0]}.{key[1]}")
    assert unclassified == [], "declare these in privacy/text_retention.py (removed, or why not personal)"


def test_a_run_empties_the_declared_text_of_an_ended_situation(world: World) -> None:
    situation, _person = situation_with_person(world)
    entry = key_figure(world)
    consult = consult_request(
        actor=world.crisis_actor, situation_id=situation.pk, key_figure_id=entry.pk, question="Wat weet u van hem?"
    )
    services.situation_cancel(actor=world.police_actor, situation_id=situation.pk, reason="Dubbel gemeld, zie X")
    long_ago = timezone.now() - timedelta(days=6 * 365)
    Situation.objects.filter(pk=situation.pk).update(cancelled_at=long_ago)
    retention_run(now=timezone.now())
    situation.refresh_from_db()
    consult.refresh_from_db()
    assert (situation.location, situation.description, situation.cancel_reason) == ("", "", "")
    assert consult.question == "" and situation.identity_removed_at is not None
    assert situation.status == Status.CANCELLED  # the row stays for the figures


def test_a_run_empties_old_preventive_requests_and_unsafe_reports(world: World) -> None:
    old_request = ask_preventive(world)
    old_report = report(world)
    fresh_report = report(world)
    six_years_ago = timezone.now() - timedelta(days=6 * 365)
    PreventiveRequest.objects.filter(pk=old_request.pk).update(planned_at=six_years_ago)
    UnsafeReport.objects.filter(pk=old_report.pk).update(occurred_at=six_years_ago)
    assert retention_run(now=timezone.now()).identity >= 2
    old_request.refresh_from_db()
    old_report.refresh_from_db()
    fresh_report.refresh_from_db()
    assert (old_request.description, old_request.location, old_request.care_measures) == ("", "", "")
    assert old_request.text_removed_at is not None
    assert (old_report.description, old_report.location) == ("", "")
    assert fresh_report.description != ""
    assert retention_run(now=timezone.now()).identity == 0  # a rerun finds nothing left


def test_an_app_explains_only_its_own_models_text() -> None:
    from gipz.core.text_retention import text_not_personal

    with pytest.raises(ValueError, match="each app explains its own models"):
        text_not_personal("keyfigures", {"situations.Situation.description": "not ours to explain"})
    with pytest.raises(ValueError, match="each app explains its own models"):
        text_not_personal("learning", {"*.description": "only core explains fields every history has"})
    assert not_personal_reason("situations.Situation", "description") is None
