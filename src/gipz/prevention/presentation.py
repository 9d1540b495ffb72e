from django.utils.translation import gettext_lazy as _

# What each reason code of the risk weighing (risk.py) means, for the page.
RISK_REASONS = {
    "violence_history_yes": _("eerder geweld"),
    "violence_history_unknown": _("onbekend of er eerder geweld was"),
    "weapons_yes": _("wapens bekend (altijd hoog risico)"),
    "weapons_unknown": _("onbekend of er wapens zijn"),
    "known_to_police_yes": _("bekend bij de politie"),
    "event_eviction": _("huisuitzetting"),
    "event_out_of_home_placement": _("uithuisplaatsing"),
    "event_compulsory_transport": _("vervoer bij verplichte zorg"),
    "own_security": _("eigen beveiliging (verlaagt het risico)"),
    "extra_staff": _("extra personeel (verlaagt het risico)"),
}
