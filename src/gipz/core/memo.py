"""A small per-process memo for reference data read on every intake (roster, targets, municipalities).

Entries live at most `GIPZ_REFERENCE_CACHE_SECONDS` (0 switches the memo off). Changes made in this process clear
it when they commit (signals in the owning apps); other processes see a change within that time. Why not Django's cache
framework: the values are model instances used within the request, and a local dict needs no pickling.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.db import transaction

T = TypeVar("T")

_lock = threading.Lock()
_entries: dict[Hashable, tuple[float, object]] = {}


def memo(key: Hashable, load: Callable[[], T]) -> T:
    seconds = settings.GIPZ_REFERENCE_CACHE_SECONDS
    if seconds <= 0:
        return load()
    now = time.monotonic()
    found = _entries.get(key)
    if found is not None and now - found[0] < seconds:
        return found[1]  # type: ignore[return-value]
    value = load()
    with _lock:
        if len(_entries) > 1024:  # keys carry time windows: drop the expired ones now and then
            for stale in [k for k, (at, _) in _entries.items() if now - at >= seconds]:
                del _entries[stale]
        _entries[key] = (now, value)
    return value


def memo_clear(*_args: object, **_kwargs: object) -> None:
    """Forget everything once the change that calls this commits (connected to post_save/post_delete of the
    reference models). Clearing before the commit would let another request in this process read the old rows
    again and keep them for the memo's lifetime; outside a transaction it clears at once."""
    transaction.on_commit(memo_forget)


def memo_forget() -> None:
    with _lock:
        _entries.clear()
