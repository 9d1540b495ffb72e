"""The access-log port: lower apps write through it, privacy installs the writer, and without one it refuses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from gipz.core import personal_data
from gipz.privacy.access import access_log_in_situation


def test_the_privacy_app_installs_its_writer() -> None:
    assert personal_data._writer is access_log_in_situation


def test_without_a_writer_nothing_is_skipped_silently(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(personal_data, "_writer", None)
    with pytest.raises(ImproperlyConfigured):
        personal_data.access_log_write(actor=None, action="view", obj=object(), situation_id=1)  # type: ignore[arg-type]
