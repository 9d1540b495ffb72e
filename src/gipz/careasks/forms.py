"""Form pieces that preventive requests and unsafe-situation reports share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.accounts.selectors import police_organisations


def police_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Politie-eenheid"), queryset=police_organisations())


def preselect_single_police(form: forms.Form) -> None:
    """With one police organisation in the installation (the usual case), it is already chosen."""
    field = form.fields["police_organisation"]
    choices = list(field.queryset[:2])  # type: ignore[attr-defined]
    if len(choices) == 1 and not form.is_bound:
        form.initial.setdefault("police_organisation", choices[0])
