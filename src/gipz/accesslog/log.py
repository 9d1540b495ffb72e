"""Writing and verifying the access log (NEN 7513). Every view, export and change of personal data calls
`access_log_record` (about a situation: `privacy.access.access_log_in_situation`, which files it under the
situation's person); `gipz audit verify` calls `access_log_verify`."""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from gipz.accesslog.chain import HASHED_FIELDS, ChainReport, Checkpoint, entry_digest, entry_mac, verify_chain
from gipz.accesslog.models import AccessLogEntry, AccessLogHead, AccessLogPrune
from gipz.accounts.actor import Actor

log = logging.getLogger(__name__)


def access_log_record(
    *,
    actor: Actor | None,
    action: str,
    obj: models.Model,
    person_id: int | None = None,
    situation_id: int | None = None,
    detail: str = "",
) -> AccessLogEntry:
    """Append one entry. Runs in the caller's transaction when there is one (a change and its log row commit
    together), otherwise in its own. `actor=None` is the system (the retention worker)."""
    with transaction.atomic():
        head = AccessLogHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # the first entry ever; the migration normally made the head already
            head, _ = AccessLogHead.objects.get_or_create(pk=1)
            head = AccessLogHead.objects.select_for_update().get(pk=1)
        fields: dict[str, Any] = {
            "seq": head.seq + 1,
            "at": timezone.now(),
            "user_id": actor.user.pk if actor else None,
            "organisation_id": actor.organisation.pk if actor else None,
            "roles": ",".join(sorted(actor.roles)) if actor else "system",
            "action": action,
            "object_type": obj._meta.label_lower,
            "object_id": str(obj.pk),
            "person_id": person_id,
            "situation_id": situation_id,
            "detail": detail[:300],
            "prev_hash": head.entry_hash,
        }
        entry_hash = entry_digest(fields)
        entry = AccessLogEntry.objects.create(entry_hash=entry_hash, mac=entry_mac(entry_hash, seal_key()), **fields)
        AccessLogHead.objects.filter(pk=1).update(seq=fields["seq"], entry_hash=entry_hash)
        return entry


def in_dutch(label: object) -> str:
    """Access-log lines are written in Dutch, the language of record, whatever the user's interface language."""
    with translation.override("nl"):
        return str(label)


def fields_in_words(names: Iterable[str], *models_: type[models.Model]) -> str:
    """Field names as their Dutch labels, looked up in the given models (the first that has the field)."""
    return ", ".join(_field_label(name, models_) for name in names)


def _field_label(name: str, models_: tuple[type[models.Model], ...]) -> str:
    for model in models_:
        try:
            return in_dutch(getattr(model._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            continue
    return name


def seal_key() -> bytes:
    """GIPZ_ACCESS_LOG_KEY, or one derived from the secret key: either way it is not in the database."""
    configured = settings.GIPZ_ACCESS_LOG_KEY
    if configured:
        return configured.encode()
    return salted_hmac("gipz.accesslog.seal", "v1", secret=settings.SECRET_KEY, algorithm="sha256").digest()


def checkpoint_path() -> Path:
    configured = settings.GIPZ_ACCESS_LOG_CHECKPOINTS
    return Path(configured) if configured else Path(settings.DATA_DIR) / "accesslog-checkpoints.txt"


def access_log_checkpoint(path: Path | None = None) -> Checkpoint | None:
    """Append the chain's head to the checkpoint file outside the database (the worker does this every few
    minutes). A line: sequence number, entry hash, time, and a seal over the three."""
    head = AccessLogHead.objects.filter(pk=1).first()
    if head is None or head.seq == 0:
        return None
    path = path or checkpoint_path()
    at = timezone.now().isoformat(timespec="seconds")
    body = f"{head.seq} {head.entry_hash} {at}"
    _append(path, f"{body} {entry_mac(body.replace(' ', '|'), seal_key())}")
    log.info("access log checkpoint", extra={"seq": head.seq})
    return Checkpoint(head.seq, head.entry_hash)


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as out:
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())


def checkpoint_lines_up_to(seq: int, path: Path | None = None) -> list[str]:
    """The file's sealed lines that a backup holding the log up to `seq` covers: they travel with the backup."""
    path = path or checkpoint_path()
    if not path.exists():
        return []
    kept = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0].isdigit() and int(parts[0]) <= seq:
            kept.append(line)
    return kept


def access_log_restored(*, seq: int, entry_hash: str, carried: list[str], path: Path | None = None) -> None:
    """After a restore: bring the backup's own checkpoints where the file has none (a new machine), then a sealed
    'restore' line. Checkpoints written before that line for entries past `seq` describe a log that the restore
    rolled back; verification no longer holds the restored log to them. Without the key nobody can write such a
    line, so cutting the log's tail still shows."""
    path = path or checkpoint_path()
    present = set(path.read_text(encoding="ascii").splitlines()) if path.exists() else set()
    for line in carried:
        if line not in present:
            _append(path, line)
    at = timezone.now().isoformat(timespec="seconds")
    _append(path, f"restore {seq} {entry_hash} {at} {entry_mac(f'restore|{seq}|{entry_hash}|{at}', seal_key())}")


def checkpoints_read(path: Path | None = None) -> tuple[list[Checkpoint], list[int]]:
    """The checkpoints in the file that apply to the log as it is, and the line numbers whose seal does not match
    (a forged line). A sealed restore line sets aside the earlier checkpoints past the point restored to."""
    path = path or checkpoint_path()
    found: list[Checkpoint] = []
    forged: list[int] = []
    if not path.exists():
        return found, forged
    key = seal_key()
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), start=1):
        parts = line.split()
        if len(parts) == 5 and parts[0] == "restore" and parts[1].isdigit():
            _word, seq, entry_hash, at, seal = parts
            if not hmac.compare_digest(seal, entry_mac(f"restore|{seq}|{entry_hash}|{at}", key)):
                forged.append(number)
                continue
            found = [checkpoint for checkpoint in found if checkpoint.seq <= int(seq)]
            continue
        if len(parts) != 4 or not parts[0].isdigit():
            forged.append(number)
            continue
        seq, entry_hash, at, seal = parts
        if not hmac.compare_digest(seal, entry_mac(f"{seq}|{entry_hash}|{at}", key)):
            forged.append(number)
            continue
        found.append(Checkpoint(int(seq), entry_hash))
    return found, forged


def prune_seal(up_to_seq: int, entry_hash: str) -> str:
    return entry_mac(f"prune|{up_to_seq}|{entry_hash}", seal_key())


def access_log_anchor() -> Checkpoint | None:
    """Where the kept log begins after pruning, if its seal holds (a forged prune row makes verification fail at
    the first kept entry, because the walk then starts from the genesis)."""
    prune = AccessLogPrune.objects.order_by("-up_to_seq").first()
    if prune is None or not hmac.compare_digest(prune.mac, prune_seal(prune.up_to_seq, prune.entry_hash)):
        return None
    return Checkpoint(prune.up_to_seq, prune.entry_hash)


def access_log_prune(*, before: Any) -> int:
    """Remove the entries made before `before` from the beginning of the log (its retention period), keeping the
    chain verifiable: the last removed entry's hash is kept, sealed, as the anchor the first kept entry links to.
    Only a prefix is removed, so the chain stays one unbroken sequence."""
    with transaction.atomic():
        AccessLogHead.objects.select_for_update().filter(pk=1).first()  # no writer appends meanwhile
        last = AccessLogEntry.objects.filter(at__lt=before).order_by("-seq").values("seq", "entry_hash").first()
        head = AccessLogHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
        if last is None or last["seq"] >= head:  # the head entry always stays, so the chain keeps its end
            return 0
        removed, _by_model = AccessLogEntry.objects.filter(seq__lte=last["seq"]).delete()
        AccessLogPrune.objects.create(
            up_to_seq=last["seq"],
            entry_hash=last["entry_hash"],
            removed=removed,
            at=timezone.now(),
            mac=prune_seal(last["seq"], last["entry_hash"]),
        )
        log.info("access log pruned", extra={"up_to_seq": last["seq"], "removed": removed})
        return removed


def access_log_verify(*, checkpoints: list[Checkpoint] | None = None) -> ChainReport:
    """The log up to the head as read first. An entry and the head's move commit together, so every entry up to that
    head was committed when it was read; entries a busy GIPZ appends while the walk runs lie past it and are left for
    the next verification (before, they made a live log look cut off: `gipz backup` under load refused)."""
    head = AccessLogHead.objects.filter(pk=1).first()
    head_seq = head.seq if head else 0
    rows = (
        AccessLogEntry.objects.filter(seq__lte=head_seq)
        .order_by("seq")
        .values(*HASHED_FIELDS, "entry_hash", "mac")
        .iterator(chunk_size=2000)
    )
    return verify_chain(
        rows,
        anchor=access_log_anchor(),
        head_seq=head_seq,
        head_hash=head.entry_hash if head else "0" * 64,
        key=seal_key(),
        checkpoints=checkpoints if checkpoints is not None else checkpoints_read()[0],
    )
