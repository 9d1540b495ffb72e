"""Settings for `make bench`: production settings plus the benchmark-only endpoint (POST /api/v1/bench/ping/), which
inserts a row through the same stack as intake. It never exists in the production URLs."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "config.urls_bench"
