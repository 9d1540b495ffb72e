"""Capacity planning through the web: who may see what, bad input, runs executed by the worker, comparison."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, intake, logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.core.jobs import run_due_jobs
from gipz.core.models import AuditEvent, Job
from gipz.simulation import services
from gipz.simulation.forms import default_settings
from gipz.simulation.models import ScenarioRecord, SimulationRun, Source

pytestmark = pytest.mark.django_db


def form_data(**changes: Any) -> dict[str, Any]:
    data = {**default_settings(name="Proef"), "days": 30, **changes}
    return {key: "" if value is None else value for key, value in data.items()}


@pytest.fixture
def scenario(world: World) -> ScenarioRecord:
    return services.scenario_create(
        actor=world.coordinator_actor, settings={**default_settings(name="Basis"), "days": 30}
    )


def test_planner_creates_a_scenario_and_the_audit_log_says_so(client: Client, world: World) -> None:
    client = logged_in(world.coordinator)
    assert client.get(reverse("simulation")).status_code == 200
    page = client.get(reverse("simulation-new"))
    assert page.status_code == 200
    assert "Regio: de gemeenten van Midden-Nederland" in page.content.decode()
    response = client.post(reverse("simulation-new"), form_data())
    record = ScenarioRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("simulation-scenario", args=[record.pk])
    assert record.organisation == world.crisis
    assert record.inputs["days"] == 30
    assert AuditEvent.objects.filter(event_type="simulation.scenario_created", object_id=str(record.pk)).exists()


def test_shares_that_do_not_add_up_are_refused_and_what_was_typed_is_kept(client: Client, world: World) -> None:
    client = logged_in(world.coordinator)
    response = client.post(reverse("simulation-new"), form_data(U2_share=70, name="Mijn scenario"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "De aandelen per urgentie moeten samen 100% zijn" in body
    assert 'value="Mijn scenario"' in body
    assert not ScenarioRecord.objects.exists()


def test_a_field_out_of_range_is_named(client: Client, world: World) -> None:
    client = logged_in(world.coordinator)
    response = client.post(reverse("simulation-new"), form_data(teams_nacht_utrecht=-1, days="veel"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Niet opgeslagen" in body
    assert body.count('class="field-error"') + body.count("errorlist") >= 2
    assert not ScenarioRecord.objects.exists()


def test_the_funnel_and_delays_are_checked_and_kept(client: Client, world: World) -> None:
    client = logged_in(world.coordinator)
    bad = form_data(funnel_seen_in_person=0, shift_nacht_turnout="lang", triage_minutes=-5, travel_detour=9)
    response = client.post(reverse("simulation-new"), bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert body.count('class="field-error"') + body.count("errorlist") >= 4 and 'value="lang"' in body
    assert not ScenarioRecord.objects.exists()
    good = form_data(funnel_seen_in_person=70, shift_nacht_turnout=30, U4_planned="", min_teams_per_base=0)
    assert client.post(reverse("simulation-new"), good).status_code == 302
    inputs = ScenarioRecord.objects.get().inputs
    assert inputs["funnel_seen_in_person"] == 70 and inputs["U4_planned"] is False
    assert inputs["shift_nacht_turnout"] == 30 and inputs["min_teams_per_base"] == 0


@pytest.mark.parametrize("who", ["crisis_user", "police_user", "care_user"])
def test_non_planners_do_not_see_capacity_pages(
    client: Client, world: World, scenario: ScenarioRecord, who: str
) -> None:
    client = logged_in(getattr(world, who))
    assert client.get(reverse("simulation")).status_code == 404
    assert client.get(reverse("simulation-scenario", args=[scenario.pk])).status_code == 404
    assert client.post(reverse("simulation-new"), form_data()).status_code == 404


def test_a_planner_of_another_organisation_gets_404(client: Client, world: World, scenario: ScenarioRecord) -> None:
    other = make_user("andere-coordinator", world.other_crisis, Role.COORDINATOR)
    run = services.run_request(actor=world.coordinator_actor, scenario_id=scenario.pk, kind="simulate")
    client = logged_in(other)
    assert client.get(reverse("simulation")).status_code == 200
    assert client.get(reverse("simulation-scenario", args=[scenario.pk])).status_code == 404
    assert client.post(reverse("simulation-run-request", args=[scenario.pk]), {"kind": "simulate"}).status_code == 404
    assert client.get(reverse("simulation-run", args=[run.pk])).status_code == 404
    assert client.get(reverse("simulation-run-status", args=[run.pk])).status_code == 404
    assert client.get(reverse("simulation-compare"), {"a": run.pk, "b": run.pk}).status_code == 404


def test_an_analyst_of_the_same_organisation_sees_the_scenario(
    client: Client, world: World, scenario: ScenarioRecord
) -> None:
    analyst = make_user("analist", world.crisis, Role.ANALYST)
    client = logged_in(analyst)
    assert client.get(reverse("simulation-scenario", args=[scenario.pk])).status_code == 200


def test_a_run_is_queued_then_executed_by_the_worker(client: Client, world: World, scenario: ScenarioRecord) -> None:
    client = logged_in(world.coordinator)
    response = client.post(reverse("simulation-run-request", args=[scenario.pk]), {"kind": "simulate"})
    run = SimulationRun.objects.get()
    assert response["Location"] == reverse("simulation-run", args=[run.pk])
    assert run.status == SimulationRun.Status.QUEUED
    # The web process did not simulate: the page says it waits, and polls.
    waiting = page_text(client.get(reverse("simulation-run", args=[run.pk])))
    assert "In de wachtrij" in waiting and "hx-trigger" in waiting
    assert "HX-Refresh" not in client.get(reverse("simulation-run-status", args=[run.pk]))
    assert Job.objects.filter(kind=services.RUN_JOB, status=Job.Status.PENDING).count() == 1

    assert run_due_jobs(worker="test") == 1
    run.refresh_from_db()
    assert run.status == SimulationRun.Status.DONE, run.error
    result = run.results["result"]
    assert result["calls"] > 250  # 28 counted days of ~5,150 visits a year
    assert {u["code"] for u in result["urgencies"]} == {"U2", "U3", "U4"}
    assert run.parameters["municipalities"][0]["arrivals_per_year"] > 0
    assert client.get(reverse("simulation-run-status", args=[run.pk]))["HX-Refresh"] == "true"
    page = page_text(client.get(reverse("simulation-run", args=[run.pk])))
    assert "<svg" in page and "Op tijd ter plaatse per urgentie" in page
    assert "Politie-uren wachten per jaar" in page
    assert "Formatie (fte, met dienstoverdracht en overwerk)" in page
    # The funnel from registrations to visits, with its sources, and the police picture beside the crisis FTE.
    assert "Vraag: van registratie naar bezoek" in page and "Niet telefonisch afgehandeld" in page
    assert "GGNet-crisisdienst 2023" in page
    assert "Vrijgekomen politie-uren per jaar" in page and "Daartegenover: fte crisisdienst" in page


def test_staffing_search_through_the_worker(world: World, scenario: ScenarioRecord) -> None:
    inputs = {**scenario.inputs, "days": 30, "U2_norm": 80}
    for key in inputs:
        if key.startswith("teams_"):
            inputs[key] = 1
    services.scenario_update(actor=world.coordinator_actor, scenario_id=scenario.pk, settings=inputs)
    run = services.run_request(actor=world.coordinator_actor, scenario_id=scenario.pk, kind="search")
    run_due_jobs(worker="test")
    run.refresh_from_db()
    assert run.status == SimulationRun.Status.DONE, run.error
    search = run.results["search"]
    assert search["feasible"] is True
    assert run.results["result"]["meets_targets"] is True
    assert search["fte"] == pytest.approx(run.results["fte"])
    assert min(row["teams"] for row in search["staffing"]) >= 1  # the coverage rule: a team per base on every shift
    assert search["search_years"] == 20 and search["level"] == 0.8 and search["coverage"] == 1
    confidence = search["confidence"]
    assert confidence["years"] == 20 and 0 <= confidence["met"] <= 20
    page = page_text(logged_in(world.coordinator).get(reverse("simulation-run", args=[run.pk])))
    assert f"alle normen gehaald in {confidence['met']} van 20 gesimuleerde jaren" in page
    assert "Elke variant is over 20 gesimuleerde jaren doorgerekend" in page


def test_search_without_a_norm_is_refused_with_a_message(
    client: Client, world: World, scenario: ScenarioRecord
) -> None:
    inputs = {**scenario.inputs, "U2_norm": None}
    services.scenario_update(actor=world.coordinator_actor, scenario_id=scenario.pk, settings=inputs)
    client = logged_in(world.coordinator)
    response = client.post(reverse("simulation-run-request", args=[scenario.pk]), {"kind": "search"}, follow=True)
    assert "Vul bij minstens één urgentie een norm in" in response.content.decode()
    assert not SimulationRun.objects.exists()


def test_history_source_needs_enough_history(client: Client, world: World, scenario: ScenarioRecord) -> None:
    inputs = {**scenario.inputs, "source": Source.HISTORY}
    services.scenario_update(actor=world.coordinator_actor, scenario_id=scenario.pk, settings=inputs)
    client = logged_in(world.coordinator)
    response = client.post(reverse("simulation-run-request", args=[scenario.pk]), {"kind": "simulate"}, follow=True)
    assert "Te weinig historie" in response.content.decode()
    assert not SimulationRun.objects.exists()


def test_history_source_uses_last_years_situations(world: World, scenario: ScenarioRecord) -> None:
    now = timezone.now()
    for i in range(55):
        intake(world, now=now - timedelta(days=i * 3, hours=i % 24), municipality=world.amersfoort)
    inputs = {**scenario.inputs, "source": Source.HISTORY}
    services.scenario_update(actor=world.coordinator_actor, scenario_id=scenario.pk, settings=inputs)
    run = services.run_request(actor=world.coordinator_actor, scenario_id=scenario.pk, kind="simulate")
    arrivals = {m["code"]: m["arrivals_per_year"] for m in run.parameters["municipalities"]}
    assert arrivals["GM0307"] == 55
    assert arrivals["GM0344"] == 0
    assert "Eigen historie" in run.parameters["source_note"]


def test_start_from_last_year_prefills_from_history(client: Client, world: World) -> None:
    client = logged_in(world.coordinator)
    page = page_text(client.get(reverse("simulation-new"), {"bron": "historie"}))
    assert '<option value="history" selected>' in page
    assert 'value="Vorig jaar (eigen historie)"' in page


def test_two_runs_side_by_side(client: Client, world: World, scenario: ScenarioRecord) -> None:
    first = services.run_request(actor=world.coordinator_actor, scenario_id=scenario.pk, kind="simulate")
    inputs = {**scenario.inputs, "name": "Meer teams", "teams_avond_utrecht": 4}
    services.scenario_update(actor=world.coordinator_actor, scenario_id=scenario.pk, settings=inputs)
    second = services.run_request(actor=world.coordinator_actor, scenario_id=scenario.pk, kind="simulate")
    run_due_jobs(worker="test")
    client = logged_in(world.coordinator)
    page = page_text(client.get(reverse("simulation-compare"), {"a": first.pk, "b": second.pk}))
    assert f"#{first.pk}" in page and f"#{second.pk}" in page
    assert page.count("<svg") >= 2 * 6
    assert "Kerncijfers naast elkaar" in page
    assert client.get(reverse("simulation-compare"), {"a": "x"}).status_code == 302


def test_a_finished_run_is_never_claimed_or_failed_again(world: World, scenario: ScenarioRecord) -> None:
    run = services.run_request(actor=world.coordinator_actor, scenario_id=scenario.pk, kind=SimulationRun.Kind.SIMULATE)
    SimulationRun.objects.filter(pk=run.pk).update(status=SimulationRun.Status.DONE, results={"kept": True})
    services.run_execute(run_id=run.pk)  # a second worker that picked up the same job
    services._fail(run.pk, "late failure")
    run.refresh_from_db()
    assert (run.status, run.results, run.error) == (SimulationRun.Status.DONE, {"kept": True}, "")


def test_doorrekenen_runs_the_values_on_the_screen(world: World, scenario: ScenarioRecord) -> None:
    """A planner changes the days and presses 'doorrekenen' without saving first: the run uses what is on the
    screen (saved with it); with a wrong value nothing is saved or run and what was typed stays."""
    client = logged_in(world.coordinator)
    url = reverse("simulation-scenario", args=[scenario.pk])
    response = client.post(url, {**form_data(name="Basis"), "days": 45, "run": "simulate"})
    run = SimulationRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("simulation-run", args=[run.pk])
    assert run.parameters["days"] == 45
    scenario.refresh_from_db()
    assert scenario.inputs["days"] == 45
    refused = client.post(url, {**form_data(name="Basis"), "days": 46, "U2_share": 70, "run": "simulate"})
    assert refused.status_code == 400 and "De aandelen per urgentie moeten samen 100% zijn" in refused.content.decode()
    scenario.refresh_from_db()
    assert scenario.inputs["days"] == 45 and SimulationRun.objects.count() == 1
