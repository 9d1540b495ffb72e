"""Recording a warning given on a care professional's own initiative (conflict of duties)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.views import form_page
from gipz.privacy.forms import OwnInitiativeWarningForm
from gipz.privacy.rules import may_warn
from gipz.privacy.selectors import warning_recipients
from gipz.privacy.services.warnings import WarningData, own_initiative_warning_record
from gipz.situations.selectors import situation_get_by_pk


@actor_required
def warning_new(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    situation = situation_get_by_pk(actor=actor, situation_id=pk)
    if not may_warn(actor):
        raise Http404
    recipients = warning_recipients(actor)
    form = OwnInitiativeWarningForm(request.POST if request.method == "POST" else None, recipients=recipients)
    return form_page(
        request,
        form,
        lambda data: own_initiative_warning_record(
            actor=actor,
            situation_id=situation.pk,
            data=WarningData(
                recipient_id=data["recipient"].pk,
                categories=list(data["categories"]),
                content=data["content"],
                warned_at=data["warned_at"],
                criteria=form.criteria(),
                weighing=data["weighing"],
                person_informed=data["person_informed"],
                informed_how=data["informed_how"],
                not_informed_exception=data["not_informed_exception"],
                person_not_informed_reason=data["person_not_informed_reason"],
            ),
        ),
        page=lambda f, status: render(
            request, "privacy/warning_new.html", {"situation": situation, "form": f}, status=status
        ),
        success=lambda _warning: redirect("situation", pk=situation.pk),
        message=_("Uw waarschuwing is vastgelegd. De privacyfunctionaris ziet haar bij 'gedeeld zonder toestemming'."),
    )
