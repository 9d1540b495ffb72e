"""What a municipal change moves in this app (registered with geo.changes): the municipalities a key figure serves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gipz.core.audit import audit_record
from gipz.geo.models import Municipality
from gipz.keyfigures.models import KeyFigure


def move_key_figures(old: Municipality, successors: list[tuple[Municipality, Decimal]], legal_date: date) -> list[str]:
    lines = []
    for figure in KeyFigure.objects.filter(municipalities=old):
        figure.municipalities.add(*(m for m, _share in successors))
        figure.municipalities.remove(old)
        audit_record(
            actor=None,
            event_type="key_figure.herindeling",
            obj=figure,
            new={"removed": old.code, "added": [m.code for m, _s in successors], "date": str(legal_date)},
        )
        lines.append(f"sleutelfiguur {figure.pk}: {old.name} → {', '.join(m.name for m, _s in successors)}")
    return lines
