"""The admin follows the rules of the app: every write is audited in its transaction with old and new values
(`AuditedAdmin`), history is read-only (`ReadOnlyAdmin`), and case data are shown without personal data."""

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import BaseFormSet, Form
from django.http import HttpRequest

from gipz.core.audit import audit_record
from gipz.core.models import AuditEvent, Job

# Values the audit row names but does not copy (a password hash, a token's hash).
SECRET_FIELDS = frozenset({"password", "key_hash"})


def snapshot(obj: models.Model, names: list[str] | None = None) -> dict[str, Any]:
    """The object's field values (all concrete fields, or `names`), for the audit row; secrets as 'changed'."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        value = field.value_from_object(obj)
        values[field.name] = "(geheim)" if field.name in SECRET_FIELDS else value
    if names is not None:
        for field in obj._meta.many_to_many:
            if field.name in names and obj.pk is not None:
                values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return values


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete in the admin writes an audit row (`admin.<model>.<added|changed|deleted>`) with
    the old and new values, in the admin's own transaction, with the administrator as the actor. Inline rows (a
    user's memberships: role grants) and many-to-many fields (a service area's municipalities) are audited too."""

    def save_model(self, request: HttpRequest, obj: Any, form: Form, change: bool) -> None:
        names = list(form.changed_data)
        old = snapshot(type(obj).objects.get(pk=obj.pk), names) if change else {}
        super().save_model(request, obj, form, change)
        form._gipz_audit_old = old  # type: ignore[attr-defined]  # m2m values are saved later, in save_related

    def save_related(self, request: HttpRequest, form: Form, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance  # type: ignore[attr-defined]
        names = list(form.changed_data)
        audit_record(
            actor=request.user,
            event_type=f"admin.{obj._meta.model_name}.{'changed' if change else 'added'}",
            obj=obj,
            old=getattr(form, "_gipz_audit_old", {}),
            new=snapshot(obj, names if change else None),
        )

    def save_formset(self, request: HttpRequest, form: Form, formset: BaseFormSet, change: bool) -> None:  # type: ignore[type-arg]
        before = {
            f.instance.pk: snapshot(type(f.instance).objects.get(pk=f.instance.pk), list(f.changed_data))
            for f in formset.forms  # type: ignore[attr-defined]
            if f.instance.pk is not None and f.has_changed()
        }
        deleted = [snapshot(f.instance) for f in getattr(formset, "deleted_forms", []) if f.instance.pk is not None]
        super().save_formset(request, form, formset, change)
        for f in formset.forms:  # type: ignore[attr-defined]
            instance = f.instance
            if instance.pk is None or not f.has_changed() or f in getattr(formset, "deleted_forms", []):
                continue
            added = instance.pk not in before
            audit_record(
                actor=request.user,
                event_type=f"admin.{instance._meta.model_name}.{'added' if added else 'changed'}",
                obj=instance,
                old=before.get(instance.pk, {}),
                new=snapshot(instance, None if added else list(f.changed_data)),
            )
        for old in deleted:
            model = formset.model  # type: ignore[attr-defined]
            audit_record(
                actor=request.user,
                event_type=f"admin.{model._meta.model_name}.deleted",
                obj=(model._meta.label_lower, str(old.get("id", ""))),
                old=old,
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(
                actor=request.user, event_type=f"admin.{obj._meta.model_name}.deleted", obj=obj, old=snapshot(obj)
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit_record(
                    actor=request.user, event_type=f"admin.{obj._meta.model_name}.deleted", obj=obj, old=snapshot(obj)
                )
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and audit rows are changed only through the services, never by hand."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "event_type", "object_type", "object_id", "actor", "organisation"]
    list_filter = ["event_type", "object_type"]
    search_fields = ["object_id"]
    date_hierarchy = "at"


@admin.register(Job)
class JobAdmin(AuditedAdmin):
    list_display = ["kind", "run_at", "status", "attempts", "claimed_by", "claimed_until"]
    list_filter = ["status", "kind"]
    readonly_fields = [
        "kind",
        "payload",
        "run_at",
        "claimed_by",
        "claimed_until",
        "attempts",
        "last_error",
        "created_at",
        "finished_at",
    ]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
