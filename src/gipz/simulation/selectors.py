"""Reads for capacity planning: who may plan, their scenarios and runs, and model input from the platform's data."""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.core.dbrouter import heavy_reads
from gipz.core.errors import ServiceError
from gipz.geo.models import Municipality
from gipz.simulation.core import baseline, presets
from gipz.simulation.core.scenario import HOURS_PER_WEEK
from gipz.simulation.forms import BASES, SHIFTS, URGENCY_CODES, base_key, default_settings
from gipz.simulation.models import ScenarioRecord, SimulationRun, Source
from gipz.situations.models import Situation

MIN_HISTORY = 50  # fewer situations than this say too little about a year


def can_plan(actor: Actor | None) -> bool:
    return actor is not None and actor.can_plan_capacity


def scenarios_for(actor: Actor) -> QuerySet[ScenarioRecord]:
    if not can_plan(actor):
        return ScenarioRecord.objects.none()
    return ScenarioRecord.objects.filter(organisation=actor.organisation)


def runs_for(actor: Actor) -> QuerySet[SimulationRun]:
    if not can_plan(actor):
        return SimulationRun.objects.none()
    return SimulationRun.objects.filter(scenario__organisation=actor.organisation).select_related("scenario")


def region_places() -> list[presets.Place]:
    """Today's municipalities of the police unit the scenario's bases serve (the country is loaded, the scenario
    covers one unit)."""
    municipalities = (
        Municipality.objects.filter(active=True, safety_region__police_unit=presets.MIDDEN_NEDERLAND_UNIT)
        .select_related("safety_region")
        .order_by("code")
    )
    return [presets.Place(m.code, m.name, m.safety_region.code if m.safety_region else "") for m in municipalities]


def history_window(now: datetime) -> tuple[datetime, datetime]:
    return now - timedelta(days=365), now


def history_summary(*, now: datetime | None = None) -> dict[str, Any]:
    """Last year's situations: all of them per municipality and hour of week (the funnel's base), how many a crisis
    service accepted, sent a team to and reached (the funnel's shares), the urgency mix of those a team goes out for,
    and the median time from the team's arrival to the handover."""
    start, end = history_window(now or timezone.now())
    rows = Situation.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "municipality__code", "created_at", "urgency", "accepted_at", "en_route_at", "on_site_at", "handed_over_at"
    )
    per_municipality: Counter[str] = Counter()
    per_hour = [0] * HOURS_PER_WEEK
    per_urgency: Counter[str] = Counter()
    funnel = Counter[str]()
    handovers: list[float] = []
    tz = timezone.get_current_timezone()
    for code, created_at, urgency, accepted_at, en_route_at, on_site_at, handed_over_at in rows:
        local = created_at.astimezone(tz)
        per_municipality[code] += 1
        per_hour[local.weekday() * 24 + local.hour] += 1
        funnel["accepted"] += accepted_at is not None
        funnel["en_route"] += accepted_at is not None and en_route_at is not None
        funnel["on_site"] += accepted_at is not None and en_route_at is not None and on_site_at is not None
        if urgency in URGENCY_CODES:
            per_urgency[urgency] += 1
        if on_site_at and handed_over_at and handed_over_at >= on_site_at:
            handovers.append((handed_over_at - on_site_at).total_seconds() / 60)
    total = sum(per_municipality.values())
    team_calls = sum(per_urgency.values())
    return {
        "situations": total,
        "per_municipality": dict(per_municipality),
        "hour_of_week": per_hour,
        "funnel": {"situations": total, **funnel},
        "urgency_share": {code: per_urgency[code] / team_calls for code in URGENCY_CODES} if team_calls else {},
        "handover_minutes": median(handovers) if len(handovers) >= 10 else None,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def _wilson(successes: int, trials: int) -> tuple[float, float]:
    """95 % Wilson score interval of a share: the range a step measured from history states."""
    z, share = 1.96, successes / trials
    centre = (share + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


FUNNEL_FROM_HISTORY = (  # step → (numerator, denominator) in history_summary()["funnel"]
    ("needs_crisis_service", "accepted", "situations"),
    ("not_resolved_by_phone", "en_route", "accepted"),
    ("seen_in_person", "on_site", "en_route"),
)


def funnel_steps(settings: dict[str, Any], history: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The demand funnel: each step's share from the settings (the documented defaults unless changed), or — with the
    platform's history as source — measured, where at least MIN_HISTORY situations reached that step."""
    defaults = {step["code"]: step for step in presets.DEFAULT_FUNNEL}
    steps = []
    for code, numerator, denominator in FUNNEL_FROM_HISTORY:
        default = defaults[code]
        share = round(float(settings.get(f"funnel_{code}", default["share"] * 100)) / 100, 6)
        step = {"code": code, "share": share, "low": min(default["low"], share),
                "high": max(default["high"], share), "source": default["source"]}  # fmt: skip
        if abs(share - default["share"]) > 1e-9:
            step["source"] = _("Eigen aanname van de planner (standaard %(share).1f%%).") % {
                "share": default["share"] * 100
            }
        counts = (history or {}).get("funnel", {})
        trials = counts.get(denominator, 0)
        if trials >= MIN_HISTORY:
            low, high = _wilson(counts.get(numerator, 0), trials)
            measured = counts.get(numerator, 0) / trials
            if measured > 0:
                step = {"code": code, "share": measured, "low": low, "high": high,
                        "source": _("GIPZ-historie: %(k)d van %(n)d meldingen (95%%-interval).")
                        % {"k": counts.get(numerator, 0), "n": trials}}  # fmt: skip
        steps.append(step)
    return steps


def _registrations(places: list[presets.Place], year: int, growth_percent: float) -> dict[str, float]:
    """E33 registrations per municipality in the funnel's calibration year, grown by the chosen rate to `year`."""
    try:
        base = baseline.arrivals_per_year([p.code for p in places], presets.CALIBRATION_YEAR)
    except (KeyError, ValueError) as exc:
        raise ServiceError(_("Geen E33-cijfers voor deze keuze: %(error)s") % {"error": exc}, field="year") from None
    factor = (1 + growth_percent / 100) ** (year - presets.CALIBRATION_YEAR)
    return {code: count * factor for code, count in base.items()}


def build_parameters(settings: dict[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    """Model input (see `core.scenario.Scenario.from_dict`) for a scenario's settings, as of `now`: the baselines
    are read from the replica when there is one."""
    with heavy_reads():
        return _build_parameters(settings, now=now)


def _build_parameters(settings: dict[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    settings = {**default_settings(), **settings}  # a scenario saved before a setting existed takes its default
    places = region_places()
    history = None
    if settings["source"] == Source.HISTORY:
        history = history_summary(now=now)
        if history["situations"] < MIN_HISTORY:
            raise ServiceError(
                _("Te weinig historie: %(n)d meldingen in de afgelopen 12 maanden (minimaal %(min)d nodig). "
                  "Kies de E33-registraties als bron.") % {"n": history["situations"], "min": MIN_HISTORY},
                field="source",
            )  # fmt: skip
        arrivals = {p.code: float(history["per_municipality"].get(p.code, 0)) for p in places}
        # Hours without any situation keep a small weight: one quiet year is not proof of a quiet hour.
        hour_of_week = [max(count, 0.1) for count in history["hour_of_week"]]
        note = _("Eigen historie %(start)s – %(end)s: %(n)d meldingen") % {
            "start": history["start"][:10], "end": history["end"][:10], "n": history["situations"],
        }  # fmt: skip
    else:
        arrivals = _registrations(places, int(settings["year"]), float(settings["growth_percent"] or 0))
        hour_of_week = presets.default_hour_of_week()
        note = _("E33-registraties van %(base)s als basis, %(growth)s%% groei per jaar tot %(year)s") % {
            "base": presets.CALIBRATION_YEAR, "growth": f"{float(settings['growth_percent'] or 0):g}",
            "year": settings["year"],
        }  # fmt: skip
    urgencies = [
        {
            "code": code,
            "share": settings[f"{code}_share"] / 100,
            "target_minutes": settings[f"{code}_target"],
            "on_scene_mean_minutes": settings[f"{code}_scene_mean"],
            "on_scene_sd_minutes": settings[f"{code}_scene_sd"],
            "police_on_scene_share": settings[f"{code}_police"] / 100,
            "escort_share": settings[f"{code}_escort"] / 100,
            "long_share": settings[f"{code}_long"] / 100,
            "long_mean_minutes": settings["long_mean_minutes"],
            "long_sd_minutes": settings["long_sd_minutes"],
            "planned_next_day": bool(settings[f"{code}_planned"]),
        }
        for code in URGENCY_CODES
    ]
    parameters = presets.build(
        name=settings["name"],
        places=places,
        arrivals=arrivals,
        bases=BASES,
        road=presets.RoadRule(settings["travel_within"], settings["travel_detour"], settings["travel_speed"]),
        centres=presets.municipality_centres(),
        urgencies=urgencies,
        hour_of_week=hour_of_week,
        funnel=funnel_steps(settings, history),
        days=settings["days"],
        seed=settings["seed"],
        handover_minutes=settings["handover_minutes"],
        police_officers_per_call=settings["police_officers_per_call"],
        team_size=settings["team_size"],
        fte_hours_per_week=settings["fte_hours_per_week"],
        productive_share=settings["productive_percent"] / 100,
        triage_minutes=settings["triage_minutes"],
        escort_wait_minutes=settings["escort_wait_minutes"],
        no_contact_share=settings["no_contact_percent"] / 100,
        no_contact_minutes=settings["no_contact_minutes"],
        planned_hour=int(settings["planned_hour"]),
        shift_handover_minutes=settings["shift_handover_minutes"],
        police_alone_minutes=settings["police_alone_minutes"],
        min_teams_per_base=int(settings["min_teams_per_base"]),
    )
    parameters["targets"] = [
        {"urgency": code, "within_minutes": settings[f"{code}_target"], "min_share": settings[f"{code}_norm"] / 100}
        for code in URGENCY_CODES
        if settings.get(f"{code}_norm") is not None
    ]
    parameters["shifts"] = [
        {
            "name": shift,
            "start_hour": settings[f"shift_{shift}_start"],
            "hours": settings[f"shift_{shift}_hours"],
            "teams": {base: settings[f"teams_{shift}_{base_key(base)}"] for base, _code in BASES},
            "turnout_minutes": settings[f"shift_{shift}_turnout"],
        }
        for shift, _start, _hours in SHIFTS
    ]
    parameters["source_note"] = str(note)
    return parameters


def settings_from_history(settings: dict[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    """Settings prefilled with last year's urgency mix and handover time (for 'start from last year')."""
    history = history_summary(now=now)
    updated = {**settings, "source": Source.HISTORY}
    if history["urgency_share"]:
        for code, share in history["urgency_share"].items():
            updated[f"{code}_share"] = round(share * 100, 1)
        drift = 100 - sum(updated[f"{code}_share"] for code in URGENCY_CODES)
        updated[f"{URGENCY_CODES[0]}_share"] = round(updated[f"{URGENCY_CODES[0]}_share"] + drift, 1)
    if history["handover_minutes"] is not None:
        updated["handover_minutes"] = round(history["handover_minutes"], 1)
    return updated
