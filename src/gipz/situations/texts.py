"""Dutch UI texts for the triage message codes (translated through gettext)."""

from django.utils.translation import gettext_lazy as _

TRIAGE_REASONS = {
    "medical_emergency": _("Medisch spoedgeval"),
    "danger_with_weapon": _("Direct gevaar en een wapen"),
    "danger_to_self": _("Direct gevaar voor zichzelf"),
    "danger_to_others": _("Direct gevaar voor anderen"),
    "weapon": _("Wapen aanwezig"),
    "minors_present": _("Minderjarigen aanwezig"),
    "intoxication_with_care_need": _("Onder invloed, met zorgsignalen"),  # earlier rule, kept for history
    "intoxication": _("Onder invloed"),
    "care_need": _("Zorgsignalen (psychiatrie, verslaving, dementie of LVB)"),
    "homelessness": _("Dakloosheid zonder andere zorgsignalen"),  # earlier rule, kept for history
    "homelessness_social_factor": _("Dakloosheid (een sociale factor, geen zorgsignaal)"),
    "vulnerable_without_care_need": _("Kwetsbaar, zonder duidelijke zorgsignalen"),
    "no_care_indicators": _("Geen zorgsignalen en geen gevaar"),
    "offence_yes": _("Er is een strafbaar feit"),
    "offence_unclear": _("Onduidelijk of er een strafbaar feit is"),
}

TRIAGE_ADVICE = {
    "call_112": _("Bel 112 / ambulance: levensbedreigend. De crisisdienst is hier niet de eerste hulp."),
    "refer_meldpunt": _("Niet acuut: verwijs naar het lokale meldpunt zorg en overlast of het wijkteam."),
    "refer_regular_care": _(
        "Is de persoon al in zorg? Verwijs dan naar de eigen behandelaar of de huisarts (buiten kantoortijd: de "
        "huisartsenpost)."
    ),
    "request_crisis_service": _("Vraag de crisisdienst om ter plaatse te komen."),
    "offence_police_lead": _(
        "Er is een strafbaar feit: de politie houdt de regie over de strafrechtelijke kant; "
        "zorg kan wel worden gevraagd."
    ),
    "offence_unclear": _("Leg vast wat er is gebeurd; of het strafbaar is kan later worden beoordeeld."),
    "somatic_check_first": _(
        "Onder invloed: laat eerst de lichamelijke toestand beoordelen (huisarts, huisartsenpost of ambulance). "
        "Een psychiatrische beoordeling kan pas als iemand aanspreekbaar is; onder invloed zijn alleen maakt het "
        "niet spoedeisend."
    ),
    "refer_social_support": _(
        "Dakloosheid is een sociale factor: verwijs naar de maatschappelijke opvang of het wijkteam (via het meldpunt)."
    ),
    "inform_youth_services": _("Er zijn minderjarigen: overweeg Veilig Thuis of jeugdbescherming in te lichten."),
}

CARE_INDICATOR_LABELS = {
    "psychiatric": _("psychiatrische problematiek"),
    "addiction": _("verslaving"),
    "dementia": _("dementie"),
    "intellectual_disability": _("licht verstandelijke beperking"),
    "homelessness": _("dakloosheid (sociale factor)"),
}

TIMELINE_KINDS = {
    "created": _("melding aangemaakt"),
    "routed": _("verzoek naar de crisisdienst"),
    "retriaged": _("urgentie vastgesteld door de crisisdienst"),
    "escalated": _("geëscaleerd"),
    "accepted": _("geaccepteerd"),
    "en_route": _("onderweg"),
    "on_site": _("ter plaatse"),
    "handover_proposed": _("overdracht (SBAR) vastgelegd"),
    "handed_over": _("overdracht bevestigd — politie kan vertrekken"),
    "follow_up_added": _("vervolg toegevoegd"),
    "follow_up_updated": _("vervolg bijgewerkt"),
    "closed": _("afgesloten"),
    "cancelled": _("geannuleerd"),
    "evaluated": _("nabespreking"),
    "information_request": _("informatieverzoek gesteld"),
    "own_initiative_warning": _("gewaarschuwd uit eigen beweging (conflict van plichten)"),
    "consult_requested": _("sleutelfiguur om consult gevraagd"),
    "consult_answered": _("consult sleutelfiguur vastgelegd"),
    "consult_declined": _("consult door sleutelfiguur afgewezen"),
    "improper_call_flagged": _("oneigenlijk beroep gemeld ter bespreking"),
}
