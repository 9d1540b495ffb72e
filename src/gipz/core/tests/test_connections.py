"""Bounded database connections (issue #28, item 1): a pool per process, a budget `gipz check --deploy` holds
against the server's max_connections. The bound under 100 concurrent requests is measured on the deployed layout
by `make smoke` (deploy/smoke.py, concurrent_requests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import override_settings

from gipz.core import checks


def test_the_budget_adds_up_every_kind_of_process() -> None:
    budget = checks.connection_budget(web_processes=4, web_threads=2, live_processes=1, worker_processes=2, reserved=10)
    assert budget.needed == 4 * 2 + 1 * 2 + 2 * 2 + 10 == 24
    assert budget.explain() == "8 web + 2 live + 4 worker + 10 reserved = 24"


def _settings_with(**env: str) -> dict[str, object]:
    code = "import json, config.settings as s; print(json.dumps({k: v for k, v in s.DATABASES['default'].items() if k in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'OPTIONS')}))"  # noqa: E501
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIPZ_DB_", "DATABASE_URL"))}
    done = subprocess.run([sys.executable, "-c", code], env={**clean, "GIPZ_ALLOW_INSECURE_KEY": "true", **env},
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_postgresql_gets_a_bounded_pool_per_process() -> None:
    pooled = _settings_with(DATABASE_URL="postgres://gipz@db.example/gipz", GIPZ_DB_POOL_SIZE="3")
    assert pooled["CONN_MAX_AGE"] == 0  # persistent connections and a pool exclude each other
    assert pooled["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 3, "timeout": 10, "max_idle": 300}  # type: ignore[index]
    assert pooled["CONN_HEALTH_CHECKS"] is True  # a connection cut by a restart is replaced when taken
    unpooled = _settings_with(DATABASE_URL="postgres://gipz@db.example/gipz", GIPZ_DB_POOL_SIZE="0")
    assert "pool" not in unpooled.get("OPTIONS", {})  # type: ignore[operator]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the budget is PostgreSQL's")
def test_check_deploy_warns_when_the_layout_does_not_fit(db: None) -> None:
    with override_settings(GIPZ_DB_MAX_CONNECTIONS=20, GIPZ_WEB_PROCESSES=4, GIPZ_WEB_THREADS=2, GIPZ_LIVE_PROCESSES=1,
                           GIPZ_WORKER_PROCESSES=2, GIPZ_DB_RESERVED_CONNECTIONS=10, GIPZ_DB_POOL_SIZE=2):  # fmt: skip
        found = checks.connections_fit()
    assert [w.id for w in found] == ["gipz.W010"] and "= 24" in found[0].msg and "allows 20" in found[0].msg
    with override_settings(GIPZ_DB_MAX_CONNECTIONS=0, GIPZ_DB_POOL_SIZE=2):
        assert checks.connections_fit() == []  # asks the server: 100 by default, which the default layout fits


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the budget is PostgreSQL's")
def test_check_deploy_warns_without_a_pool() -> None:
    with override_settings(GIPZ_DB_POOL_SIZE=0, GIPZ_DB_MAX_CONNECTIONS=1000):
        assert [w.id for w in checks.connections_fit()] == ["gipz.W011"]


def test_sqlite_has_no_connection_budget() -> None:
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    assert checks.connections_fit() == []
