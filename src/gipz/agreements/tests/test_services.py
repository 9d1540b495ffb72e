"""Drafting, approving and applying werkafspraken: versions are frozen once approved, situations keep theirs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import World, intake, make_user
from gipz.accounts.actor import actor_for
from gipz.accounts.models import Role
from gipz.agreements.models import AgreementEvent, AgreementVersion
from gipz.agreements.selectors import agreement_in_force
from gipz.agreements.services import (
    agreement_approve,
    agreement_discard,
    agreement_draft_create,
    agreement_draft_update,
)
from gipz.agreements.tests.helpers import approve, editor
from gipz.core.errors import NotAllowedError, ServiceError, TransitionError
from gipz.core.models import AuditEvent
from gipz.situations.models import CareRequest, Status


def test_without_an_agreement_the_national_defaults_apply(world: World) -> None:
    applied = agreement_in_force(municipality=world.utrecht)
    assert applied.version is None and applied.terms.targets.u3_minutes == 240
    situation = intake(world)
    assert situation.agreement is None and situation.situation_type == "confused_no_offence"


def test_approve_freezes_the_version_with_history_and_audit(world: World) -> None:
    version = approve(world.coordinator_actor, world.utrecht, targets={"u2_minutes": 45})
    assert version.status == AgreementVersion.Status.APPROVED and version.number == 1
    assert version.approved_by == world.coordinator and version.approval_note == "Regionaal overleg (test)"
    assert list(AgreementEvent.objects.filter(version=version).values_list("kind", flat=True)) == [
        "created",
        "edited",
        "approved",
    ]
    assert AuditEvent.objects.filter(object_id=str(version.pk), event_type="agreement.approved").count() == 1
    with pytest.raises(TransitionError):
        agreement_draft_update(actor=world.coordinator_actor, version_id=version.pk, title="x", terms=version.terms)
    with pytest.raises(TransitionError):
        agreement_discard(actor=world.coordinator_actor, version_id=version.pk)


def test_a_situation_keeps_the_version_that_applied_when_it_was_made(world: World) -> None:
    first = approve(world.coordinator_actor, world.utrecht, targets={"u3_minutes": 200})
    before = intake(world)
    second = approve(world.coordinator_actor, world.utrecht, targets={"u3_minutes": 150})
    after = intake(world)
    assert second.number == 2 and second.based_on == first
    before.refresh_from_db()
    assert before.agreement == first and before.target_minutes == 200
    assert after.agreement == second and after.target_minutes == 150


def test_a_future_version_applies_from_its_start_date_only(world: World) -> None:
    current = approve(world.coordinator_actor, world.utrecht)
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = approve(world.coordinator_actor, world.utrecht, effective_from=tomorrow, targets={"u3_minutes": 100})
    assert agreement_in_force(municipality=world.utrecht).version == current
    later = timezone.now() + timedelta(days=2)
    assert agreement_in_force(municipality=world.utrecht, at=later).version == future


def test_a_municipal_version_overrides_the_region_for_that_municipality_only(world: World) -> None:
    region = approve(world.coordinator_actor, world.utrecht)
    own = approve(world.coordinator_actor, world.utrecht, for_municipality=True, targets={"u3_minutes": 120})
    assert own.municipality == world.utrecht and own.number == 1
    assert agreement_in_force(municipality=world.utrecht).version == own
    assert agreement_in_force(municipality=world.amersfoort).version == region


def test_the_matrix_decides_whether_the_crisis_service_is_called(world: World) -> None:
    approve(world.coordinator_actor, world.utrecht, parties={"confused_no_offence": "police"})
    by_police = intake(world)
    assert by_police.status == Status.REFERRED
    assert not CareRequest.objects.filter(situation=by_police).exists()
    # The officer may still ask for the crisis service, and other kinds of situation still go there.
    asked = intake(world, request_crisis=True)
    assert asked.status == Status.REPORTED
    together = intake(world, danger_to_self=True)
    assert together.situation_type == "danger_to_self" and together.status == Status.REPORTED


def test_no_backdating_and_a_note_is_required(world: World) -> None:
    editor(world.coordinator_actor, world.utrecht)
    draft = agreement_draft_create(actor=world.coordinator_actor, safety_region_id=world.utrecht.safety_region_id)
    with pytest.raises(ServiceError, match="terugwerkende kracht"):
        agreement_approve(
            actor=world.coordinator_actor,
            version_id=draft.pk,
            effective_from=timezone.localdate() - timedelta(days=1),
            approval_note="overleg",
        )
    with pytest.raises(ServiceError) as refused:
        agreement_approve(
            actor=world.coordinator_actor, version_id=draft.pk, effective_from=timezone.localdate(), approval_note=" "
        )
    assert refused.value.field == "approval_note"
    draft.refresh_from_db()
    assert draft.status == AgreementVersion.Status.DRAFT


def test_invalid_terms_save_nothing(world: World) -> None:
    editor(world.coordinator_actor, world.utrecht)
    draft = agreement_draft_create(actor=world.coordinator_actor, safety_region_id=world.utrecht.safety_region_id)
    terms: dict[str, Any] = {**draft.terms, "targets": {**draft.terms["targets"], "u2_minutes": 0}}
    with pytest.raises(ServiceError) as refused:
        agreement_draft_update(actor=world.coordinator_actor, version_id=draft.pk, title="Nieuw", terms=terms)
    assert refused.value.field == "u2_minutes"
    draft.refresh_from_db()
    assert draft.title != "Nieuw" and draft.terms["targets"]["u2_minutes"] == 60


def test_only_coordinators_of_the_region_edit(world: World) -> None:
    region_id = world.utrecht.safety_region_id
    # A professional of the region: no.
    editor(world.crisis_actor, world.utrecht)
    with pytest.raises(NotAllowedError):
        agreement_draft_create(actor=world.crisis_actor, safety_region_id=region_id)
    # A coordinator of an organisation elsewhere: no.
    outsider = make_user("coord-elders", world.other_crisis, Role.COORDINATOR)
    with pytest.raises(NotAllowedError):
        agreement_draft_create(actor=actor_for(outsider), safety_region_id=region_id)  # type: ignore[arg-type]
    # The region's coordinator: yes; then the outsider cannot edit or approve that draft either.
    editor(world.coordinator_actor, world.utrecht)
    draft = agreement_draft_create(actor=world.coordinator_actor, safety_region_id=region_id)
    with pytest.raises(NotAllowedError):
        agreement_approve(
            actor=actor_for(outsider),  # type: ignore[arg-type]
            version_id=draft.pk,
            effective_from=timezone.localdate(),
            approval_note="x",
        )


def test_a_municipality_of_another_region_is_refused(world: World) -> None:
    from gipz.geo.models import Municipality

    editor(world.coordinator_actor, world.utrecht)
    elsewhere = Municipality.objects.exclude(safety_region_id=world.utrecht.safety_region_id).first()
    with pytest.raises(ServiceError, match="hoort niet bij"):
        agreement_draft_create(
            actor=world.coordinator_actor,
            safety_region_id=world.utrecht.safety_region_id,
            municipality_id=elsewhere.pk,  # type: ignore[union-attr]
        )


def test_a_new_regional_draft_starts_from_the_region_not_from_a_municipality(world: World) -> None:
    from gipz.geo.models import Municipality

    first = Municipality.objects.filter(safety_region_id=world.utrecht.safety_region_id).first()
    assert first is not None
    approve(world.coordinator_actor, world.utrecht, targets={"u3_minutes": 200})
    approve(world.coordinator_actor, first, for_municipality=True, targets={"u3_minutes": 90})
    # Even the region's first municipality having its own version, the regional draft copies the regional one.
    draft = agreement_draft_create(actor=world.coordinator_actor, safety_region_id=world.utrecht.safety_region_id)
    assert draft.terms["targets"]["u3_minutes"] == 200 and draft.based_on.municipality is None  # type: ignore[union-attr]
    own = agreement_draft_create(
        actor=world.coordinator_actor,
        safety_region_id=world.utrecht.safety_region_id,
        municipality_id=first.pk,
    )
    assert own.terms["targets"]["u3_minutes"] == 90
