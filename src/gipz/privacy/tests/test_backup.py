"""Backup → empty database → restore → the access log verifies with the same head (issue #17), on whichever
database the suite runs on (CI runs it on SQLite and on PostgreSQL)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from conftest import World, intake
from gipz.privacy.accesslog import access_log_record, access_log_verify
from gipz.privacy.models import AccessLogEntry
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
