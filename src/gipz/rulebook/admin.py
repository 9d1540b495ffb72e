"""Privacy officers publish rulebook versions through the admin; a version is never changed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from gipz.accounts.models import Membership, Role
from gipz.core.errors import ServiceError
from gipz.rulebook.loader import default_rulebook_text
from gipz.rulebook.models import RulebookVersion
from gipz.rulebook.services import rulebook_publish, rulebook_validate


def _is_privacy_officer(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or Membership.objects.filter(user=user, role=Role.PRIVACY_OFFICER).exists()


class RulebookVersionForm(forms.ModelForm):
    class Meta:
        model = RulebookVersion
        fields = ["text", "note"]
        widgets = {"text": forms.Textarea(attrs={"rows": 40, "cols": 120, "spellcheck": "false"})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Validate now, so a broken rulebook is shown next to the text that was typed and nothing is saved.
        if data.get("text"):
            try:
                rulebook_validate(data["text"])
            except ServiceError as exc:
                raise ValidationError({"text": exc.message}) from None
        return data


@admin.register(RulebookVersion)
class RulebookVersionAdmin(admin.ModelAdmin):
    """Adding publishes a new version (prefilled with the one in force); versions are never edited or deleted."""

    form = RulebookVersionForm
    list_display = ["number", "label", "published_at", "published_by", "note"]
    ordering = ["-number"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_privacy_officer(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_privacy_officer(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_privacy_officer(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        current = RulebookVersion.objects.order_by("-number").first()
        return {"text": current.text if current else default_rulebook_text()}

    def save_model(self, request: HttpRequest, obj: RulebookVersion, form: Any, change: bool) -> None:
        try:
            published = rulebook_publish(user=request.user, text=obj.text, note=obj.note)  # type: ignore[arg-type]
        except ServiceError as exc:  # the form validated already; a race on the number is the only way here
            messages.error(request, exc.message)
            raise
        obj.pk = published.pk
        obj.number = published.number
        obj._state.adding = False
