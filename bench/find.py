"""Benchmark: finding a melding at national scale — every filtered list page and API page, first and a million rows
deep, and the live board, on PostgreSQL.

`gipz generate-history` writes 1.5 million synthetic situations into the database gipz_bench_find (once; later runs
reuse them), with its police and crisis service as participants, so these are the real scoped paths: one
organisation sees all 1.5 million. 2,000 of the newest are reopened as a busy day for the board. Each URL is asked
GIPZ_BENCH_RUNS times (default 7) through Django's test client — server time, no network — and the median and the
slowest are reported beside a bare page (the offline page: no database) measured in the same run. Goals: every list
and API page under 200 ms, the board under 100 ms. `make bench-find`; not part of the test suite.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from results import write_section

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
SITUATIONS = int(os.environ.get("GIPZ_BENCH_SITUATIONS", "1500000"))
RUNS = int(os.environ.get("GIPZ_BENCH_RUNS", "7"))
DEEP = min(1_000_000, SITUATIONS - 100)
DATABASE_URL = os.environ.get("GIPZ_BENCH_FIND_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gipz_bench_find")
FILTERS = [
    ("no filter", ""),
    ("status", "status=cancelled"),
    ("urgency (triaged)", "urgency=U1"),
    ("urgency (advised)", "advised_urgency=U2"),
    ("municipality (Amsterdam)", "municipality=GM0363"),
    ("municipality + a year", "municipality=GM0344&created_after=2024-01-01&created_before=2024-12-31"),
    ("open", "state=open"),
    ("escalated (none are)", "escalated=true"),
    ("improper call", "improper_call=true"),
    ("reference prefix", "q=S0001234"),
    ("urgency + municipality + closed", "urgency=U2&municipality=GM0363&state=closed"),
]


def setup() -> None:
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DJANGO_SETTINGS_MODULE="config.settings",
        GIPZ_SECRET_KEY="bench-only-secret-key-not-for-production",
        GIPZ_ALLOW_INSECURE_KEY="true",
        GIPZ_HTTPS="false",
        GIPZ_REQUIRE_2FA="false",
        GIPZ_STATIC_FROM_SOURCE="true",
        GIPZ_LOG_LEVEL="ERROR",
    )
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()


def prepare() -> tuple[Any, Any, str]:
    from django.core.management import call_command
    from django.db import connection

    from gipz.accounts.models import Membership, Organisation, Role, User
    from gipz.situations.models import Participant, Situation, Status
    from gipz.situations.search import Cursor

    call_command("migrate", verbosity=0)
    if Situation.objects.filter(reference__startswith="S").count() < SITUATIONS:
        call_command("generate_history", situations=SITUATIONS, verbosity=0)
    police = Organisation.objects.get(name="Politie (synthetisch)")
    crisis = Organisation.objects.get(name="Crisisdienst (synthetisch)")
    users = []
    for username, organisation in (("bench-politie", police), ("bench-crisis", crisis)):
        user, _ = User.objects.get_or_create(username=username)
        Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": Role.PROFESSIONAL})
        users.append(user)
    if Situation.objects.filter(status=Status.REPORTED).count() < 2000:  # a busy day on the board
        newest = Situation.objects.order_by("-created_at").values_list("pk", flat=True)[:2000]
        Situation.objects.filter(pk__in=list(newest)).update(status=Status.REPORTED)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    row = (
        Participant.objects.filter(organisation=police)
        .order_by("-situation_created_at", "-situation_id")
        .values_list("situation_created_at", "situation_id")[DEEP]
    )
    return users[0], users[1], Cursor(created_at=row[0], pk=row[1]).encode()


def measure(client: Any, url: str, **headers: Any) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        response = client.get(url, **headers)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        times.append(elapsed * 1000)
        size = len(response.content)
    times = times[1:]  # the first warms the caches
    return statistics.median(times), max(times), size


def main() -> None:
    setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    police_user, crisis_user, deep = prepare()
    police, crisis = Client(), Client()
    police.force_login(police_user)
    crisis.force_login(crisis_user)
    bare = measure(police, "/offline/")
    rows = []
    for name, query in FILTERS:
        for depth, cursor in (("first", ""), (f"{DEEP:,} deep", f"cursor={deep}")):
            params = "&".join(part for part in (query, cursor) if part)
            page = measure(police, f"/meldingen/?{params}")
            api = measure(police, f"/api/v1/situations/?{params}", HTTP_ACCEPT="application/json")
            rows.append((name, depth, page, api))
    board = measure(crisis, "/bord/")
    slowest_list = max(max(page[0], api[0]) for _n, _d, page, api in rows)
    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}. Command: `make bench-find`.",
        f"PostgreSQL, {SITUATIONS:,} synthetic situations all in one police organisation's scope "
        f"(`gipz generate-history`); median of {RUNS} server-side timings (Django test client), slowest beside it.",
        "",
        "| list | page | web page ms (slowest) | API page ms (slowest) |",
        "| --- | --- | ---: | ---: |",
        f"| bare page (offline page, no database) | — | {bare[0]:.1f} ({bare[1]:.1f}) | — |",
        *[
            f"| {name} | {depth} | {page[0]:.1f} ({page[1]:.1f}) | {api[0]:.1f} ({api[1]:.1f}) |"
            for name, depth, page, api in rows
        ],
        "",
        f"Live board with 2,000 open meldingen (shows the 100 most urgent): **{board[0]:.1f} ms** "
        f"(slowest {board[1]:.1f}), {board[2] / 1024:.0f} kB.",
        f"Slowest median list or API page: **{slowest_list:.1f} ms** (goal < 200 ms: "
        f"{'met' if slowest_list < 200 else 'NOT met'}); board goal < 100 ms: "
        f"{'met' if board[0] < 100 else 'NOT met'}.",
    ]
    write_section("find", "Finding a melding at national scale (lists, API, board)", "\n".join(lines))
    print("\n".join(lines))


def machine() -> str:
    from intake import machine as describe

    return str(describe())


if __name__ == "__main__":
    main()
