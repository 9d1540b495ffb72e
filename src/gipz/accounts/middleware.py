import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from gipz.accounts.actor import actor_for


class ActorMiddleware:
    """Attach `request.actor` (None for anonymous users or users without an organisation)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: actor_for(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)


class InactivityMiddleware:
    """Log out after `GIPZ_IDLE_SECONDS` without activity, and after `GIPZ_SESSION_SECONDS` in all.

    Activity is what a person does: opening a page, posting a form. The live updates a page polls for (htmx GETs)
    or streams do not count, or a board left open on a desk would keep a session alive for ever."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault("gipz_started", now)
            last = session.get("gipz_active", now)
            if now - last > settings.GIPZ_IDLE_SECONDS or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, _("U bent uitgelogd omdat u een tijd niet actief was. Log opnieuw in."))
                login = f"{resolve_url(settings.LOGIN_URL)}?next={request.get_full_path()}"
                if getattr(request, "htmx", False):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = login
                    return response
                return redirect(login)
            # An open page's event stream (core/livefeed.py) is no activity either.
            streaming = request.headers.get("Accept", "").startswith("text/event-stream")
            polling = (getattr(request, "htmx", False) and request.method == "GET") or streaming
            # A click counts; the session row is written at most once a minute for it, not on every request.
            if (not polling and now - last >= 60) or "gipz_active" not in session:
                session["gipz_active"] = now
        return self.get_response(request)
