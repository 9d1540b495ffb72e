"""Monitoring pages: aggregates only (suppressed), for every logged-in professional. Thin: parse, 404, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.accounts.views import actor_required
from gipz.core.dbrouter import reads_from_replica
from gipz.geo.models import Municipality
from gipz.monitoring import presentation


def _year(year: int) -> int:
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def _municipality(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code.upper()).first()
    if municipality is None:
        raise Http404
    return municipality


@actor_required
@reads_from_replica
def factsheet_index(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Every municipality, grouped by safety region, linking to this year's factsheet."""
    municipalities = (
        Municipality.objects.filter(active=True).select_related("safety_region").order_by("safety_region__name", "name")
    )
    return render(
        request, "monitoring/index.html", {"municipalities": municipalities, "year": timezone.localdate().year}
    )


@actor_required
@reads_from_replica
def comparison_page(request: HttpRequest, actor: Actor, year: int) -> HttpResponse:
    context = presentation.comparison_context(
        _year(year), sort=request.GET.get("sort", "per_1000"), order=request.GET.get("order")
    )
    return render(request, "monitoring/comparison.html", context)


@actor_required
@reads_from_replica
def infographic_page(request: HttpRequest, actor: Actor, year: int) -> HttpResponse:
    """The region at a glance: a few big figures, the E33 trend, the urgency mix, response times and the tensions."""
    return render(request, "monitoring/infographic.html", presentation.infographic_context(_year(year)))


@actor_required
@reads_from_replica
def factsheet_page(request: HttpRequest, actor: Actor, code: str, year: int) -> HttpResponse:
    context = presentation.factsheet_context(_municipality(code), _year(year))
    return render(request, "monitoring/factsheet.html", context)


@actor_required
@reads_from_replica
def factsheet_pdf(request: HttpRequest, actor: Actor, code: str, year: int) -> HttpResponse:
    municipality = _municipality(code)
    response = HttpResponse(presentation.factsheet_pdf(municipality, _year(year)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="factsheet-{municipality.code}-{year}.pdf"'
    return response
