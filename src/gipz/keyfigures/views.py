"""Key figures: the directory, one's own entry, asking a consult from a situation, and the consult itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.models import Role
from gipz.accounts.views import actor_required
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_page, object_action
from gipz.geo.models import Municipality
from gipz.keyfigures import selectors, services
from gipz.keyfigures.forms import ConsultForm, DeclineForm, KeyFigureForm, OutcomeForm
from gipz.keyfigures.models import Consult, Domain, KeyFigure
from gipz.keyfigures.rules import consult_actions, may_edit_entry
from gipz.privacy.access import access_log_in_situation
from gipz.situations.selectors import situation_get_by_pk


@actor_required
def directory(request: HttpRequest, actor: Actor) -> HttpResponse:
    municipality_id = request.GET.get("gemeente", "")
    domain = request.GET.get("domein", "")
    chosen = Municipality.objects.filter(pk=municipality_id).first() if municipality_id.isdigit() else None
    chosen_domain = domain if domain in Domain.values else ""
    entries = selectors.directory(municipality_id=chosen.pk if chosen else None, domain=chosen_domain or None)
    return render(
        request,
        "keyfigures/directory.html",
        {
            "entries": entries,
            "municipalities": selectors.directory_municipalities(),
            "domains": Domain.choices,
            "chosen": chosen,
            "chosen_domain": chosen_domain,
            "own": selectors.key_figure_of(actor),
            "is_key_figure": actor.has_role(Role.KEY_FIGURE),
        },
    )


@actor_required
def own_entry(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not actor.has_role(Role.KEY_FIGURE):
        messages.info(request, _("U heeft geen rol als sleutelfiguur; uw beheerder kan die toekennen."))
        return redirect("key-figures")
    return _edit(request, actor, actor.user.pk)


@actor_required
def entry_edit(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    entry = selectors.key_figure_get(key_figure_id=pk)
    return _edit(request, actor, entry.user_id)


def _edit(request: HttpRequest, actor: Actor, user_id: int) -> HttpResponse:
    if not may_edit_entry(actor, user_id):
        raise Http404  # the form too, not only the save: someone else's entry is not theirs to open
    entry = KeyFigure.objects.filter(user_id=user_id).first()
    initial = KeyFigureForm.initial_from(entry) if entry else None
    form = KeyFigureForm(request.POST) if request.method == "POST" else KeyFigureForm(initial=initial)

    def save(data: dict[str, Any]) -> KeyFigure:
        return services.key_figure_save(
            actor=actor,
            user_id=user_id,
            data=services.KeyFigureData(
                domains=list(data["domains"]),
                municipality_ids=[m.pk for m in data["municipalities"]],
                expertise=data["expertise"],
                phone=data["phone"],
                reachable_hours=data["reachable_hours"],
                on_call=data["on_call"],
                active=data["active"],
            ),
        )

    return form_page(
        request,
        form,
        save,
        page=lambda f, status: render(request, "keyfigures/edit.html", {"form": f, "entry": entry}, status=status),
        success=lambda _entry: redirect("key-figures"),
        message=_("Opgeslagen."),
    )


@actor_required
def consult_new(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    situation = situation_get_by_pk(actor=actor, situation_id=pk)
    # Key figures for the situation's municipality first; the whole directory is a fallback.
    local = selectors.directory(municipality_id=situation.municipality_id)
    choices = local if local.exists() else selectors.directory()
    form = ConsultForm(request.POST or None, choices=choices)
    return form_page(
        request,
        form,
        lambda data: services.consult_request(
            actor=actor, situation_id=situation.pk, key_figure_id=data["key_figure"].pk, question=data["question"]
        ),
        page=lambda f, status: render(
            request,
            "keyfigures/consult_new.html",
            {"situation": situation, "form": f, "entries": choices},
            status=status,
        ),
        success=lambda consult: redirect("consult", pk=consult.pk),
        message=_("Uw vraag staat bij de sleutelfiguur. Bel bij spoed het nummer hieronder."),
    )


@actor_required
def consult_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    consults = selectors.consults_visible_to(actor)[:200]
    return render(
        request,
        "keyfigures/consult_list.html",
        {
            "to_me": [c for c in consults if c.key_figure.user_id == actor.user.pk],
            "by_us": [c for c in consults if c.asking_organisation_id == actor.organisation.pk],
        },
    )


def _consult_page(
    request: HttpRequest, actor: Actor, consult: Consult, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    actions = consult_actions(actor, consult)
    context: dict[str, Any] = {"consult": consult, "events": consult.events.select_related("actor")}
    if "answer" in actions:
        context["outcome_form"] = bound.get("outcome_form") or OutcomeForm()
    if "decline" in actions:
        context["decline_form"] = bound.get("decline_form") or DeclineForm()
    access_log_in_situation(
        actor=actor,
        action=AccessAction.VIEW,
        obj=consult,
        situation_id=consult.situation_id,
        detail="vraag en uitkomst van het consult",
    )
    return render(request, "keyfigures/consult.html", context, status=status)


@shows_personal_data
@actor_required
def consult_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _consult_page(request, actor, selectors.consult_get(actor=actor, consult_id=pk))


def _consult_act(request: HttpRequest, actor: Actor, pk: int, form: forms.Form, name: str, call: Any) -> HttpResponse:
    consult = selectors.consult_get(actor=actor, consult_id=pk)
    return object_action(
        request,
        consult,
        form,
        call,
        url_name="consult",
        form_name=name,
        page=lambda o, **kw: _consult_page(request, actor, o, **kw),
    )


@require_POST
@shows_personal_data
@actor_required
def consult_answer(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _consult_act(
        request,
        actor,
        pk,
        OutcomeForm(request.POST),
        "outcome_form",
        lambda c, data: services.consult_answer(actor=actor, consult_id=c.pk, outcome=data["outcome"]),
    )


@require_POST
@shows_personal_data
@actor_required
def consult_decline(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _consult_act(
        request,
        actor,
        pk,
        DeclineForm(request.POST),
        "decline_form",
        lambda c, data: services.consult_decline(actor=actor, consult_id=c.pk, reason=data["reason"]),
    )
