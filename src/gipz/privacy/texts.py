"""Words for access-log lines: what was seen, by kind of object. The log stores the model's label; a person reading
the log sees what it was (lawful issue item 12: words and references, never internal codes or database ids)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

OBJECT_WORDS = {
    "situations.situation": _("melding"),
    "situations.handover": _("overdracht (SBAR)"),
    "situations.followup": _("vervolgafspraak"),
    "privacy.person": _("betrokkene"),
    "privacy.informationrequest": _("informatieverzoek"),
    "privacy.disclosure": _("antwoord op een informatieverzoek"),
    "privacy.owninitiativewarning": _("waarschuwing uit eigen beweging"),
    "keyfigures.consult": _("consult sleutelfiguur"),
    "prevention.preventiverequest": _("verzoek preventieve assistentie"),
    "unsafety.unsafereport": _("melding onveilige situatie"),
    "learning.impropercalldiscussion": _("bespreking oneigenlijk beroep"),
    "accounts.user": _("inzagelog van een medewerker"),
}


def object_words(object_type: str) -> str:
    return str(OBJECT_WORDS.get(object_type, _("gegevens")))
