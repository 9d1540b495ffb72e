"""The regional comparison: every municipality side by side, per 1,000 inhabitants, sortable.

Built from each municipality's (already suppressed) factsheet. The region total is shown too, so the municipality
counts get complementary suppression as a column: a single hidden municipality could otherwise be found by
subtracting the others from the total.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings

from gipz.geo.models import Municipality
from gipz.geo.selectors import rolled_up_into
from gipz.monitoring import rollups, selectors
from gipz.monitoring.factsheet import Precomputed, build_factsheet
from gipz.monitoring.indicators import Aggregate, suppress, suppress_total


@dataclass
class Row:
    code: str
    name: str
    population: int | None
    population_estimated: bool
    situations: int | None
    per_1000: float | None
    share_without_offence: float | None
    wait_median: float | None
    u2_on_time: float | None
    e33_per_1000: float | None

    def value(self, column: str) -> Any:
        return getattr(self, column)


COLUMNS = tuple(f.name for f in fields(Row) if f.name != "code")  # what the table can be sorted by


def comparison(*, year: int, sort: str = "per_1000", descending: bool = True) -> tuple[list[Row], dict[str, Any]]:
    threshold = settings.GIPZ_SUPPRESSION_THRESHOLD
    municipalities = list(Municipality.objects.filter(active=True).order_by("name"))
    e33 = selectors.e33_rates([m.code for m in municipalities])
    raw: dict[str, int] = {}
    rows: list[Row] = []
    # Everything in a handful of queries for all municipalities together (the monthly rollups), then one sheet
    # per municipality.
    aggregates = rollups.aggregates_for(municipality=municipalities, year=year, with_pseudonyms=False)
    # Situations recorded in a municipality since dissolved count with its successor (geo.selectors.rolled_up_into).
    earlier = rolled_up_into(municipalities)
    if earlier:
        taken_over = [m for group in earlier.values() for m in group]
        together_rows = rollups.aggregates_for(
            municipality=[m for m in municipalities if m.pk in earlier] + taken_over, year=year
        )
        for successor_id, group in earlier.items():
            combined = Aggregate()
            for pk in (successor_id, *(m.pk for m in group)):
                if pk in together_rows:
                    combined.merge(together_rows[pk])
            aggregates[successor_id] = combined
    baselines = selectors.e33_baselines([m.code for m in municipalities])
    together = selectors.collaboration_by_municipality(municipality=municipalities, year=year)
    predecessors = selectors.predecessor_names([m.code for m in municipalities], earlier)
    for municipality in municipalities:
        mine = aggregates.get(municipality.pk, Aggregate())
        sheet = build_factsheet(
            municipality=municipality,
            year=year,
            precomputed=Precomputed(
                aggregate=mine,
                e33=baselines[municipality.code],
                collaboration=together.get(municipality.pk, selectors.Collaboration()),
                predecessors=predecessors.get(municipality.code, []),
            ),
        )
        ind = sheet["indicators"]
        raw[municipality.code] = mine.situations  # unsuppressed: used only to decide what to hide
        rows.append(
            Row(
                code=municipality.code,
                name=municipality.name,
                population=municipality.population,
                population_estimated=municipality.population_estimated,
                situations=ind["situations"],
                per_1000=ind["per_1000_inhabitants"],
                share_without_offence=ind["share_without_offence"],
                wait_median=ind["police_wait_minutes"]["median"],
                u2_on_time=ind["on_site_within_target"]["U2"]["share_within_target"],
                e33_per_1000=e33.get(municipality.code),
            )
        )
    # Complementary suppression over the column, because the region total is published.
    column = suppress(raw, threshold=threshold, total_published=True)
    for row in rows:
        if column[row.code] is None:
            row.situations = None
            row.per_1000 = None
    total = sum(raw.values())
    population = sum(m.population or 0 for m in municipalities)
    region = {
        "situations": suppress_total(total, threshold=threshold),
        "population": population,
        "per_1000": round(total * 1000 / population, 4) if population and total >= threshold else None,
    }
    key = sort if sort in COLUMNS else "per_1000"
    present = [r for r in rows if r.value(key) is not None]
    missing = [r for r in rows if r.value(key) is None]  # hidden or unknown values always go last
    present.sort(key=lambda r: r.value(key), reverse=descending)
    return present + sorted(missing, key=lambda r: r.name), region
