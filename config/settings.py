"""Django settings for GIPZ. Everything that differs per installation comes from the environment (config/env.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_checked, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
SRC_DIR = BASE_DIR / "src" / "gipz"

DEBUG = env_bool("GIPZ_DEBUG", False, "Django debug mode. Never on in production.")
DATA_DIR = Path(
    env_str(
        "GIPZ_DATA_DIR",
        "var",
        "Directory for the SQLite database and generated files (relative to the checkout).",
    )
)
if not DATA_DIR.is_absolute():
    DATA_DIR = BASE_DIR / DATA_DIR
DATA_DIR.mkdir(parents=True, exist_ok=True)

_DEV_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env_str(
    "GIPZ_SECRET_KEY", _DEV_KEY, "Django secret key. Required (and not the default) when GIPZ_DEBUG is off."
)
_ALLOW_INSECURE_KEY = env_bool(
    "GIPZ_ALLOW_INSECURE_KEY", False, "Allow the built-in development secret key with debug off (demo and tests only)."
)
if not DEBUG and SECRET_KEY == _DEV_KEY and not _ALLOW_INSECURE_KEY:
    raise ImproperlyConfigured("GIPZ_SECRET_KEY must be set when GIPZ_DEBUG is off.")

ALLOWED_HOSTS = env_list("GIPZ_ALLOWED_HOSTS", ["127.0.0.1", "localhost"], "Host names this server answers to.")
CSRF_TRUSTED_ORIGINS = env_list("GIPZ_CSRF_TRUSTED_ORIGINS", [], "Origins trusted for CSRF (https://host).")


def _check_database_url(value: str) -> str | None:
    if value and not value.startswith(("postgres://", "postgresql://", "sqlite://")):
        return "must start with postgres://, postgresql:// or sqlite://"
    return None


DATABASE_URL = env_checked(
    "DATABASE_URL",
    "",
    "Database to use: postgres://user@host:port/name or sqlite:///path. Empty: SQLite in GIPZ_DATA_DIR.",
    _check_database_url,
)
GIPZ_DB_POOL_SIZE = env_int(
    "GIPZ_DB_POOL_SIZE",
    2,
    "PostgreSQL: the most connections this process holds (Django's connection pool). Give each process one per "
    "thread that queries: a web process's GIPZ_WEB_THREADS, 2 for a worker (its two loops), 2 for a live process. "
    "docs/operations.md has the formula that must fit the server's max_connections. 0: no pool (one connection per "
    "thread, kept GIPZ_DB_CONN_MAX_AGE seconds).",
    minimum=0,
)
# The deployed layout (deploy/), for the connection budget that `gipz check --deploy` checks (docs/operations.md).
GIPZ_WEB_PROCESSES = env_int(
    "GIPZ_WEB_PROCESSES", 4, "Web processes (gunicorn, gthread) serving pages and the API.", minimum=1
)
GIPZ_WEB_THREADS = env_int(
    "GIPZ_WEB_THREADS",
    2,
    "Threads per web process; each holds at most one pooled connection. More processes with fewer threads serve "
    "more intakes per second (the work is Python, under one interpreter lock per process: docs/benchmarks.md).",
    minimum=1,
)
GIPZ_LIVE_PROCESSES = env_int(
    "GIPZ_LIVE_PROCESSES",
    1,
    "Live processes (uvicorn, ASGI) holding the open pages' event streams (/live/).",
    minimum=0,
)
GIPZ_WORKER_PROCESSES = env_int("GIPZ_WORKER_PROCESSES", 2, "`gipz worker` processes (gipz-worker@N).", minimum=0)
GIPZ_DB_RESERVED_CONNECTIONS = env_int(
    "GIPZ_DB_RESERVED_CONNECTIONS",
    10,
    "Connections kept free for what is not GIPZ's processes: backups, migrations, psql, monitoring, replication.",
    minimum=0,
)
GIPZ_DB_MAX_CONNECTIONS = env_int(
    "GIPZ_DB_MAX_CONNECTIONS",
    0,
    "The PostgreSQL server's max_connections, for the budget check. 0: ask the server (`SHOW max_connections`).",
    minimum=0,
)
GIPZ_DB_POOL_TIMEOUT = env_int(
    "GIPZ_DB_POOL_TIMEOUT",
    10,
    "Seconds a request waits for a free pooled connection before it is answered 503 (tijdelijk niet beschikbaar).",
    minimum=1,
)
_CONN_MAX_AGE = env_int(
    "GIPZ_DB_CONN_MAX_AGE",
    0,
    "Without a pool (GIPZ_DB_POOL_SIZE=0): seconds to keep PostgreSQL connections open (0: close after each request).",
    minimum=0,
)


def _database(url: str) -> dict[str, object]:
    """The database at `url`; PostgreSQL gets a bounded pool per process (psycopg_pool) unless GIPZ_DB_POOL_SIZE is 0:
    connections are reused across requests and never exceed max_size, however many requests arrive; the rest wait
    up to the timeout. Persistent connections and a pool exclude each other, so CONN_MAX_AGE is 0 then. With health
    checks the pool checks a connection when it is taken (one round trip), so one cut by a database restart or
    failover is replaced instead of failing the request that took it."""
    db = dict(dj_database_url.parse(url, conn_max_age=_CONN_MAX_AGE))
    if db["ENGINE"] == "django.db.backends.postgresql" and GIPZ_DB_POOL_SIZE:
        db.update(CONN_MAX_AGE=0, CONN_HEALTH_CHECKS=True)
        options = dict(db.get("OPTIONS") or {})  # type: ignore[call-overload]
        options["pool"] = {"min_size": 1, "max_size": GIPZ_DB_POOL_SIZE, "timeout": GIPZ_DB_POOL_TIMEOUT,
                           "max_idle": 300}  # fmt: skip
        db["OPTIONS"] = options
    return db


if DATABASE_URL:
    _db = _database(DATABASE_URL)
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "gipz.sqlite3")}
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two workers cannot both read a due job and then both write.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    _db.pop("CONN_MAX_AGE", None)
DATABASES = {"default": _db}
GIPZ_DATABASE_REPLICA_URL = env_checked(
    "GIPZ_DATABASE_REPLICA_URL",
    "",
    "A read replica of the primary (postgres://…): the monitoring pages, the comparison, the research export and the "
    "simulation's baselines read from it. Empty: everything reads from DATABASE_URL.",
    _check_database_url,
)
if GIPZ_DATABASE_REPLICA_URL:
    DATABASES["replica"] = _database(GIPZ_DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["gipz.core.dbrouter.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "gipz.core",
    "gipz.accounts",
    "gipz.geo",
    "gipz.agreements",
    "gipz.alerts",
    "gipz.accesslog",
    "gipz.rulebook",
    "gipz.situations",
    "gipz.simulation",
    "gipz.privacy",
    "gipz.monitoring",
    "gipz.prevention",
    "gipz.unsafety",
    "gipz.keyfigures",
    "gipz.learning",
    "gipz.api",
    "gipz.backup",
    "gipz.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gipz.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gipz.accounts.middleware.ActorMiddleware",
    "gipz.core.logcontext.RequestIdMiddleware",
    "gipz.accounts.middleware.InactivityMiddleware",
    "gipz.accounts.second_factor.SecondFactorMiddleware",
    "gipz.accounts.permissions.RoleMatrixMiddleware",
    "csp.middleware.CSPMiddleware",
    "gipz.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gipz.accounts.context_processors.actor",
                "gipz.privacy.context_processors.open_requests",
            ],
        },
    },
]

# Message levels named as the NL Design System alert's variants (utrecht-alert--info/ok/warning/error).
MESSAGE_TAGS = {10: "info", 25: "ok"}  # DEBUG and SUCCESS; INFO, WARNING and ERROR already match

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]

# Strong login (docs/operations.md): a second factor, throttling and lockout.
GIPZ_REQUIRE_2FA = env_bool(
    "GIPZ_REQUIRE_2FA",
    True,
    "Require a second factor (an authenticator app, with recovery codes) for every user. `make demo` turns it off "
    "and every page then says so.",
)
OTP_TOTP_ISSUER = "GIPZ"
AXES_FAILURE_LIMIT = env_int(
    "GIPZ_LOGIN_FAILURE_LIMIT", 5, "Failed logins before an account or an address is locked out.", minimum=2
)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_int("GIPZ_LOCKOUT_MINUTES", 15, "How long a lockout lasts (an administrator can lift it).", minimum=1)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: guessing one account, or many from one place
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gipz.accounts.views.locked_out"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = env_str("GIPZ_TIME_ZONE", "Europe/Amsterdam", "Time zone for display and duty rosters.")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [SRC_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env_bool(
    "GIPZ_STATIC_FROM_SOURCE",
    False,
    "Serve static files from the source tree without collectstatic (demo, tests).",
)
if WHITENOISE_USE_FINDERS:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Transport and browser hardening (docs/operations.md). Production defaults; `make demo` and the tests, which serve
# plain http://127.0.0.1, set GIPZ_HTTPS=false.
HTTPS = env_bool(
    "GIPZ_HTTPS",
    True,
    "Served over HTTPS (behind a proxy that sets X-Forwarded-Proto): redirect http to https, HSTS, secure cookies. "
    "Off only for the demo and tests on http://127.0.0.1.",
)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^health/"]  # load balancers probe the process directly over plain http
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
_HSTS_SECONDS = env_int(
    "GIPZ_HSTS_SECONDS", 365 * 24 * 3600, "Strict-Transport-Security max-age in seconds (with GIPZ_HTTPS).", minimum=0
)
SECURE_HSTS_SECONDS = _HSTS_SECONDS if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("GIPZ_HSTS_PRELOAD", True, "Allow browsers' HSTS preload lists to include the host.")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # a session ends with the browser (no persistent login cookie)
SESSION_COOKIE_AGE = env_int(
    "GIPZ_SESSION_SECONDS", 12 * 3600, "Longest session in seconds, however active (one shift).", minimum=300
)
GIPZ_IDLE_SECONDS = env_int(
    "GIPZ_IDLE_SECONDS",
    30 * 60,
    "Log out after this many seconds without a click or form (live updates do not count as activity).",
    minimum=60,
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp): scripts, styles and everything else from this server only; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "gipz.api.authentication.OrganisationTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["gipz.api.permissions.RoleMatrixPermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gipz.api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "gipz.api.edges.BoundedPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["gipz.api.edges.StrictJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["gipz.api.edges.TokenRateThrottle"],
}
GIPZ_API_RATE = env_checked(
    "GIPZ_API_RATE",
    "600/min",
    "Requests per API token (or logged-in user) per second, minute, hour or day, e.g. 600/min; beyond it 429.",
    lambda value: (
        None
        if value.count("/") == 1
        and value.split("/")[0].isdigit()
        and value.split("/")[1] in {"s", "sec", "min", "m", "hour", "h", "day", "d"}
        else "must look like 600/min"
    ),
)
SPECTACULAR_SETTINGS = {
    "TITLE": "GIPZ API",
    "DESCRIPTION": "Intake and status of (semi-)acute situations handed from police to the 24/7 crisis service.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SituationStatusEnum": "gipz.situations.models.Status",
        "CareRequestStatusEnum": "gipz.situations.models.CareRequest.Status",
        "FollowUpStatusEnum": "gipz.situations.models.FollowUp.Status",
        "FollowUpKindEnum": "gipz.situations.models.FollowUp.Kind",
        "UrgencyEnum": "gipz.situations.models.Urgency",
        "OffenceEnum": "gipz.situations.models.Offence",
    },
}

# Time-driven work (docs/operations.md).
GIPZ_WORKER_POLL_SECONDS = env_int(
    "GIPZ_WORKER_POLL_SECONDS",
    2,
    "How often an idle worker's main loop looks for due jobs (its urgent loop looks every second).",
    minimum=1,
)
GIPZ_WORKER_LEASE_SECONDS = env_int(
    "GIPZ_WORKER_LEASE_SECONDS",
    30,
    "How long a claimed job stays claimed before another worker may retry it.",
    minimum=5,
)
GIPZ_WORKER_HEARTBEAT_SECONDS = env_int(
    "GIPZ_WORKER_HEARTBEAT_SECONDS",
    5,
    "How often a worker's urgent loop writes its heartbeat (it runs beside long jobs, so it beats during them).",
    minimum=1,
)
GIPZ_HEALTH_WORKER_MAX_AGE_SECONDS = env_int(
    "GIPZ_HEALTH_WORKER_MAX_AGE_SECONDS",
    15,
    "/health/ready fails when no worker has written a heartbeat for this many seconds.",
    minimum=5,
)
GIPZ_HEALTH_JOB_LAG_SECONDS = env_int(
    "GIPZ_HEALTH_JOB_LAG_SECONDS",
    300,
    "/health/ready fails when a due job has waited this many seconds (the workers cannot keep up or are stuck).",
    minimum=10,
)
GIPZ_JOB_KEEP_DAYS = env_int(
    "GIPZ_JOB_KEEP_DAYS", 14, "Days a finished job is kept before the hourly purge removes it.", minimum=1
)
GIPZ_FAILED_JOB_KEEP_DAYS = env_int(
    "GIPZ_FAILED_JOB_KEEP_DAYS", 90, "Days a failed job is kept (for the operator) before it is removed.", minimum=1
)
GIPZ_WEBHOOKS_ALLOW_HTTP = env_bool(
    "GIPZ_WEBHOOKS_ALLOW_HTTP",
    False,
    "Allow webhook endpoints on plain http:// (tests and a receiver on the same host only; production: https).",
)
# Alerts outside the app (docs/operations.md): e-mail, Web Push and SMS. Never personal data in them.
GIPZ_BASE_URL = env_str(
    "GIPZ_BASE_URL", "http://127.0.0.1:8000", "The address users reach GIPZ at; alerts link to pages under it."
)
GIPZ_SMTP_URL = env_str(
    "GIPZ_SMTP_URL",
    "",
    "Mail server for e-mail alerts: smtp://user:password@host:587 (STARTTLS), smtps://…:465 (TLS), or "
    "smtp+plain://host:25 for a relay on the same host only. Empty: alert e-mails are written to the log.",
)
_smtp = urlsplit(GIPZ_SMTP_URL) if GIPZ_SMTP_URL else None
if _smtp is not None and (_smtp.scheme not in ("smtp", "smtps", "smtp+plain") or not _smtp.hostname):
    # Not the value itself in the message: it may hold a password.
    raise ImproperlyConfigured("GIPZ_SMTP_URL: use smtp://, smtps:// or smtp+plain:// with a host name.")
GIPZ_ALERT_FROM = env_str("GIPZ_ALERT_FROM", "GIPZ <gipz@localhost>", "Sender of alert e-mails.")
GIPZ_VAPID_PRIVATE_KEY = env_str(
    "GIPZ_VAPID_PRIVATE_KEY",
    "",
    "Web Push server key (base64url, raw P-256; `gipz vapid-keys` makes one). Empty: the key file in the data "
    "directory if `gipz vapid-keys` wrote one, else push is off.",
)
GIPZ_VAPID_SUBJECT = env_str(
    "GIPZ_VAPID_SUBJECT", "mailto:beheer@example.nl", "Contact for push services (mailto: or https:), RFC 8292."
)
GIPZ_SMS_URL = env_str(
    "GIPZ_SMS_URL", "https://gw.messaging.cm.com/v1.0/message", "SMS gateway (CM.com's JSON API or one like it)."
)
GIPZ_SMS_TOKEN = env_str("GIPZ_SMS_TOKEN", "", "The SMS gateway's product token. Empty: SMS alerts are off.")
GIPZ_SMS_SENDER = env_str("GIPZ_SMS_SENDER", "GIPZ", "Sender name of alert SMS (at most 11 characters).")

GIPZ_LIVE_FEED_MS = env_int(
    "GIPZ_LIVE_FEED_MS",
    250,
    "How often each web process reads new changes for the pages open on it (milliseconds; core/livefeed.py).",
    minimum=50,
)
GIPZ_BOARD_REFRESH_SECONDS = env_int(
    "GIPZ_BOARD_REFRESH_SECONDS",
    3,
    "How often the live board and the situation page poll when their push connection is down (seconds).",
    minimum=1,
)

GIPZ_REFERENCE_CACHE_SECONDS = env_int(
    "GIPZ_REFERENCE_CACHE_SECONDS",
    30,
    "How long a process may reuse the roster, response targets, municipalities, a team's members and which "
    "organisations have webhook endpoints, as it read them (0: never). A change made in one process reaches the "
    "others within this time.",
    minimum=0,
)

# Privacy: retention per data category (docs/privacy.md gives the source of each default).
GIPZ_RETENTION_CARE_DAYS = env_int(
    "GIPZ_RETENTION_CARE_DAYS",
    365,
    "Days after a situation ended before its care details (person care data, care notes, SBAR B/A) are removed.",
    minimum=1,
)
GIPZ_RETENTION_SHARED_DAYS = env_int(
    "GIPZ_RETENTION_SHARED_DAYS",
    90,
    "Days after the situation ended (and at least after the answer) before the content shared through an "
    "information request is removed.",
    minimum=1,
)
GIPZ_RETENTION_IDENTITY_DAYS = env_int(
    "GIPZ_RETENTION_IDENTITY_DAYS",
    5 * 365,
    "Days after a situation ended before the person's identity and the situation's free text are removed.",
    minimum=1,
)
GIPZ_RETENTION_ACCESS_LOG_DAYS = env_int(
    "GIPZ_RETENTION_ACCESS_LOG_DAYS",
    6 * 365,
    "Days an access-log entry is kept. Default: the identity period plus one year, so 'who saw my data' can be "
    "answered for as long as the data can exist and a complaint can follow (docs/privacy.md).",
    minimum=30,
)
GIPZ_SHARED_VISIBLE_DAYS = env_int(
    "GIPZ_SHARED_VISIBLE_DAYS",
    30,
    "Default number of days the requester can see what was shared with them (the holder may choose 1-365).",
    minimum=1,
)
GIPZ_ACCESS_LOG_KEY = env_str(
    "GIPZ_ACCESS_LOG_KEY",
    "",
    "Key that seals every access-log entry (kept outside the database, so a database administrator cannot rewrite "
    "the log unnoticed). Empty: derived from GIPZ_SECRET_KEY. Never change it: older entries would fail verification.",
)
GIPZ_ACCESS_LOG_CHECKPOINTS = env_str(
    "GIPZ_ACCESS_LOG_CHECKPOINTS",
    "",
    "File the worker appends the access log's head to every few minutes (outside the database; ship it to "
    "write-once storage or syslog). Empty: accesslog-checkpoints.txt in GIPZ_DATA_DIR.",
)
GIPZ_PSEUDONYM_KEY = env_str(
    "GIPZ_PSEUDONYM_KEY",
    "",
    "Key for person pseudonyms (keyed hash of name and date of birth). Empty: derived from GIPZ_SECRET_KEY. "
    "Changing it breaks the link between earlier and later situations of the same person.",
)

# Monitoring (docs/monitoring.md).
GIPZ_SUPPRESSION_THRESHOLD = env_int(
    "GIPZ_SUPPRESSION_THRESHOLD",
    5,
    "Counts below this (and shares or times computed from fewer situations) are hidden in every monitoring view "
    "and export.",
    minimum=1,
)
GIPZ_RESEARCH_MIN_POPULATION = env_int(
    "GIPZ_RESEARCH_MIN_POPULATION",
    50_000,
    "In the researchers' export a municipality is named only from this many inhabitants; smaller ones show their "
    "safety region.",
    minimum=0,
)

GIPZ_LOG_FORMAT = env_checked(
    "GIPZ_LOG_FORMAT",
    "plain",
    "plain: readable lines (the demo); json: one JSON object per line with request, user, organisation and job ids "
    "(production, for a log collector).",
    lambda value: None if value in ("plain", "json") else "must be plain or json",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "gipz.core.logcontext.ContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s %(organisation_id)s %(job_id)s "
            "%(job_kind)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": GIPZ_LOG_FORMAT, "filters": ["context"]}},
    "root": {
        "handlers": ["console"],
        "level": env_str("GIPZ_LOG_LEVEL", "INFO", "Log level (DEBUG, INFO, ...)."),
    },
    # The PDF renderer reports every step at INFO and every screen-only CSS rule at WARNING: keep only errors.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
