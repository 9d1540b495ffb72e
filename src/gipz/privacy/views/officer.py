"""The privacy officer's pages: find a person, their access log and report, a colleague's log, consent overrides."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_action, invalid
from gipz.privacy import selectors
from gipz.privacy.accesslog import access_log_record
from gipz.privacy.forms import EraseForm, PersonSearchForm
from gipz.privacy.models import AccessAction, Person
from gipz.privacy.report import build_report, report_csv, report_pdf
from gipz.privacy.services.persons import person_erase


@shows_personal_data
@actor_required
def officer_home(request: HttpRequest, actor: Actor) -> HttpResponse:
    selectors.require_privacy_officer(actor)
    found: list[Person] | None = None
    form = PersonSearchForm(request.GET or None)
    if request.GET:
        if form.is_valid():
            data = form.cleaned_data
            found = list(
                selectors.persons_search(
                    actor=actor,
                    full_name=data["full_name"],
                    date_of_birth=data["date_of_birth"],
                    reference=data["reference"],
                )
            )
            for person in found:
                access_log_record(
                    actor=actor,
                    action=AccessAction.VIEW,
                    obj=person,
                    person_id=person.pk,
                    situation_id=person.situation_id,
                    detail="zoekopdracht privacyfunctionaris",
                )
        else:
            invalid(request)
    return render(
        request,
        "privacy/officer_home.html",
        {
            "form": form,
            "found": found,
            "colleagues": selectors.colleagues(actor),
            "overrides": selectors.disclosures_without_consent(actor)[:100],
            "warnings": selectors.warnings_without_consent(actor)[:100],
        },
    )


def _person_page(
    request: HttpRequest, actor: Actor, person: Person, erase_form: EraseForm, status: int
) -> HttpResponse:
    report = build_report(actor=actor, person=person)
    access_log_record(
        actor=actor,
        action=AccessAction.VIEW,
        obj=person,
        person_id=person.pk,
        situation_id=person.situation_id,
        detail="inzagelog per betrokkene",
    )
    context = {
        "report": report,
        "erase_form": erase_form,
        "changes": selectors.person_changes(actor=actor, person=person),
    }
    return render(request, "privacy/officer_person.html", context, status=status)


@shows_personal_data
@actor_required
def officer_person(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    return _person_page(request, actor, person, EraseForm(), 200)


@shows_personal_data
@require_POST
@actor_required
def officer_person_erase(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)

    def rerender(bound: forms.Form) -> HttpResponse:
        person.refresh_from_db()
        return _person_page(request, actor, person, bound, 400)

    return form_action(
        request,
        EraseForm(request.POST),
        lambda data: person_erase(
            actor=actor, person_id=person.pk, ground=data["ground"], explanation=data["explanation"]
        ),
        success=lambda _erased: redirect("privacy-person", person_id=person.pk),
        rerender=rerender,
        message=_("De gegevens van de betrokkene zijn gewist."),
    )


def _report(actor: Actor, person_id: int, kind: str) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    report = build_report(actor=actor, person=person)
    access_log_record(
        actor=actor,
        action=AccessAction.EXPORT,
        obj=person,
        person_id=person.pk,
        situation_id=person.situation_id,
        detail=f"inzageoverzicht voor de betrokkene ({kind})",
    )
    if kind == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
    else:
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzageverzoek-{person.pk}.{kind}"'
    return response


@shows_personal_data
@actor_required
def officer_report_pdf(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    return _report(actor, person_id, "pdf")


@shows_personal_data
@actor_required
def officer_report_csv(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    return _report(actor, person_id, "csv")


@shows_personal_data
@actor_required
def officer_user(request: HttpRequest, actor: Actor, user_id: int) -> HttpResponse:
    colleague = selectors.colleague_get(actor=actor, user_id=user_id)
    page = Paginator(selectors.access_log_for_user(colleague), 100).get_page(request.GET.get("pagina"))
    access_log_record(actor=actor, action=AccessAction.VIEW, obj=colleague, detail="inzagelog per medewerker")
    lines = selectors.access_log_lines(page.object_list)
    return render(request, "privacy/officer_user.html", {"colleague": colleague, "page": page, "lines": lines})
