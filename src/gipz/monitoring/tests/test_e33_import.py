"""Importing the police's E33 registrations: the real file, and broken files that must import nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gipz.monitoring.e33 import MUNICIPAL_FILE, E33FormatError, dutch_decimal, dutch_integer, parse_e33
from gipz.monitoring.models import E33Registration

# The file from ../shared/data/e33/ as the project ships it (the first test keeps the copy identical).
REAL = MUNICIPAL_FILE
SHARED = Path(__file__).resolve().parents[5] / "shared" / "data" / "e33" / REAL.name


def test_the_shipped_copy_is_the_reference_file() -> None:
    if not SHARED.exists():
        pytest.skip(f"no reference data next to this checkout ({SHARED})")
    assert SHARED.read_bytes() == REAL.read_bytes()


GOOD_LINE = "Utrecht;GM0344;1.053;1.200;1.301;1.402;1.503;3,16;3,5;3,7;3,9;4,1"


def test_dutch_numbers() -> None:
    assert dutch_integer("1.053") == 1053 and dutch_integer("80") == 80 and dutch_integer("12.345.678") == 12345678
    assert dutch_decimal("2,16") == pytest.approx(2.16) and dutch_decimal("3") == 3.0
    for bad in ("1,5", "1.05", "", "-3", "1 000"):
        with pytest.raises(ValueError):
            dutch_integer(bad)
    with pytest.raises(ValueError):
        dutch_decimal("2.16")


@pytest.mark.django_db
def test_the_real_file_imports_with_the_published_totals() -> None:
    out = StringIO()
    call_command("import_e33", str(REAL), stdout=out)
    assert "388 municipalities" in out.getvalue()
    assert E33Registration.objects.count() == 388 * 5
    totals = {y: sum(E33Registration.objects.filter(year=y).values_list("count", flat=True)) for y in range(2013, 2018)}
    assert totals == {2013: 51945, 2014: 59471, 2015: 65956, 2016: 74878, 2017: 83501}
    utrecht = E33Registration.objects.get(municipality_code="GM0344", year=2017)
    assert utrecht.municipality_name == "Utrecht" and utrecht.count > 1000 and utrecht.per_1000 > 0
    first = E33Registration.objects.get(municipality_code="GM1680", year=2013)  # the line with the byte-order mark
    assert (first.municipality_name, first.count) == ("Aa en Hunze", 32)
    call_command("import_e33", str(REAL), stdout=StringIO())  # again: same result, no duplicates
    assert E33Registration.objects.count() == 388 * 5


BROKEN = [
    (b"", 1, "no rows"),
    (GOOD_LINE.encode() + b"\nAmersfoort;GM0307;12;13\n", 2, "expected 12 fields"),
    (GOOD_LINE.encode() + b"\n" + GOOD_LINE.replace("GM0344", "GM34").encode(), 2, "not a CBS municipality code"),
    (GOOD_LINE.encode() + b"\n" + GOOD_LINE.encode(), 2, "appears twice (also on line 1)"),
    (GOOD_LINE.replace("1.053", "1,053").encode(), 1, "not a whole number"),
    (GOOD_LINE.replace("3,16", "3.16").encode(), 1, "not a decimal number"),
    (b"\n\n" + GOOD_LINE.replace("Utrecht", " ").encode(), 3, "name is empty"),
    (GOOD_LINE.encode() + b"\n\xff\xfe broken", 2, "not UTF-8"),
]


@pytest.mark.parametrize(("data", "line", "message"), BROKEN)
def test_a_broken_file_names_the_line(data: bytes, line: int, message: str) -> None:
    with pytest.raises(E33FormatError) as caught:
        parse_e33(data)
    assert caught.value.line == line and message in caught.value.message


@pytest.mark.django_db
def test_a_broken_file_imports_nothing_and_keeps_what_was_there(tmp_path: Path) -> None:
    call_command("import_e33", str(REAL), stdout=StringIO())
    broken = tmp_path / "broken.csv"
    lines = REAL.read_bytes().splitlines()
    lines[200] = lines[200].replace(b";", b",", 3)
    broken.write_bytes(b"\n".join(lines))
    with pytest.raises(CommandError, match=r"line 201: .*Nothing was imported"):
        call_command("import_e33", str(broken), stdout=StringIO())
    assert E33Registration.objects.count() == 388 * 5
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_e33", str(tmp_path / "missing.csv"))


def test_a_bom_and_windows_line_ends_are_fine() -> None:
    rows = parse_e33(b"\xef\xbb\xbf" + GOOD_LINE.encode() + b"\r\n")
    assert [(r.year, r.count) for r in rows][:2] == [(2013, 1053), (2014, 1200)]


@pytest.mark.django_db
def test_a_file_cut_off_at_a_line_end_is_refused_not_imported(tmp_path: Path) -> None:
    """Issue #17: a one-line file took 1,940 rows down to 5 with exit code 0."""
    call_command("import_e33", str(REAL), stdout=StringIO())
    cut = tmp_path / "cut.csv"
    cut.write_bytes(REAL.read_bytes().splitlines(keepends=True)[0])
    with pytest.raises(CommandError, match=r"would remove 387 of the 388 municipalities .*--replace"):
        call_command("import_e33", str(cut), stdout=StringIO())
    assert E33Registration.objects.count() == 388 * 5  # nothing was removed


@pytest.mark.django_db
def test_replace_says_it_and_takes_the_smaller_data_set(tmp_path: Path) -> None:
    call_command("import_e33", str(REAL), stdout=StringIO())
    smaller = tmp_path / "smaller.csv"
    smaller.write_bytes(b"".join(REAL.read_bytes().splitlines(keepends=True)[:10]))
    out = StringIO()
    call_command("import_e33", str(smaller), "--replace", stdout=out)
    assert E33Registration.objects.count() == 10 * 5 and "Imported 50 rows" in out.getvalue()
    call_command("import_e33", str(smaller), stdout=StringIO())  # the same file again removes nothing: fine
