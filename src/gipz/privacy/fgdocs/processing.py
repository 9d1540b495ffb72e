"""Every processing of personal data GIPZ does, declared once. The register, the DPIA and the controller map are
rendered from this list; a test checks that every model holding personal text (privacy/text_retention.py) belongs
to one of these processings, so a new feature cannot process personal data without appearing in the register."""

from __future__ import annotations

from dataclasses import dataclass

POLICE = "police"
CARE = "care"  # crisis service, care providers, ambulance
MUNICIPAL = "municipal"  # municipality and meldpunt
ALL = (POLICE, CARE, MUNICIPAL)


@dataclass(frozen=True)
class Processing:
    key: str
    name: str
    purpose: str
    bases: dict[str, str]  # per kind of organisation: the legal basis
    subjects: tuple[str, ...]
    data: tuple[str, ...]
    recipients: str
    retention: tuple[str, ...]  # keys of privacy/retention.py CATEGORIES
    models: tuple[str, ...]  # model labels ("app.Model") this processing stores its data in
    controller: str  # who is controller for it (the controller map)
    special: bool = False  # health data (art. 9) or criminal-law data (art. 10)


AVG_TASK = "AVG art. 6 lid 1 sub e (taak van algemeen belang)"
HEALTH = "art. 9 lid 2 sub h AVG met UAVG art. 30 lid 3 (gezondheidsgegevens door zorgverleners met beroepsgeheim)"
POLICE_TASK = "Wpg art. 8 (dagelijkse politietaak), Politiewet 2012 art. 3; verstrekking Wpg art. 16-20"

PROCESSINGS: tuple[Processing, ...] = (
    Processing(
        key="acute",
        name="Melding, triage en overdracht bij verward gedrag (acute keten)",
        purpose="De politie meldt een persoon met verward gedrag; de crisisdienst beoordeelt, komt ter plaatse en "
        "neemt de regie over; vervolg wordt geregeld zodat de politie kan vertrekken.",
        bases={POLICE: POLICE_TASK, CARE: f"{AVG_TASK}; {HEALTH}", MUNICIPAL: AVG_TASK + " (Wvggz, Wmo 2015)"},
        subjects=("personen over wie een melding gaat", "melders en omstanders (alleen in vrije tekst)"),
        data=(
            "naam, geboortedatum, contact, bekende risico's",
            "plaats, omschrijving en signalement",
            "zorgsignalen, gevaar en triage (gezondheid)",
            "zorggegevens en SBAR-overdracht (alleen zorg)",
        ),
        recipients="de organisaties die aan de melding deelnemen (politie, crisisdienst, zorg, gemeente)",
        retention=("care", "identity"),
        models=(
            "situations.Situation",
            "situations.Handover",
            "situations.FollowUp",
            "privacy.Person",
            "privacy.PersonFieldChange",
        ),
        controller="gezamenlijk: de deelnemende organisaties (art. 26); politiegegevens blijven van de politie",
        special=True,
    ),
    Processing(
        key="exchange",
        name="Informatie delen op verzoek (regelboek)",
        purpose="Een organisatie vraagt een andere om gegevens voor een bepaald doel; de houder beslist met het "
        "advies van het regelboek en legt grondslag en afweging vast.",
        bases={
            POLICE: "Wpg art. 16-20 en Besluit politiegegevens (verstrekking)",
            CARE: "toestemming (AVG art. 9 lid 2 sub a), conflict van plichten, of een wettelijke plicht",
            MUNICIPAL: AVG_TASK,
        },
        subjects=("personen over wie een melding gaat",),
        data=("de gevraagde soorten gegevens per verzoek (regelboek)", "de inhoud van wat is gedeeld"),
        recipients="alleen de vragende organisatie, tot de zichtbaarheidstermijn",
        retention=("shared", "identity"),
        models=("privacy.InformationRequest", "privacy.Disclosure", "privacy.DisclosureItem"),
        controller="de houder voor het verstrekken; de vrager voor wat hij ontvangt",
        special=True,
    ),
    Processing(
        key="warning",
        name="Waarschuwen uit eigen beweging (conflict van plichten)",
        purpose="Een zorgprofessional doorbreekt het beroepsgeheim om ernstig gevaar af te wenden en legt dat vast.",
        bases={CARE: "conflict van plichten (KNMG-richtlijn 2021); AVG art. 9 lid 2 sub c als toestemming niet kan"},
        subjects=("personen over wie een melding gaat",),
        data=("wat is gedeeld, de zes voorwaarden, de afweging",),
        recipients="de gewaarschuwde organisatie (politie of gemeente)",
        retention=("identity",),
        models=("privacy.OwnInitiativeWarning",),
        controller="de zorgorganisatie die waarschuwde",
        special=True,
    ),
    Processing(
        key="consult",
        name="Consult van een sleutelfiguur",
        purpose="Advies van een deskundige over een lopende melding.",
        bases={POLICE: POLICE_TASK, CARE: AVG_TASK, MUNICIPAL: AVG_TASK},
        subjects=("personen over wie een melding gaat",),
        data=("de vraag en het advies",),
        recipients="de sleutelfiguur en de vragende organisatie",
        retention=("identity",),
        models=("keyfigures.Consult",),
        controller="de vragende organisatie",
    ),
    Processing(
        key="prevention",
        name="Preventieve assistentie door de politie",
        purpose="Een zorgorganisatie vraagt de politie vooraf om assistentie bij een risicovolle situatie.",
        bases={POLICE: POLICE_TASK, CARE: AVG_TASK},
        subjects=("cliënten van de zorgorganisatie (zonder naam in GIPZ)",),
        data=("plaats, omschrijving, risico's en zorgmaatregelen",),
        recipients="de politie-eenheid van het gebied",
        retention=("identity",),
        models=("prevention.PreventiveRequest",),
        controller="de zorgorganisatie voor het verzoek; de politie voor haar besluit",
    ),
    Processing(
        key="unsafety",
        name="Onveilige situaties in de zorg",
        purpose="Zorgmedewerkers melden agressie of dreiging; de politie reageert volgens de werkafspraak.",
        bases={POLICE: POLICE_TASK, CARE: "AVG art. 6 lid 1 sub c (zorgplicht werkgever, Arbowet art. 3)"},
        subjects=("zorgmedewerkers", "cliënten en anderen betrokken bij het incident (zonder naam)"),
        data=("plaats, omschrijving, ernst, reactie en vervolg",),
        recipients="de politie-eenheid van het gebied",
        retention=("identity",),
        models=("unsafety.UnsafeReport",),
        controller="de zorgorganisatie voor de melding; de politie voor haar reactie",
        special=True,
    ),
    Processing(
        key="learning",
        name="Gezamenlijk leren (evaluaties en oneigenlijk beroep)",
        purpose="Politie en zorg evalueren meldingen en bespreken oneigenlijk beroep om werkafspraken te verbeteren.",
        bases={POLICE: POLICE_TASK, CARE: AVG_TASK, MUNICIPAL: AVG_TASK},
        subjects=("personen over wie een melding gaat (alleen via het kenmerk)",),
        data=("beoordeling, opmerkingen en bespreekpunten",),
        recipients="de deelnemers aan de bespreking",
        retention=("identity",),
        models=("situations.Evaluation", "learning.ImproperCallDiscussion"),
        controller="gezamenlijk (art. 26)",
    ),
    Processing(
        key="figures",
        name="Kengetallen, factsheets en onderzoeksexport",
        purpose="Cijfers per gemeente en regio voor sturing en onderzoek, zonder namen.",
        bases=dict.fromkeys(ALL, "AVG art. 89 en UAVG art. 24 (statistiek, met pseudonimisering)"),
        subjects=("personen over wie een melding gaat (gepseudonimiseerd)",),
        data=("tijden, urgentie, uitkomst, pseudoniem (sleutel-hash), afgeronde tijden",),
        recipients="analisten van deelnemende organisaties; onderzoekers (export, vastgelegd)",
        retention=("identity",),
        models=("monitoring.YearRollup", "monitoring.MonthlyRollup"),
        controller="gezamenlijk (art. 26)",
    ),
    Processing(
        key="accountability",
        name="Inzagelog en audittrail (verantwoording)",
        purpose="Vastleggen wie welke gegevens inzag, wijzigde, deelde of wiste (NEN 7513), voor controle en voor "
        "de vraag van een betrokkene wie er heeft ingezien.",
        bases={
            POLICE: "Wpg en Besluit politiegegevens (logging)",
            CARE: "AVG art. 5 lid 2 en art. 32; NEN 7513",
            MUNICIPAL: "AVG art. 32",
        },
        subjects=("medewerkers", "personen over wie een melding gaat (alleen nummer)"),
        data=("wie, organisatie, rol, wanneer, wat, welke melding",),
        recipients="privacyfunctionarissen van de betrokken organisaties",
        retention=("access_log",),
        models=("privacy.AccessLogEntry", "core.AuditEvent"),
        controller="elke organisatie voor de log van haar eigen medewerkers",
    ),
    Processing(
        key="rights",
        name="Rechten van betrokkenen en datalekken",
        purpose="Inzage, wissen, beperken en informeren van betrokkenen; het register van datalekken.",
        bases={POLICE: "Wpg art. 24a-28", CARE: "AVG art. 6 lid 1 sub c met art. 12-22 en 33", MUNICIPAL: "idem"},
        subjects=("personen over wie een melding gaat", "medewerkers (bij een datalek)"),
        data=("verzoek, identiteitscontrole, termijnen, toelichting, feiten van een datalek",),
        recipients="de privacyfunctionarissen van de betrokken organisaties",
        retention=("identity",),
        models=("privacy.SubjectRequest", "privacy.ErasureRequest", "privacy.Breach"),
        controller="de organisatie die het verzoek behandelt of het lek vastlegt",
    ),
    Processing(
        key="accounts",
        name="Accounts van medewerkers",
        purpose="Inloggen met twee factoren, rollen binnen de organisatie, bereikbaarheid van sleutelfiguren.",
        bases={POLICE: "AVG art. 6 lid 1 sub b/c (arbeidsrelatie)", CARE: "idem", MUNICIPAL: "idem"},
        subjects=("medewerkers",),
        data=("naam, gebruikersnaam, e-mail, rollen, tweede factor, werkcontact sleutelfiguur",),
        recipients="beheerders van de eigen organisatie",
        retention=(),
        models=("accounts.User", "accounts.Membership", "keyfigures.KeyFigure"),
        controller="elke organisatie voor haar eigen medewerkers",
    ),
)
