"""Incremental monthly rollups for the factsheets and the comparison.

Every change to a situation (its timeline, person, information requests, evaluations) marks its (municipality,
month) dirty in the same transaction (`mark_dirty`). The worker recomputes dirty months from the raw rows
(`refresh_dirty`, every minute) under a row lock on the marker, so two workers never write one month at once and a
change that lands during a recompute leaves its marker behind. Readers (`aggregates_for`) add up the stored months
and compute any still-dirty month from the raw rows: the answer always equals a from-scratch computation (tested).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gipz.monitoring.indicators import Aggregate, Summary, summarise
from gipz.monitoring.models import MonthlyRollup, RollupDirty, YearRollup
from gipz.monitoring.selectors import Area, situation_rows, year_bounds

Cell = tuple[int, date]  # (municipality id, first day of the local month)


def month_of(moment: datetime | date) -> date:
    day = moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date() if isinstance(moment, datetime) else moment
    return day.replace(day=1)


def _next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def mark_dirty(*, municipality_id: int, created_at: datetime) -> None:
    """Call in the transaction that changes something about a situation created at `created_at`. A plain insert:
    it waits for no other transaction (models.RollupDirty)."""
    RollupDirty.objects.create(municipality_id=municipality_id, day=month_of(created_at), marked_at=timezone.now())


def _day_q(cells: list[Cell]) -> Q:
    zone = ZoneInfo(settings.TIME_ZONE)
    where = Q(pk__in=[])
    for municipality_id, day in cells:
        start = datetime(day.year, day.month, 1, tzinfo=zone)
        end = datetime.combine(_next_month(day), datetime.min.time(), tzinfo=zone)
        where |= Q(municipality_id=municipality_id, created_at__gte=start, created_at__lt=end)
    return where


def raw_cells(cells: list[Cell]) -> dict[Cell, Aggregate]:
    """Stale months from the raw rows. A few: one query for exactly those months. Many (after an upgrade, or a
    worker that is behind): one query per year for those municipalities, keeping the stale months, so it never
    costs more than computing the year from scratch."""
    out: dict[Cell, Aggregate] = {cell: Aggregate() for cell in cells}
    if len(cells) <= 50:
        for municipality_id, day, record in situation_rows(_day_q(cells)):
            out[(municipality_id, month_of(day))].add(record)
        return out
    by_year: dict[int, set[int]] = defaultdict(set)
    for municipality_id, month in cells:
        by_year[month.year].add(municipality_id)
    for year, municipality_ids in by_year.items():
        start, end = year_bounds(year)
        where = Q(municipality_id__in=municipality_ids, created_at__gte=start, created_at__lt=end)
        for municipality_id, day, record in situation_rows(where):
            cell = (municipality_id, month_of(day))
            if cell in out:
                out[cell].add(record)
    return out


def _store(cells: dict[Cell, Aggregate], now: datetime) -> None:
    MonthlyRollup.objects.bulk_create(
        [MonthlyRollup(municipality_id=m, day=d, data=agg.to_json(), computed_at=now) for (m, d), agg in cells.items()],
        update_conflicts=True,
        unique_fields=["municipality", "day"],
        update_fields=["data", "computed_at"],
        batch_size=500,
    )


def _store_years(keys: set[tuple[int, int]], now: datetime) -> None:
    """Re-merge the years these months belong to. The year rows are locked first (in a fixed order), so two workers
    refreshing different months of one year take turns and the second sees the first one's month."""
    if not keys:
        return
    ordered = sorted(keys)
    YearRollup.objects.bulk_create(
        [YearRollup(municipality_id=m, year=y, data={}, computed_at=now) for m, y in ordered], ignore_conflicts=True
    )
    where = Q(pk__in=[])
    for municipality_id, year in ordered:
        where |= Q(municipality_id=municipality_id, year=year)
    rows = {(r.municipality_id, r.year): r for r in YearRollup.objects.select_for_update().filter(where).order_by("pk")}
    merged: dict[tuple[int, int], Aggregate] = {key: Aggregate() for key in ordered}
    months = Q(pk__in=[])
    for municipality_id, year in ordered:
        months |= Q(municipality_id=municipality_id, day__gte=date(year, 1, 1), day__lt=date(year + 1, 1, 1))
    for municipality_id, day, data in MonthlyRollup.objects.filter(months).values_list(
        "municipality_id", "day", "data"
    ):
        merged[(municipality_id, day.year)].merge(Aggregate.from_json(data))
    for key, total in merged.items():
        row = rows[key]
        data = total.to_json()
        row.pseudonyms = data.pop("pseudonyms")
        row.histograms = {"waits": data.pop("waits"), "on_site": data.pop("on_site")}
        row.summary = summarise(total).to_json()
        row.data, row.computed_at = data, now
    YearRollup.objects.bulk_update(rows.values(), ["data", "histograms", "pseudonyms", "summary", "computed_at"])


def refresh_dirty(*, limit: int = 5000) -> int:
    """Recompute the months of up to `limit` markers; returns how many markers it settled. Safe to run in several
    workers at once."""
    with transaction.atomic():
        markers = list(RollupDirty.objects.select_for_update(skip_locked=True).order_by("marked_at")[:limit])
        if not markers:
            return 0
        cells = sorted({(m.municipality_id, m.day) for m in markers})
        now = timezone.now()
        _store(raw_cells(cells), now)
        for start in range(0, len(cells), 100):
            _store_years({(m, d.year) for m, d in cells[start : start + 100]}, now)
        RollupDirty.objects.filter(pk__in=[m.pk for m in markers]).delete()
    return len(markers)


def rebuild(*, year: int | None = None) -> int:
    """Recompute every month (of one year) from the raw rows, after a bulk import; returns the number of cells."""
    from gipz.situations.models import Situation

    zone = ZoneInfo(settings.TIME_ZONE)
    years = [year] if year else sorted({d.year for d in Situation.objects.datetimes("created_at", "year", tzinfo=zone)})
    written = 0
    for y in years:
        start, end = year_bounds(y)
        with transaction.atomic():
            cells: dict[Cell, Aggregate] = defaultdict(Aggregate)
            for municipality_id, day, record in situation_rows(Q(created_at__gte=start, created_at__lt=end)):
                cells[(municipality_id, month_of(day))].add(record)
            MonthlyRollup.objects.filter(day__gte=start.date(), day__lt=end.date()).delete()
            RollupDirty.objects.filter(day__gte=start.date(), day__lt=end.date()).delete()
            YearRollup.objects.filter(year=y).delete()
            now = timezone.now()
            _store(dict(cells), now)
            keys = sorted({(m, y) for m, _d in cells})
            for first in range(0, len(keys), 100):
                _store_years(set(keys[first : first + 100]), now)
            written += len(cells)
    return written


def aggregates_for(*, municipality: Area, year: int, with_pseudonyms: bool = True) -> dict[int, Aggregate]:
    """Per municipality id: the year's summary from the stored rollups, with stale months computed from the raw
    rows — always equal to a from-scratch computation. A municipality with no stale month is read from its year
    row; with `with_pseudonyms=False` (one municipality's page) its stored summary stands in for the pseudonyms
    and histograms, which a region needs to count a person once and to take percentiles across municipalities."""
    ids = [m.pk for m in municipality] if isinstance(municipality, list) else [municipality.pk]
    start, end = year_bounds(year)
    dirty = list(
        RollupDirty.objects.filter(municipality_id__in=ids, day__gte=start.date(), day__lt=end.date())
        .values_list("municipality_id", "day")
        .distinct()
    )
    stale = {municipality_id for municipality_id, _day in dirty}
    out: dict[int, Aggregate] = defaultdict(Aggregate)
    fields = ["municipality_id", "data"] + (["histograms", "pseudonyms"] if with_pseudonyms else ["summary"])
    clean = [i for i in ids if i not in stale]
    for row in YearRollup.objects.filter(municipality_id__in=clean, year=year).values_list(*fields):
        if with_pseudonyms:
            year_total = Aggregate.from_json({**row[1], **row[2], "pseudonyms": row[3]})
        else:
            year_total = Aggregate.from_json(row[1])
            year_total.summary = Summary.from_json(row[2])
        out[row[0]] = year_total
    skip = set(dirty)
    for municipality_id, day, data in MonthlyRollup.objects.filter(
        municipality_id__in=stale, day__gte=start.date(), day__lt=end.date()
    ).values_list("municipality_id", "day", "data"):
        if (municipality_id, day) not in skip:
            out[municipality_id].merge(Aggregate.from_json(data))
    for (municipality_id, _day), agg in raw_cells(dirty).items():
        out[municipality_id].merge(agg)
    return dict(out)


def aggregate_for(*, municipality: Area, year: int, with_pseudonyms: bool = True) -> Aggregate:
    """One municipality, or a region added up (which always needs the pseudonyms)."""
    region = isinstance(municipality, list)
    found = aggregates_for(municipality=municipality, year=year, with_pseudonyms=with_pseudonyms or region)
    if len(found) == 1:
        return next(iter(found.values()))
    total = Aggregate()
    for agg in found.values():
        total.merge(agg)
    return total
