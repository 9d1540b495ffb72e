"""gunicorn for GIPZ: several processes, each an ASGI event loop (uvicorn's worker class), so one process holds
thousands of open live pages. Started by deploy/gipz-web.service and by `make smoke`. Settings here can be
overridden with GUNICORN_CMD_ARGS or on the command line."""

import os

wsgi_app = "config.asgi:application"
worker_class = "uvicorn_worker.UvicornWorker"
workers = int(os.environ.get("GIPZ_WEB_PROCESSES", "4"))  # about one per core
bind = os.environ.get("GIPZ_BIND", "127.0.0.1:8000")  # the TLS proxy in front connects here
graceful_timeout = 30  # on SIGTERM a process finishes its requests; live streams reconnect to another one
timeout = 60
keepalive = 75  # longer than the proxy's idle keep-alive, so the proxy closes first
forwarded_allow_ips = os.environ.get("GIPZ_PROXY_IPS", "127.0.0.1")  # who may set X-Forwarded-Proto
accesslog = None  # the proxy logs requests; GIPZ logs what it does, with the request id
proc_name = "gipz-web"
