"""gunicorn for GIPZ's pages and API: several processes, each with a few threads (gthread, plain WSGI), so a
request runs on its thread with no hand-off to an event loop. The open pages' event streams (/live/) are served by
the live process instead (deploy/gunicorn-live.conf.py); nginx routes them there. Started by
deploy/gipz-web.service and by `make smoke` and `make bench`. Settings here can be overridden with
GUNICORN_CMD_ARGS or on the command line."""

import os

wsgi_app = "config.wsgi:application"
worker_class = "gthread"
workers = int(os.environ.get("GIPZ_WEB_PROCESSES", "4"))  # about two per core
# Few threads: a request's work is Python under one interpreter lock per process, so more processes with fewer
# threads serve more (docs/benchmarks.md: 4 × 2 beat 2 × 4 and 2 × 8 on two cores).
threads = int(os.environ.get("GIPZ_WEB_THREADS", "2"))
# Each thread needs at most one database connection: the process's pool is exactly its threads (gipz check
# --deploy adds the processes up against the server's max_connections).
raw_env = [f"GIPZ_DB_POOL_SIZE={threads}"]
bind = os.environ.get("GIPZ_BIND", "127.0.0.1:8000")  # the TLS proxy in front connects here
graceful_timeout = 30  # on SIGTERM a process finishes its requests
timeout = 60
keepalive = 75  # longer than the proxy's idle keep-alive, so the proxy closes first
forwarded_allow_ips = os.environ.get("GIPZ_PROXY_IPS", "127.0.0.1")  # who may set X-Forwarded-Proto
accesslog = None  # the proxy logs requests; GIPZ logs what it does, with the request id
proc_name = "gipz-web"
