"""Backup and restore of the whole database, such that the access log still verifies with the same head.

PostgreSQL: pg_dump's custom format and pg_restore (every table, sequence and microsecond as stored), dumped from a
snapshot exported by a transaction that first verified the access log and read its head in that same snapshot, so
a backup taken while GIPZ runs records exactly what it holds. SQLite: its online backup API (a consistent copy while
GIPZ runs), the head read from the copy. Beside the backup a small JSON file (mode 600, like the backup) records
the access log's head, the checkpoints that cover it and a few counts, so a restore can prove it brought back
exactly that log, also on a machine without the checkpoint file. `dumpdata`/`loaddata` are no backup: the JSON
serializer keeps milliseconds, so the restored log no longer matches its hashes (docs/operations.md).

A backup holds special-category personal data: store it encrypted, with the same access rules as the database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from dataclasses import replace as with_fields
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from gipz.accesslog.chain import ChainReport
from gipz.accesslog.log import access_log_restored, access_log_verify, checkpoint_lines_up_to
from gipz.accesslog.models import AccessLogEntry, AccessLogHead
from gipz.situations.models import Situation

FORMAT = "gipz-backup-2"
READABLE_FORMATS = ("gipz-backup-1", FORMAT)
PRIVATE = 0o600  # a backup holds special-category personal data: readable by its owner only


class BackupError(Exception):
    """What went wrong, in words for the operator; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    engine: str
    access_log_entries: int
    access_log_head: str
    counts: dict[str, int]


def meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"no backup procedure for a {vendor} database")
    return vendor


def _pg_env() -> dict[str, str]:
    """libpq's environment for the database Django uses (the password never on a command line)."""
    s = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(s["NAME"])}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if s.get(key):
            env[var] = str(s[key])
    return env


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False, timeout=3600)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL's client tools are needed)") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def _private_file(path: Path) -> None:
    """Create `path` empty with mode 600 before anything writes into it (pg_dump keeps an existing file's mode)."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))


def database_contents() -> dict[str, int]:
    """What a restore would overwrite: the rows people would miss. An empty database (createdb) has none."""
    if Situation._meta.db_table not in connection.introspection.table_names():
        return {}
    return {"situations": Situation.objects.count(), "access log entries": AccessLogEntry.objects.count()}


def _head_seq() -> int:
    return int(AccessLogHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0)


def _dump_postgresql(partial: Path) -> tuple[ChainReport, dict[str, int], int]:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        report = access_log_verify()  # in the snapshot pg_dump copies: exactly the log the backup holds
        counts, head_seq = database_contents(), _head_seq()
        if report.ok:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  f"--file={partial}"])  # fmt: skip
    return report, counts, head_seq


def _copy_sqlite(partial: Path) -> tuple[ChainReport, dict[str, int], int]:
    report = access_log_verify()
    if not report.ok:
        return report, {}, 0
    connection.ensure_connection()
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
        # What the copy holds (GIPZ may have written more since the check above).
        entries, last = target.execute(
            f"SELECT count(*), (SELECT entry_hash FROM {AccessLogEntry._meta.db_table} ORDER BY seq DESC LIMIT 1) "
            f"FROM {AccessLogEntry._meta.db_table}"
        ).fetchone()
        situations = target.execute(f"SELECT count(*) FROM {Situation._meta.db_table}").fetchone()[0]
        head = target.execute(f"SELECT seq FROM {AccessLogHead._meta.db_table} WHERE id = 1").fetchone()
    finally:
        target.close()
    copied = with_fields(report, checked=entries, last_hash=last or report.last_hash)
    return copied, {"situations": situations, "access log entries": entries}, int(head[0]) if head else 0


def backup_make(path: Path, *, overwrite: bool = False) -> BackupInfo:
    """Write a consistent copy of the database to `path` and what it holds to `path`.json, both mode 600."""
    engine = _engine()
    if path.exists() and not overwrite:
        raise BackupError(f"{path} exists; give --overwrite to replace it")
    if not path.parent.is_dir():
        raise BackupError(f"the folder {path.parent} does not exist")
    partial = path.with_name(path.name + ".partial")
    _private_file(partial)
    try:
        report, counts, head_seq = _dump_postgresql(partial) if engine == "postgresql" else _copy_sqlite(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if not report.ok:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the access log does not verify (entry #{report.broken_seq}): run `gipz audit verify`")
    info = BackupInfo(path, engine, report.checked, report.last_hash, counts)
    meta = {
        "format": FORMAT, "engine": engine, "made_at": timezone.now().isoformat(),
        "access_log": {"entries": info.access_log_entries, "head": info.access_log_head, "seq": head_seq},
        "checkpoints": checkpoint_lines_up_to(head_seq), "counts": counts,
    }  # fmt: skip
    meta_partial = meta_path(partial)
    _private_file(meta_partial)
    meta_partial.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    partial.replace(path)  # a backup is either whole or absent
    meta_partial.replace(meta_path(path))
    return info


def _read_meta(path: Path, engine: str) -> dict[str, Any]:
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{meta_path(path)} is missing or unreadable; it records what the backup holds") from None
    if meta.get("format") not in READABLE_FORMATS or meta.get("engine") != engine:
        raise BackupError(f"{path} is a {meta.get('engine')} backup; this database is {engine}")
    return dict(meta)


def backup_restore(path: Path, *, replace: bool = False) -> dict[str, Any]:
    """Replace the database with the backup at `path`, bring its schema up to this version (migrate), then verify
    the access log against the head recorded at backup time. Stop the web processes and workers first. Works into
    an empty database (createdb); refuses to overwrite one with data in it unless `replace` is given."""
    engine = _engine()
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    meta = _read_meta(path, engine)
    present = {name: count for name, count in database_contents().items() if count}
    if present and not replace:
        words = ", ".join(f"{count:,} {name}" for name, count in present.items())
        raise BackupError(f"the database is not empty ({words} would be replaced); give --replace to overwrite it")
    if engine == "postgresql":
        connection.close()  # our own locks would block the restore's DROPs
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              f"--dbname={connection.settings_dict['NAME']}", str(path)])  # fmt: skip
    else:
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    call_command("migrate", "--no-input", verbosity=0)  # a backup made by an older version
    expected = meta["access_log"]
    report = access_log_verify(checkpoints=[])  # the chain itself first; the file's checkpoints below
    if not report.ok:
        raise BackupError(f"restored, but the access log does not verify (entry #{report.broken_seq})")
    if (report.checked, report.last_hash) != (expected["entries"], expected["head"]):
        raise BackupError(
            f"restored, but the access log's head is #{report.checked} {report.last_hash[:16]}…, the backup recorded "
            f"#{expected['entries']} {expected['head'][:16]}…"
        )
    access_log_restored(seq=int(expected.get("seq", report.checked)), entry_hash=report.last_hash,
                        carried=list(meta.get("checkpoints", [])))  # fmt: skip
    if not access_log_verify().ok:
        raise BackupError("restored, but the access log does not match the checkpoints it carried")
    return {"entries": report.checked, "head": report.last_hash, "made_at": meta.get("made_at", ""),
            "counts": meta.get("counts", {})}  # fmt: skip
