"""Demo data for 'wie zorgt voor wat': the region's werkafspraak, key figures, preventive requests, unsafe-situation
reports, a consult and joint trainings — all made through the real services, all fictional."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from gipz.accounts.actor import Actor, actor_for
from gipz.accounts.models import Team, User
from gipz.agreements.models import AgreementVersion
from gipz.agreements.services import agreement_approve, agreement_draft_create, agreement_draft_update
from gipz.geo.models import Municipality
from gipz.keyfigures.services import KeyFigureData, consult_answer, consult_request, key_figure_save
from gipz.learning.services.activities import ActivityData, activity_create, activity_register
from gipz.prevention.models import PreventiveRequest
from gipz.prevention.services import (
    DecisionData,
    PreventiveRequestData,
    preventive_request_create,
    preventive_request_decide,
    preventive_request_record_outcome,
)
from gipz.situations.models import OPEN_STATUSES, Situation
from gipz.unsafety.services import (
    UnsafeReportData,
    unsafe_report_close,
    unsafe_report_create,
    unsafe_report_pick_up,
    unsafe_report_respond,
)

CONTACTS = [
    {
        "name": "Officier van dienst politie",
        "organisation": "Politie",
        "phone": "0900-0000001 (fictief)",
        "when": "24/7",
    },
    {
        "name": "Achterwacht crisisdienst",
        "organisation": "Crisisdienst",
        "phone": "030-0000002 (fictief)",
        "when": "24/7",
    },
    {
        "name": "Zorg- en Veiligheidshuis",
        "organisation": "Gemeente",
        "phone": "030-0000003 (fictief)",
        "when": "kantoortijd",
    },
]


def _actor(username: str) -> Actor:
    actor = actor_for(User.objects.get(username=username))
    assert actor is not None
    return actor


def ensure_collaboration_demo(*, now: datetime | None = None) -> int:
    """Idempotent: does nothing once the demo's preventive requests exist. Returns how many objects it made."""
    if PreventiveRequest.objects.exists():
        return 0
    now = now or timezone.now()
    made = _agreement(now) + _key_figures()
    made += _preventive(now) + _unsafe(now) + _consult() + _activities(now)
    return made


def _agreement(now: datetime) -> int:
    if AgreementVersion.objects.exists():
        return 0
    municipality_official = _actor("gemeente")
    utrecht = Municipality.objects.get(code="GM0344")
    draft = agreement_draft_create(
        actor=municipality_official,
        safety_region_id=utrecht.safety_region_id,
        title="Werkafspraken politie en zorg Midden-Nederland (demo)",
    )
    terms = {**draft.terms, "contacts": CONTACTS}
    agreement_draft_update(actor=municipality_official, version_id=draft.pk, title=draft.title, terms=terms)
    agreement_approve(
        actor=municipality_official,
        version_id=draft.pk,
        effective_from=timezone.localdate(now),
        approval_note="Regionaal overleg zorg en veiligheid (fictief)",
    )
    return 1


def _key_figures() -> int:
    utrecht = Municipality.objects.get(code="GM0344")
    nearby = list(Municipality.objects.filter(code__in=["GM0344", "GM0307", "GM0356"]).values_list("pk", flat=True))
    for username, domains, expertise, phone, on_call in [
        (
            "sleutelfiguur",
            ["police"],
            "Wijkagent met ervaring in verward gedrag en de Wvggz.",
            "06-00000010 (fictief)",
            True,
        ),
        (
            "sleutel-ggz",
            ["ggz", "addiction"],
            "GGZ-verpleegkundige, kent de politiepraktijk.",
            "06-00000011 (fictief)",
            False,
        ),
    ]:
        actor = _actor(username)
        key_figure_save(
            actor=actor,
            user_id=actor.user.pk,
            data=KeyFigureData(
                domains=domains,
                municipality_ids=nearby or [utrecht.pk],
                expertise=expertise,
                phone=phone,
                reachable_hours="ma–vr 8:30–17:00",
                on_call=on_call,
            ),
        )
    return 2


def _preventive(now: datetime) -> int:
    care, chief = _actor("zorg"), _actor("teamchef")
    police = chief.organisation
    utrecht = Municipality.objects.get(code="GM0344")
    team = Team.objects.get(organisation=police, name="Basisteam Utrecht-Centrum")

    def ask(kind: str, planned: datetime, at: datetime, **risk: object) -> PreventiveRequest:
        data = PreventiveRequestData(
            police_organisation_id=police.pk,
            municipality_id=utrecht.pk,
            event_kind=kind,
            planned_at=planned,
            location="Fictieve Laan 12, Utrecht",
            description="Fictief: bewoner met psychische problemen, eerder conflict met de verhuurder.",
            care_measures="Twee begeleiders gaan mee; de huisarts is op de hoogte.",
            **{"violence_history": "no", "weapons": "no", "known_to_police": "unknown", **risk},  # type: ignore[arg-type]
        )
        return preventive_request_create(actor=care, data=data, now=at)

    ask("eviction", now + timedelta(days=6, hours=2), now - timedelta(hours=3), violence_history="yes")
    assisted = ask("out_of_home_placement", now + timedelta(days=4), now - timedelta(days=1), known_to_police="yes")
    preventive_request_decide(
        actor=chief,
        request_id=assisted.pk,
        data=DecisionData(
            decision="assist", reason="Eerder incident bekend; twee agenten op afstand.", team_id=team.pk, officers=2
        ),
        now=now - timedelta(hours=20),
    )
    earlier = ask("eviction", now - timedelta(days=10), now - timedelta(days=20))
    preventive_request_decide(
        actor=chief,
        request_id=earlier.pk,
        data=DecisionData(
            decision="not_needed",
            reason="Geen aanwijzingen voor geweld.",
            advised_alternative="Woningcorporatie zet eigen beveiliging in; bij escalatie 112.",
        ),
        now=now - timedelta(days=18),
    )
    preventive_request_record_outcome(
        actor=care, request_id=earlier.pk, outcome="calm", note="Verliep rustig.", now=now - timedelta(days=10)
    )
    return 3


def _unsafe(now: datetime) -> int:
    care, police = _actor("zorg"), _actor("teamchef")
    utrecht = Municipality.objects.get(code="GM0344")

    def report(**changes: object) -> int:
        data = {
            "police_organisation_id": police.organisation.pk,
            "municipality_id": utrecht.pk,
            "setting": "inside",
            "location": "Fictieve kliniek De Horizon, afdeling 2",
            "occurred_at": now - timedelta(hours=5),
            "description": "Fictief: cliënt bedreigde een verpleegkundige.",
            "severity_code": "2",
            "request_kind": "aangifte_support",
            **changes,
        }
        return unsafe_report_create(actor=care, data=UnsafeReportData(**data)).pk  # type: ignore[arg-type]

    report()
    acute = report(
        severity_code="3",
        acute=True,
        request_kind="record_only",
        occurred_at=now - timedelta(days=3),
        police_arrived_at=now - timedelta(days=3) + timedelta(minutes=9),
        description="Fictief: cliënt sloeg een begeleider; 112 gebeld.",
    )
    unsafe_report_pick_up(actor=police, report_id=acute)
    unsafe_report_respond(actor=police, report_id=acute, response_kind="arrest", note="Verdachte aangehouden.")
    unsafe_report_close(actor=care, report_id=acute, aangifte="made", follow_up="to_prosecutor")
    advice = report(severity_code="1", setting="home_visit", location="Fictief huisbezoek, Utrecht-Oost", vpt=True)
    unsafe_report_respond(actor=police, report_id=advice, response_kind="advice", note="Advies: bezoeken met twee.")
    return 3


def _consult() -> int:
    situation = Situation.objects.filter(status__in=OPEN_STATUSES, municipality__code="GM0344").first()
    if situation is None:
        return 0
    police, key = _actor("agent"), _actor("sleutel-ggz")
    from gipz.keyfigures.models import KeyFigure

    consult = consult_request(
        actor=police,
        situation_id=situation.pk,
        key_figure_id=KeyFigure.objects.get(user=key.user).pk,
        question="Fictief: wat werkt bij iemand die hulpverleners wantrouwt?",
    )
    consult_answer(actor=key, consult_id=consult.pk, outcome="Rustig benaderen, één aanspreekpunt, familie betrekken.")
    return 1


def _activities(now: datetime) -> int:
    start = (now + timedelta(days=9)).replace(hour=9, minute=0, second=0, microsecond=0)
    training = activity_create(
        actor=_actor("coordinator"),
        data=ActivityData(
            kind="training",
            title="Samen de-escaleren bij verward gedrag",
            description="Politie en crisisdienst oefenen de overdracht met acteurs.",
            location="Opleidingscentrum Utrecht (fictief)",
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            capacity=16,
        ),
    )
    shadow = activity_create(
        actor=_actor("sleutelfiguur"),
        data=ActivityData(
            kind="shadowing",
            title="Kijkje in de keuken: een avonddienst noodhulp",
            description="Meelopen met de noodhulp in Utrecht-Centrum, voor zorgprofessionals.",
            location="Politiebureau Utrecht-Centrum (fictief)",
            starts_at=start + timedelta(days=7, hours=9),
            ends_at=start + timedelta(days=7, hours=17),
            capacity=2,
            audience="care",
        ),
    )
    activity_register(actor=_actor("agent"), activity_id=training.pk)
    activity_register(actor=_actor("crisis"), activity_id=training.pk)
    activity_register(actor=_actor("zorg"), activity_id=shadow.pk)
    return 2
