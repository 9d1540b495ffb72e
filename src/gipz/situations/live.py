"""Every change to a melding writes a timeline row; that row announces the change to the open pages of every
organisation taking part (core/livefeed.py), in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from gipz.core.livefeed import live_announce
from gipz.situations.models import Participant, TimelineEvent


def announce(sender: Any, instance: TimelineEvent, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    organisations = Participant.objects.filter(situation_id=instance.situation_id).values_list("organisation_id")
    live_announce(organisation_ids=organisations, topic="situation", object_id=instance.situation_id)


def connect() -> None:
    post_save.connect(announce, sender=TimelineEvent, dispatch_uid="gipz.situations.live")
