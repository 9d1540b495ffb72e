"""Live fragments that change only when something changed. A polled fragment carries a version (a digest of its own
content) in its polling URL; when the next poll would render the same content the server answers 204 No Content and
htmx leaves the page alone — no replaced region, no lost keyboard focus, no screen-reader announcement repeated."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

PLACEHOLDER = "__version__"
# A form's CSRF token is masked afresh on every render: it is not part of what the fragment shows.
_CSRF = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')


def render_live(request: HttpRequest, template: str, context: dict[str, Any]) -> tuple[str, str]:
    """The fragment's HTML (its version filled in) and that version."""
    html = render_to_string(template, {**context, "version": PLACEHOLDER}, request=request)
    version = hashlib.sha256(_CSRF.sub("", html).encode()).hexdigest()[:16]
    return html.replace(PLACEHOLDER, version), version


def live_response(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    html, version = render_live(request, template, context)
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    return HttpResponse(html)
