"""Breach support: the breach register with its 72-hour clock, what the account viewed in the period, notices to
the other organisations' officers (and what such a notice shows them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accesslog.log import access_log_record
from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.access import get_in_scope
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_action, form_page, post_action
from gipz.privacy import officer_selectors, selectors
from gipz.privacy.models import Breach, OfficerNotice
from gipz.privacy.officer_forms import BreachForm
from gipz.privacy.services.breach import BreachData, breach_notify, breach_record, breach_update


def _data(data: dict[str, Any]) -> BreachData:
    return BreachData(
        discovered_at=data["discovered_at"],
        facts=data["facts"],
        effects=data["effects"],
        measures=data["measures"],
        persons_affected=data["persons_affected"],
        reported_to_ap_at=data["reported_to_ap_at"],
        not_reported_reason=data["not_reported_reason"],
        persons_informed_at=data["persons_informed_at"],
    )


def _period(data: dict[str, Any]) -> Any:
    return (data["period_from"], data["period_until"]) if data.get("period_from") else None


@actor_required
def breach_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    selectors.require_privacy_officer(actor)
    colleagues = selectors.colleagues(actor)
    form = BreachForm(request.POST or None, colleagues=colleagues)
    return form_page(
        request,
        form,
        lambda data: breach_record(actor=actor, data=_data(data), account=data["account"], period=_period(data)),
        page=lambda f, status: render(
            request,
            "privacy/breach_list.html",
            {"form": f, "breaches": officer_selectors.breaches(actor), "now": timezone.now()},
            status=status,
        ),
        success=lambda breach: redirect("privacy-breach", breach_id=breach.pk),
        message=_("Datalek vastgelegd. Meld het binnen 72 uur na ontdekking bij de AP, tenzij het geen risico geeft."),
    )


def _breach_page(request: HttpRequest, actor: Actor, breach: Breach, form: forms.Form, status: int) -> HttpResponse:
    viewed = None
    if breach.account and breach.period_from and breach.period_until:
        viewed = officer_selectors.viewed_in_period(
            actor=actor, user=breach.account, start=breach.period_from, end=breach.period_until
        )
        access_log_record(
            actor=actor, action=AccessAction.VIEW, obj=breach.account, detail="datalek: ingezien per periode"
        )
    context = {"breach": breach, "form": form, "viewed": viewed, "now": timezone.now()}
    return render(request, "privacy/breach_detail.html", context, status=status)


@shows_personal_data
@actor_required
def breach_detail(request: HttpRequest, actor: Actor, breach_id: int) -> HttpResponse:
    breach = officer_selectors.breach_get(actor=actor, breach_id=breach_id)
    colleagues = selectors.colleagues(actor)
    if request.method != "POST":
        initial = {f: getattr(breach, f) for f in BreachForm.base_fields if hasattr(breach, f)}
        return _breach_page(request, actor, breach, BreachForm(initial=initial, colleagues=colleagues), 200)
    return form_action(
        request,
        BreachForm(request.POST, colleagues=colleagues),
        lambda data: breach_update(actor=actor, breach=breach, data=_data(data)),
        success=lambda _b: redirect("privacy-breach", breach_id=breach.pk),
        rerender=lambda form: _breach_page(request, actor, breach, form, 400),
    )


@require_POST
@actor_required
def breach_notify_view(request: HttpRequest, actor: Actor, breach_id: int) -> HttpResponse:
    breach = officer_selectors.breach_get(actor=actor, breach_id=breach_id)
    return post_action(
        request,
        lambda: breach_notify(actor=actor, breach=breach),
        success=lambda _orgs: redirect("privacy-breach", breach_id=breach.pk),
        failure=lambda: redirect("privacy-breach", breach_id=breach.pk),
        message=lambda orgs: (
            _("Bericht gestuurd aan de privacyfunctionarissen van %(orgs)s.")
            % {"orgs": ", ".join(o.name for o in orgs)}
        ),
    )


@actor_required
def notice_detail(request: HttpRequest, actor: Actor, notice_id: int) -> HttpResponse:
    """A notice from another organisation. For a breach: which of our meldingen that account viewed in the period;
    the account itself is shown by organisation and role only."""
    selectors.require_privacy_officer(actor)
    notice = get_in_scope(
        OfficerNotice.objects.filter(organisation=actor.organisation).select_related(
            "from_organisation", "situation", "breach__account"
        ),
        pk=notice_id,
    )
    viewed = None
    breach = notice.breach
    if breach is not None and breach.account and breach.period_from and breach.period_until:
        ours = set(selectors.situations_of(actor.organisation))
        all_viewed = officer_selectors.viewed_in_period(
            actor=actor, user=breach.account, start=breach.period_from, end=breach.period_until
        )
        viewed = [v for v in all_viewed if v.situation.pk in ours]
    return render(request, "privacy/notice_detail.html", {"notice": notice, "viewed": viewed})
