"""The situation page, its live fragment, and one POST view per action (each calls one service)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.agreements.presentation import situation_agreement_context
from gipz.alerts.selectors import alerts_about
from gipz.core.live import live_response
from gipz.core.personal_data import access_log_write, shows_personal_data
from gipz.core.views import form_action, post_action
from gipz.situations import selectors, services
from gipz.situations.forms import (
    CancelForm,
    EnRouteForm,
    EvaluationForm,
    FollowUpForm,
    FollowUpUpdateForm,
    HandoverForm,
    RetriageForm,
)
from gipz.situations.models import FollowUp, Situation
from gipz.situations.rules import care_request_of, follow_up_choices, situation_actions
from gipz.situations.sections import sections_context


def detail_context(actor: Actor, situation: Situation, **forms_override: forms.Form) -> dict[str, Any]:
    handover = getattr(situation, "handover", None)
    initial_handover = (
        {
            "situation_text": handover.sbar_situation,
            "background": handover.sbar_background,
            "assessment": handover.sbar_assessment,
            "recommendation": handover.sbar_recommendation,
        }
        if handover
        else None
    )
    context: dict[str, Any] = {
        "situation": situation,
        "care_request": care_request_of(situation),
        "handover": handover,
        "actions": situation_actions(actor, situation),
        "follow_ups": [(f, follow_up_choices(f)) for f in situation.follow_ups.all()],
        "show_care": actor.is_care,
        "refresh_seconds": settings.GIPZ_BOARD_REFRESH_SECONDS,
        "en_route_form": EnRouteForm(),
        "retriage_form": RetriageForm(initial={"urgency": situation.urgency}),
        "handover_form": HandoverForm(initial=initial_handover),
        "follow_up_form": FollowUpForm(),
        "cancel_form": CancelForm(),
        "evaluation_form": EvaluationForm(),
    }
    context.update(forms_override)
    return context


def page_context(actor: Actor, situation: Situation, **forms_override: forms.Form) -> dict[str, Any]:
    """The whole page: the live part plus the sections other apps add (the person, information requests,
    consults). The page shows the person and (for care) health details, so every render writes one access-log row.
    The live fragment, polled every few seconds, shows neither and needs neither."""
    access_log_write(
        actor=actor,
        action="view",
        obj=situation,
        situation_id=situation.pk,
        detail="meldingspagina" + (" met zorggegevens" if actor.is_care else ""),
    )
    return {
        **detail_context(actor, situation, **forms_override),
        **sections_context(actor, situation),
        **situation_agreement_context(situation.agreement, situation.situation_type),
        "alerts": alerts_about(situation.reference),
    }


@shows_personal_data
@actor_required
def situation_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    situation = selectors.situation_get(actor=actor, situation_id=pk)
    return render(request, "situations/detail.html", page_context(actor, situation))


@actor_required
def situation_live(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    """The part of the page that refreshes itself (status, milestones, timeline)."""
    situation = selectors.situation_get(actor=actor, situation_id=pk)
    context = detail_context(actor, situation)
    # The SBAR arrived since the page was loaded: show it once, above the confirm button, so the officer reads S and R
    # before confirming, without reloading. Only this answer holds it (later polls ask with sbar=1); it is logged.
    context["sbar_arrived"] = context["handover"] is not None and request.GET.get("sbar") == "0"
    if context["sbar_arrived"]:
        access_log_write(
            actor=actor,
            action="view",
            obj=context["handover"],
            situation_id=situation.pk,
            detail="SBAR bij aankomst" + (" met achtergrond en beoordeling" if actor.is_care else ""),
        )
    return live_response(request, "situations/_live.html", context)


def _act(
    request: HttpRequest,
    actor: Actor,
    pk: int,
    *,
    form_class: type[forms.Form] | None,
    form_name: str,
    run: Callable[[dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """Validate the form, call the service, redirect on success; on failure show the page again with what was typed
    and a clear message (status 400), having saved nothing. A button without a form posts an empty form."""
    selectors.situation_get(actor=actor, situation_id=pk)  # 404 outside reach
    if form_class is None:
        # A button with nothing typed: a refusal (say, someone else accepted first) goes back to the page with the
        # message, 303 See Other, so reloading shows the page instead of posting again.
        def back() -> HttpResponse:
            response = redirect("situation", pk=pk)
            response.status_code = 303
            return response

        return post_action(
            request, lambda: run({}), success=lambda _r: redirect("situation", pk=pk), failure=back, message=success
        )
    form = form_class(request.POST)

    def rerender(bound: forms.Form) -> HttpResponse:
        situation = selectors.situation_get(actor=actor, situation_id=pk)
        overrides = {form_name: bound} if form_class else {}
        return render(request, "situations/detail.html", page_context(actor, situation, **overrides), status=400)

    return form_action(
        request, form, run, success=lambda _result: redirect("situation", pk=pk), rerender=rerender, message=success
    )


@dataclass(frozen=True)
class Action:
    """One button or form on the situation page: the form that parses it and the service that does it."""

    run: Callable[[Actor, int, dict[str, Any]], object]
    success: str
    form_class: type[forms.Form] | None = None
    form_name: str = ""


ACTIONS: dict[str, Action] = {
    "accept": Action(
        lambda actor, pk, data: services.care_request_accept(actor=actor, situation_id=pk),
        gettext_lazy("U heeft het verzoek geaccepteerd."),
    ),
    "en-route": Action(
        lambda actor, pk, data: services.situation_en_route(actor=actor, situation_id=pk, **data),
        gettext_lazy("Onderweg."),
        EnRouteForm,
        "en_route_form",
    ),
    "on-site": Action(
        lambda actor, pk, data: services.situation_on_site(actor=actor, situation_id=pk),
        gettext_lazy("Ter plaatse."),
    ),
    "retriage": Action(
        lambda actor, pk, data: services.situation_retriage(actor=actor, situation_id=pk, **data),
        gettext_lazy("Urgentie vastgesteld."),
        RetriageForm,
        "retriage_form",
    ),
    "handover": Action(
        lambda actor, pk, data: services.handover_submit(actor=actor, situation_id=pk, **data),
        gettext_lazy("Overdracht vastgelegd; wacht op bevestiging door de politie."),
        HandoverForm,
        "handover_form",
    ),
    "confirm-handover": Action(
        lambda actor, pk, data: services.handover_confirm_police(actor=actor, situation_id=pk),
        gettext_lazy("Overdracht bevestigd. Politie kan vertrekken."),
    ),
    "follow-up": Action(
        lambda actor, pk, data: services.follow_up_add(actor=actor, situation_id=pk, **data),
        gettext_lazy("Vervolg toegevoegd."),
        FollowUpForm,
        "follow_up_form",
    ),
    "close": Action(
        lambda actor, pk, data: services.situation_close(actor=actor, situation_id=pk),
        gettext_lazy("Melding afgesloten."),
    ),
    "cancel": Action(
        lambda actor, pk, data: services.situation_cancel(actor=actor, situation_id=pk, **data),
        gettext_lazy("Melding geannuleerd."),
        CancelForm,
        "cancel_form",
    ),
    "request-crisis": Action(
        lambda actor, pk, data: services.situation_request_crisis(actor=actor, situation_id=pk),
        gettext_lazy("De crisisdienst is ingeschakeld."),
    ),
    "evaluate": Action(
        lambda actor, pk, data: services.evaluation_submit(actor=actor, situation_id=pk, **data),
        gettext_lazy("Nabespreking opgeslagen."),
        EvaluationForm,
        "evaluation_form",
    ),
}


@require_POST
@actor_required
def act(request: HttpRequest, actor: Actor, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS[action]
    return _act(
        request,
        actor,
        pk,
        form_class=spec.form_class,
        form_name=spec.form_name,
        success=str(spec.success),
        run=lambda data: spec.run(actor, pk, data),
    )


@require_POST
@actor_required
def follow_up_update(request: HttpRequest, actor: Actor, pk: int, follow_up_id: int) -> HttpResponse:
    if not FollowUp.objects.filter(pk=follow_up_id, situation_id=pk).exists():
        raise Http404
    return _act(
        request,
        actor,
        pk,
        form_class=FollowUpUpdateForm,
        form_name="follow_up_update_form",
        success=_("Vervolg bijgewerkt."),
        run=lambda data: services.follow_up_update(actor=actor, follow_up_id=follow_up_id, **data),
    )
