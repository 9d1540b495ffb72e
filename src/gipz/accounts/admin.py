from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from gipz.accounts.models import ApiToken, Membership, Organisation, Team, User
from gipz.accounts.services import api_token_create
from gipz.core.admin import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class GipzUserAdmin(AuditedAdmin, UserAdmin):
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "type", "safety_region"]
    list_filter = ["type"]


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "base_municipality"]


class ApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["organisation", "label"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """A token is made by the service (audited; the key is shown once, only its hash is kept) and can then only be
    revoked."""

    list_display = ["label", "organisation", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["organisation", "label", "prefix", "service_user", "created_at", "last_used_at"]
    exclude = ["key_hash"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["organisation", "label"]
        return [*self.readonly_fields, "revoked_at"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        token, key = api_token_create(
            organisation=form.cleaned_data["organisation"],
            label=form.cleaned_data["label"],
            created_by=request.user,  # type: ignore[arg-type]
        )
        obj.pk = token.pk
        obj._state.adding = False
        messages.warning(
            request,
            _("Sleutel (wordt maar één keer getoond, bewaar hem nu): %(key)s") % {"key": key},
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if change:
            super().save_related(request, form, formsets, change)  # audits the revocation with old and new
