from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

DOCS = Path(__file__).resolve().parents[4] / "docs" / "configuration.md"


@pytest.mark.parametrize("raw", ["maybe", "2", "ja"])
def test_bad_boolean_fails_loudly_naming_the_variable(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("GIPZ_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="GIPZ_TEST_FLAG"):
        env.env_bool("GIPZ_TEST_FLAG", False, "test")


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("0", False), (" Yes ", True), ("off", False)])
def test_booleans(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("GIPZ_TEST_FLAG", raw)
    assert env.env_bool("GIPZ_TEST_FLAG", not expected, "test") is expected


def test_integers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPZ_TEST_INT", "12")
    assert env.env_int("GIPZ_TEST_INT", 1, "test") == 12
    monkeypatch.setenv("GIPZ_TEST_INT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="GIPZ_TEST_INT='twelve' is not a whole number"):
        env.env_int("GIPZ_TEST_INT", 1, "test")
    monkeypatch.setenv("GIPZ_TEST_INT", "0")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env.env_int("GIPZ_TEST_INT", 1, "test", minimum=1)


def test_lists_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GIPZ_TEST_LIST", raising=False)
    assert env.env_list("GIPZ_TEST_LIST", ["a"], "test") == ["a"]
    monkeypatch.setenv("GIPZ_TEST_LIST", "x, y,,z")
    assert env.env_list("GIPZ_TEST_LIST", [], "test") == ["x", "y", "z"]


def test_database_url_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from config.settings import _check_database_url

    assert _check_database_url("postgres://u@h/db") is None
    assert _check_database_url("sqlite:////tmp/x.sqlite3") is None
    assert _check_database_url("") is None
    assert "postgres://" in (_check_database_url("mysql://u@h/db") or "")
    monkeypatch.setenv("GIPZ_TEST_URL", "mysql://u@h/db")
    with pytest.raises(ImproperlyConfigured, match="GIPZ_TEST_URL"):
        env.env_checked("GIPZ_TEST_URL", "", "test", _check_database_url)


def test_configuration_docs_are_current() -> None:
    import config.settings  # noqa: F401  (registers every variable)

    for name in [n for n in env.REGISTRY if n.startswith("GIPZ_TEST_")]:
        env.REGISTRY.pop(name)
    assert DOCS.read_text() == env.render_markdown(), "run: gipz config-docs > docs/configuration.md"


def test_cli_reports_a_bad_setting_without_a_traceback() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "GIPZ_DEBUG": "maybe", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "gipz.cli", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "GIPZ_DEBUG='maybe' is not a boolean" in result.stderr
    assert "Traceback" not in result.stderr
