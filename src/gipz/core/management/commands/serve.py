import signal
import sys
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gipz.core.supervise import Supervisor


class Command(BaseCommand):
    help = "Serve the web app and run one worker beside it, started again if it dies (for the demo and development)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, host: str, port: str, **options: Any) -> None:
        worker = Supervisor([sys.executable, "-m", "gipz.cli", "worker"], name="worker")
        threading.Thread(target=worker.run, name="gipz-supervisor", daemon=True).start()
        # SIGTERM (a process manager, `kill`) ends the server the way Ctrl+C does, so the worker is stopped too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(f"GIPZ: http://{host}:{port}/  (with a worker beside it; stop with Ctrl+C)")
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            worker.stop()
