"""Purging personal data past its retention period. The situation rows stay (municipality, times, urgency,
outcome), so every figure built from them is unchanged; the free text and the person's identity go.

Each situation is handled in its own transaction with its access-log and audit rows, so a stopped run loses
nothing and a rerun continues where it stopped (the `*_removed_at` marks make it idempotent).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction
from django.db.models.functions import Coalesce

from gipz.accesslog.log import access_log_record, fields_in_words, in_dutch
from gipz.accesslog.models import AccessAction
from gipz.core.audit import audit_record
from gipz.core.text_retention import text_rules
from gipz.privacy.access import access_log_in_situation
from gipz.privacy.models import Disclosure, DisclosureItem, Person, PersonFieldChange
from gipz.privacy.personal import pseudonym_for
from gipz.privacy.retention import category
from gipz.situations.events import situation_changed_send
from gipz.situations.models import Situation

# What the intake recorded about the person's health, with the triage codes derived from it: removed with the
# identity (or on erasure). Danger to others, a weapon and minors present are about the scene and stay.
HEALTH_FLAGS: dict[str, object] = {
    "care_indicators": [],
    "triage_reasons": [],
    "triage_advice": [],
    "danger_to_self": False,
    "medical_emergency": False,
    "intoxication": False,
}

BATCH = 500


@dataclass
class RetentionResult:
    care: int = 0
    shared: int = 0
    identity: int = 0

    @property
    def total(self) -> int:
        return self.care + self.shared + self.identity


def _blank(model: type[models.Model], fields: tuple[str, ...]) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in fields:
        field = model._meta.get_field(name)
        values[name] = field.get_default() if isinstance(field, models.JSONField) else ""
    return values


def _remove_situation_text(situation: Situation, category_key: str) -> list[str]:
    """Every declared text of this category tied to the situation (text_retention.py), in one UPDATE per model."""
    removed: list[str] = []
    for rule in text_rules(category_key):
        if not rule.situation_field:
            continue
        target = situation.pk if rule.situation_field == "pk" else situation
        rule.model.objects.filter(**{rule.situation_field: target}).update(**_blank(rule.model, rule.fields))
        removed += [f"{rule.model._meta.model_name}.{name}" for name in rule.fields]
    return removed


def remove_care_data(*, person: Person | None, situation: Situation, now: datetime) -> list[str]:
    removed = _remove_situation_text(situation, "care")
    Situation.objects.filter(pk=situation.pk).update(care_removed_at=now)
    if person is not None and person.care_removed_at is None:
        Person.objects.filter(pk=person.pk).update(care_details="", care_removed_at=now)
        PersonFieldChange.objects.filter(person=person, field="care_details").delete()  # earlier values go too
        removed.append("care_details")
    return removed


def remove_person_data(*, person: Person | None, situation: Situation, reason: str, now: datetime) -> list[str]:
    """Identity and care data of one situation (erasure, or the identity period ending)."""
    removed = remove_care_data(person=person, situation=situation, now=now) if situation.care_removed_at is None else []
    removed += _remove_situation_text(situation, "identity")
    Situation.objects.filter(pk=situation.pk).update(identity_removed_at=now, **HEALTH_FLAGS)
    removed += list(HEALTH_FLAGS)
    if person is not None:
        # A random pseudonym links to no one: the person still counts once in the figures, never as a repeat.
        Person.objects.filter(pk=person.pk).update(
            full_name="",
            date_of_birth=None,
            contact="",
            known_risks="",
            field_owners={},
            pseudonym=pseudonym_for("", None),
            restriction_reason="",
            identity_removed_at=now,
            removal_reason=reason,
        )
        PersonFieldChange.objects.filter(person=person).delete()  # the earlier values are the same personal data
        removed += ["full_name", "date_of_birth", "contact", "known_risks", "pseudonym"]
        # The rollups keep pseudonyms to count repeat persons: recomputing that day drops the old one.
        situation_changed_send(municipality_id=situation.municipality_id, created_at=situation.created_at)
    return removed


def _log_purge(*, situation: Situation, person: Person | None, category_key: str, fields: list[str]) -> None:
    target = person if person is not None else situation
    access_log_record(
        actor=None,
        action=AccessAction.PURGE,
        obj=target,
        person_id=person.pk if person else None,
        situation_id=situation.pk,
        detail=f"bewaartermijn {in_dutch(category(category_key).label).lower()} verstreken: "
        f"{fields_in_words(fields, Person, Situation)}",
    )
    audit_record(actor=None, event_type=f"retention.{category_key}", obj=target, new={"fields": fields})


Remover = Callable[[Person | None, Situation], list[str]]  # returns the fields it emptied


def _purge_situations(*, cutoff: datetime, mark: str, category_key: str, remove: Remover, limit: int) -> int:
    """Situations that ended before `cutoff` and are not yet marked: each in its own transaction, re-checked
    under the row lock (another worker may have done it meanwhile), purged, logged and audited."""
    due = (
        Situation.objects.annotate(ended_at=Coalesce("closed_at", "cancelled_at"))
        .filter(ended_at__lt=cutoff, **{f"{mark}__isnull": True})
        .values_list("pk", flat=True)[:limit]
    )
    done = 0
    for situation_id in due:
        with transaction.atomic():
            situation = Situation.objects.select_for_update().get(pk=situation_id)
            if getattr(situation, mark) is not None:
                continue
            person = Person.objects.filter(situation=situation).first()
            fields = remove(person, situation)
            _log_purge(situation=situation, person=person, category_key=category_key, fields=fields)
            done += 1
    return done


def _purge_own_text(*, cutoff: datetime, now: datetime, limit: int) -> int:
    """Declared text of models with an end of their own (preventive requests, unsafe reports): each row in its own
    transaction, re-checked under its lock, logged and audited."""
    done = 0
    for rule in text_rules("identity"):
        if not rule.ended or not rule.mark:
            continue
        due = rule.model.objects.filter(**{f"{rule.ended}__lt": cutoff, f"{rule.mark}__isnull": True})
        for pk in due.values_list("pk", flat=True)[:limit]:
            with transaction.atomic():
                row = rule.model.objects.select_for_update().get(pk=pk)
                if getattr(row, rule.mark) is not None:
                    continue
                rule.model.objects.filter(pk=pk).update(**_blank(rule.model, rule.fields), **{rule.mark: now})
                access_log_record(
                    actor=None,
                    action=AccessAction.PURGE,
                    obj=row,
                    detail=f"bewaartermijn identiteit verstreken: {fields_in_words(rule.fields, rule.model)}",
                )
                audit_record(actor=None, event_type="retention.identity", obj=row, new={"fields": list(rule.fields)})
                done += 1
    return done


def retention_run(*, now: datetime, limit: int = BATCH) -> RetentionResult:
    """One pass over every category; at most `limit` items per category (the daily job runs until none are due)."""
    result = RetentionResult()
    result.care = _purge_situations(
        cutoff=now - timedelta(days=category("care").days),
        mark="care_removed_at",
        category_key="care",
        remove=lambda person, situation: remove_care_data(person=person, situation=situation, now=now),
        limit=limit,
    )

    shared_cutoff = now - timedelta(days=category("shared").days)
    for disclosure_id in (
        Disclosure.objects.annotate(
            situation_ended_at=Coalesce("request__situation__closed_at", "request__situation__cancelled_at")
        )
        .filter(decided_at__lt=shared_cutoff, situation_ended_at__lt=shared_cutoff, content_removed_at__isnull=True)
        .values_list("pk", flat=True)[:limit]
    ):
        with transaction.atomic():
            disclosure = Disclosure.objects.select_for_update().select_related("request").get(pk=disclosure_id)
            if disclosure.content_removed_at is not None:
                continue
            DisclosureItem.objects.filter(disclosure=disclosure).update(content="")
            Disclosure.objects.filter(pk=disclosure.pk).update(content_removed_at=now, message_to_requester="")
            access_log_in_situation(
                actor=None,
                action=AccessAction.PURGE,
                obj=disclosure,
                situation_id=disclosure.request.situation_id,
                detail="bewaartermijn gedeelde antwoorden verstreken: gedeelde inhoud en toelichting voor de vrager",
            )
            audit_record(actor=None, event_type="retention.shared", obj=disclosure, new={"fields": ["items"]})
            result.shared += 1

    result.identity += _purge_own_text(cutoff=now - timedelta(days=category("identity").days), now=now, limit=limit)
    result.identity += _purge_situations(
        cutoff=now - timedelta(days=category("identity").days),
        mark="identity_removed_at",
        category_key="identity",
        remove=lambda person, situation: remove_person_data(
            person=person, situation=situation, reason="retention", now=now
        ),
        limit=limit,
    )
    return result
