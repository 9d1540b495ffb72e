"""Unsafe situations in care: VPT priority, severity from the region's definitions, response time, aangifte."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from conftest import World
from gipz.agreements.terms import default_terms
from gipz.agreements.tests.helpers import approve
from gipz.core.errors import NotAllowedError, ServiceError, TransitionError
from gipz.core.models import AuditEvent
from gipz.unsafety.models import UnsafeReport, UnsafeReportEvent
from gipz.unsafety.selectors import police_queue, unsafe_report_get
from gipz.unsafety.services import (
    response_deadline,
    unsafe_report_close,
    unsafe_report_pick_up,
    unsafe_report_respond,
    unsafe_report_withdraw,
)
from gipz.unsafety.tests.helpers import report

Status = UnsafeReport.Status


def test_vpt_caps_the_response_time_at_the_agreed_vpt_hours() -> None:
    terms = default_terms()  # level 1: 72 h; VPT: 24 h
    level = terms.unsafe_level("1")
    now = timezone.now()
    assert level is not None
    assert response_deadline(level=level, terms=terms, vpt=True, reported_at=now) == now + timedelta(hours=24)
    assert response_deadline(level=level, terms=terms, vpt=False, reported_at=now) == now + timedelta(hours=72)


def test_a_report_copies_the_level_and_gets_its_deadline(world: World) -> None:
    created = report(world, severity_code="1")
    assert (created.severity_code, created.severity_name, created.status) == (
        "1",
        "Grensoverschrijdend",
        Status.REPORTED,
    )
    assert created.response_deadline == created.created_at + timedelta(hours=24)  # VPT by default
    assert AuditEvent.objects.filter(event_type="unsafereport.reported").count() == 1


def test_the_region_definitions_decide_which_levels_exist(world: World) -> None:
    levels = [
        {"code": "A", "name": "Laag", "description": "Schelden", "response": "Zorg handelt", "response_hours": 48},
        {"code": "B", "name": "Hoog", "description": "Geweld", "response": "Politie komt", "response_hours": 2},
    ]
    approve(world.coordinator_actor, world.utrecht, unsafe_levels=levels)
    with pytest.raises(ServiceError) as refused:
        report(world, severity_code="2")
    assert refused.value.field == "severity_code"
    created = report(world, severity_code="B", vpt=False)
    assert created.response_deadline == created.created_at + timedelta(hours=2) and created.agreement is not None


def test_acute_reports_are_recorded_afterwards_with_the_police_arrival(world: World) -> None:
    now = timezone.now()
    created = report(
        world,
        acute=True,
        request_kind="record_only",
        severity_code="3",
        occurred_at=now - timedelta(minutes=50),
        police_arrived_at=now - timedelta(minutes=38),
    )
    assert created.response_deadline is None and created.response_minutes == 12


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"request_kind": "record_only"}, "request_kind"),  # only when 112 was called
        ({"police_arrived_at": timezone.now()}, "police_arrived_at"),  # only for acute
        (
            {"acute": True, "occurred_at": timezone.now(), "police_arrived_at": timezone.now() - timedelta(hours=1)},
            "police_arrived_at",
        ),
        ({"occurred_at": timezone.now() + timedelta(days=1)}, "occurred_at"),
        ({"description": "kort"}, "description"),
        ({"description": "Dader heeft BSN 111222333 genoemd"}, "description"),
        ({"setting": "ergens"}, "setting"),
        ({"police_organisation_id": 0}, "police_organisation"),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(world: World, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        report(world, **changes)
    assert refused.value.field == field
    assert UnsafeReport.objects.count() == 0


def test_police_queue_puts_vpt_first_and_then_the_nearest_deadline(world: World) -> None:
    no_vpt_urgent = report(world, vpt=False, severity_code="3")  # 1 hour, but no VPT
    vpt_later = report(world, severity_code="1")  # 24 hours (VPT cap)
    vpt_sooner = report(world, severity_code="2")  # 24 hours, made later: same deadline, later creation
    vpt_first = report(world, severity_code="3")  # 1 hour
    assert list(police_queue(world.police_actor)) == [vpt_first, vpt_later, vpt_sooner, no_vpt_urgent]


def test_police_pick_up_respond_then_aangifte_and_follow_up(world: World) -> None:
    created = report(world)
    unsafe_report_pick_up(actor=world.police_actor, report_id=created.pk)
    later = created.created_at + timedelta(hours=3)
    unsafe_report_respond(
        actor=world.police_colleague_actor,
        report_id=created.pk,
        response_kind="aangifte_taken",
        note="Aangifte opgenomen op de afdeling.",
        now=later,
    )
    created.refresh_from_db()
    assert created.status == Status.RESPONDED and created.response_minutes == 180 and not created.responded_late
    with pytest.raises(ServiceError, match="Zonder aangifte"):
        unsafe_report_close(
            actor=world.care_actor, report_id=created.pk, aangifte="not_made", follow_up="to_prosecutor"
        )
    unsafe_report_close(actor=world.care_actor, report_id=created.pk, aangifte="made", follow_up="to_prosecutor")
    created.refresh_from_db()
    assert (created.status, created.aangifte, created.follow_up) == (Status.CLOSED, "made", "to_prosecutor")
    kinds = list(UnsafeReportEvent.objects.filter(report=created).order_by("id").values_list("kind", flat=True))
    assert kinds == ["reported", "picked_up", "responded", "closed"]


def test_a_late_response_is_marked(world: World) -> None:
    created = report(world, severity_code="3")  # 1 hour
    unsafe_report_respond(
        actor=world.police_actor,
        report_id=created.pk,
        response_kind="visit",
        note="Langs geweest, rustig.",
        now=created.created_at + timedelta(hours=2),
    )
    created.refresh_from_db()
    assert created.responded_late


def test_owner_member_outsider(world: World) -> None:
    created = report(world)
    assert unsafe_report_get(actor=world.care_actor, report_id=created.pk) == created
    assert unsafe_report_get(actor=world.police_colleague_actor, report_id=created.pk) == created
    for outsider in (world.outsider_police_actor, world.crisis_actor):
        with pytest.raises(Http404):
            unsafe_report_get(actor=outsider, report_id=created.pk)
    with pytest.raises(NotAllowedError):
        unsafe_report_respond(
            actor=world.outsider_police_actor, report_id=created.pk, response_kind="visit", note="Langs geweest."
        )
    with pytest.raises(NotAllowedError):
        unsafe_report_pick_up(actor=world.care_actor, report_id=created.pk)


def test_withdraw_only_before_police_act(world: World) -> None:
    created = report(world)
    unsafe_report_pick_up(actor=world.police_actor, report_id=created.pk)
    with pytest.raises(TransitionError):
        unsafe_report_withdraw(actor=world.care_actor, report_id=created.pk, reason="Was een misverstand.")
    other = report(world)
    with pytest.raises(NotAllowedError):
        unsafe_report_withdraw(actor=world.police_actor, report_id=other.pk, reason="Niet nodig.")
    unsafe_report_withdraw(actor=world.care_actor, report_id=other.pk, reason="Was een misverstand.")
    other.refresh_from_db()
    assert other.status == Status.WITHDRAWN


def test_only_care_reports(world: World) -> None:
    from gipz.unsafety.services import UnsafeReportData, unsafe_report_create

    with pytest.raises(NotAllowedError):
        unsafe_report_create(
            actor=world.police_actor,
            data=UnsafeReportData(
                police_organisation_id=world.police.pk,
                municipality_id=world.utrecht.pk,
                setting="inside",
                location="x",
                occurred_at=timezone.now(),
                description="xxxxxxxxxxxxxxx",
                severity_code="1",
                request_kind="advice",
            ),
        )
