"""What a user or an API client gets when the server fails (Django's handler500): when the database is away, a 503
with Retry-After — JSON for the API, a Dutch 'tijdelijk niet beschikbaar' page for people — and a plain 500
otherwise. Nothing here touches the database: it is what answers while the database cannot."""

from __future__ import annotations

import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from gipz.core import logcontext

RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    unavailable = isinstance(sys.exc_info()[1], DatabaseError)
    status = 503 if unavailable else 500
    request_id = logcontext.request_id()
    response: HttpResponse
    if request.path.startswith("/api/"):
        body = (
            {"detail": _("GIPZ is tijdelijk niet beschikbaar. Probeer het over enkele seconden opnieuw."),
             "code": "unavailable"}
            if unavailable
            else {"detail": _("Er ging iets mis op de server; uw verzoek is niet uitgevoerd."), "code": "server_error"}
        )  # fmt: skip
        if request_id:
            body["request_id"] = request_id
        response = JsonResponse(body, status=status)
    else:
        page = render_to_string(
            "core/unavailable.html",
            {"unavailable": unavailable, "request_id": request_id, "LANGUAGE_CODE": translation.get_language()},
        )
        response = HttpResponse(page, status=status)
    response["Cache-Control"] = "no-store"
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
