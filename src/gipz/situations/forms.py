"""Forms for the acute flow. They parse and validate input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.accounts.models import Organisation
from gipz.core.text import FreeTextForm
from gipz.geo.forms import MunicipalityField
from gipz.geo.models import Municipality
from gipz.geo.selectors import municipality_choices
from gipz.situations import triage
from gipz.situations.models import FollowUp, Offence, Tension, Urgency
from gipz.situations.texts import CARE_INDICATOR_LABELS

REQUEST_CRISIS_CHOICES = [
    ("", _("volg het advies")),
    ("yes", _("crisisdienst inschakelen")),
    ("no", _("crisisdienst niet inschakelen")),
]


class IntakeForm(FreeTextForm):
    municipality = MunicipalityField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        empty_label=_("— kies de gemeente —"),
        error_messages={"required": _("Kies de gemeente."), "invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    location = forms.CharField(
        label=_("Locatie"),
        max_length=200,
        error_messages={"required": _("Vul de locatie in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": _("straat en huisnummer, of plek")}),
    )
    description = forms.CharField(
        label=_("Korte omschrijving"),
        max_length=1000,
        error_messages={"required": _("Vul een korte omschrijving in.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    person_description = forms.CharField(
        label=_("Betrokkene (signalement, geen BSN)"),
        max_length=200,
        required=False,
    )
    offence = forms.ChoiceField(
        label=_("Strafbaar feit?"),
        choices=Offence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of er een strafbaar feit is (ja, nee of onduidelijk).")},
    )
    danger_to_self = forms.BooleanField(label=_("Direct gevaar voor zichzelf"), required=False)
    danger_to_others = forms.BooleanField(label=_("Direct gevaar voor anderen"), required=False)
    weapon = forms.BooleanField(label=_("Wapen aanwezig"), required=False)
    medical_emergency = forms.BooleanField(label=_("Medisch spoedgeval"), required=False)
    intoxication = forms.BooleanField(label=_("Onder invloed (alcohol, drugs)"), required=False)
    minors_present = forms.BooleanField(label=_("Minderjarigen aanwezig"), required=False)
    care_indicators = forms.MultipleChoiceField(
        label=_("Zorgsignalen en sociale factoren"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, CARE_INDICATOR_LABELS[code]) for code in triage.SIGNALS],
        error_messages={"invalid_choice": _("Onbekend zorgsignaal.")},
    )
    chosen_urgency = forms.ChoiceField(
        label=_("Andere urgentie kiezen (optioneel)"),
        required=False,
        choices=[("", _("volg het advies")), *Urgency.choices],
        error_messages={"invalid_choice": _("Kies een urgentie van U1 tot en met U5.")},
    )
    urgency_reason = forms.CharField(label=_("Reden andere urgentie"), max_length=300, required=False)
    request_crisis = forms.ChoiceField(
        label=_("Crisisdienst"),
        required=False,
        choices=REQUEST_CRISIS_CHOICES,
        error_messages={"invalid_choice": _("Maak een geldige keuze.")},
    )

    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipality_choices(organisation)  # type: ignore[attr-defined]

    def answers(self) -> triage.TriageAnswers:
        """The triage answers given so far (after is_valid()); a missing offence answer counts as 'unclear'."""
        data = self.cleaned_data
        return triage.TriageAnswers(
            offence=triage.Offence(data.get("offence") or triage.Offence.UNCLEAR),
            danger_to_self=data.get("danger_to_self", False),
            danger_to_others=data.get("danger_to_others", False),
            weapon=data.get("weapon", False),
            medical_emergency=data.get("medical_emergency", False),
            intoxication=data.get("intoxication", False),
            minors_present=data.get("minors_present", False),
            care_indicators=frozenset(data.get("care_indicators", ())),
        )

    def request_crisis_choice(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("request_crisis") or "")


class EnRouteForm(FreeTextForm):
    eta_minutes = forms.IntegerField(
        label=_("Verwachte reistijd (minuten)"),
        min_value=1,
        max_value=1440,
        error_messages={
            "required": _("Geef de verwachte reistijd in minuten."),
            "invalid": _("Geef de reistijd als een heel aantal minuten."),
            "min_value": _("De reistijd is minstens 1 minuut."),
            "max_value": _("De reistijd is hoogstens 1440 minuten."),
        },
    )


class RetriageForm(FreeTextForm):
    urgency = forms.ChoiceField(
        label=_("Urgentie na triage door de crisisdienst"),
        choices=Urgency.choices,
        error_messages={"required": _("Kies de urgentie.")},
    )
    reason = forms.CharField(
        label=_("Reden (bij een andere urgentie dan de politie koos)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HandoverForm(FreeTextForm):
    situation_text = forms.CharField(
        label=_("S — situatie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vul de S (situatie) in.")},
    )
    background = forms.CharField(
        label=_("B — achtergrond (alleen zorg)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assessment = forms.CharField(
        label=_("A — beoordeling (alleen zorg)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recommendation = forms.CharField(
        label=_("R — advies en afspraken"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vul de R (advies en afspraken) in.")},
    )


def _organisations() -> Any:
    return Organisation.objects.order_by("name")


class FollowUpForm(FreeTextForm):
    kind = forms.ChoiceField(
        label=_("Soort vervolg"),
        choices=[("", "—"), *FollowUp.Kind.choices],
        error_messages={"required": _("Kies een soort vervolg.")},
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Verantwoordelijke organisatie"),
        queryset=_organisations(),
        required=False,
        empty_label=_("— nog niemand —"),
    )
    details = forms.CharField(
        label=_("Toelichting (alleen zorg)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpUpdateForm(FreeTextForm):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUp.Status.choices)
    responsible_organisation = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=_organisations(),
        required=False,
        empty_label=_("— nog niemand —"),
    )


class CancelForm(FreeTextForm):
    reason = forms.CharField(
        label=_("Reden annulering"),
        max_length=300,
        error_messages={"required": _("Geef een reden voor het annuleren.")},
    )


class EvaluationForm(FreeTextForm):
    rating = forms.TypedChoiceField(
        label=_("Samenwerking (1–5)"),
        coerce=int,
        choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]],
        error_messages={"required": _("Geef een cijfer van 1 tot en met 5.")},
    )
    improper_call = forms.BooleanField(label=_("Oneigenlijk beroep"), required=False)
    improper_call_reason = forms.CharField(
        label=_("Toelichting oneigenlijk beroep"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tensions = forms.MultipleChoiceField(
        label=_("Welke spanningen speelden een rol?"),
        required=False,
        choices=Tension.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(label=_("Opmerking"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("improper_call") and not (data.get("improper_call_reason") or "").strip():
            self.add_error("improper_call_reason", _("Licht toe waarom het een oneigenlijk beroep was."))
        return data
