"""Home, the police intake form and its live triage preview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.permissions import Area, areas_for, landing_page
from gipz.accounts.views import actor_required
from gipz.core.views import form_page
from gipz.situations import selectors, services, triage
from gipz.situations.forms import IntakeForm
from gipz.situations.models import Situation
from gipz.situations.search import PAGE_SIZE, SearchCriteria, search_form
from gipz.situations.texts import TRIAGE_ADVICE, TRIAGE_REASONS


@actor_required
def home(request: HttpRequest, actor: Actor) -> HttpResponse:
    if Area.CASEWORK not in areas_for(actor.roles):
        return redirect(landing_page(actor.roles) or "agreements")
    if actor.is_crisis:
        return redirect("board")
    open_situations, more_open = selectors.open_for(actor)
    return render(
        request,
        "situations/home.html",
        {
            "open_situations": open_situations,
            "more_open": more_open,
            "board_limit": selectors.BOARD_LIMIT,
            "recent": selectors.recent_for(actor, limit=20),
        },
    )


@actor_required
def situation_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Find any melding: filters in the address (GET), newest first, a page at a time by cursor."""
    form = search_form(request.GET or None, organisation=actor.organisation)
    page = None
    if form.is_valid():
        page = selectors.situations_search(
            actor=actor, criteria=form.criteria(), after=form.cleaned_data["cursor"], limit=PAGE_SIZE
        )
    elif not form.is_bound:
        page = selectors.situations_search(actor=actor, criteria=SearchCriteria(), limit=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("cursor", None)
    first_query = query.urlencode() if "cursor" in request.GET else None
    next_query = None
    if page and page.next:
        query["cursor"] = page.next.encode()
        next_query = query.urlencode()
    filtered = any(value for key, value in request.GET.items() if key not in ("cursor", "limit"))
    return render(
        request,
        "situations/list.html",
        {"form": form, "page": page, "next_query": next_query, "first_query": first_query, "filtered": filtered},
    )


@actor_required
def intake(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not actor.is_police:
        messages.info(request, _("Alleen de politie maakt acute meldingen aan."))
        return redirect("home")
    form = IntakeForm(request.POST or None, organisation=actor.organisation)

    def create(data: dict[str, Any]) -> Situation:
        intake_data = services.IntakeData.from_cleaned(
            data, answers=form.answers(), request_crisis=form.request_crisis_choice()
        )
        return services.situation_create(actor=actor, data=intake_data)

    return form_page(
        request,
        form,
        create,
        page=lambda f, status: render(
            request, "situations/intake.html", {"form": f, **triage_context(f)}, status=status
        ),
        success=lambda situation: redirect("situation", pk=situation.pk),
        message=lambda situation: _("Melding %(ref)s is vastgelegd.") % {"ref": situation.reference},
    )


@require_POST
@actor_required
def triage_preview(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = IntakeForm(request.POST, organisation=actor.organisation)
    form.is_valid()
    return render(request, "situations/_triage_advice.html", triage_context(form))


def triage_context(form: IntakeForm) -> dict[str, object]:
    """Triage whatever has been answered so far, so the officer sees the advice while filling in the form."""
    data = getattr(form, "cleaned_data", None)  # unbound form: nothing answered yet
    if data is None or "care_indicators" not in data:
        return {}
    targets = selectors.targets_in_force(municipality=data["municipality"]) if data.get("municipality") else None
    result = triage.triage(form.answers(), targets)
    return {
        "triage": result,
        "reasons": [TRIAGE_REASONS[code] for code in result.reasons],
        "advice": [TRIAGE_ADVICE[code] for code in result.advice],
    }
