"""The privacy officer's documents (register, DPIA, controller map, processor checklist, privacy statement), filled
in for the officer's organisation from this installation's settings and published rulebook."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.privacy import selectors
from gipz.privacy.fgdocs.render import DOCUMENTS, ORGANISATION_KINDS, For
from gipz.privacy.fgdocs.render import render as render_document
from gipz.rulebook.services import rulebook_current


@actor_required
def documents_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    selectors.require_privacy_officer(actor)
    return render(request, "privacy/documents.html", {"documents": [(k, v[0]) for k, v in DOCUMENTS.items()]})


@actor_required
def document_download(request: HttpRequest, actor: Actor, name: str) -> HttpResponse:
    selectors.require_privacy_officer(actor)
    if name not in DOCUMENTS:
        raise Http404
    audience = For(name=actor.organisation.name, kind=ORGANISATION_KINDS[actor.organisation.type])
    text = render_document(name, audience, rulebook_current()[1])
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.md"'
    return response
