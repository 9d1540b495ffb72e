"""The access log's hash chain as pure functions: how an entry is hashed, and how a sequence is verified."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "at",
    "user_id",
    "organisation_id",
    "roles",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "situation_id",
    "detail",
    "prev_hash",
)


def entry_digest(fields: dict[str, Any]) -> str:
    """SHA-256 over the entry's fields in a fixed order; times in UTC with microseconds."""
    values: list[Any] = []
    for name in HASHED_FIELDS:
        value = fields[name]
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat(timespec="microseconds")
        values.append(value)
    canonical = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def entry_mac(entry_hash: str, key: bytes) -> str:
    """A keyed seal on an entry's hash. The key lives outside the database (GIPZ_ACCESS_LOG_KEY), so whoever holds
    only the database cannot rewrite an entry and re-seal it: recomputing the plain hashes is no longer enough."""
    return hmac.new(key, entry_hash.encode("ascii"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head as written outside the database at a moment: `seq` and `entry_hash` of that entry."""

    seq: int
    entry_hash: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify_chain(
    entries: Iterable[dict[str, Any]],
    *,
    head_seq: int,
    head_hash: str,
    key: bytes | None = None,
    checkpoints: Iterable[Checkpoint] = (),
    anchor: Checkpoint | None = None,
) -> ChainReport:
    """Walk the entries in sequence order. The first problem found is reported with its sequence number:
    a missing number (removed row), a wrong link (row removed or reordered), a wrong hash (row changed), a wrong
    seal (`key` given: rows rewritten and re-hashed without the key), an entry that differs from a checkpoint kept
    outside the database, or an end that does not match the head or comes before the last checkpoint (rows cut
    off the end, the head row 'fixed').

    `anchor` is the last entry removed when the log's retention period pruned its beginning (AccessLogPrune): the
    walk then starts after it, linking to its hash."""
    expected_seq = 1 if anchor is None else anchor.seq + 1
    previous = GENESIS if anchor is None else anchor.entry_hash
    first = expected_seq
    checked = 0
    marks = {c.seq: c.entry_hash for c in checkpoints if c.seq >= first}
    last_mark = max(marks, default=0)
    for entry in entries:
        seq = entry["seq"]
        if seq != expected_seq:
            return ChainReport(checked, expected_seq, "missing", previous)
        if entry["prev_hash"] != previous:
            return ChainReport(checked, seq, "link", previous)
        if entry_digest(entry) != entry["entry_hash"]:
            return ChainReport(checked, seq, "changed", previous)
        if key is not None and not hmac.compare_digest(entry.get("mac", ""), entry_mac(entry["entry_hash"], key)):
            return ChainReport(checked, seq, "sealed", previous)
        if seq in marks and marks[seq] != entry["entry_hash"]:
            return ChainReport(checked, seq, "checkpoint", previous)
        previous = entry["entry_hash"]
        expected_seq += 1
        checked += 1
    last_seq = first - 1 + checked
    if head_seq != last_seq or head_hash != previous or last_seq < last_mark:
        return ChainReport(checked, last_seq + 1, "truncated", previous)
    return ChainReport(checked, None, "", previous)
