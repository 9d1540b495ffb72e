"""Settings for `make bench`: production settings plus the benchmark-only app (gipz.benchmark: POST
/api/v1/bench/ping/, which inserts a row through the same stack as intake, and `gipz bench_setup`). Neither exists in
a production installation."""

from config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "gipz.benchmark"]  # noqa: F405
ROOT_URLCONF = "config.urls_bench"
