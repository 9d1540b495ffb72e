"""Retention periods per data category: what each covers, its default, and where the default comes from.

Every period runs from the moment a situation ended (closed or cancelled): open situations are never purged. Shared
content also waits for its answer (the code checks both). The access log has a period of its own, counted from each
entry. Settings (`GIPZ_RETENTION_*_DAYS`) override the defaults; docs/privacy.md explains each choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RetentionCategory:
    key: str
    label: Promise
    setting: str
    covers: Promise
    source: str
    starts: Promise

    @property
    def days(self) -> int:
        return int(getattr(settings, self.setting))


AFTER_THE_END = _("na afloop van de melding (gesloten of geannuleerd)")

CATEGORIES = (
    RetentionCategory(
        key="care",
        label=_("Zorggegevens"),
        setting="GIPZ_RETENTION_CARE_DAYS",
        covers=_("zorggegevens van de betrokkene, zorgnotities, SBAR-achtergrond en -beoordeling, toelichting vervolg"),
        starts=AFTER_THE_END,
        source=(
            "AVG art. 5 lid 1 sub e (opslagbeperking); het dossier zelf staat bij de zorgaanbieder (WGBO art. 7:454 BW)"
        ),
    ),
    RetentionCategory(
        key="shared",
        label=_("Gedeelde antwoorden"),
        setting="GIPZ_RETENTION_SHARED_DAYS",
        covers=_("de inhoud van wat via een informatieverzoek is gedeeld (wie, wat en waarom blijft bewaard)"),
        source="AVG art. 5 lid 1 sub c en e; Wpg art. 19 (verstrekking alleen voor het doel)",
        starts=_("na afloop van de melding, en niet eerder dan na het antwoord"),
    ),
    RetentionCategory(
        key="identity",
        label=_("Identiteit en omstandigheden"),
        starts=AFTER_THE_END,
        setting="GIPZ_RETENTION_IDENTITY_DAYS",
        covers=_("naam, geboortedatum, contact en risico's van de betrokkene; signalement, locatie en omschrijving"),
        source=(
            "AVG art. 5 lid 1 sub e (opslagbeperking; de termijn is een keuze van de gezamenlijke "
            "verwerkingsverantwoordelijken): vijf jaar volgt de verjaring van een vordering tot schadevergoeding "
            "(art. 3:310 BW), zodat klachten, claims en inzageverzoeken over wat er is gedaan beantwoord kunnen "
            "worden; voor wat de politie vastlegt geldt daarnaast Wpg art. 8"
        ),
    ),
    RetentionCategory(
        key="access_log",
        label=_("Inzagelog"),
        setting="GIPZ_RETENTION_ACCESS_LOG_DAYS",
        covers=_(
            "wie wanneer welke gegevens heeft ingezien, vastgelegd, gedeeld of gewist (zonder namen van betrokkenen)"
        ),
        source=(
            "AVG art. 5 lid 2 (verantwoording) en art. 15 (wie heeft ingezien, HvJ EU C-579/21); NEN 7513:2018 laat de "
            "termijn aan de verwerkingsverantwoordelijke: de identiteitstermijn plus een jaar, zodat de vraag wie "
            "iets heeft ingezien te beantwoorden is zolang de gegevens kunnen bestaan en een klacht daarna kan volgen"
        ),
        starts=_("na het moment van de inzage"),
    ),
)


def category(key: str) -> RetentionCategory:
    return next(c for c in CATEGORIES if c.key == key)
