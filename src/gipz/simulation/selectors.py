"""Reads for capacity planning: who may plan, their scenarios and runs, and model input from the platform's data."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.core.errors import ServiceError
from gipz.geo.models import Municipality
from gipz.simulation.core import baseline, presets
from gipz.simulation.core.scenario import HOURS_PER_WEEK
from gipz.simulation.forms import BASES, SHIFTS, URGENCY_CODES, base_key
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
    """Last year's situations that a crisis team goes out for: counts per municipality, hour of week, urgency mix,
    and the median time from the team's arrival to the handover."""
    start, end = history_window(now or timezone.now())
    rows = Situation.objects.filter(created_at__gte=start, created_at__lt=end, urgency__in=URGENCY_CODES).values_list(
        "municipality__code", "created_at", "urgency", "on_site_at", "handed_over_at"
    )
    per_municipality: Counter[str] = Counter()
    per_hour = [0] * HOURS_PER_WEEK
    per_urgency: Counter[str] = Counter()
    handovers: list[float] = []
    tz = timezone.get_current_timezone()
    for code, created_at, urgency, on_site_at, handed_over_at in rows:
        local = created_at.astimezone(tz)
        per_municipality[code] += 1
        per_hour[local.weekday() * 24 + local.hour] += 1
        per_urgency[urgency] += 1
        if on_site_at and handed_over_at and handed_over_at >= on_site_at:
            handovers.append((handed_over_at - on_site_at).total_seconds() / 60)
    total = sum(per_municipality.values())
    return {
        "situations": total,
        "per_municipality": dict(per_municipality),
        "hour_of_week": per_hour,
        "urgency_share": {code: per_urgency[code] / total for code in URGENCY_CODES} if total else {},
        "handover_minutes": median(handovers) if len(handovers) >= 10 else None,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def build_parameters(settings: dict[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    """Model input (see `core.scenario.Scenario.from_dict`) for a scenario's settings, as of `now`."""
    places = region_places()
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
        try:
            arrivals = baseline.arrivals_per_year(
                [p.code for p in places], int(settings["year"]), growth_per_year=float(settings["growth_percent"]) / 100
            )
        except (KeyError, ValueError) as exc:
            raise ServiceError(
                _("Geen E33-cijfers voor deze keuze: %(error)s") % {"error": exc}, field="year"
            ) from None
        hour_of_week = presets.default_hour_of_week()
        note = _("E33-registraties geschaald naar %(year)s") % {"year": settings["year"]}
    urgencies = [
        {
            "code": code,
            "share": settings[f"{code}_share"] / 100,
            "target_minutes": settings[f"{code}_target"],
            "on_scene_mean_minutes": settings[f"{code}_scene_mean"],
            "on_scene_sd_minutes": settings[f"{code}_scene_sd"],
            "police_on_scene_share": settings[f"{code}_police"] / 100,
        }
        for code in URGENCY_CODES
    ]
    parameters = presets.build(
        name=settings["name"],
        places=places,
        arrivals=arrivals,
        bases=BASES,
        travel=presets.TravelRule(settings["travel_same"], settings["travel_region"], settings["travel_other"]),
        urgencies=urgencies,
        hour_of_week=hour_of_week,
        days=settings["days"],
        seed=settings["seed"],
        handover_minutes=settings["handover_minutes"],
        police_officers_per_call=settings["police_officers_per_call"],
        team_size=settings["team_size"],
        fte_hours_per_week=settings["fte_hours_per_week"],
        productive_share=settings["productive_percent"] / 100,
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
