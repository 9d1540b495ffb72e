"""One check for every explicit state machine: a table of allowed transitions, and a clear refusal otherwise."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext as _

from gipz.core.errors import TransitionError


def check_transition(
    transitions: Mapping[str, frozenset[str]], statuses: type[models.TextChoices], current: str, to: str
) -> None:
    if to not in transitions.get(current, frozenset()):
        raise TransitionError(
            _("Dat kan niet meer: de status is nu '%(current)s'.") % {"current": statuses(current).label}
        )
