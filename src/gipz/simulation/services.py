"""Writes for capacity planning: scenarios, run requests, and the worker's execution of a run."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.core.access import get_in_scope
from gipz.core.audit import audit_record
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.jobs import job_enqueue
from gipz.core.statemachine import StateMachine
from gipz.simulation import selectors
from gipz.simulation.core.region import simulate_region
from gipz.simulation.core.scenario import Scenario, ScenarioError
from gipz.simulation.core.staffing import search_staffing
from gipz.simulation.models import RUN_TRANSITIONS, ScenarioRecord, SimulationRun

log = logging.getLogger(__name__)
RUN = StateMachine(statuses=SimulationRun.Status, transitions=RUN_TRANSITIONS)
RUN_JOB = "simulation.run"
RUN_LEASE_SECONDS = 2 * 3600  # a staffing search of a large region takes minutes; another worker may retry after
PROGRESS_INTERVAL_SECONDS = 1.0


def _require_planner(actor: Actor) -> None:
    if not selectors.can_plan(actor):
        raise NotAllowedError(_("Alleen coördinatoren, analisten en beheerders maken capaciteitsscenario's."))


@transaction.atomic
def scenario_create(*, actor: Actor, settings: dict[str, Any]) -> ScenarioRecord:
    _require_planner(actor)
    record = ScenarioRecord.objects.create(
        organisation=actor.organisation, name=settings["name"], inputs=settings, created_by=actor.user
    )
    audit_record(actor=actor, event_type="simulation.scenario_created", obj=record, new={"name": record.name})
    return record


@transaction.atomic
def scenario_update(*, actor: Actor, scenario_id: int, settings: dict[str, Any]) -> ScenarioRecord:
    record = get_in_scope(selectors.scenarios_for(actor).select_for_update(), pk=scenario_id)
    old = record.inputs
    record.name, record.inputs = settings["name"], settings
    record.save(update_fields=["name", "inputs", "updated_at"])
    changed = {key: value for key, value in settings.items() if old.get(key) != value}
    audit_record(
        actor=actor,
        event_type="simulation.scenario_changed",
        obj=record,
        old={key: old.get(key) for key in changed},
        new=changed,
    )
    return record


@transaction.atomic
def run_request(*, actor: Actor, scenario_id: int, kind: str, now: datetime | None = None) -> SimulationRun:
    """Freeze the model input and queue the run for the worker; the web process never simulates."""
    now = now or timezone.now()
    record = get_in_scope(selectors.scenarios_for(actor), pk=scenario_id)
    if kind not in SimulationRun.Kind.values:
        raise ServiceError(_("Onbekende soort berekening."))
    parameters = selectors.build_parameters(record.inputs, now=now)
    try:
        scenario = Scenario.from_dict(parameters)
    except ScenarioError as exc:
        raise ServiceError(_("Het scenario klopt niet: %(error)s") % {"error": exc}) from None
    if kind == SimulationRun.Kind.SEARCH and not scenario.targets:
        raise ServiceError(_("Vul bij minstens één urgentie een norm in om de kleinste bezetting te zoeken."))
    run = SimulationRun.objects.create(
        scenario=record, kind=kind, parameters=parameters, requested_by=actor.user, requested_at=now
    )
    audit_record(actor=actor, event_type="simulation.run_requested", obj=run, new={"kind": kind})
    job_enqueue(kind=RUN_JOB, run_at=now, payload={"run_id": run.pk})
    return run


def run_execute(*, run_id: int) -> None:
    """Run a queued simulation (worker). Idempotent: a finished run is left alone; a crashed one starts over."""
    claimed = SimulationRun.objects.filter(pk=run_id, status__in=RUN.sources(SimulationRun.Status.RUNNING)).update(
        status=SimulationRun.Status.RUNNING, started_at=timezone.now(), progress=0.0, error=""
    )
    if not claimed:
        return
    run = SimulationRun.objects.get(pk=run_id)
    last_report = 0.0

    def progress(fraction: float, message: str = "") -> None:
        nonlocal last_report
        if time.monotonic() - last_report >= PROGRESS_INTERVAL_SECONDS:
            last_report = time.monotonic()
            SimulationRun.objects.filter(pk=run_id).update(progress=fraction, message=message[:200])

    try:
        scenario = Scenario.from_dict(run.parameters)
        if run.kind == SimulationRun.Kind.SEARCH:
            results: dict[str, Any] = {"search": search_staffing(scenario, progress=progress).to_dict()}
            results["result"] = results["search"].pop("result")
        else:
            results = {"result": simulate_region(scenario, progress=progress).to_dict()}
        results["fte"] = results["result"]["fte"]  # with shift handovers and the overtime the run measured
    except ScenarioError as exc:
        _fail(run_id, str(exc))
        return
    except Exception:  # a bug must show as a failed run, not as one that runs forever
        log.exception("simulation run %s failed", run_id)
        _fail(run_id, _("Interne fout in de simulatie; de beheerder kan het logboek bekijken."))
        return
    SimulationRun.objects.filter(pk=run_id, status__in=RUN.sources(SimulationRun.Status.DONE)).update(
        status=SimulationRun.Status.DONE, progress=1.0, message="", results=results, finished_at=timezone.now()
    )


def _fail(run_id: int, error: str) -> None:
    SimulationRun.objects.filter(pk=run_id, status__in=RUN.sources(SimulationRun.Status.FAILED)).update(
        status=SimulationRun.Status.FAILED, error=error, finished_at=timezone.now()
    )
