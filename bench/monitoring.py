"""Benchmark: the factsheet of one municipality and the regional comparison at national scale.

`gipz generate-history` writes 1.5 million synthetic situations (10 years, every municipality) into PostgreSQL
(database gipz_bench_monitoring) and SQLite (var/bench-monitoring.sqlite3), once; later runs reuse them. Then, per
database, the median of GIPZ_BENCH_RUNS timings of:

- the factsheet of Amsterdam (the largest municipality) and of Utrecht for the last year, as a page (server time
  through the Django test client) and as the computation alone;
- the comparison of every municipality for that year, as a page and as the computation;
- the same figures computed from scratch from the raw rows (what the monthly rollups save).

Beside them DuckDB computes the same numbers from a Parquet export of the same rows (export time not counted), and
the script checks that DuckDB and GIPZ agree. Writes docs/benchmarks.md. `make bench-monitoring` (part of `make
bench`); not part of the test suite.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SITUATIONS = int(os.environ.get("GIPZ_BENCH_SITUATIONS", "1500000"))
RUNS = int(os.environ.get("GIPZ_BENCH_RUNS", "7"))
YEAR = 2025
PG_URL = os.environ.get(
    "GIPZ_BENCH_MONITORING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gipz_bench_monitoring"
)
SQLITE_PATH = Path(os.environ.get("GIPZ_BENCH_MONITORING_SQLITE", ROOT / "var" / "bench-monitoring.sqlite3"))
EXPORT = Path(os.environ.get("GIPZ_BENCH_MONITORING_EXPORT", ROOT / "var" / "bench-monitoring-export"))
RESULTS_MD = ROOT / "docs" / "benchmarks.md"
MARK_BEGIN = "<!-- bench:monitoring:begin -->"
MARK_END = "<!-- bench:monitoring:end -->"


def timed(call: Callable[[], Any]) -> float:
    """Median milliseconds over RUNS runs, after one warm-up run."""
    call()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def child(export: bool) -> dict[str, Any]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from gipz.accounts.models import Membership, Organisation, User
    from gipz.geo.models import Municipality
    from gipz.monitoring.comparison import comparison
    from gipz.monitoring.factsheet import build_factsheet
    from gipz.monitoring.indicators import Aggregate, from_aggregate
    from gipz.monitoring.rollups import aggregate_for
    from gipz.monitoring.selectors import raw_aggregates
    from gipz.situations.models import Situation

    call_command("migrate", verbosity=0)
    generated = None
    present = Situation.objects.filter(reference__startswith="S").count()
    if present == 0:
        started = time.perf_counter()
        call_command("generate_history", situations=SITUATIONS, verbosity=0)
        generated = time.perf_counter() - started
    elif present != SITUATIONS:
        sys.exit(f"{present:,} synthetic situations present, {SITUATIONS:,} wanted: drop the bench database first")
    # What the worker does every minute; after an upgrade that marked every month stale, this is the catch-up.
    from gipz.monitoring.models import RollupDirty
    from gipz.monitoring.rollups import refresh_dirty

    stale_before = RollupDirty.objects.count()
    started = time.perf_counter()
    while refresh_dirty():
        pass
    catch_up = time.perf_counter() - started
    amsterdam = Municipality.objects.get(code="GM0363")
    everyone = list(Municipality.objects.filter(active=True))
    user, _ = User.objects.get_or_create(username="bench-monitoring")
    organisation = Organisation.objects.get(name__startswith="Politie (synthetisch)")
    Membership.objects.get_or_create(user=user, organisation=organisation, role="analyst")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host name
    client = Client()
    client.force_login(user)

    def page(url: str) -> Callable[[], None]:
        def get() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    def raw_total(area: Any) -> Aggregate:
        total = Aggregate()
        for agg in raw_aggregates(municipality=area, year=YEAR).values():
            total.merge(agg)
        return total

    result: dict[str, Any] = {
        "generated_seconds": generated,
        "stale_months": stale_before,
        "catch_up_seconds": catch_up,
        "situations": Situation.objects.count(),
        "year_situations": Situation.objects.filter(created_at__year=YEAR).count(),
        "municipalities": len(everyone),
        "amsterdam_situations": from_aggregate(aggregate_for(municipality=amsterdam, year=YEAR)).situations,
        "ms": {
            "factsheet_page_amsterdam": timed(page(f"/monitoring/gemeente/GM0363/{YEAR}/")),
            "factsheet_amsterdam": timed(lambda: build_factsheet(municipality=amsterdam, year=YEAR)),
            "factsheet_page_utrecht": timed(page(f"/monitoring/gemeente/GM0344/{YEAR}/")),
            "comparison_page": timed(page(f"/monitoring/vergelijking/{YEAR}/")),
            "comparison": timed(lambda: comparison(year=YEAR)),
            "infographic_page": timed(page(f"/monitoring/regio/{YEAR}/")),
            "raw_factsheet_amsterdam": timed(lambda: raw_total(amsterdam)),
            "raw_comparison": timed(lambda: raw_aggregates(municipality=everyone, year=YEAR)),
        },
    }

    def figures(with_pseudonyms: bool) -> dict[str, Any]:
        ind = from_aggregate(aggregate_for(municipality=amsterdam, year=YEAR, with_pseudonyms=with_pseudonyms))
        return {
            "situations": ind.situations,
            "without_offence": ind.without_offence,
            "wait_median": ind.police_wait_median,
            "wait_p90": ind.police_wait_p90,
            "u2_responded": ind.on_target["U2"]["responded"],
            "u2_within": ind.on_target["U2"]["within"],
            "persons": ind.persons,
            "repeat_persons": ind.repeat_persons,
            "improper_calls": ind.improper_calls,
        }

    # The exact path (what a region uses) and the page's path (the stored year summary) must both agree with DuckDB.
    result["amsterdam"] = figures(with_pseudonyms=True)
    result["amsterdam_page"] = figures(with_pseudonyms=False)
    rows, _region = comparison(year=YEAR)
    result["amsterdam_in_comparison"] = next(r.situations for r in rows if r.code == "GM0363")
    if export:
        write_export()
    return result


def write_export() -> None:
    """The raw rows the indicators use, as CSV, turned into Parquet by DuckDB (once)."""
    from django.db.models import Exists, OuterRef

    from gipz.privacy.models import Person
    from gipz.situations.models import CareRequest, Evaluation, FollowUp, Situation

    if (EXPORT / "situations.parquet").exists():
        return
    EXPORT.mkdir(parents=True, exist_ok=True)
    tables = {
        "situations": (
            [
                "id",
                "municipality_code",
                "created_at",
                "urgency",
                "offence",
                "has_request",
                "on_site_at",
                "handed_over_at",
            ],
            Situation.objects.annotate(has_request=Exists(CareRequest.objects.filter(situation=OuterRef("pk"))))
            .values_list(
                "pk",
                "municipality__code",
                "created_at",
                "urgency",
                "offence",
                "has_request",
                "on_site_at",
                "handed_over_at",
            )
            .order_by(),
        ),
        "follow_ups": (["situation_id", "kind"], FollowUp.objects.values_list("situation_id", "kind").order_by()),
        "persons": (["situation_id", "pseudonym"], Person.objects.values_list("situation_id", "pseudonym").order_by()),
        "evaluations": (
            ["situation_id", "improper_call"],
            Evaluation.objects.values_list("situation_id", "improper_call").order_by(),
        ),
    }
    import duckdb

    for name, (header, rows) in tables.items():
        path = EXPORT / f"{name}.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in rows.iterator(chunk_size=20000):
                writer.writerow([v.isoformat() if isinstance(v, dt.datetime) else v for v in row])
        duckdb.sql(f"COPY (SELECT * FROM read_csv_auto('{path}')) TO '{EXPORT / name}.parquet' (FORMAT parquet)")
        path.unlink()


DUCK_FACTSHEET = """
WITH s AS (SELECT * FROM situations WHERE municipality_code = $code AND created_at >= $start AND created_at < $end),
w AS (SELECT ceil(epoch(handed_over_at - created_at) / 60) AS m FROM s WHERE handed_over_at IS NOT NULL),
wr AS (SELECT m, row_number() OVER (ORDER BY m) AS r, count(*) OVER () AS n FROM w),
p AS (SELECT pseudonym, count(*) AS k FROM persons JOIN s ON persons.situation_id = s.id GROUP BY pseudonym),
e AS (SELECT situation_id, bool_or(improper_call) AS improper FROM evaluations
      WHERE situation_id IN (SELECT id FROM s) GROUP BY situation_id)
SELECT
  (SELECT count(*) FROM s) AS situations,
  (SELECT count(*) FROM s WHERE offence = 'no') AS without_offence,
  (SELECT max(m) FROM wr WHERE r = greatest(1, ceil(0.5 * n))) AS wait_median,
  (SELECT max(m) FROM wr WHERE r = greatest(1, ceil(0.9 * n))) AS wait_p90,
  (SELECT count(*) FROM s WHERE urgency = 'U2' AND on_site_at IS NOT NULL) AS u2_responded,
  (SELECT count(*) FROM s WHERE urgency = 'U2' AND on_site_at IS NOT NULL
     AND ceil(epoch(on_site_at - created_at) / 60) <= 60) AS u2_within,
  (SELECT count(*) FROM p) AS persons,
  (SELECT count(*) FROM p WHERE k > 1) AS repeat_persons,
  (SELECT count(*) FROM e WHERE improper) AS improper_calls
"""
DUCK_FACTSHEET_PARTS = [
    "SELECT urgency, count(*) FROM situations WHERE municipality_code = $code AND created_at >= $start "
    "AND created_at < $end GROUP BY urgency",
    "SELECT kind, count(*) FROM follow_ups JOIN situations s ON follow_ups.situation_id = s.id "
    "WHERE s.municipality_code = $code AND s.created_at >= $start AND s.created_at < $end GROUP BY kind",
]
DUCK_COMPARISON = """
WITH s AS (SELECT * FROM situations WHERE created_at >= $start AND created_at < $end),
w AS (SELECT municipality_code, ceil(epoch(handed_over_at - created_at) / 60) AS m FROM s
      WHERE handed_over_at IS NOT NULL),
wr AS (SELECT municipality_code, m, row_number() OVER (PARTITION BY municipality_code ORDER BY m) AS r,
       count(*) OVER (PARTITION BY municipality_code) AS n FROM w),
med AS (SELECT municipality_code, max(m) AS wait_median FROM wr WHERE r = greatest(1, ceil(0.5 * n)) GROUP BY ALL)
SELECT s.municipality_code, count(*) AS situations, count(*) FILTER (WHERE offence = 'no') AS without_offence,
       count(*) FILTER (WHERE urgency = 'U2' AND on_site_at IS NOT NULL) AS u2_responded,
       count(*) FILTER (WHERE urgency = 'U2' AND ceil(epoch(on_site_at - created_at) / 60) <= 60) AS u2_within,
       any_value(med.wait_median) AS wait_median
FROM s LEFT JOIN med USING (municipality_code) GROUP BY s.municipality_code
"""


def duckdb_figures() -> dict[str, Any]:
    from zoneinfo import ZoneInfo

    import duckdb

    zone = ZoneInfo("Europe/Amsterdam")
    start = dt.datetime(YEAR, 1, 1, tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)
    end = dt.datetime(YEAR + 1, 1, 1, tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name in ("situations", "follow_ups", "persons", "evaluations"):
        # Views over the Parquet files: every query reads the export itself, as an analyst would.
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{EXPORT / name}.parquet')")
    con.execute(
        "CREATE OR REPLACE VIEW situations AS SELECT * REPLACE (created_at::TIMESTAMPTZ::TIMESTAMP AS created_at, "
        "on_site_at::TIMESTAMPTZ::TIMESTAMP AS on_site_at, handed_over_at::TIMESTAMPTZ::TIMESTAMP AS handed_over_at) "
        f"FROM read_parquet('{EXPORT / 'situations'}.parquet')"
    )
    params = {"code": "GM0363", "start": start, "end": end}

    def factsheet() -> tuple[Any, ...]:
        row = con.execute(DUCK_FACTSHEET, params).fetchone()
        for part in DUCK_FACTSHEET_PARTS:
            con.execute(part, params).fetchall()
        return row  # type: ignore[return-value]

    def compare() -> list[Any]:
        return con.execute(DUCK_COMPARISON, {"start": start, "end": end}).fetchall()

    names = ["situations", "without_offence", "wait_median", "wait_p90", "u2_responded", "u2_within", "persons",
             "repeat_persons", "improper_calls"]  # fmt: skip
    values = dict(zip(names, factsheet(), strict=True))
    return {
        "amsterdam": {k: (int(v) if v is not None else None) for k, v in values.items()},
        "ms": {"factsheet_amsterdam": timed(factsheet), "comparison": timed(compare)},
        "comparison_rows": len(compare()),
    }


def run(database_url: str, *, export: bool) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GIPZ_ALLOW_INSECURE_KEY": "true",
        "GIPZ_STATIC_FROM_SOURCE": "true",
        "PYTHONPATH": str(ROOT),
    }
    args = [sys.executable, __file__, "--child"] + (["--export"] if export else [])
    out = subprocess.run(args, env=env, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ensure_pg_database() -> None:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    if "--child" in sys.argv:
        sys.stdout = sys.stderr  # the child's only stdout line is the JSON result
        result = child(export="--export" in sys.argv)
        sys.stdout = sys.__stdout__
        print(json.dumps(result, default=str))
        return
    ensure_pg_database()
    postgres = run(PG_URL, export=True)
    SQLITE_PATH.parent.mkdir(exist_ok=True)
    sqlite = run(f"sqlite:///{SQLITE_PATH}", export=False)
    duck = duckdb_figures()
    agree = (
        duck["amsterdam"]
        == postgres["amsterdam"]
        == sqlite["amsterdam"]
        == postgres["amsterdam_page"]
        == sqlite["amsterdam_page"]
        and duck["amsterdam"]["situations"] == postgres["amsterdam_in_comparison"] == sqlite["amsterdam_in_comparison"]
    )
    section = report(postgres, sqlite, duck, agree)
    text = RESULTS_MD.read_text()
    if MARK_BEGIN in text:
        text = re.sub(re.escape(MARK_BEGIN) + ".*?" + re.escape(MARK_END), section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS_MD.write_text(text)
    print(section)
    if not agree:
        sys.exit(
            "DuckDB and GIPZ disagree: " + json.dumps([duck["amsterdam"], postgres["amsterdam"], sqlite["amsterdam"]])
        )


def report(postgres: dict[str, Any], sqlite: dict[str, Any], duck: dict[str, Any], agree: bool) -> str:
    pg, sq, dk = postgres["ms"], sqlite["ms"], duck["ms"]
    rows = [
        (
            "factsheet Amsterdam, page (server time)",
            pg["factsheet_page_amsterdam"],
            sq["factsheet_page_amsterdam"],
            None,
        ),
        (
            "factsheet Amsterdam, computation",
            pg["factsheet_amsterdam"],
            sq["factsheet_amsterdam"],
            dk["factsheet_amsterdam"],
        ),
        ("factsheet Utrecht, page (server time)", pg["factsheet_page_utrecht"], sq["factsheet_page_utrecht"], None),
        ("comparison, all municipalities, page", pg["comparison_page"], sq["comparison_page"], None),
        ("comparison, all municipalities, computation", pg["comparison"], sq["comparison"], dk["comparison"]),
        ("infographic, all municipalities as one region, page", pg["infographic_page"], sq["infographic_page"], None),
        (
            "from scratch (no rollups): factsheet Amsterdam",
            pg["raw_factsheet_amsterdam"],
            sq["raw_factsheet_amsterdam"],
            None,
        ),
        ("from scratch (no rollups): comparison", pg["raw_comparison"], sq["raw_comparison"], None),
    ]

    def cell(value: float | None) -> str:
        return "—" if value is None else f"{value:,.1f} ms"

    a = postgres["amsterdam"]
    return "\n".join(
        [
            MARK_BEGIN,
            "## Monitoring at national scale: factsheet and regional comparison",
            "",
            f"{dt.date.today():%Y-%m-%d}, {platform.node()} ({os.cpu_count()} cores), Python "
            f"{platform.python_version()}. Command: `make bench-monitoring`. Data: `gipz generate-history` — "
            f"{postgres['situations']:,} synthetic situations over 10 years and {postgres['municipalities']} "
            f"municipalities; {postgres['year_situations']:,} in {YEAR}, {a['situations']:,} of them in Amsterdam. "
            f"Median of {RUNS} runs after a warm-up. DuckDB {duckdb_version()} reads a Parquet export of the same rows "
            "(export not timed) and computes the same figures.",
            "",
            "| what | PostgreSQL | SQLite | DuckDB on the raw export |",
            "| --- | --- | --- | --- |",
            *[f"| {name} | {cell(p)} | {cell(s)} | {cell(d)} |" for name, p, s, d in rows],
            "",
            f"DuckDB and GIPZ (both the page's stored year summary and the exact path a region uses, and the "
            f"comparison row) {'agree on every checked figure' if agree else 'DISAGREE'} for Amsterdam {YEAR}: "
            f"{a['situations']:,} situations, police waiting time median {a['wait_median']} and p90 {a['wait_p90']} "
            f"minutes, U2 on site within 60 minutes {a['u2_within']:,} of {a['u2_responded']:,}, "
            f"{a['repeat_persons']:,} repeat persons of {a['persons']:,}.",
            "GIPZ reads one year row per municipality, merged from the monthly rollups the worker keeps current, "
            "instead of the raw rows; the 'from scratch' rows show what that saves. Generating the data took "
            + (f"{postgres['generated_seconds']:.0f} s on PostgreSQL" if postgres["generated_seconds"] else "(reused)")
            + (f" and {sqlite['generated_seconds']:.0f} s on SQLite." if sqlite["generated_seconds"] else ".")
            + (
                f" Before timing, the worker's refresh brought {postgres['stale_months']:,} stale months up to date in "
                f"{postgres['catch_up_seconds']:.0f} s (PostgreSQL) and {sqlite['stale_months']:,} in "
                f"{sqlite['catch_up_seconds']:.0f} s (SQLite)."
                if postgres["stale_months"] or sqlite["stale_months"]
                else ""
            ),
            MARK_END,
        ]
    )


def duckdb_version() -> str:
    import duckdb

    return str(duckdb.__version__)


if __name__ == "__main__":
    main()
