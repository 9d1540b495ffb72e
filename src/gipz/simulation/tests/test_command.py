from __future__ import annotations

import json
from io import StringIO

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
        ("--servers", "0", "--servers must be at least 1"),
        ("--wait-threshold", "-1", "--wait-threshold must not be negative"),
        ("--horizon", "0", "--horizon must be greater than 0"),
        ("--service-mean", "60", "Unstable"),
    ],
)
def test_bad_input_names_the_field(flag: str, value: str, message: str) -> None:
    args = list(ARGS)
    args[args.index(flag) + 1] = value
    with pytest.raises(CommandError, match=message):
        run(*args)
