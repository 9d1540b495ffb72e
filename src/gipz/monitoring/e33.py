"""Parsing the police's E33 registrations per municipality (2013–2017). Pure Python: no Django.

Format (../shared/data/README.md): `;`-separated, no header, Dutch numbers (`1.053` = 1053, `2,16` = 2.16), a UTF-8
byte-order mark on the first line. Columns: name; CBS code; counts 2013–2017; per 1,000 inhabitants 2013–2017.
The whole file is checked before anything is used: the first problem is reported with its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

YEARS = (2013, 2014, 2015, 2016, 2017)
# The shipped file (a copy of ../shared/data/e33/, see data/README.md).
MUNICIPAL_FILE = Path(__file__).resolve().parent / "data" / "e33_per_gemeente_2013_2017.csv"

COLUMNS = 2 + 2 * len(YEARS)
_CODE = re.compile(r"^GM\d{4}$")
_INTEGER = re.compile(r"^\d{1,3}(\.\d{3})*$|^\d+$")
_DECIMAL = re.compile(r"^\d+(,\d+)?$")


class E33FormatError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class E33Row:
    code: str
    name: str
    year: int
    count: int
    per_1000: float


def dutch_integer(text: str) -> int:
    """'1.053' → 1053; refuses decimals and stray characters."""
    value = text.strip()
    if not _INTEGER.match(value):
        raise ValueError(f"{text!r} is not a whole number in Dutch notation (e.g. 1.053)")
    return int(value.replace(".", ""))


def dutch_decimal(text: str) -> float:
    """'2,16' → 2.16."""
    value = text.strip()
    if not _DECIMAL.match(value):
        raise ValueError(f"{text!r} is not a decimal number in Dutch notation (e.g. 2,16)")
    return float(value.replace(",", "."))


def parse_e33(data: bytes) -> list[E33Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise E33FormatError(line, "not UTF-8 text") from None
    rows: list[E33Row] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        fields = raw.split(";")
        if len(fields) != COLUMNS:
            raise E33FormatError(number, f"expected {COLUMNS} fields separated by ';', found {len(fields)}")
        name, code = fields[0].strip(), fields[1].strip()
        if not name:
            raise E33FormatError(number, "the municipality name is empty")
        if not _CODE.match(code):
            raise E33FormatError(number, f"{code!r} is not a CBS municipality code (GM followed by four digits)")
        if code in seen:
            raise E33FormatError(number, f"{code} appears twice (also on line {seen[code]})")
        seen[code] = number
        try:
            counts = [dutch_integer(v) for v in fields[2 : 2 + len(YEARS)]]
            rates = [dutch_decimal(v) for v in fields[2 + len(YEARS) :]]
        except ValueError as exc:
            raise E33FormatError(number, str(exc)) from None
        rows += [
            E33Row(code=code, name=name, year=year, count=count, per_1000=rate)
            for year, count, rate in zip(YEARS, counts, rates, strict=True)
        ]
    if not rows:
        raise E33FormatError(1, "the file holds no rows")
    return rows
