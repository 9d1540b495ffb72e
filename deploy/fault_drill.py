"""`make fault-drill`: the production layout through what a region's first night brings, bounded to a few minutes.

The layout of `make smoke` (gunicorn for pages and the API, two workers, PostgreSQL, a connection pool per process)
with a real SMTP server for the alert e-mails. Meldingen are made whose acknowledgement deadline is one minute away;
while those escalations come due, the drill

- takes the mail server down and brings it back,
- kills a worker with SIGKILL (and starts another, as systemd's Restart=always would),
- terminates every database connection GIPZ holds (what a database restart or failover does),

while a prober keeps asking the API. It asserts: every melding escalated exactly once and at most 60 s after its
deadline (by the database's clock), every alert e-mail arrived exactly once, and no 5xx outside a few seconds after
the connections were cut. Exit 0 when all of it held.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke import ADMIN_URL, BIN, ROOT, SETUP, Session, api, expect, free_port, gipz, production_env, wait_for

MELDINGEN = 8
OUTAGE_GRACE_SECONDS = 10  # requests that were using a cut connection, and the pool refilling

REPORT = """
import json
from gipz.alerts.models import Delivery
from gipz.situations.models import CareRequest, TimelineEvent
rows = []
for request in CareRequest.objects.select_related("situation").filter(situation__reference__in=REFS):
    escalations = TimelineEvent.objects.filter(situation=request.situation, kind="escalated").count()
    late = (request.escalated_at - request.acknowledge_deadline).total_seconds() if request.escalated_at else None
    rows.append({"reference": request.situation.reference, "escalations": escalations, "late_seconds": late})
emails = list(Delivery.objects.filter(channel="email").values_list("status", flat=True))
print(json.dumps({"requests": rows, "emails": emails}))
"""


def say(message: str) -> None:
    print(f"fault-drill: {message}", flush=True)


class Mail:
    """An SMTP server that can be taken down and brought back on the same port."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Message

        self.port = free_port()
        self.messages: list[Any] = []
        box = self.messages

        class Keep(Message):  # type: ignore[misc]
            def handle_message(self, message: Any) -> None:
                box.append(message)

        self._make = lambda: Controller(Keep(), hostname="127.0.0.1", port=self.port)
        self.controller = self._make()
        self.controller.start()
        self.running = True

    def down(self) -> None:
        if self.running:
            self.controller.stop()
            self.running = False

    def up(self) -> None:
        self.controller = self._make()
        self.controller.start()
        self.running = True


class Prober(threading.Thread):
    """Asks the API every 0.2 s; keeps the moments of every 5xx."""

    def __init__(self, base: str, token: str) -> None:
        super().__init__(daemon=True)
        self.base, self.token = base, token
        self.stopped = threading.Event()
        self.failures: list[tuple[float, int]] = []
        self.asked = 0

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            try:
                status, _ = api(self.base, self.token, "GET", "/api/v1/situations/")
            except OSError:
                status = 599  # no answer at all
            self.asked += 1
            if status >= 500:
                self.failures.append((time.monotonic(), status))


def main() -> int:
    import psycopg

    name = f"gipz_fault_{os.getpid()}"
    admin = psycopg.connect(ADMIN_URL, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    data_dir = Path(tempfile.mkdtemp(prefix="gipz-fault-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    mail = Mail()
    env = production_env(database=name, data_dir=data_dir, port=port, threads=2)
    env["GIPZ_SMTP_URL"] = f"smtp+plain://127.0.0.1:{mail.port}"
    logs = data_dir / "logs"
    logs.mkdir()
    processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(label: str, command: list[str]) -> None:
        own = {**env, "GIPZ_DB_POOL_SIZE": "2"} if label.startswith("worker") else env
        log = (logs / f"{label}.log").open("ab")
        processes[label] = subprocess.Popen(command, cwd=ROOT, env=own, stdout=log, stderr=subprocess.STDOUT)

    prober: Prober | None = None
    try:
        gipz(env, "migrate", "--no-input", "-v0")
        gipz(env, "loaddemo", "--situations", "0")
        tokens = json.loads(gipz(env, "shell", "-c", SETUP.replace("CODE1", "x1").replace("CODE2", "x2"))
                            .strip().splitlines()[-1])  # fmt: skip
        start("web", [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")])
        start("worker1", [str(BIN / "gipz"), "worker"])
        start("worker2", [str(BIN / "gipz"), "worker"])

        def ready() -> bool:
            try:
                status, text, _ = Session(base).get("/health/ready")
            except OSError:
                return False
            return status == 200 and json.loads(text)["checks"]["worker"]["workers"] == 2

        wait_for("/health/ready with two workers", ready, 60)
        prober = Prober(base, tokens["agent"])
        prober.start()
        intake = {"municipality": "GM0344", "location": "Neude 11", "description": "Storingsoefening: fictief",
                  "offence": "no", "care_indicators": ["psychiatric"]}  # fmt: skip
        references = []
        for _ in range(MELDINGEN):
            status, made = api(base, tokens["agent"], "POST", "/api/v1/situations/", intake)
            expect(status == 201, f"intake: {status} {made}")
            references.append(made["reference"])
        started = time.monotonic()
        say(f"{MELDINGEN} meldingen made; their escalations are due in one minute")

        mail.down()
        say("mail server down")
        time.sleep(20)
        mail.up()
        say("mail server up again")
        time.sleep(15)  # 35 s in: the first escalations are 25 s away
        processes["worker1"].send_signal(signal.SIGKILL)
        processes["worker1"].wait()
        say("worker 1 killed with SIGKILL")
        time.sleep(5)
        start("worker1", [str(BIN / "gipz"), "worker"])  # systemd's Restart=always
        time.sleep(18)  # 58 s in: the deadlines are upon us
        cut = time.monotonic()
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s AND pid <> "
            "pg_backend_pid()", [name]
        ).fetchone()[0]  # fmt: skip
        say(f"{killed} database connections terminated")

        refs = json.dumps(references)

        def settled() -> dict[str, Any] | None:
            report = json.loads(gipz(env, "shell", "-c", REPORT.replace("REFS", refs)).strip().splitlines()[-1])
            done = all(row["escalations"] for row in report["requests"]) and all(
                status != "pending" for status in report["emails"]
            )
            return report if done else None

        report = wait_for("every escalation and every alert e-mail settled", settled, 150)
        prober.stopped.set()
        prober.join()
        elapsed = time.monotonic() - started
        rows = report["requests"]
        expect(len(rows) == MELDINGEN, f"requests found: {len(rows)}")
        expect(all(row["escalations"] == 1 for row in rows), f"escalations per melding: {rows}")
        latest = max(row["late_seconds"] for row in rows)
        expect(latest <= 60, f"an escalation was {latest:.0f} s late")
        expect(all(status == "sent" for status in report["emails"]), f"e-mail deliveries: {Counter(report['emails'])}")
        received = Counter((m["To"], m["Subject"]) for m in mail.messages)
        doubled = {key: n for key, n in received.items() if n > 1}
        expect(not doubled, f"alert e-mails that arrived twice: {len(doubled)}")
        expect(len(mail.messages) == len(report["emails"]),
               f"{len(mail.messages)} e-mails arrived for {len(report['emails'])} deliveries")  # fmt: skip
        outside = [(round(at - cut, 1), status) for at, status in prober.failures
                   if not 0 <= at - cut <= OUTAGE_GRACE_SECONDS]  # fmt: skip
        expect(not outside, f"5xx outside the outage window: {outside[:10]}")
        lates = ", ".join(f"{row['late_seconds']:.2f}" for row in rows)
        say(f"{MELDINGEN} escalations, each once, {lates} s after the deadline; {len(mail.messages)} "
            f"alert e-mails, each once; {prober.asked} probes, {len(prober.failures)} 5xx, all within "
            f"{OUTAGE_GRACE_SECONDS} s of the cut ({elapsed:.0f} s)")  # fmt: skip
        return 0
    finally:
        if prober is not None:
            prober.stopped.set()
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        mail.down()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        say(f"stopped; database {name} dropped (logs in {logs})")


if __name__ == "__main__":
    sys.exit(main())
