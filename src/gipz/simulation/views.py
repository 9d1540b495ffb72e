"""Capacity planning pages: scenarios, runs (executed by the worker), results and a side-by-side comparison."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.access import get_in_scope
from gipz.core.views import form_page, post_action
from gipz.simulation import presentation, selectors, services
from gipz.simulation.forms import ScenarioForm, default_settings
from gipz.simulation.models import SimulationRun, Source


def _planner(actor: Actor) -> None:
    # Outside the planners' reach the pages do not exist (404), as everywhere in GIPZ.
    if not selectors.can_plan(actor):
        raise Http404


@actor_required
def overview(request: HttpRequest, actor: Actor) -> HttpResponse:
    _planner(actor)
    return render(
        request,
        "simulation/overview.html",
        {
            "scenarios": selectors.scenarios_for(actor)[:50],
            "runs": selectors.runs_for(actor).filter(status=SimulationRun.Status.DONE)[:30],
        },
    )


@actor_required
def scenario_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    _planner(actor)
    if request.method == "POST":
        form = ScenarioForm(request.POST)
    else:
        initial = default_settings(name=_("Nieuw scenario"))
        if request.GET.get("bron") == "historie":
            initial = selectors.settings_from_history({**initial, "name": _("Vorig jaar (eigen historie)")})
        form = ScenarioForm(initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.scenario_create(actor=actor, settings=data),
        page=lambda f, status: render(request, "simulation/scenario.html", {"form": f, "record": None}, status=status),
        success=lambda record: redirect("simulation-scenario", pk=record.pk),
        message=_("Scenario opgeslagen."),
    )


@actor_required
def scenario_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    _planner(actor)
    record = get_in_scope(selectors.scenarios_for(actor), pk=pk)
    if request.method == "POST":
        form = ScenarioForm(request.POST)
    else:
        form = ScenarioForm(initial={**default_settings(), **record.inputs})
    # "Doorrekenen" is a button of the same form: it runs what is on the screen, saved first (both or neither).
    kind = request.POST.get("run", "") if request.method == "POST" else ""

    def save(data: dict[str, Any]) -> Any:
        with transaction.atomic():
            updated = services.scenario_update(actor=actor, scenario_id=record.pk, settings=data)
            return services.run_request(actor=actor, scenario_id=record.pk, kind=kind) if kind else updated

    return form_page(
        request,
        form,
        save,
        page=lambda f, status: render(
            request,
            "simulation/scenario.html",
            {"form": f, "record": record, "runs": record.runs.all()[:20], "history_source": Source.HISTORY},
            status=status,
        ),
        success=lambda result: (
            redirect("simulation-run", pk=result.pk) if kind else redirect("simulation-scenario", pk=record.pk)
        ),
        message=_("Scenario opgeslagen en doorgerekend met deze waarden.") if kind else _("Scenario opgeslagen."),
    )


@require_POST
@actor_required
def run_request(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    _planner(actor)
    record = get_in_scope(selectors.scenarios_for(actor), pk=pk)
    return post_action(
        request,
        lambda: services.run_request(actor=actor, scenario_id=record.pk, kind=request.POST.get("kind", "")),
        success=lambda run: redirect("simulation-run", pk=run.pk),
        failure=lambda: redirect("simulation-scenario", pk=record.pk),
    )


def _run_context(run: SimulationRun, prefix: str = "") -> dict[str, Any]:
    context: dict[str, Any] = {"run": run, "staffing": presentation.staffing_table(run)}
    if run.status == SimulationRun.Status.DONE:
        context["figures"] = presentation.key_figures(run)
        context["charts"] = presentation.charts(run, prefix)
        context["targets"] = presentation.target_rows(run)
        context["roster_warnings"] = presentation.roster_warnings_text(run)
        context["search"] = run.results.get("search")
        context["funnel"] = presentation.funnel_rows(run)
        context["police"] = presentation.police_rows(run)
    return context


@actor_required
def run_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    _planner(actor)
    run = get_in_scope(selectors.runs_for(actor), pk=pk)
    others = selectors.runs_for(actor).filter(status=SimulationRun.Status.DONE).exclude(pk=run.pk)[:30]
    return render(request, "simulation/run.html", {**_run_context(run), "others": others})


@actor_required
def run_status(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    """Polled by htmx while the worker runs; once finished, the whole page reloads to show the results."""
    _planner(actor)
    run = get_in_scope(selectors.runs_for(actor), pk=pk)
    response = render(request, "simulation/_status.html", {"run": run})
    if run.is_finished:
        response["HX-Refresh"] = "true"
    return response


@actor_required
def compare(request: HttpRequest, actor: Actor) -> HttpResponse:
    _planner(actor)
    done = selectors.runs_for(actor).filter(status=SimulationRun.Status.DONE)
    chosen = []
    for key in ("a", "b"):
        value = request.GET.get(key, "")
        if not value.isdigit():
            messages.error(request, _("Kies twee afgeronde berekeningen om te vergelijken."))
            return redirect("simulation")
        chosen.append(get_in_scope(done, pk=int(value)))
    columns = [_run_context(run, prefix=key) for key, run in zip(("a", "b"), chosen, strict=True)]
    rows = [
        (fa.label, fa.value, fb.value)
        for fa, fb in zip(columns[0]["figures"], columns[1]["figures"], strict=False)
        if fa.label == fb.label
    ]
    return render(request, "simulation/compare.html", {"columns": columns, "rows": rows})
