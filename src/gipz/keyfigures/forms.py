from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.core.text import FreeTextForm
from gipz.geo.models import Municipality
from gipz.keyfigures.models import Domain, KeyFigure


class KeyFigureForm(FreeTextForm):
    domains = forms.MultipleChoiceField(
        label=_("Domeinen"), choices=Domain.choices, widget=forms.CheckboxSelectMultiple
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.filter(active=True).order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    expertise = forms.CharField(label=_("Expertise"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    phone = forms.CharField(label=_("Telefoon"), max_length=32)
    reachable_hours = forms.CharField(label=_("Bereikbaar (dagen en tijden)"), max_length=200)
    on_call = forms.BooleanField(label=_("Ook buiten kantoortijd bereikbaar (piket)"), required=False)
    active = forms.BooleanField(label=_("Zichtbaar in de lijst"), required=False, initial=True)

    @staticmethod
    def initial_from(entry: KeyFigure) -> dict[str, Any]:
        return {
            "domains": entry.domains,
            "municipalities": list(entry.municipalities.all()),
            "expertise": entry.expertise,
            "phone": entry.phone,
            "reachable_hours": entry.reachable_hours,
            "on_call": entry.on_call,
            "active": entry.active,
        }


class ConsultForm(FreeTextForm):
    key_figure = forms.ModelChoiceField(label=_("Sleutelfiguur"), queryset=KeyFigure.objects.none())
    question = forms.CharField(
        label=_("Uw vraag (alleen wat nodig is, geen BSN)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_figure"].queryset = choices


class OutcomeForm(FreeTextForm):
    outcome = forms.CharField(label=_("Uitkomst of advies"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(FreeTextForm):
    reason = forms.CharField(label=_("Reden (en wie wel kan helpen)"), max_length=1000)
