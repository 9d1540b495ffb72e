"""The scenario form: every assumption a coordinator may change, with the defaults documented in docs/simulation.md.

The cleaned data is stored as the scenario's settings (plain JSON); `parameters.build` turns it into model input.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.core.text import FreeTextForm
from gipz.simulation.core import presets
from gipz.simulation.models import Source

URGENCY_CODES = tuple(u["code"] for u in presets.DEFAULT_URGENCIES)
BASES = presets.MIDDEN_NEDERLAND_BASES
SHIFTS = presets.DEFAULT_SHIFTS


def base_key(name: str) -> str:
    return name.lower().replace(" ", "_")


def default_settings(*, name: str = "", source: str = Source.E33, year: int = 2024) -> dict[str, Any]:
    """The starting point of a new scenario: one team per shift per base and the documented assumptions."""
    rule = presets.TravelRule()
    data: dict[str, Any] = {
        "name": name,
        "source": source,
        "year": year,
        "growth_percent": 0.0,
        "days": 365,
        "seed": 1,
        "handover_minutes": 15.0,
        "police_officers_per_call": 2,
        "team_size": 2,
        "fte_hours_per_week": 36.0,
        "productive_percent": 80.0,
        "travel_same": float(rule.same_municipality),
        "travel_region": float(rule.same_region),
        "travel_other": float(rule.other_region),
    }
    norms = {t["urgency"]: t["min_share"] * 100 for t in presets.DEFAULT_TARGETS}
    for u in presets.DEFAULT_URGENCIES:
        code = u["code"]
        data[f"{code}_share"] = u["share"] * 100
        data[f"{code}_target"] = float(u["target_minutes"])
        data[f"{code}_scene_mean"] = float(u["on_scene_mean_minutes"])
        data[f"{code}_scene_sd"] = float(u["on_scene_sd_minutes"])
        data[f"{code}_police"] = u["police_on_scene_share"] * 100
        data[f"{code}_norm"] = norms.get(code)
    for shift, start, hours in SHIFTS:
        data[f"shift_{shift}_start"] = start
        data[f"shift_{shift}_hours"] = hours
        for base, _code in BASES:
            data[f"teams_{shift}_{base_key(base)}"] = 1
    return data


def _minutes(label: Any, *, low: float = 0, high: float = 24 * 60) -> forms.FloatField:
    return forms.FloatField(label=label, min_value=low, max_value=high)


def _percent(label: Any, *, required: bool = True) -> forms.FloatField:
    return forms.FloatField(label=label, min_value=0, max_value=100, required=required)


class ScenarioForm(FreeTextForm):
    name = forms.CharField(label=_("Naam van het scenario"), max_length=120)
    source = forms.ChoiceField(label=_("Aanmeldingen per gemeente uit"), choices=Source.choices)
    year = forms.IntegerField(label=_("Jaar"), min_value=2013, max_value=2040)
    growth_percent = forms.FloatField(
        label=_("Groei per jaar na 2024 (%)"), min_value=-50, max_value=100, required=False,
        help_text=_("Alleen voor jaren na het laatste bekende landelijke E33-cijfer (2024)."),
    )  # fmt: skip
    days = forms.IntegerField(label=_("Te simuleren dagen"), min_value=30, max_value=3650)
    seed = forms.IntegerField(
        label=_("Startgetal (seed)"), min_value=0, max_value=2**31,
        help_text=_("Zelfde startgetal en invoer: zelfde uitkomst."),
    )  # fmt: skip
    handover_minutes = _minutes(_("Overdracht aan de crisisdienst (min)"), high=240)
    police_officers_per_call = forms.IntegerField(label=_("Agenten per melding"), min_value=0, max_value=10)
    team_size = forms.IntegerField(label=_("Mensen per team"), min_value=1, max_value=10)
    fte_hours_per_week = forms.FloatField(label=_("Uren per fte per week"), min_value=1, max_value=60)
    productive_percent = forms.FloatField(
        label=_("Inzetbaar deel van de betaalde uren (%)"), min_value=10, max_value=100,
        help_text=_("Na verlof, scholing en ziekte."),
    )  # fmt: skip
    travel_same = _minutes(_("Rijtijd binnen de gemeente van de standplaats (min)"), high=240)
    travel_region = _minutes(_("Rijtijd binnen de eigen veiligheidsregio (min)"), high=240)
    travel_other = _minutes(_("Rijtijd naar een andere veiligheidsregio (min)"), high=240)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in URGENCY_CODES:
            self.fields[f"{code}_share"] = _percent(_("%(code)s: aandeel van de meldingen (%%)") % {"code": code})
            self.fields[f"{code}_target"] = _minutes(
                _("%(code)s: ter plaatse binnen (min)") % {"code": code}, low=1, high=7 * 24 * 60
            )
            self.fields[f"{code}_scene_mean"] = _minutes(
                _("%(code)s: tijd ter plaatse, gemiddeld (min)") % {"code": code}, low=1
            )
            self.fields[f"{code}_scene_sd"] = _minutes(
                _("%(code)s: tijd ter plaatse, spreiding (min)") % {"code": code}
            )
            self.fields[f"{code}_police"] = _percent(_("%(code)s: politie wacht ter plaatse (%%)") % {"code": code})
            self.fields[f"{code}_norm"] = _percent(
                _("%(code)s: norm, minimaal aandeel op tijd (%%)") % {"code": code}, required=False
            )
        for shift, _start, _hours in SHIFTS:
            self.fields[f"shift_{shift}_start"] = forms.IntegerField(
                label=_("Dienst %(shift)s: begint om (uur)") % {"shift": shift}, min_value=0, max_value=23
            )
            self.fields[f"shift_{shift}_hours"] = forms.IntegerField(
                label=_("Dienst %(shift)s: duur (uren)") % {"shift": shift}, min_value=1, max_value=24
            )
            for base, _code in BASES:
                self.fields[f"teams_{shift}_{base_key(base)}"] = forms.IntegerField(
                    label=_("Teams %(shift)s in %(base)s") % {"shift": shift, "base": base}, min_value=0, max_value=50
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        shares = [data.get(f"{code}_share") for code in URGENCY_CODES]
        if all(s is not None for s in shares) and abs(sum(shares) - 100) > 0.5:  # type: ignore[arg-type]
            self.add_error(
                None,
                _("De aandelen per urgentie moeten samen 100%% zijn (nu %(total).1f%%).") % {"total": sum(shares)},  # type: ignore[arg-type]
            )
        if data.get("growth_percent") is None:
            data["growth_percent"] = 0.0
        return data

    @property
    def bases(self) -> list[str]:
        return [base for base, _code in BASES]

    # Grouped for the template: (legend, [bound fields]).
    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        def pick(*names: str) -> list[forms.BoundField]:
            return [self[n] for n in names]

        groups: list[tuple[Any, list[forms.BoundField]]] = [
            (_("Scenario"), pick("name", "source", "year", "growth_percent", "days", "seed")),
            (_("Rijtijden (aanname)"), pick("travel_same", "travel_region", "travel_other")),
            (_("Politie en overdracht"), pick("handover_minutes", "police_officers_per_call")),
            (_("Personeel en fte"), pick("team_size", "fte_hours_per_week", "productive_percent")),
        ]
        return groups

    def urgency_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        parts = ("share", "target", "scene_mean", "scene_sd", "police", "norm")
        return [(code, [self[f"{code}_{p}"] for p in parts]) for code in URGENCY_CODES]

    def shift_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField, list[forms.BoundField]]]:
        return [
            (
                shift,
                self[f"shift_{shift}_start"],
                self[f"shift_{shift}_hours"],
                [self[f"teams_{shift}_{base_key(base)}"] for base, _code in BASES],
            )
            for shift, _start, _hours in SHIFTS
        ]
