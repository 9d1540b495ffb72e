"""Settings for the test suite: the normal settings, plus what makes tests fast and self-contained."""

import os

os.environ.setdefault("GIPZ_ALLOW_INSECURE_KEY", "true")
os.environ.setdefault("GIPZ_STATIC_FROM_SOURCE", "true")
os.environ.setdefault("GIPZ_HTTPS", "false")  # the test client speaks plain http
os.environ.setdefault("GIPZ_REQUIRE_2FA", "false")  # tests of the second factor turn it on themselves
os.environ.setdefault("GIPZ_WEBHOOKS_ALLOW_HTTP", "true")  # the tests' receiver listens on http://127.0.0.1
os.environ.setdefault("GIPZ_REFERENCE_CACHE_SECONDS", "0")
# The suite's threads and transactions use Django's plain connections; the pool is exercised on the deployed
# layout by `make smoke` (100 concurrent requests against the bound) and by core/tests/test_connections.py.
os.environ.setdefault("GIPZ_DB_POOL_SIZE", "0")  # each test builds its own roster; tests opt in

from config.settings import *  # noqa: F403

# The benchmark app is tested too (benchmark/tests); production settings never install it.
INSTALLED_APPS = [*INSTALLED_APPS, "gipz.benchmark"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: hashing speed, not security
AXES_ENABLED = False  # Client.login() passes no request; the lockout tests turn it on and post the login form

# The read replica is Django's test mirror of the primary: code that reads from "replica" runs in every test and
# sees what the test wrote (docs/operations.md, *When one machine is not enough*).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
