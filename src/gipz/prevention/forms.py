"""Forms for preventive requests. They parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.accounts.models import Organisation, Team
from gipz.careasks.forms import police_field, preselect_single_police
from gipz.core.forms import DATETIME_ERRORS, DATETIME_WIDGET
from gipz.core.text import FreeTextForm
from gipz.geo.forms import MunicipalityField
from gipz.prevention.models import PreventiveRequest, RiskAnswer


class PreventiveRequestForm(FreeTextForm):
    police_organisation = police_field()
    municipality = MunicipalityField(label=_("Gemeente"))
    event_kind = forms.ChoiceField(label=_("Om welk moment gaat het?"), choices=PreventiveRequest.EventKind.choices)
    event_other = forms.CharField(label=_("Anders, namelijk"), max_length=200, required=False)
    planned_at = forms.DateTimeField(
        label=_("Gepland op"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M"], error_messages=DATETIME_ERRORS
    )
    location = forms.CharField(label=_("Locatie (adres)"), max_length=200)
    description = forms.CharField(
        label=_("Wat gaat er gebeuren en waarom vraagt u de politie? (geen BSN)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    violence_history = forms.ChoiceField(
        label=_("Is er eerder geweld gebruikt?"), choices=RiskAnswer.choices, widget=forms.RadioSelect
    )
    weapons = forms.ChoiceField(label=_("Zijn er wapens bekend?"), choices=RiskAnswer.choices, widget=forms.RadioSelect)
    known_to_police = forms.ChoiceField(
        label=_("Is de betrokkene bekend bij de politie?"), choices=RiskAnswer.choices, widget=forms.RadioSelect
    )
    risk_notes = forms.CharField(
        label=_("Toelichting op de risico's"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    own_security = forms.BooleanField(label=_("Wij zetten eigen beveiliging in"), required=False)
    extra_staff = forms.BooleanField(label=_("Wij zetten extra personeel in"), required=False)
    care_measures = forms.CharField(
        label=_("Wat doet de zorg zelf om het veilig te houden?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    GROUPS = (
        (_("Het moment"), ("police_organisation", "municipality", "event_kind", "event_other", "planned_at",
                           "location", "description")),
        (_("Risicoweging"), ("violence_history", "weapons", "known_to_police", "risk_notes")),
        (_("Wat de zorg zelf doet"), ("own_security", "extra_staff", "care_measures")),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        preselect_single_police(self)
        for name in ("violence_history", "weapons", "known_to_police"):
            self.fields[name].error_messages["required"] = _("Kies ja, nee of onbekend.")

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The form in three fieldsets, as the template shows it."""
        return [(str(legend), [self[name] for name in names]) for legend, names in self.GROUPS]


class DecisionForm(FreeTextForm):
    decision = forms.ChoiceField(
        label=_("Besluit"), choices=PreventiveRequest.Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    team = forms.ModelChoiceField(label=_("Team (bij assisteren)"), queryset=Team.objects.none(), required=False)
    officers = forms.IntegerField(
        label=_("Aantal agenten (bij assisteren)"),
        min_value=1,
        max_value=50,
        required=False,
        error_messages={"invalid": _("Vul een heel getal in.")},
    )
    advised_alternative = forms.CharField(
        label=_("Geadviseerd alternatief (bij niet nodig)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    info_question = forms.CharField(
        label=_("Welke informatie ontbreekt? (bij meer informatie)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, police: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=police)


class InfoForm(FreeTextForm):
    answer = forms.CharField(
        label=_("Aanvullende informatie"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(FreeTextForm):
    reason = forms.CharField(label=_("Reden van intrekken"), max_length=300)


class OutcomeForm(FreeTextForm):
    outcome = forms.ChoiceField(label=_("Hoe ging het?"), choices=PreventiveRequest.Outcome.choices)
    note = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
