"""Synthetic national history for scale tests and benchmarks: `gipz generate-history`.

Ten years of situations over every Dutch municipality (today's 342), written in bulk — not
through the services, which would take hours — with distributions taken from the reference data and the field:

- per year: the shape of the national E33 series (2011–2017 from the police's file, 2018–2024 as reported), scaled
  so the years add up to the requested total;
- per municipality: inhabitants × its own E33 rate per 1,000 (2017), so cities weigh more than villages;
- per hour and weekday: an evening peak and busier weekends, as in police incident data;
- urgency, offence, crisis request, response and waiting times, follow-up, persons (some return), evaluations
  (some flag an improper call).

Everything is fictional and marked: synthetic organisations (taking part in what they made) and a user own every
row, persons have no name, and the references start with 'S'. The monthly rollups are rebuilt afterwards.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from gipz.accounts.models import Organisation, OrganisationType, User
from gipz.geo.models import Municipality
from gipz.monitoring.e33 import MUNICIPAL_FILE, parse_e33
from gipz.privacy.models import Person
from gipz.situations.models import CareRequest, Evaluation, FollowUp, Participant, Situation, Status

# National E33 totals: 2011–2017 from ../shared/data/e33, later years as reported by the police (2019 and 2022
# interpolated), 2025 extrapolated from the last step.
NATIONAL_E33 = {
    2011: 39974, 2012: 43499, 2013: 52017, 2014: 58903, 2015: 65913, 2016: 74929, 2017: 83548,
    2018: 90605, 2019: 96429, 2020: 102253, 2021: 130184, 2022: 136001, 2023: 141817, 2024: 149827, 2025: 157837,
}  # fmt: skip
HOUR_WEIGHTS = [3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 7, 7, 8, 8, 8, 7, 6, 5, 4]
WEEKDAY_WEIGHTS = [13, 13, 13, 14, 15, 16, 16]
URGENCIES = (("U1", 5), ("U2", 25), ("U3", 40), ("U4", 15), ("U5", 15))
OFFENCES = (("no", 70), ("yes", 15), ("unclear", 15))
ON_SITE_MEDIAN = {"U1": 30, "U2": 45, "U3": 140, "U4": 600, "U5": 900}
FOLLOW_UPS = (
    ("home_follow_up", 30), ("referral", 20), ("voluntary_admission", 10), ("wvggz_crisis_measure", 8),
    ("meldpunt", 12), ("gp", 15), ("none", 5),
)  # fmt: skip
TENSIONS = ("signalling", "prevention", "unsafety_in_care", "information_exchange", "expertise", "mutual_expectations")
MARK = "(synthetisch)"


@dataclass(frozen=True)
class Owner:
    police: Organisation
    crisis: Organisation
    user: User


def _owner() -> Owner:
    police, _ = Organisation.objects.get_or_create(name=f"Politie {MARK}", defaults={"type": OrganisationType.POLICE})
    crisis, _ = Organisation.objects.get_or_create(
        name=f"Crisisdienst {MARK}", defaults={"type": OrganisationType.CRISIS_SERVICE}
    )
    user, created = User.objects.get_or_create(username="synthetisch", defaults={"first_name": "Synthetische historie"})
    if created:
        user.set_unusable_password()
        user.save()
    return Owner(police=police, crisis=crisis, user=user)


def year_counts(total: int, years: list[int]) -> dict[int, int]:
    """Split `total` over the years in proportion to the national E33 series (largest remainder, exact sum)."""
    weights = [NATIONAL_E33.get(y, NATIONAL_E33[max(NATIONAL_E33)]) for y in years]
    shares = [total * w / sum(weights) for w in weights]
    counts = [math.floor(s) for s in shares]
    for i in sorted(range(len(years)), key=lambda i: shares[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[i] += 1
    return dict(zip(years, counts, strict=True))


def municipality_weights() -> tuple[list[Municipality], list[float]]:
    """Active municipalities with their weight: inhabitants × E33 rate (2017); the national mean rate if unknown."""
    rates = {r.code: r.per_1000 for r in parse_e33(MUNICIPAL_FILE.read_bytes()) if r.year == 2017}
    mean = sum(rates.values()) / len(rates)
    municipalities = list(Municipality.objects.filter(active=True, population__isnull=False).order_by("code"))
    return municipalities, [(m.population or 0) * rates.get(m.code, mean) for m in municipalities]


def _moments(rng: random.Random, year: int, n: int) -> list[datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime(year, 1, 1, tzinfo=zone)
    days = (datetime(year + 1, 1, 1, tzinfo=zone) - start).days
    day_weights = [WEEKDAY_WEIGHTS[(start + timedelta(days=d)).weekday()] for d in range(days)]
    chosen_days = rng.choices(range(days), day_weights, k=n)
    hours = rng.choices(range(24), HOUR_WEIGHTS, k=n)
    return sorted(
        (start + timedelta(days=d, hours=h, seconds=rng.randrange(3600))).astimezone(ZoneInfo("UTC"))
        for d, h in zip(chosen_days, hours, strict=True)
    )


def _minutes(rng: random.Random, median: float) -> float:
    return max(3.0, rng.lognormvariate(math.log(median), 0.6))


def _batches(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


def generate_national_history(
    *,
    total: int = 1_500_000,
    last_year: int = 2025,
    years: int = 10,
    seed: int = 33,
    batch: int = 20_000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write `total` synthetic situations over `years` years ending with `last_year`; returns how many."""
    rng = random.Random(seed)
    owner = _owner()
    municipalities, weights = municipality_weights()
    cumulative = _cumulative(weights)
    pool = max(1, total // 4)  # person pseudonyms: a quarter as many persons as situations, so some return
    made = 0
    serial = Situation.objects.filter(reference__startswith="S").count()
    for year, count in year_counts(total, list(range(last_year - years + 1, last_year + 1))).items():
        moments = iter(_moments(rng, year, count))
        for size in _batches(count, batch):
            with transaction.atomic():
                made += _write_batch(
                    rng, owner, municipalities, cumulative, [next(moments) for _ in range(size)], serial + made, pool
                )
            if progress:
                progress(size)
    return made


def _cumulative(weights: list[float]) -> list[float]:
    out, running = [], 0.0
    for w in weights:
        running += w
        out.append(running)
    return out


def _write_batch(
    rng: random.Random,
    owner: Owner,
    municipalities: list[Municipality],
    cumulative: list[float],
    moments: list[datetime],
    serial: int,
    pool: int,
) -> int:
    places = rng.choices(municipalities, cum_weights=cumulative, k=len(moments))
    situations: list[Situation] = []
    plans: list[tuple[bool, float | None, float | None, bool]] = []
    for i, (created, municipality) in enumerate(zip(moments, places, strict=True)):
        urgency = rng.choices([u for u, _ in URGENCIES], [w for _, w in URGENCIES])[0]
        requested = rng.random() < (0.95 if urgency in ("U2", "U3", "U4") else 0.1)
        on_site = _minutes(rng, ON_SITE_MEDIAN[urgency]) if requested and rng.random() < 0.93 else None
        handed = on_site + rng.uniform(15, 75) if on_site is not None and rng.random() < 0.95 else None
        closed = handed is not None or not requested
        situations.append(
            Situation(
                reference=f"S{serial + i:09d}",
                status=Status.CLOSED if closed else Status.CANCELLED,
                municipality=municipality,
                location=f"Synthetisch {MARK}",
                description=f"Synthetische melding {MARK}",
                reporting_organisation=owner.police,
                created_by=owner.user,
                created_at=created,
                offence=rng.choices([o for o, _ in OFFENCES], [w for _, w in OFFENCES])[0],
                advised_urgency=urgency,
                urgency=urgency,
                situation_type="confused_no_offence",
                on_site_at=created + timedelta(minutes=on_site) if on_site is not None else None,
                accepted_at=created + timedelta(minutes=5) if requested else None,
                handed_over_at=created + timedelta(minutes=handed) if handed is not None else None,
                closed_at=created + timedelta(hours=6) if closed else None,
                cancelled_at=None if closed else created + timedelta(hours=1),
            )
        )
        plans.append((requested, on_site, handed, rng.random() < 0.4))
    Situation.objects.bulk_create(situations, batch_size=5000)
    requests, follow_ups, persons, evaluations, participants = [], [], [], [], []
    for situation, (requested, _on_site, handed, has_person) in zip(situations, plans, strict=True):
        # The synthetic police and crisis service take part, as in real work: their lists and the API see these.
        participants.append(Participant.of(situation, owner.police, Participant.Kind.REPORTER))
        if requested:
            participants.append(Participant.of(situation, owner.crisis, Participant.Kind.ASSIGNED))
            requests.append(
                CareRequest(
                    situation=situation,
                    organisation=owner.crisis,
                    status=CareRequest.Status.ACCEPTED,
                    requested_at=situation.created_at,
                    acknowledge_deadline=situation.created_at + timedelta(minutes=10),
                    accepted_at=situation.accepted_at,
                )
            )
        if handed is not None and rng.random() < 0.6:
            kind = rng.choices([k for k, _ in FOLLOW_UPS], [w for _, w in FOLLOW_UPS])[0]
            follow_ups.append(
                FollowUp(situation=situation, kind=kind, status=FollowUp.Status.DONE, created_by=owner.user)
            )
        if has_person:
            persons.append(
                Person(
                    situation=situation,
                    pseudonym=f"synth{rng.randrange(pool):08d}",
                    recorded_by=owner.user,
                    recorded_by_organisation=owner.police,
                )
            )
        if situation.status == Status.CLOSED and requested and rng.random() < 0.3:
            improper = rng.random() < 0.15
            evaluations.append(
                Evaluation(
                    situation=situation,
                    side=Evaluation.Side.POLICE,
                    organisation=owner.police,
                    author=owner.user,
                    rating=rng.randint(1, 5),
                    improper_call=improper,
                    improper_call_reason="Synthetisch" if improper else "",
                    tensions=sorted(rng.sample(TENSIONS, rng.choice((0, 0, 1, 2)))),
                )
            )
    Participant.objects.bulk_create(participants, batch_size=5000)
    CareRequest.objects.bulk_create(requests, batch_size=5000)
    FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
    Person.objects.bulk_create(persons, batch_size=5000)
    Evaluation.objects.bulk_create(evaluations, batch_size=5000)
    return len(situations)
