"""Forms for unsafe-situation reports. They parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.agreements.terms import UnsafeLevel
from gipz.careasks.forms import police_field, preselect_single_police
from gipz.core.forms import DATETIME_ERRORS, DATETIME_WIDGET
from gipz.core.text import FreeTextForm
from gipz.geo.forms import MunicipalityField
from gipz.unsafety.models import UnsafeReport


class UnsafeReportForm(FreeTextForm):
    police_organisation = police_field()
    municipality = MunicipalityField(label=_("Gemeente"))
    setting = forms.ChoiceField(label=_("Waar gebeurde het?"), choices=UnsafeReport.Setting.choices)
    location = forms.CharField(label=_("Locatie (instelling of adres)"), max_length=200)
    occurred_at = forms.DateTimeField(
        label=_("Wanneer gebeurde het?"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages=DATETIME_ERRORS,
    )
    description = forms.CharField(
        label=_("Wat gebeurde er? (geen BSN, geen medische details)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    severity_code = forms.ChoiceField(label=_("Niveau volgens de afspraken van de regio"), widget=forms.RadioSelect)
    request_kind = forms.ChoiceField(label=_("Wat vraagt u de politie?"), choices=UnsafeReport.RequestKind.choices)
    vpt = forms.BooleanField(
        label=_("Het slachtoffer is een medewerker die zijn werk deed (Veilige Publieke Taak)"),
        required=False,
        initial=True,
    )
    police_arrived_at = forms.DateTimeField(
        label=_("Hoe laat was de politie ter plaatse? (als u het weet)"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M"],
        required=False,
        error_messages=DATETIME_ERRORS,
    )

    def __init__(self, *args: Any, levels: tuple[UnsafeLevel, ...], acute: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        preselect_single_police(self)
        self.fields["severity_code"].choices = [
            (level.code, f"{level.code} · {level.name}: {level.description}") for level in levels
        ]
        self.fields["severity_code"].error_messages["required"] = _("Kies het niveau.")
        if acute:
            self.fields["request_kind"].initial = UnsafeReport.RequestKind.RECORD_ONLY
        else:
            del self.fields["police_arrived_at"]
            self.fields["request_kind"].choices = [
                (value, label)
                for value, label in UnsafeReport.RequestKind.choices
                if value != UnsafeReport.RequestKind.RECORD_ONLY
            ]


class RespondForm(FreeTextForm):
    response_kind = forms.ChoiceField(label=_("Reactie politie"), choices=UnsafeReport.ResponseKind.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(FreeTextForm):
    aangifte = forms.ChoiceField(label=_("Aangifte"), choices=UnsafeReport.Aangifte.choices)
    follow_up = forms.ChoiceField(label=_("Wat volgde er?"), choices=UnsafeReport.FollowUp.choices)
    note = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(FreeTextForm):
    reason = forms.CharField(label=_("Reden van intrekken"), max_length=300)
