"""The one CSV writer: semicolons, an optional byte-order mark, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

from gipz.core.csvfile import BOM, csv_text


def test_csv_is_semicolon_separated_with_a_bom_for_excel() -> None:
    text = csv_text([["M2612-ABC", 3, "Utrecht; centrum"]], header=["melding", "aantal", "plaats"])
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))
    assert rows == [["melding", "aantal", "plaats"], ["M2612-ABC", "3", "Utrecht; centrum"]]
    assert not csv_text([["a"]], bom=False).startswith(BOM)


def test_a_cell_that_looks_like_a_formula_is_written_as_text() -> None:
    text = csv_text([['=HYPERLINK("http://x","klik")', "+31 6", "-5", "@SUM(A1)", -5, "gewoon"]], bom=False)
    (row,) = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert row == ['\'=HYPERLINK("http://x","klik")', "'+31 6", "'-5", "'@SUM(A1)", "-5", "gewoon"]
