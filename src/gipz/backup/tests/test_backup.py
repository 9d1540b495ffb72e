"""Backup → empty database → restore → the access log verifies with the same head (issue #17), on whichever
database the suite runs on (CI runs it on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from conftest import World, intake
from gipz.accesslog.log import access_log_record, access_log_verify
from gipz.accesslog.models import AccessLogEntry
from gipz.situations.models import Situation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # pg_dump sees committed rows


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _empty_the_database() -> None:
    call_command("flush", "--no-input", verbosity=0)
    assert not Situation.objects.exists() and not AccessLogEntry.objects.exists()


def test_backup_empty_database_restore_verify(world: World, tmp_path: Path) -> None:
    situation = intake(world)
    for action in ("view", "view", "export"):  # microsecond timestamps are what dumpdata used to lose
        access_log_record(actor=world.police_actor, action=action, obj=situation, situation_id=situation.pk)
    before = access_log_verify()
    assert before.ok and before.checked >= 3
    path = tmp_path / "gipz.backup"
    said = run("backup", str(path))
    assert "Backup written" in said and (tmp_path / "gipz.backup.json").exists()
    _empty_the_database()
    said = run("restore", str(path))
    assert "Access log verified" in said and before.last_hash[:16] in said
    after = access_log_verify()
    assert after.ok and (after.checked, after.last_hash) == (before.checked, before.last_hash)
    restored = Situation.objects.get(pk=situation.pk)
    assert restored.created_at == situation.created_at  # microseconds and all
    assert run("audit", "verify").startswith("OK")


def test_restore_refuses_to_overwrite_data_and_says_what(world: World, tmp_path: Path) -> None:
    intake(world)
    path = tmp_path / "gipz.backup"
    run("backup", str(path))
    with pytest.raises(CommandError, match=r"not empty \(1 situations.*--replace"):
        run("restore", str(path))
    assert "Access log verified" in run("restore", str(path), "--replace")
    with pytest.raises(CommandError, match="exists; give --overwrite"):
        run("backup", str(path))
    with pytest.raises(CommandError, match="no backup at"):
        run("restore", str(tmp_path / "nothing"))


def test_a_restore_that_does_not_match_its_record_is_reported(world: World, tmp_path: Path) -> None:
    intake(world)
    path = tmp_path / "gipz.backup"
    run("backup", str(path))
    record = path.with_name(path.name + ".json")
    record.write_text(record.read_text().replace('"entries": ', '"entries": 1000'))
    _empty_the_database()
    with pytest.raises(CommandError, match="the backup recorded #1000"):
        run("restore", str(path))
    assert connection.vendor in ("sqlite", "postgresql")


# --- a region's first night (issue #28, item 8) ----------------------------------------------------------------------


def test_backup_files_are_readable_by_their_owner_only(world: World, tmp_path: Path) -> None:
    intake(world)
    path = tmp_path / "gipz.backup"
    run("backup", str(path))
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.with_name(path.name + ".json").stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob("*.partial*"))


def test_checkpoints_written_after_the_backup_do_not_break_the_restored_log(world: World, tmp_path: Path) -> None:
    """The worker keeps writing checkpoints after a backup; the restore rolls the log back past them."""
    situation = intake(world)
    access_log_record(actor=world.police_actor, action="view", obj=situation, situation_id=situation.pk)
    run("audit", "checkpoint")
    path = tmp_path / "gipz.backup"
    run("backup", str(path))
    meta = json.loads(path.with_name(path.name + ".json").read_text())
    assert meta["checkpoints"] and meta["counts"]["situations"] == 1
    for _ in range(3):  # GIPZ runs on after the backup
        access_log_record(actor=world.police_actor, action="view", obj=situation, situation_id=situation.pk)
    run("audit", "checkpoint")
    said = run("restore", str(path), "--replace")
    assert "Access log verified" in said
    assert run("audit", "verify").startswith("OK")
    # Cutting the tail off is still seen: a checkpoint after the restore line holds the log to it.
    access_log_record(actor=world.police_actor, action="view", obj=situation, situation_id=situation.pk)
    run("audit", "checkpoint")
    last = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    AccessLogEntry.objects.filter(seq=last)._raw_delete(AccessLogEntry.objects.db)  # what a DBA could do
    with pytest.raises(SystemExit) as failed:
        run("audit", "verify")
    assert failed.value.code == 1


def test_a_forged_restore_line_is_reported(world: World, tmp_path: Path, settings: Any) -> None:
    from gipz.accesslog.log import checkpoint_path, checkpoints_read

    situation = intake(world)
    access_log_record(actor=world.police_actor, action="view", obj=situation, situation_id=situation.pk)
    run("audit", "checkpoint")
    with checkpoint_path().open("a") as out:
        out.write("restore 0 " + "0" * 64 + " 2026-12-07T00:00:00+00:00 " + "f" * 64 + "\n")
    checkpoints, forged = checkpoints_read()
    assert forged == [2] and len(checkpoints) == 1  # the forged line sets nothing aside
