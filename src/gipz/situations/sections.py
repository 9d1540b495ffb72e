"""Parts of the situation page that apps above situations fill in: the person and the information requests
(privacy), the consults (keyfigures). Imports run down the layers, so the page cannot ask them itself; each app
registers its section when Django starts (AppConfig.ready) and the page merges what the sections return. Two
sections may not fill the same name: the page would silently show one of them, so merging refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gipz.accounts.actor import Actor
from gipz.situations.models import Situation

Section = Callable[[Actor, Situation], dict[str, Any]]

_SECTIONS: dict[str, Section] = {}


def section_register(name: str, build: Section) -> None:
    _SECTIONS[name] = build


class SectionClash(RuntimeError):
    pass


def sections_context(actor: Actor, situation: Situation) -> dict[str, Any]:
    context: dict[str, Any] = {}
    filled_by: dict[str, str] = {}
    for name, build in _SECTIONS.items():
        for key, value in build(actor, situation).items():
            if key in filled_by:
                raise SectionClash(f"sections {filled_by[key]!r} and {name!r} both fill {key!r}")
            filled_by[key] = name
            context[key] = value
    return context
