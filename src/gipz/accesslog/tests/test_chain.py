"""The hash chain as pure functions: any change, removal or truncation is found and located."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from gipz.accesslog.chain import GENESIS, entry_digest, verify_chain


def chain(n: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    previous = GENESIS
    for seq in range(1, n + 1):
        row = {
            "seq": seq,
            "at": datetime(2026, 11, 23, 12, 0, seq, 123456, tzinfo=UTC),
            "user_id": 7,
            "organisation_id": 3,
            "roles": "professional",
            "action": "view",
            "object_type": "privacy.person",
            "object_id": str(seq),
            "person_id": seq,
            "situation_id": 1,
            "detail": "",
            "prev_hash": previous,
        }
        row["entry_hash"] = previous = entry_digest(row)
        rows.append(row)
    return rows


def test_an_intact_chain_verifies() -> None:
    rows = chain(5)
    report = verify_chain(rows, head_seq=5, head_hash=rows[-1]["entry_hash"])
    assert report.ok and report.checked == 5


def test_a_changed_field_is_found_at_its_entry() -> None:
    rows = chain(5)
    rows[2]["detail"] = "nothing to see"
    report = verify_chain(rows, head_seq=5, head_hash=rows[-1]["entry_hash"])
    assert (report.broken_seq, report.reason, report.checked) == (3, "changed", 2)


def test_a_changed_time_is_found() -> None:
    rows = chain(3)
    rows[1]["at"] = rows[1]["at"].replace(microsecond=0)
    assert verify_chain(rows, head_seq=3, head_hash=rows[-1]["entry_hash"]).broken_seq == 2


def test_a_removed_entry_is_found() -> None:
    rows = chain(5)
    del rows[1]
    report = verify_chain(rows, head_seq=5, head_hash=rows[-1]["entry_hash"])
    assert (report.broken_seq, report.reason) == (2, "missing")


def test_a_renumbered_removal_breaks_the_link() -> None:
    rows = chain(4)
    del rows[1]
    for index, row in enumerate(rows, start=1):
        row["seq"] = index
    report = verify_chain(rows, head_seq=4, head_hash=rows[-1]["entry_hash"])
    assert report.reason == "link" and report.broken_seq == 2


def test_entries_cut_off_the_end_are_found() -> None:
    rows = chain(5)
    report = verify_chain(rows[:3], head_seq=5, head_hash=rows[-1]["entry_hash"])
    assert (report.broken_seq, report.reason) == (4, "truncated")
