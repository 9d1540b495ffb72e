"""The benchmark's bare endpoint exists only with its settings; production installs neither the app nor the URL."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from conftest import World
from gipz.api.tests.test_api import client_for
from gipz.benchmark.models import BenchPing

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_api(world: World) -> APIClient:
    return client_for(world.police)


def test_production_settings_do_not_install_the_benchmark() -> None:
    import config.settings as production
    import config.settings_bench as bench

    assert "gipz.benchmark" not in production.INSTALLED_APPS
    assert "gipz.benchmark" in bench.INSTALLED_APPS and bench.ROOT_URLCONF == "config.urls_bench"


def test_the_benchmark_endpoint_is_not_in_the_production_api(world: World, police_api: APIClient) -> None:
    assert police_api.post("/api/v1/bench/ping/").status_code == 404
    assert not BenchPing.objects.exists()


@pytest.mark.urls("config.urls_bench")
def test_bench_ping_inserts_one_row_with_the_benchmark_urls(world: World, police_api: APIClient) -> None:
    assert police_api.post("/api/v1/bench/ping/").status_code == 201
    assert BenchPing.objects.count() == 1
