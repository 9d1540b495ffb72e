"""The privacy officer's pages: find a person, the person's page with the answer to an access request, the reports
(PDF/CSV), and a colleague's log with what the account viewed in a period (breach support)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gipz.accesslog.log import access_log_record
from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.csvfile import csv_text
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import invalid
from gipz.privacy import officer_selectors, selectors
from gipz.privacy.forms import PersonSearchForm
from gipz.privacy.models import Person
from gipz.privacy.officer_forms import (
    ApprovalForm,
    EraseForm,
    ExtendForm,
    InformedForm,
    PeriodForm,
    RestrictForm,
    SubjectRequestForm,
)
from gipz.privacy.report import report_csv, report_pdf
from gipz.privacy.rules import erasure_grounds, restriction_grounds
from gipz.privacy.subject import build_report


@shows_personal_data
@actor_required
def officer_home(request: HttpRequest, actor: Actor) -> HttpResponse:
    return home_page(request, actor)


def home_page(
    request: HttpRequest,
    actor: Actor,
    *,
    status: int = 200,
    approval_form: forms.Form | None = None,
    approval_id: int | None = None,
    informed_form: forms.Form | None = None,
    informed_key: str = "",
) -> HttpResponse:
    selectors.require_privacy_officer(actor)
    found: list[Person] | None = None
    form = PersonSearchForm(request.GET or None)
    if request.GET and request.method == "GET":
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
    disclosures_to_inform, warnings_to_inform = officer_selectors.to_inform(actor)
    grounds = erasure_grounds(actor)
    return render(
        request,
        "privacy/officer_home.html",
        {
            "form": form,
            "found": found,
            "colleagues": selectors.colleagues(actor),
            "overrides": selectors.disclosures_without_consent(actor)[:100],
            "warnings": selectors.warnings_without_consent(actor)[:100],
            "notices": officer_selectors.notices_for(actor),
            "approvals": [
                (
                    a,
                    approval_form
                    if a.pk == approval_id and approval_form
                    else ApprovalForm(grounds=grounds, prefix=f"a{a.pk}"),
                )
                for a in officer_selectors.approvals_waiting(actor)
            ],
            "subject_requests": officer_selectors.subject_requests_open(actor),
            "to_inform": [
                (kind, row, informed_form if key == informed_key and informed_form else InformedForm(prefix=key))
                for kind, rows in (("disclosure", disclosures_to_inform), ("warning", warnings_to_inform))
                for row in rows
                for key in [f"{kind}-{row.pk}"]
            ],
        },
        status=status,
    )


def person_page(
    request: HttpRequest,
    actor: Actor,
    person: Person,
    *,
    status: int = 200,
    extend_request_id: int | None = None,
    **forms_: forms.Form,
) -> HttpResponse:
    """The person's page. A form that failed is passed in (kept as typed, status 400); the others start empty."""
    report = build_report(actor=actor, person=person)
    subject_requests = list(officer_selectors.subject_requests_for(actor=actor, person_id=person.pk))
    access_log_record(
        actor=actor,
        action=AccessAction.VIEW,
        obj=person,
        person_id=person.pk,
        situation_id=person.situation_id,
        detail="inzagelog per betrokkene",
    )
    context: dict[str, Any] = {
        "report": report,
        "erase_form": forms_.get("erase_form") or EraseForm(grounds=erasure_grounds(actor), prefix="erase"),
        "restrict_form": forms_.get("restrict_form")
        or RestrictForm(grounds=restriction_grounds(actor), prefix="restrict"),
        "request_form": forms_.get("request_form") or SubjectRequestForm(police=actor.is_police, prefix="request"),
        "extend_form": forms_.get("extend_form") or ExtendForm(prefix="extend"),
        "extend_request_id": extend_request_id,
        "extendable_id": next(
            (r.pk for r in subject_requests if r.sent_at is None and r.regime == "avg" and not r.extended_until), None
        ),
        "subject_requests": subject_requests,
        "erasure_requests": person.erasure_requests.select_related("organisation").prefetch_related(
            "approvals__organisation"
        ),
        "changes": selectors.person_changes(actor=actor, person=person),
    }
    return render(request, "privacy/officer_person.html", context, status=status)


@shows_personal_data
@actor_required
def officer_person(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    return person_page(request, actor, person)


def _report(actor: Actor, person_id: int, kind: str) -> HttpResponse:
    person = selectors.person_for_officer(actor=actor, person_id=person_id)
    subject_request = officer_selectors.subject_requests_for(actor=actor, person_id=person.pk).first()
    report = build_report(actor=actor, person=person, request=subject_request)
    access_log_record(
        actor=actor,
        action=AccessAction.EXPORT,
        obj=person,
        person_id=person.pk,
        situation_id=person.situation_id,
        detail=f"antwoord aan de betrokkene ({kind})",
    )
    if kind == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
    else:
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    name = "kennisneming-wpg" if report.is_wpg else "inzageverzoek"
    response["Content-Disposition"] = f'attachment; filename="{name}-{person.pk}.{kind}"'
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
    """A colleague's log; with a period (?van=&tot=) also each melding and person viewed in it, as CSV on request."""
    colleague = selectors.colleague_get(actor=actor, user_id=user_id)
    period = PeriodForm(request.GET if "van" in request.GET else None)
    viewed = None
    if period.is_bound:
        if period.is_valid():
            start, end = period.cleaned_data["van"], period.cleaned_data["tot"]
            viewed = officer_selectors.viewed_in_period(actor=actor, user=colleague, start=start, end=end)
            access_log_record(
                actor=actor,
                action=AccessAction.EXPORT if request.GET.get("formaat") == "csv" else AccessAction.VIEW,
                obj=colleague,
                detail=f"ingezien per periode {start:%Y-%m-%d} t/m {end:%Y-%m-%d}",
            )
            if request.GET.get("formaat") == "csv":
                return _viewed_csv(colleague, viewed, start, end)
        else:
            invalid(request)
    page = Paginator(selectors.access_log_for_user(colleague), 100).get_page(request.GET.get("pagina"))
    access_log_record(actor=actor, action=AccessAction.VIEW, obj=colleague, detail="inzagelog per medewerker")
    lines = selectors.access_log_lines(page.object_list)
    context = {"colleague": colleague, "page": page, "lines": lines, "period": period, "viewed": viewed}
    return render(request, "privacy/officer_user.html", context, status=400 if period.errors else 200)


def _viewed_csv(colleague: Any, viewed: list[officer_selectors.ViewedSituation], start: Any, end: Any) -> HttpResponse:
    header = ["melding", "gemeente", "betrokkene (nummer)", "aantal keer", "eerste", "laatste", "andere organisaties"]
    rows = (
        [
            v.situation.reference,
            str(v.situation.municipality),
            ", ".join(str(p) for p in v.person_ids),
            v.entries,
            f"{timezone.localtime(v.first):%Y-%m-%d %H:%M}",
            f"{timezone.localtime(v.last):%Y-%m-%d %H:%M}",
            ", ".join(v.organisations),
        ]
        for v in viewed
    )
    response = HttpResponse(csv_text(rows, header=header), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ingezien-{colleague.pk}-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    return response
