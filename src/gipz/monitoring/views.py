"""Factsheet pages: aggregates only (suppressed), for every logged-in professional."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.geo.models import Municipality
from gipz.monitoring.comparison import COLUMNS, comparison
from gipz.monitoring.factsheet import build_factsheet, build_region_sheet
from gipz.monitoring.presentation import TENSION_LABELS, charts, count_text, pct_text, summary
from gipz.situations.views.common import actor_required


def factsheet_context(code: str, year: int) -> dict[str, Any]:
    municipality = Municipality.objects.filter(code=code.upper()).first()
    if municipality is None or not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    sheet = build_factsheet(municipality=municipality, year=year)
    threshold = sheet["suppression_threshold"]
    tensions = [
        (TENSION_LABELS[key], sheet["tension_definitions"][key],
         count_text(value, threshold) if key == "prevention" else pct_text(value, too_few=True))
        for key, value in sheet["tensions"].items()
    ]  # fmt: skip
    return {
        "sheet": sheet,
        "municipality": municipality,
        "summary": summary(sheet),
        "charts": charts(sheet),
        "tensions": tensions,
        "threshold": threshold,
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
    }


@actor_required
def factsheet_index(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Every municipality, grouped by safety region, linking to this year's factsheet."""
    municipalities = (
        Municipality.objects.filter(active=True).select_related("safety_region").order_by("safety_region__name", "name")
    )
    return render(
        request, "monitoring/index.html", {"municipalities": municipalities, "year": timezone.localdate().year}
    )


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


@actor_required
def comparison_page(request: HttpRequest, actor: Actor, year: int) -> HttpResponse:
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    sort = request.GET.get("sort", "per_1000")
    sort = sort if sort in COLUMNS else "per_1000"
    descending = request.GET.get("order", "desc" if sort != "name" else "asc") == "desc"
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
                _num(row.population, 0),
                count_text(row.situations, threshold),
                _num(row.per_1000, 2),
                pct_text(row.share_without_offence, too_few=True),
                _num(row.wait_median, 0),
                pct_text(row.u2_on_time, too_few=True),
                _num(row.e33_per_1000, 2),
            ],
        )
        for row in rows
    ]
    return render(
        request,
        "monitoring/comparison.html",
        {
            "year": year,
            "headers": headers,
            "table": table,
            "region_situations": count_text(region["situations"], threshold),
            "region_per_1000": _num(region["per_1000"], 3),
            "threshold": threshold,
        },
    )


def _num(value: float | None, digits: int) -> str:
    return "—" if value is None else number_format(value, digits, force_grouping=True)


@actor_required
def infographic_page(request: HttpRequest, actor: Actor, year: int) -> HttpResponse:
    """The region at a glance: a few big figures, the E33 trend, the urgency mix, response times and the tensions."""
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
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
    return render(
        request,
        "monitoring/infographic.html",
        {"sheet": sheet, "tiles": tiles, "charts": charts(sheet), "year": year, "threshold": threshold},
    )


@actor_required
def factsheet_page(request: HttpRequest, actor: Actor, code: str, year: int) -> HttpResponse:
    return render(request, "monitoring/factsheet.html", factsheet_context(code, year))


def factsheet_pdf_bytes(code: str, year: int) -> bytes:
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    html = render_to_string("monitoring/factsheet_pdf.html", factsheet_context(code, year))
    css_path = finders.find("gipz/gipz.css")
    sheets = [CSS(filename=css_path)] if css_path else []
    return HTML(string=html).write_pdf(stylesheets=sheets)  # type: ignore[no-any-return]


@actor_required
def factsheet_pdf(request: HttpRequest, actor: Actor, code: str, year: int) -> HttpResponse:
    response = HttpResponse(factsheet_pdf_bytes(code, year), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="factsheet-{code.upper()}-{year}.pdf"'
    return response
