"""ASGI entry point: `uvicorn config.asgi:application`. Ordinary pages run as under WSGI; the live pages' event
streams (core/livefeed.py) wait on the event loop, so one process keeps thousands of them open."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()
