"""Marking the views that show personal data. Each must write an access-log row; a test walks every URL and
checks both that each marked view logs and that every view is classified (so a new page cannot slip through)."""

from __future__ import annotations

from typing import TypeVar

F = TypeVar("F")


def shows_personal_data(view: F) -> F:
    view.shows_personal_data = True  # type: ignore[attr-defined]
    return view
