"""Preventive assistance pages: list, new request, one request with the actions its reader may take, planning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accesslog.log import access_log_record
from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.models import Team
from gipz.accounts.views import actor_required
from gipz.careasks.services import may_ask_police
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_page, object_action
from gipz.prevention import selectors, services
from gipz.prevention.forms import DecisionForm, InfoForm, OutcomeForm, PreventiveRequestForm, WithdrawForm
from gipz.prevention.models import PreventiveRequest
from gipz.prevention.presentation import RISK_REASONS
from gipz.prevention.rules import preventive_actions

Status = PreventiveRequest.Status


@actor_required
def preventive_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    visible = selectors.preventive_requests_visible_to(actor)
    return render(
        request,
        "prevention/list.html",
        {
            "awaiting": selectors.awaiting_decision(actor) if actor.is_police else [],
            "outcome_due": selectors.outcome_due(actor),
            "recent": visible.order_by("-created_at")[:100],
            "can_ask": may_ask_police(actor),
        },
    )


@actor_required
def preventive_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not may_ask_police(actor):
        messages.error(request, _("Alleen zorgorganisaties vragen preventieve assistentie aan."))
        return redirect("preventive-requests")
    form = PreventiveRequestForm(request.POST or None)

    def create(data: dict[str, Any]) -> PreventiveRequest:
        return services.preventive_request_create(
            actor=actor,
            data=services.PreventiveRequestData(
                police_organisation_id=data["police_organisation"].pk,
                municipality_id=data["municipality"].pk,
                event_kind=data["event_kind"],
                event_other=data["event_other"],
                planned_at=data["planned_at"],
                location=data["location"],
                description=data["description"],
                violence_history=data["violence_history"],
                weapons=data["weapons"],
                known_to_police=data["known_to_police"],
                risk_notes=data["risk_notes"],
                own_security=data["own_security"],
                extra_staff=data["extra_staff"],
                care_measures=data["care_measures"],
            ),
        )

    return form_page(
        request,
        form,
        create,
        page=lambda f, status: render(request, "prevention/new.html", {"form": f}, status=status),
        success=lambda created: redirect("preventive-request", pk=created.pk),
        message=lambda created: (
            _("Uw verzoek is verstuurd. De politie beslist uiterlijk %(deadline)s.")
            % {"deadline": timezone.localtime(created.decision_deadline).strftime("%d-%m-%Y %H:%M")}
        ),
    )


def _detail(
    request: HttpRequest, actor: Actor, item: PreventiveRequest, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    actions = preventive_actions(actor, item)
    context: dict[str, Any] = {
        "item": item,
        "events": item.events.select_related("actor", "organisation"),
        "risk_reasons": [RISK_REASONS.get(code, code) for code in item.risk_reasons],
        "actions": actions,
        "now": timezone.now(),
    }
    if "decide" in actions:
        context["decision_form"] = bound.get("decision_form") or DecisionForm(police=actor.organisation)
    if "add_info" in actions:
        context["info_form"] = bound.get("info_form") or InfoForm()
    if "withdraw" in actions:
        context["withdraw_form"] = bound.get("withdraw_form") or WithdrawForm()
    if "outcome" in actions:
        context["outcome_form"] = bound.get("outcome_form") or OutcomeForm()
    access_log_record(actor=actor, action=AccessAction.VIEW, obj=item, detail="verzoek preventieve assistentie")
    return render(request, "prevention/detail.html", context, status=status)


@shows_personal_data
@actor_required
def preventive_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _detail(request, actor, selectors.preventive_request_get(actor=actor, request_id=pk))


def _act(request: HttpRequest, actor: Actor, pk: int, form: forms.Form, name: str, call: Any) -> HttpResponse:
    obj = selectors.preventive_request_get(actor=actor, request_id=pk)
    return object_action(
        request,
        obj,
        form,
        call,
        url_name="preventive-request",
        form_name=name,
        page=lambda o, **kw: _detail(request, actor, o, **kw),
    )


@require_POST
@shows_personal_data
@actor_required
def preventive_decide(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    def call(item: PreventiveRequest, data: dict[str, Any]) -> None:
        team: Team | None = data["team"]
        services.preventive_request_decide(
            actor=actor,
            request_id=item.pk,
            data=services.DecisionData(
                decision=data["decision"],
                reason=data["reason"],
                advised_alternative=data["advised_alternative"],
                info_question=data["info_question"],
                team_id=team.pk if team else None,
                officers=data["officers"],
            ),
        )

    form = DecisionForm(request.POST, police=actor.organisation)
    return _act(request, actor, pk, form, "decision_form", call)


@require_POST
@shows_personal_data
@actor_required
def preventive_add_info(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _act(
        request,
        actor,
        pk,
        InfoForm(request.POST),
        "info_form",
        lambda item, data: services.preventive_request_add_info(actor=actor, request_id=item.pk, answer=data["answer"]),
    )


@require_POST
@shows_personal_data
@actor_required
def preventive_withdraw(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _act(
        request,
        actor,
        pk,
        WithdrawForm(request.POST),
        "withdraw_form",
        lambda item, data: services.preventive_request_withdraw(actor=actor, request_id=item.pk, reason=data["reason"]),
    )


@require_POST
@shows_personal_data
@actor_required
def preventive_outcome(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _act(
        request,
        actor,
        pk,
        OutcomeForm(request.POST),
        "outcome_form",
        lambda item, data: services.preventive_request_record_outcome(
            actor=actor, request_id=item.pk, outcome=data["outcome"], note=data["note"]
        ),
    )


@shows_personal_data
@actor_required
def preventive_planning(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not actor.is_police:
        messages.error(request, _("De planning is voor de politie."))
        return redirect("preventive-requests")
    teams = Team.objects.filter(organisation=actor.organisation)
    team_id = request.GET.get("team")
    chosen = teams.filter(pk=team_id).first() if team_id and team_id.isdigit() else None
    items = list(selectors.planning(actor, team_id=chosen.pk if chosen else None))
    for item in items:
        access_log_record(actor=actor, action=AccessAction.VIEW, obj=item, detail="planning van de politie")
    return render(request, "prevention/planning.html", {"items": items, "teams": teams, "chosen": chosen})
