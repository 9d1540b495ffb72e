"""Retention periods per data category: what each covers, its default, and where the default comes from.

The periods run from the moment a situation ended (closed or cancelled); open situations are never purged.
Settings (`GIPZ_RETENTION_*_DAYS`) override the defaults; docs/privacy.md explains each choice.
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

    @property
    def days(self) -> int:
        return int(getattr(settings, self.setting))


CATEGORIES = (
    RetentionCategory(
        key="care",
        label=_("Zorggegevens"),
        setting="GIPZ_RETENTION_CARE_DAYS",
        covers=_("zorggegevens van de betrokkene, zorgnotities, SBAR-achtergrond en -beoordeling, toelichting vervolg"),
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
    ),
    RetentionCategory(
        key="identity",
        label=_("Identiteit en omstandigheden"),
        setting="GIPZ_RETENTION_IDENTITY_DAYS",
        covers=_("naam, geboortedatum, contact en risico's van de betrokkene; signalement, locatie en omschrijving"),
        source=(
            "AVG art. 5 lid 1 sub e (opslagbeperking; de termijn is een keuze van de gezamenlijke "
            "verwerkingsverantwoordelijken): vijf jaar volgt de verjaring van een vordering tot schadevergoeding "
            "(art. 3:310 BW), zodat klachten, claims en inzageverzoeken over wat er is gedaan beantwoord kunnen "
            "worden; voor wat de politie vastlegt geldt daarnaast Wpg art. 8"
        ),
    ),
)


def category(key: str) -> RetentionCategory:
    return next(c for c in CATEGORIES if c.key == key)
