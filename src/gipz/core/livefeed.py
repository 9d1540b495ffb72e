"""Live updates by server push (Server-Sent Events) instead of every open page polling.

A change writes `LiveEvent` rows — one per organisation whose pages show it — in its own transaction, so only
committed changes are announced, whichever process made them (a web request or a worker's escalation). In each web
process one feed thread reads the new rows a few times a second (one small indexed query, however many pages are
open) and wakes the streams of those organisations; a stream sends `changed` with the topic and id, and the page
fetches its fragment as before. An idle open page costs no requests: only a comment line every 25 s keeps the
connection open through proxies. When the stream breaks, the page falls back to polling until it reconnects.

Why not django-eventstream or Channels with Redis: the same behaviour on SQLite and PostgreSQL, no broker, and the
database already is the queue (core/jobs.py); one query per process per tick scales with processes, not pages.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, connections, router
from django.db.models import Q, QuerySet
from django.utils import timezone

from gipz.core.models import LiveEvent

log = logging.getLogger(__name__)

KEEP_ALIVE_SECONDS = 25
# A change's id is taken when its transaction writes the row, but the row is seen only when it commits: a
# transaction that took id 41 may commit after one that took 42 was read. The feed therefore remembers the ids it
# skipped ("gaps") and asks for them again on every tick until they appear or this many seconds have passed (then
# they were rolled back). Far longer than any web request's transaction.
GAP_SECONDS = 120
MAX_GAPS = 10_000
KEEP_MINUTES = 10  # rows older than this are removed by the feed; a page that was away longer reloads its fragment
RETRY_MS = 3000


def live_announce(*, organisation_ids: QuerySet[Any, int], topic: str, object_id: int) -> None:
    """Announce a change to the open pages of the organisations `organisation_ids` selects (a values_list query),
    in the change's transaction. One INSERT … SELECT: the organisations are not read back into Python first."""
    select, params = organisation_ids.query.sql_with_params()
    table = LiveEvent._meta.db_table
    target = connections[router.db_for_write(LiveEvent)]
    at = LiveEvent._meta.get_field("at").get_db_prep_value(timezone.now(), target)  # as the ORM would store it
    with target.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (organisation_id, topic, object_id, at) "  # table and column names are ours
            f"SELECT DISTINCT chosen.organisation_id, %s, %s, %s FROM ({select}) AS chosen",
            [topic, object_id, at, *params],
        )


@dataclass(eq=False)  # each waiter is itself: kept in a set by identity
class _Waiter:
    organisation_id: int
    wake: Any  # () -> None, safe to call from the feed thread
    pending: list[tuple[int, str, int]] = field(default_factory=list)


class Feed:
    """One per process: reads new LiveEvent rows and hands them to the waiting streams of their organisation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[_Waiter] = set()
        self._last_id: int | None = None
        self._gaps: dict[int, float] = {}  # id skipped -> when (monotonic) it was first missed
        self._thread: threading.Thread | None = None
        self._recent: deque[tuple[int, int, str, int]] = deque(maxlen=10_000)
        self._last_prune = 0.0

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="gipz-livefeed", daemon=True)
                self._thread.start()

    def latest_id(self) -> int:
        row = LiveEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        return int(row or 0)

    def since(self, organisation_id: int, last_id: int) -> list[tuple[int, str, int]]:
        """Rows for this organisation that the feed read after `last_id` (a reconnect catches up). In the order the
        feed read them, so a late-committed row with a lower id is not skipped."""
        with self._lock:
            recent = list(self._recent)
        position = next((i for i, row in enumerate(recent) if row[0] == last_id), None)
        after = recent[position + 1 :] if position is not None else [row for row in recent if row[0] > last_id]
        return [(pk, topic, obj) for pk, org, topic, obj in after if org == organisation_id]

    def take(self, waiter: _Waiter) -> list[tuple[int, str, int]]:
        with self._lock:
            batch, waiter.pending = waiter.pending, []
        return batch

    def add(self, waiter: _Waiter) -> None:
        with self._lock:
            self._waiters.add(waiter)

    def remove(self, waiter: _Waiter) -> None:
        with self._lock:
            self._waiters.discard(waiter)

    def tick(self) -> int:
        """Read what is new and wake whoever it concerns; returns how many rows were read (tests call this)."""
        if self._last_id is None:
            self._last_id = self.latest_id()
        wanted = Q(pk__gt=self._last_id) | Q(pk__in=list(self._gaps)) if self._gaps else Q(pk__gt=self._last_id)
        rows = list(
            LiveEvent.objects.filter(wanted)
            .order_by("pk")
            .values_list("pk", "organisation_id", "topic", "object_id")[:1000]
        )
        self._mind_the_gaps(rows)
        if rows:
            with self._lock:
                self._recent.extend(rows)
                waiters = list(self._waiters)
            for waiter in waiters:
                mine = [(pk, topic, obj) for pk, org, topic, obj in rows if org == waiter.organisation_id]
                if mine:
                    with self._lock:
                        waiter.pending.extend(mine)
                    waiter.wake()
        if time.monotonic() - self._last_prune > 60:
            self._last_prune = time.monotonic()
            LiveEvent.objects.filter(at__lt=timezone.now() - timedelta(minutes=KEEP_MINUTES)).delete()
        return len(rows)

    def _mind_the_gaps(self, rows: list[tuple[int, int, str, int]]) -> None:
        """Move the high-water mark past the new rows and remember the ids skipped on the way."""
        assert self._last_id is not None
        moment = time.monotonic()
        for pk, *_rest in rows:
            if pk in self._gaps:
                del self._gaps[pk]  # committed late: delivered now
            elif pk > self._last_id:
                for missing in range(self._last_id + 1, pk):
                    self._gaps.setdefault(missing, moment)
                self._last_id = pk
        expired = [pk for pk, since in self._gaps.items() if moment - since > GAP_SECONDS]
        for pk in expired:
            del self._gaps[pk]  # rolled back, or a sequence that skipped
        while len(self._gaps) > MAX_GAPS:
            del self._gaps[min(self._gaps)]

    def _run(self) -> None:
        # The feed must outlive a database hiccup: it logs, drops the connection and tries again next tick; open
        # pages meanwhile see nothing new (and poll if their stream broke).
        while True:
            try:
                self.tick()
                close_old_connections()
            except Exception:
                log.exception("live feed: reading changes failed")
                try:
                    connection.close()
                except Exception:  # a connection that cannot even close is dropped with the next one
                    log.debug("live feed: closing the connection failed", exc_info=True)
            time.sleep(settings.GIPZ_LIVE_FEED_MS / 1000)


FEED = Feed()


def _message(pk: int, topic: str, object_id: int) -> str:
    return f"id: {pk}\nevent: changed\ndata: {topic}:{object_id}\n\n"


def _opening(organisation_id: int, last_id: int | None) -> list[str]:
    """How long to wait before reconnecting, then what a reconnecting page (Last-Event-ID) missed."""
    missed = FEED.since(organisation_id, last_id) if last_id is not None else []
    return [f"retry: {RETRY_MS}\n\n", *(_message(pk, topic, obj) for pk, topic, obj in missed)]


def _news(waiter: _Waiter) -> list[str]:
    return [_message(pk, topic, obj) for pk, topic, obj in FEED.take(waiter)]


def sync_stream(organisation_id: int, last_id: int | None) -> Iterator[str]:
    """For a WSGI server (the demo's runserver, tests): one thread per open page."""
    FEED.start()
    woken = threading.Event()
    waiter = _Waiter(organisation_id, woken.set)
    FEED.add(waiter)
    try:
        yield from _opening(organisation_id, last_id)
        while True:
            if not woken.wait(KEEP_ALIVE_SECONDS):
                yield ": keep-alive\n\n"
                continue
            woken.clear()
            yield from _news(waiter)
    finally:
        FEED.remove(waiter)


async def async_stream(organisation_id: int, last_id: int | None) -> AsyncIterator[str]:
    """For an ASGI server (uvicorn): thousands of open pages on one event loop."""
    FEED.start()
    loop = asyncio.get_running_loop()
    woken = asyncio.Event()
    waiter = _Waiter(organisation_id, lambda: loop.call_soon_threadsafe(woken.set))
    FEED.add(waiter)
    try:
        for chunk in _opening(organisation_id, last_id):
            yield chunk
        while True:
            try:
                await asyncio.wait_for(woken.wait(), KEEP_ALIVE_SECONDS)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            woken.clear()
            for chunk in _news(waiter):
                yield chunk
    finally:
        FEED.remove(waiter)


def stream_response(request: Any) -> Any:
    """The open page's event stream for its organisation (`request.actor`, set by the accounts middleware)."""
    from django.core.handlers.asgi import ASGIRequest
    from django.http import Http404, StreamingHttpResponse

    actor = getattr(request, "actor", None)
    if actor is None:
        raise Http404
    last = request.headers.get("Last-Event-ID", "")
    last_id = int(last) if last.isdigit() else None
    organisation_id = int(actor.organisation.pk)
    # The stream needs no database: give this request's connection back now, or every open page would hold one.
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()
    stream = async_stream if isinstance(request, ASGIRequest) else sync_stream
    response = StreamingHttpResponse(stream(organisation_id, last_id), content_type="text/event-stream")
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
