"""The decorator every page of the app uses: logged in, and working for an organisation."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor

View = Callable[..., HttpResponse]


def actor_required(view: View) -> View:
    """Logged in and working for an organisation; `actor` is passed to the view."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor: Actor | None = request.actor or None  # type: ignore[attr-defined]
        if actor is None:
            return render(
                request,
                "gipz/no_organisation.html",
                {"message": _("Uw account hoort nog bij geen organisatie. Vraag uw beheerder.")},
                status=403,
            )
        return view(request, actor, *args, **kwargs)

    return wrapped
