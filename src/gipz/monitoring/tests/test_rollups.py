"""Incremental rollups equal a from-scratch computation: after every kind of change, refreshed or not."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from conftest import World, intake
from gipz.core.jobs import ensure_recurring, run_due_jobs
from gipz.monitoring.factsheet import build_factsheet
from gipz.monitoring.indicators import (
    Aggregate,
    SituationRecord,
    aggregate,
    from_aggregate,
    histogram_percentile,
    percentile,
)
from gipz.monitoring.models import MonthlyRollup, RollupDirty
from gipz.monitoring.rollups import aggregates_for, rebuild, refresh_dirty
from gipz.monitoring.selectors import raw_aggregates
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person
from gipz.situations import services


def _same(world: World, year: int) -> None:
    municipalities = [world.utrecht, world.amersfoort]
    assert aggregates_for(municipality=municipalities, year=year) == raw_aggregates(
        municipality=municipalities, year=year
    )


def _story(world: World) -> None:
    """Every kind of change the indicators see: intake, response, handover, follow-up, person, information
    request and answer, close and evaluation with tensions and an improper call."""
    situation, _person = situation_with_person(world)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    services.situation_on_site(actor=world.crisis_actor, situation_id=situation.pk)
    services.handover_submit(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        situation_text="S",
        background="",
        assessment="",
        recommendation="R",
    )
    services.handover_confirm_police(actor=world.police_actor, situation_id=situation.pk)
    answer_partly(world, ask(world, situation))
    services.follow_up_add(
        actor=world.crisis_actor, situation_id=situation.pk, kind="gp", responsible_organisation=world.care
    )
    services.situation_close(actor=world.crisis_actor, situation_id=situation.pk)
    services.evaluation_submit(
        actor=world.police_actor,
        situation_id=situation.pk,
        rating=2,
        improper_call=True,
        improper_call_reason="Geen zorgvraag.",
        tensions=["expertise", "unsafety_in_care"],
    )
    intake(world, municipality=world.amersfoort, danger_to_self=True)
    intake(world, care_indicators=frozenset())  # U5, referred


def test_rollups_equal_a_from_scratch_computation_at_every_step(world: World) -> None:
    year = timezone.localdate().year
    _same(world, year)  # nothing yet
    _story(world)
    assert RollupDirty.objects.exists()
    _same(world, year)  # stale months are read raw
    assert refresh_dirty() >= 1 and not RollupDirty.objects.exists()
    _same(world, year)  # everything from the stored months
    assert MonthlyRollup.objects.exists()
    # A later change marks its month again; the reader stays exact before and after the refresh.
    situation = intake(world)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    _same(world, year)
    refresh_dirty()
    _same(world, year)
    # A full rebuild gives the same months.
    stored = dict(MonthlyRollup.objects.values_list("municipality_id", "data"))
    assert rebuild(year=year) >= 2
    assert dict(MonthlyRollup.objects.values_list("municipality_id", "data")) == stored


def test_the_factsheet_is_the_same_from_rollups_and_from_raw_rows(world: World) -> None:
    year = timezone.localdate().year
    _story(world)
    before = build_factsheet(municipality=world.utrecht, year=year)
    refresh_dirty()
    after = build_factsheet(municipality=world.utrecht, year=year)
    for sheet in (before, after):
        sheet.pop("generated_at")
    assert before == after
    assert after["indicators"]["information_requests"]["partly_shared"] is None  # 1: suppressed


def test_the_worker_refreshes_every_minute_and_the_command_rebuilds(world: World) -> None:
    intake(world)
    later = timezone.now() + timedelta(minutes=2)
    ensure_recurring(now=later)  # what every worker does when it starts and on each pass
    run_due_jobs(now=later)
    assert not RollupDirty.objects.exists() and MonthlyRollup.objects.count() == 1
    out = StringIO()
    call_command("rollups", "rebuild", stdout=out)
    assert "1 municipality-months rebuilt" in out.getvalue()
    intake(world)
    call_command("rollups", "refresh", stdout=out)
    assert "1 stale municipality-months refreshed" in out.getvalue()


def test_aggregates_add_up_and_round_trip_through_json() -> None:
    a = [SituationRecord("U2", "no", True, 30, 20, ("gp",), "p1", True, ("expertise",), 1, ("shared",))]
    b = [
        SituationRecord("U2", "yes", True, 90, 70, (), "p1", None),
        SituationRecord("U3", "no", False, None, None, (), "p2", False, (), 2, ("open", "refused")),
    ]
    total = aggregate(a) + aggregate(b)
    assert total == aggregate(a + b)
    assert Aggregate.from_json(total.to_json()) == total
    merged = aggregate(a)
    merged.merge(aggregate(b))
    assert merged == total
    ind = from_aggregate(total)
    assert (ind.situations, ind.repeat_persons, ind.persons, ind.evaluated, ind.improper_calls) == (3, 1, 2, 2, 1)
    assert ind.on_target["U2"]["responded"] == 2 and ind.on_target["U2"]["within"] == 1  # 20 ≤ 60 < 70
    assert total.requests == Counter({"shared": 1, "open": 1, "refused": 1})


def test_histogram_percentiles_match_the_raw_nearest_rank() -> None:
    values = [5, 7, 7, 12, 40, 41, 41, 41, 90, 300, 301]
    histogram = Counter(values)
    for p in (0.1, 0.25, 0.5, 0.9, 1.0):
        assert histogram_percentile(histogram, p) == percentile(values, p)
    assert histogram_percentile(Counter(), 0.5) is None


def test_situations_from_before_the_rollups_are_marked_stale_by_the_migration(world: World) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("gipz.monitoring.migrations.0004_mark_existing_months_stale")
    intake(world)
    intake(world, municipality=world.amersfoort)
    RollupDirty.objects.all().delete()  # as if they were made before this release
    migration.mark_existing_months_stale(apps, None)
    assert RollupDirty.objects.count() == 2
    _same(world, timezone.localdate().year)


def test_many_stale_months_are_read_per_year_with_the_same_result(world: World) -> None:
    from gipz.monitoring.rollups import raw_cells

    now = timezone.now()
    for months_back in range(0, 60, 1):  # sixty months: more than the one-query-per-month limit
        intake(world, now=now - timedelta(days=30 * months_back))
    cells = list(RollupDirty.objects.values_list("municipality_id", "day"))
    assert len(cells) > 50
    few = {}
    for cell in cells:
        few.update(raw_cells([cell]))  # one month at a time: the exact months
    assert raw_cells(cells) == few


def test_a_stored_summary_gives_the_same_indicators_and_cannot_be_added_to() -> None:
    import pytest

    from gipz.monitoring.indicators import Summary, summarise

    records = [
        SituationRecord("U2", "no", True, 30, 20, (), "p1", True),
        SituationRecord("U2", "yes", True, 90, 70, (), "p1", None),
        SituationRecord("U3", "no", True, 200, 250, (), "p2", False),
    ]
    full = aggregate(records)
    read = Aggregate.from_json({**full.to_json(), "waits": [], "on_site": {}, "pseudonyms": {}})
    read.summary = Summary.from_json(summarise(full).to_json())
    assert from_aggregate(read) == from_aggregate(full)
    with pytest.raises(ValueError):
        read.merge(full)
