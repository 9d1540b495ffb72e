"""Access-log entries about a situation, filed under its person; the words for the data categories in a line."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from gipz.accesslog.log import access_log_record, in_dutch
from gipz.accesslog.models import AccessLogEntry
from gipz.accounts.actor import Actor
from gipz.privacy.models import DataCategory, Person


def categories_in_words(codes: Iterable[str]) -> str:
    return ", ".join(in_dutch(DataCategory(code).label) for code in codes)


def access_log_in_situation(
    *, actor: Actor | None, action: str, obj: models.Model, situation_id: int | None, detail: str = ""
) -> AccessLogEntry:
    """An entry about something in a situation, filed under the situation's person (if one is recorded). This is
    the writer behind `core.personal_data.access_log_write`, which the apps below privacy call."""
    person_id = (
        Person.objects.filter(situation_id=situation_id).values_list("pk", flat=True).first() if situation_id else None
    )
    return access_log_record(
        actor=actor, action=action, obj=obj, person_id=person_id, situation_id=situation_id, detail=detail
    )
