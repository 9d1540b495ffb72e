"""The crisis service's live board: open requests with countdowns, refreshed by htmx polling."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.live import live_response, render_live
from gipz.situations import selectors, services
from gipz.situations.models import Situation, Status
from gipz.situations.rules import SITUATION

BOARD_ACTIONS = ("accept",)  # what a board row offers; the situation page offers the rest


@dataclass(frozen=True)
class BoardRow:
    situation: Situation
    actions: frozenset[str]  # from the rules (SITUATION.allowed), exactly what the services accept
    awaiting_acknowledgement: bool  # nobody has accepted yet: the acknowledgement countdown runs


def board_context(actor: Actor) -> dict[str, object]:
    situations, more = selectors.open_for(actor)
    rows = [
        BoardRow(
            s, SITUATION.allowed(actor, s, among=BOARD_ACTIONS), awaiting_acknowledgement=s.status == Status.REPORTED
        )
        for s in situations
    ]
    return {
        "rows": rows,
        "more_open": more,
        "board_limit": selectors.BOARD_LIMIT,
        "notifications": selectors.notifications_unread(actor)[:20],
        "refresh_seconds": settings.GIPZ_BOARD_REFRESH_SECONDS,
        "now": timezone.now(),
    }


@actor_required
def board(request: HttpRequest, actor: Actor) -> HttpResponse:
    context = board_context(actor)
    board_html, _version = render_live(request, "situations/_board.html", context)
    return render(request, "situations/board.html", {**context, "board_html": mark_safe(board_html)})


@actor_required
def board_live(request: HttpRequest, actor: Actor) -> HttpResponse:
    return live_response(request, "situations/_board.html", board_context(actor))


@require_POST
@actor_required
def notifications_read(request: HttpRequest, actor: Actor) -> HttpResponse:
    services.notifications_mark_read(actor=actor)
    return redirect("board")
