"""Which free text retention removes, and which text fields need no removal (with the reason): declared by the app
that owns each model, from its AppConfig.ready.

`text_retention_register`: a model's personal free text and its category; the retention run (privacy) removes each
declared field at its category's period — text of a model tied to a situation (`situation_field`) with that
situation's data, text of a model with its own end (a preventive request, an unsafe report) through that model's
`ended` date and `mark`. `text_not_personal`: the app's text fields that hold no personal data of the people GIPZ
is about, each with why. A test lists every text field of every model and fails on one that is neither declared nor
explained, so new personal text cannot slip through."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class TextRetention:
    model: type[models.Model]
    fields: tuple[str, ...]
    category: str  # "identity", "care" or "shared" (privacy/retention.py)
    situation_field: str = ""  # removed with the situation's data of that category
    ended: str = ""  # or: the model's own end (an expression over its fields, see `ended_expression`)
    mark: str = ""  # the field that records the removal (makes a rerun skip it)


_RULES: list[TextRetention] = []
_NOT_PERSONAL: dict[str, str] = {}


def text_retention_register(rule: TextRetention) -> None:
    if rule not in _RULES:
        _RULES.append(rule)


def text_rules(category: str | None = None) -> list[TextRetention]:
    return [r for r in _RULES if category is None or r.category == category]


def text_not_personal(app_label: str, reasons: dict[str, str]) -> None:
    """`reasons` by "<App.Model>.<field>", "<App.Model>.*" or "<app>.*"; an app explains only its own models (core,
    which owns the history base model, also explains fields every history has: "*.<field>")."""
    for key in reasons:
        owner = key.split(".")[0].lower()
        if owner != app_label and not (owner == "*" and app_label == "core"):
            raise ValueError(f"{app_label} cannot explain {key!r}: each app explains its own models")
    _NOT_PERSONAL.update(reasons)


def not_personal_reason(label: str, field: str) -> str | None:
    app = label.split(".")[0]
    for key in (f"{label}.{field}", f"{label}.*", f"{app}.*", f"*.{field}"):
        if key in _NOT_PERSONAL:
            return _NOT_PERSONAL[key]
    return None
