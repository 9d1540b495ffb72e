"""Erlang C against hand-checked values, and the simulator against Erlang C (pure: no database)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from gipz.simulation.core.erlang import ErlangC
from gipz.simulation.core.mmc import simulate_mmc


def test_erlang_c_hand_checked_two_servers() -> None:
    # λ = 1/h, E[S] = 1 h, c = 2: a = 1; B(2,1) = (1/2)/(1 + 1 + 1/2) = 0.2; C = 2·0.2/(2 − 0.8) = 1/3;
    # Wq = C/(cμ − λ) = (1/3)/1; P(W ≤ 0.5) = 1 − (1/3)·e^(−0.5).
    e = ErlangC(arrival_rate=1, service_mean=1, servers=2)
    assert e.erlang_b == pytest.approx(0.2)
    assert e.p_wait == pytest.approx(1 / 3)
    assert e.mean_wait == pytest.approx(1 / 3)
    assert e.service_level(0.5) == pytest.approx(1 - math.exp(-0.5) / 3)
    assert e.utilisation == pytest.approx(0.5)


def test_erlang_c_is_m_m_1_for_one_server() -> None:
    # M/M/1 with ρ = 0.5: P(wait) = ρ = 0.5, Wq = ρ/(μ − λ) = 0.5/0.5 = 1 h.
    e = ErlangC(arrival_rate=0.5, service_mean=1, servers=1)
    assert e.p_wait == pytest.approx(0.5)
    assert e.mean_wait == pytest.approx(1.0)


def test_erlang_c_textbook_call_centre() -> None:
    # 10 Erlang offered to 11 agents: C ≈ 0.6821 (standard Erlang C table value).
    assert ErlangC(arrival_rate=10, service_mean=1, servers=11).p_wait == pytest.approx(0.6821, abs=5e-4)


@pytest.mark.parametrize(
    ("arrival_rate", "service_mean", "servers"),
    [(1, 1, 0), (0, 1, 1), (1, -1, 1), (2, 1, 2), (3, 1, 2)],
)
def test_unstable_or_invalid_systems_are_refused(arrival_rate: float, service_mean: float, servers: int) -> None:
    with pytest.raises(ValueError):
        ErlangC(arrival_rate=arrival_rate, service_mean=service_mean, servers=servers)


@pytest.mark.parametrize(
    ("arrival_rate", "service_mean", "servers", "customers"),
    [
        (1.0, 1.0, 2, 1_500_000),  # light: ρ = 0.5
        (4.0, 0.5, 3, 1_500_000),  # ρ ≈ 0.67
        (0.8, 1.0, 1, 2_000_000),  # M/M/1 at ρ = 0.8
        (19.0, 1.0, 20, 4_000_000),  # heavy load: ρ = 0.95
    ],
)
def test_simulator_agrees_with_erlang_c_within_two_percent(
    arrival_rate: float, service_mean: float, servers: int, customers: int
) -> None:
    threshold = 0.25
    theory = ErlangC(arrival_rate=arrival_rate, service_mean=service_mean, servers=servers)
    sim = simulate_mmc(
        arrival_rate=arrival_rate,
        service_mean=service_mean,
        servers=servers,
        wait_threshold=threshold,
        horizon=customers / arrival_rate,
        seed=11,
    )
    assert sim.p_wait == pytest.approx(theory.p_wait, rel=0.02)
    assert sim.mean_wait == pytest.approx(theory.mean_wait, rel=0.02)
    assert sim.service_level == pytest.approx(theory.service_level(threshold), rel=0.02)
    assert sim.utilisation == pytest.approx(theory.utilisation, rel=0.02)


def test_simulation_is_deterministic_per_seed() -> None:
    run = dict(arrival_rate=3.0, service_mean=0.5, servers=2, wait_threshold=0.1, horizon=500.0)
    assert simulate_mmc(**run, seed=5) == simulate_mmc(**run, seed=5)
    assert simulate_mmc(**run, seed=5) != simulate_mmc(**run, seed=6)


def test_core_does_not_import_django() -> None:
    code = (
        "import sys; import gipz.simulation.core.erlang, gipz.simulation.core.mmc, gipz.simulation.core.region, "
        "gipz.simulation.core.staffing, gipz.simulation.core.presets, gipz.simulation.core.baseline; "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
