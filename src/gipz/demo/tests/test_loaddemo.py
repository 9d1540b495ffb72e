from __future__ import annotations

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from conftest import page_text
from gipz.accounts.models import Organisation, Role, User
from gipz.agreements.models import DutyShift
from gipz.agreements.selectors import duty_for
from gipz.demo.world import DEMO_PASSWORD, USERS
from gipz.geo.models import Municipality
from gipz.situations.models import Situation, Status


@pytest.fixture
def demo(db: None) -> None:
    call_command("loaddemo", situations=80, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_role_has_a_user_who_can_log_in(demo: None) -> None:
    roles = {role for spec in USERS for role in spec.roles}
    assert roles == set(Role.values)
    for spec in USERS:
        client = Client()
        assert client.login(username=spec.username, password=DEMO_PASSWORD), spec.username
        assert client.get("/", follow=True).status_code == 200


def test_every_status_occurs(demo: None) -> None:
    present = set(Situation.objects.values_list("status", flat=True))
    assert present == set(Status.values)


def test_roster_covers_every_active_municipality_now_and_two_weeks_ahead(demo: None) -> None:
    """Every municipality of the demo's police unit (the country is loaded; the demo region is Midden-Nederland)."""
    now = timezone.now()
    for municipality in Municipality.objects.filter(active=True, safety_region__police_unit="Midden-Nederland"):
        for hours in (0, 8, 16, 24 * 13):
            duty = duty_for(municipality=municipality, at=now + timedelta(hours=hours))
            assert duty.primary is not None and duty.backup is not None, municipality
    utrecht_now = duty_for(municipality=Municipality.objects.get(code="GM0344"), at=now)
    crisis_user = User.objects.get(username="crisis")
    assert utrecht_now.primary == crisis_user.memberships.filter(role=Role.PROFESSIONAL).get().team


def test_second_run_does_not_duplicate(demo: None) -> None:
    counts = (Organisation.objects.count(), User.objects.count(), DutyShift.objects.count(), Situation.objects.count())
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        DutyShift.objects.count(),
        Situation.objects.count(),
    ) == counts


def test_history_spans_the_year_and_the_region_and_is_fictional(demo: None) -> None:
    now = timezone.now()
    oldest = Situation.objects.order_by("created_at").first()
    assert oldest is not None and oldest.created_at < now - timedelta(days=200)
    assert Situation.objects.values("municipality").distinct().count() >= 15
    assert all("(demo)" in name for name in Organisation.objects.values_list("name", flat=True))
    assert all("Demo" in str(user) for user in User.objects.all())


def test_old_escalation_alerts_are_read_and_todays_are_not(demo: None) -> None:
    from gipz.situations.models import Notification

    yesterday = timezone.now() - timedelta(days=1)
    assert not Notification.objects.filter(read_at__isnull=True, situation__created_at__lt=yesterday).exists()
    assert Notification.objects.filter(read_at__isnull=True, situation__created_at__gte=yesterday).exists()


def test_demo_capacity_scenario_is_run_by_the_worker_and_shown_to_the_coordinator(demo: None) -> None:
    from gipz.core.jobs import run_due_jobs
    from gipz.simulation.models import ScenarioRecord, SimulationRun

    record = ScenarioRecord.objects.get()
    run = record.runs.get()
    run_due_jobs(worker="test")
    run.refresh_from_db()
    assert run.status == SimulationRun.Status.DONE, run.error
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ScenarioRecord.objects.count() == 1
    client = Client()
    assert client.login(username="coordinator", password=DEMO_PASSWORD)
    assert record.name in page_text(client.get("/capaciteit/"))
    assert "<svg" in page_text(client.get(f"/capaciteit/berekening/{run.pk}/"))


def test_demo_information_requests_persons_and_a_verifiable_access_log(demo: None) -> None:
    from io import StringIO

    from gipz.accesslog.log import access_log_verify
    from gipz.privacy.models import InformationRequest, Person

    statuses = set(InformationRequest.objects.values_list("status", flat=True))
    assert statuses == {"open", "partly_shared", "shared"}
    assert all(p.full_name.startswith("Fictief") for p in Person.objects.all())
    assert access_log_verify().ok
    call_command("loaddemo", stdout=StringIO())
    assert InformationRequest.objects.count() == 3  # a second run adds none
    client = Client()
    assert client.login(username="privacy-politie", password=DEMO_PASSWORD)
    assert "Gedeeld zonder toestemming" in page_text(client.get("/privacy/"))


def test_demo_has_the_e33_reference_figures(demo: None) -> None:
    from gipz.monitoring.models import E33Registration

    assert E33Registration.objects.filter(municipality_code="GM0344", year=2013).get().count == 1130


def test_demo_shows_who_does_what_preventive_unsafe_key_figures_and_learning(demo: None) -> None:
    from io import StringIO

    from gipz.agreements.selectors import agreement_in_force
    from gipz.keyfigures.models import Consult, KeyFigure
    from gipz.learning.models import Activity
    from gipz.prevention.models import PreventiveRequest
    from gipz.unsafety.models import UnsafeReport

    applied = agreement_in_force(municipality=Municipality.objects.get(code="GM0344"))
    assert applied.version is not None and len(applied.terms.contacts) == 3
    assert set(PreventiveRequest.objects.values_list("status", flat=True)) == {"submitted", "assist", "completed"}
    assert set(UnsafeReport.objects.values_list("status", flat=True)) == {"reported", "responded", "closed"}
    assert KeyFigure.objects.count() == 2 and Consult.objects.filter(status="answered").count() == 1
    assert Activity.objects.count() == 2
    call_command("loaddemo", stdout=StringIO())
    assert PreventiveRequest.objects.count() == 3  # a second run adds none
    client = Client()
    assert client.login(username="teamchef", password=DEMO_PASSWORD)
    assert "Basisteam Utrecht-Centrum" in page_text(client.get("/preventief/planning/"))
    assert "VPT" in page_text(client.get("/onveilig/"))


def test_loading_is_quiet_so_the_login_table_is_what_a_newcomer_sees(db: None) -> None:
    """The first run logged an INFO line per escalation and routing (86 lines before the table); while loading the
    app's logger shows warnings only, and is restored afterwards."""
    from gipz.demo.management.commands.loaddemo import _quiet

    logger = logging.getLogger("gipz")
    before = logger.level
    with _quiet():
        assert not logger.isEnabledFor(logging.INFO) and logger.isEnabledFor(logging.WARNING)
    assert logger.level == before
    out = StringIO()
    call_command("loaddemo", situations=20, stdout=out)
    assert out.getvalue().startswith("Demo data: loaded") and "| `agent` |" in out.getvalue()
