"""Render the privacy officer's documents as Markdown from the processing list, the retention settings, the rulebook
and the security settings. `gipz privacy-documents` writes them to docs/privacy/ (a test keeps those in step); the
privacy page offers them filled in for the officer's own organisation. Dutch: they are Dutch legal documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from gipz.privacy.fgdocs.processing import ALL, CARE, MUNICIPAL, POLICE, PROCESSINGS, Processing
from gipz.privacy.retention import CATEGORIES, RetentionCategory
from gipz.rulebook.engine import Rulebook

KIND_NAMES = {
    POLICE: "politie",
    CARE: "zorg (crisisdienst, zorgaanbieder, ambulance)",
    MUNICIPAL: "gemeente en meldpunt",
}
ORGANISATION_KINDS = {
    "police": POLICE,
    "crisis_service": CARE,
    "care_provider": CARE,
    "ambulance": CARE,
    "municipality": MUNICIPAL,
    "meldpunt": MUNICIPAL,
}


@dataclass(frozen=True)
class For:
    """Whom a document is for: one organisation (name and kind) or, for docs/privacy/, every kind."""

    name: str = "[naam organisatie]"
    kind: str = ""

    @property
    def kinds(self) -> tuple[str, ...]:
        return (self.kind,) if self.kind else ALL


def _retention(keys: tuple[str, ...]) -> str:
    found: list[RetentionCategory] = [c for c in CATEGORIES if c.key in keys]
    if not found:
        return "zolang het account bestaat; de beheerder deactiveert het bij vertrek"
    return "; ".join(f"{c.label}: {c.days} dagen {c.starts}" for c in found)


def security_measures(audience: For) -> list[str]:
    """What the installation does: for one organisation with this installation's settings, for docs/privacy/ with
    the production defaults (the setting named, so an operator sees what to keep)."""
    current = bool(audience.kind)
    two_factor = "verplicht" if not current or settings.GIPZ_REQUIRE_2FA else "UIT — niet voor productie"
    https = "(HSTS aan)" if not current or settings.HTTPS else "(UIT — niet voor productie)"
    return [
        f"Inloggen met een tweede factor (TOTP) {two_factor} (`GIPZ_REQUIRE_2FA`); account of adres geblokkeerd na "
        "herhaalde mislukte pogingen (`GIPZ_LOGIN_FAILURE_LIMIT`).",
        "Rollen binnen de organisatie (rollenmatrix): een medewerker ziet alleen meldingen van de eigen organisatie "
        "en alleen wat de rol nodig heeft; zorggegevens alleen voor zorgorganisaties; 404 buiten bereik.",
        "Inzagelog volgens NEN 7513: elke inzage, export, wijziging, verstrekking en verwijdering; een hashketen met "
        "een sleutel buiten de database en controlepunten buiten de database (`gipz audit verify`).",
        "Audittrail in dezelfde transactie als de wijziging, alleen codes en veldnamen.",
        "Bewaartermijnen per categorie, dagelijks automatisch uitgevoerd en gelogd; wissen en beperken op verzoek.",
        "Pseudonimisering voor kengetallen met een sleutel-hash (HMAC-SHA256); geen BSN (geweigerd in vrije tekst).",
        f"Verbindingen alleen via HTTPS {https} (`GIPZ_HTTPS`); "
        "Content-Security-Policy zonder externe bronnen; sessies verlopen.",
        "Meldingen buiten de app (waarschuwingen, webhooks) bevatten geen persoonsgegevens.",
    ]


def _processings(audience: For) -> list[Processing]:
    return [p for p in PROCESSINGS if any(k in p.bases for k in audience.kinds)]


def register(audience: For, rulebook: Rulebook) -> str:
    lines = [
        f"# Register van verwerkingsactiviteiten (AVG art. 30) — {audience.name}",
        "",
        "Gegenereerd uit GIPZ zelf (verwerkingen, bewaartermijnen, regelboek en beveiligingsinstellingen). "
        "Politiegegevens vallen onder de Wet politiegegevens; de politie legt die verwerkingen ook vast in haar "
        "eigen administratie onder de Wpg. Vul aan waar [haken] staan.",
        "",
        "- Verwerkingsverantwoordelijke: " + audience.name + " (contactgegevens: [adres, telefoon])",
        "- Functionaris gegevensbescherming: [naam, e-mail]",
        "- Gezamenlijke verwerkingsverantwoordelijken: zie de kaart van verantwoordelijken (controllers.md)",
        "- Doorgifte buiten de EER: geen",
        "",
    ]
    for p in _processings(audience):
        lines += [
            f"## {p.name}",
            "",
            f"- **Doel:** {p.purpose}",
            *[f"- **Grondslag ({KIND_NAMES[k]}):** {p.bases[k]}" for k in audience.kinds if k in p.bases],
            f"- **Betrokkenen:** {', '.join(p.subjects)}",
            f"- **Gegevens:** {'; '.join(p.data)}"
            + (" — bijzondere of strafrechtelijke gegevens" if p.special else ""),
            f"- **Ontvangers:** {p.recipients}",
            f"- **Bewaartermijn:** {_retention(p.retention)}",
            "- **Beveiliging:** zie 'Beveiligingsmaatregelen' hieronder",
            "",
        ]
        if p.key == "exchange":
            lines += [
                f"Het regelboek (versie {rulebook.version}, {len(rulebook.rules)} regels) adviseert per verzoek op "
                "grond van deze bronnen:",
                "",
                *[f"- {s.title}{f' ({s.citation})' if s.citation else ''}" for s in rulebook.sources.values()],
                "",
            ]
    lines += ["## Beveiligingsmaatregelen (AVG art. 32)", "", *[f"- {m}" for m in security_measures(audience)], ""]
    return "\n".join(lines)


RISKS: tuple[tuple[str, str], ...] = (
    (
        "Onbevoegde inzage in gezondheids- en politiegegevens van kwetsbare personen",
        "Rollen binnen de organisatie, zorggegevens alleen voor zorg, 404 buiten bereik, tweede factor, inzagelog met "
        "hashketen, controle per medewerker en per periode door de privacyfunctionaris.",
    ),
    (
        "Te veel delen tussen politie en zorg (doelbinding, beroepsgeheim)",
        "Informatieverzoeken per soort gegeven en doel, advies van het regelboek met bronnen, grondslag en afweging "
        "verplicht, zichtbaarheid voor de vrager beperkt in tijd, overzicht 'gedeeld zonder toestemming'.",
    ),
    (
        "Betrokkene weet niet dat gegevens zijn gedeeld",
        "Vastleggen of en hoe de betrokkene is geïnformeerd, met de wettelijke uitzondering; werklijst 'nog te "
        "informeren'; privacyverklaring.",
    ),
    (
        "Gegevens langer bewaard dan nodig",
        "Bewaartermijnen per categorie, dagelijks uitgevoerd en gelogd; pseudoniem en zorgsignalen gaan mee; "
        "wissen en beperken op verzoek.",
    ),
    (
        "Stigmatisering door registratie van 'verward gedrag'",
        "Zorgsignalen als codes, geen diagnose; vrije tekst met BSN geweigerd; kengetallen alleen gepseudonimiseerd "
        "en met onderdrukking van kleine aantallen.",
    ),
    (
        "Vermenging van AVG- en Wpg-regimes",
        "Politiegegevens apart: antwoord op grond van Wpg art. 25, wissen op grond van Wpg art. 28; verstrekkingen "
        "door de politie alleen in het antwoord van de politie.",
    ),
    (
        "Datalek bij een account",
        "Per medewerker en periode: welke personen en meldingen zijn ingezien (CSV), bericht aan de andere "
        "organisaties, register van datalekken met de 72-uursklok.",
    ),
    (
        "Gegevens buiten het platform (waarschuwingen, webhooks, logs)",
        "Alleen kenmerk, urgentie, gemeente en een link; nooit omschrijving, locatie of persoon.",
    ),
)


def dpia(audience: For, rulebook: Rulebook) -> str:
    lines = [
        f"# Gegevensbeschermingseffectbeoordeling (DPIA, AVG art. 35) — {audience.name}",
        "",
        "Verplicht: de verwerking combineert gezondheidsgegevens en strafrechtelijke gegevens van kwetsbare personen "
        "tussen organisaties (lijst van verwerkingen waarvoor een DPIA verplicht is, besluit van de Autoriteit "
        "Persoonsgegevens van 27 november 2019: onder meer gezondheidsgegevens en samenwerkingsverbanden). Vooraf "
        "ingevuld uit GIPZ; de beoordeling en het besluit zijn aan de organisatie.",
        "",
        "## 1. Systematische beschrijving: verwerkingen en gegevensstromen",
        "",
        "| Verwerking | Van | Naar | Gegevens | Bewaartermijn |",
        "|---|---|---|---|---|",
    ]
    for p in _processings(audience):
        lines.append(
            f"| {p.name} | {', '.join(KIND_NAMES[k] for k in p.bases)} | {p.recipients} | {'; '.join(p.data)} "
            f"| {_retention(p.retention)} |"
        )
    lines += [
        "",
        "## 2. Noodzaak en evenredigheid",
        "",
        "- Doel: één 24/7-crisisdienst die de politie kan bereiken, ter plaatse komt, de regie overneemt en vervolg "
        "regelt (GIPZ-onderzoek, Politie & Wetenschap 2024).",
        "- Dataminimalisatie: geen BSN; zorggegevens alleen voor zorg; delen per soort gegeven met advies van het "
        f"regelboek (versie {rulebook.version}); kengetallen gepseudonimiseerd.",
        "- Grondslagen per verwerking: zie het register (register.md).",
        "",
        "## 3. Risico's voor betrokkenen en maatregelen",
        "",
        "| Risico | Maatregel in GIPZ |",
        "|---|---|",
        *[f"| {risk} | {measure} |" for risk, measure in RISKS],
        "",
        "## 4. Beveiligingsmaatregelen",
        "",
        *[f"- {m}" for m in security_measures(audience)],
        "",
        "## 5. Advies en besluit",
        "",
        "- Advies functionaris gegevensbescherming: [datum, advies]",
        "- Mening van betrokkenen of hun vertegenwoordigers (art. 35 lid 9): [cliëntenraad, datum]",
        "- Restrisico en besluit (bij hoog restrisico: voorafgaande raadpleging AP, art. 36): [besluit]",
        "",
    ]
    return "\n".join(lines)


def controllers(audience: For, rulebook: Rulebook) -> str:
    lines = [
        "# Kaart van verwerkingsverantwoordelijken en gezamenlijke regeling (AVG art. 26)",
        "",
        "| Verwerking | Verantwoordelijke |",
        "|---|---|",
        *[f"| {p.name} | {p.controller} |" for p in PROCESSINGS],
        "",
        "## Per gegeven",
        "",
        "- Wat een organisatie vastlegt (velden van de betrokkene, de omschrijving en plaats van de melding) is van "
        "die organisatie: alleen zij wijzigt of wist het, of een ander met haar goedkeuring (GIPZ dwingt dat af).",
        "- Politiegegevens blijven van de politie en vallen onder de Wet politiegegevens, ook als de politie ze in "
        "GIPZ vastlegt; rechten van betrokkenen daarover gaan via de politie (Wpg art. 25 en 28).",
        "- Zorggegevens zijn van de zorgorganisatie (beroepsgeheim); andere organisaties zien ze niet.",
        "- De inzagelog van medewerkers is van hun eigen organisatie.",
        "",
        "## De kern van de regeling (art. 26 lid 2)",
        "",
        "- Aanspreekpunt voor betrokkenen: elke deelnemende organisatie; het verzoek gaat naar wie de gegevens "
        "vastlegde, en GIPZ laat de andere organisaties weten wat er is gewist of beperkt (art. 19).",
        "- Informatieplicht (art. 13/14): de organisatie die de betrokkene spreekt of de gegevens vastlegt.",
        "- Datalekken: de organisatie die het lek ontdekt, legt het vast en informeert via GIPZ de andere "
        "organisaties van wie gegevens zijn ingezien; elke verantwoordelijke beslist over melding bij de AP.",
        "- Bewaartermijnen, regelboek en beveiliging: gezamenlijk vastgesteld (zie register.md).",
        "- De wezenlijke inhoud van deze regeling wordt aan betrokkenen beschikbaar gesteld (privacyverklaring).",
        "",
    ]
    return "\n".join(lines)


def processor(audience: For, rulebook: Rulebook) -> str:
    return "\n".join(
        [
            "# Checklist verwerkersovereenkomst met de hostingpartij (AVG art. 28)",
            "",
            "De hostingpartij verwerkt in opdracht van de gezamenlijke verantwoordelijken. De overeenkomst regelt:",
            "",
            "- [ ] Onderwerp, duur, aard en doel: hosting en beheer van GIPZ; soorten gegevens en betrokkenen volgens "
            "het register (art. 28 lid 3).",
            "- [ ] a) alleen verwerken op schriftelijke instructie, ook voor doorgifte buiten de EER (niet "
            "toegestaan).",
            "- [ ] b) geheimhouding van wie toegang heeft.",
            "- [ ] c) beveiliging volgens art. 32, waaronder de maatregelen hieronder.",
            "- [ ] d) subverwerkers alleen met voorafgaande schriftelijke toestemming, met dezelfde plichten.",
            "- [ ] e) bijstand bij verzoeken van betrokkenen (inzage, wissen, beperken).",
            "- [ ] f) bijstand bij art. 32-36: datalekken binnen [24] uur melden aan de verantwoordelijken, DPIA.",
            "- [ ] g) na afloop alle gegevens wissen of teruggeven, ook back-ups, en dat bevestigen.",
            "- [ ] h) audits en inspecties toestaan; informatie verstrekken om naleving aan te tonen.",
            "",
            "Specifiek voor GIPZ:",
            "",
            "- [ ] Hosting en back-ups in de EER; back-ups versleuteld; teruggezet volgens docs/operations.md.",
            "- [ ] De sleutels `GIPZ_ACCESS_LOG_KEY` en `GIPZ_PSEUDONYM_KEY` staan buiten de database en zijn niet "
            "in handen van wie alleen de database beheert.",
            "- [ ] Controlepunten van het inzagelog (`GIPZ_ACCESS_LOG_CHECKPOINTS`) op een andere opslag dan de "
            "database.",
            "- [ ] Beheerderstoegang met een tweede factor en gelogd; geen toegang tot persoonsgegevens zonder "
            "instructie.",
            "",
            "Beveiligingsmaatregelen van de applicatie:",
            "",
            *[f"- {m}" for m in security_measures(audience)],
            "",
        ]
    )


def statement(audience: For, rulebook: Rulebook) -> str:
    retention = [f"- {c.label}: {c.days} dagen {c.starts} ({c.covers})" for c in CATEGORIES]
    return "\n".join(
        [
            f"# Privacyverklaring GIPZ — {audience.name} (AVG art. 13 en 14)",
            "",
            "Als u in een crisis bent geraakt en de politie of de crisisdienst u heeft geholpen, staan er gegevens "
            "over u in GIPZ, het systeem waarmee politie, crisisdienst, zorg en gemeente samenwerken.",
            "",
            f"**Wie is verantwoordelijk?** {audience.name} en de andere organisaties die aan de melding deelnemen, "
            "samen (gezamenlijke verwerkingsverantwoordelijken). Politiegegevens zijn van de politie. "
            "Functionaris gegevensbescherming: [naam, e-mail].",
            "",
            "**Waarvoor?**",
            "",
            *[f"- {p.name}: {p.purpose}" for p in _processings(audience) if p.key != "accounts"],
            "",
            "**Welke gegevens?** Naam, geboortedatum en contact; wat er gebeurde en waar; signalen over uw gezondheid "
            "en de beoordeling daarvan; bij zorgorganisaties ook zorggegevens. Geen BSN.",
            "",
            "**Van wie komen ze?** Van u, van de politie of zorgverleners die u hielpen, of van melders (art. 14).",
            "",
            "**Met wie worden ze gedeeld?** Alleen met de organisaties die aan uw melding deelnemen, en op verzoek "
            "alleen wat nodig is en met een grondslag. Niet buiten Europa.",
            "",
            "**Hoe lang?**",
            "",
            *retention,
            "",
            "**Geautomatiseerde besluiten?** Nee. GIPZ stelt een urgentie voor; een hulpverlener beslist.",
            "",
            "**Uw rechten:** inzage, verbetering, wissen, beperking en bezwaar (AVG art. 15-21); voor politiegegevens "
            "kennisneming, verbetering en vernietiging (Wpg art. 25 en 28). U kunt een klacht indienen bij de "
            "Autoriteit Persoonsgegevens.",
            "",
            "**Wanneer informeren wij u niet?** Als de wet dat toestaat, bijvoorbeeld als het uw veiligheid of die van "
            "anderen in gevaar brengt (UAVG art. 41) of het onderzoek van de politie zou schaden (Wpg). Wij leggen "
            "dat vast.",
            "",
        ]
    )


DOCUMENTS: dict[str, tuple[str, Callable[[For, Rulebook], str]]] = {
    "register": ("Register van verwerkingsactiviteiten (art. 30)", register),
    "dpia": ("DPIA, vooraf ingevuld (art. 35)", dpia),
    "controllers": ("Kaart van verantwoordelijken en gezamenlijke regeling (art. 26)", controllers),
    "processor": ("Checklist verwerkersovereenkomst (art. 28)", processor),
    "statement": ("Privacyverklaring (art. 13/14)", statement),
}


def render(name: str, audience: For, rulebook: Rulebook) -> str:
    return DOCUMENTS[name][1](audience, rulebook)
