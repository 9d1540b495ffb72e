"""Unsafe-situation pages: the 112-first question, the report form, one report with its actions, the list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accesslog.log import access_log_record
from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.careasks.services import may_ask_police
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_page, object_action
from gipz.unsafety import selectors, services
from gipz.unsafety.forms import CloseForm, RespondForm, UnsafeReportForm, WithdrawForm
from gipz.unsafety.models import UnsafeReport
from gipz.unsafety.rules import unsafe_report_actions

Status = UnsafeReport.Status
STEPS = ("112", "achteraf", "verzoek")


@actor_required
def unsafe_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "unsafety/list.html",
        {
            "queue": selectors.police_queue(actor) if actor.is_police else [],
            "recent": selectors.unsafe_reports_visible_to(actor).order_by("-created_at")[:100],
            "can_report": may_ask_police(actor),
        },
    )


@actor_required
def unsafe_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    """First the question 'is there danger now?': yes shows 'call 112' and lets them record it afterwards."""
    if not may_ask_police(actor):
        messages.error(request, _("Meldingen van onveilige situaties komen van zorgorganisaties."))
        return redirect("unsafe-reports")
    step = request.GET.get("stap", "")
    if step not in STEPS:
        return render(request, "unsafety/start.html")
    if step == "112":
        return render(request, "unsafety/call_112.html")
    acute = step == "achteraf"
    form = UnsafeReportForm(request.POST or None, levels=selectors.levels_for(actor), acute=acute)

    def create(data: dict[str, Any]) -> UnsafeReport:
        return services.unsafe_report_create(
            actor=actor,
            data=services.UnsafeReportData(
                police_organisation_id=data["police_organisation"].pk,
                municipality_id=data["municipality"].pk,
                setting=data["setting"],
                location=data["location"],
                occurred_at=data["occurred_at"],
                description=data["description"],
                severity_code=data["severity_code"],
                request_kind=data["request_kind"],
                acute=acute,
                police_arrived_at=data.get("police_arrived_at"),
                vpt=data["vpt"],
            ),
        )

    return form_page(
        request,
        form,
        create,
        page=lambda f, status: render(
            request, "unsafety/new.html", {"form": f, "acute": acute, "step": step}, status=status
        ),
        success=lambda report: redirect("unsafe-report", pk=report.pk),
        message=_("Uw melding is vastgelegd en staat bij de politie."),
    )


def _detail(
    request: HttpRequest, actor: Actor, report: UnsafeReport, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    actions = unsafe_report_actions(actor, report)
    context: dict[str, Any] = {
        "report": report,
        "events": report.events.select_related("actor", "organisation"),
        "can_pick_up": "pick_up" in actions,
    }
    if "respond" in actions:
        context["respond_form"] = bound.get("respond_form") or RespondForm()
    if "close" in actions:
        context["close_form"] = bound.get("close_form") or CloseForm()
    if "withdraw" in actions:
        context["withdraw_form"] = bound.get("withdraw_form") or WithdrawForm()
    access_log_record(actor=actor, action=AccessAction.VIEW, obj=report, detail="melding onveilige situatie")
    return render(request, "unsafety/detail.html", context, status=status)


@shows_personal_data
@actor_required
def unsafe_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _detail(request, actor, selectors.unsafe_report_get(actor=actor, report_id=pk))


def _act(request: HttpRequest, actor: Actor, pk: int, form: forms.Form, name: str, call: Any) -> HttpResponse:
    obj = selectors.unsafe_report_get(actor=actor, report_id=pk)
    return object_action(
        request,
        obj,
        form,
        call,
        url_name="unsafe-report",
        form_name=name,
        page=lambda o, **kw: _detail(request, actor, o, **kw),
    )


@require_POST
@shows_personal_data
@actor_required
def unsafe_pick_up(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _act(
        request,
        actor,
        pk,
        forms.Form(request.POST),
        "pick_up_form",
        lambda report, _data: services.unsafe_report_pick_up(actor=actor, report_id=report.pk),
    )


@require_POST
@shows_personal_data
@actor_required
def unsafe_respond(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _act(
        request,
        actor,
        pk,
        RespondForm(request.POST),
        "respond_form",
        lambda report, data: services.unsafe_report_respond(
            actor=actor, report_id=report.pk, response_kind=data["response_kind"], note=data["note"]
        ),
    )


@require_POST
@shows_personal_data
@actor_required
def unsafe_close(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _act(
        request,
        actor,
        pk,
        CloseForm(request.POST),
        "close_form",
        lambda report, data: services.unsafe_report_close(
            actor=actor, report_id=report.pk, aangifte=data["aangifte"], follow_up=data["follow_up"], note=data["note"]
        ),
    )


@require_POST
@shows_personal_data
@actor_required
def unsafe_withdraw(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _act(
        request,
        actor,
        pk,
        WithdrawForm(request.POST),
        "withdraw_form",
        lambda report, data: services.unsafe_report_withdraw(actor=actor, report_id=report.pk, reason=data["reason"]),
    )
