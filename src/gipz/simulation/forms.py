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
    road = presets.RoadRule()
    delays = presets.DEFAULT_DELAYS
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
        "travel_within": road.within_minutes,
        "travel_detour": road.detour,
        "travel_speed": road.speed_kmh,
        "triage_minutes": delays["triage_minutes"],
        "escort_wait_minutes": delays["escort_wait_minutes"],
        "no_contact_percent": delays["no_contact_share"] * 100,
        "no_contact_minutes": delays["no_contact_minutes"],
        "planned_hour": delays["planned_hour"],
        "shift_handover_minutes": delays["shift_handover_minutes"],
        "police_alone_minutes": delays["police_alone_minutes"],
        "min_teams_per_base": delays["min_teams_per_base"],
        "long_mean_minutes": 240.0,
        "long_sd_minutes": 120.0,
    }
    for step in presets.DEFAULT_FUNNEL:
        data[f"funnel_{step['code']}"] = round(step["share"] * 100, 1)
    norms = {t["urgency"]: t["min_share"] * 100 for t in presets.DEFAULT_TARGETS}
    for u in presets.DEFAULT_URGENCIES:
        code = u["code"]
        data[f"{code}_share"] = u["share"] * 100
        data[f"{code}_target"] = float(u["target_minutes"])
        data[f"{code}_scene_mean"] = float(u["on_scene_mean_minutes"])
        data[f"{code}_scene_sd"] = float(u["on_scene_sd_minutes"])
        data[f"{code}_police"] = u["police_on_scene_share"] * 100
        data[f"{code}_norm"] = norms.get(code)
        data[f"{code}_escort"] = u.get("escort_share", 0.0) * 100
        data[f"{code}_long"] = u.get("long_share", 0.0) * 100
        data[f"{code}_planned"] = bool(u.get("planned_next_day", False))
    for shift, start, hours in SHIFTS:
        data[f"shift_{shift}_start"] = start
        data[f"shift_{shift}_hours"] = hours
        data[f"shift_{shift}_turnout"] = presets.DEFAULT_TURNOUT.get(shift, 0.0)
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
        label=_("Groei per jaar vanaf 2021 (%)"), min_value=-50, max_value=100, required=False,
        help_text=_("Een eigen keuze: de contacten met crisisdiensten daalden 2016–2021, de E33-registraties "
                    "stegen. 0 houdt de vraag op het niveau van 2021."),
    )  # fmt: skip
    funnel_needs_crisis_service = forms.FloatField(
        label=_("Registraties die de crisisdienst nodig hebben (%)"), min_value=0.1, max_value=100,
        help_text=_("Bereik 35 tot 70 procent. Aanname; de drie stappen samen geven het gepubliceerde aantal "
                    "crisiscontacten (47.492 in 2021)."),
    )  # fmt: skip
    funnel_not_resolved_by_phone = forms.FloatField(
        label=_("Niet telefonisch afgehandeld (%)"), min_value=0.1, max_value=100,
        help_text=_("Bereik 60 tot 90 procent; Trimbos-instituut, monitor GGz-triagewijzer (2018)."),
    )  # fmt: skip
    funnel_seen_in_person = forms.FloatField(
        label=_("Daarna persoonlijk gezien (%)"), min_value=0.1, max_value=100,
        help_text=_("Bereik 70 tot 95 procent; GGNet-crisisdienst 2023: 82 procent ter plaatse of thuis gezien."),
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
    travel_within = _minutes(_("Vaste rijtijd: vertrek, binnen de gemeente, adres vinden (min)"), high=120)
    travel_detour = forms.FloatField(
        label=_("Omrijfactor (weg ÷ hemelsbreed)"), min_value=1, max_value=3,
        help_text=_("Afstanden tussen de centra van de gemeenten (GeoNames); 1,3 is gebruikelijk in Nederland."),
    )  # fmt: skip
    travel_speed = forms.FloatField(label=_("Gemiddelde snelheid (km/u)"), min_value=10, max_value=130)
    triage_minutes = _minutes(_("Telefonische triage voordat een team gaat (min)"), high=240)
    escort_wait_minutes = _minutes(_("Wachten op politiebegeleiding, gemiddeld (min)"), high=240)
    no_contact_percent = _percent(_("Bezoeken zonder contact (%)"))
    no_contact_minutes = _minutes(_("Duur van een bezoek zonder contact (min)"), high=240)
    planned_hour = forms.IntegerField(label=_("Gepland werk begint om (uur)"), min_value=0, max_value=23)
    long_mean_minutes = _minutes(_("Lange casus (bijv. Wvggz), tijd ter plaatse gemiddeld (min)"), low=1)
    long_sd_minutes = _minutes(_("Lange casus, spreiding (min)"))
    shift_handover_minutes = _minutes(_("Dienstoverdracht per team per dienst (min, betaald)"), high=120)
    police_alone_minutes = _minutes(_("Tijd van de politie per melding zonder crisisteam (min)"), high=24 * 60)
    min_teams_per_base = forms.IntegerField(
        label=_("Dekking: teams per standplaats in elke dienst, minimaal"), min_value=0, max_value=10,
        help_text=_("De zoektocht naar de kleinste bezetting gaat hier niet onder."),
    )  # fmt: skip

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
            self.fields[f"{code}_escort"] = _percent(
                _("%(code)s: team wacht op politiebegeleiding (%%)") % {"code": code}
            )
            self.fields[f"{code}_long"] = _percent(_("%(code)s: lange casus (%%)") % {"code": code})
            self.fields[f"{code}_planned"] = forms.BooleanField(
                label=_("%(code)s: gepland als werk voor de volgende dag") % {"code": code}, required=False
            )
        for shift, _start, _hours in SHIFTS:
            self.fields[f"shift_{shift}_start"] = forms.IntegerField(
                label=_("Dienst %(shift)s: begint om (uur)") % {"shift": shift}, min_value=0, max_value=23
            )
            self.fields[f"shift_{shift}_hours"] = forms.IntegerField(
                label=_("Dienst %(shift)s: duur (uren)") % {"shift": shift}, min_value=1, max_value=24
            )
            self.fields[f"shift_{shift}_turnout"] = _minutes(
                _("Dienst %(shift)s: uitruktijd (min)") % {"shift": shift}, high=240
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
            (
                _("Vraag: van registratie naar bezoek"),
                pick("funnel_needs_crisis_service", "funnel_not_resolved_by_phone", "funnel_seen_in_person"),
            ),
            (
                _("Wat een team ophoudt"),
                pick(
                    "triage_minutes",
                    "escort_wait_minutes",
                    "no_contact_percent",
                    "no_contact_minutes",
                    "long_mean_minutes",
                    "long_sd_minutes",
                    "planned_hour",
                ),
            ),
            (_("Rijtijden (aanname)"), pick("travel_within", "travel_detour", "travel_speed")),
            (_("Politie en overdracht"), pick("handover_minutes", "police_officers_per_call", "police_alone_minutes")),
            (
                _("Personeel en fte"),
                pick(
                    "team_size",
                    "fte_hours_per_week",
                    "productive_percent",
                    "shift_handover_minutes",
                    "min_teams_per_base",
                ),
            ),
        ]
        return groups

    def urgency_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        parts = ("share", "target", "scene_mean", "scene_sd", "police", "norm", "escort", "long", "planned")
        return [(code, [self[f"{code}_{p}"] for p in parts]) for code in URGENCY_CODES]

    def shift_rows(
        self,
    ) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField, list[forms.BoundField]]]:
        return [
            (
                shift,
                self[f"shift_{shift}_start"],
                self[f"shift_{shift}_hours"],
                self[f"shift_{shift}_turnout"],
                [self[f"teams_{shift}_{base_key(base)}"] for base, _code in BASES],
            )
            for shift, _start, _hours in SHIFTS
        ]
