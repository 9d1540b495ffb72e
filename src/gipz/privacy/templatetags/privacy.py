from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gipz.accesslog.models import AccessAction
from gipz.accounts.models import Role
from gipz.privacy.models import Circumstance, DataCategory, Purpose, Verdict
from gipz.privacy.texts import object_words
from gipz.rulebook.engine import BasisWarning, Rule
from gipz.rulebook.engine import basis_warnings as engine_basis_warnings

register = template.Library()

_LABELS: dict[str, dict[str, Any]] = {
    "category": dict(DataCategory.choices),
    "verdict": dict(Verdict.choices),
    "purpose": dict(Purpose.choices),
    "circumstance": dict(Circumstance.choices),
    "action": dict(AccessAction.choices),
    "role": dict(Role.choices),
}


@register.filter
def category_label(code: str) -> str:
    return str(_LABELS["category"].get(code, code))


@register.filter
def verdict_label(code: str) -> str:
    return str(_LABELS["verdict"].get(code, code))


@register.filter
def action_label(code: str) -> str:
    return str(_LABELS["action"].get(code, code))


@register.filter
def when_labels(values: Any, kind: str) -> str:
    """A rule's condition values as readable labels (organisation types, purposes, …)."""
    from gipz.accounts.models import OrganisationType

    labels = {**dict(OrganisationType.choices), **_LABELS["role"], **_LABELS.get(kind, {})}
    return ", ".join(sorted(str(labels.get(v, v)) for v in values))


@register.filter
def role_labels(roles: str) -> str:
    return ", ".join(str(_LABELS["role"].get(r, r)) for r in roles.split(",") if r) or str(_("systeem"))


@register.filter
def field(form: forms.Form, name: str) -> forms.BoundField:
    return form[name]


_WHEN_KEYS = {
    "requester": _("vrager"),
    "requester_role": _("rol van de vrager"),
    "holder": _("houder van de gegevens"),
    "purpose": _("doel"),
    "category": _("soort gegevens"),
    "circumstance": _("omstandigheid"),
}


@register.filter
def when_key(key: str) -> str:
    return str(_WHEN_KEYS.get(key, key))


@register.filter
def circumstance_label(code: str) -> str:
    return str(_LABELS["circumstance"].get(code, code))


@register.filter
def basis_warnings(rule: Rule) -> list[BasisWarning]:
    """Sources of this rule that ended or are past their review date, as of today."""
    return engine_basis_warnings(rule, timezone.localdate())


@register.filter(name="object_words")
def object_words_filter(object_type: str) -> str:
    return object_words(object_type)
