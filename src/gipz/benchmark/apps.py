from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    """The bare endpoint `make bench` compares intake with, and `gipz bench_setup`. Installed only by
    config.settings_bench (and the test suite, which tests it): no production installation has its table."""

    name = "gipz.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"
