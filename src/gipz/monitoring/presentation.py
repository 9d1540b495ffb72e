"""Turning a factsheet dict into what the HTML and PDF pages show: sentences a council member reads, and charts
(server-rendered SVG, each with its numbers as a table). Suppressed values are shown as '< 5', never as zero."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gipz.core.charts import Bar, bar_chart
from gipz.core.pdf import html_to_pdf
from gipz.geo.models import Municipality
from gipz.monitoring.comparison import comparison
from gipz.monitoring.factsheet import build_factsheet, build_region_sheet

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
            {_(TENSION_LABELS[key]): value for key, value in sheet["tensions"].items()},
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
    if ind["share_triage_agrees_with_police"] is not None:
        lines.append(
            _(
                "De crisisdienst stelde bij %(n)s meldingen zelf de urgentie vast; %(p)s van de keren was die gelijk "
                "aan het advies van de politie."
            )
            % {
                "n": count_text(ind["urgency_triaged"], threshold),
                "p": pct_text(ind["share_triage_agrees_with_police"]),
            }
        )
    preventive = ind["preventive_requests"]
    if preventive["requests"]:
        lines.append(
            _("Zorg vroeg de politie %(n)s keer om aanwezig te zijn bij een gepland moment, zoals een huisuitzetting.")
            % {"n": count_text(preventive["requests"], threshold)}
        )
    unsafe = ind["unsafe_situations"]
    if unsafe["reports"]:
        text = _("Zorgmedewerkers meldden %(n)s onveilige situaties.") % {"n": count_text(unsafe["reports"], threshold)}
        if unsafe["share_responded_in_time"] is not None:
            text += " " + _("De politie reageerde %(p)s van de keren binnen de afgesproken tijd.") % {
                "p": pct_text(unsafe["share_responded_in_time"])
            }
        lines.append(text)
    if sheet["e33_baseline"]:
        last_year = max(sheet["e33_baseline"])
        lines.append(
            _("Ter vergelijking: in %(y)s registreerde de politie %(n)s keer 'verward gedrag' (E33) in deze gemeente.")
            % {"y": last_year, "n": count_text(sheet["e33_baseline"][last_year], threshold)}
        )
    return lines


def number(value: float | None, digits: int) -> str:
    return "—" if value is None else number_format(value, digits, force_grouping=True)


# --- page contexts (the views only parse the request and render; the CLI uses the same) -----------------------


def factsheet_context(municipality: Municipality, year: int) -> dict[str, Any]:
    sheet = build_factsheet(municipality=municipality, year=year)
    threshold = sheet["suppression_threshold"]
    tensions = [
        (TENSION_LABELS[key], sheet["tension_definitions"][key], pct_text(value, too_few=True))
        for key, value in sheet["tensions"].items()
    ]  # fmt: skip
    this_year = timezone.localdate().year
    return {
        "sheet": sheet,
        "municipality": municipality,
        "summary": summary(sheet),
        "charts": charts(sheet),
        "tensions": tensions,
        "threshold": threshold,
        "years": range(this_year, this_year - 5, -1),
    }


def factsheet_html(municipality: Municipality, year: int) -> str:
    """The stand-alone (print) page: what the PDF and `gipz factsheet --format html` contain."""
    return render_to_string("monitoring/factsheet_pdf.html", factsheet_context(municipality, year))


def factsheet_pdf(municipality: Municipality, year: int) -> bytes:
    return html_to_pdf(factsheet_html(municipality, year), site_css=True)


COLUMN_LABELS = {
    "name": _("Gemeente"),
    "population": _("Inwoners"),
    "situations": _("Meldingen"),
    "per_1000": _("Per 1.000 inwoners"),
    "share_without_offence": _("Zonder strafbaar feit"),
    "wait_median": _("Wachttijd politie (mediaan, min.)"),
    "u2_on_time": _("U2 op tijd"),
    "e33_per_1000": _("E33 per 1.000 (2017)"),
}


def comparison_context(year: int, *, sort: str, order: str | None) -> dict[str, Any]:
    sort = sort if sort in COLUMN_LABELS else "per_1000"
    descending = (order or ("asc" if sort == "name" else "desc")) == "desc"
    rows, region = comparison(year=year, sort=sort, descending=descending)
    threshold = settings.GIPZ_SUPPRESSION_THRESHOLD
    headers = [
        {
            "key": key,
            "label": label,
            "sorted": key == sort,
            "aria": ("descending" if descending else "ascending") if key == sort else "none",
            "next": "asc" if key == sort and descending else "desc",
        }
        for key, label in COLUMN_LABELS.items()
    ]
    table = [
        (
            row,
            [
                f"≈ {number(row.population, 0)}" if row.population_estimated else number(row.population, 0),
                count_text(row.situations, threshold),
                number(row.per_1000, 2),
                pct_text(row.share_without_offence, too_few=True),
                number(row.wait_median, 0),
                pct_text(row.u2_on_time, too_few=True),
                number(row.e33_per_1000, 2),
            ],
        )
        for row in rows
    ]
    return {
        "year": year,
        "headers": headers,
        "table": table,
        "region_situations": count_text(region["situations"], threshold),
        "region_per_1000": number(region["per_1000"], 3),
        "threshold": threshold,
    }


def infographic_context(year: int) -> dict[str, Any]:
    sheet = build_region_sheet(year=year)
    threshold = sheet["suppression_threshold"]
    ind = sheet["indicators"]
    wait = ind["police_wait_minutes"]["median"]
    u2 = ind["on_site_within_target"]["U2"]
    tiles = [
        (count_text(ind["situations"], threshold), _("meldingen verward gedrag in GIPZ")),
        (pct_text(ind["share_without_offence"], too_few=True), _("zonder strafbaar feit")),
        ("—" if wait is None else _("%(m)s min") % {"m": number_format(round(wait))}, _("wachttijd politie (mediaan)")),
        (
            pct_text(u2["share_within_target"], too_few=True),
            _("U2 binnen een uur ter plaatse (norm %(n)s)") % {"n": pct_text(u2["norm"])},
        ),
        (count_text(ind["repeat_persons"], threshold), _("betrokkenen met meer dan één melding")),
    ]
    return {"sheet": sheet, "tiles": tiles, "charts": charts(sheet), "year": year, "threshold": threshold}
