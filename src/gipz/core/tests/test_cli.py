"""The `gipz` console script turns an operator's mistake into one line and exit code 2, not a traceback."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import OperationalError

from gipz import cli


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ImproperlyConfigured("GIPZ_SECRET_KEY must be set"), "configuration error: GIPZ_SECRET_KEY must be set"),
        (OperationalError("no such table: monitoring_e33registration"), "did you run `gipz migrate`?"),
    ],
)
def test_operator_errors_are_one_message(monkeypatch: Any, capsys: Any, error: Exception, expected: str) -> None:
    def fail(argv: list[str]) -> None:
        assert argv[1] == "import_e33"  # dashes become underscores
        raise error

    monkeypatch.setattr("django.core.management.execute_from_command_line", fail)
    monkeypatch.setattr(sys, "argv", ["gipz", "import-e33", "x.csv"])
    with pytest.raises(SystemExit) as caught:
        cli.main()
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
