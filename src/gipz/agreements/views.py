"""Werkafspraken pages: list, one version, new draft, edit, approve, discard, PDF. Parse, call, render."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.agreements import selectors, services
from gipz.agreements.forms import (
    ContactFormSet,
    NewDraftForm,
    TermsForm,
    UnsafeLevelFormSet,
    terms_from_forms,
)
from gipz.agreements.models import AgreementVersion
from gipz.agreements.presentation import agreement_pdf, terms_context
from gipz.agreements.rules import agreement_actions
from gipz.core.views import form_action, form_page, post_action


class ApproveForm(django_forms.Form):
    effective_from = django_forms.DateField(
        label=_("Geldig vanaf"),
        widget=django_forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in."), "required": _("Vul de ingangsdatum in.")},
    )
    approval_note = django_forms.CharField(label=_("Vastgesteld in (overleg, datum)"), max_length=300)


@actor_required
def agreement_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    versions = selectors.agreements_overview()
    region_id = actor.organisation.safety_region_id
    return render(
        request,
        "agreements/list.html",
        {
            "versions": versions,
            "in_force": selectors.in_force_ids(),
            "can_create": region_id is not None and selectors.can_edit_agreements(actor, region_id),
        },
    )


@actor_required
def agreement_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _render_detail(request, actor, selectors.agreement_get(version_id=pk))


def _render_detail(
    request: HttpRequest, actor: Actor, version: AgreementVersion, approve_form: ApproveForm | None = None
) -> HttpResponse:
    return render(
        request,
        "agreements/detail.html",
        _detail_context(actor, version, approve_form),
        status=400 if approve_form is not None else 200,
    )


def _detail_context(actor: Actor, version: AgreementVersion, approve_form: ApproveForm | None) -> dict[str, Any]:
    actions = agreement_actions(actor, version)
    return {
        "version": version,
        "events": version.events.select_related("actor", "organisation"),
        "editable": "edit" in actions,
        "can_copy": "new_version" in actions,
        "in_force": version.pk in selectors.in_force_ids(),
        "approve_form": approve_form or ApproveForm(initial={"effective_from": timezone.localdate()}),
        **terms_context(selectors.agreement_terms(version)),
    }


@actor_required
def agreement_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    region_id = actor.organisation.safety_region_id
    if region_id is None or not selectors.can_edit_agreements(actor, region_id):
        messages.error(request, _("Alleen coördinatoren en beheerders uit een regio maken werkafspraken."))
        return redirect("agreements")
    form = NewDraftForm(request.POST or None, region_id=region_id)
    return form_page(
        request,
        form,
        lambda data: services.agreement_draft_create(
            actor=actor,
            safety_region_id=data["safety_region"].pk,
            municipality_id=data["municipality"].pk if data["municipality"] else None,
        ),
        page=lambda f, status: render(request, "agreements/new.html", {"form": f}, status=status),
        success=lambda draft: redirect("agreement-edit", pk=draft.pk),
        message=_("Concept aangemaakt op basis van de afspraken die nu gelden."),
    )


@actor_required
def agreement_copy(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    """'Nieuwe versie' from an approved version: a draft for the same scope."""
    if request.method != "POST":
        return redirect("agreement", pk=pk)
    version = selectors.agreement_get(version_id=pk)
    return post_action(
        request,
        lambda: services.agreement_draft_create(
            actor=actor, safety_region_id=version.safety_region_id, municipality_id=version.municipality_id
        ),
        success=lambda draft: redirect("agreement-edit", pk=draft.pk),
        failure=lambda: redirect("agreement", pk=pk),
    )


@actor_required
def agreement_edit(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    version = selectors.agreement_get(version_id=pk)
    if "edit" not in agreement_actions(actor, version):
        messages.error(request, _("Deze versie kunt u niet wijzigen."))
        return redirect("agreement", pk=pk)
    terms = selectors.agreement_terms(version)
    if request.method == "POST":
        form = TermsForm(request.POST)
        contacts = ContactFormSet(request.POST, prefix="contacts")
        levels = UnsafeLevelFormSet(request.POST, prefix="levels")
    else:
        form = TermsForm(initial=TermsForm.initial_from(version.title, terms))
        contacts = ContactFormSet(prefix="contacts", initial=[c.__dict__ for c in terms.contacts])
        levels = UnsafeLevelFormSet(prefix="levels", initial=[level.__dict__ for level in terms.unsafe_levels])
    return form_page(
        request,
        form,
        lambda data: services.agreement_draft_update(
            actor=actor, version_id=version.pk, title=data["title"], terms=terms_from_forms(form, contacts, levels)
        ),
        page=lambda f, status: render(
            request,
            "agreements/edit.html",
            {"version": version, "form": f, "contacts": contacts, "levels": levels},
            status=status,
        ),
        success=lambda _version: redirect("agreement", pk=version.pk),
        message=_("Concept opgeslagen."),
        formsets=(contacts, levels),
    )


@require_POST
@actor_required
def agreement_approve(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    version = selectors.agreement_get(version_id=pk)
    return form_action(
        request,
        ApproveForm(request.POST),
        lambda data: services.agreement_approve(
            actor=actor,
            version_id=version.pk,
            effective_from=data["effective_from"],
            approval_note=data["approval_note"],
        ),
        success=lambda _version: redirect("agreement", pk=version.pk),
        rerender=lambda bound: _render_detail(request, actor, version, bound),
        message=_("De werkafspraak is vastgesteld."),
    )


@require_POST
@actor_required
def agreement_discard(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    selectors.agreement_get(version_id=pk)
    return post_action(
        request,
        lambda: services.agreement_discard(actor=actor, version_id=pk),
        success=lambda _version: redirect("agreements"),
        failure=lambda: redirect("agreement", pk=pk),
        message=_("Het concept is vervallen."),
    )


@actor_required
def agreement_pdf_view(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    version = selectors.agreement_get(version_id=pk)
    response = HttpResponse(agreement_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="werkafspraken-{version.pk}-v{version.number}.pdf"'
    return response
