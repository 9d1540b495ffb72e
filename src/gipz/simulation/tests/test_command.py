from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

ARGS = [
    "mmc",
    "--arrival-rate",
    "6",
    "--service-mean",
    "30",
    "--servers",
    "4",
    "--wait-threshold",
    "15",
    "--horizon",
    "50000",
    "--seed",
    "3",
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("simulate", *args, stdout=out)
    return out.getvalue()


def test_mmc_json_has_the_documented_keys_and_agrees_with_erlang_c() -> None:
    data = json.loads(run(*ARGS, "--json"))
    for key in ("p_wait", "mean_wait_minutes", "service_level", "utilisation"):
        assert data[key] == pytest.approx(data["erlang_c"][key], rel=0.05), key
    assert data["erlang_c"]["utilisation"] == pytest.approx(0.75)
    assert json.loads(run(*ARGS, "--json")) == data  # same seed, same answer


def test_mmc_readable_summary() -> None:
    text = run(*ARGS)
    assert text.startswith("M/M/4:") and "Erlang C" in text


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--arrival-rate", "0", "--arrival-rate must be greater than 0"),
        ("--service-mean", "-5", "--service-mean must be greater than 0"),
        ("--servers", "0", "--servers must be between 1 and 10,000"),
        ("--wait-threshold", "-1", "--wait-threshold must be at least 0"),
        ("--horizon", "0", "--horizon must be greater than 0"),
        ("--service-mean", "60", "Unstable"),
        # Issue #17: these hung, grew past 850 MB, or printed NaN results.
        ("--horizon", "inf", "--horizon must be a finite number"),
        ("--horizon", "1e9", "--horizon must be greater than 0 and at most"),
        ("--servers", "100000000", "--servers must be between 1 and 10,000"),
        ("--wait-threshold", "nan", "--wait-threshold must be a finite number"),
        ("--arrival-rate", "nan", "--arrival-rate must be a finite number"),
        ("--service-mean", "inf", "--service-mean must be a finite number"),
    ],
)
def test_bad_input_names_the_field(flag: str, value: str, message: str) -> None:
    args = list(ARGS)
    args[args.index(flag) + 1] = value
    with pytest.raises(CommandError, match=message):
        run(*args)


@pytest.mark.django_db
def test_region_prints_json_with_the_outputs() -> None:
    data = json.loads(run("region", "--days", "20", "--teams", "2", "--json", "--no-progress"))
    result = data["result"]
    assert result["calls"] > 150  # 18 counted days of ~5,150 visits a year (the funnel's output, not E33)
    assert {u["code"] for u in result["urgencies"]} == {"U2", "U3", "U4"}
    for key in ("police_wait_mean", "police_wait_p90", "police_hours_per_year", "utilisation", "queue_mean"):
        assert result[key] is not None
    rostered = 4 * 3 * 2 * 8 * 7 * 2 / 28.8  # 4 bases × 3 shifts × 2 teams × 8 h × 7 days × 2 people ÷ 28.8 h
    handovers = 4 * 3 * 2 * 7 * 0.25 * 2 / 28.8  # 15 minutes per team per shift
    assert data["fte"] == pytest.approx(result["fte"])
    overtime = result["overtime_hours_per_year"] / 52 * 2 / 28.8
    assert data["fte"] == pytest.approx(rostered + handovers + overtime)


@pytest.mark.django_db
def test_region_summary_and_search(tmp_path: Any) -> None:
    text = run("region", "--days", "20", "--no-progress")
    assert "Midden-Nederland 2024" in text and "police waiting on scene" in text and "FTE" in text
    found = run("region", "--days", "20", "--search", "--no-progress")
    assert "Smallest staffing found" in found


@pytest.mark.django_db
def test_region_writes_and_reads_a_scenario_file(tmp_path: Any) -> None:
    path = tmp_path / "s.json"
    first = run("region", "--days", "15", "--json", "--no-progress", "--write-scenario", str(path))
    assert json.loads(run("region", "--scenario", str(path), "--json", "--no-progress")) == json.loads(first)
    broken = json.loads(path.read_text())
    broken["urgencies"][0]["share"] = 0.1
    path.write_text(json.dumps(broken))
    with pytest.raises(CommandError, match="urgencies: the shares must add up to 1"):
        run("region", "--scenario", str(path), "--no-progress")
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        run("region", "--scenario", str(path))
    with pytest.raises(CommandError, match="cannot read"):
        run("region", "--scenario", str(tmp_path / "missing.json"))


@pytest.mark.django_db
def test_region_bad_options_are_named() -> None:
    with pytest.raises(CommandError, match="--teams"):
        run("region", "--teams", "-1")
    with pytest.raises(CommandError, match="days"):
        run("region", "--days", "0", "--no-progress")
    with pytest.raises(CommandError, match="history"):
        run("region", "--region", "nederland", "--source", "history")
    with pytest.raises(CommandError, match=r"Te weinig historie|Too little history"):
        run("region", "--source", "history", "--no-progress")


@pytest.mark.django_db
def test_region_refuses_absurd_demand_instead_of_exhausting_memory() -> None:
    with pytest.raises(CommandError, match="more than 10,000,000 arrivals a year is not a region"):
        run("region", "--growth", "100", "--year", "2040", "--no-progress")  # 2^19 times the demand of 2021
