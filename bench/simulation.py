"""Simulator speed: our M/M/c simulator against the `ciw` package on the same model, and one simulated year of a
region (Midden-Nederland, ~16,000 calls) and of the whole country (~150,000 calls).

Run by `make bench-sim` (and `make bench`); `--write` puts the results in docs/benchmarks.md. Not part of the tests.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ciw

from gipz.simulation.core import presets
from gipz.simulation.core.erlang import ErlangC
from gipz.simulation.core.mmc import simulate_mmc
from gipz.simulation.core.region import simulate_region
from gipz.simulation.core.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Capacity simulator"
RATE, MEAN, SERVERS, HORIZON, THRESHOLD = 6.0, 0.5, 4, 20_000.0, 0.25  # per hour, hours, servers, hours, hours


def best_of(runs: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def ours() -> dict[str, float]:
    def run() -> Any:
        return simulate_mmc(
            arrival_rate=RATE, service_mean=MEAN, servers=SERVERS, wait_threshold=THRESHOLD, horizon=HORIZON, seed=1,
            warm_up=0,
        )  # fmt: skip

    seconds, r = best_of(3, run)
    return {"seconds": seconds, "customers": r.customers, "p_wait": r.p_wait, "mean_wait": r.mean_wait * 60}


def ours_general() -> dict[str, float]:
    """The regional simulator (event calendar, shifts, priorities) set up as the same M/M/c queue."""
    scenario = Scenario.from_dict(
        {
            "name": "M/M/c",
            "municipalities": [{"code": "GM0000", "name": "pool", "arrivals_per_year": RATE * 24 * 365}],
            "hour_of_week": [1] * 168,
            "urgencies": [{"code": "U2", "share": 1, "target_minutes": THRESHOLD * 60,
                           "on_scene_mean_minutes": MEAN * 60, "distribution": "exponential"}],
            "bases": [{"name": "base", "default_travel_minutes": 0}],
            "shifts": [{"name": "24h", "start_hour": 0, "hours": 24, "teams": {"base": SERVERS}}],
            "days": round(HORIZON / 24), "warm_up_days": 0, "return_to_base": False, "handover_minutes": 0,
        }
    )  # fmt: skip
    seconds, r = best_of(3, lambda: simulate_region(scenario))
    outcome = r.outcome("U2")
    return {"seconds": seconds, "customers": r.calls, "p_wait": float("nan"), "mean_wait": outcome.response_mean}


def with_ciw() -> dict[str, float]:
    def run() -> list[Any]:
        ciw.seed(1)
        network = ciw.create_network(
            arrival_distributions=[ciw.dists.Exponential(rate=RATE)],
            service_distributions=[ciw.dists.Exponential(rate=1 / MEAN)],
            number_of_servers=[SERVERS],
        )
        simulation = ciw.Simulation(network)
        simulation.simulate_until_max_time(HORIZON)
        return list(simulation.get_all_records())

    seconds, records = best_of(1, run)
    waits = [r.waiting_time for r in records]
    return {
        "seconds": seconds,
        "customers": len(records),
        "p_wait": sum(1 for w in waits if w > 0) / len(waits),
        "mean_wait": sum(waits) / len(waits) * 60,
    }


def midden_nederland() -> Scenario:
    path = ROOT / "src" / "gipz" / "geo" / "data" / "midden_nederland.csv"
    with path.open(encoding="utf-8") as handle:
        places = [presets.Place(r["gm_code"], r["name"], r["safety_region_code"]) for r in csv.DictReader(handle)
                  if r["name"] != "Weesp"]  # fmt: skip
    return Scenario.from_dict(
        presets.from_e33(
            name="Midden-Nederland 2024",
            places=places,
            year=2024,
            bases=presets.MIDDEN_NEDERLAND_BASES,
            teams_per_shift=2,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the results into docs/benchmarks.md")
    args = parser.parse_args()
    a, g, b = ours(), ours_general(), with_ciw()
    theory = ErlangC(arrival_rate=RATE, service_mean=MEAN, servers=SERVERS)
    mn_seconds, mn = best_of(5, lambda: simulate_region(midden_nederland()))
    nl_scenario = Scenario.from_dict(presets.national(2024, teams_per_shift=3))
    nl_seconds, nl = best_of(3, lambda: simulate_region(nl_scenario))
    speed_ours, speed_ciw = a["customers"] / a["seconds"], b["customers"] / b["seconds"]
    speed_general = g["customers"] / g["seconds"]
    lines = [
        SECTION,
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"ciw {ciw.__version__}",
        "- Command: `make bench-sim` (runs `python bench/simulation.py --write`)",
        "",
        f"M/M/{SERVERS}, λ = {RATE:g}/h, mean service {MEAN * 60:g} min, {HORIZON:,.0f} simulated hours, seed 1 "
        "(same model, same horizon; best of 3 runs for ours, 1 for ciw):",
        "",
        "| simulator | customers | seconds | customers/s | P(wait) | mean wait (min) |",
        "|---|---:|---:|---:|---:|---:|",
        f"| GIPZ `simulate_mmc` | {a['customers']:,} | {a['seconds']:.3f} | {speed_ours:,.0f} | {a['p_wait']:.4f} "
        f"| {a['mean_wait']:.2f} |",
        f"| GIPZ `simulate_region` (the full regional model set up as M/M/c) | {g['customers']:,} | "
        f"{g['seconds']:.3f} | {speed_general:,.0f} | | {g['mean_wait']:.2f} |",
        f"| ciw | {b['customers']:,} | {b['seconds']:.3f} | {speed_ciw:,.0f} | {b['p_wait']:.4f} | "
        f"{b['mean_wait']:.2f} |",
        f"| Erlang C (exact) | | | | {theory.p_wait:.4f} | {theory.mean_wait * 60:.2f} |",
        "",
        f"**Ratio: the GIPZ M/M/c simulator is {speed_ours / speed_ciw:.1f}× as fast as ciw; the full regional "
        f"simulator on the same model {speed_general / speed_ciw:.1f}×** (goal: faster than ciw).",
        "",
        "One simulated year of a region (`simulate_region`, default assumptions, warm-up 2 days):",
        "",
        "| region | calls | seconds | goal |",
        "|---|---:|---:|---|",
        f"| Midden-Nederland 2024, 2 teams per shift and base (best of 5) | {mn.calls:,} | {mn_seconds:.2f} | < 1 s |",
        f"| Nederland 2024, 25 areas, 3 teams per shift and base (best of 3) | {nl.calls:,} | {nl_seconds:.2f} | "
        "< 10 s |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        current = DOCS.read_text(encoding="utf-8")
        pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
        updated = pattern.sub(text + "\n", current) if pattern.search(current) else current.rstrip() + "\n\n" + text
        DOCS.write_text(updated, encoding="utf-8")
        print(f"written to {DOCS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
