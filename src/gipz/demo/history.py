"""A year of fictional history, made through the real services (so timelines and audit rows are consistent)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from gipz.accounts.actor import Actor, actor_for
from gipz.accounts.models import Organisation, User
from gipz.core.errors import ServiceError
from gipz.core.models import Job
from gipz.geo.models import Municipality
from gipz.situations import services, triage
from gipz.situations.models import FollowUp, Notification, Situation, Status, Tension

STREETS = [
    "Stationsplein",
    "Oudegracht",
    "Marktplein",
    "Kerkstraat",
    "Dorpsstraat",
    "Parkweg",
    "Havenkade",
    "Schoolstraat",
    "Molenweg",
    "Julianalaan",
    "Wilhelminapark",
    "Busstation",
    "Winkelcentrum",
]
DESCRIPTIONS = [
    "Man roept verward op straat en valt voorbijgangers lastig",
    "Vrouw zit al uren op het perron en reageert niet samenhangend",
    "Buren melden een oudere man die 's nachts verward op straat loopt",
    "Jongeman dreigt zichzelf iets aan te doen, zit op de brugleuning",
    "Persoon onder invloed, agressief tegen winkelpersoneel",
    "Vrouw belt herhaaldelijk 112 met angstige verhalen",
    "Dakloze man slaapt in portiek, koud weer, reageert verward",
    "Man met bekende psychiatrische achtergrond weigert medicatie, onrustig",
]
# (weight, answers) — a rough mix of what police meet in E33 situations.
SCENARIOS: list[tuple[int, dict[str, object]]] = [
    (30, {"care_indicators": {"psychiatric"}}),
    (12, {"care_indicators": {"psychiatric", "addiction"}, "intoxication": True}),
    (10, {"care_indicators": {"dementia"}}),
    (8, {"care_indicators": {"intellectual_disability"}}),
    (8, {"care_indicators": {"homelessness"}}),
    (10, {"care_indicators": {"psychiatric"}, "danger_to_self": True}),
    (5, {"care_indicators": {"psychiatric"}, "danger_to_others": True}),
    (3, {"care_indicators": {"psychiatric"}, "danger_to_self": True, "weapon": True}),
    (3, {"medical_emergency": True, "care_indicators": {"addiction"}}),
    (6, {"care_indicators": set()}),
    (5, {"care_indicators": {"psychiatric"}, "minors_present": True}),
]
# Hour-of-day weights: quieter at night and early morning, busiest late afternoon and evening.
HOUR_WEIGHTS = [3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 7, 6, 5, 4, 3]


@dataclass
class Cast:
    police: list[Actor]
    crisis: list[Actor]
    care_orgs: list[Organisation]
    municipality_org: Organisation


def cast() -> Cast:
    def actors(*usernames: str) -> list[Actor]:
        found = [actor_for(User.objects.get(username=name)) for name in usernames]
        return [a for a in found if a is not None]

    from gipz.demo.world import CARE_PROVIDERS, MUNICIPALITY

    return Cast(
        police=actors("agent", "meldkamer", "sleutelfiguur"),
        crisis=actors("crisis", "crisis2", "achterwacht"),
        care_orgs=list(Organisation.objects.filter(name__in=CARE_PROVIDERS)),
        municipality_org=Organisation.objects.get(name=MUNICIPALITY),
    )


def _answers(rng: random.Random) -> triage.TriageAnswers:
    weights, scenarios = zip(*SCENARIOS, strict=True)
    chosen = dict(rng.choices(scenarios, weights=weights)[0])
    offence = rng.choices([triage.Offence.NO, triage.Offence.UNCLEAR, triage.Offence.YES], [75, 15, 10])[0]
    indicators = frozenset(chosen.pop("care_indicators"))  # type: ignore[arg-type]
    return triage.TriageAnswers(offence=offence, care_indicators=indicators, **chosen)  # type: ignore[arg-type]


def _moment(rng: random.Random, now: datetime, days_back: float, min_days: float) -> datetime:
    day = now - timedelta(days=rng.uniform(min_days, days_back))
    hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
    return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)


def _intake(rng: random.Random, c: Cast, municipality: Municipality, at: datetime) -> Situation:
    return services.situation_create(
        actor=rng.choice(c.police),
        now=at,
        data=services.IntakeData(
            municipality=municipality,
            location=f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {municipality.name}",
            description=rng.choice(DESCRIPTIONS),
            answers=_answers(rng),
        ),
    )


def play(rng: random.Random, c: Cast, situation: Situation, *, until: str, at: datetime) -> None:
    """Walk a routed situation through the flow up to status `until`, with realistic minutes between steps."""
    pk = situation.pk
    request = situation.care_request
    ack = timedelta(minutes=rng.choice([1, 2, 3, 4, 5, 6, 8, 9, 12, 15]))
    t = at + ack
    if t > request.acknowledge_deadline:
        services.care_request_escalate(request_id=request.pk, now=request.acknowledge_deadline)
    if until == Status.CANCELLED:
        services.situation_cancel(
            actor=c.police[0],
            situation_id=pk,
            now=t,
            reason=rng.choice(["Persoon is met familie mee naar huis", "Toch 112: ambulance"]),
        )
        return
    crisis = rng.choice(c.crisis)
    services.care_request_accept(actor=crisis, situation_id=pk, now=t)
    if until == Status.ACCEPTED:
        return
    travel = max(5, int(rng.gauss(35 if situation.urgency == "U2" else 70, 20)))
    services.situation_en_route(actor=crisis, situation_id=pk, eta_minutes=travel, now=t + timedelta(minutes=2))
    if until == Status.EN_ROUTE:
        return
    t += timedelta(minutes=2 + travel + rng.randint(-5, 15))
    services.situation_on_site(actor=crisis, situation_id=pk, now=t)
    if until == Status.ON_SITE:
        return
    t += timedelta(minutes=rng.randint(20, 90))
    services.handover_submit(
        actor=crisis,
        situation_id=pk,
        now=t,
        situation_text="Betrokkene rustig aangetroffen, aanspreekbaar.",
        background="Bekend bij de ambulante GGZ (fictief).",
        assessment="Geen acuut gevaar na beoordeling.",
        recommendation="Politie kan vertrekken; crisisdienst regelt het vervolg.",
    )
    services.handover_confirm_police(actor=c.police[0], situation_id=pk, now=t + timedelta(minutes=3))
    kinds = rng.sample(list(FollowUp.Kind.values), k=rng.choice([1, 1, 2]))
    for kind in kinds:
        owner = c.municipality_org if kind == FollowUp.Kind.MELDPUNT else rng.choice(c.care_orgs)
        services.follow_up_add(actor=crisis, situation_id=pk, kind=kind, responsible_organisation=owner)
    if until == Status.HANDED_OVER:
        return
    services.situation_close(actor=crisis, situation_id=pk, now=t + timedelta(hours=rng.randint(2, 48)))
    for actor, chance in ((c.police[0], 0.6), (crisis, 0.7)):
        if rng.random() < chance:
            improper = rng.random() < 0.15
            services.evaluation_submit(
                actor=actor,
                situation_id=pk,
                rating=rng.choice([2, 3, 3, 4, 4, 4, 5]),
                improper_call=improper,
                improper_call_reason="Geen acute zorgvraag; had via het wijkteam gekund." if improper else "",
                tensions=rng.sample(list(Tension.values), k=rng.choice([0, 1, 1, 2])),
            )


FINAL_STATES = [(Status.CLOSED, 82), (Status.CANCELLED, 8), (Status.HANDED_OVER, 4), (Status.ACCEPTED, 0)]


@transaction.atomic
def generate_history(*, now: datetime, count: int = 360, seed: int = 2026) -> int:
    rng = random.Random(seed)
    c = cast()
    # The demo's region: the municipalities its crisis service covers (the whole country is loaded).
    municipalities = list(
        Municipality.objects.filter(active=True, population__isnull=False, service_areas__isnull=False)
        .distinct()
        .order_by("code")
    )
    weights = [m.population or 0 for m in municipalities]
    made = 0
    for _ in range(count):
        at = _moment(rng, now, 365, 2)
        situation = _intake(rng, c, rng.choices(municipalities, weights)[0], at)
        made += 1
        if situation.status == Status.REFERRED:
            if rng.random() < 0.8:
                services.situation_close(actor=c.police[0], situation_id=situation.pk, now=at + timedelta(minutes=30))
            continue
        states, state_weights = zip(*FINAL_STATES, strict=True)
        play(rng, c, situation, until=rng.choices(states, state_weights)[0], at=at)
    # Escalations of the past were dealt with long ago: their alerts are read, so the board shows only today's.
    Notification.objects.filter(situation__created_at__lt=now - timedelta(days=1)).update(read_at=now)
    # Historical escalation jobs were handled above; mark them done so a starting worker does not replay a year.
    Job.objects.filter(run_at__lt=now - timedelta(hours=1), status=Job.Status.PENDING).update(
        status=Job.Status.DONE, finished_at=now
    )
    return made


@transaction.atomic
def generate_live(*, now: datetime, seed: int = 7) -> int:
    """A few open situations 'now' in Utrecht so the live board shows every open state."""
    rng = random.Random(seed)
    c = cast()
    utrecht = Municipality.objects.get(code="GM0344")
    made = 0
    plan: list[tuple[int, str | None]] = [
        (2, None),
        (14, "escalate"),
        (25, Status.ACCEPTED),
        (40, Status.EN_ROUTE),
        (70, Status.ON_SITE),
    ]
    for minutes_ago, until in plan:
        at = now - timedelta(minutes=minutes_ago)
        try:
            situation = _intake(rng, c, utrecht, at)
        except ServiceError:
            continue
        made += 1
        if situation.status != Status.REPORTED or until is None:
            continue
        if until == "escalate":
            services.care_request_escalate(request_id=situation.care_request.pk, now=now)
        else:
            play(rng, c, situation, until=until, at=at)
    return made
