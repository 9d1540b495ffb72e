"""Fictional demo organisations, teams, service areas and users in Midden-Nederland. Clearly marked '(demo)'."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gipz.accounts.models import Membership, Organisation, OrganisationType, Role, Team, User
from gipz.agreements.models import ServiceArea
from gipz.geo.models import Municipality, SafetyRegion

DEMO_PASSWORD = "demo-gipz-2026"
MARK = "(demo)"

POLICE = f"Politie Midden-Nederland {MARK}"
CRISIS = f"Crisisdienst Midden-Nederland 24/7 {MARK}"
MUNICIPALITY = f"Gemeente Utrecht {MARK}"
AMBULANCE = f"RAV Utrecht {MARK}"
MELDPUNT = f"Meldpunt Zorg en Overlast Utrecht {MARK}"
CARE_PROVIDERS = [
    f"GGZ De Horizon {MARK}",
    f"Verslavingszorg Kompas {MARK}",
    f"LVB-zorg De Brug {MARK}",
    f"Ouderenzorg Lindehof {MARK}",
    f"Maatschappelijke Opvang Het Anker {MARK}",
    f"Wijkteam Utrecht-Oost {MARK}",
]

# Service areas of the crisis service: (area, team name, backup team name, CBS codes).
AREAS: list[tuple[str, str, str, list[str]]] = [
    ("Utrecht-Stad", "Team Utrecht-Stad", "Team Utrecht West/Zuid", ["GM0344"]),
    (
        "Utrecht West/Zuid",
        "Team Utrecht West/Zuid",
        "Team Utrecht-Stad",
        [
            "GM0353",
            "GM0331",
            "GM0335",
            "GM0356",
            "GM0589",
            "GM0736",
            "GM1904",
            "GM0632",
            "GM0321",
            "GM0312",
            "GM1961",
            "GM0352",
        ],
    ),
    (
        "Eemland en Heuvelrug",
        "Team Eemland",
        "Team Utrecht-Stad",
        [
            "GM0307",
            "GM0308",
            "GM0310",
            "GM0313",
            "GM0317",
            "GM0327",
            "GM0339",
            "GM0340",
            "GM0342",
            "GM1581",
            "GM0345",
            "GM0351",
            "GM0355",
        ],
    ),
    (
        "Gooi en Vechtstreek",
        "Team Gooi en Vechtstreek",
        "Team Eemland",
        ["GM0376", "GM1942", "GM0402", "GM0406", "GM0417", "GM0457", "GM1696"],
    ),
    (
        "Flevoland",
        "Team Flevoland",
        "Team Gooi en Vechtstreek",
        ["GM0034", "GM0303", "GM0995", "GM0171", "GM0184", "GM0050"],
    ),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    organisation: str
    roles: tuple[str, ...]
    team: str | None
    try_this: str


USERS: list[DemoUser] = [
    DemoUser(
        "agent",
        "Agent Demo de Vries",
        POLICE,
        (Role.PROFESSIONAL, Role.INFORMATION_DESK),
        "Basisteam Utrecht-Centrum",
        "maak een melding in Utrecht en volg hem tot de overdracht",
    ),
    DemoUser(
        "meldkamer",
        "Meldkamer Demo Bakker",
        POLICE,
        (Role.PROFESSIONAL,),
        "Meldkamer Midden-Nederland",
        "maak een melding namens een eenheid op straat",
    ),
    DemoUser(
        "crisis",
        "Verpleegkundige Demo Jansen",
        CRISIS,
        (Role.PROFESSIONAL, Role.INFORMATION_DESK),
        "Team Utrecht-Stad",
        "live bord: accepteer, ga ter plaatse, leg de SBAR-overdracht vast",
    ),
    DemoUser(
        "crisis2",
        "Psychiater Demo Visser",
        CRISIS,
        (Role.PROFESSIONAL,),
        "Team Utrecht-Stad",
        "accepteer tegelijk met 'crisis': één van beiden wint",
    ),
    DemoUser(
        "achterwacht",
        "Achterwacht Demo Smit",
        CRISIS,
        (Role.PROFESSIONAL,),
        "Team Utrecht West/Zuid",
        "ziet geëscaleerde verzoeken uit Utrecht-Stad",
    ),
    DemoUser(
        "coordinator",
        "Coördinator Demo Mulder",
        CRISIS,
        (Role.COORDINATOR,),
        None,
        "krijgt escalaties; ziet alle verzoeken van de crisisdienst",
    ),
    DemoUser(
        "zorg",
        "GGZ-behandelaar Demo Peters",
        CARE_PROVIDERS[0],
        (Role.PROFESSIONAL, Role.INFORMATION_DESK),
        None,
        "vraag preventieve assistentie aan; meld een onveilige situatie; ziet meldingen met vervolg bij GGZ De Horizon",
    ),
    DemoUser(
        "sleutelfiguur",
        "Sleutelfiguur Demo Hendriks",
        POLICE,
        (Role.PROFESSIONAL, Role.KEY_FIGURE),
        None,
        "wijkagent en sleutelfiguur politie–zorg",
    ),
    DemoUser(
        "teamchef",
        "Teamchef Demo Kok",
        POLICE,
        (Role.COORDINATOR,),
        "Basisteam Utrecht-Centrum",
        "beslis over preventieve assistentie; bekijk de planning; pak meldingen 'onveilig' op",
    ),
    DemoUser(
        "sleutel-ggz",
        "Sleutelfiguur Demo Yilmaz",
        CARE_PROVIDERS[0],
        (Role.PROFESSIONAL, Role.KEY_FIGURE),
        None,
        "sleutelfiguur GGZ: consulten en besprekingen van 'oneigenlijk beroep'",
    ),
    DemoUser(
        "privacy",
        "Privacyfunctionaris Demo Dekker",
        CRISIS,
        (Role.PRIVACY_OFFICER,),
        None,
        "privacyfunctionaris van de crisisdienst",
    ),
    DemoUser(
        "privacy-politie",
        "Privacyfunctionaris Demo Bakker",
        POLICE,
        (Role.PRIVACY_OFFICER,),
        None,
        "inzagelog, inzageverzoek en 'gedeeld zonder toestemming' van de politie",
    ),
    DemoUser(
        "meldpunt",
        "Triagist Demo van Dam",
        MELDPUNT,
        (Role.PROFESSIONAL,),
        None,
        "meldpunt niet-acute zorg: vraagt de politie om context (Wpg art. 18 lid 2)",
    ),
    DemoUser("analist", "Analist Demo Willems", MUNICIPALITY, (Role.ANALYST,), None, "analist van de gemeente"),
    DemoUser(
        "gemeente",
        "Beleidsadviseur Demo de Boer",
        MUNICIPALITY,
        (Role.COORDINATOR,),
        None,
        "Zorg- en Veiligheidshuis, werkafspraken",
    ),
    DemoUser("beheer", "Beheerder Demo", CRISIS, (Role.ADMIN,), None, "beheer (ook /admin/)"),
]


def is_loaded() -> bool:
    return Organisation.objects.filter(name=POLICE).exists()


@transaction.atomic
def create_world() -> None:
    """Organisations, teams, service areas and users. Idempotent (get_or_create everywhere)."""
    utrecht = SafetyRegion.objects.get(code="VR09")
    orgs: dict[str, Organisation] = {}
    for name, kind in [
        (POLICE, OrganisationType.POLICE),
        (CRISIS, OrganisationType.CRISIS_SERVICE),
        (MUNICIPALITY, OrganisationType.MUNICIPALITY),
        (AMBULANCE, OrganisationType.AMBULANCE),
        (MELDPUNT, OrganisationType.MELDPUNT),
        *[(name, OrganisationType.CARE_PROVIDER) for name in CARE_PROVIDERS],
    ]:
        orgs[name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"type": kind, "safety_region": utrecht, "phone": "088-0000000"}
        )
    for team in ("Basisteam Utrecht-Centrum", "Basisteam Amersfoort", "Basisteam Almere", "Meldkamer Midden-Nederland"):
        Team.objects.get_or_create(organisation=orgs[POLICE], name=team)
    for area_name, team_name, _backup, codes in AREAS:
        team, _ = Team.objects.get_or_create(organisation=orgs[CRISIS], name=team_name)
        base = Municipality.objects.get(code=codes[0])
        if team.base_municipality_id is None:
            team.base_municipality = base
            team.save(update_fields=["base_municipality"])
        area, _ = ServiceArea.objects.get_or_create(organisation=orgs[CRISIS], name=area_name)
        area.municipalities.set(Municipality.objects.filter(code__in=codes))
    for spec in USERS:
        first, _, last = spec.name.partition(" Demo ")
        user, created = User.objects.get_or_create(
            username=spec.username, defaults={"first_name": f"{first} Demo", "last_name": last or ""}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if Role.ADMIN in spec.roles:
                user.is_staff = user.is_superuser = True
            if Role.PRIVACY_OFFICER in spec.roles:
                user.is_staff = True  # publishes rulebook versions in /admin/
            user.save()
        team = Team.objects.filter(organisation=orgs[spec.organisation], name=spec.team).first() if spec.team else None
        for role in spec.roles:
            Membership.objects.get_or_create(
                user=user, organisation=orgs[spec.organisation], role=role, defaults={"team": team}
            )


def organisations() -> dict[str, Organisation]:
    return {o.name: o for o in Organisation.objects.filter(name__endswith=MARK)}


def login_table() -> str:
    rows = ["| gebruiker | rol | organisatie | probeer |", "| --- | --- | --- | --- |"]
    for spec in USERS:
        roles = ", ".join(str(Role(r).label) for r in spec.roles)
        rows.append(f"| `{spec.username}` | {roles} | {spec.organisation} | {spec.try_this} |")
    return "\n".join(rows)
