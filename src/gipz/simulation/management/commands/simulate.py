"""`gipz simulate mmc …`: run the M/M/c validation case and print the results (JSON with --json)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.simulation.core.erlang import ErlangC
from gipz.simulation.core.mmc import simulate_mmc
from gipz.simulation.management.commands import _calibrate as calibration
from gipz.simulation.management.commands import _region as region


def _positive(name: str, value: float) -> float:
    if not value > 0:
        raise CommandError(f"--{name} must be greater than 0 (got {value:g}).")
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
        rate = _positive("arrival-rate", options["arrival_rate"])
        service_hours = _positive("service-mean", options["service_mean"]) / 60
        servers = options["servers"]
        if servers < 1:
            raise CommandError(f"--servers must be at least 1 (got {servers}).")
        threshold_hours = options["wait_threshold"] / 60
        if threshold_hours < 0:
            raise CommandError("--wait-threshold must not be negative.")
        horizon = _positive("horizon", options["horizon"])
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
