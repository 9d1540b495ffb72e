"""Recording and correcting the person a situation is about."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gipz.accesslog.log import access_log_record
from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_page
from gipz.privacy import selectors
from gipz.privacy.forms import PersonForm
from gipz.privacy.services.persons import PersonData, person_save
from gipz.situations.selectors import situation_get_by_pk


@shows_personal_data
@actor_required
def person_edit(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    situation = situation_get_by_pk(actor=actor, situation_id=pk)  # 404 outside reach
    person = selectors.person_of(situation)
    if person is not None and person.is_restricted:
        messages.error(request, _("De verwerking van deze gegevens is beperkt (AVG art. 18): wijzigen kan nu niet."))
        return redirect("situation", pk=situation.pk)
    if request.method == "POST":
        form = PersonForm(request.POST, show_care=actor.is_care)
    else:
        initial = {}
        if person is not None:
            initial = {
                "full_name": person.full_name,
                "date_of_birth": person.date_of_birth,
                "contact": person.contact,
                "known_risks": person.known_risks,
                "care_details": person.care_details,
            }
            access_log_record(
                actor=actor,
                action=AccessAction.VIEW,
                obj=person,
                person_id=person.pk,
                situation_id=situation.pk,
                detail="formulier betrokkene" + (" met zorggegevens" if actor.is_care else ""),
            )
        form = PersonForm(initial=initial, show_care=actor.is_care)
    return form_page(
        request,
        form,
        lambda data: person_save(
            actor=actor,
            situation_id=situation.pk,
            data=PersonData(
                full_name=data["full_name"],
                date_of_birth=data["date_of_birth"],
                contact=data["contact"],
                known_risks=data["known_risks"],
                care_details=data["care_details"] if actor.is_care else None,
            ),
        ),
        page=lambda f, status: render(
            request, "privacy/person_form.html", {"situation": situation, "person": person, "form": f}, status=status
        ),
        success=lambda _person: redirect("situation", pk=situation.pk),
        message=_("Betrokkene vastgelegd."),
    )
