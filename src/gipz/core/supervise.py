"""Keep a child process running: `gipz serve` (the demo) starts its worker this way, so a worker that dies (a lock
it could not get, an out-of-memory kill) is started again instead of the demo's escalations silently stopping.
Production leaves this to systemd (deploy/gipz-worker@.service, Restart=always)."""

from __future__ import annotations

import logging
import subprocess
import threading

log = logging.getLogger(__name__)

RESTART_AFTER_SECONDS = 2.0


class Supervisor:
    def __init__(self, command: list[str], *, name: str, restart_after: float = RESTART_AFTER_SECONDS) -> None:
        self.command, self.name, self.restart_after = command, name, restart_after
        self.starts = 0
        self._stopping = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def run(self) -> None:
        """Start the command, and again each time it exits, until `stop()`."""
        while not self._stopping.is_set():
            with self._lock:
                if self._stopping.is_set():
                    return
                self._process = subprocess.Popen(self.command)
                self.starts += 1
            code = self._process.wait()
            if self._stopping.is_set():
                return
            log.warning("%s exited (code %s); starting it again in %.0f s", self.name, code, self.restart_after,
                        extra={"event": "supervisor.restart", "exit_code": code})  # fmt: skip
            self._stopping.wait(self.restart_after)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop restarting; end the running process the way systemd does (SIGTERM, then kill after `timeout`)."""
        with self._lock:
            self._stopping.set()
            process = self._process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
