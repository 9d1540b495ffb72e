"""GIPZ as an installable web app: the manifest, the service worker and the page it shows offline.

The service worker caches the app shell only — the stylesheet, the scripts, the icons and the offline page, none of
which holds personal data. Every page is fetched from the network and never stored: without a connection a page
request gets the offline page, so no melding, person or answer is ever kept on the phone."""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from gipz.core.livefeed import stream_response

SHELL = (
    "gipz/nl-design-system.css",
    "vendor/nl-design-system/html.css",
    "vendor/nl-design-system/components.css",
    "gipz/theme.css",
    "gipz/gipz.css",
    "gipz/app.js",
    "gipz/countdown.js",
    "gipz/icon.svg",
    "gipz/icon-192.png",
    "gipz/icon-512.png",
)


def shell_urls() -> list[str]:
    return [static(path) for path in SHELL] + [reverse("offline")]


@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "name": "GIPZ — politie en zorg",
        "short_name": "GIPZ",
        "description": _("Samen met politie en zorg bij (semi-)acute situaties met kwetsbare mensen."),
        "lang": "nl",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {"src": static("gipz/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("gipz/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("gipz/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")


@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """At the site's root so its scope is the whole app. The cache name changes with the shell's URLs (they carry
    the files' hashes in production), so a new release replaces the old shell."""
    urls = shell_urls()
    version = hashlib.sha256("|".join(urls).encode()).hexdigest()[:12]
    script = render(request, "core/sw.js", {"urls": json.dumps(urls), "version": version}).content
    return HttpResponse(script, content_type="text/javascript; charset=utf-8")


def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "core/offline.html")


@login_required
def live_events(request: HttpRequest) -> HttpResponse:
    """Server-Sent Events for the open board and situation pages (core/livefeed.py)."""
    return stream_response(request)  # type: ignore[no-any-return]
