"""The production URLs plus the benchmark baseline endpoint (only with config.settings_bench)."""

from django.urls import path

from config.urls import urlpatterns as production
from gipz.benchmark.views import BenchPingView

urlpatterns = [path("api/v1/bench/ping/", BenchPingView.as_view(), name="api-bench-ping"), *production]
