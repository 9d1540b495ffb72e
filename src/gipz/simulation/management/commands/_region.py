"""`gipz simulate region …`: build (or load) a scenario, simulate it or search the smallest staffing, and print a
readable summary (or JSON). A progress bar goes to stderr."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from gipz.core.errors import ServiceError
from gipz.simulation import selectors
from gipz.simulation.core import presets
from gipz.simulation.core.region import RegionResult, simulate_region
from gipz.simulation.core.scenario import Scenario, ScenarioError
from gipz.simulation.core.staffing import search_staffing
from gipz.simulation.core.warnings import RosterWarning, roster_warnings
from gipz.simulation.forms import BASES, default_settings
from gipz.simulation.models import Source


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--region", choices=("midden-nederland", "nederland"), default="midden-nederland")
    parser.add_argument("--source", choices=(Source.E33, Source.HISTORY), default=Source.E33,
                        help="arrivals from the E33 baseline or from the platform's last 12 months")  # fmt: skip
    parser.add_argument("--year", type=int, default=2024, help="scale the E33 baseline to this year")
    parser.add_argument("--growth", type=float, default=0.0,
                        help="percent growth of the demand per year from 2021 (the funnel's base year)")  # fmt: skip
    parser.add_argument("--teams", type=int, default=1, help="teams per shift per base")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scenario", type=Path, help="a scenario JSON file (overrides the options above)")
    parser.add_argument("--write-scenario", type=Path, help="write the scenario used as JSON, to edit and reuse")
    parser.add_argument("--search", action="store_true", help="search the smallest staffing that meets the targets")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def _scenario_dict(options: dict[str, Any]) -> dict[str, Any]:
    if options["scenario"] is not None:
        try:
            data = json.loads(options["scenario"].read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"--scenario: cannot read {options['scenario']}: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"--scenario: not valid JSON ({exc.msg}, line {exc.lineno})") from None
        return data  # type: ignore[no-any-return]
    if options["teams"] < 0:
        raise CommandError("--teams must not be negative.")
    common = {"days": options["days"], "seed": options["seed"]}
    try:
        if options["region"] == "nederland":
            if options["source"] == Source.HISTORY:
                raise CommandError("--source history is only available for midden-nederland.")
            return presets.national(
                options["year"], growth_per_year=options["growth"] / 100, teams_per_shift=options["teams"], **common
            )
        settings = {**default_settings(name=f"Midden-Nederland {options['year']}", source=options["source"]),
                    "year": options["year"], "growth_percent": options["growth"], **common}  # fmt: skip
        for key in list(settings):
            if key.startswith("teams_"):
                settings[key] = options["teams"]
        return selectors.build_parameters(settings)
    except ServiceError as exc:
        raise CommandError(exc.message) from None
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    data = _scenario_dict(options)
    try:
        scenario = Scenario.from_dict(data)
    except ScenarioError as exc:
        raise CommandError(f"Invalid scenario: {exc}") from None
    if options["write_scenario"] is not None:
        options["write_scenario"].write_text(json.dumps(scenario.to_dict(), indent=1), encoding="utf-8")
    bar = tqdm(total=100, unit="%", disable=options["no_progress"], desc=scenario.name, leave=False)

    def progress(fraction: float, message: str = "") -> None:
        bar.n = round(fraction * 100)
        if message:
            bar.set_postfix_str(message, refresh=False)
        bar.refresh()

    try:
        if options["search"]:
            try:
                found = search_staffing(scenario, progress=progress)
            except ScenarioError as exc:
                raise CommandError(f"Invalid scenario: {exc}") from None
            result, output = found.result, found.to_dict()
        else:
            result = simulate_region(scenario, progress=progress)
            output = {"result": result.to_dict(), "fte": result.fte}
    finally:
        bar.close()
    team_hours = float(output.get("team_hours_per_week", scenario.team_hours_per_week()))
    output["warnings"] = [asdict(w) for w in roster_warnings(result.to_dict(), team_hours_per_week=team_hours)]
    if options["json"]:
        command.stdout.write(json.dumps(output, indent=1))
        return
    _summary(command, scenario, result, output)


WARNING_TEXT = {
    "no_team": "no team is on duty at any time: none of the calls ({calls} in the run) is ever reached. "
    "Give the roster teams.",
    "unserved": "at some hours no team is on duty: {calls} calls in the run were never reached, and the targets "
    "count as not met.",
    "overloaded": "the roster cannot keep up (teams busy {utilisation} of the time): the queue only grows, so the "
    "response times and officer-hours reported here measure the length of the run, not the region. Add teams.",
}


def _pct(warning: RosterWarning) -> str:
    return "–" if warning.utilisation is None else f"{warning.utilisation:.0%}"


def _share(value: float | None) -> float | None:
    return None if value is None else value * 100


def _fmt(value: float | None, digits: int = 0, suffix: str = "") -> str:
    return "–" if value is None else f"{value:,.{digits}f}{suffix}"


def _summary(command: BaseCommand, scenario: Scenario, result: RegionResult, output: dict[str, Any]) -> None:
    write = command.stdout.write
    unserved = (
        f", and {_fmt(result.unserved * 365 / scenario.days)} a year no team ever reached" if result.unserved else ""
    )
    write(f"{scenario.name}: {result.days_counted} days counted, {_fmt(result.calls_per_year)} calls per year "
          f"reached by a team{unserved}")  # fmt: skip
    if scenario.demand:
        steps = " × ".join(f"{step.share:.1%} {step.code.replace('_', ' ')}" for step in scenario.demand)
        write(f"  demand: {_fmt(scenario.registrations_per_year)} registrations a year × {steps} "
              f"= {_fmt(scenario.arrivals_per_year)} visits a year")  # fmt: skip
    for warning in (RosterWarning(**w) for w in output["warnings"]):
        write(f"  WARNING: {WARNING_TEXT[warning.code].format(calls=warning.calls, utilisation=_pct(warning))}")
    for u in result.urgencies:
        share = _fmt(None if u.within_target is None else u.within_target * 100, 1, "%")
        write(
            f"  {u.code}: {share} on site within {u.target_minutes:g} min; minutes to site mean "
            f"{_fmt(u.response_mean)}, median {_fmt(u.response_median)}, p90 {_fmt(u.response_p90)} ({u.calls} calls)"
        )
    write(
        f"  police waiting on scene: mean {_fmt(result.police_wait_mean)} min, median {_fmt(result.police_wait_median)}"
        f", p90 {_fmt(result.police_wait_p90)}; {_fmt(result.police_hours_per_year)} officer-hours per year"
    )
    if (police := result.police) and police.get("officer_hours_freed") is not None:
        write(
            f"  police picture: {_fmt(police['police_only'])} calls a year police only, "
            f"{_fmt(police['police_with_team'])} police with the team, {_fmt(police['team_only'])} team only; "
            f"{_fmt(police['officer_hours_freed'])} officer-hours a year freed "
            f"(≈ {_fmt(police['officer_fte_freed'], 1)} police FTE) against {result.fte:.1f} crisis FTE"
        )
    utilisation = _fmt(None if result.utilisation is None else result.utilisation * 100, 1, "%")
    write(f"  team utilisation {utilisation}; queue mean {result.queue_mean:.2f}, max {result.queue_max}")
    for target in result.targets:
        verdict = "met" if target["met"] else "NOT met"
        write(
            f"  target {target['urgency']} ≥ {target['min_share']:.0%} within {target['within_minutes']:g} min: "
            f"{_fmt(None if target['share'] is None else target['share'] * 100, 1, '%')} — {verdict}"
        )
    if "staffing" in output:
        write("Smallest staffing found" if output["feasible"] else "No staffing meets the targets; best tried")
        bases = [b.name for b in scenario.bases]
        cells = {(row["shift"], row["base"]): row["teams"] for row in output["staffing"]}
        write("  " + "shift".ljust(8) + "".join(b.rjust(12) for b in bases))
        for shift in scenario.shifts:
            write("  " + shift.name.ljust(8) + "".join(str(cells.get((shift.name, b), 0)).rjust(12) for b in bases))
        variants = f"{output['evaluations']} variant{'' if output['evaluations'] == 1 else 's'}"
        write(f"  {output['team_hours_per_week']:,.0f} team-hours per week = {output['fte']:.1f} FTE with shift "
              f"handovers and {_fmt(result.overtime_hours_per_year)} overtime hours a year ({variants}, each over "
              f"{output['search_years']} simulated years; coverage: at least {output['coverage']} team per base on "
              f"every shift)")  # fmt: skip
        if confidence := output.get("confidence"):
            verdict = "enough" if confidence["enough"] else f"NOT enough (needs {confidence['level']:.0%})"
            spread = ", ".join(
                f"{label} {_fmt(_share(confidence[f'share_{label}']), 1, '%')}" for label in ("min", "median", "max")
            )
            write(
                f"  confidence: all targets met in {confidence['met']} of {confidence['years']} simulated years "
                f"({confidence['share_met']:.0%}, {verdict}); first target's share {spread}"
            )
    else:
        write(f"  roster: {scenario.team_hours_per_week():,.0f} team-hours per week = {result.fte:.1f} FTE with shift "
              f"handovers and {_fmt(result.overtime_hours_per_year)} overtime hours a year")  # fmt: skip


__all__ = ["BASES", "add_arguments", "handle"]
