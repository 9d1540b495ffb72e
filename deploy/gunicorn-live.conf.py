"""gunicorn for the open pages' event streams (/live/events/): uvicorn's ASGI worker, so one process holds
thousands of open pages on one event loop. Only /live/ is routed here (deploy/nginx.conf); everything else runs on
the threaded web processes (deploy/gunicorn.conf.py), which pay no thread hand-off. Started by
deploy/gipz-live.service and by `make smoke`."""

import os

wsgi_app = "config.asgi:application"
worker_class = "uvicorn_worker.UvicornWorker"
workers = int(os.environ.get("GIPZ_LIVE_PROCESSES", "1"))
# A stream gives its connection back once it has checked who is asking; the feed thread keeps one.
raw_env = ["GIPZ_DB_POOL_SIZE=2"]
bind = os.environ.get("GIPZ_LIVE_BIND", "127.0.0.1:8001")
graceful_timeout = 10  # streams reconnect by themselves (with Last-Event-ID) to another process
timeout = 60
keepalive = 75
forwarded_allow_ips = os.environ.get("GIPZ_PROXY_IPS", "127.0.0.1")
accesslog = None
proc_name = "gipz-live"
