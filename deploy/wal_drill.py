"""`make wal-drill`: the procedures of docs/operations.md for continuous archiving and failover, run for real.

On a PostgreSQL cluster of its own (initdb in a temporary folder, its own port, WAL archived by `archive_command`):

1. GIPZ is migrated and makes meldingen; `pg_basebackup` takes a base backup; more meldingen follow, then the WAL
   segment is switched so it is archived. **Point-in-time recovery**: the base backup plus the archived WAL, started
   with `recovery.signal` and a `restore_command`, must hold every melding, and `gipz audit verify` must say OK.
2. **Failover**: a streaming standby (`pg_basebackup -R`) follows the primary; the primary is stopped (lost), the
   standby promoted (`pg_ctl promote`); GIPZ pointed at it must find every melding, verify its access log, and
   make a new melding (it is writable).

Runs the PostgreSQL server binaries as the `postgres` user when started as root. Exit 0 when all of it held.
"""

from __future__ import annotations

import glob
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke import BIN, MELDING, free_port, gipz

PG_BIN = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]) if glob.glob("/usr/lib/postgresql/*/bin") else None

MAKE = (
    MELDING
    + """
for _ in range(__N__):
    melding("Archiefoefening: fictief", viewed=True)
"""
)
COUNT = "from gipz.situations.models import Situation; print(Situation.objects.count())"


def say(message: str) -> None:
    print(f"wal-drill: {message}", flush=True)


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"wal-drill: FAILED: {what}")


def as_postgres(*command: str) -> str:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"wal-drill: {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def pg(name: str) -> str:
    assert PG_BIN is not None
    return str(PG_BIN / name)


def start(data: Path, port: int, log: Path) -> None:
    as_postgres(pg("pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
                f"-p {port} -c listen_addresses=127.0.0.1 -k {data}", "start")  # fmt: skip


def psql(port: int, sql: str) -> str:
    return as_postgres("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "gipz", "-Atc", sql).strip()


def main() -> int:
    if PG_BIN is None or not shutil.which("runuser"):
        raise SystemExit("wal-drill: PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) are needed")
    work = Path(tempfile.mkdtemp(prefix="gipz-wal-"))
    os.chmod(work, 0o777)
    primary, archive = work / "primary", work / "archive"
    archive.mkdir()
    os.chmod(archive, 0o777)
    ports = {"primary": free_port(), "standby": free_port(), "recovered": free_port()}
    running: list[Path] = []
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "GIPZ_LOG_LEVEL": "WARNING",
           "GIPZ_SECRET_KEY": secrets.token_urlsafe(48), "GIPZ_ACCESS_LOG_KEY": secrets.token_urlsafe(32),
           "GIPZ_ALLOWED_HOSTS": "127.0.0.1", "GIPZ_DATA_DIR": str(work / "gipz")}  # fmt: skip
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]

    def at(port: int) -> dict[str, str]:
        return {**env, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/gipz"}

    try:
        as_postgres(pg("initdb"), "-D", str(primary), "--auth=trust", "-U", "postgres")
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(f"wal_level = replica\narchive_mode = on\narchive_command = 'cp %p {archive}/%f'\n"
                       "max_wal_senders = 5\n")  # fmt: skip
        start(primary, ports["primary"], work / "primary.log")
        running.append(primary)
        as_postgres("createdb", "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres", "gipz")
        gipz(at(ports["primary"]), "migrate", "--no-input", "-v0")
        gipz(at(ports["primary"]), "loaddemo", "--situations", "0")
        gipz(at(ports["primary"]), "shell", "-c", MAKE.replace("__N__", "20"))

        base = work / "base"
        as_postgres(pg("pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres", "-D",
                    str(base), "-X", "stream", "--checkpoint=fast")  # fmt: skip
        standby = work / "standby"
        as_postgres(pg("pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres", "-D",
                    str(standby), "-X", "stream", "-R", "--checkpoint=fast")  # fmt: skip
        start(standby, ports["standby"], work / "standby.log")
        running.append(standby)
        say("base backup taken; a streaming standby follows the primary")

        gipz(at(ports["primary"]), "shell", "-c", MAKE.replace("__N__", "15"))  # after the base backup
        expected = int(gipz(at(ports["primary"]), "shell", "-c", COUNT).strip().splitlines()[-1])
        psql(ports["primary"], "SELECT pg_switch_wal()")
        for _ in range(60):  # the standby has replayed everything
            if psql(ports["standby"], "SELECT count(*) FROM situations_situation") == str(expected):
                break
            time.sleep(1)
        for _ in range(60):  # the last segment is in the archive
            if psql(ports["primary"], "SELECT last_archived_wal IS NOT NULL AND failed_count = 0 FROM "
                    "pg_stat_archiver") == "t" and len(list(archive.iterdir())) >= 2:  # fmt: skip
                break
            time.sleep(1)

        # Point-in-time recovery: the base backup and the archived WAL, on a machine of its own.
        recovered = work / "recovered"
        as_postgres("cp", "-a", str(base), str(recovered))
        with (recovered / "postgresql.conf").open("a") as conf:
            conf.write(f"restore_command = 'cp {archive}/%f %p'\narchive_mode = off\n")
        as_postgres("touch", str(recovered / "recovery.signal"))
        start(recovered, ports["recovered"], work / "recovered.log")
        running.append(recovered)
        for _ in range(60):
            if psql(ports["recovered"], "SELECT pg_is_in_recovery()") == "f":
                break
            time.sleep(1)
        count = int(gipz(at(ports["recovered"]), "shell", "-c", COUNT).strip().splitlines()[-1])
        expect(count == expected, f"point-in-time recovery holds {count} meldingen, expected {expected}")
        done = subprocess.run([str(BIN / "gipz"), "audit", "verify"], env=at(ports["recovered"]), capture_output=True,
                              text=True, timeout=300)  # fmt: skip
        expect(done.returncode == 0, f"audit verify after recovery: {done.stdout}{done.stderr}")
        say(f"point-in-time recovery from the base backup and the archived WAL: {count} meldingen, audit verify OK")

        # Failover: the primary is lost, the standby is promoted.
        as_postgres(pg("pg_ctl"), "-D", str(primary), "-m", "immediate", "stop")
        running.remove(primary)
        as_postgres(pg("pg_ctl"), "-D", str(standby), "-w", "promote")
        count = int(gipz(at(ports["standby"]), "shell", "-c", COUNT).strip().splitlines()[-1])
        expect(count == expected, f"the promoted standby holds {count} meldingen, expected {expected}")
        done = subprocess.run([str(BIN / "gipz"), "audit", "verify"], env=at(ports["standby"]), capture_output=True,
                              text=True, timeout=300)  # fmt: skip
        expect(done.returncode == 0, f"audit verify after failover: {done.stdout}{done.stderr}")
        gipz(at(ports["standby"]), "shell", "-c", MAKE.replace("__N__", "1"))
        after = int(gipz(at(ports["standby"]), "shell", "-c", COUNT).strip().splitlines()[-1])
        expect(after == expected + 1, "a new melding on the promoted standby")
        say(f"failover: the standby promoted holds all {expected} meldingen, audit verify OK, and takes new ones")
        print(json.dumps({"meldingen": expected, "archived_segments": len(list(archive.iterdir()))}))
        return 0
    finally:
        for data in running:
            subprocess.run(["runuser", "-u", "postgres", "--", pg("pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                           capture_output=True, timeout=120)  # fmt: skip
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
