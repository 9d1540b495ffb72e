"""Backup and restore of the whole database, such that the access log still verifies with the same head.

PostgreSQL: pg_dump's custom format and pg_restore (every table, sequence and microsecond as stored). SQLite: its
online backup API (a consistent copy while GIPZ runs). Beside the backup a small JSON file records what the access
log's head was, so a restore can prove it brought back exactly that log. `dumpdata`/`loaddata` are no backup: the
JSON serializer keeps milliseconds, so the restored log no longer matches its hashes (docs/operations.md).

A backup holds special-category personal data: store it encrypted, with the same access rules as the database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils import timezone

from gipz.privacy.accesslog import access_log_verify
from gipz.privacy.models import AccessLogEntry
from gipz.situations.models import Situation

FORMAT = "gipz-backup-1"


class BackupError(Exception):
    """What went wrong, in words for the operator; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    engine: str
    access_log_entries: int
    access_log_head: str


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


def backup_make(path: Path, *, overwrite: bool = False) -> BackupInfo:
    """Write a consistent copy of the database to `path` and what its access log's head was to `path`.json."""
    engine = _engine()
    if path.exists() and not overwrite:
        raise BackupError(f"{path} exists; give --overwrite to replace it")
    if not path.parent.is_dir():
        raise BackupError(f"the folder {path.parent} does not exist")
    report = access_log_verify()
    if not report.ok:
        raise BackupError(f"the access log does not verify (entry #{report.broken_seq}): run `gipz audit verify`")
    partial = path.with_name(path.name + ".partial")
    if engine == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"])
    else:
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    partial.replace(path)  # a backup is either whole or absent
    info = BackupInfo(path, engine, report.checked, report.last_hash)
    meta_path(path).write_text(
        json.dumps({"format": FORMAT, "engine": engine, "made_at": timezone.now().isoformat(),
                    "access_log": {"entries": info.access_log_entries, "head": info.access_log_head}}, indent=1),
        encoding="utf-8",
    )  # fmt: skip
    return info


def database_contents() -> dict[str, int]:
    """What a restore would overwrite: the rows people would miss."""
    return {"situations": Situation.objects.count(), "access log entries": AccessLogEntry.objects.count()}


def backup_restore(path: Path, *, replace: bool = False) -> dict[str, Any]:
    """Replace the database with the backup at `path`, then verify the access log against the head recorded at
    backup time. Stop the web processes and workers first. Refuses to overwrite a database with data in it unless
    `replace` is given."""
    engine = _engine()
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{meta_path(path)} is missing or unreadable; it records what the backup holds") from None
    if meta.get("format") != FORMAT or meta.get("engine") != engine:
        raise BackupError(f"{path} is a {meta.get('engine')} backup; this database is {engine}")
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
    report = access_log_verify()
    expected = meta["access_log"]
    if not report.ok:
        raise BackupError(f"restored, but the access log does not verify (entry #{report.broken_seq})")
    if (report.checked, report.last_hash) != (expected["entries"], expected["head"]):
        raise BackupError(
            f"restored, but the access log's head is #{report.checked} {report.last_hash[:16]}…, the backup recorded "
            f"#{expected['entries']} {expected['head'][:16]}…"
        )
    return {"entries": report.checked, "head": report.last_hash, "made_at": meta.get("made_at", "")}
