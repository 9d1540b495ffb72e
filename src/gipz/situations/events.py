"""What the situations app tells the apps above it, which subscribe when Django starts (their AppConfig.ready).

Imports run down the layers (docs/architecture.md): situations may not call monitoring or learning, so it sends
these signals instead. Receivers run synchronously inside the sender's transaction, so what they write commits or
rolls back with the change that caused it — a stale rollup month is never lost, a flagged evaluation never lacks its
discussion. A receiver with an effect outside the database (a push, a log line) defers it with
`transaction.on_commit` itself.
"""

from __future__ import annotations

from datetime import datetime

from django.dispatch import Signal

# Something about a situation changed (kwargs: municipality_id, created_at): the monitoring of its month is stale.
situation_changed = Signal()

# An evaluation flagged an 'oneigenlijk beroep' (kwargs: actor, evaluation): the key figures discuss it.
improper_call_flagged = Signal()


def situation_changed_send(*, municipality_id: int, created_at: datetime) -> None:
    # `send`, not `send_robust`: a failing receiver must roll back the change, not be skipped silently.
    situation_changed.send(sender=None, municipality_id=municipality_id, created_at=created_at)
