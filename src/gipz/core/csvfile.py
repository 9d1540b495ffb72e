"""The one way GIPZ writes CSV: semicolons (what Excel expects with Dutch settings), optionally a byte-order mark so
Excel reads UTF-8, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """Text that starts like a formula gets a leading apostrophe (OWASP: CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[Any]], *, header: Sequence[str] | None = None, bom: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    if header is not None:
        writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    return (BOM if bom else "") + buffer.getvalue()
