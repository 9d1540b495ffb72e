"""The rulebook in force, readable by every professional: what may be shared, why, and what to ask instead."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.rulebook.models import RulebookVersion
from gipz.rulebook.services import rulebook_current


@actor_required
def rulebook_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    version, rulebook = rulebook_current()
    history = RulebookVersion.objects.only("number", "label", "note", "published_at", "published_by")[:20]
    return render(
        request,
        "rulebook/rulebook.html",
        {"version": version, "rulebook": rulebook, "history": history, "sources": rulebook.sources.values()},
    )
