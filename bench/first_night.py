"""Benchmark: a region's first night (issue #28). Two measurements, written to docs/benchmarks.md:

1. Escalations during a burst of 1,000 due alert deliveries, on the deployed layout's workers (two `gipz worker`
   processes, PostgreSQL) with a real SMTP server that answers in 50 ms: how late each escalation fires after its
   deadline, beside the same escalations with no burst (the baseline, same run).
2. The embedded default (`gipz serve`: SQLite, runserver and its worker) under 20 concurrent clients making
   meldingen over the API: how many failed ("database is locked" or otherwise), and whether the worker lived.

Run with `make bench-first-night` (part of `make bench`). Not part of the test suite.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))
from intake import INTAKE_BODY, machine, wait_for_server
from results import write_section
from smoke import ADMIN_URL, BIN, MELDING, ROOT, free_port, gipz

ESCALATIONS = 10
BURST = 1000

SEED = (
    MELDING
    + """
import json
from datetime import timedelta
from gipz.alerts.models import Alert, Delivery
from gipz.core.clock import database_now
from gipz.core.jobs import job_enqueue
from gipz.core.models import Job
from gipz.situations.models import CareRequest
from gipz.situations.services.intake import ESCALATE_JOB
made = [melding("Belastingproef: fictief") for _ in range(__ESCALATIONS__)]
Job.objects.filter(kind="alerts.deliver").delete()  # only the burst below
user = User.objects.get(username="crisis")
user.email = "crisis@crisisdienst.example"
user.save(update_fields=["email"])
now = database_now()
for n in range(__BURST__):
    row = Alert.objects.create(recipient=user, kind="test", reference=f"BURST-{n}", path="/", created_at=now,
                               deliver_until=now + timedelta(minutes=30))
    delivery = Delivery.objects.create(alert=row, channel="email")
    job_enqueue(kind="alerts.deliver", run_at=now, payload={"delivery_id": delivery.pk})
ids = []
for i, situation in enumerate(made):
    request = CareRequest.objects.get(situation=situation)
    deadline = now + timedelta(seconds=__FIRST__ + 2 * i)
    CareRequest.objects.filter(pk=request.pk).update(acknowledge_deadline=deadline)
    Job.objects.filter(kind=ESCALATE_JOB, payload__request_id=request.pk).update(run_at=deadline)
    Job.objects.filter(kind="situations.acknowledge_reminder", payload__request_id=request.pk).delete()
    ids.append(request.pk)
print(json.dumps(ids))
"""
)

LATENESS = """
import json
from gipz.alerts.models import Delivery
from gipz.situations.models import CareRequest
rows = CareRequest.objects.filter(pk__in=__IDS__)
late = [(r.escalated_at - r.acknowledge_deadline).total_seconds() for r in rows if r.escalated_at]
from collections import Counter
from gipz.alerts.models import DeliveryAttempt
burst = Delivery.objects.filter(alert__reference__startswith="BURST-")
detail = DeliveryAttempt.objects.filter(delivery__in=burst, ok=False).values_list("detail", flat=True).first()
print(json.dumps({"late": late, "sent": burst.filter(status="sent").count(),
      "statuses": Counter(burst.values_list("status", flat=True)), "failure": detail}))
"""


def say(message: str) -> None:
    print(f"bench-first-night: {message}", flush=True)


class SlowMail:
    def __init__(self, delay: float) -> None:
        from aiosmtpd.controller import Controller

        self.port, self.count = free_port(), 0

        class Handler:
            async def handle_DATA(inner, server: Any, session: Any, envelope: Any) -> str:
                import asyncio

                await asyncio.sleep(delay)
                self.count += 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


def escalations(burst: int) -> tuple[list[float], int]:
    import psycopg

    name = f"gipz_night_{os.getpid()}_{burst}"
    admin = psycopg.connect(ADMIN_URL, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    mail = SlowMail(0.05)
    data = Path(tempfile.mkdtemp(prefix="gipz-night-"))
    parts = urllib.parse.urlsplit(ADMIN_URL)
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
           "DATABASE_URL": urllib.parse.urlunsplit(parts._replace(path=f"/{name}")),
           "GIPZ_SECRET_KEY": secrets.token_urlsafe(48), "GIPZ_DATA_DIR": str(data), "GIPZ_LOG_LEVEL": "WARNING",
           "GIPZ_SMTP_URL": f"smtp+plain://127.0.0.1:{mail.port}", "GIPZ_DB_POOL_SIZE": "2"}  # fmt: skip
    workers: list[subprocess.Popen[bytes]] = []
    try:
        gipz(env, "migrate", "--no-input", "-v0")
        gipz(env, "loaddemo", "--situations", "0")
        seed = (
            SEED.replace("__BURST__", str(burst)).replace("__ESCALATIONS__", str(ESCALATIONS)).replace("__FIRST__", "8")
        )
        ids = json.loads(gipz(env, "shell", "-c", seed).strip().splitlines()[-1])
        workers = [subprocess.Popen([str(BIN / "gipz"), "worker"], env=env, cwd=ROOT) for _ in range(2)]
        time.sleep(8 + 2 * ESCALATIONS + 10)
        result = json.loads(
            gipz(env, "shell", "-c", LATENESS.replace("__IDS__", json.dumps(ids))).strip().splitlines()[-1]
        )
        say(
            f"burst of {burst}: {result['sent']} deliveries sent meanwhile ({result['statuses']}, a failure: "
            f"{result['failure']}); escalations late by {result['late']}"
        )
        return list(result["late"]), int(result["sent"])
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)
        mail.controller.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def sqlite_demo(clients: int = 20, seconds: int = 20) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix="gipz-demo-"))
    port = free_port()
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "GIPZ_DATA_DIR": str(data),
           "GIPZ_ALLOW_INSECURE_KEY": "true", "GIPZ_HTTPS": "false", "GIPZ_REQUIRE_2FA": "false",
           "GIPZ_STATIC_FROM_SOURCE": "true", "GIPZ_API_RATE": "100000/min", "GIPZ_LOG_LEVEL": "WARNING"}  # fmt: skip
    gipz(env, "migrate", "--no-input", "-v0")
    gipz(env, "loaddemo")
    token = gipz(env, "shell", "-c", "from gipz.accounts.models import Organisation; from gipz.accounts.services "
                 "import api_token_create; print(api_token_create(organisation=Organisation.objects.get("
                 "name__startswith='Politie Midden'), label='bench')[1])").strip().splitlines()[-1]  # fmt: skip
    server = subprocess.Popen([str(BIN / "gipz"), "serve", "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    body = json.dumps(INTAKE_BODY).encode()
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    try:
        wait_for_server(port)
        stop_at = time.monotonic() + seconds

        def client(_: int) -> None:
            while time.monotonic() < stop_at:
                request = urllib.request.Request(f"{base}/api/v1/situations/", data=body, method="POST", headers={
                    "Authorization": f"Token {token}", "Content-Type": "application/json"})  # fmt: skip
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError:
                    status = 599
                with lock:
                    statuses[status] += 1

        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(client, range(clients)))
        time.sleep(6)  # a heartbeat or two after the load
        with urllib.request.urlopen(f"{base}/health/ready", timeout=10) as response:
            ready = json.loads(response.read())
    except urllib.error.HTTPError as error:
        ready = json.loads(error.read())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return {"statuses": dict(statuses), "worker": ready["checks"].get("worker", {}), "seconds": seconds,
            "clients": clients}  # fmt: skip


def main() -> None:
    baseline, _ = escalations(0)
    burst, sent = escalations(BURST)
    demo = sqlite_demo()
    say(f"SQLite demo: {demo}")
    ok = sum(n for status, n in demo["statuses"].items() if 200 <= status < 300)
    failed = sum(n for status, n in demo["statuses"].items() if status >= 500)
    body = "\n".join([
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "Command: `make bench-first-night` (bench/first_night.py).",
        "",
        f"Escalations ({ESCALATIONS}, deadlines 2 s apart) on two `gipz worker` processes and PostgreSQL, alert "
        "e-mails to a local SMTP server that takes 50 ms per message:",
        "",
        "| run | due deliveries at the start | escalation late by (s): median | max |",
        "| --- | --- | --- | --- |",
        f"| baseline | 0 | {sorted(baseline)[len(baseline) // 2]:.2f} | {max(baseline):.2f} |",
        f"| burst | {BURST} | {sorted(burst)[len(burst) // 2]:.2f} | {max(burst):.2f} |",
        "",
        f"- every escalation ≤ 5 s after its deadline during the burst: **{max(burst):.2f} s** "
        f"({'met' if max(burst) <= 5 else 'not met'}); {sent} of the {BURST} deliveries were sent by the time the "
        "last escalation was checked.",
        "- Without a burst the urgent loop looks once a second (lateness up to its poll); during the burst the busy "
        "main loops claim each escalation first as soon as it is due.",
        "",
        f"The embedded default (`gipz serve`, SQLite) under {demo['clients']} clients making meldingen over the API "
        f"for {demo['seconds']} s: {ok} created, {failed} failed (5xx), statuses {demo['statuses']}; the worker "
        f"afterwards: {demo['worker'].get('workers', 0)} alive (last beat {demo['worker'].get('last_beat_seconds')} s "
        "ago).",
    ])  # fmt: skip
    write_section("first-night", "A region's first night: escalations during a burst, the demo under load", body)
    print(body)


if __name__ == "__main__":
    main()
