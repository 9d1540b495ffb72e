"""`gipz simulate mmc …`: run the M/M/c validation case and print the results (JSON with --json)."""

from __future__ import annotations

import json
import math
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.simulation.core.erlang import ErlangC
from gipz.simulation.core.mmc import simulate_mmc
from gipz.simulation.management.commands import _calibrate as calibration
from gipz.simulation.management.commands import _region as region

# What a validation run may ask for: beyond these it would run for hours or exhaust memory, and teach nothing more.
MAX_ARRIVAL_RATE = 10_000.0  # per hour
MAX_SERVICE_MINUTES = 7 * 24 * 60.0
MAX_SERVERS = 10_000
MAX_CUSTOMERS = 20_000_000  # arrival rate × horizon (~2 GB of memory would be needed beyond)


def _bounded(name: str, value: float, *, high: float, low: float = 0.0, low_inclusive: bool = False) -> float:
    """A finite number within (low, high] (or [low, high]); NaN and infinity are refused by name."""
    if not math.isfinite(value):
        raise CommandError(f"--{name} must be a finite number (got {value}).")
    if value < low or (value == low and not low_inclusive) or value > high:
        lower = f"at least {low:g}" if low_inclusive else f"greater than {low:g}"
        raise CommandError(f"--{name} must be {lower} and at most {high:g} (got {value:g}).")
    return value


class Command(BaseCommand):
    help = (
        "Capacity simulation. 'mmc': a plain M/M/c queue, compared with Erlang C; 'region': a region's crisis service."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="model", required=True)
        mmc = sub.add_parser("mmc", help="Poisson arrivals, exponential service, c servers, FCFS, no travel")
        mmc.add_argument("--arrival-rate", type=float, required=True, help="arrivals per hour")
        mmc.add_argument("--service-mean", type=float, required=True, help="mean service time in minutes")
        mmc.add_argument("--servers", type=int, required=True, help="number of servers (teams)")
        mmc.add_argument("--wait-threshold", type=float, required=True, help="service-level threshold in minutes")
        mmc.add_argument("--horizon", type=float, required=True, help="simulated hours")
        mmc.add_argument("--seed", type=int, default=1)
        mmc.add_argument("--json", action="store_true", help="print JSON")
        region.add_arguments(
            sub.add_parser("region", help="a region's crisis service over a year (arrivals, travel, shifts, police)")
        )
        calibration.add_arguments(
            sub.add_parser("calibrate", help="today's staffing against the published figures (Trimbos, VZinfo)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["model"] == "region":
            region.handle(self, options)
            return
        if options["model"] == "calibrate":
            calibration.handle(self, options)
            return
        rate = _bounded("arrival-rate", options["arrival_rate"], high=MAX_ARRIVAL_RATE)
        service_hours = _bounded("service-mean", options["service_mean"], high=MAX_SERVICE_MINUTES) / 60
        servers = options["servers"]
        if not 1 <= servers <= MAX_SERVERS:
            raise CommandError(f"--servers must be between 1 and {MAX_SERVERS:,} (got {servers}).")
        threshold_hours = (
            _bounded("wait-threshold", options["wait_threshold"], high=MAX_SERVICE_MINUTES, low_inclusive=True) / 60
        )
        horizon = _bounded("horizon", options["horizon"], high=MAX_CUSTOMERS / rate)
        if rate * service_hours >= servers:
            raise CommandError(
                f"Unstable: offered load {rate * service_hours:.2f} Erlang needs more than {servers} servers "
                "(queue grows without bound)."
            )
        try:
            result = simulate_mmc(
                arrival_rate=rate,
                service_mean=service_hours,
                servers=servers,
                wait_threshold=threshold_hours,
                horizon=horizon,
                seed=options["seed"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        theory = ErlangC(arrival_rate=rate, service_mean=service_hours, servers=servers)
        out = {
            "customers": result.customers,
            "p_wait": result.p_wait,
            "mean_wait_minutes": result.mean_wait * 60,
            "service_level": result.service_level,
            "utilisation": result.utilisation,
            "erlang_c": {
                "p_wait": theory.p_wait,
                "mean_wait_minutes": theory.mean_wait * 60,
                "service_level": theory.service_level(threshold_hours),
                "utilisation": theory.utilisation,
            },
        }
        if options["json"]:
            self.stdout.write(json.dumps(out, indent=2))
            return
        self.stdout.write(f"M/M/{servers}: {result.customers} customers simulated over {horizon:g} h")
        for key, label in (
            ("p_wait", "P(wait)"),
            ("mean_wait_minutes", "mean wait (min)"),
            ("service_level", "service level"),
            ("utilisation", "utilisation"),
        ):
            self.stdout.write(f"  {label:<16} simulated {out[key]:.4f}   Erlang C {out['erlang_c'][key]:.4f}")
