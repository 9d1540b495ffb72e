"""Turning a factsheet dict into what the HTML and PDF pages show: sentences a council member reads, and charts
(server-rendered SVG, each with its numbers as a table). Suppressed values are shown as '< 5', never as zero."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gipz.simulation.charts import Bar, bar_chart

TENSION_LABELS = {
    "signalling": "Signalering",
    "prevention": "Preventie",
    "unsafety_in_care": "Onveiligheid in de zorg",
    "information_exchange": "Informatie-uitwisseling",
    "expertise": "Expertise",
    "mutual_expectations": "Wederzijdse verwachtingen",
}


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString | None  # None when every value is suppressed
    rows: list[tuple[str, str]]


def hidden(threshold: int) -> str:
    return _("minder dan %(n)s") % {"n": threshold}


def count_text(value: int | None, threshold: int) -> str:
    return hidden(threshold) if value is None else number_format(value, force_grouping=True)


def pct_text(value: float | None, *, too_few: bool = False) -> str:
    if value is None:
        return _("te weinig gegevens") if too_few else "—"
    return f"{number_format(round(value * 100), 0)}%"


def _counts_chart(ident: str, title: str, cells: dict[str, int | None], threshold: int) -> Chart:
    bars = [Bar(label, float(value)) for label, value in cells.items() if value is not None]
    rows = [(label, count_text(value, threshold)) for label, value in cells.items()]
    svg = (
        bar_chart(bars, ident=ident, title=title, description=", ".join(f"{a}: {b}" for a, b in rows)) if bars else None
    )
    return Chart(title, svg, rows)


def _shares_chart(ident: str, title: str, shares: dict[str, float | None], reference: float | None = None) -> Chart:
    bars = [Bar(label, value) for label, value in shares.items() if value is not None]
    rows = [(label, pct_text(value, too_few=True)) for label, value in shares.items()]
    svg = (
        bar_chart(
            bars,
            ident=ident,
            title=title,
            description=", ".join(f"{a}: {b}" for a, b in rows),
            percent=True,
            reference=reference,
            reference_label=_("norm U2 %(p)s") % {"p": pct_text(reference)} if reference is not None else "",
        )
        if bars
        else None
    )
    return Chart(title, svg, rows)


def charts(sheet: dict[str, Any]) -> list[Chart]:
    threshold = sheet["suppression_threshold"]
    ind = sheet["indicators"]
    out = []
    if sheet["e33_baseline"]:
        out.append(
            _counts_chart(
                "e33",
                _("Politieregistraties verward gedrag (E33), 2013–2017"),
                dict(sheet["e33_baseline"].items()),
                threshold,
            )
        )
    out.append(_counts_chart("urgency", _("Meldingen per urgentie"), ind["by_urgency"], threshold))
    targets = ind["on_site_within_target"]
    out.append(
        _shares_chart(
            "target",
            _("Op tijd ter plaatse (U2 binnen 1 uur, U3 binnen 4 uur)"),
            {code: t["share_within_target"] for code, t in targets.items()},
            reference=targets.get("U2", {}).get("norm"),
        )
    )
    out.append(
        _shares_chart(
            "tensions",
            _("De zes spanningen: kerncijfer per spanning"),
            {
                _(TENSION_LABELS[key]): value
                for key, value in sheet["tensions"].items()
                if key != "prevention"  # a count, shown in the text
            },
        )
    )
    return out


def summary(sheet: dict[str, Any]) -> list[str]:
    """Three to five plain sentences."""
    threshold = sheet["suppression_threshold"]
    ind = sheet["indicators"]
    name, year = sheet["municipality"]["name"], sheet["year"]
    lines = [
        _("In %(year)s legden politie en zorg in %(name)s %(n)s meldingen over verward gedrag vast in GIPZ.")
        % {"year": year, "name": name, "n": count_text(ind["situations"], threshold)}
    ]
    if ind["share_without_offence"] is not None:
        lines.append(
            _("Bij %(p)s was er geen strafbaar feit: dan is het vooral een zorgvraag.")
            % {"p": pct_text(ind["share_without_offence"])}
        )
    wait = ind["police_wait_minutes"]
    if wait["median"] is not None:
        lines.append(
            _(
                "De politie wachtte meestal %(m)s minuten tot de zorg het overnam; "
                "één op de tien keer %(p)s minuten of langer."
            )
            % {"m": number_format(round(wait["median"])), "p": number_format(round(wait["p90"]))}
        )
    u2 = ind["on_site_within_target"].get("U2", {})
    if u2.get("share_within_target") is not None:
        lines.append(
            _("Bij spoed (U2) was de crisisdienst %(p)s van de keren binnen een uur ter plaatse; de norm is %(n)s.")
            % {"p": pct_text(u2["share_within_target"]), "n": pct_text(u2["norm"])}
        )
    if sheet["e33_baseline"]:
        last_year = max(sheet["e33_baseline"])
        lines.append(
            _("Ter vergelijking: in %(y)s registreerde de politie %(n)s keer 'verward gedrag' (E33) in deze gemeente.")
            % {"y": last_year, "n": count_text(sheet["e33_baseline"][last_year], threshold)}
        )
    return lines
