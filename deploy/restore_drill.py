"""`make restore-drill`: a backup taken while GIPZ is busy restores, and its access log verifies.

For PostgreSQL and for SQLite: a fresh database with the demo data; a second process keeps making meldingen and
access-log entries (each in its own commit) while the checkpoint is written and `gipz backup` runs; after the
backup it goes on, and more checkpoints follow. Then the backup is restored twice:

1. into an empty database made with `createdb` (SQLite: a new file), with an empty data directory — a new machine
   without the checkpoint file — and `gipz audit verify` must say OK;
2. over the busy database itself (`--replace`), whose checkpoint file is now newer than the backup, and
   `gipz audit verify` must still say OK.

Each time the restored counts must equal the ones the backup recorded, and both backup files must be mode 600.
Exit 0 when all of it held. Environment: DRILL_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres,
used to create and drop `gipz_drill_<pid>_*`).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke import BIN, MELDING

ADMIN_URL = os.environ.get("DRILL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")

LOAD = (
    MELDING
    + """
import os
made = 0
while not os.path.exists(STOP):
    melding("Hersteloefening: fictieve melding", viewed=True)
    made += 1
print(made)
"""
)


def say(message: str) -> None:
    print(f"restore-drill: {message}", flush=True)


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"restore-drill: FAILED: {what}")


def gipz(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(BIN / "gipz"), *args], env=env, capture_output=True, text=True, timeout=900)
    if ok and done.returncode != 0:
        raise SystemExit(f"restore-drill: gipz {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def counts(env: dict[str, str]) -> dict[str, int]:
    code = (
        "import json; from gipz.situations.models import Situation; from gipz.accesslog.models import AccessLogEntry; "
        "print(json.dumps({'situations': Situation.objects.count(), "
        "'access log entries': AccessLogEntry.objects.count()}))"
    )
    return dict(json.loads(gipz(env, "shell", "-c", code).stdout.strip().splitlines()[-1]))


def drill(engine: str, work: Path, admin: object | None) -> None:
    name = f"gipz_drill_{os.getpid()}_{engine}"
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
            "GIPZ_SECRET_KEY": secrets.token_urlsafe(48), "GIPZ_ACCESS_LOG_KEY": secrets.token_urlsafe(32),
            "GIPZ_ALLOWED_HOSTS": "127.0.0.1", "GIPZ_LOG_LEVEL": "WARNING"}  # fmt: skip
    if os.environ.get("PYTHONPATH"):
        base["PYTHONPATH"] = os.environ["PYTHONPATH"]

    def database(suffix: str) -> dict[str, str]:
        data = work / f"{engine}-{suffix}"
        data.mkdir()
        if engine == "sqlite":
            return {**base, "GIPZ_DATA_DIR": str(data), "DATABASE_URL": f"sqlite:///{data / 'gipz.sqlite3'}"}
        admin.execute(f'CREATE DATABASE "{name}_{suffix}"')  # type: ignore[attr-defined]
        parts = urllib.parse.urlsplit(ADMIN_URL)
        return {**base, "GIPZ_DATA_DIR": str(data),
                "DATABASE_URL": urllib.parse.urlunsplit(parts._replace(path=f"/{name}_{suffix}"))}  # fmt: skip

    busy = database("busy")
    gipz(busy, "migrate", "--no-input", "-v0")
    gipz(busy, "loaddemo", "--situations", "5")
    stop = work / f"{engine}.stop"
    load = subprocess.Popen([str(BIN / "gipz"), "shell", "-c", LOAD.replace("STOP", repr(str(stop)))], env=busy,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        for _ in range(3):
            gipz(busy, "audit", "checkpoint")
        backup = work / f"{engine}.backup"
        said = gipz(busy, "backup", str(backup)).stdout.strip()
        for _ in range(3):  # GIPZ goes on after the backup; the worker keeps writing checkpoints
            gipz(busy, "audit", "checkpoint")
    finally:
        stop.touch()
        out, err = load.communicate(timeout=120)
    expect(load.returncode == 0, f"the load process: {err[-800:]}")
    made = int(out.strip().splitlines()[-1])
    meta = json.loads(backup.with_name(backup.name + ".json").read_text())
    recorded = meta["counts"]
    say(f"{engine}: {said.split(';')[0]}; {made} meldingen made during and after it; backup holds {recorded}")
    expect(backup.stat().st_mode & 0o777 == 0o600, f"backup mode {oct(backup.stat().st_mode & 0o777)}")
    expect(backup.with_name(backup.name + ".json").stat().st_mode & 0o777 == 0o600, "the record's mode")
    expect(counts(busy)["situations"] > recorded["situations"], "the load went on after the backup")

    empty = database("empty")  # createdb: no tables at all, no checkpoint file
    gipz(empty, "restore", str(backup))
    verify = gipz(empty, "audit", "verify", ok=False)
    expect(verify.returncode == 0, f"audit verify after restoring into an empty database: {verify.stdout}")
    expect(counts(empty) == recorded, f"counts after restoring into an empty database: {counts(empty)}")
    say(f"{engine}: restored into an empty database, audit verify OK, counts as recorded")

    gipz(busy, "restore", str(backup), "--replace")
    verify = gipz(busy, "audit", "verify", ok=False)
    expect(verify.returncode == 0, f"audit verify after restoring over the busy database: {verify.stdout}")
    expect(counts(busy) == recorded, f"counts after restoring over the busy database: {counts(busy)}")
    say(f"{engine}: restored over the busy database (checkpoints newer than the backup), audit verify OK")


def main() -> int:
    import psycopg

    work = Path(tempfile.mkdtemp(prefix="gipz-drill-"))
    admin = psycopg.connect(ADMIN_URL, autocommit=True)
    try:
        drill("sqlite", work, None)
        drill("postgresql", work, admin)
        return 0
    finally:
        for suffix in ("busy", "empty"):
            admin.execute(f'DROP DATABASE IF EXISTS "gipz_drill_{os.getpid()}_postgresql_{suffix}" WITH (FORCE)')
        admin.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
