"""Information requests: ask inside a situation, see the inbox, answer with the rulebook's advice, withdraw."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_action, form_page, post_action
from gipz.privacy import selectors
from gipz.privacy.access import access_log_in_situation
from gipz.privacy.forms import AnswerForm, InformationRequestForm
from gipz.privacy.models import Circumstance, InformationRequest
from gipz.privacy.rules import information_request_actions
from gipz.privacy.services.requests import (
    AnswerData,
    RequestData,
    information_request_answer,
    information_request_create,
    information_request_withdraw,
)
from gipz.rulebook.services import rulebook_current
from gipz.situations.selectors import situation_get_by_pk


@actor_required
def request_new(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    situation = situation_get_by_pk(actor=actor, situation_id=pk)
    if request.method == "POST":
        form = InformationRequestForm(request.POST, own_organisation=actor.organisation)
    else:
        form = InformationRequestForm(own_organisation=actor.organisation)
    _version, rulebook = rulebook_current()
    return form_page(
        request,
        form,
        lambda data: information_request_create(
            actor=actor,
            situation_id=situation.pk,
            data=RequestData(
                holder_organisation_id=data["holder_organisation"].pk,
                purpose=data["purpose"],
                question=data["question"],
                categories=list(data["categories"]),
                urgency=data["urgency"],
                circumstance=data["circumstance"],
                claimed_basis=data["claimed_basis"],
            ),
        ),
        page=lambda f, status: render(
            request,
            "privacy/request_new.html",
            {"situation": situation, "form": f, "disclaimer": rulebook.disclaimer},
            status=status,
        ),
        success=lambda created: redirect("information-request", request_id=created.pk),
        message=_("Uw vraag is verstuurd."),
    )


@actor_required
def request_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    requests = selectors.requests_visible_to(actor).order_by("-created_at")[:200]
    inbox = [r for r in requests if r.holder_organisation_id == actor.organisation.pk]
    outbox = [r for r in requests if r.requesting_organisation_id == actor.organisation.pk]
    return render(request, "privacy/request_list.html", {"inbox": inbox, "outbox": outbox})


def _established(value: object) -> str:
    """The circumstance the holder establishes; nothing is assumed from the requester's claim."""
    return value if isinstance(value, str) and value in Circumstance.values else Circumstance.NONE


def _detail_context(
    actor: Actor, info_request: InformationRequest, form: AnswerForm | None = None, established: str = Circumstance.NONE
) -> dict[str, Any]:
    is_holder = actor.organisation.pk == info_request.holder_organisation_id
    disclosure = getattr(info_request, "disclosure", None)
    person = selectors.person_of(info_request.situation)
    _version, rulebook = rulebook_current()
    actions = information_request_actions(actor, info_request)  # the buttons, exactly what the services accept
    context: dict[str, Any] = {
        "info_request": info_request,
        "is_holder": is_holder,
        "is_requester": actor.organisation.pk == info_request.requesting_organisation_id,
        "disclosure": disclosure,
        "content_visible": selectors.shared_content_visible(info_request, actor=actor),
        "person": person,
        "person_hidden": selectors.person_hidden(actor, person),
        "advice": selectors.advice_for(info_request, rulebook=rulebook, circumstance=established),
        "established": established,
        "circumstances": Circumstance.choices,
        "rulebook": rulebook,
        "can_answer": "answer" in actions,
        "can_withdraw": "withdraw" in actions,
    }
    if context["can_answer"]:
        context["form"] = form or AnswerForm(categories=info_request.categories, initial={"circumstance": established})
    return context


def _log_view(actor: Actor, context: dict[str, Any]) -> None:
    info_request: InformationRequest = context["info_request"]
    person = context["person"]
    seen = []
    if context["is_holder"] and person is not None:
        seen.append("identiteit")
    if context["content_visible"]:
        seen.append("gedeelde inhoud")
    access_log_in_situation(
        actor=actor,
        action=AccessAction.VIEW,
        obj=info_request,
        situation_id=info_request.situation_id,
        detail="informatieverzoek" + (f": {', '.join(seen)}" if seen else ""),
    )


@shows_personal_data
@actor_required
def request_detail(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    info_request = selectors.request_get(actor=actor, request_id=request_id)
    context = _detail_context(actor, info_request, established=_established(request.GET.get("circumstance")))
    _log_view(actor, context)
    return render(request, "privacy/request_detail.html", context)


@shows_personal_data
@require_POST
@actor_required
def request_answer(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    info_request = selectors.request_get(actor=actor, request_id=request_id)
    form = AnswerForm(request.POST, categories=info_request.categories)

    def answer(data: dict[str, Any]) -> object:
        return information_request_answer(
            actor=actor,
            request_id=info_request.pk,
            data=AnswerData(
                decision=data["decision"],
                circumstance=data["circumstance"],
                legal_basis=data["legal_basis"],
                weighing=data["weighing"],
                items=form.items(),
                consent_given_by=data["consent_given_by"],
                consent_given_at=data["consent_given_at"],
                consent_how=data["consent_how"],
                justification=data["justification"],
                justification_text=data["justification_text"],
                person_informed=data["person_informed"],
                informed_how=data["informed_how"],
                not_informed_exception=data["not_informed_exception"],
                person_not_informed_reason=data["person_not_informed_reason"],
                message_to_requester=data["message_to_requester"],
                visible_days=data["visible_days"],
            ),
        )

    def rerender(bound: forms.Form) -> HttpResponse:
        context = _detail_context(
            actor,
            selectors.request_get(actor=actor, request_id=request_id),
            bound,
            established=_established(bound.data.get("circumstance")),
        )
        _log_view(actor, context)
        return render(request, "privacy/request_detail.html", context, status=400)

    return form_action(
        request,
        form,
        answer,
        success=lambda _disclosure: redirect("information-request", request_id=info_request.pk),
        rerender=rerender,
        message=_("Uw antwoord is vastgelegd."),
    )


@require_POST
@actor_required
def request_withdraw(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    info_request = selectors.request_get(actor=actor, request_id=request_id)
    back = redirect("information-request", request_id=info_request.pk)
    return post_action(
        request,
        lambda: information_request_withdraw(actor=actor, request_id=info_request.pk),
        success=lambda _request: back,
        failure=lambda: back,
        message=_("Verzoek ingetrokken."),
    )
