"""Benchmark: 1,000 open live boards held by server push, and how fast a change reaches all of them.

Starts uvicorn (config.asgi, GIPZ_BENCH_LIVE_WORKERS processes, default 2) on PostgreSQL (database gipz_bench_live,
demo data), logs in as the demo crisis nurse and opens GIPZ_BENCH_BOARDS event streams (default 1,000) with aiohttp,
as that many open boards would. Then, GIPZ_BENCH_CHANGES times (default 5), the police create a melding through the
API and the script records when each board's stream says 'changed'. Beside it, in the same run: what polling would
cost — the time of one bare board poll (`/bord/live/`, answered 204) and the requests per second 1,000 boards polling
every 3 s would make. Writes docs/benchmarks.md. `make bench-live`; not part of the test suite.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from intake import machine
from results import write_section

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
BOARDS = int(os.environ.get("GIPZ_BENCH_BOARDS", "1000"))
CHANGES = int(os.environ.get("GIPZ_BENCH_CHANGES", "5"))
WORKERS = int(os.environ.get("GIPZ_BENCH_LIVE_WORKERS", "2"))
DATABASE_URL = os.environ.get("GIPZ_BENCH_LIVE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gipz_bench_live")
INTAKE = {
    "municipality": "GM0344",
    "location": "Benchmark (fictief)",
    "description": "Benchmark: persoon verward op straat (fictief)",
    "offence": "no",
    "care_indicators": ["psychiatric"],
}


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "GIPZ_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "GIPZ_HTTPS": "false",
        "GIPZ_REQUIRE_2FA": "false",
        "GIPZ_STATIC_FROM_SOURCE": "true",
        "GIPZ_LOG_LEVEL": "WARNING",
        "GIPZ_API_RATE": "100000/min",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }


def gipz(*args: str) -> str:
    done = subprocess.run([str(BIN / "gipz"), *args], env=env(), check=True, capture_output=True, text=True)
    return done.stdout


def prepare() -> str:
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    gipz("migrate", "--no-input", "-v0")
    gipz("loaddemo", "--situations", "20")
    return gipz("create-api-token", "Politie Midden-Nederland (demo)", "--label", "bench").strip().splitlines()[-1]


def held_connections() -> int:
    """Database connections open to the bench database while the boards are open (the feed's and idle ones)."""
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)).fetchone()
    return int(row[0]) if row else 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def login(session: aiohttp.ClientSession, base: str) -> None:
    async with session.get(f"{base}/login/") as response:
        page = await response.text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    form = {"csrfmiddlewaretoken": token.group(1), "username": "crisis", "password": "demo-gipz-2026"}
    async with session.post(f"{base}/login/", data=form, headers={"Referer": f"{base}/login/"}) as response:
        assert response.status == 200 and "Uitloggen" in await response.text(), "login failed"


async def board(session: aiohttp.ClientSession, base: str, ready: asyncio.Event, arrivals: list[float],
                opened: list[int]) -> None:  # fmt: skip
    headers = {"Accept": "text/event-stream"}
    forever = aiohttp.ClientTimeout(total=None)
    async with session.get(f"{base}/live/events/", headers=headers, timeout=forever) as response:
        assert response.status == 200, response.status
        opened.append(1)
        if len(opened) == BOARDS:
            ready.set()
        async for line in response.content:
            if line.startswith(b"event: changed"):
                arrivals.append(time.perf_counter())


async def run(base: str, token: str) -> dict[str, float]:
    connector = aiohttp.TCPConnector(limit=0)
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1 too
    async with aiohttp.ClientSession(connector=connector, cookie_jar=jar) as session:
        await login(session, base)
        started = time.perf_counter()
        async with session.get(f"{base}/bord/live/?v=x") as response:
            await response.read()
        polls = []
        for _ in range(20):  # a bare poll: the board fragment when nothing changed
            version = re.search(r"v=([0-9a-f]{16})", await (await session.get(f"{base}/bord/live/")).text())
            t0 = time.perf_counter()
            async with session.get(f"{base}/bord/live/?v={version.group(1) if version else ''}") as response:
                await response.read()
            polls.append((time.perf_counter() - t0) * 1000)
        ready, arrivals, opened = asyncio.Event(), [], []
        tasks = []
        for batch in range(0, BOARDS, 50):  # people open their boards over time, not in one instant
            tasks += [
                asyncio.create_task(board(session, base, ready, arrivals, opened))
                for _ in range(batch, min(batch + 50, BOARDS))
            ]
            while len(opened) < min(batch + 50, BOARDS):
                await asyncio.sleep(0.01)
        await asyncio.wait_for(ready.wait(), timeout=120)
        open_seconds = time.perf_counter() - started
        await asyncio.sleep(2)
        database_connections = held_connections()
        latencies: list[float] = []
        api = {"Authorization": f"Token {token}"}
        for _ in range(CHANGES):
            arrivals.clear()
            t0 = time.perf_counter()
            async with session.post(f"{base}/api/v1/situations/", json=INTAKE, headers=api) as response:
                assert response.status == 201, await response.text()
            committed = time.perf_counter()
            deadline = committed + 10
            while len(arrivals) < BOARDS and time.perf_counter() < deadline:
                await asyncio.sleep(0.01)
            latencies += [(t - t0) * 1000 for t in arrivals]
            await asyncio.sleep(1)
        missed = BOARDS * CHANGES - len(latencies)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    latencies.sort()
    return {
        "open_seconds": open_seconds,
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
        "max": latencies[-1],
        "missed": missed,
        "poll_ms": statistics.median(polls),
        "connections": database_connections,
    }


def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # 1,000 streams need more than the usual 1,024 files
    token = prepare()
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "uvicorn"), "config.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(WORKERS), "--log-level", "warning", "--timeout-graceful-shutdown", "2"],
        env=env(), cwd=ROOT,
    )  # fmt: skip
    try:
        time.sleep(4)
        result = asyncio.run(run(f"http://127.0.0.1:{port}", token))
    finally:
        server.terminate()
        server.wait(timeout=30)
    polling_rps = BOARDS / 3
    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}. Command: `make bench-live`.",
        f"uvicorn (config.asgi) with {WORKERS} processes, PostgreSQL, demo data; {BOARDS:,} event streams opened by "
        f"aiohttp as one logged-in nurse's boards; {CHANGES} meldingen made through the API.",
        "",
        "| what | value |",
        "| --- | ---: |",
        f"| open boards held | {BOARDS:,} (all open in {result['open_seconds']:.1f} s) |",
        f"| a change reaching every board: median | {result['p50']:.0f} ms |",
        f"| … 95th percentile | {result['p95']:.0f} ms |",
        f"| … slowest | {result['max']:.0f} ms |",
        f"| changes not received within 10 s | {result['missed']} |",
        f"| database connections held while the boards are open | {result['connections']:.0f} |",
        "| requests made by the idle boards | 0 (a comment line every 25 s per stream) |",
        f"| baseline, same run: one bare board poll (204) | {result['poll_ms']:.1f} ms |",
        f"| what polling every 3 s would cost for {BOARDS:,} boards | {polling_rps:.0f} requests/s ≈ "
        f"{polling_rps * result['poll_ms'] / 1000:.1f} CPU-seconds per second |",
        "",
        "The latency counts from the moment the police's API call starts, so it includes the intake itself, the "
        "commit, the feed's read (every 250 ms) and the delivery on the open connection.",
    ]
    write_section("live", "Live updates by push: 1,000 open boards", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
