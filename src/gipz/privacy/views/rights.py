"""The officer's actions on a person: record an access request (and extend or close it), erase, restrict, lift a
restriction, approve or refuse another organisation's erasure of what this one recorded, and record that a person
was told (or why not)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_action, post_action
from gipz.privacy import officer_selectors, selectors
from gipz.privacy.models import Person
from gipz.privacy.officer_forms import (
    ApprovalForm,
    EraseForm,
    ExtendForm,
    InformedForm,
    RestrictForm,
    SubjectRequestForm,
)
from gipz.privacy.rules import erasure_grounds, restriction_grounds
from gipz.privacy.services.informing import informing_record
from gipz.privacy.services.rights import (
    ErasureOutcome,
    erasure_decide,
    notices_seen,
    person_erase,
    person_restrict,
    person_restriction_lift,
)
from gipz.privacy.services.subject_requests import (
    subject_request_extend,
    subject_request_record,
    subject_request_sent,
)
from gipz.privacy.views.officer import home_page, person_page


def _erased_message(outcome: ErasureOutcome) -> str:
    if outcome.erased:
        return _("De gegevens van de betrokkene zijn gewist; de andere organisaties in de melding zijn ingelicht.")
    return _("Een deel is vastgelegd door %(orgs)s: hun privacyfunctionaris beslist eerst. Het verzoek wacht.") % {
        "orgs": ", ".join(outcome.waiting_for)
    }


@shows_personal_data
@require_POST
@actor_required
def person_erase_view(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    return form_action(
        request,
        EraseForm(request.POST, grounds=erasure_grounds(actor), prefix="erase"),
        lambda data: person_erase(
            actor=actor, person_id=person.pk, ground=data["ground"], explanation=data["explanation"]
        ),
        success=lambda _outcome: redirect("privacy-person", person_id=person.pk),
        rerender=lambda form: person_page(request, actor, _fresh(person), status=400, erase_form=form),
        message=_erased_message,
    )


@shows_personal_data
@require_POST
@actor_required
def person_restrict_view(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    return form_action(
        request,
        RestrictForm(request.POST, grounds=restriction_grounds(actor), prefix="restrict"),
        lambda data: person_restrict(actor=actor, person_id=person.pk, ground=data["ground"], reason=data["reason"]),
        success=lambda _p: redirect("privacy-person", person_id=person.pk),
        rerender=lambda form: person_page(request, actor, _fresh(person), status=400, restrict_form=form),
        message=_("De verwerking is beperkt: alleen privacyfunctionarissen zien de gegevens nog."),
    )


@require_POST
@actor_required
def person_restriction_lift_view(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    return post_action(
        request,
        lambda: person_restriction_lift(actor=actor, person_id=person.pk),
        success=lambda _p: redirect("privacy-person", person_id=person.pk),
        failure=lambda: redirect("privacy-person", person_id=person.pk),
        message=_("De beperking is opgeheven."),
    )


@shows_personal_data
@require_POST
@actor_required
def subject_request_new(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    return form_action(
        request,
        SubjectRequestForm(request.POST, police=actor.is_police, prefix="request"),
        lambda data: subject_request_record(
            actor=actor,
            person=person,
            received_at=data["received_at"],
            identity_check=data["identity_check"],
            wpg_restriction=data.get("wpg_restriction", ""),
        ),
        success=lambda _r: redirect("privacy-person", person_id=person.pk),
        rerender=lambda form: person_page(request, actor, _fresh(person), status=400, request_form=form),
        message=lambda r: (
            _("Verzoek vastgelegd. Uiterlijk beantwoorden op %(date)s.") % {"date": f"{r.deadline:%d-%m-%Y}"}
        ),
    )


@shows_personal_data
@require_POST
@actor_required
def subject_request_extend_view(request: HttpRequest, actor: Actor, person_id: int, request_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    form = ExtendForm(request.POST, prefix="extend")
    return form_action(
        request,
        form,
        lambda data: subject_request_extend(
            actor=actor, request_id=request_id, until=data["until"], reason=data["reason"]
        ),
        success=lambda _r: redirect("privacy-person", person_id=person.pk),
        rerender=lambda form: person_page(
            request, actor, _fresh(person), status=400, extend_form=form, extend_request_id=request_id
        ),
        message=_("De termijn is verlengd. Laat de betrokkene dat binnen de eerste maand weten, met de reden."),
    )


@require_POST
@actor_required
def subject_request_sent_view(request: HttpRequest, actor: Actor, person_id: int, request_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    return post_action(
        request,
        lambda: subject_request_sent(actor=actor, request_id=request_id),
        success=lambda _r: redirect("privacy-person", person_id=person.pk),
        failure=lambda: redirect("privacy-person", person_id=person.pk),
        message=_("Vastgelegd dat het antwoord is verzonden."),
    )


@require_POST
@actor_required
def erasure_decide_view(request: HttpRequest, actor: Actor, approval_id: int) -> HttpResponse:
    approval = officer_selectors.approval_get(actor=actor, approval_id=approval_id)
    return form_action(
        request,
        ApprovalForm(request.POST, grounds=erasure_grounds(actor), prefix=f"a{approval.pk}"),
        lambda data: erasure_decide(
            actor=actor, approval_id=approval.pk, approve=data["decision"] == "approve", ground=data["ground"]
        ),
        success=lambda _r: redirect("privacy"),
        rerender=lambda form: home_page(request, actor, status=400, approval_form=form, approval_id=approval.pk),
        message=_("Uw besluit is vastgelegd."),
    )


@require_POST
@actor_required
def notices_seen_view(request: HttpRequest, actor: Actor) -> HttpResponse:
    selectors.require_privacy_officer(actor)
    notices_seen(actor=actor)
    return redirect("privacy")


def _fresh(person: Person) -> Person:
    person.refresh_from_db()
    return person


@require_POST
@actor_required
def informing_view(request: HttpRequest, actor: Actor, kind: str, pk: int) -> HttpResponse:
    selectors.require_privacy_officer(actor)
    return form_action(
        request,
        InformedForm(request.POST, prefix=f"{kind}-{pk}"),
        lambda data: informing_record(
            actor=actor,
            kind=kind,
            pk=pk,
            outcome=data["outcome"],
            informed_at=data["informed_at"],
            how=data["informed_how"],
            exception=data["exception"],
        ),
        success=lambda _row: redirect("privacy"),
        rerender=lambda form: home_page(request, actor, status=400, informed_form=form, informed_key=f"{kind}-{pk}"),
    )
