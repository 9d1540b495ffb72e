"""Benchmark: intake (create + triage + routing) through the real HTTP stack on PostgreSQL, beside a bare endpoint.

Runs the layout we deploy — gunicorn with deploy/gunicorn.conf.py (threaded WSGI processes, a connection pool per
process, production settings behind a TLS proxy: wrk sends X-Forwarded-Proto https) — against a dedicated PostgreSQL
database, drives it with wrk (20 connections, 30 s per endpoint by default, in alternating rounds) and writes
throughput and p50/p95/p99 to docs/benchmarks.md. Run with `make bench`. Not part of the test suite. The bench token
is not throttled: the API rate is raised for this run only.

Environment: GIPZ_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gipz_bench),
GIPZ_BENCH_SECONDS (30), GIPZ_BENCH_CONNECTIONS (20), GIPZ_BENCH_WORKERS (web processes, default 2 × cores),
GIPZ_BENCH_THREADS (threads per process, default 2), GIPZ_BENCH_ROUNDS (alternating rounds per endpoint, 6).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DATABASE_URL = os.environ.get("GIPZ_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gipz_bench")
SECONDS = int(os.environ.get("GIPZ_BENCH_SECONDS", "30"))
CONNECTIONS = int(os.environ.get("GIPZ_BENCH_CONNECTIONS", "20"))
WORKERS = int(os.environ.get("GIPZ_BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))  # deploy/'s default
THREADS = int(os.environ.get("GIPZ_BENCH_THREADS", "2"))
ROUNDS = int(os.environ.get("GIPZ_BENCH_ROUNDS", "6"))  # per endpoint, alternating (interleaved)
PORT = 8765
INTAKE_BODY = {
    "municipality": "GM0344",
    "location": "Stationsplein 1",
    "description": "Benchmark: persoon roept verward op straat",
    "offence": "no",
    "danger_to_self": False,
    "danger_to_others": False,
    "weapon": False,
    "medical_emergency": False,
    "intoxication": False,
    "minors_present": False,
    "care_indicators": ["psychiatric"],
}
RESULTS_MD = ROOT / "docs" / "benchmarks.md"
MARK_BEGIN = "<!-- bench:intake:begin -->"
MARK_END = "<!-- bench:intake:end -->"


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "GIPZ_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "GIPZ_LOG_LEVEL": "WARNING",
        "GIPZ_WEB_PROCESSES": str(WORKERS),
        "GIPZ_WEB_THREADS": str(THREADS),
        "GIPZ_BIND": f"127.0.0.1:{PORT}",
        "GIPZ_API_RATE": "1000000/min",
        "GIPZ_ALLOWED_HOSTS": "127.0.0.1",
        "GIPZ_STATIC_FROM_SOURCE": "true",
        "DJANGO_SETTINGS_MODULE": "config.settings_bench",  # the baseline endpoint exists only there
    }


def ensure_database() -> None:
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def gipz(*args: str) -> str:
    return subprocess.run([str(BIN / "gipz"), *args], env=env(), check=True, capture_output=True, text=True).stdout


def wrk(path: str, body: dict[str, object], token: str, seconds: int) -> dict[str, float]:
    run_env = {**os.environ, "GIPZ_BENCH_TOKEN": token, "GIPZ_BENCH_BODY": json.dumps(body)}
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench/intake.lua"),
            f"http://127.0.0.1:{PORT}{path}",
        ],
        env=run_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"^RESULT (.*)$", out, re.M)
    if not match:
        raise SystemExit(f"wrk gave no result:\n{out}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def interleaved(token: str) -> tuple[dict[str, float], dict[str, float]]:
    """The bare endpoint and the intake in alternating short rounds: this machine's speed drifts (a shared VM), and
    a baseline measured minutes before the intake would compare two different machines. Throughput is the total
    over the rounds; each percentile is the median of the rounds' percentiles."""
    seconds = max(1, SECONDS // ROUNDS)
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "intake": []}
    for round_ in range(ROUNDS):
        order = [("bare", "/api/v1/bench/ping/", {}), ("intake", "/api/v1/situations/", INTAKE_BODY)]
        for name, path, body in order if round_ % 2 == 0 else order[::-1]:
            runs[name].append(wrk(path, body, token, seconds))
    return combined(runs["bare"]), combined(runs["intake"])


def combined(rounds: list[dict[str, float]]) -> dict[str, float]:
    total = {key: sum(r[key] for r in rounds) for key in ("requests", "seconds", "non_2xx", "socket_errors")}
    total["rps"] = total["requests"] / total["seconds"]
    for key in ("p50_ms", "p95_ms", "p99_ms"):
        total[key] = statistics.median(r[key] for r in rounds)
    total["rps_rounds"] = [round(r["rps"], 1) for r in rounds]  # type: ignore[assignment]
    return total


def wait_for_server(port: int = PORT) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server on port {port} did not start")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {system}, Python {platform.python_version()}"


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    ensure_database()
    gipz("migrate", "--no-input", "-v0")
    token = gipz("bench_setup").strip().splitlines()[-1]
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py"), "--log-level", "warning"],
        env=env(),
        cwd=ROOT,
    )
    try:
        wait_for_server()
        wrk("/api/v1/situations/", INTAKE_BODY, token, 3)  # warm-up: connections, caches
        wrk("/api/v1/bench/ping/", {}, token, 3)
        bare, intake = interleaved(token)
    finally:
        server.terminate()
        server.wait(timeout=20)
    report(intake, bare)


def report(intake: dict[str, float], bare: dict[str, float]) -> None:
    ratio = intake["rps"] / bare["rps"]
    rows = [
        "| endpoint | requests | non-2xx | throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in (("intake `POST /api/v1/situations/`", intake), ("bare insert `POST /api/v1/bench/ping/`", bare)):
        rows.append(
            f"| {name} | {r['requests']:.0f} | {r['non_2xx']:.0f} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} |"
        )
    goals = [
        f"- throughput ≥ 100 intakes/s: **{intake['rps']:.1f}** ({'met' if intake['rps'] >= 100 else 'not met'})",
        f"- p95 < 250 ms: **{intake['p95_ms']:.1f} ms** ({'met' if intake['p95_ms'] < 250 else 'not met'})",
        f"- ≥ 40% of the bare endpoint: **{ratio:.0%}** ({'met' if ratio >= 0.4 else 'not met'})",
        f"- latency ratio intake/bare: p50 {intake['p50_ms'] / bare['p50_ms']:.2f}×, "
        f"p95 {intake['p95_ms'] / bare['p95_ms']:.2f}×, p99 {intake['p99_ms'] / bare['p99_ms']:.2f}×",
    ]
    section = "\n".join(
        [
            MARK_BEGIN,
            "## Intake through the HTTP stack (PostgreSQL)",
            "",
            f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
            f"Command: `make bench` (bench/intake.py): the deployed layout, deploy/gunicorn.conf.py with {WORKERS} "
            f"processes × {THREADS} threads (gthread) and a pool of {THREADS} connections each, production settings, "
            f"wrk -t2 -c{CONNECTIONS} on the same machine for {SECONDS} s per endpoint in {ROUNDS} alternating rounds "
            "(throughput over all rounds, percentiles the median of the rounds'), PostgreSQL on 127.0.0.1.",
            f"Throughput per round: intake {intake['rps_rounds']}, bare {bare['rps_rounds']}.",
            "",
            *rows,
            "",
            *goals,
            MARK_END,
        ]
    )
    text = (
        RESULTS_MD.read_text()
        if RESULTS_MD.exists()
        else "# Benchmarks\n\nResults of `make bench`. Tests never assert on time.\n"
    )
    if MARK_BEGIN in text:
        text = re.sub(re.escape(MARK_BEGIN) + ".*?" + re.escape(MARK_END), section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS_MD.write_text(text)
    print(section)


if __name__ == "__main__":
    sys.exit(main())
