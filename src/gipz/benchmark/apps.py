from django.apps import AppConfig

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "benchmark.BenchPing.*": "benchmark rows",
}


class BenchmarkConfig(AppConfig):
    """The bare endpoint `make bench` compares intake with, and `gipz bench_setup`. Installed only by
    config.settings_bench (and the test suite, which tests it): no production installation has its table."""

    name = "gipz.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal

        text_not_personal("benchmark", NOT_PERSONAL)
