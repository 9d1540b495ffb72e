"""Forms for werkafspraken: the matrix, targets, escalation contacts and the levels of 'onveilig'. They parse into
the JSON shape of `terms.Terms`; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.agreements.terms import PARTY_LABELS, SITUATION_TYPE_LABELS, Party, SituationType, Terms
from gipz.core.text import FreeTextForm
from gipz.geo.models import Municipality, SafetyRegion

PARTY_CHOICES = [(str(p), label) for p, label in PARTY_LABELS.items()]
TARGET_FIELDS = {
    "acknowledge_minutes": _("Crisisdienst bevestigt binnen (minuten)"),
    "u2_minutes": _("U2: ter plaatse binnen (minuten)"),
    "u3_minutes": _("U3: ter plaatse binnen (minuten)"),
    "u4_minutes": _("U4: ter plaatse binnen (minuten)"),
    "preventive_decision_hours": _("Politie beslist over preventieve assistentie uiterlijk (uren vóór het moment)"),
    "vpt_response_hours": _("Reactie op een melding onveilige situatie (VPT) binnen (uren)"),
}


class NewDraftForm(FreeTextForm):
    safety_region = forms.ModelChoiceField(
        label=_("Veiligheidsregio"), queryset=SafetyRegion.objects.order_by("name"), empty_label=None
    )
    municipality = forms.ModelChoiceField(
        label=_("Alleen voor gemeente (leeg: de hele regio)"),
        queryset=Municipality.objects.filter(active=True).order_by("name"),
        required=False,
    )

    def __init__(self, *args: Any, region_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if region_id is not None:
            self.fields["safety_region"].queryset = SafetyRegion.objects.filter(pk=region_id)
            in_region = Municipality.objects.filter(safety_region_id=region_id, active=True)
            self.fields["municipality"].queryset = in_region.order_by("name")


class TermsForm(FreeTextForm):
    """The matrix (one party and a note per situation type) and the target times."""

    title = forms.CharField(label=_("Titel"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for situation_type, label in SITUATION_TYPE_LABELS.items():
            self.fields[f"party_{situation_type}"] = forms.ChoiceField(label=label, choices=PARTY_CHOICES)
            self.fields[f"note_{situation_type}"] = forms.CharField(
                label=_("Toelichting bij '%(type)s'") % {"type": label}, max_length=300, required=False
            )
        for name, label in TARGET_FIELDS.items():
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=1,
                error_messages={
                    "invalid": _("Vul een heel getal in."),
                    "min_value": _("Vul een getal van 1 of meer in."),
                    "required": _("Dit veld is verplicht."),
                },
            )

    def matrix_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(label, self[f"party_{t}"], self[f"note_{t}"]) for t, label in SITUATION_TYPE_LABELS.items()]

    def target_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in TARGET_FIELDS]

    @staticmethod
    def initial_from(title: str, terms: Terms) -> dict[str, Any]:
        initial: dict[str, Any] = {"title": title}
        for situation_type in SituationType:
            responsibility = terms.responsible_for(situation_type)
            initial[f"party_{situation_type}"] = str(responsibility.party)
            initial[f"note_{situation_type}"] = responsibility.note
        for name in TARGET_FIELDS:
            initial[name] = getattr(terms.targets, name)
        return initial


class ContactForm(FreeTextForm):
    name = forms.CharField(label=_("Naam of functie"), max_length=100)
    organisation = forms.CharField(label=_("Organisatie"), max_length=100)
    phone = forms.CharField(label=_("Telefoon"), max_length=32)
    when = forms.CharField(label=_("Wanneer bellen"), max_length=200, required=False)


class UnsafeLevelForm(FreeTextForm):
    code = forms.CharField(label=_("Code"), max_length=16)
    name = forms.CharField(label=_("Naam"), max_length=100)
    description = forms.CharField(label=_("Omschrijving"), max_length=500)
    response = forms.CharField(label=_("Afgesproken reactie"), max_length=500)
    response_hours = forms.IntegerField(
        label=_("Reactie binnen (uren)"), min_value=1, error_messages={"invalid": _("Vul een heel getal in.")}
    )
    call_112 = forms.BooleanField(label=_("Bel eerst 112"), required=False)


ContactFormSet = forms.formset_factory(ContactForm, extra=2, can_delete=True)
UnsafeLevelFormSet = forms.formset_factory(UnsafeLevelForm, extra=1, can_delete=True, min_num=1, validate_min=True)


def terms_from_forms(form: TermsForm, contacts: Any, levels: Any) -> dict[str, Any]:
    """The JSON shape of Terms from the three valid forms (empty extra rows and deleted rows left out)."""
    data = form.cleaned_data

    def rows(formset: Any) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]

    return {
        "responsibilities": {str(t): {"party": data[f"party_{t}"], "note": data[f"note_{t}"]} for t in SituationType},
        "targets": {name: data[name] for name in TARGET_FIELDS},
        "contacts": rows(contacts),
        "unsafe_levels": rows(levels),
    }


def party_label(party: str) -> str:
    return str(PARTY_LABELS.get(Party(party), party))
