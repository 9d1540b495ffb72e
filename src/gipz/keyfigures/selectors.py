"""The directory is open to everyone logged in (work contact details, no personal data of clients); consults are
seen by the key figure asked and the asking organisation. Others: 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gipz.accounts.actor import Actor
from gipz.core.access import get_in_scope
from gipz.geo.models import Municipality
from gipz.keyfigures.models import Consult, KeyFigure
from gipz.situations.models import Situation


def directory(*, municipality_id: int | None = None, domain: str | None = None) -> QuerySet[KeyFigure]:
    queryset = (
        KeyFigure.objects.filter(active=True).select_related("user", "organisation").prefetch_related("municipalities")
    )
    if municipality_id is not None:
        queryset = queryset.filter(municipalities__id=municipality_id)
    if domain:
        # JSON containment is not portable to SQLite; a domain code is a plain word, so a quoted match is exact.
        queryset = queryset.filter(domains__icontains=f'"{domain}"')
    return queryset.distinct()


def directory_municipalities() -> QuerySet[Municipality]:
    """The municipalities at least one active key figure serves (the directory's filter)."""
    return Municipality.objects.filter(key_figures__active=True).distinct().order_by("name")


def key_figure_of(actor: Actor) -> KeyFigure | None:
    return KeyFigure.objects.filter(user=actor.user).first()


def key_figure_get(*, key_figure_id: int) -> KeyFigure:
    return get_in_scope(KeyFigure.objects.select_related("user", "organisation"), pk=key_figure_id)


def consults_visible_to(actor: Actor) -> QuerySet[Consult]:
    return Consult.objects.filter(
        Q(key_figure__user=actor.user) | Q(asking_organisation=actor.organisation)
    ).select_related("situation", "key_figure__user", "key_figure__organisation", "asked_by", "asking_organisation")


def consult_get(*, actor: Actor, consult_id: int) -> Consult:
    return get_in_scope(consults_visible_to(actor).select_related("answered_by"), pk=consult_id)


def consults_in_situation(*, actor: Actor, situation_id: int) -> QuerySet[Consult]:
    return consults_visible_to(actor).filter(situation_id=situation_id)


def situation_section(actor: Actor, situation: Situation) -> dict[str, Any]:
    """What the situation page shows from keyfigures (registered in apps.py; see situations/sections.py)."""
    return {"consults": consults_in_situation(actor=actor, situation_id=situation.pk)}
