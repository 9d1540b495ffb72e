"""The checks every request from care to the police makes before it is saved."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation
from gipz.accounts.selectors import police_organisations
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.geo.models import Municipality


def may_ask_police(actor: Actor) -> bool:
    """Care organisations ask; the police (even a mixed organisation) do not ask themselves. Pages use this to
    offer the 'new' button, services through `require_care_asker`."""
    return actor.is_care and not actor.is_police


def require_care_asker(actor: Actor, refusal: str) -> None:
    if not may_ask_police(actor):
        raise NotAllowedError(refusal)


def addressees(
    *, police_organisation_id: int, municipality_id: int, police_missing: str
) -> tuple[Organisation, Municipality]:
    """The police organisation asked and the municipality, or a message on the field that names neither."""
    police = police_organisations().filter(pk=police_organisation_id).first()
    if police is None:
        raise ServiceError(police_missing, field="police_organisation")
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise ServiceError(_("Kies de gemeente."), field="municipality")
    return police, municipality
