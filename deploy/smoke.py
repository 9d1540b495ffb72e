"""`make smoke`: the production layout on this machine, driven over HTTP.

Starts what docs/operations.md tells an operator to run — gunicorn for pages and the API (two threaded processes,
production settings: HTTPS behind a proxy, a second factor, JSON logs, a connection pool per process), the live
process for the event streams (uvicorn), two `gipz worker` processes and PostgreSQL — on a fresh database, sends
100 concurrent API requests and checks the database connections stay within the layout's bound, then drives
meldingen through intake (API), acceptance (API), escalation (the workers, at the deadline),
and en route, on site and the SBAR handover with the police's confirmation (the web pages, logged in with a second
factor), checking /health/ready along the way and that every process stops cleanly. Exit 0 when all of it worked.

Environment: SMOKE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, used to create and drop the
database `gipz_smoke_<pid>`).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
ADMIN_URL = os.environ.get("SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
RECOVERY = ["smoke-code-1", "smoke-code-2"]  # single-use second-factor codes for the two people who log in


def say(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gipz(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN / "gipz"), *args], env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"smoke: gipz {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


SETUP = """
import json
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from gipz.accounts.actor import actor_for
from gipz.accounts.models import User
from gipz.accounts.services import api_token_create
from gipz.agreements.models import AgreementVersion
# Acknowledgement within one minute, so the smoke sees an escalation without waiting ten.
for version in AgreementVersion.objects.all():
    terms = version.terms
    terms.setdefault("targets", {})["acknowledge_minutes"] = 1
    AgreementVersion.objects.filter(pk=version.pk).update(terms=terms)
out = {}
for username, code in (("crisis", "CODE1"), ("agent", "CODE2")):
    user = User.objects.get(username=username)
    device = StaticDevice.objects.create(user=user, name="smoke", confirmed=True)
    StaticToken.objects.create(device=device, token=code)
    out[username] = api_token_create(organisation=actor_for(user).organisation, label="smoke")[1]
print(json.dumps(out))
"""


# Prepended to a `gipz shell -c` script: `melding(description, viewed=False)` makes a fictional melding in Utrecht as
# the demo's police officer, through the intake service; with `viewed` it also writes an access-log entry.
MELDING = """
from django.db import transaction
from gipz.accounts.actor import actor_for
from gipz.accounts.models import User
from gipz.geo.models import Municipality
from gipz.accesslog.log import access_log_record
from gipz.situations import triage
from gipz.situations.services.intake import IntakeData, situation_create
_agent = actor_for(User.objects.get(username="agent"))
_utrecht = Municipality.objects.get(code="GM0344")
_answers = triage.TriageAnswers(offence=triage.Offence.NO, care_indicators=frozenset({"psychiatric"}))
def melding(description, viewed=False):
    situation = situation_create(actor=_agent, data=IntakeData(municipality=_utrecht, location="Neude 11",
        description=description, person_description="", chosen_urgency=None, urgency_reason="",
        request_crisis=None, answers=_answers))
    if viewed:
        with transaction.atomic():
            access_log_record(actor=_agent, action="view", obj=situation, situation_id=situation.pk)
    return situation
"""


class Session:
    """An HTTP client as a browser behind the TLS proxy would be: X-Forwarded-Proto https, cookies (also the
    secure ones), the CSRF token from its cookie, a Referer on the same origin."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        data: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> tuple[int, str, dict[str, str]]:
        all_headers = {"X-Forwarded-Proto": "https", "Referer": self.base.replace("http:", "https:") + "/",
                       "X-Request-ID": f"smoke-{secrets.token_hex(8)}", **(headers or {})}  # fmt: skip
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=all_headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, Any]) -> tuple[int, str, dict[str, str]]:
        return self.request("POST", path, data=data)

    def login(self, username: str, password: str, code: str) -> None:
        self.get("/login/")
        status, _, _headers = self.post("/login/", {"username": username, "password": password})
        expect(status == 302, f"login of {username}: {status}")
        status, _, _headers = self.post("/tweede-factor/", {"code": code})
        expect(status == 302, f"second factor of {username}: {status}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"smoke: FAILED: {what}")


def api(base: str, token: str, method: str, path: str, payload: dict[str, Any] | None = None) -> tuple[int, Any]:
    session = Session(base)
    body = json.dumps(payload).encode() if payload is not None else None
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": "application/json"}
    status, text, _ = session.request(method, path, headers=headers, body=body)
    return status, json.loads(text) if text.strip().startswith(("{", "[")) else text


def wait_for(what: str, check: Any, seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(1)
    raise SystemExit(f"smoke: FAILED: {what} (waited {seconds:.0f} s)")


def situation_pk(session: Session, reference: str) -> int:
    status, text, _ = session.get(f"/meldingen/?q={urllib.parse.quote(reference)}")
    found = re.search(r'href="/meldingen/(\d+)/"', text)
    expect(status == 200 and found is not None, f"finding {reference} in the list: {status}")
    return int(found.group(1))  # type: ignore[union-attr]


def production_env(*, database: str, data_dir: Path, port: int, threads: int) -> dict[str, str]:
    """Production settings for a layout on this machine: fresh secrets, JSON logs, two web processes, no throttle."""
    parts = urllib.parse.urlsplit(ADMIN_URL)
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": urllib.parse.urlunsplit(parts._replace(path=f"/{database}")),
        "GIPZ_SECRET_KEY": secrets.token_urlsafe(48), "GIPZ_ACCESS_LOG_KEY": secrets.token_urlsafe(32),
        "GIPZ_ALLOWED_HOSTS": "127.0.0.1", "GIPZ_DATA_DIR": str(data_dir), "GIPZ_LOG_FORMAT": "json",
        "GIPZ_WEB_PROCESSES": "2", "GIPZ_WEB_THREADS": str(threads), "GIPZ_BIND": f"127.0.0.1:{port}",
        "GIPZ_API_RATE": "100000/min", "GIPZ_BASE_URL": f"https://127.0.0.1:{port}",
    }  # fmt: skip
    if os.environ.get("PYTHONPATH"):  # a checkout other than the installed one (a worktree)
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


# deploy/: 2 web processes × 4 threads + 1 live process × 2 + 2 workers × 2 (core/checks.py)
CONNECTION_BOUND = 2 * 4 + 1 * 2 + 2 * 2


def concurrent_requests(base: str, token: str, admin: Any, database: str, count: int = 100) -> None:
    """`count` API requests at once; the server's connections to GIPZ's database never pass the layout's bound."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    peak, stop = [0], threading.Event()

    def watch() -> None:
        while not stop.is_set():
            row = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]).fetchone()
            peak[0] = max(peak[0], int(row[0]))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=count) as pool:
            statuses = list(pool.map(lambda _: api(base, token, "GET", "/api/v1/situations/")[0], range(count)))
    finally:
        stop.set()
        watcher.join()
    expect(statuses.count(200) == count, f"{count} concurrent requests: {sorted(set(statuses))}")
    expect(
        peak[0] <= CONNECTION_BOUND, f"connections during {count} concurrent requests: {peak[0]} > {CONNECTION_BOUND}"
    )
    say(f"{count} concurrent requests answered 200; at most {peak[0]} database connections (bound {CONNECTION_BOUND})")


def main() -> int:
    import psycopg

    name = f"gipz_smoke_{os.getpid()}"
    admin = psycopg.connect(ADMIN_URL, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    data_dir = Path(tempfile.mkdtemp(prefix="gipz-smoke-"))
    port, live_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    env = production_env(database=name, data_dir=data_dir, port=port, threads=4)
    env.update({"GIPZ_LIVE_BIND": f"127.0.0.1:{live_port}", "GIPZ_WORKER_POLL_SECONDS": "1"})
    processes: list[subprocess.Popen[bytes]] = []
    logs = data_dir / "logs"
    logs.mkdir()
    try:
        say(f"database {name}, data in {data_dir}")
        gipz(env, "migrate", "--no-input", "-v0")
        gipz(env, "collectstatic", "--no-input", "-v0")
        gipz(env, "loaddemo", "--situations", "0")
        setup = SETUP.replace("CODE1", RECOVERY[0]).replace("CODE2", RECOVERY[1])
        tokens = json.loads(gipz(env, "shell", "-c", setup).strip().splitlines()[-1])
        commands = {
            "web": [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
            "live": [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn-live.conf.py")],
            "worker1": [str(BIN / "gipz"), "worker"],
            "worker2": [str(BIN / "gipz"), "worker"],
        }
        for label, command in commands.items():
            log = (logs / f"{label}.log").open("wb")
            own = {**env, "GIPZ_DB_POOL_SIZE": "2"} if label.startswith("worker") else env  # as deploy/ sets it
            processes.append(subprocess.Popen(command, cwd=ROOT, env=own, stdout=log, stderr=subprocess.STDOUT))
        say(f"gunicorn (2 processes × 4 threads) on {base}, live on {live_port}, workers {processes[2].pid} and "
            f"{processes[3].pid}")  # fmt: skip

        def ready() -> Any:
            try:
                status, text, _ = Session(base).get("/health/ready")
            except OSError:
                return None
            body = json.loads(text) if status in (200, 503) else {}
            return body if status == 200 and body["checks"]["worker"]["workers"] == 2 else None

        health = wait_for("/health/ready with two workers", ready, 60)
        say(f"ready: {health['checks']}")
        status, text, _ = Session(base).get("/health/live")
        expect(status == 200 and json.loads(text) == {"status": "ok"}, "/health/live")
        status, text, _ = Session(f"http://127.0.0.1:{live_port}").get("/health/live")
        expect(status == 200, f"/health/live on the live process: {status}")
        concurrent_requests(base, tokens["agent"], admin, name)

        intake = {"municipality": "GM0344", "location": "Neude 11", "description": "Rookproef: fictieve melding",
                  "offence": "no", "care_indicators": ["psychiatric"]}  # fmt: skip
        status, first = api(base, tokens["agent"], "POST", "/api/v1/situations/", intake)
        expect(status == 201 and first["status"] == "reported", f"intake over the API: {status} {first}")
        status, second = api(base, tokens["agent"], "POST", "/api/v1/situations/", intake)
        expect(status == 201, f"second intake: {status}")
        say(f"intake: {first['reference']} and {second['reference']} routed to {first['team']}")

        status, accepted = api(base, tokens["crisis"], "POST", f"/api/v1/situations/{second['reference']}/accept/")
        expect(status == 200 and accepted["status"] == "accepted", f"accept over the API: {status} {accepted}")
        say(f"accepted {second['reference']}")

        def escalated() -> bool:
            _, detail = api(base, tokens["crisis"], "GET", f"/api/v1/situations/{first['reference']}/")
            return any(entry["kind"] == "escalated" for entry in detail.get("timeline", []))

        wait_for(f"the workers escalating {first['reference']} at its one-minute deadline", escalated, 120)
        say(f"escalated {first['reference']} by a worker at its deadline")

        nurse = Session(base)
        nurse.login("crisis", "demo-gipz-2026", RECOVERY[0])
        pk = situation_pk(nurse, second["reference"])
        for action, data in (("en-route", {"eta_minutes": "15"}), ("on-site", {}),
                             ("handover", {"situation_text": "Rookproef: rustig, in gesprek.",
                                           "recommendation": "Crisisdienst neemt over."})):  # fmt: skip
            status, text, _ = nurse.post(f"/meldingen/{pk}/{action}/", data)
            expect(status == 302, f"{action} on the web page: {status} {text[:300]}")
        agent = Session(base)
        agent.login("agent", "demo-gipz-2026", RECOVERY[1])
        status, text, _ = agent.post(f"/meldingen/{pk}/confirm-handover/", {})
        expect(status == 302, f"the police confirming the handover: {status} {text[:300]}")
        _, detail = api(base, tokens["agent"], "GET", f"/api/v1/situations/{second['reference']}/")
        expect(detail["status"] == "handed_over", f"status after the handover: {detail['status']}")
        say(f"{second['reference']}: en route, on site, SBAR handover, confirmed by the police: {detail['status']}")

        status, text, _ = Session(base).get("/health/ready")
        expect(status == 200, f"/health/ready at the end: {status} {text}")
        lines = [json.loads(line) for n in (1, 2) for line in (logs / f"worker{n}.log").read_text().splitlines()
                 if line.startswith("{")]  # fmt: skip
        expect(any(line.get("event") == "request.escalated" for line in lines), "an escalation line in the logs")
        say("the workers' JSON logs name the escalation")
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                code = process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                code = "killed"
            if sys.exc_info()[0] is None and code not in (0, -signal.SIGTERM):
                say(f"process {process.pid} stopped with {code}")
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        say(f"stopped; database {name} dropped (logs in {logs})")


if __name__ == "__main__":
    raise SystemExit(main())
