"""`gipz simulate calibrate`: today's staffing of Midden-Nederland with the default assumptions, against the
published figures (see `core.calibration`)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.core.errors import ServiceError
from gipz.simulation import selectors
from gipz.simulation.core import presets
from gipz.simulation.core.calibration import CalibrationRow, calibrate
from gipz.simulation.core.scenario import Scenario, ScenarioError
from gipz.simulation.forms import base_key, default_settings

LABELS = {
    "U2_within_60": "U2 on site within 60 min",
    "U3_within_240": "U3 on site within 240 min",
    "visits_per_100k": "visits per 100,000 inhabitants",
    "police_present": "police present at the team's calls",
}
MAX_SEEDS = 100


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--seeds", type=int, default=10, help=f"simulated years (1–{MAX_SEEDS})")
    parser.add_argument("--days", type=int, default=365, help="days per simulated year (30–3650)")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")


def today_scenario(days: int) -> Scenario:
    """Midden-Nederland with the default assumptions, today's roster and today's night turnout (on call)."""
    settings = {**default_settings(name="Midden-Nederland, today's staffing"), "days": days}
    for (shift, base), teams in presets.TODAY_STAFFING.items():
        settings[f"teams_{shift}_{base_key(base)}"] = teams
    for shift, minutes in presets.TODAY_TURNOUT.items():
        settings[f"shift_{shift}_turnout"] = minutes
    try:
        return Scenario.from_dict(selectors.build_parameters(settings))
    except (ServiceError, ScenarioError) as exc:
        raise CommandError(str(exc)) from None


def _format(code: str, value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if code == "visits_per_100k" else f"{value:.1%}"


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    seeds, days = options["seeds"], options["days"]
    if not 1 <= seeds <= MAX_SEEDS:
        raise CommandError(f"--seeds must be between 1 and {MAX_SEEDS} (got {seeds}).")
    if not 30 <= days <= 3650:
        raise CommandError(f"--days must be between 30 and 3650 (got {days}).")
    rows = calibrate(today_scenario(days), population=presets.MIDDEN_NEDERLAND_POPULATION, seeds=range(1, seeds + 1))
    if options["json"]:
        command.stdout.write(json.dumps([row.to_dict() for row in rows], indent=1))
        return
    write = command.stdout.write
    write(f"Calibration: Midden-Nederland with today's staffing, {seeds} simulated years of {days} days")
    write(f"  {'measure':<36}{'published':>14}{'model (median)':>16}{'model range':>20}")
    for row in rows:
        write(_line(row))
    write("  Sources:")
    for row in rows:
        write(f"    {LABELS[row.code]}: {row.source}")


def _line(row: CalibrationRow) -> str:
    published = _format(row.code, row.published_low)
    if row.published_high != row.published_low:
        published = f"{published}–{_format(row.code, row.published_high)}"
    spread = f"{_format(row.code, row.model_low)}–{_format(row.code, row.model_high)}"
    return f"  {LABELS[row.code]:<36}{published:>14}{_format(row.code, row.model_median):>16}{spread:>20}"
