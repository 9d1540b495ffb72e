"""History lines in words: `{{ event.kind|history_text }}` instead of the stored code."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The kinds the history models store (prevention, unsafety, consults, discussions, werkafspraken, information
# requests); the acute timeline has its own words (situations/texts.py).
HISTORY_KINDS = {
    "submitted": _("aangevraagd"),
    "decided_assist": _("besluit: politie assisteert"),
    "decided_not_needed": _("besluit: niet nodig, alternatief geadviseerd"),
    "decided_more_info": _("besluit: meer informatie nodig"),
    "info_added": _("informatie aangevuld"),
    "withdrawn": _("ingetrokken"),
    "outcome": _("uitkomst vastgelegd"),
    "deadline_passed": _("besluittermijn verstreken"),
    "reported": _("gemeld"),
    "picked_up": _("opgepakt door de politie"),
    "responded": _("politie heeft gereageerd"),
    "closed": _("afgesloten"),
    "asked": _("gevraagd"),
    "answered": _("beantwoord"),
    "declined": _("afgewezen"),
    "opened": _("ter bespreking"),
    "discussed": _("besproken"),
    "agreement_changed": _("werkafspraak aangepast"),
    "created": _("concept gemaakt"),
    "edited": _("concept gewijzigd"),
    "approved": _("vastgesteld"),
    "discarded": _("concept vervallen"),
}


@register.filter
def history_text(code: str) -> str:
    return str(HISTORY_KINDS.get(code, code))
