"""Parts of the situation page that apps above situations fill in: the person and the information requests
(privacy), the consults (keyfigures). Imports run down the layers, so the page cannot ask them itself; each app
registers its section when Django starts (AppConfig.ready) and the page merges what the sections return."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gipz.accounts.actor import Actor
from gipz.situations.models import Situation

Section = Callable[[Actor, Situation], dict[str, Any]]

_SECTIONS: dict[str, Section] = {}


def section_register(name: str, build: Section) -> None:
    _SECTIONS[name] = build


def sections_context(actor: Actor, situation: Situation) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for build in _SECTIONS.values():
        context.update(build(actor, situation))
    return context
