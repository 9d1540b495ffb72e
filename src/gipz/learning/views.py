"""Samen leren: activities (list, new, one with registration, attendance, iCalendar) and the discussions of an
'oneigenlijk beroep'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.personal_data import shows_personal_data
from gipz.core.views import form_action, form_page, post_action
from gipz.learning import selectors
from gipz.learning.forms import ActivityForm, AttendanceForm, CancelForm, DiscussionForm
from gipz.learning.ical import calendar_for
from gipz.learning.models import Activity, ImproperCallDiscussion
from gipz.learning.rules import discussion_actions
from gipz.learning.services import activities as services
from gipz.learning.services.discussions import improper_call_discussion_update
from gipz.privacy.access import access_log_in_situation


@actor_required
def activity_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "learning/list.html",
        {
            "activities": selectors.upcoming(actor),
            "mine": selectors.my_registrations(actor, upcoming=True),
            "can_organise": bool(actor.roles & services.ORGANISING_ROLES),
            "discussions": selectors.discussions_for(actor, still_open=True),
        },
    )


@actor_required
def activity_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    return form_page(
        request,
        ActivityForm(request.POST or None),
        lambda data: services.activity_create(actor=actor, data=services.ActivityData(**data)),
        page=lambda f, status: render(request, "learning/new.html", {"form": f}, status=status),
        success=lambda activity: redirect("activity", pk=activity.pk),
        message=_("De activiteit staat in de agenda."),
    )


def _activity_page(
    request: HttpRequest, actor: Actor, activity: Activity, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    registrations = list(
        activity.registrations.filter(cancelled_at__isnull=True).select_related("user", "organisation")
    )
    manages = selectors.may_manage(actor, activity)
    context: dict[str, Any] = {
        "activity": activity,
        "registered": any(r.user_id == actor.user.pk for r in registrations),
        "places_left": max(activity.capacity - len(registrations), 0),
        "manages": manages,
        "registrations": registrations if manages else [],
        "started": activity.starts_at <= timezone.now(),
    }
    if manages and context["started"] and registrations:
        context["attendance_form"] = bound.get("attendance_form") or AttendanceForm(registrations=registrations)
    if manages and activity.cancelled_at is None and not context["started"]:
        context["cancel_form"] = bound.get("cancel_form") or CancelForm()
    return render(request, "learning/detail.html", context, status=status)


@actor_required
def activity_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _activity_page(request, actor, selectors.activity_get(actor=actor, activity_id=pk))


def _simple(request: HttpRequest, actor: Actor, pk: int, call: Any, done: str) -> HttpResponse:
    selectors.activity_get(actor=actor, activity_id=pk)
    back = redirect("activity", pk=pk)
    return post_action(request, call, success=lambda _result: back, failure=lambda: back, message=done)


@require_POST
@actor_required
def activity_register(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _simple(
        request, actor, pk, lambda: services.activity_register(actor=actor, activity_id=pk), _("U bent aangemeld.")
    )


@require_POST
@actor_required
def activity_unregister(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _simple(
        request, actor, pk, lambda: services.registration_cancel(actor=actor, activity_id=pk), _("U bent afgemeld.")
    )


def _activity_act(request: HttpRequest, actor: Actor, pk: int, form: forms.Form, name: str, call: Any) -> HttpResponse:
    activity = selectors.activity_get(actor=actor, activity_id=pk)
    return form_action(
        request,
        form,
        lambda data: call(activity, data),
        success=lambda _result: redirect("activity", pk=pk),
        rerender=lambda bound: _activity_page(request, actor, activity, status=400, **{name: bound}),
    )


@require_POST
@actor_required
def activity_attendance(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=actor, activity_id=pk)
    registrations = activity.registrations.filter(cancelled_at__isnull=True).select_related("user")
    return _activity_act(
        request,
        actor,
        pk,
        AttendanceForm(request.POST, registrations=registrations),
        "attendance_form",
        lambda a, data: services.attendance_record(
            actor=actor, activity_id=a.pk, present_user_ids={int(v) for v in data["present"]}
        ),
    )


@require_POST
@actor_required
def activity_cancel(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _activity_act(
        request,
        actor,
        pk,
        CancelForm(request.POST),
        "cancel_form",
        lambda a, data: services.activity_cancel(actor=actor, activity_id=a.pk, reason=data["reason"]),
    )


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@actor_required
def activity_ics(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=actor, activity_id=pk)
    return _ics(calendar_for([activity]), f"gipz-activiteit-{activity.pk}.ics")


@actor_required
def my_calendar(request: HttpRequest, actor: Actor) -> HttpResponse:
    activities = [r.activity for r in selectors.my_registrations(actor)]
    return _ics(calendar_for(activities), "gipz-mijn-agenda.ics")


@actor_required
def discussion_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(request, "learning/discussions.html", {"discussions": selectors.discussions_for(actor)})


def _discussion_page(
    request: HttpRequest, actor: Actor, discussion: ImproperCallDiscussion, status: int = 200, form: Any = None
) -> HttpResponse:
    access_log_in_situation(
        actor=actor,
        action=AccessAction.VIEW,
        obj=discussion,
        situation_id=discussion.situation_id,
        detail="bespreking oneigenlijk beroep",
    )
    context: dict[str, Any] = {
        "discussion": discussion,
        "evaluation": discussion.evaluation,
        "events": discussion.events.select_related("actor", "organisation"),
    }
    if "conclude" in discussion_actions(actor, discussion):
        context["form"] = form or DiscussionForm(discussion=discussion)
    return render(request, "learning/discussion.html", context, status=status)


@shows_personal_data
@actor_required
def discussion_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    return _discussion_page(request, actor, selectors.discussion_get(actor=actor, discussion_id=pk))


@require_POST
@shows_personal_data
@actor_required
def discussion_update(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    discussion = selectors.discussion_get(actor=actor, discussion_id=pk)

    def call(data: dict[str, Any]) -> None:
        agreement = data["changed_agreement"]
        improper_call_discussion_update(
            actor=actor,
            discussion_id=discussion.pk,
            status=data["status"],
            notes=data["notes"],
            changed_agreement_id=agreement.pk if agreement else None,
        )

    def rerender(bound: forms.Form) -> HttpResponse:
        discussion.refresh_from_db()
        return _discussion_page(request, actor, discussion, status=400, form=bound)

    return form_action(
        request,
        DiscussionForm(request.POST, discussion=discussion),
        call,
        success=lambda _result: redirect("improper-call-discussion", pk=pk),
        rerender=rerender,
    )
