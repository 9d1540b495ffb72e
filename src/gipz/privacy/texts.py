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


# Why an organisation looked at something (HvJ EU C-579/21: the data subject is entitled to the date and purpose of
# each consultation). Derived from what was seen and in which role, because each screen serves one purpose.
PURPOSE_BY_OBJECT = {
    "situations.situation": _("de melding afhandelen: hulp ter plaatse, overdracht en vervolg"),
    "situations.handover": _("de overdracht van politie naar zorg"),
    "situations.followup": _("het vervolg na de melding regelen"),
    "privacy.person": _("de melding afhandelen: weten om wie het gaat"),
    "privacy.informationrequest": _("een informatieverzoek stellen of beoordelen"),
    "privacy.disclosure": _("een informatieverzoek beantwoorden of het antwoord lezen"),
    "privacy.owninitiativewarning": _("waarschuwen bij ernstig gevaar (conflict van plichten)"),
    "keyfigures.consult": _("advies van een sleutelfiguur"),
    "learning.impropercalldiscussion": _("gezamenlijk leren van de melding"),
}
PURPOSE_OF_OFFICER = _(
    "toezicht op de bescherming van persoonsgegevens en het behandelen van verzoeken van betrokkenen"
)
PURPOSE_OF_SYSTEM = _("het verwijderen van gegevens na de bewaartermijn")


def view_purpose(*, object_type: str, roles: str, action: str) -> str:
    if roles == "system" or action == "purge":
        return str(PURPOSE_OF_SYSTEM)
    officer = "privacy_officer" in roles.split(",")
    if officer and (action in ("erase", "restrict") or object_type in ("privacy.person", "accounts.user")):
        return str(PURPOSE_OF_OFFICER)
    return str(PURPOSE_BY_OBJECT.get(object_type, _("de melding afhandelen")))
